"""bench/mutation.py's browser driver: Stryker on one row of the module table, in a copy of the
working tree.

Stryker lives in bench/mutation-js/ (its own package.json and lock, installed there with
``npm ci``) so that CI's ``npm ci`` in browser/ never installs it. Its shared settings are
bench/mutation-js/stryker.config.json; this driver adds the row's files and tests and runs
Stryker in the copy: in place (``inPlace``), because the verifier imports credsite/data/ from
outside browser/, where a sandbox of browser/ alone would not find it. Stryker builds every
mutant into the file at once, each switched on by an environment variable, and its tap runner
runs each test file as ``node --test-reporter=tap FILE``; with ``coverageAnalysis: perTest``
a mutant runs only the test files that reach it.
"""

from __future__ import annotations

import hashlib
import json
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from mutation_common import REPO, ModuleResult, Mutant, Target, environment, missing, one_line

PACKAGE = REPO / "bench" / "mutation-js"
STRYKER = PACKAGE / "node_modules" / "@stryker-mutator" / "core" / "bin" / "stryker.js"
STAMP = PACKAGE / "node_modules" / ".credsite.stamp"

# Stryker's statuses (mutation-testing-report-schema) in our vocabulary; Ignored is left out.
STATUS = {
    "Killed": "killed",
    "Timeout": "timeout",
    "Survived": "survived",
    "NoCoverage": "no tests",
    "CompileError": "invalid",
    "RuntimeError": "invalid",
}


def ensure_stryker() -> None:
    """``npm ci`` in bench/mutation-js when its packages are missing or its lock changed."""
    digest = hashlib.sha256(
        (PACKAGE / "package.json").read_bytes() + (PACKAGE / "package-lock.json").read_bytes()
    ).hexdigest()
    if STRYKER.is_file() and STAMP.is_file() and STAMP.read_text() == digest:
        return
    print("+ npm ci (bench/mutation-js)", flush=True)
    subprocess.run(["npm", "ci", "--no-audit", "--no-fund"], cwd=PACKAGE, check=True)
    STAMP.write_text(digest)


def run(target: Target, tree: Path, workers: int, log: Path) -> ModuleResult:
    """Mutate ``target``'s files in ``tree`` and run its test files against each mutant;
    Stryker's output goes to ``log``, its report beside it."""
    result = ModuleResult(target.name, list(target.sources), list(target.tests))
    result.missing_tests = missing(tree, target.tests)
    tests = [test for test in target.tests if test not in result.missing_tests]
    if not tests:
        result.error = "none of its test files is in the working tree"
        return result
    report = log.with_suffix(".json")
    config = log.with_suffix(".config.json")
    config.write_text(json.dumps(configuration(target, tests, workers, report), indent=2))
    started = time.monotonic()
    with log.open("w", encoding="utf-8") as output:
        finished = subprocess.run(
            ["node", str(STRYKER), "run", str(config)],
            cwd=tree,
            env=environment(),
            stdout=output,
            stderr=output,
        )
    result.seconds = time.monotonic() - started
    if finished.returncode != 0 or not report.is_file():
        tail = log.read_text(encoding="utf-8", errors="replace").strip().splitlines()[-5:]
        result.error = f"Stryker exited with {finished.returncode}: {' / '.join(tail)}"
    if report.is_file():
        result.mutants = list(read_report(json.loads(report.read_text(encoding="utf-8"))))
    return result


def configuration(target: Target, tests: list[str], workers: int, report: Path) -> dict[str, Any]:
    """bench/mutation-js/stryker.config.json with this row's files, tests and report."""
    config: dict[str, Any] = json.loads((PACKAGE / "stryker.config.json").read_text())
    config.pop("$schema", None)
    config.pop("//", None)
    config["mutate"] = list(target.sources)
    config["tap"] = {**config.get("tap", {}), "testFiles": tests}
    config["concurrency"] = workers
    config["jsonReporter"] = {"fileName": str(report)}
    return config


def read_report(report: dict[str, Any]) -> Iterator[Mutant]:
    """Every mutant of Stryker's JSON report, with its line and change."""
    for path, entry in sorted(report["files"].items()):
        lines = entry["source"].splitlines()
        for mutant in sorted(entry["mutants"], key=lambda m: position(m["location"])):
            status = STATUS.get(mutant["status"])
            if status is None:
                continue
            original = one_line(excerpt(lines, mutant["location"]), 70)
            replacement = one_line(mutant.get("replacement", ""), 70)
            change = f"`{original}` → `{replacement}` ({mutant['mutatorName']})"
            yield Mutant(path, mutant["location"]["start"]["line"], change, status)


def position(location: dict[str, Any]) -> tuple[int, int]:
    return location["start"]["line"], location["start"]["column"]


def excerpt(lines: list[str], location: dict[str, Any]) -> str:
    """The source a mutant replaces (Stryker's lines and columns count from 1)."""
    start, end = location["start"], location["end"]
    chosen = lines[start["line"] - 1 : end["line"]]
    if not chosen:
        return ""
    if len(chosen) == 1:
        return chosen[0][start["column"] - 1 : end["column"] - 1]
    return "\n".join(
        [chosen[0][start["column"] - 1 :], *chosen[1:-1], chosen[-1][: end["column"] - 1]]
    )
