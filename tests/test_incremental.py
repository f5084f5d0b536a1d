"""A build after an issue run reads, checks and plans only the credentials it added (carry.py).

Whatever path a build takes, it must make the site a fresh build makes, and report what a
fresh build reports: these tests compare each incremental build with one into an empty folder.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

import pytest

from credsite.base.errors import ContentError
from credsite.build import builder, published
from credsite.build.builder import CACHE_DIR, BuildOptions, build
from credsite.build.carry import read_carry
from credsite.build.writer import read_record

from .conftest import MODULE, SiteFolder
from .issuer_site import Issuer

LEARNERS = [["Ada Lovelace", "ada@example.org"], ["Alan Turing", "alan@example.org"]]


@pytest.fixture
def issuer(site: SiteFolder, tmp_path: Path) -> Issuer:
    return Issuer.with_key(site, tmp_path, {"test-module": MODULE})


def tree_digest(folder: Path) -> dict[str, str]:
    return {
        path.relative_to(folder).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def fresh_build(root: Path, folder: Path, pack: bool = False) -> dict[str, str]:
    build(BuildOptions(root=root, out_dir=folder, jobs=1, pack=pack))
    return tree_digest(folder)


class Spy:
    """Counts whole-store checks and the credential files read."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.checks = 0
        self.read: list[str] = []
        real_check, real_read = builder.check, published.read_credential

        def check(*args, **kwargs):
            self.checks += 1
            return real_check(*args, **kwargs)

        def read(path, root):
            self.read.append(path.name)
            return real_read(path, root)

        monkeypatch.setattr("credsite.build.builder.check", check)
        monkeypatch.setattr("credsite.build.published.read_credential", read)


def test_after_an_issue_run_only_the_new_credentials_are_read_and_checked(
    issuer: Issuer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    issuer.issue(LEARNERS)
    out = tmp_path / "out"
    first = build(BuildOptions(root=issuer.root, out_dir=out, jobs=1))
    spy = Spy(monkeypatch)
    new = issuer.issue([["Grace Hopper", "grace@example.org"]])
    report = build(BuildOptions(root=issuer.root, out_dir=out, jobs=1))
    assert (spy.checks, spy.read) == (0, [f"{new[0]}.json"])
    assert report.warnings == first.warnings
    assert (report.stats.rendered, report.stats.removed) == (2, 0)  # its page and its file
    assert issuer.verify(new[0], out).state == "verified"
    cache = (issuer.root / ".credsite-cache/verified.txt").read_text(encoding="utf-8")
    assert cache.count("\n") == 1 + 3  # the format line, then one per credential
    assert hashlib.sha256(issuer.credential_path(new[0]).read_bytes()).hexdigest() in cache

    again = issuer.issue([["Edsger Dijkstra", "edsger@example.org"]])  # a second one on top
    build(BuildOptions(root=issuer.root, out_dir=out, jobs=1))
    assert (spy.checks, spy.read[1:]) == (0, [f"{again[0]}.json"])
    assert tree_digest(out) == fresh_build(issuer.root, tmp_path / "fresh")


def test_a_build_after_an_issue_run_plans_every_output_a_whole_build_plans(
    issuer: Issuer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Output by output, with what each is made from (its fingerprint): the same whether the
    credentials an issue run added were planned on their own (carry.py) or with all the others.
    An output made per credential but planned only by a whole build is missing here."""
    issuer.issue(LEARNERS)
    out, fresh = tmp_path / "out", tmp_path / "fresh"
    build(BuildOptions(root=issuer.root, out_dir=out, jobs=1))
    spy = Spy(monkeypatch)
    issuer.issue([["Grace Hopper", "grace@example.org"]])
    build(BuildOptions(root=issuer.root, out_dir=out, jobs=1))
    assert spy.checks == 0  # the added credential was planned on its own
    build(BuildOptions(root=issuer.root, out_dir=fresh, jobs=1))
    assert spy.checks == 1  # and here with all the others
    cache = issuer.root / CACHE_DIR
    after_issue, whole = read_record(cache, out), read_record(cache, fresh)
    assert after_issue is not None and whole is not None
    assert after_issue.fingerprints == whole.fingerprints
    after_issue_carry, whole_carry = read_carry(cache, out), read_carry(cache, fresh)
    assert after_issue_carry is not None and whole_carry is not None
    assert after_issue_carry.entries == whole_carry.entries  # the credential half, the same


def test_a_build_collects_the_assets_once_whichever_way_it_goes(
    issuer: Issuer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Collecting the assets hashes every theme file and may bundle the browser code: a build
    does it once, also when carrying the credential half over fails and it builds everything."""
    calls: list[Path] = []
    real = builder.collect_assets
    monkeypatch.setattr(
        "credsite.build.builder.collect_assets",
        lambda root, extra=None: calls.append(root) or real(root, extra),
    )
    out = tmp_path / "out"

    def collected() -> tuple[int, str]:
        before = len(calls)
        report = build(BuildOptions(root=issuer.root, out_dir=out, jobs=1))
        return len(calls) - before, report.read

    issuer.issue(LEARNERS)
    assert collected() == (1, "everything")
    issuer.issue([["Grace Hopper", "grace@example.org"]])
    count, read = collected()
    assert (count, read.split(";")[0]) == (1, "the catalogue and 1 added credential(s)")
    (issuer.root / "assets").mkdir()
    (issuer.root / "assets" / "extra.txt").write_text("x", encoding="utf-8")
    assert collected() == (1, "everything")  # the credential pages' assets changed: no carry
    assert collected() == (0, "nothing (no input changed)")


def test_a_new_credential_in_a_new_module_brings_its_badge_image(
    site: SiteFolder, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    issuer = Issuer.with_key(
        site, tmp_path, {"test-module": MODULE, "other-module": MODULE.replace("Test", "Ander")}
    )
    issuer.issue(LEARNERS)
    out = tmp_path / "out"
    build(BuildOptions(root=issuer.root, out_dir=out, jobs=1))
    assert not list(out.glob("*/modules/other-module/badge.png"))
    spy = Spy(monkeypatch)
    issuer.issue([["Grace Hopper", "grace@example.org"]], module="other-module")
    build(BuildOptions(root=issuer.root, out_dir=out, jobs=1))
    assert spy.checks == 0 and list(out.glob("*/modules/other-module/badge.png"))
    assert tree_digest(out) == fresh_build(issuer.root, tmp_path / "fresh")


def _forged(issuer: Issuer, token: str) -> Path:
    """A copy of a credential under another name and status index: not what was signed."""
    document = issuer.credential(token)
    other = "a" * 32
    document["id"] = document["id"].replace(token, other)
    status = document["credentialStatus"]
    status["statusListIndex"] = str(int(status["statusListIndex"]) ^ 1)
    path = issuer.credential_path(other)
    path.write_text(json.dumps(document, indent=2), encoding="utf-8")
    return path


def test_an_added_credential_that_fails_is_reported_as_a_whole_build_reports_it(
    issuer: Issuer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    tokens = issuer.issue(LEARNERS)
    out = tmp_path / "out"
    build(BuildOptions(root=issuer.root, out_dir=out, jobs=1))
    before = tree_digest(out)
    forged = _forged(issuer, tokens[0])
    spy = Spy(monkeypatch)
    with pytest.raises(ContentError) as incremental:
        build(BuildOptions(root=issuer.root, out_dir=out, jobs=1))
    assert spy.checks == 1  # the added file was read, then the whole build reported it
    with pytest.raises(ContentError) as whole:
        build(BuildOptions(root=issuer.root, out_dir=tmp_path / "fresh", jobs=1))
    assert incremental.value.lines() == whole.value.lines(), incremental.value.lines()
    assert any(
        line.startswith(f"content/credentials/{forged.name}") and "does not verify" in line
        for line in incremental.value.lines()
    ), incremental.value.lines()
    assert tree_digest(out) == before  # nothing half-written


def test_an_added_credential_on_a_taken_status_index_is_refused(
    issuer: Issuer, tmp_path: Path
) -> None:
    """Two credentials on one status bit would be revoked together; the file that repeats
    the index is named, with the one it repeats."""
    tokens = issuer.issue(LEARNERS)
    out = tmp_path / "out"
    build(BuildOptions(root=issuer.root, out_dir=out, jobs=1))
    (new,) = issuer.issue([["Grace Hopper", "grace@example.org"]])
    document = issuer.credential(new)
    document["credentialStatus"]["statusListIndex"] = issuer.credential(tokens[0])[
        "credentialStatus"
    ]["statusListIndex"]
    issuer.credential_path(new).write_text(json.dumps(document), encoding="utf-8")
    with pytest.raises(ContentError) as error:
        build(BuildOptions(root=issuer.root, out_dir=out, jobs=1))
    files = {f"content/credentials/{token}.json" for token in (new, tokens[0])}
    assert any(  # the one later in name order is the one reported
        "is also used by" in line and all(file in line for file in files)
        for line in error.value.lines()
    ), error.value.lines()


@pytest.mark.parametrize("change", ["rewritten", "removed", "packed"])
def test_anything_but_added_credentials_checks_them_all(
    issuer: Issuer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, change: str
) -> None:
    """A credential file that changed or went (a takedown is done with unpublish, but a file
    can be deleted by hand) and packed sites (each pack lists its pages) build everything."""
    tokens = issuer.issue(LEARNERS)
    out = tmp_path / "out"
    pack = change == "packed"
    build(BuildOptions(root=issuer.root, out_dir=out, jobs=1, pack=pack))
    path = issuer.credential_path(tokens[0])
    if change == "rewritten":  # the same bytes, a new file: whatever changed must be checked
        data = path.read_bytes()
        path.unlink()
        path.write_bytes(data)
    elif change == "removed":
        log = issuer.root / "content/status/log.yaml"
        assert not log.exists() or tokens[0] not in log.read_text(encoding="utf-8")
        path.unlink()
    else:
        issuer.issue([["Grace Hopper", "grace@example.org"]])
    spy = Spy(monkeypatch)
    build(BuildOptions(root=issuer.root, out_dir=out, jobs=1, pack=pack))
    assert spy.checks == 1
    assert tree_digest(out) == fresh_build(issuer.root, tmp_path / "fresh", pack)
    if change == "removed":
        assert not (out / f"c/{tokens[0]}").exists()


@pytest.mark.parametrize(
    "garbage",
    [
        "",
        "credsite-verified 3\nnot a key\n",
        "credsite-verified 1\n" + "0" * 64 + ":" + "0" * 64 + "\n",
        "\0\0\0",
    ],
)
def test_a_damaged_signature_cache_only_costs_time(
    issuer: Issuer, tmp_path: Path, garbage: str
) -> None:
    issuer.issue(LEARNERS)
    out = tmp_path / "out"
    build(BuildOptions(root=issuer.root, out_dir=out, jobs=1))
    cache = issuer.root / ".credsite-cache/verified.txt"
    cache.write_text(garbage, encoding="utf-8")
    issuer.issue([["Grace Hopper", "grace@example.org"]])
    build(BuildOptions(root=issuer.root, out_dir=out, jobs=1))
    lines = cache.read_text(encoding="utf-8").splitlines()
    assert lines[0] == "credsite-verified 3" and len(lines) == 2  # written anew: the one checked
    os.utime(issuer.root / "keys.yaml")  # keys.yaml touched: every credential checked again
    build(BuildOptions(root=issuer.root, out_dir=out, jobs=1))
    assert len(cache.read_text(encoding="utf-8").splitlines()) == 1 + 3
    assert tree_digest(out) == fresh_build(issuer.root, tmp_path / "fresh")


def test_the_signature_cache_of_earlier_versions_is_cleared_away(
    issuer: Issuer, tmp_path: Path
) -> None:
    """It was JSON (verified.json), 14 MB on a national site; nothing reads it any more."""
    issuer.issue(LEARNERS)
    old = issuer.root / ".credsite-cache/verified.json"
    old.parent.mkdir(parents=True, exist_ok=True)
    old.write_text('{"x": "ok"}', encoding="utf-8")
    build(BuildOptions(root=issuer.root, out_dir=tmp_path / "out", jobs=1))
    assert not old.exists()
    assert (issuer.root / ".credsite-cache/verified.txt").is_file()


def test_warnings_about_the_carried_credentials_stay_and_are_not_repeated(
    issuer: Issuer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A credential signed after its key was marked compromised is a warning on every build;
    a build that carries it over says it once, as a whole build does."""
    issuer.issue([LEARNERS[0]], at="2026-03-02T10:00:00Z")
    [late] = issuer.issue([LEARNERS[1]], at="2026-03-10T10:00:00Z")
    issuer.ok("key", "compromised", "key-2026-03-01", "--since", "2026-03-05T00:00:00Z")
    issuer.ok("keygen", at="2026-03-11T09:00:00Z")
    out = tmp_path / "out"
    first = build(BuildOptions(root=issuer.root, out_dir=out, jobs=1))
    assert [w.path for w in first.warnings if "no longer verifies" in w.message] == [
        f"content/credentials/{late}.json"
    ]
    spy = Spy(monkeypatch)
    issuer.issue([["Grace Hopper", "grace@example.org"]], at="2026-03-12T10:00:00Z")
    carried = build(BuildOptions(root=issuer.root, out_dir=out, jobs=1))
    assert spy.checks == 0 and carried.warnings == first.warnings
    whole = build(BuildOptions(root=issuer.root, out_dir=tmp_path / "fresh", jobs=1))
    assert whole.warnings == carried.warnings
