#!/usr/bin/env python3
"""Benchmark: a credential padded with thousands of ``credentialSubject.identifier`` entries.

Issue 11, item 7: such a credential took 17 s (1.25 MB) to 457 s (5 MB) to verify. The cost
was pyld's node map, which compares each new value of a property with every earlier one
(quadratic); credsite.standards.nodemap builds the same map in linear time, and credsite.base.credential_limits
refuses documents beyond credsite/data/limits.json before any of that work.

For each N the example credential gets N extra IdentityObject entries (distinct e-mail
addresses; ``--same`` makes them identical, which also exercises RDFC-1.0's N-degree hashing)
and prints, side by side, measured in the same run:

- before: RDFC-1.0 canonicalization as credsite did it until now (pyld's node map);
- after: the same with credsite.standards.nodemap (``credsite.standards.jsonld.canonicalize``); both give the
  same N-Quads, which is checked;
- verify: ``verify_credential`` on the padded credential, which the limits now refuse (its
  first check that did not pass is shown; below the limits that is the issuer's key, which this
  benchmark does not fetch).

Usage: python bench/pathological.py [--sizes 1000,2000,4000,8000] [--before-up-to 8000] [--same]
"""

from __future__ import annotations

import argparse
import copy
import json
import sys
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from pyld.identifier_issuer import IdentifierIssuer  # noqa: E402
from pyld.jsonld import JsonLdProcessor  # noqa: E402

from credsite.standards import jsonld  # noqa: E402
from credsite.standards.fetch import mapping_fetcher  # noqa: E402
from credsite.standards.verification import verify_credential  # noqa: E402

EXAMPLE = REPO / "content" / "credentials" / "bvhs6s32ae2l2cthef2n5bixsz2rwxul.json"


def padded(count: int, same: bool) -> dict[str, Any]:
    """The example credential with ``count`` more identifier entries (its proof kept)."""
    document = copy.deepcopy(json.loads(EXAMPLE.read_text(encoding="utf-8")))
    document["credentialSubject"]["identifier"] += [
        {
            "type": "IdentityObject",
            "identityHash": "learner@example.org" if same else f"learner{i}@example.org",
            "identityType": "emailAddress",
            "hashed": False,
        }
        for i in range(count)
    ]
    return document


def canonical_with_pyld_node_map(document: dict[str, Any]) -> str:
    """credsite's canonicalization as it was before credsite.standards.nodemap: pyld's node map."""
    expanded, _ = jsonld._expand(document)
    processor = JsonLdProcessor()
    options = jsonld.rdf_options()
    issuer = IdentifierIssuer("_:b")
    node_map: dict[str, Any] = {"@default": {}}
    processor._create_node_map(expanded, node_map, "@default", issuer)
    dataset = {
        name: processor._graph_to_rdf(graph, issuer, options)
        for name, graph in sorted(node_map.items())
        if name == "@default" or jsonld._is_absolute_iri(name)
    }
    return jsonld._BoundedURDNA2015().main(dataset, {"format": "application/n-quads"})


def timed(work: Callable[[], Any]) -> tuple[float, Any]:
    start = time.perf_counter()
    result = work()
    return time.perf_counter() - start, result


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sizes", default="1000,2000,4000,8000")
    parser.add_argument(
        "--before-up-to",
        type=int,
        default=8000,
        help="skip the (quadratic) 'before' column above this N",
    )
    parser.add_argument("--same", action="store_true", help="identical entries")
    args = parser.parse_args()
    now = datetime(2026, 11, 1, tzinfo=UTC)
    print(f"{'N':>6} {'MB':>6} {'before s':>9} {'after s':>8} {'verify s':>9}  verify says")
    for count in (int(n) for n in args.sizes.split(",")):
        document = padded(count, args.same)
        unsigned = {k: v for k, v in document.items() if k != "proof"}
        megabytes = len(json.dumps(document).encode()) / 1e6
        after, nquads = timed(lambda d=unsigned: jsonld.canonicalize(d))
        before_text = "skipped"
        if count <= args.before_up_to:
            before, old = timed(lambda d=unsigned: canonical_with_pyld_node_map(d))
            if old != nquads:
                raise SystemExit(f"N={count}: the two node maps gave different N-Quads")
            before_text = f"{before:.2f}"
        verify, report = timed(lambda d=document: verify_credential(d, mapping_fetcher({}), now))
        first = next((c for c in report.checks if c.outcome != "passed"), report.checks[-1])
        said = f"{report.state}: {first.message}"
        print(
            f"{count:>6} {megabytes:6.2f} {before_text:>9} {after:8.2f} {verify:9.3f}  {said}",
            flush=True,
        )


if __name__ == "__main__":
    main()
