"""Carrying the credential half of a site over from the last build.

On a national site the credential pages, their JSON files, the status lists and the DID
document are nine tenths of the files, and reading the store, checking the signature cache,
planning and fingerprinting them costs seconds on every build. They depend only on the
credential inputs (content/credentials, content/status, keys.yaml), the settings every
credential page shares, the code and the options. When those are what the last build saw,
their fingerprints, the modules with credentials and the warnings about them are taken from
that build, and only the catalogue is planned: an edited module rebuilds in a second or two.

An issue run only adds credential files. When that is the one change, the added files are
read, checked and planned on their own (``published.load_added``), and the rest is carried
over as above: one more credential costs what it adds, not what the site holds.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from credsite.base.errors import Diagnostic
from credsite.build.inputs import add_stat
from credsite.build.tables import cache_file, pairs, write_lines
from credsite.issuer.store import is_credential_file

CARRIED_INPUTS = ("content/status", "keys.yaml")
CARRY_FORMAT = 2
FileStat = str  # "size modification-time-in-ns inode", as inputs.input_digest makes it


@dataclass(frozen=True)
class Carry:
    key: str  # content/status, keys.yaml, the code and the options
    shared: str  # the digest of the settings all credential pages share
    entries: dict[str, str]  # path -> fingerprint of every credential-half output
    pngs: frozenset[tuple[str, str]]  # (module, language) pairs with credentials
    warnings: tuple[Diagnostic, ...]
    files: dict[str, FileStat]  # content/credentials, by file name
    used: dict[str, list[int]]  # the status indexes the credentials take, by list

    def added(self, files: dict[str, FileStat]) -> list[str] | None:
        """The credential files added since, when every other one is as it was (an issue run
        only adds files); None when one changed or went."""
        if len(files) < len(self.files):
            return None
        for name, stat in self.files.items():
            if files.get(name) != stat:
                return None
        return sorted(name for name in files.keys() - self.files.keys() if is_credential_file(name))


def credentials_key(root: Path, code: str, options: Sequence[object]) -> str:
    """The credential inputs besides the credential files, as the file system sees them (size,
    time, inode of each file), with the code and the options."""
    digest = hashlib.sha256(json.dumps([CARRY_FORMAT, code, options], default=str).encode())
    for name in CARRIED_INPUTS:
        path = root / name
        for file in sorted(path.rglob("*")) if path.is_dir() else [path]:
            add_stat(digest, file, str(file.relative_to(root)))
    return digest.hexdigest()


def carry_path(cache_dir: Path, out_dir: Path) -> Path:
    return cache_file(cache_dir, out_dir, "credentials", ".txt")


def read_carry(cache_dir: Path, out_dir: Path) -> Carry | None:
    """A JSON line, then a line per output (fingerprint, path), then one per credential file
    (name, its stat): lines, as JSON took most of a second at national size."""
    try:
        text = carry_path(cache_dir, out_dir).read_text(encoding="utf-8")
        head, _, body = text.partition("\n")
        meta = json.loads(head)
        if meta["format"] != CARRY_FORMAT:
            return None
        lines = body.split("\n", meta["entries"])
        entries = pairs(lines[:-1], reverse=True)
        files = pairs(lines[-1].split("\n")[:-1], reverse=False)
        if len(entries) != meta["entries"] or len(files) != meta["files"]:
            return None
        return Carry(
            meta["key"],
            meta["shared"],
            entries,
            frozenset((m, lang) for m, lang in meta["pngs"]),
            tuple(Diagnostic.from_json(w) for w in meta["warnings"]),
            files,
            {str(url): [int(i) for i in indexes] for url, indexes in meta["used"].items()},
        )
    except (OSError, ValueError, KeyError, TypeError, AttributeError, IndexError):
        return None


def write_carry(cache_dir: Path, out_dir: Path, carry: Carry) -> None:
    meta = {
        "format": CARRY_FORMAT,
        "key": carry.key,
        "shared": carry.shared,
        "pngs": sorted(carry.pngs),
        "warnings": [w.to_json() for w in carry.warnings],
        "entries": len(carry.entries),
        "files": len(carry.files),
        "used": carry.used,
    }
    lines = [json.dumps(meta, sort_keys=True, separators=(",", ":"))]
    lines += [f"{fingerprint}\t{path}" for path, fingerprint in carry.entries.items()]
    lines += [f"{name}\t{stat}" for name, stat in carry.files.items()]
    write_lines(carry_path(cache_dir, out_dir), lines)


def forget_carry(cache_dir: Path, out_dir: Path) -> None:
    carry_path(cache_dir, out_dir).unlink(missing_ok=True)
