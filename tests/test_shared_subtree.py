"""Signing a run of credentials reuses the expansion of what they share; the result must be
exactly the canonical form computed from scratch."""

from __future__ import annotations

import copy
import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

from credsite.base.errors import CanonicalizationError
from credsite.catalogue.content import load_content
from credsite.issuer.credential import Recipient, StatusEntry, build_credential, new_salt, new_token
from credsite.standards import jsonld

from .conftest import REPO

CONTENT = load_content(REPO).content


def credentials(slug: str, count: int) -> list[dict]:
    module = next(m for m in CONTENT.modules if m.slug == slug)
    site = CONTENT.site
    made = []
    for n in range(count):
        recipient = Recipient(
            f'Learner {n} "quoted" ü 😀',
            f"learner{n}@example.org",
            ("nl", "en")[n % 2],
            grade=str(6 + n % 4) if module.grade_achieved_required else None,
            evidence_url="https://evidence.example/x" if n % 3 else None,
            narrative="Line one\nline two" if n % 2 else None,
        )
        status = StatusEntry(f"{site.canonical_url}status/revocation-1.json", 1000 + n)
        made.append(
            build_credential(
                module,
                site,
                recipient,
                new_token(),
                new_salt(),
                datetime(2026, 11, 23, tzinfo=UTC),
                status,
                "https://x.example/badge.png",
            )
        )
    return made


@pytest.mark.parametrize(
    "slug",
    [
        "clinical-reasoning-complex-care",
        "business-administration-finance",
        "computer-science-secure-software",
    ],
)
def test_shared_expansion_gives_the_same_canonical_form(slug: str) -> None:
    shared = jsonld.SharedSubtree()
    documents = credentials(slug, 12)  # both languages: two different achievements share a cache
    assert [jsonld.canonicalize(d, shared) for d in documents] == [
        jsonld.canonicalize(d) for d in documents
    ]
    assert len(shared._expanded) == 4  # achievement and issuer, per language


def test_the_cache_is_not_changed_by_use_and_documents_are_left_alone() -> None:
    shared = jsonld.SharedSubtree()
    documents = credentials("interview-techniques-nursing", 6)
    jsonld.canonicalize(documents[0], shared)
    jsonld.canonicalize(documents[1], shared)  # the other language
    before = {key: json.dumps(value, sort_keys=True) for key, value in shared._expanded.items()}
    copies = copy.deepcopy(documents)
    for document in documents:
        jsonld.canonicalize(document, shared)
    assert {
        key: json.dumps(value, sort_keys=True) for key, value in shared._expanded.items()
    } == before
    assert documents == copies


def test_a_changed_shared_part_is_not_served_from_the_cache() -> None:
    shared = jsonld.SharedSubtree()
    first, second = credentials("interview-techniques-nursing", 2)
    jsonld.canonicalize(first, shared)
    second["credentialSubject"]["achievement"]["name"] = "Something else"
    assert jsonld.canonicalize(second, shared) == jsonld.canonicalize(second)


def test_unsafe_documents_are_still_refused() -> None:
    shared = jsonld.SharedSubtree()
    first, second = credentials("interview-techniques-nursing", 2)
    jsonld.canonicalize(first, shared)
    second["credentialSubject"]["undefinedTerm"] = "x"
    with pytest.raises(CanonicalizationError, match="undefinedTerm"):
        jsonld.canonicalize(second, shared)
    third = credentials("interview-techniques-nursing", 1)[0]
    third["issuer"]["name"] = "Bell \u0007"
    with pytest.raises(CanonicalizationError, match="U\\+0007"):
        jsonld.canonicalize(third, shared)


def test_documents_without_the_shared_parts_take_the_long_way() -> None:
    shared = jsonld.SharedSubtree()
    vector = json.loads(
        (
            Path(__file__).parent / "vectors/ob-v3p0-eddsa-rdfc-2022/unsigned-credential.json"
        ).read_text()
    )
    assert jsonld.canonicalize(vector, shared) == jsonld.canonicalize(vector)
