"""The issued credentials in ``content/credentials/``: reading them and what they tell us.

Each issued credential is an immutable file ``content/credentials/<token>.json``, stored exactly
as signed. The store answers the questions issuing and the build ask: which status list indexes
are taken, which learners already hold a module's credential, which ids repeat.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .credential import hash_identity
from .errors import Diagnostic

CREDENTIALS_DIR = "content/credentials"
_TOKEN = re.compile(r"^[a-z2-7]{26,64}$")
_ACHIEVEMENT_PATH = re.compile(r"/modules/([a-z0-9-]+)/achievement\.json$")
_LIST_NUMBER = re.compile(r"/status/(revocation|suspension)-(\d+)\.json$")


@dataclass(frozen=True)
class StoredCredential:
    """One credential file, with the facts other stages need, parsed once."""

    token: str
    path: str  # relative to the site root
    raw: bytes  # the file's bytes: pages embed exactly these
    document: dict[str, Any]
    module: str | None
    status_list: str | None
    status_index: int | None

    @property
    def digest(self) -> str:
        return hashlib.sha256(self.raw).hexdigest()

    def email_identity(self) -> tuple[str, str] | None:
        """(identityHash, salt) of the hashed e-mail address, if the credential has one."""
        subject = self.document.get("credentialSubject")
        identifiers = subject.get("identifier", []) if isinstance(subject, dict) else []
        for identity in identifiers if isinstance(identifiers, list) else []:
            if (
                isinstance(identity, dict)
                and identity.get("identityType") == "emailAddress"
                and identity.get("hashed")
            ):
                return str(identity.get("identityHash")), str(identity.get("salt", ""))
        return None

    def holds(self, email: str) -> bool:
        """Whether this credential was issued to ``email`` (normalised)."""
        identity = self.email_identity()
        return (
            identity is not None
            and hash_identity(email, identity[1]).lower() == identity[0].lower()
        )

    def recipient_name(self) -> str | None:
        subject = self.document.get("credentialSubject", {})
        for identity in subject.get("identifier", []) if isinstance(subject, dict) else []:
            if (
                isinstance(identity, dict)
                and identity.get("identityType") == "name"
                and not identity.get("hashed")
            ):
                return str(identity.get("identityHash"))
        return None


def credential_files(root: Path) -> Iterator[Path]:
    folder = root / CREDENTIALS_DIR
    if folder.is_dir():
        yield from sorted(p for p in folder.glob("*.json") if not p.name.startswith("."))


def read_credential(path: Path, root: Path) -> tuple[StoredCredential | None, Diagnostic | None]:
    shown = path.relative_to(root).as_posix()
    token = path.stem
    if not _TOKEN.match(token):
        return None, Diagnostic(
            shown,
            None,
            "",
            "not a credential file name (lower-case base32 token, as written by 'issue')",
        )
    raw = path.read_bytes()
    try:
        document = json.loads(raw)
    except ValueError as error:
        line = getattr(error, "lineno", None)
        return None, Diagnostic(
            shown,
            line,
            "",
            f"not valid JSON ({getattr(error, 'msg', error)}); issued credentials must never be edited",
        )
    if not isinstance(document, dict):
        return None, Diagnostic(shown, 1, "", "not a credential (expected a JSON object)")
    if not str(document.get("id", "")).endswith(f"/c/{token}/"):
        # it would be published at a page that is not its id, and its own link would break
        return None, Diagnostic(
            shown,
            None,
            "id",
            f"{document.get('id')!r} does not match the file name; issued credentials must never be renamed or edited",
        )
    status = document.get("credentialStatus")
    status_list = status_index = None
    if isinstance(status, dict):
        status_list = status.get("statusListCredential")
        index = status.get("statusListIndex")
        status_index = int(index) if isinstance(index, str) and index.isdigit() else None
    module = None
    subject = document.get("credentialSubject")
    if isinstance(subject, dict) and isinstance(subject.get("achievement"), dict):
        match = _ACHIEVEMENT_PATH.search(str(subject["achievement"].get("id", "")))
        module = match.group(1) if match else None
    return StoredCredential(token, shown, raw, document, module, status_list, status_index), None


def load_store(root: Path) -> tuple[list[StoredCredential], list[Diagnostic]]:
    credentials, problems = [], []
    for path in credential_files(root):
        credential, problem = read_credential(path, root)
        if problem:
            problems.append(problem)
        if credential:
            credentials.append(credential)
    problems += duplicate_problems(credentials)
    return credentials, problems


def duplicate_problems(credentials: list[StoredCredential]) -> list[Diagnostic]:
    """Two credentials with one id, or one status bit, would share a page or a revocation."""
    problems = []
    ids: dict[str, str] = {}
    slots: dict[tuple[str, int], str] = {}
    for credential in credentials:
        credential_id = str(credential.document.get("id"))
        if credential_id in ids:
            problems.append(
                Diagnostic(
                    credential.path,
                    None,
                    "id",
                    f"'{credential_id}' is also the id of {ids[credential_id]}",
                )
            )
        ids.setdefault(credential_id, credential.path)
        if credential.status_list and credential.status_index is not None:
            slot = (credential.status_list, credential.status_index)
            if slot in slots:
                problems.append(
                    Diagnostic(
                        credential.path,
                        None,
                        "credentialStatus",
                        f"status list index {credential.status_index} is also used by {slots[slot]}",
                    )
                )
            slots.setdefault(slot, credential.path)
    return problems


def used_indexes(credentials: list[StoredCredential], list_url: str) -> set[int]:
    return {
        c.status_index
        for c in credentials
        if c.status_list == list_url and c.status_index is not None
    }


def list_number(list_url: str) -> int | None:
    match = _LIST_NUMBER.search(list_url)
    return int(match.group(2)) if match else None
