"""A file credsite replaces is, at every moment, either its old self or completely its new self
(credsite/base/atomic.py): the new bytes go to a temporary file beside it, which is renamed over
it. So a write that fails midway (a full disk, a kill) leaves the old file byte for byte and no
temporary file behind, and a reader never sees half a file. With ``exclusive`` an existing file
is never replaced: that is what keeps an issued credential from being overwritten.

The killed-build tests (tests/test_build.py, tests/test_build_kill.py) stop a build while it
renders, never during a write; here the write itself fails halfway, by a file whose ``write``
puts down half the bytes and then raises, as a full disk does.
"""

from __future__ import annotations

import builtins
import errno
import io
import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

import credsite.issuer.issuing
from credsite.base.atomic import (
    remove_stale_temporaries,
    sync_directory,
    temporary_beside,
    write_atomically,
)

from .conftest import SiteFolder
from .issuer_site import ISSUED_AT, Issuer

OLD = b"the old contents, complete\n" * 200
NEW = b"the new contents, longer than the old\n" * 300


class _HalfWrite:
    """A file opened for writing whose ``write`` puts down half the bytes, flushes them (so a
    reader could see them), lets ``at_half`` look, and then fails as a full disk does."""

    def __init__(self, handle: Any, at_half: Callable[[], None]):
        self._handle = handle
        self._at_half = at_half

    def __enter__(self) -> _HalfWrite:
        return self

    def __exit__(self, *exc: object) -> None:
        self._handle.close()

    def write(self, data: bytes) -> int:
        self._handle.write(data[: len(data) // 2])
        self._handle.flush()
        self._at_half()
        raise OSError(errno.ENOSPC, "No space left on device")

    def __getattr__(self, name: str) -> Any:
        return getattr(self._handle, name)


@pytest.fixture
def failing_writes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Callable[[Callable[[], None]], None]]:
    """Once called, make every file opened for writing under ``tmp_path`` fail halfway
    (Path.open and open both go through io.open); it is given what to look at then."""
    real_open = io.open
    armed: list[Callable[[], None]] = []

    def opening(file: Any, mode: str = "r", *args: Any, **kwargs: Any) -> Any:
        handle = real_open(file, mode, *args, **kwargs)
        under = isinstance(file, str | os.PathLike) and Path(file).is_relative_to(tmp_path)
        return _HalfWrite(handle, armed[-1]) if armed and under and "w" in mode else handle

    monkeypatch.setattr(io, "open", opening)
    monkeypatch.setattr(builtins, "open", opening)
    yield armed.append


def _folder(path: Path) -> list[str]:
    return sorted(p.name for p in path.parent.iterdir())


@pytest.mark.parametrize("durable", [True, False], ids=["durable", "cache"])
def test_a_write_that_fails_halfway_leaves_the_old_file_and_no_temporary_file(
    tmp_path: Path, failing_writes: Callable[[Callable[[], None]], None], durable: bool
) -> None:
    target = tmp_path / "records" / "credential.json"
    target.parent.mkdir()
    target.write_bytes(OLD)
    failing_writes(lambda: None)
    with pytest.raises(OSError, match="No space left on device"):
        write_atomically(target, NEW, durable=durable)
    assert target.read_bytes() == OLD
    assert _folder(target) == ["credential.json"]


def test_a_reader_during_a_write_sees_the_whole_old_file(
    tmp_path: Path, failing_writes: Callable[[Callable[[], None]], None]
) -> None:
    target = tmp_path / "credential.json"
    target.write_bytes(OLD)
    seen: list[bytes] = []
    failing_writes(lambda: seen.append(target.read_bytes()))
    with pytest.raises(OSError):
        write_atomically(target, NEW)
    assert seen == [OLD]


def test_a_reader_that_opened_the_old_file_keeps_reading_it_whole(tmp_path: Path) -> None:
    """The new file is put in place by a rename, never written into the old one."""
    target = tmp_path / "credential.json"
    target.write_bytes(OLD)
    with target.open("rb") as reader:
        write_atomically(target, NEW)
        assert reader.read() == OLD
    assert target.read_bytes() == NEW
    assert _folder(target) == ["credential.json"]


def test_a_write_makes_its_folder_and_the_whole_new_file(tmp_path: Path) -> None:
    target = tmp_path / "content" / "status" / "revocation-1.json"
    write_atomically(target, "ünïcode text")
    assert target.read_bytes() == "ünïcode text".encode()
    assert _folder(target) == ["revocation-1.json"]


def test_exclusive_never_replaces_an_existing_file(tmp_path: Path) -> None:
    target = tmp_path / "credential.json"
    target.write_bytes(OLD)
    with pytest.raises(FileExistsError):
        write_atomically(target, NEW, exclusive=True)
    assert target.read_bytes() == OLD
    assert _folder(target) == ["credential.json"]


def test_exclusive_writes_a_file_that_does_not_exist_yet(tmp_path: Path) -> None:
    target = tmp_path / "credential.json"
    write_atomically(target, NEW, exclusive=True)
    assert target.read_bytes() == NEW
    assert _folder(target) == ["credential.json"]


def test_an_issue_run_never_overwrites_a_credential_whose_token_it_draws_again(
    site: SiteFolder, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Tokens are 160 random bits, so this never happens by chance; if it did, the learner who
    already holds the credential must keep it as issued, and the run ends with one line."""
    issuer = Issuer.with_key(site, tmp_path)
    [token] = issuer.issue([["Ada Lovelace", "ada@example.org"]])
    issued = issuer.credential_path(token).read_bytes()
    monkeypatch.setattr(credsite.issuer.issuing, "new_token", lambda: token)
    results = issuer.write_csv([["name", "email"], ["Alan Turing", "alan@example.org"]])
    run = issuer.run(
        "issue", "--module", "test-module", "--csv", results, "--jobs", "1", at=ISSUED_AT
    )
    assert (run.code, run.error_lines()) == (
        1,
        [
            f"error: {issuer.credential_path(token)}: already exists; an issued credential is "
            "never overwritten (run again)"
        ],
    )
    assert issuer.credential_path(token).read_bytes() == issued
    assert _folder(issuer.credential_path(token)) == [f"{token}.json"]


def _identity(path: Path) -> tuple[int, int]:
    status = path.stat()
    return (status.st_dev, status.st_ino)


@pytest.fixture
def fsyncs(monkeypatch: pytest.MonkeyPatch) -> list[tuple[int, int]]:
    """Record which file or folder (device, inode) each ``os.fsync`` flushes, then flush it."""
    real_fsync = os.fsync
    flushed: list[tuple[int, int]] = []

    def recording(descriptor: int) -> None:
        status = os.fstat(descriptor)
        flushed.append((status.st_dev, status.st_ino))
        real_fsync(descriptor)

    monkeypatch.setattr(os, "fsync", recording)
    return flushed


def test_a_default_write_flushes_the_file_and_then_its_folder_to_disk(
    tmp_path: Path, fsyncs: list[tuple[int, int]]
) -> None:
    """Durable is the default: the issuer's records must survive a power cut."""
    target = tmp_path / "records" / "credential.json"
    write_atomically(target, NEW)
    assert fsyncs == [_identity(target), _identity(target.parent)]


def test_a_cache_write_flushes_nothing(tmp_path: Path, fsyncs: list[tuple[int, int]]) -> None:
    write_atomically(tmp_path / "cache.json", NEW, durable=False)
    assert fsyncs == []


@pytest.mark.skipif(os.name != "posix", reason="a folder can be flushed only on POSIX")
def test_on_posix_sync_directory_flushes_the_folder_itself(
    tmp_path: Path, fsyncs: list[tuple[int, int]]
) -> None:
    sync_directory(tmp_path)
    assert fsyncs == [_identity(tmp_path)]


def test_remove_stale_temporaries_removes_only_the_hidden_temporaries_of_writes(
    tmp_path: Path,
) -> None:
    leftover = temporary_beside(tmp_path / "credential.json")
    leftover.write_bytes(NEW)
    (tmp_path / ".keys.yaml.tmp-1").write_bytes(NEW)
    kept = ["credential.json", ".hidden", "notes.tmp-1", ".credential.json.TMP-1"]
    for name in kept:
        (tmp_path / name).write_bytes(OLD)
    remove_stale_temporaries(tmp_path)
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(kept)


def test_remove_stale_temporaries_ignores_a_temporary_another_process_removed_first(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Two cleaners may sweep one folder at once: the second finds the file gone."""
    temporary_beside(tmp_path / "credential.json").write_bytes(NEW)
    real_unlink = Path.unlink

    def raced(path: Path, missing_ok: bool = False) -> None:
        real_unlink(path)  # the other cleaner, between the listing and this unlink
        real_unlink(path, missing_ok=missing_ok)

    monkeypatch.setattr(Path, "unlink", raced)
    remove_stale_temporaries(tmp_path)
    assert list(tmp_path.iterdir()) == []


def test_a_failed_write_whose_temporary_is_already_gone_raises_the_original_error(
    tmp_path: Path, failing_writes: Callable[[Callable[[], None]], None]
) -> None:
    """A cleaner swept the temporary while the disk filled up: the caller must learn of the
    full disk, not of a missing temporary file."""
    target = tmp_path / "credential.json"
    target.write_bytes(OLD)
    failing_writes(lambda: remove_stale_temporaries(tmp_path))
    with pytest.raises(OSError) as raised:
        write_atomically(target, NEW)
    assert type(raised.value) is OSError
    assert raised.value.errno == errno.ENOSPC
    assert target.read_bytes() == OLD
    assert _folder(target) == ["credential.json"]
