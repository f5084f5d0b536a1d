#!/usr/bin/env python3
"""Benchmark: mutation testing of the security-critical code, Python and browser alike.

A mutant is a copy of the code with one small change (``<`` for ``<=``, a condition forced
true, a string emptied, a call dropped); a test suite that passes on a mutant did not notice
that change. For each row of ``TARGETS`` below — the proofs and cryptosuites, the status
lists, the verifier, issuing, the atomic writer, the Markdown sanitiser, and their browser
counterparts — this runs mutmut (Python, mutation_python.py) or Stryker (browser,
mutation_js.py) in a temporary copy of the working tree (never the checkout itself), each
mutant against that row's fast tests only, two at a time (the machine has 2 cores), and prints:

- per module: mutants, killed (a test failed), timed out, survived (every test passed), no
  tests (no test of the row reaches the mutated code), equivalent, and the score: detected
  (killed + timed out + crashed) over detected + undetected (survived + no tests), after the
  mutants bench/mutation-equivalent.json lists as equivalent (they cannot change behaviour)
  are taken out;
- each undetected mutant as ``file:line  `old` → `new```;
- the equivalent ones, separately, with why.

It is a benchmark, not part of .ci/run: a full run takes hours on 2 cores. The figures are
written to bench/out/mutation/ (``--out``); ``--baseline FILE`` prints an earlier run's score
beside each module's. A test file that is added for one of these modules goes in its row.

Usage: python bench/mutation.py [--python-only | --js-only] [--module NAME ...]
                                [--workers 2] [--baseline FILE] [--out FILE] [--keep]
       python bench/mutation.py --report FILE [--baseline FILE] [--markdown]
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import shutil
import subprocess
import sys
import tempfile
import time
import tomllib
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import mutation_js
import mutation_python
from mutation_common import (
    DETECTED,
    REPO,
    UNDETECTED,
    ModuleResult,
    Mutant,
    Target,
    copy_working_tree,
)

EQUIVALENT = REPO / "bench" / "mutation-equivalent.json"
OUT = REPO / "bench" / "out" / "mutation"


def py(name: str, source: str, *tests: str, skip: tuple[str, ...] = ()) -> Target:
    """A row for Python: ``tests/<stem>.py`` for each stem, ``<stem>::<test>`` for one test
    (``skip`` names tests of those files to leave out, the same way)."""

    def path(test: str) -> str:
        stem, _, node = test.partition("::")
        return f"tests/{stem}.py" + (f"::{node}" if node else "")

    return Target(f"py:{name}", (source,), tuple(map(path, tests)), tuple(map(path, skip)))


def js(name: str, source: str, *tests: str) -> Target:
    """A row for the browser verifier: ``browser/test/<stem>.test.js`` for each stem."""
    return Target(
        f"js:{name}",
        (f"browser/src/verifier/{source}",),
        tuple(f"browser/test/{t}.test.js" for t in tests),
    )


# The modules, each with the tests that exercise it and run in seconds (not the whole suite).
# For Python, mutmut runs for each mutant only the tests that reach the mutated function; for
# the browser, Stryker only the test files that do.
TARGETS = (
    py("atomic", "credsite/base/atomic.py", "test_atomic_writes", "test_issue_all_or_nothing"),
    py(
        "statuslist",
        "credsite/standards/statuslist.py",
        "test_statuslist",
        "test_statuslist_rules",
        "test_data_models",
        "test_status_standing",
        "test_status_validity",
    ),
    py(
        "markup",
        "credsite/catalogue/markup.py",
        "test_markup",
        "test_markup_rules",
        "test_sanitiser_attributes",
    ),
    py(
        "proofs",
        "credsite/standards/proofs.py",
        "test_proofs",
        "test_proof_rules",
        "test_proof_sets",
        "test_suites_jcs",
    ),
    py(
        "cryptosuites",
        "credsite/standards/cryptosuites/*.py",
        "test_cryptosuites",
        "test_cryptosuites_rules",
        "test_suites_ecdsa",
        "test_suites_ed25519_legacy",
        "test_suites_jcs",
        "test_keys_jwk",
        "test_proofs",
    ),
    py(
        "statuscheck",
        "credsite/standards/statuscheck.py",
        "test_statuscheck_rules",
        "test_status_standing",
        "test_status_validity",
        "test_data_models",
        "test_attacks_issue13",
        "test_verifier_boundaries",
    ),
    py(
        "verification",
        "credsite/standards/verification.py",
        "test_verification_rules",
        "test_honest_verdicts",
        "test_proof_sets",
        "test_status_standing",
        "test_one_subject",
        "test_credential_limits",
        "test_attacks_issue13",
        "test_verifier_boundaries",
    ),
    py(
        "authenticity",
        "credsite/standards/authenticity.py",
        "test_authenticity_rules",
        "test_keys_authenticity",
        "test_attacks_issue13",
        "test_rulebook",
        "test_proof_sets",
        "test_keys_jwk",
    ),
    py(
        "keyresolution",
        "credsite/standards/keyresolution.py",
        "test_keyresolution_rules",
        "test_keys_agreement",
        "test_keys_jwk",
        "test_keys_authenticity",
        "test_keys",
    ),
    py(
        "issuing",
        "credsite/issuer/issuing.py",
        "test_issuing_rules",
        "test_issue",
        "test_issue_all_or_nothing",
        "test_atomic_writes",
        # 30 s each: kills an issue run at every step (the all-or-nothing tests cover the rest)
        skip=("test_issue::test_a_killed_issue_run_leaves_only_complete_credentials",),
    ),
    js("bitstring", "bitstring.js", "bitstring-rules", "data-models", "status-list"),
    js(
        "status",
        "status.js",
        "status-rules",
        "companion",
        "suspension-note",
        "status-list",
        "states",
        "data-models",
        "attacks-issue13",
    ),
    js("rulebook", "rulebook.js", "rulebook", "rulebook-rules", "proof-sets", "states"),
    js(
        "data-integrity",
        "data-integrity.js",
        "data-integrity-rules",
        "cryptosuites",
        "cryptosuites-jcs",
        "proof-sets",
        "tamper",
        "vectors",
        "attacks-issue13",
    ),
    js(
        "cryptosuites",
        "cryptosuites/*.js",
        "cryptosuites-rules",
        "cryptosuites",
        "cryptosuites-jcs",
        "cryptosuites-legacy",
        "cryptosuites-ecdsa",
        "vectors",
    ),
    js(
        "key-resolution",
        "key-resolution.js",
        "key-resolution-rules",
        "key-resolution",
        "key-resolution-jwk",
        "key-resolution-agreement",
        "attacks-issue13",
    ),
    js(
        "verifier",
        "verifier.js",
        "verifier-rules",
        "verifier-proof-rules",
        "states",
        "proof-sets",
        "one-subject",
        "tamper",
        "attacks-issue13",
        "extract",
    ),
)


def main() -> None:
    args = arguments()
    baseline = load(Path(args.baseline)) if args.baseline else None
    if args.report:
        saved = list(load(Path(args.report)).values())
        (markdown if args.markdown else report)(saved, equivalents(), baseline)
        return
    targets = chosen(args)
    if any(t.language == "py" for t in targets):
        ensure_mutmut()
    if any(t.language == "js" for t in targets):
        mutation_js.ensure_stryker()
    started = time.monotonic()
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    out = Path(args.out) if args.out else OUT / f"{stamp}.json"
    work = Path(tempfile.mkdtemp(prefix="credsite-mutation-"))
    results: list[ModuleResult] = []
    try:
        for target in targets:
            print(f"{target.name}: mutating {', '.join(target.sources)} …", flush=True)
            results.append(run_target(target, work, args.workers))
            if not args.keep:  # a copy with mutmut's mutants/ is about 100 MB
                shutil.rmtree(work / slug(target), ignore_errors=True)
            print(f"{target.name}: {summary_line(results[-1])}", flush=True)
            save(out, stamp, time.monotonic() - started, args.workers, results)
    finally:
        if args.keep:
            print(f"kept the copies, mutmut's mutants/ and Stryker's logs in {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)
    print()
    report(results, equivalents(), baseline)
    print(f"\n{len(results)} modules in {minutes(time.monotonic() - started)}; figures in {out}")


def arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    only = parser.add_mutually_exclusive_group()
    only.add_argument("--python-only", action="store_true", help="only the py: modules")
    only.add_argument("--js-only", action="store_true", help="only the js: modules")
    parser.add_argument(
        "--module",
        action="append",
        metavar="NAME",
        help="run this module only (repeatable): py:atomic, js:bitstring, or atomic for both sides",
    )
    parser.add_argument("--workers", type=int, default=2, help="mutants tested at once (2)")
    parser.add_argument("--baseline", metavar="FILE", help="an earlier run's JSON, shown beside")
    parser.add_argument("--out", metavar="FILE", help="where to write the figures")
    parser.add_argument("--keep", action="store_true", help="keep the temporary copies")
    parser.add_argument(
        "--report", metavar="FILE", help="print a saved run's report again, mutating nothing"
    )
    parser.add_argument(
        "--markdown", action="store_true", help="with --report: the table in Markdown, for docs"
    )
    return parser.parse_args()


def chosen(args: argparse.Namespace) -> list[Target]:
    targets = [
        t
        for t in TARGETS
        if not (args.python_only and t.language != "py")
        and not (args.js_only and t.language != "js")
    ]
    if args.module:
        names = set(args.module)
        targets = [t for t in targets if t.name in names or t.name.split(":", 1)[1] in names]
        if not targets:
            known = ", ".join(t.name for t in TARGETS)
            sys.exit(f"no module named {', '.join(sorted(names))}; the modules: {known}")
    return targets


def ensure_mutmut() -> None:
    """mutmut as pinned in pyproject.toml's ``mutation`` extra, installed when missing."""
    if importlib.util.find_spec("mutmut") and mutation_python.MUTMUT.exists():
        return
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    pins = project["project"]["optional-dependencies"]["mutation"]
    print(f"+ pip install {' '.join(pins)}", flush=True)
    subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", *pins], check=True)


def run_target(target: Target, work: Path, workers: int) -> ModuleResult:
    """One module, in a fresh copy of the working tree of its own."""
    tree = copy_working_tree(work / slug(target))
    sources = expand(tree, target.sources)
    target = Target(target.name, tuple(sources), target.tests, target.skip)
    log = work / f"{slug(target)}.log"
    if target.language == "py":
        return mutation_python.run(target, tree, workers, log)
    return mutation_js.run(target, tree, workers, log)


def slug(target: Target) -> str:
    return target.name.replace(":", "-")


def expand(tree: Path, patterns: tuple[str, ...]) -> list[str]:
    """The table's source globs as the files they name in the copy."""
    found = [p.relative_to(tree).as_posix() for pattern in patterns for p in tree.glob(pattern)]
    return sorted(found)


# -- figures ------------------------------------------------------------------------------------


def equivalents() -> list[dict[str, Any]]:
    """bench/mutation-equivalent.json: mutants that cannot change behaviour, with why."""
    if not EQUIVALENT.is_file():
        return []
    entries: list[dict[str, Any]] = json.loads(EQUIVALENT.read_text(encoding="utf-8"))
    return entries


def split_equivalent(
    result: ModuleResult, listed: list[dict[str, Any]]
) -> tuple[list[Mutant], list[tuple[Mutant, str]]]:
    """The module's undetected mutants, and those of them the list calls equivalent (with
    why). An entry names its mutant by file and change; its line picks one when a change
    occurs more than once in the file (lines move as the code is edited, changes rarely)."""
    undetected = [m for m in result.mutants if m.status in UNDETECTED]
    equivalent: list[tuple[Mutant, str]] = []
    for entry in listed:
        if entry.get("module") not in (None, result.name):
            continue
        same = [m for m in undetected if (m.file, m.change) == (entry["file"], entry["mutant"])]
        exact = [m for m in same if m.line == entry.get("line")]
        for mutant in exact[:1] or same[:1]:
            undetected.remove(mutant)
            equivalent.append((mutant, entry["why"]))
    return undetected, equivalent


def figures(result: ModuleResult, listed: list[dict[str, Any]]) -> dict[str, Any]:
    """A module's counts and score, the listed equivalent mutants taken out."""
    undetected, equivalent = split_equivalent(result, listed)
    counts = Counter(m.status for m in result.mutants)
    detected = sum(counts[s] for s in DETECTED)
    judged = detected + len(undetected)
    return {
        "mutants": len(result.mutants),
        "killed": counts["killed"] + counts["crashed"],
        "timeout": counts["timeout"],
        "survived": sum(1 for m in undetected if m.status == "survived"),
        "no tests": sum(1 for m in undetected if m.status == "no tests"),
        "equivalent": len(equivalent),
        "invalid": counts["invalid"],
        "score": 100.0 * detected / judged if judged else None,
        "undetected": undetected,
        "equivalents": equivalent,
    }


def summary_line(result: ModuleResult) -> str:
    f = figures(result, equivalents())
    score = "–" if f["score"] is None else f"{f['score']:.1f}%"
    text = f"{f['mutants']} mutants, {f['survived'] + f['no tests']} undetected, score {score}"
    return f"{text} in {minutes(result.seconds)}" + (f" — {result.error}" if result.error else "")


def report(
    results: list[ModuleResult],
    listed: list[dict[str, Any]],
    baseline: dict[str, ModuleResult] | None,
) -> None:
    """The table, then each module's undetected mutants, then the equivalent ones."""
    columns = ("mutants", "killed", "timeout", "survived", "no tests", "equivalent")
    header = f"{'module':<18}" + "".join(f"{c:>11}" for c in columns) + f"{'score':>9}"
    header += f"{'before':>9}" if baseline is not None else ""
    print(header + f"{'time':>9}")
    table = [(r, figures(r, listed)) for r in results]
    for result, f in table:
        row = f"{result.name:<18}" + "".join(f"{f[c]:>11}" for c in columns)
        row += f"{percent(f['score']):>9}"
        if baseline is not None:
            before = baseline.get(result.name)
            row += f"{percent(figures(before, listed)['score']) if before else '–':>9}"
        print(row + f"{minutes(result.seconds):>9}")
    for result, f in table:
        notes = problems(result)
        if not f["undetected"] and not notes:
            continue
        print(f"\n{result.name}: {len(f['undetected'])} undetected")
        for line in notes:
            print(f"  ! {line}")
        for m in f["undetected"]:
            tag = " (no test reaches it)" if m.status == "no tests" else ""
            print(f"  {m.file}:{m.line}  {m.change}{tag}")
    equivalent = [(r.name, m, why) for r, f in table for m, why in f["equivalents"]]
    if equivalent:
        print(f"\nequivalent mutants ({EQUIVALENT.relative_to(REPO)}), not counted:")
        for name, m, why in equivalent:
            print(f"  {name}  {m.file}:{m.line}  {m.change}\n      {why}")
    stale = unmatched(results, listed, [m for _, m, _ in equivalent])
    if stale:
        print("\nlisted as equivalent, but no such undetected mutant in this run (a test kills it")
        print("now, or the code changed): remove or update these entries")
        for entry in stale:
            print(f"  {entry['file']}:{entry.get('line')}  {entry['mutant']}")


def unmatched(
    results: list[ModuleResult], listed: list[dict[str, Any]], matched: list[Mutant]
) -> list[dict[str, Any]]:
    """The entries of the equivalent list, for the modules of this run, that matched nothing."""
    names = {r.name for r in results if not r.error}
    found = {(m.file, m.change) for m in matched}
    return [e for e in listed if e["module"] in names and (e["file"], e["mutant"]) not in found]


def markdown(
    results: list[ModuleResult],
    listed: list[dict[str, Any]],
    baseline: dict[str, ModuleResult] | None,
) -> None:
    """The table of ``report`` in Markdown (docs/testing.md keeps the last one measured)."""
    columns = ("mutants", "killed", "timeout", "survived", "no tests", "equivalent")
    extra = ("before",) if baseline is not None else ()
    print("| module | " + " | ".join((*columns, "score", *extra, "time")) + " |")
    print("|---" * (len(columns) + len(extra) + 3) + "|")
    for result in results:
        f = figures(result, listed)
        cells = [f"`{result.name}`", *(str(f[c]) for c in columns), percent(f["score"])]
        if baseline is not None:
            before = baseline.get(result.name)
            cells.append(percent(figures(before, listed)["score"]) if before else "–")
        print("| " + " | ".join([*cells, minutes(result.seconds)]) + " |")


def problems(result: ModuleResult) -> list[str]:
    notes = [f"not run: {result.error}"] if result.error else []
    notes += [f"test not in the tree, skipped: {t}" for t in result.missing_tests]
    notes += [f"failed before mutation, deselected: {t}" for t in result.deselected]
    invalid = sum(1 for m in result.mutants if m.status == "invalid")
    if invalid:
        notes.append(f"{invalid} mutants the tool could not judge (not counted)")
    return notes


def percent(score: float | None) -> str:
    return "–" if score is None else f"{score:.1f}%"


def minutes(seconds: float) -> str:
    return f"{seconds / 60:.1f} min" if seconds >= 60 else f"{seconds:.0f} s"


def save(out: Path, stamp: str, seconds: float, workers: int, results: list[ModuleResult]) -> None:
    """The run so far as JSON (rewritten after every module, so a stopped run keeps what it
    measured)."""
    record = {
        "started": stamp,
        "seconds": round(seconds, 1),
        "workers": workers,
        "modules": [
            {
                "name": r.name,
                "sources": r.sources,
                "tests": r.tests,
                "seconds": round(r.seconds, 1),
                "error": r.error,
                "skipped": r.skipped,
                "deselected": r.deselected,
                "missing_tests": r.missing_tests,
                "mutants": [vars(m) for m in r.mutants],
            }
            for r in results
        ],
    }
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(record, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")


def load(path: Path) -> dict[str, ModuleResult]:
    """A saved run's modules by name, for ``--baseline``."""
    record = json.loads(path.read_text(encoding="utf-8"))
    loaded = {}
    for entry in record["modules"]:
        result = ModuleResult(entry["name"], entry["sources"], entry["tests"], entry["seconds"])
        result.mutants = [Mutant(**m) for m in entry["mutants"]]
        result.error = entry.get("error")
        result.skipped = entry.get("skipped", [])
        result.deselected = entry.get("deselected", [])
        result.missing_tests = entry.get("missing_tests", [])
        loaded[result.name] = result
    return loaded


if __name__ == "__main__":
    main()
