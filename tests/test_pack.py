"""Packed credential pages (build --pack): bounded files, unreadable without the address."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from cryptography.exceptions import InvalidTag

from credsite.build.builder import BuildOptions, build
from credsite.build.pack import MAX_DIGITS, PER_PACK, lookup_id, pack_digits, seal, unseal

from .conftest import REPO
from .test_build import tree_digest

TOKENS = sorted(p.stem for p in (REPO / "content/credentials").glob("*.json"))
UNPUBLISHED = {
    line.split(":", 1)[1].strip().strip("'\"")
    for line in (REPO / "content/status/unpublished.yaml").read_text().splitlines()
    if line.strip().startswith("- credential:")
}


@pytest.fixture(scope="module")
def packed(tmp_path_factory: pytest.TempPathFactory, example_source: Path) -> Path:
    out = tmp_path_factory.mktemp("packed") / "site"
    build(BuildOptions(root=example_source, out_dir=out, pack=True, jobs=1))
    return out


def test_a_packed_site_has_no_file_per_credential(packed: Path) -> None:
    assert sorted(p.name for p in (packed / "c").iterdir()) == ["index.html", "packs"]
    packs = sorted((packed / "c/packs").iterdir())
    assert 1 <= len(packs) <= 16 ** pack_digits(len(TOKENS))
    # One segment, not /c/*: Cloudflare Pages would answer the packs with the router too.
    assert (packed / "_redirects").read_text() == "/c/:id/  /c/index.html  200\n"
    assert 'data-credential-router="/c/"' in (packed / "404.html").read_text()


def test_every_published_credential_is_in_its_pack_and_nothing_else(packed: Path) -> None:
    digits = pack_digits(len(TOKENS) - len(UNPUBLISHED))
    found = {}
    for path in (packed / "c/packs").glob("*.json"):
        pack = json.loads(path.read_text())
        assert pack["format"] == "credsite-pack-1"
        assert all(key.startswith(path.stem) and len(path.stem) == digits for key in pack["pages"])
        found |= pack["pages"]
    published = [t for t in TOKENS if t not in UNPUBLISHED]
    assert UNPUBLISHED and sorted(found) == sorted(lookup_id(t) for t in published)
    for token in published:
        page = unseal(token, found[lookup_id(token)])
        credential = (REPO / f"content/credentials/{token}.json").read_text()
        assert json.loads(credential)["id"] in page["body"]
        assert page["lang"] in ("nl", "en") and "·" in page["title"]


def test_the_packs_name_no_learner(packed: Path) -> None:
    """Anyone can download every pack; no name, token or credential text may be readable."""
    text = "".join(p.read_text() for p in (packed / "c/packs").glob("*.json"))
    for token in TOKENS:
        document = json.loads((REPO / f"content/credentials/{token}.json").read_text())
        name = document["credentialSubject"]["identifier"][0]["identityHash"]
        assert token not in text and name not in text


def test_a_page_opens_only_with_its_own_token() -> None:
    sealed = seal(TOKENS[0], {"title": "t", "lang": "nl", "body": "<p>x</p>"})
    assert unseal(TOKENS[0], sealed)["body"] == "<p>x</p>"
    with pytest.raises(InvalidTag):
        unseal(TOKENS[1], sealed)
    assert seal(TOKENS[0], {"title": "t", "lang": "nl", "body": "<p>x</p>"}) == sealed


def test_the_number_of_packs_is_bounded() -> None:
    assert pack_digits(1) == 1
    assert pack_digits(PER_PACK * 16) == 1
    assert pack_digits(PER_PACK * 16 + 1) == 2
    assert pack_digits(100_000) == 3
    assert pack_digits(10_000_000) == MAX_DIGITS == 3  # 4,096 files, whatever the count


def test_packed_builds_are_repeatable_and_incremental(tmp_path: Path, example_source: Path) -> None:
    first = build(BuildOptions(root=example_source, out_dir=tmp_path / "a", pack=True, jobs=2))
    build(BuildOptions(root=example_source, out_dir=tmp_path / "b", pack=True, jobs=1))
    assert tree_digest(tmp_path / "a") == tree_digest(tmp_path / "b")
    again = build(BuildOptions(root=example_source, out_dir=tmp_path / "a", pack=True, jobs=1))
    assert first.stats.rendered == first.stats.outputs and again.stats.rendered == 0


def test_switching_between_files_and_packs(tmp_path: Path, example_source: Path) -> None:
    out = tmp_path / "site"
    build(BuildOptions(root=example_source, out_dir=out, jobs=1))
    assert (out / "c" / TOKENS[0] / "credential.json").is_file()
    build(BuildOptions(root=example_source, out_dir=out, pack=True, jobs=1))
    assert not (out / "c" / TOKENS[0]).exists()
    build(BuildOptions(root=example_source, out_dir=out, jobs=1))
    assert not (out / "c/packs").exists() and not (out / "_redirects").exists()
