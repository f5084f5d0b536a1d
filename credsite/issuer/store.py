"""The issued credentials in ``content/credentials/``: reading them and what they tell us.

Each issued credential is an immutable file ``content/credentials/<token>.json``, stored exactly
as signed. The store answers the questions issuing and the build ask: which status list indexes
are taken, which learners already hold a module's credential, which ids repeat.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any, NamedTuple

from credsite.base.atomic import write_atomically
from credsite.base.errors import BuildError, Diagnostic
from credsite.base.jsonfile import JsonInputError, load_json
from credsite.issuer.credential import hash_identity

CREDENTIALS_DIR = "content/credentials"
CACHE_DIR = ".credsite-cache"  # the site's caches (this index, the build's): safe to delete
_TOKEN = re.compile(r"^[a-z2-7]{26,64}$")
_ACHIEVEMENT_PATH = re.compile(r"/modules/([a-z0-9-]+)/achievement\.json$")
_LIST_NUMBER = re.compile(r"/status/(revocation|suspension)-(\d+)\.json$")


INDEX_FILE = "store-index.json"
INDEX_VERSION = 1


class StoredCredential(NamedTuple):
    """One credential file: the facts issuing and the build need, and the file itself on demand.

    A national site holds hundreds of thousands of credentials; keeping only these facts in
    memory (and caching them by file size, time and inode) is what lets a build read the store
    in a second. A named tuple, which is made several times faster than a dataclass. ``raw`` and ``document`` read the file when a page or a check needs it.
    """

    token: str
    path: str  # relative to the site root
    root: str  # the site root, so the file can be read later
    digest: str  # SHA-256 of the file: what was verified is what pages embed
    credential_id: str
    module: str | None
    language: str | None
    status_list: str | None
    status_index: int | None
    email_hash: str | None = None
    salt: str | None = None

    @property
    def raw(self) -> bytes:
        return read_checked(str(Path(self.root) / self.path), self.digest)

    @property
    def document(self) -> dict[str, Any]:
        document: dict[str, Any] = load_json(self.raw)  # a credential: a JSON object
        return document

    def email_identity(self) -> tuple[str, str] | None:
        """(identityHash, salt) of the hashed e-mail address, if the credential has one."""
        return (self.email_hash, self.salt or "") if self.email_hash is not None else None

    def holds(self, email: str) -> bool:
        """Whether this credential was issued to ``email`` (normalised)."""
        identity = self.email_identity()
        return (
            identity is not None
            and hash_identity(email, identity[1]).lower() == identity[0].lower()
        )

    def facts(self) -> list[Any]:
        return [
            self.digest,
            self.credential_id,
            self.module,
            self.language,
            self.status_list,
            self.status_index,
            self.email_hash,
            self.salt,
        ]


def read_checked(source: str, digest: str) -> bytes:
    """A credential file's bytes, if they are still what was verified: a page must never embed
    a file that changed between the check and the write."""
    try:
        data = Path(source).read_bytes()
    except OSError as error:
        raise BuildError(f"{source}: cannot read ({error.strerror}); build again") from error
    if hashlib.sha256(data).hexdigest() != digest:
        raise BuildError(f"{source} changed while the site was being built; build again")
    return data


def read_credential(path: Path, root: Path) -> StoredCredential | Diagnostic:
    """One credential file's facts, or why it is not a credential this site can publish."""
    shown = path.relative_to(root).as_posix()
    token = path.stem
    if not _TOKEN.match(token):
        return Diagnostic(
            shown,
            None,
            "",
            "not a credential file name (lower-case base32 token, as written by 'issue')",
        )
    raw = path.read_bytes()
    try:
        document = load_json(raw)
    except JsonInputError as error:
        reason = f"not valid JSON ({error.reason})" if error.syntax else error.reason
        return Diagnostic(
            shown, error.line, "", f"{reason}; issued credentials must never be edited"
        )
    if not isinstance(document, dict):
        return Diagnostic(shown, 1, "", "not a credential (expected a JSON object)")
    if not str(document.get("id", "")).endswith(f"/c/{token}/"):
        # it would be published at a page that is not its id, and its own link would break
        return Diagnostic(
            shown,
            None,
            "id",
            f"{document.get('id')!r} does not match the file name; issued credentials must never be renamed or edited",
        )
    return _from_document(token, shown, root, hashlib.sha256(raw).hexdigest(), document)


def _from_document(
    token: str, shown: str, root: Path, digest: str, document: dict[str, Any]
) -> StoredCredential:
    status = document.get("credentialStatus")
    status_list = status_index = None
    if isinstance(status, dict):
        status_list = status.get("statusListCredential")
        index = status.get("statusListIndex")
        status_index = int(index) if isinstance(index, str) and index.isdigit() else None
    module = language = None
    subject = document.get("credentialSubject")
    achievement = subject.get("achievement") if isinstance(subject, dict) else None
    if isinstance(achievement, dict):
        match = _ACHIEVEMENT_PATH.search(str(achievement.get("id", "")))
        module = match.group(1) if match else None
        language = (
            achievement.get("inLanguage")
            if isinstance(achievement.get("inLanguage"), str)
            else None
        )
    email_hash = salt = None
    identifiers = subject.get("identifier", []) if isinstance(subject, dict) else []
    for identity in identifiers if isinstance(identifiers, list) else []:
        if (
            isinstance(identity, dict)
            and identity.get("identityType") == "emailAddress"
            and identity.get("hashed")
        ):
            email_hash, salt = str(identity.get("identityHash")), str(identity.get("salt", ""))
            break
    return StoredCredential(
        token, shown, str(root), digest, str(document.get("id")), module, language,
        status_list if isinstance(status_list, str) else None, status_index, email_hash, salt,
    )  # fmt: skip


def load_store(
    root: Path, cache_dir: Path | None = None, known: Mapping[str, str] | None = None
) -> tuple[list[StoredCredential], list[Diagnostic]]:
    """Every credential file's facts. With ``cache_dir``, files whose size, modification time
    and inode are unchanged since the last run are not read again (credentials are immutable;
    an edited one changes its time or size and is read, and then fails verification).

    This runs at the start of every build and issue run, over a hundred thousand files on a
    national site: one directory scan, plain strings, no Path object per file. ``known`` holds
    "size time inode" the caller already read (the input snapshot), by file name."""
    index = _read_index(cache_dir) if cache_dir else {}
    fresh: dict[str, list[Any]] = {}
    credentials: list[StoredCredential] = []
    problems: list[Diagnostic] = []
    folder = root / CREDENTIALS_DIR
    root_text = str(root)
    read = 0
    for name, entry in _json_entries(folder):
        stat = known.get(name) if known is not None else None
        if stat is None:
            info = entry.stat()
            key = [info.st_size, info.st_mtime_ns, info.st_ino]
        else:
            key = [int(part) for part in stat.split()]
        cached = index.get(name)
        if cached and cached[:3] == key:
            credentials.append(
                StoredCredential(name[:-5], f"{CREDENTIALS_DIR}/{name}", root_text, *cached[3:])
            )
            fresh[name] = cached
            continue
        read += 1
        found = read_credential(folder / name, root)
        if isinstance(found, Diagnostic):
            problems.append(found)
            continue
        credentials.append(found)
        fresh[name] = key + found.facts()
    if cache_dir and (read or len(fresh) != len(index)):
        _write_index(cache_dir, fresh)
    problems += duplicate_problems(credentials)
    return credentials, problems


def is_credential_file(name: str) -> bool:
    """Which names in content/credentials are credentials (dot files are editors' and issue
    runs' temporary files)."""
    return name.endswith(".json") and not name.startswith(".")


def _json_entries(folder: Path) -> list[tuple[str, os.DirEntry[str]]]:
    try:
        with os.scandir(folder) as entries:
            found = [(e.name, e) for e in entries if is_credential_file(e.name) and e.is_file()]
    except FileNotFoundError:
        return []
    return sorted(found, key=lambda item: item[0])


def _read_index(cache_dir: Path) -> dict[str, list[Any]]:
    try:
        data = json.loads((cache_dir / INDEX_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(data, dict) or data.get("version") != INDEX_VERSION:
        return {}
    files = data.get("files")
    return files if isinstance(files, dict) else {}


def _write_index(cache_dir: Path, files: dict[str, list[Any]]) -> None:
    """A cache: not synced to disk, as a lost one only costs reading the files again."""
    data = json.dumps({"version": INDEX_VERSION, "files": files}, separators=(",", ":"))
    write_atomically(cache_dir / INDEX_FILE, data, durable=False)


def duplicate_problems(credentials: Sequence[StoredCredential]) -> list[Diagnostic]:
    """Two credentials with one id, or one status bit, would share a page or a revocation."""
    problems = []
    ids: dict[str, str] = {}
    slots: dict[tuple[str, int], str] = {}
    for credential in credentials:
        credential_id = credential.credential_id
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


def used_indexes(credentials: Iterable[StoredCredential], list_url: str) -> set[int]:
    return {
        c.status_index
        for c in credentials
        if c.status_list == list_url and c.status_index is not None
    }


def used_slots(credentials: Iterable[StoredCredential]) -> dict[str, list[int]]:
    """The status indexes credentials take, sorted, by list (what ``load_added`` checks
    against)."""
    used: dict[str, list[int]] = {}
    for c in credentials:
        if c.status_list is not None and c.status_index is not None:
            used.setdefault(c.status_list, []).append(c.status_index)
    return {url: sorted(indexes) for url, indexes in sorted(used.items())}


def list_number(list_url: str) -> int | None:
    match = _LIST_NUMBER.search(list_url)
    return int(match.group(2)) if match else None
