"""Private mode (issue 18): ``private: true`` in site.yaml, or ``build --private``. The web host
holds no learner's data in clear: credential and collection pages exist only sealed in packs
(credsite/build/pack.py), and the links learners get carry the id in the URL fragment, which
browsers never send. The pages' scripts are tested in browser/test/pack.test.js and, in Chromium,
in tests/browser/test_private_pages.py.
"""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path

import pytest

from credsite.base import urls
from credsite.build.pack import lookup_id, pack_digits, unseal

from .conftest import MODULE, SiteFolder
from .issuer_site import BASE_URL, GRADED_MODULE, Issuer

TRACK = """\
---
title: {nl: Route, en: Track}
summary: {nl: Samen., en: Together.}
status: published
modules: [alpha, beta]
---
"""
LOCAL = {"CI": None, "CREDSITE_COLLECTION_SECRET": None}
# Learner fields distinctive enough that finding one in the output cannot be chance.
ADA = [
    "Ada Lovelace-Byron",
    "ada.private@example.org",
    "8,7 met lof",
    "https://portfolio.example.org/ada-analytical-engine",
    "Schreef het eerste programma voor de analytische machine.",
]
ALAN = [
    "Alan Mathison Turing",
    "alan.private@example.org",
    "9,1 summa",
    "https://portfolio.example.org/alan-enigma-notes",
    "Brak de code van de Enigma in Bletchley Park.",
]


@pytest.fixture
def issuer(site: SiteFolder, tmp_path: Path) -> Issuer:
    modules = {
        "alpha": GRADED_MODULE.replace("Testmodule", "Module alpha"),
        "beta": MODULE.replace("Testmodule", "Module beta"),
    }
    issuer = Issuer.with_key(site, tmp_path, modules)
    site.track("route", TRACK)
    return issuer


def _private(issuer: Issuer) -> None:
    with (issuer.root / "site.yaml").open("a", encoding="utf-8") as config:
        config.write("private: true\n")


def _issue_both(issuer: Issuer) -> list[str]:
    """Ada and Alan, graded with evidence and a narrative, each with a collection."""
    return issuer.issue([ADA, ALAN], "--collection", module="alpha", env=LOCAL)


def _mail(issuer: Issuer) -> list[dict[str, str]]:
    with (issuer.outside / "mail.csv").open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _collection_ids(issuer: Issuer) -> list[str]:
    return sorted(p.stem for p in (issuer.root / "content" / "collections").glob("*.json"))


def _learner_data(issuer: Issuer, tokens: list[str]) -> set[str]:
    """Every learner field of the issued credentials, as they would appear in a file: the values
    themselves (names, e-mail, its hash and salt, grades, narratives, evidence, ids, tokens) and
    the collection ids."""
    found: set[str] = set(tokens) | set(_collection_ids(issuer))
    for row in (ADA, ALAN):
        found |= {row[0], row[1], row[2], row[3], row[4]}
    for token in tokens:
        document = issuer.credential(token)
        subject = document["credentialSubject"]
        found |= {document["id"]}
        for identifier in subject["identifier"]:
            found |= {identifier["identityHash"], identifier.get("salt", "")}
        for evidence in document.get("evidence", []):
            found.add(evidence["id"])
    found.discard("")
    return found


def _leaks(out: Path, secrets: set[str]) -> list[str]:
    """Every output file (its path and its bytes) that holds any of ``secrets`` in clear, also
    JSON- or HTML-escaped or percent-encoded as a link would carry it."""
    from html import escape
    from urllib.parse import quote

    forms = {s: {s, json.dumps(s)[1:-1], escape(s), quote(s, safe="")} for s in secrets}
    leaks = []
    for path in sorted(p for p in out.rglob("*") if p.is_file()):
        relative = path.relative_to(out).as_posix()
        data = path.read_bytes()
        for secret, variants in forms.items():
            if any(v in relative or v.encode() in data for v in variants):
                leaks.append(f"{relative}: {secret}")
    return leaks


def test_a_private_site_holds_no_learner_data_in_clear(issuer: Issuer) -> None:
    _private(issuer)
    tokens = _issue_both(issuer)
    secrets = _learner_data(issuer, tokens)
    assert len(secrets) >= 20
    out = issuer.build()
    assert _leaks(out, secrets) == []
    assert (out / "c/index.html").is_file() and (out / "l/index.html").is_file()
    assert not [p for p in (out / "c").iterdir() if p.name not in ("index.html", "packs")]
    assert not [
        p for p in (out / "l").iterdir() if p.name not in ("index.html", "packs", "tracks.json")
    ]


def test_the_same_scan_finds_the_learners_on_a_public_site(issuer: Issuer) -> None:
    """The scan above can fail: a public build of the same site holds every learner field."""
    tokens = _issue_both(issuer)
    secrets = _learner_data(issuer, tokens)
    leaks = _leaks(issuer.build(), secrets)
    assert {leak.split(": ", 1)[1] for leak in leaks} >= {ADA[0], ADA[2], ADA[3], ADA[4], *tokens}


def test_private_links_carry_the_id_only_in_the_fragment(issuer: Issuer) -> None:
    _private(issuer)
    tokens = _issue_both(issuer)
    rows = _mail(issuer)
    assert [r["verification_url"] for r in rows] == [f"{BASE_URL}c/#{t}" for t in tokens]
    ids = [r["collection_url"].split("#")[1] for r in rows]
    assert [r["collection_url"] for r in rows] == [f"{BASE_URL}l/#{i}" for i in ids]
    assert sorted(ids) == _collection_ids(issuer)
    # The signed credential keeps its id: the same credential is valid on a public site.
    assert issuer.credential(tokens[0])["id"] == f"{BASE_URL}c/{tokens[0]}/"


def test_each_page_is_sealed_under_its_own_id_and_links_privately(issuer: Issuer) -> None:
    _private(issuer)
    tokens = _issue_both(issuer)
    out = issuer.build()
    credential_packs = _pages(out / "c/packs")
    assert sorted(credential_packs) == sorted(lookup_id(t) for t in tokens)
    page = unseal(tokens[0], credential_packs[lookup_id(tokens[0])])
    assert ADA[0] in page["body"] and f"{BASE_URL}c/#{tokens[0]}" in page["body"]  # its QR code
    assert f"/c/{tokens[0]}/" not in page["body"].replace(f"{BASE_URL}c/{tokens[0]}/", "")
    collections = _pages(out / "l/packs")
    by_token = {}
    for cid in _collection_ids(issuer):
        body = unseal(cid, collections[lookup_id(cid)])["body"]
        island = json.loads(re.search(r'id="collection-data">(.*?)</script>', body).group(1))
        assert island["router"] == "/c/index.html"
        for entry in island["credentials"]:
            assert entry["page"] == f"/c/#{entry['token']}" and entry["json"] is None
            by_token[entry["token"]] = cid
    assert sorted(by_token) == sorted(tokens)


def _pages(folder: Path) -> dict[str, str]:
    pages: dict[str, str] = {}
    for path in sorted(folder.glob("*.json")):
        pack = json.loads(path.read_text())
        assert pack["format"] == "credsite-pack-1"
        assert all(key.startswith(path.stem) for key in pack["pages"])
        pages |= pack["pages"]
    return pages


def test_the_routers_and_headers_send_no_referrer(issuer: Issuer) -> None:
    _private(issuer)
    _issue_both(issuer)
    out = issuer.build()
    for router in ("c/index.html", "l/index.html"):
        html = (out / router).read_text()
        assert '<meta name="referrer" content="no-referrer">' in html
        assert 'data-private="true"' in html and '<meta name="robots" content="noindex' in html
    headers = (out / "_headers").read_text()
    for folder in ("/c/*", "/l/*"):
        block = headers.split(f"\n{folder}\n", 1)[1].split("\n\n", 1)[0]
        assert "  Referrer-Policy: no-referrer" in block.splitlines()
    assert (
        out / "_redirects"
    ).read_text() == "/c/:id/  /c/index.html  200\n/l/:id/  /l/index.html  200\n"
    not_found = (out / "404.html").read_text()
    assert 'data-link-form="fragment"' in not_found
    assert '<meta name="referrer" content="no-referrer">' in not_found


def test_the_404_page_says_which_link_form_the_site_uses(issuer: Issuer) -> None:
    """A site switched to or from private mode forwards old links (assets/site.js)."""
    issuer.issue([ADA[:3]], module="alpha")
    forms = {}
    for args in ((), ("--pack",), ("--private",)):
        html = (issuer.build(*args) / "404.html").read_text()
        forms[args] = re.search(r'data-link-form="(\w+)"', html).group(1)
        assert 'data-credential-router="/c/" data-collection-router="/l/"' in html
    assert forms == {(): "path", ("--pack",): "query", ("--private",): "fragment"}


def test_build_private_makes_what_the_setting_makes(issuer: Issuer, tmp_path: Path) -> None:
    from .issuer_site import tree_files

    _issue_both(issuer)
    by_flag = tree_files(issuer.build("--private"), cache=False)
    _private(issuer)
    by_setting = tree_files(issuer.build(), cache=False)
    assert by_flag == by_setting


def test_staff_commands_take_a_private_link(issuer: Issuer) -> None:
    _private(issuer)
    tokens = _issue_both(issuer)
    run = issuer.ok("unpublish", f"{BASE_URL}c/#{tokens[0]}", "--note", "asked by e-mail")
    assert tokens[0] in run.out
    [ada_collection] = [r["collection_url"] for r in _mail(issuer)][:1]
    run = issuer.ok("unpublish", ada_collection)
    assert run.out.startswith("collection ")
    out = issuer.build()
    assert sorted(_pages(out / "c/packs")) == [lookup_id(tokens[1])]
    assert len(_pages(out / "l/packs")) == 1


@pytest.mark.parametrize(
    ("reference", "expected"),
    [
        ("https://mc.example.org/c/abcdefgh/", "abcdefgh"),
        ("https://mc.example.org/c/#abcdefgh", "abcdefgh"),
        ("https://mc.example.org/c/?id=abcdefgh", "abcdefgh"),
        ("https://mc.example.org/l/#ABCDEFGH", "abcdefgh"),
        ("content/credentials/abcdefgh.json", "abcdefgh"),
        (" abcdefgh ", "abcdefgh"),
    ],
)
def test_an_id_is_read_from_any_of_its_links(reference: str, expected: str) -> None:
    assert urls.id_in_link(reference) == expected


def test_private_must_be_true_or_false(issuer: Issuer) -> None:
    with (issuer.root / "site.yaml").open("a", encoding="utf-8") as config:
        config.write("private: sometimes\n")
    run = issuer.run("check")
    assert run.code == 1
    assert re.search(r"site\.yaml:\d+: private: 'sometimes' is not true or false", run.text)


def test_a_private_site_has_as_many_packs_as_a_packed_one(issuer: Issuer) -> None:
    tokens = _issue_both(issuer)
    packed = sorted(p.name for p in (issuer.build("--pack") / "c/packs").iterdir())
    private = sorted(p.name for p in (issuer.build("--private") / "c/packs").iterdir())
    assert packed == private and len(packed[0]) == pack_digits(len(tokens)) + len(".json")


def test_verify_reads_a_private_link_as_its_page_does(issuer: Issuer) -> None:
    """``credsite verify https://…/c/#<id>``: the router says where the packs are, the id names
    the pack and decrypts the page; a wrong link and an altered pack are said plainly."""
    from .static_host import serve_folder

    _private(issuer)
    tokens = _issue_both(issuer)
    out = issuer.build()
    with serve_folder(out) as address:
        run = issuer.run("verify", f"{address}c/#{tokens[0]}", "--site", out)
        assert run.code == 0 and "verified" in run.out.lower(), run.text
        other = tokens[0][:-1] + ("a" if tokens[0][-1] != "a" else "b")
        run = issuer.run("verify", f"{address}c/#{other}", "--site", out)
        assert (run.code, run.error_lines()) == (
            1,
            [f"error: {address}c/: no credential at this link: it is not complete or not valid"],
        )
        [pack] = [
            p for p in (out / "c/packs").glob("*.json") if lookup_id(tokens[0]) in p.read_text()
        ]
        document = json.loads(pack.read_text())
        sealed = document["pages"][lookup_id(tokens[0])]
        document["pages"][lookup_id(tokens[0])] = (
            sealed[:40] + ("A" if sealed[40] != "A" else "B") + sealed[41:]
        )
        pack.write_text(json.dumps(document))
        run = issuer.run("verify", f"{address}c/#{tokens[0]}", "--site", out)
        assert run.code == 1 and "was altered or damaged" in run.text, run.text


def test_verify_reads_a_packed_sites_router_address(issuer: Issuer) -> None:
    from .static_host import serve_folder

    tokens = _issue_both(issuer)
    out = issuer.build("--pack")
    with serve_folder(out) as address:
        run = issuer.run("verify", f"{address}c/?id={tokens[1]}", "--site", out)
    assert run.code == 0 and "verified" in run.out.lower(), run.text


def test_the_example_sites_private_build_holds_none_of_its_learners(
    tmp_path: Path, example_source: Path
) -> None:
    """The repository's example credentials: every id, name, e-mail hash, salt, narrative and
    evidence address, and every grade as a page or a JSON file would show it."""
    from credsite.build.builder import BuildOptions, build

    from .conftest import REPO

    secrets: set[str] = set()
    grades: set[str] = set()
    for path in sorted((REPO / "content/credentials").glob("*.json")):
        document = json.loads(path.read_text(encoding="utf-8"))
        subject = document["credentialSubject"]
        secrets |= {path.stem, document["id"]}
        for identifier in subject.get("identifier", []):
            secrets |= {identifier["identityHash"], identifier.get("salt", "")}
        secrets |= {e["id"] for e in document.get("evidence", []) if "id" in e}
        secrets |= {e.get("narrative", "") for e in document.get("evidence", [])}
        for result in subject.get("result", []):
            grades |= {f">{result['value']}<", f'"value":"{result["value"]}"'}
    secrets.discard("")
    assert len(secrets) > 60 and grades
    out = tmp_path / "site"
    build(BuildOptions(root=example_source, out_dir=out, private=True, jobs=1))
    assert _leaks(out, secrets | grades) == []


def _rule_matches(source: str, path: str) -> bool:
    """Whether a ``_redirects`` source matches ``path`` as Netlify and Cloudflare Pages read it:
    ``:name`` one path segment, ``*`` anything."""
    parts = re.split(r"(\*|:[A-Za-z]\w*)", source)
    pattern = "".join(
        ".*" if p == "*" else "[^/]+" if p.startswith(":") else re.escape(p) for p in parts
    )
    return re.fullmatch(pattern, path) is not None


def test_the_rewrites_reach_old_links_and_no_file_of_the_site(issuer: Issuer) -> None:
    """Cloudflare Pages applies a rule whether or not a file is there: a rule that matched a
    pack or l/tracks.json would answer it with a router page."""
    _private(issuer)
    tokens = _issue_both(issuer)
    out = issuer.build()
    sources = [line.split()[0] for line in (out / "_redirects").read_text().splitlines()]
    files = ["/" + p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file()]
    assert [f for f in files if any(_rule_matches(s, f) for s in sources)] == []
    for link in (f"/c/{tokens[0]}/", f"/l/{_collection_ids(issuer)[0]}/"):
        assert any(_rule_matches(s, link) for s in sources), link
