"""A learner's collection: one private page listing their credentials from this institution.

``issue --collection`` gives every learner of the results CSV a collection: the file
``content/collections/<id>.json``, which lists the tokens of the learner's credentials (sorted)
and nothing else, no name, no e-mail address. The build makes it the page ``/l/<id>/``
(credsite/build/collection_pages.py), which verifies each credential in the visitor's browser.

The id is the first 32 characters (160 bits) of the lower-case base32 of
HMAC-SHA256(secret, "credsite collection v1\\0" + the normalised e-mail address). So the same
learner always gets the same collection, and a second issue run adds to it; and nobody without
the secret can work out a learner's collection from their e-mail address. The secret, like the
signing key, stays with staff: the ``CREDSITE_COLLECTION_SECRET`` environment variable (for CI),
``--collection-secret FILE``, or the file ``collection-secret`` beside the default signing key
files (mode 0600), which ``issue --collection`` makes the first time, unless it runs in CI.
Losing it only means that later runs give learners new collections; publishing it lets anyone
who knows an address find that learner's collection.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import re
import secrets
from base64 import b32encode
from collections.abc import Callable, Container, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from credsite.base import urls
from credsite.base.atomic import remove_stale_temporaries, write_atomically
from credsite.base.errors import ContentError, Diagnostic, KeyFileError
from credsite.base.jsonfile import JsonInputError, load_json
from credsite.base.secretfile import create_private_file, read_private_file
from credsite.issuer.credential import normalise_email
from credsite.issuer.keys import default_key_path
from credsite.issuer.status import UNPUBLISHED_FILE, Unpublished

COLLECTIONS_DIR = "content/collections"
SECRET_ENV_VAR = "CREDSITE_COLLECTION_SECRET"
SECRET_FILE = "collection-secret"
SECRET_BYTES = 32
ID_LENGTH = 32  # base32 characters: 160 bits, as a credential's token
_DOMAIN = b"credsite collection v1\0"
_ID = re.compile(rf"^[a-z2-7]{{{ID_LENGTH}}}$")
_TOKEN = re.compile(r"^[a-z2-7]{26,64}$")  # a credential's token (issuer/store.py)
_HEX = re.compile(r"^(?:[0-9a-f]{2}){32,}$")
MAX_MEMBERS = 10_000  # credentials of one learner: far more than anyone earns


# -- the secret ------------------------------------------------------------------------------


@dataclass(frozen=True)
class CollectionSecret:
    value: bytes = b""
    source: str = ""  # where it was read, for messages
    path: Path | None = None  # the file it is in or, with ``missing``, will be made in
    missing: bool = False  # no secret yet: ``create_secret`` makes it at ``path``


def default_secret_path(base_url: str, environ: Mapping[str, str] | None = None) -> Path:
    """``collection-secret`` in the folder of the site's default signing key files."""
    return default_key_path(base_url, SECRET_FILE, environ).with_name(SECRET_FILE)


def in_ci(environ: Mapping[str, str]) -> bool:
    """GitHub Actions, GitLab CI and most CI services set ``CI``; there a secret made on the
    runner would be thrown away with it, and every learner's link would change on each run."""
    return environ.get("CI", "").strip().lower() not in ("", "0", "false", "no")


def find_secret(
    root: Path,
    base_url: str,
    secret_file: Path | None = None,
    environ: Mapping[str, str] | None = None,
) -> CollectionSecret:
    """The collection secret, from ``--collection-secret``, the environment or the default
    file; ``missing`` (where it would be made) when none exists yet outside CI."""
    environ = os.environ if environ is None else environ
    if secret_file is not None:
        return _from_file(secret_file, root)
    if environ.get(SECRET_ENV_VAR, "").strip():
        source = f"${SECRET_ENV_VAR}"
        return CollectionSecret(_decode(environ[SECRET_ENV_VAR], source), source)
    path = default_secret_path(base_url, environ)
    if path.exists():
        return _from_file(path, root)
    if in_ci(environ):
        raise KeyFileError(
            f"no collection secret: set {SECRET_ENV_VAR} to the contents of staff's {SECRET_FILE} "
            f"file (a new secret made in CI would give every learner a new collection link)"
        )
    return CollectionSecret(source=str(path), path=path, missing=True)


def create_secret(found: CollectionSecret, root: Path) -> CollectionSecret:
    """Make the secret ``find_secret`` found missing: 32 random bytes, in hex, mode 0600,
    never over an existing file, never inside the site's folder."""
    assert found.missing and found.path is not None, "only a missing secret is made"
    path = found.path.expanduser().resolve()
    _outside(path, root, "write")
    value = secrets.token_bytes(SECRET_BYTES)
    try:
        create_private_file(path, value.hex().encode("ascii") + b"\n")
    except FileExistsError as error:  # made by a run beside this one: use that one
        raise KeyFileError(f"{path}: appeared while this run started; run it again") from error
    return CollectionSecret(value, str(path), path)


def _from_file(path: Path, root: Path) -> CollectionSecret:
    _outside(path.expanduser().resolve(), root, "read")
    text = read_private_file(path, "collection secret", encoding="ascii")
    return CollectionSecret(_decode(text, str(path)), str(path), path)


def _outside(path: Path, root: Path, verb: str) -> None:
    """A secret inside the site's folder would end up in git, and with it every collection."""
    if path.is_relative_to(root.resolve()):
        raise KeyFileError(
            f"{path}: refusing to {verb} a collection secret inside the site's folder (it would "
            f"end up in git); keep it outside {root}"
        )


def _decode(text: str, source: str) -> bytes:
    value = text.strip().lower()
    if not _HEX.match(value):
        raise KeyFileError(
            f"{source}: not a collection secret (at least {SECRET_BYTES * 2} hexadecimal "
            "characters, as credsite writes it)"
        )
    return bytes.fromhex(value)


# -- ids -------------------------------------------------------------------------------------


def collection_id(secret: bytes, email: str) -> str:
    """The learner's collection id; see the module docstring."""
    message = _DOMAIN + normalise_email(email).encode("utf-8")
    digest = hmac.new(secret, message, hashlib.sha256).digest()
    return b32encode(digest).decode("ascii").lower()[:ID_LENGTH]


def is_collection_id(text: str) -> bool:
    return bool(_ID.match(text))


# -- the files -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Collection:
    id: str
    path: str  # relative to the site's folder
    tokens: tuple[str, ...]  # the credentials' tokens, sorted


def collection_file(root: Path, collection: str) -> Path:
    return root / COLLECTIONS_DIR / f"{collection}.json"


def load_collections(
    root: Path, ids: Iterable[str] | None = None
) -> tuple[list[Collection], list[Diagnostic]]:
    """Every collection file (or those of ``ids`` that exist), and what is wrong with any."""
    folder = root / COLLECTIONS_DIR
    if ids is None:
        names = sorted(
            p.name for p in _listing(folder) if p.name.endswith(".json") and p.name[0] != "."
        )
    else:
        names = sorted(f"{i}.json" for i in set(ids) if collection_file(root, i).is_file())
    found: list[Collection] = []
    problems: list[Diagnostic] = []
    for name in names:
        read = read_collection(folder / name, root)
        if isinstance(read, Diagnostic):
            problems.append(read)
        else:
            found.append(read)
    return found, problems


def _listing(folder: Path) -> list[Path]:
    return list(folder.iterdir()) if folder.is_dir() else []


def read_collection(path: Path, root: Path) -> Collection | Diagnostic:
    shown = path.relative_to(root).as_posix()
    if not is_collection_id(path.stem):
        return Diagnostic(
            shown, None, "", f"not a collection file name ({ID_LENGTH} lower-case base32 letters)"
        )
    try:
        document = load_json(path.read_bytes())
    except JsonInputError as error:
        reason = f"not valid JSON ({error.reason})" if error.syntax else error.reason
        return Diagnostic(shown, error.line, "", f"{reason}; written by 'issue --collection'")
    except OSError as error:
        return Diagnostic(shown, None, "", f"cannot read ({error.strerror})")
    problem = _shape_problem(document)
    if problem is not None:
        return Diagnostic(shown, None, "credentials", problem)
    return Collection(path.stem, shown, tuple(document["credentials"]))


def _shape_problem(document: object) -> str | None:
    if not isinstance(document, dict) or set(document) != {"credentials"}:
        return (
            'expected {"credentials": [the tokens of the learner\'s credentials]} and nothing else'
        )
    tokens = document["credentials"]
    if not isinstance(tokens, list) or not all(isinstance(t, str) for t in tokens):
        return "must be a list of credential tokens"
    bad = next((t for t in tokens if not _TOKEN.match(t)), None)
    if bad is not None:
        return f"{bad!r} is not a credential token"
    if tokens != sorted(set(tokens)):
        return "must be sorted, each token once (as 'issue --collection' writes it)"
    if len(tokens) > MAX_MEMBERS:
        return f"more than {MAX_MEMBERS} credentials"
    return None


def unknown_members(
    collections: Iterable[Collection], exists: Callable[[str], bool]
) -> list[Diagnostic]:
    """The members that name no issued credential (``exists`` says which tokens do)."""
    return [
        Diagnostic(
            c.path,
            None,
            "credentials",
            f"'{token}' is not in content/credentials (remove it from the list)",
        )
        for c in collections
        for token in c.tokens
        if not exists(token)
    ]


def collection_problems(
    root: Path, tokens: Container[str], taken_down: Iterable[Unpublished]
) -> list[Diagnostic]:
    """What ``check`` and the build say about content/collections: broken files, members that
    are no issued credential (``tokens``), take-downs of collections that do not exist."""
    collections, problems = load_collections(root)
    problems += unknown_members(collections, tokens.__contains__)
    ids = {c.id for c in collections} | {Path(p.path).stem for p in problems}
    problems += [
        Diagnostic(
            UNPUBLISHED_FILE, None, "collection", f"'{e.credential}' is not in {COLLECTIONS_DIR}"
        )
        for e in taken_down
        if e.kind == "collection" and e.credential not in ids
    ]
    return problems


def collection_data(tokens: Iterable[str]) -> bytes:
    """A collection file: the tokens, sorted, one a line (a diff shows what an issue run added)."""
    return (json.dumps({"credentials": sorted(set(tokens))}, indent=2) + "\n").encode("utf-8")


def existing_members(root: Path, ids: Iterable[str]) -> dict[str, tuple[str, ...]]:
    """The tokens already in the collections ``ids`` (none for a new one); raise ContentError
    when one of their files is broken, before an issue run writes anything."""
    collections, problems = load_collections(root, ids)
    if problems:
        raise ContentError(problems)
    return {c.id: c.tokens for c in collections}


def write_collections(
    root: Path, added: Mapping[str, Iterable[str]], existing: Mapping[str, tuple[str, ...]]
) -> list[str]:
    """Add tokens to collections, each file written atomically; returns the ids written (a
    collection that already held them all is left as it was)."""
    remove_stale_temporaries(root / COLLECTIONS_DIR)  # what a killed run left
    written = []
    for collection, tokens in sorted(added.items()):
        before = set(existing.get(collection, ()))
        after = before | set(tokens)
        if after != before:
            write_atomically(collection_file(root, collection), collection_data(after))
            written.append(collection)
    return written


def find_collection(root: Path, reference: str) -> str | None:
    """A collection's id from its id, its page's address or a unique start of its id (at least
    8 characters), or None when no collection file matches."""
    wanted = urls.id_in_link(reference)
    if len(wanted) < 8:
        return None
    ids = [p.stem for p in _listing(root / COLLECTIONS_DIR) if p.suffix == ".json"]
    matches = [i for i in ids if i == wanted] or [i for i in ids if i.startswith(wanted)]
    return matches[0] if len(matches) == 1 and is_collection_id(matches[0]) else None
