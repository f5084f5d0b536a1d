"""Carrying the credential half of a site over from the last build.

On a national site the credential pages, their JSON files, the status lists and the DID
document are nine tenths of the files, and reading the store, checking the signature cache,
planning and fingerprinting them costs seconds on every build. They depend only on the
credential inputs (content/credentials, content/status, keys.yaml), the settings every
credential page shares, the code and the options. When those are what the last build saw,
their fingerprints, the modules with credentials and the warnings about them are taken from
that build, and only the catalogue is planned: an edited module rebuilds in a second or two.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass
from pathlib import Path

from .errors import Diagnostic

CARRIED_INPUTS = ("content/status", "keys.yaml")


@dataclass(frozen=True)
class Carry:
    key: str  # the credential inputs, code and options
    shared: str  # the digest of the settings all credential pages share
    entries: dict[str, str]  # path -> fingerprint of every credential-half output
    pngs: frozenset[tuple[str, str]]  # (module, language) pairs with credentials
    warnings: tuple[Diagnostic, ...]


def credentials_key(
    root: Path, code: str, options: list[object], credential_files: dict[str, list[int]]
) -> str:
    """The credential inputs as the input snapshot saw them (size, time, inode of each file)."""
    digest = hashlib.sha256(json.dumps([code, options], default=str).encode())
    digest.update(json.dumps(sorted(credential_files.items())).encode())
    for name in CARRIED_INPUTS:
        path = root / name
        files = sorted(path.rglob("*")) if path.is_dir() else [path]
        for file in files:
            try:
                info = file.stat()
            except FileNotFoundError:
                digest.update(f"{file.relative_to(root)}\0-\n".encode())
                continue
            digest.update(
                f"{file.relative_to(root)}\0{info.st_size}\0{info.st_mtime_ns}\0{info.st_ino}\n".encode()
            )
    return digest.hexdigest()


def carry_path(cache_dir: Path, out_dir: Path) -> Path:
    key = hashlib.sha256(str(out_dir.resolve()).encode()).hexdigest()[:16]
    return cache_dir / f"credentials-{key}.txt"


def read_carry(cache_dir: Path, out_dir: Path) -> Carry | None:
    try:
        head, _, body = carry_path(cache_dir, out_dir).read_text(encoding="utf-8").partition("\n")
        meta = json.loads(head)
        entries = {}
        for line in body.split("\n"):
            if line:
                fingerprint, _, path = line.partition("\t")
                entries[path] = fingerprint
        return Carry(
            meta["key"],
            meta["shared"],
            entries,
            frozenset((m, lang) for m, lang in meta["pngs"]),
            tuple(Diagnostic.from_json(w) for w in meta["warnings"]),
        )
    except (OSError, ValueError, KeyError, TypeError):
        return None


def write_carry(cache_dir: Path, out_dir: Path, carry: Carry) -> None:
    meta = {
        "key": carry.key,
        "shared": carry.shared,
        "pngs": sorted(carry.pngs),
        "warnings": [w.to_json() for w in carry.warnings],
    }
    lines = [json.dumps(meta, sort_keys=True)]
    lines += [f"{fingerprint}\t{path}" for path, fingerprint in carry.entries.items()]
    target = carry_path(cache_dir, out_dir)
    target.parent.mkdir(parents=True, exist_ok=True)
    temporary = target.with_suffix(f".tmp-{os.getpid()}")
    temporary.write_text("\n".join(lines) + "\n", encoding="utf-8")
    temporary.replace(target)


def forget_carry(cache_dir: Path, out_dir: Path) -> None:
    carry_path(cache_dir, out_dir).unlink(missing_ok=True)
