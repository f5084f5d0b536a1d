"""A learner's collection (issue 16): ``issue --collection``, the secret that makes collection ids,
the files in content/collections, the mail merge's column, the page the build makes of each, and
its take-down. The page's script is tested in browser/test/collection-progress.test.js and, in
Chromium, in tests/browser/test_collection_page.py.
"""

from __future__ import annotations

import csv
import json
import re
import stat
from pathlib import Path

import pytest

from credsite.base.errors import KeyFileError
from credsite.catalogue.labels import COLLECTION_LABELS
from credsite.issuer.collections import collection_id, default_secret_path, find_secret

from .conftest import MODULE, SiteFolder
from .issuer_site import BASE_URL, ISSUED_AT, Issuer, Run, run_cli, tree_files

TRACK = """\
---
title: {nl: Route, en: Track}
summary: {nl: Samen., en: Together.}
status: published
modules:
  - alpha
  - beta
  - gamma
---
"""
# Where a secret is made or read, unless a test says otherwise: not in CI, no secret variable.
LOCAL = {"CI": None, "CREDSITE_COLLECTION_SECRET": None}
ADA = ["Ada Lovelace", "Ada@Example.org "]
ALAN = ["Alan Turing", "alan@example.org"]
SECRET = "ab" * 32


@pytest.fixture
def issuer(site: SiteFolder, tmp_path: Path) -> Issuer:
    modules = {
        slug: MODULE.replace("Testmodule", f"Module {slug}") for slug in ("alpha", "beta", "gamma")
    }
    issuer = Issuer.with_key(site, tmp_path, modules)
    site.track("route", TRACK)
    return issuer


def _issue(issuer: Issuer, module: str, *rows: list[str], env=LOCAL, **options: str) -> Run:
    extra = [f"--{k.replace('_', '-')}" for k, v in options.items() if v is True]
    extra += [
        a for k, v in options.items() if v is not True for a in (f"--{k.replace('_', '-')}", v)
    ]
    return issuer.run(
        "issue", "--module", module, "--csv", issuer.write_csv([["name", "email"], *rows]),
        "--mail-merge", issuer.outside / "mail.csv", "--jobs", "1", *extra, at=ISSUED_AT, env=env,
    )  # fmt: skip


def _mail(issuer: Issuer) -> list[dict[str, str]]:
    with (issuer.outside / "mail.csv").open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _collections(issuer: Issuer) -> dict[str, list[str]]:
    folder = issuer.root / "content" / "collections"
    return {p.stem: json.loads(p.read_text())["credentials"] for p in sorted(folder.glob("*.json"))}


def _secret(issuer: Issuer) -> Path:
    return issuer.config / "credsite" / "mc.example.org" / "collection-secret"


def _issued(run: Run) -> list[str]:
    return re.findall(r"/c/([a-z2-7]+)/$", run.out, re.MULTILINE)


# -- the id ----------------------------------------------------------------------------------


def test_a_collection_id_is_160_bits_of_an_hmac_of_the_normalised_address_under_the_secret() -> (
    None
):
    secret = bytes.fromhex(SECRET)
    one = collection_id(secret, "ada@example.org")
    assert re.fullmatch(r"[a-z2-7]{32}", one)
    assert collection_id(secret, "  ADA@Example.ORG\n") == one, (
        "the address as issuing normalises it"
    )
    assert collection_id(secret, "alan@example.org") != one
    assert collection_id(bytes.fromhex("cd" * 32), "ada@example.org") != one, "no secret, no id"


def test_the_default_secret_is_beside_the_default_key_files(issuer: Issuer) -> None:
    path = default_secret_path(BASE_URL, {"XDG_CONFIG_HOME": str(issuer.config)})
    assert path == _secret(issuer)
    assert path.parent == issuer.key_file().parent


# -- issuing with --collection ---------------------------------------------------------------


def test_the_first_run_makes_the_secret_and_gives_each_learner_a_collection(issuer: Issuer) -> None:
    run = _issue(issuer, "alpha", ADA, ALAN, collection=True)
    assert run.code == 0, run.text
    secret = _secret(issuer)
    assert stat.S_IMODE(secret.stat().st_mode) == 0o600
    assert re.fullmatch(r"[0-9a-f]{64}\n", secret.read_text())
    assert f"made the collection secret {secret}: back it up with the signing key" in run.out
    value = bytes.fromhex(secret.read_text())
    ada, alan = _issued(run)
    ids = {collection_id(value, ADA[1]): [ada], collection_id(value, ALAN[1]): [alan]}
    assert _collections(issuer) == ids
    mail = _mail(issuer)
    assert list(mail[0]) == ["name", "email", "verification_url", "status", "collection_url"]
    assert [m["collection_url"] for m in mail] == [f"{BASE_URL}l/{i}/" for i in ids]
    # Nothing personal in the repository's collection files: tokens only.
    for path in (issuer.root / "content" / "collections").iterdir():
        assert "example.org" not in path.read_text().lower()


def test_a_second_run_adds_to_the_same_collection_and_a_repeated_run_changes_nothing(
    issuer: Issuer,
) -> None:
    first = _issued(_issue(issuer, "alpha", ADA, collection=True))
    second = _issued(_issue(issuer, "beta", ADA, collection=True))
    [(collection, tokens)] = _collections(issuer).items()
    assert tokens == sorted(first + second)
    path = issuer.root / "content" / "collections" / f"{collection}.json"
    before = path.stat().st_mtime_ns
    again = _issue(issuer, "beta", ADA, collection=True)
    assert again.code == 0 and _issued(again) == []
    assert path.stat().st_mtime_ns == before
    assert _mail(issuer)[0]["collection_url"] == f"{BASE_URL}l/{collection}/"


def test_a_learner_who_held_the_credential_before_gets_it_in_the_collection(issuer: Issuer) -> None:
    """An earlier run without --collection, or one killed before it wrote the collections, is
    mended by running it again with --collection."""
    [ada] = _issued(_issue(issuer, "alpha", ADA))
    assert not (issuer.root / "content" / "collections").exists()
    assert list(_mail(issuer)[0]) == ["name", "email", "verification_url", "status"]
    run = _issue(issuer, "alpha", ADA, collection=True)
    assert run.code == 0 and _issued(run) == []
    assert list(_collections(issuer).values()) == [[ada]]


def test_the_secret_can_come_from_the_environment_or_a_file(issuer: Issuer) -> None:
    run = _issue(issuer, "alpha", ADA, env={"CI": "true", "CREDSITE_COLLECTION_SECRET": SECRET})
    assert run.code == 0  # no --collection: the secret is not asked for
    run = _issue(
        issuer,
        "beta",
        ADA,
        env={"CI": "true", "CREDSITE_COLLECTION_SECRET": f" {SECRET}\n"},
        collection=True,
    )
    assert run.code == 0, run.text
    assert "made the collection secret" not in run.out and not _secret(issuer).exists()
    expected = collection_id(bytes.fromhex(SECRET), ADA[1])
    assert list(_collections(issuer)) == [expected]
    own = issuer.outside / "secret"
    own.write_text("cd" * 32)
    own.chmod(0o600)
    run = _issue(
        issuer,
        "gamma",
        ADA,
        env={"CI": "true", "CREDSITE_COLLECTION_SECRET": SECRET},
        collection_secret=str(own),
    )
    assert run.code == 0, run.text
    assert collection_id(bytes.fromhex("cd" * 32), ADA[1]) in _collections(issuer)


def test_a_dry_run_says_it_would_make_the_secret_and_writes_nothing(issuer: Issuer) -> None:
    before = tree_files(issuer.root, cache=False)
    run = _issue(issuer, "alpha", ADA, collection=True, dry_run=True)
    assert run.code == 0, run.text
    assert f"the real run would make the collection secret {_secret(issuer)}" in run.out
    assert not _secret(issuer).exists()
    assert tree_files(issuer.root, cache=False) == before


# -- bad input: one clear line, exit 1, nothing written ------------------------------------


def _refused(issuer: Issuer, run: Run, line: str) -> None:
    assert (run.code, run.error_lines()) == (1, [line]), run.text
    assert "Traceback" not in run.err
    assert not (issuer.root / "content" / "credentials").exists() or issuer.tokens() == set()
    assert not (issuer.root / "content" / "collections").exists()
    assert not (issuer.outside / "mail.csv").exists()


def test_in_ci_without_a_secret_the_run_fails_before_writing(issuer: Issuer) -> None:
    before = tree_files(issuer.root, cache=False)
    run = _issue(
        issuer,
        "alpha",
        ADA,
        env={"CI": "true", "CREDSITE_COLLECTION_SECRET": None},
        collection=True,
    )
    _refused(
        issuer,
        run,
        "error: no collection secret: set CREDSITE_COLLECTION_SECRET to the contents of staff's "
        "collection-secret file (a new secret made in CI would give every learner a new collection link)",
    )
    assert tree_files(issuer.root, cache=False) == before
    assert not _secret(issuer).exists()


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda p: None, "{p}: no such collection secret file"),
        (lambda p: p.mkdir(), "{p}: cannot read the collection secret file (Is a directory)"),
        (
            lambda p: (p.write_text("ab" * 32), p.chmod(0o644)),
            "{p}: other users can read this collection secret file; run 'chmod 600 {p}'",
        ),
        (
            lambda p: (p.write_text("not a secret"), p.chmod(0o600)),
            "{p}: not a collection secret (at least 64 hexadecimal characters, as credsite writes it)",
        ),
        (
            lambda p: (p.write_bytes(b"\xff\xfe"), p.chmod(0o600)),
            "{p}: cannot read the collection secret file (not ascii text: byte 0xff at position 0)",
        ),
    ],
    ids=["missing", "a-folder", "readable-by-others", "not-hex", "not-text"],
)
def test_an_unusable_secret_file_is_named(issuer: Issuer, make, message: str) -> None:
    path = issuer.outside / "secret"
    make(path)
    before = tree_files(issuer.root, cache=False)
    run = _issue(issuer, "alpha", ADA, collection_secret=str(path))
    _refused(issuer, run, "error: " + message.format(p=path))
    assert tree_files(issuer.root, cache=False) == before


def test_a_secret_inside_the_site_is_refused(issuer: Issuer) -> None:
    path = issuer.root / "collection-secret"
    path.write_text(SECRET)
    path.chmod(0o600)
    run = _issue(issuer, "alpha", ADA, collection_secret=str(path))
    assert run.code == 1
    assert run.error_lines() == [
        f"error: {path}: refusing to read a collection secret inside the site's folder (it would "
        f"end up in git); keep it outside {issuer.root}"
    ]


def test_a_broken_collection_file_stops_the_run_before_it_writes(issuer: Issuer) -> None:
    _issue(issuer, "alpha", ADA, collection=True)
    [path] = (issuer.root / "content" / "collections").glob("*.json")
    path.write_text('{"credentials": "nope"}\n')
    before = tree_files(issuer.root, cache=False)
    run = _issue(issuer, "beta", ADA, collection=True)
    shown = path.relative_to(issuer.root).as_posix()
    assert run.code == 1
    assert run.error_lines() == [
        f"{shown}: credentials: must be a list of credential tokens",
        "error: 1 error(s) in content; nothing was written",
    ]
    assert tree_files(issuer.root, cache=False) == before


def test_find_secret_in_ci_and_outside(issuer: Issuer) -> None:
    environ = {"XDG_CONFIG_HOME": str(issuer.config)}
    assert find_secret(issuer.root, BASE_URL, environ=environ).missing
    with pytest.raises(KeyFileError):
        find_secret(issuer.root, BASE_URL, environ=environ | {"CI": "1"})
    assert find_secret(issuer.root, BASE_URL, environ=environ | {"CI": "false"}).missing


# -- the build -------------------------------------------------------------------------------


def _page(out: Path, collection: str) -> str:
    return (out / "l" / collection / "index.html").read_text(encoding="utf-8")


def _data(out: Path, collection: str) -> dict:
    found = re.search(
        r'<script type="application/json" id="collection-data">(.*?)</script>',
        _page(out, collection),
    )
    assert found
    return json.loads(found.group(1))


def test_the_build_makes_a_private_page_for_each_collection(issuer: Issuer) -> None:
    tokens = _issued(_issue(issuer, "alpha", ADA, collection=True))
    tokens += _issued(_issue(issuer, "beta", ADA, collection=True))
    [collection] = _collections(issuer)
    out = issuer.build()
    page = _page(out, collection)
    assert '<meta name="robots" content="noindex, nofollow">' in page
    assert "Ada" not in page and "example.org" not in page.replace("mc.example.org", "")
    data = _data(out, collection)
    assert [c["token"] for c in data["credentials"]] == sorted(tokens)
    assert (
        data["credentials"][0]["json"]
        == f"../../c/{data['credentials'][0]['token']}/credential.json"
    )
    assert data["tracks"] == "../../l/tracks.json" and data["router"] is None
    tracks = json.loads((out / "l" / "tracks.json").read_text())
    assert tracks["tracks"][0]["slug"] == "route" and tracks["tracks"][0]["ec"] == 9
    assert tracks["tracks"][0]["modules"][0]["achievements"] == [
        f"{BASE_URL}nl/modules/alpha/achievement.json",
        f"{BASE_URL}en/modules/alpha/achievement.json",
    ]
    assert "Disallow: /l/\n" in (out / "robots.txt").read_text()
    headers = (out / "_headers").read_text()
    assert (
        "/l/*\n  Content-Security-Policy: " in headers
        and "noindex" in headers.split("/l/*")[1].split("\n\n")[0]
    )
    sitemap = (out / "sitemap.xml").read_text()
    assert "/l/" not in sitemap


def test_a_build_after_an_issue_run_updates_the_collection_page(issuer: Issuer) -> None:
    """The credential half is carried over after an issue run; collection pages are planned
    with the catalogue half, so they follow."""
    first = _issued(_issue(issuer, "alpha", ADA, collection=True))
    [collection] = _collections(issuer)
    issuer.build()
    second = _issued(_issue(issuer, "beta", ADA, collection=True))
    out = issuer.builds / "site-1"
    run = issuer.ok("build", "--out", out, "--jobs", "1")
    assert "the other credential pages carried over" in run.out
    assert [c["token"] for c in _data(out, collection)["credentials"]] == sorted(first + second)


def test_a_packed_site_names_the_router_instead_of_files(issuer: Issuer) -> None:
    _issue(issuer, "alpha", ADA, collection=True)
    [collection] = _collections(issuer)
    out = issuer.build("--pack")
    data = _data(out, collection)
    assert data["router"] == "../../c/index.html"
    assert all(c["json"] is None for c in data["credentials"])


def test_check_and_build_refuse_a_collection_that_names_no_credential(issuer: Issuer) -> None:
    _issue(issuer, "alpha", ADA, collection=True)
    [path] = (issuer.root / "content" / "collections").glob("*.json")
    path.write_text(json.dumps({"credentials": ["a" * 32]}))
    shown = path.relative_to(issuer.root).as_posix()
    for command in ("check", "build"):
        run = issuer.run(command)
        assert run.code == 1
        assert (
            f"{shown}: credentials: '{'a' * 32}' is not in content/credentials (remove it from the list)"
            in run.error_lines()
        )


# -- take-down -------------------------------------------------------------------------------


def test_a_collection_page_is_taken_down_like_a_credential_page(issuer: Issuer) -> None:
    ada, alan = _issued(_issue(issuer, "alpha", ADA, ALAN, collection=True))
    ids = {tokens[0]: cid for cid, tokens in _collections(issuer).items()}
    run = issuer.ok("unpublish", f"{BASE_URL}l/{ids[ada]}/", "--note", "asked by e-mail")
    assert run.out.startswith(f"collection {ids[ada]} will no longer be published")
    record = (issuer.root / "content" / "status" / "unpublished.yaml").read_text()
    assert f"  - collection: {ids[ada]}\n" in record
    issuer.ok("unpublish", alan)  # a credential's page: its collection leaves it out
    out = issuer.build()
    assert not (out / "l" / ids[ada]).exists()
    assert _data(out, ids[alan])["credentials"] == []
    assert COLLECTION_LABELS["nl"]["none"] in _page(out, ids[alan])  # nl: the site's default
    again = issuer.run("unpublish", ids[ada])
    assert (again.code, again.error_lines()) == (
        1,
        [f"error: collection {ids[ada]} is already unpublished"],
    )
    # The next issue run gives that learner no collection link, and says so.
    run = _issue(issuer, "beta", ADA, collection=True)
    assert "1 learner(s) asked for their collection page to be taken down (unpublish)" in run.out
    assert _mail(issuer)[0]["collection_url"] == ""


def test_unpublishing_an_unknown_collection_is_one_clear_line_and_writes_nothing(
    issuer: Issuer,
) -> None:
    _issue(issuer, "alpha", ADA, collection=True)
    before = tree_files(issuer.root, cache=False)
    for reference in ("b" * 32, f"{BASE_URL}l/{'b' * 32}/"):
        run = issuer.run("unpublish", reference)
        assert (run.code, run.error_lines()) == (
            1,
            [
                f"error: no credential or collection '{reference}' in content/credentials or content/collections"
            ],
        )
    assert tree_files(issuer.root, cache=False) == before


def test_a_take_down_of_a_collection_that_does_not_exist_fails_the_check(issuer: Issuer) -> None:
    _issue(issuer, "alpha", ADA, collection=True)
    status = issuer.root / "content" / "status" / "unpublished.yaml"
    status.write_text(f"credentials:\n  - collection: {'c' * 32}\n    at: 2026-03-03T00:00:00Z\n")
    run = issuer.run("check")
    assert run.code == 1
    assert (
        f"content/status/unpublished.yaml: collection: '{'c' * 32}' is not in content/collections"
        in run.error_lines()
    )


def test_the_help_names_the_secret_as_the_code_reads_it() -> None:
    """issue.py writes the names in its --help itself, so that --help does not import the issuer."""
    from credsite.issuer.collections import SECRET_ENV_VAR, SECRET_FILE

    text = " ".join(run_cli(["issue", "--help"], {"COLUMNS": "200"}).out.split())
    assert f"${SECRET_ENV_VAR}, then the file {SECRET_FILE} beside the default key files" in text
