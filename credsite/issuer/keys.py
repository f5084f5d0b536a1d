"""The issuer's keys: the public ones in the repository, the secret one outside it.

``keys.yaml`` in the site's folder lists every public key the issuer ever used, with its status:
``active`` (signs new credentials), ``retired`` (replaced, but everything it signed stays valid)
or ``compromised`` (with the moment from which its signatures no longer count). The build
publishes all of them in the did:web DID document.

The secret key lives in a JSON file outside the repository (by default in the user's config
folder, mode 0600) or in the ``CREDSITE_SIGNING_KEY`` environment variable (for CI). The build
never needs it; only ``keygen``, ``issue`` and ``revoke`` do.
"""

from __future__ import annotations

import json
import os
from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # cryptography is imported where keys are made: builds never need it
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from credsite.base import urls
from credsite.base.atomic import write_atomically
from credsite.base.errors import Diagnostic, KeyFileError
from credsite.base.jsonfile import JsonInputError, load_json
from credsite.base.secretfile import create_private_file, read_private_file
from credsite.base.sourcefile import LineDict, LineList, parse_yaml, read_text
from credsite.catalogue.fields import Checker
from credsite.standards.multibase import (
    decode_public_key,
    decode_secret_key,
    encode_public_key,
    encode_secret_key,
)
from credsite.standards.timestamps import format_timestamp, parse_timestamp

KEYS_FILE = "keys.yaml"
ENV_VAR = "CREDSITE_SIGNING_KEY"
STATUSES = ("active", "retired", "compromised")
DID_CONTEXTS = ["https://www.w3.org/ns/did/v1", "https://w3id.org/security/multikey/v1"]
_KEY_FIELDS = ("id", "public_key", "created", "status", "compromised_since")

HEADER = """\
# The issuer's public keys, published in its DID document by every build.
# Written by `credsite keygen` and `credsite key compromised`; edit with care.
# Secret keys are NEVER stored here.
"""


@dataclass(frozen=True)
class PublicKey:
    id: str  # the fragment of the verification method id, e.g. 'key-2026-11-23'
    public_key_multibase: str
    created: datetime
    status: str
    compromised_since: datetime | None = None

    def method_id(self, did: str) -> str:
        return f"{did}#{self.id}"


@dataclass(frozen=True)
class KeyRegistry:
    keys: tuple[PublicKey, ...] = ()

    def active(self) -> PublicKey | None:
        return next((k for k in self.keys if k.status == "active"), None)

    def by_id(self, key_id: str) -> PublicKey | None:
        return next((k for k in self.keys if k.id == key_id), None)


@dataclass(frozen=True)
class SigningKey:
    key_id: str
    private_key: Ed25519PrivateKey

    @property
    def public_key_multibase(self) -> str:
        return encode_public_key(self.private_key.public_key().public_bytes_raw())


# -- the registry (keys.yaml) ----------------------------------------------------------------


def load_registry(root: Path) -> tuple[KeyRegistry, list[Diagnostic]]:
    """Read keys.yaml; a site without one simply has no keys yet."""
    path = root / KEYS_FILE
    if not path.is_file():
        return KeyRegistry(), []
    text, problem = read_text(path, KEYS_FILE)
    if problem:
        return KeyRegistry(), [problem]
    parsed = parse_yaml(text or "", KEYS_FILE)
    checker = Checker(KEYS_FILE, ("nl", "en"), "nl")
    checker.diagnostics.extend(parsed.diagnostics)
    if parsed.data is None:
        return KeyRegistry(), checker.diagnostics
    data = checker.mapping(parsed.data, "", 1)
    keys: list[PublicKey] = []
    if data is not None:
        checker.known_keys(data, ("keys",))
        entries = data.get("keys")
        if not isinstance(entries, LineList):
            checker.error(data.line_of("keys"), "keys", "must be a list of keys")
        else:
            for index, raw in enumerate(entries):
                key = _read_key(checker, raw, f"keys[{index}]", entries.line_of(index))
                if key is not None:
                    keys.append(key)
    _check_registry(checker, keys)
    return KeyRegistry(tuple(keys)), checker.diagnostics


def _read_key(checker: Checker, raw: Any, field: str, line: int | None) -> PublicKey | None:
    entry = checker.mapping(raw, field, line)
    if entry is None:
        return None
    for name, value in entry.items():
        if (
            "secret" in str(name).lower()
            or "private" in str(name).lower()
            or str(value).startswith("z3u2")
        ):
            checker.error(
                entry.line_of(name),
                f"{field}.{name}",
                "A SECRET KEY is in keys.yaml: remove it now. keys.yaml is published and kept in git, so treat this key as compromised: 'key compromised', then 'keygen'",
            )
            return None
    checker.known_keys(entry, _KEY_FIELDS, f"{field}.")
    for name in ("id", "public_key", "created", "status"):
        checker.required(entry, name, f"{field}.{name}", _KEY_HELP[name])
    key_id = checker.string(entry, "id", f"{field}.id", max_length=64)
    if key_id is not None and not _is_fragment(key_id):
        checker.error(
            entry.line_of("id"),
            f"{field}.id",
            f"'{key_id}' is not allowed (letters, digits, '-', '_' and '.')",
        )
        key_id = None
    public = checker.string(entry, "public_key", f"{field}.public_key", max_length=100)
    if public is not None:
        try:
            decode_public_key(public)
        except ValueError as error:
            checker.error(
                entry.line_of("public_key"),
                f"{field}.public_key",
                f"not an Ed25519 Multikey ({error})",
            )
            public = None
    created = _timestamp(checker, entry, "created", f"{field}.created")
    status = checker.choice(entry, "status", f"{field}.status", STATUSES)
    since = _timestamp(checker, entry, "compromised_since", f"{field}.compromised_since")
    if status == "compromised" and since is None and entry.get("compromised_since") is None:
        checker.error(
            entry.line_of("status"),
            f"{field}.compromised_since",
            "missing (the moment from which the key's signatures no longer count)",
        )
    if since is not None and status != "compromised":
        checker.error(
            entry.line_of("compromised_since"),
            f"{field}.compromised_since",
            "given, but the status is not compromised",
        )
    if key_id is None or public is None or created is None or status is None:
        return None
    return PublicKey(key_id, public, created, status, since)


_KEY_HELP = {
    "id": "the key's name, e.g. key-2026-11-23",
    "public_key": "the public key, a Multikey starting with z6Mk",
    "created": "when the key was made, e.g. 2026-11-23T10:00:00Z",
    "status": "active, retired or compromised",
}


def _check_registry(checker: Checker, keys: list[PublicKey]) -> None:
    active = [k.id for k in keys if k.status == "active"]
    if len(active) > 1:
        checker.error(
            None,
            "keys",
            f"more than one active key ({', '.join(active)}); only one key signs new credentials",
        )
    seen: set[str] = set()
    for key in keys:
        if key.id in seen:
            checker.error(None, "keys", f"key id '{key.id}' is used twice")
        seen.add(key.id)
    publics = [k.public_key_multibase for k in keys]
    if len(set(publics)) != len(publics):
        checker.error(None, "keys", "the same public key is listed twice")


def _timestamp(checker: Checker, entry: LineDict, key: str, field: str) -> datetime | None:
    value = entry.get(key)
    if value is None:
        return None
    try:
        return parse_timestamp(str(value))
    except ValueError:
        checker.error(
            entry.line_of(key),
            field,
            f"'{value}' is not a date and time (e.g. 2026-11-23T10:00:00Z)",
        )
        return None


def _is_fragment(text: str) -> bool:
    return bool(text) and all(c.isalnum() or c in "-_." for c in text)


def write_registry(root: Path, registry: KeyRegistry) -> None:
    lines = [HEADER.rstrip("\n"), "keys:"]
    for key in registry.keys:
        lines.append(f"  - id: {key.id}")
        lines.append(f"    public_key: {key.public_key_multibase}")
        lines.append(f"    created: {format_timestamp(key.created)}")
        lines.append(f"    status: {key.status}")
        if key.compromised_since is not None:
            lines.append(f"    compromised_since: {format_timestamp(key.compromised_since)}")
    write_atomically(root / KEYS_FILE, ("\n".join(lines) + "\n").encode("utf-8"))


def add_key(registry: KeyRegistry, key: PublicKey) -> KeyRegistry:
    """The new key becomes the signing key; the previous active key is retired, not removed."""
    kept = tuple(replace(k, status="retired") if k.status == "active" else k for k in registry.keys)
    return KeyRegistry((*kept, key))


def mark_compromised(registry: KeyRegistry, key_id: str, since: datetime) -> KeyRegistry:
    if registry.by_id(key_id) is None:
        known = ", ".join(k.id for k in registry.keys) or "none"
        raise KeyFileError(f"no key '{key_id}' in {KEYS_FILE} (known keys: {known})")
    return KeyRegistry(
        tuple(
            replace(k, status="compromised", compromised_since=since) if k.id == key_id else k
            for k in registry.keys
        )
    )


def new_key_id(registry: KeyRegistry, created: datetime) -> str:
    base = f"key-{created.astimezone(UTC):%Y-%m-%d}"
    taken = {k.id for k in registry.keys}
    if base not in taken:
        return base
    return next(f"{base}-{n}" for n in range(2, 1000) if f"{base}-{n}" not in taken)


# -- the DID document ------------------------------------------------------------------------


def did_document(base_url: str, registry: KeyRegistry) -> dict[str, Any]:
    """The did:web document: every key as a Multikey, all listed (by full id) in
    assertionMethod so that what retired keys signed keeps verifying; a compromised key carries
    ``revoked`` (Controlled Identifiers / Multikey), the moment its signatures stop counting."""
    did = urls.did_web(base_url)
    methods = []
    for key in registry.keys:
        method: dict[str, Any] = {
            "id": key.method_id(did),
            "type": "Multikey",
            "controller": did,
            "publicKeyMultibase": key.public_key_multibase,
        }
        if key.compromised_since is not None:
            method["revoked"] = format_timestamp(key.compromised_since)
        methods.append(method)
    return {
        "@context": list(DID_CONTEXTS),
        "id": did,
        "verificationMethod": methods,
        "assertionMethod": [m["id"] for m in methods],
    }


# -- secret key files ------------------------------------------------------------------------


def default_key_path(base_url: str, key_id: str, environ: Mapping[str, str] | None = None) -> Path:
    """``$XDG_CONFIG_HOME/credsite/<site>/<key id>.json`` (``~/.config`` by default)."""
    environ = os.environ if environ is None else environ
    config = Path(environ.get("XDG_CONFIG_HOME") or Path.home() / ".config")
    site = urls.did_web(base_url).removeprefix("did:web:").replace("%3A", "_").replace(":", "_")
    return config / "credsite" / site / f"{key_id}.json"


def generate(key_id: str) -> SigningKey:
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    return SigningKey(key_id, Ed25519PrivateKey.generate())


def secret_document(key: SigningKey, did: str) -> dict[str, str]:
    seed = key.private_key.private_bytes_raw()
    return {
        "comment": "credsite signing key. SECRET: keep it outside every repository, back it up offline, never share it.",
        "type": "Multikey",
        "id": f"{did}#{key.key_id}",
        "controller": did,
        "publicKeyMultibase": key.public_key_multibase,
        "secretKeyMultibase": encode_secret_key(seed),
    }


def write_secret_file(path: Path, document: Mapping[str, str], root: Path) -> None:
    """Create the key file with mode 0600; never overwrite, never inside the repository."""
    target = path.expanduser().resolve()
    if target.is_relative_to(root.resolve()):
        raise KeyFileError(
            f"{path}: refusing to write a secret key inside the site's folder (it would end up in git); choose a path outside {root}"
        )
    if target.exists():
        raise KeyFileError(
            f"{path}: already exists; refusing to overwrite a key (move it away first)"
        )
    try:
        create_private_file(target, (json.dumps(document, indent=2) + "\n").encode("utf-8"))
    except FileExistsError as error:  # made beside this run since the check above
        raise KeyFileError(
            f"{path}: already exists; refusing to overwrite a key (move it away first)"
        ) from error


def load_signing_key(
    root: Path,
    base_url: str,
    registry: KeyRegistry,
    key_file: Path | None = None,
    environ: Mapping[str, str] | None = None,
) -> SigningKey:
    """The secret of the active key, from --key-file, the environment, or the default path.

    Refuses a key that is not the registry's active key: signing with another key would make
    credentials that the published DID document cannot verify.
    """
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    environ = os.environ if environ is None else environ
    active = registry.active()
    if active is None:
        raise KeyFileError(f"{KEYS_FILE} has no active key; run 'credsite keygen' first")
    if key_file is not None:
        source, secret = str(key_file), _secret_from_file(key_file)
    elif environ.get(ENV_VAR):
        source, secret = f"${ENV_VAR}", _secret_from_text(environ[ENV_VAR], f"${ENV_VAR}")
    else:
        path = default_key_path(base_url, active.id, environ)
        if not path.exists():
            raise KeyFileError(
                f"no signing key: {path} does not exist (pass --key-file PATH or set {ENV_VAR})"
            )
        source, secret = str(path), _secret_from_file(path)
    try:
        seed = decode_secret_key(secret)
    except ValueError as error:
        raise KeyFileError(f"{source}: not an Ed25519 secret key ({error})") from error
    key = SigningKey(active.id, Ed25519PrivateKey.from_private_bytes(seed))
    if key.public_key_multibase != active.public_key_multibase:
        owner = next(
            (k for k in registry.keys if k.public_key_multibase == key.public_key_multibase), None
        )
        what = f"the {owner.status} key '{owner.id}'" if owner else "not a key listed in keys.yaml"
        raise KeyFileError(f"{source}: this is {what}, not the active signing key '{active.id}'")
    return key


def _secret_from_file(path: Path) -> str:
    return _secret_from_text(read_private_file(path, "key"), str(path))


def _secret_from_text(text: str, source: str) -> str:
    """A key file's JSON, or a bare secretKeyMultibase (handy in a CI secret)."""
    bare = text.strip()
    if bare.startswith("z") and "\n" not in bare and "{" not in bare:
        return bare
    try:
        document = load_json(text)  # not stripped: error lines and columns match the file
    except JsonInputError as error:
        what = f"invalid JSON: {error.reason}" if error.syntax else str(error)
        raise KeyFileError(f"{source}: not a credsite key file ({what})") from error
    if not isinstance(document, dict):
        raise KeyFileError(f"{source}: not a credsite key file (expected a JSON object)")
    secret = document.get("secretKeyMultibase") or document.get("privateKeyMultibase")
    if not isinstance(secret, str):
        raise KeyFileError(f"{source}: no secretKeyMultibase in the key file")
    return secret
