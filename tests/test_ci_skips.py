"""In CI a skipped test is a failure unless it says why it may skip.

A test that skips for want of a tool (node, credsite's Python on PATH) checks nothing, and the
run still looks green. So when ``CI=true`` (.ci/run) tests/conftest.py turns every pytest skip
into a failure unless the test carries ``@pytest.mark.may_skip("reason")``, and ``dev.py test``
fails on a Node test skipped without a reason starting with ``may skip:``. Both are run here on
small tests written to a temporary folder.
"""

from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path
from types import ModuleType

import pytest

from .conftest import REPO

CASES = """\
import pytest


def test_passes():
    pass


def test_skips_for_want_of_a_tool():
    pytest.skip("node is not installed")


@pytest.mark.skipif(True, reason="a skipif mark")
def test_skipped_by_a_mark():
    pass


@pytest.mark.may_skip("root reads every file")
def test_may_skip():
    pytest.skip("root reads every file")


@pytest.mark.may_skip("")
def test_may_skip_without_a_reason():
    pytest.skip("no reason was given for allowing it")


@pytest.mark.xfail(reason="a known failure")
def test_expected_to_fail():
    assert False
"""


def outcomes(tmp_path: Path, ci: str | None) -> dict[str, str]:
    """Each case's outcome in a pytest run with tests/conftest.py's hooks and the project's
    configuration (its markers, --strict-markers)."""
    cases = tmp_path / "test_cases.py"
    cases.write_text(CASES, encoding="utf-8")
    report = tmp_path / f"report-{ci}.xml"
    env = {k: v for k, v in os.environ.items() if k != "CI"}
    env |= {"PYTHONDONTWRITEBYTECODE": "1"} | ({"CI": ci} if ci is not None else {})
    command = [sys.executable, "-m", "pytest", "-c", str(REPO / "pyproject.toml")]
    command += ["-p", "tests.conftest", "-p", "no:cacheprovider", "-p", "no:xdist"]
    command += ["-q", f"--junitxml={report}", str(cases)]
    subprocess.run(command, cwd=REPO, env=env, capture_output=True, text=True, check=False)
    found = {}
    for case in ET.parse(report).getroot().iter("testcase"):
        kinds = [child.tag for child in case if child.tag in ("failure", "error", "skipped")]
        found[case.get("name", "")] = kinds[0] if kinds else "passed"
    return found


def test_outside_ci_a_skip_is_a_skip(tmp_path: Path) -> None:
    assert outcomes(tmp_path, None) == {
        "test_passes": "passed",
        "test_skips_for_want_of_a_tool": "skipped",
        "test_skipped_by_a_mark": "skipped",
        "test_may_skip": "skipped",
        "test_may_skip_without_a_reason": "skipped",
        "test_expected_to_fail": "skipped",  # JUnit's name for an xfail
    }


def test_in_ci_only_a_skip_marked_with_its_reason_stays_a_skip(tmp_path: Path) -> None:
    assert outcomes(tmp_path, "true") == {
        "test_passes": "passed",
        "test_skips_for_want_of_a_tool": "failure",
        "test_skipped_by_a_mark": "error",  # skipped in setup: failed there
        "test_may_skip": "skipped",
        "test_may_skip_without_a_reason": "failure",
        "test_expected_to_fail": "skipped",
    }


NODE_CASES = """\
import test from 'node:test';

test('runs', () => {});
test('needs python', { skip: 'python3 with credsite is not available' }, () => {});
test('needs root', { skip: 'may skip: root reads every file' }, () => {});
test('skipped with no reason', { skip: true }, () => {});
test('a group', async (t) => {
  await t.test('nested, skipped', { skip: 'no chromium' }, () => {});
});
"""


def _dev() -> ModuleType:
    spec = importlib.util.spec_from_file_location("dev", REPO / "dev.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.node
def test_dev_py_finds_the_node_tests_skipped_without_leave(tmp_path: Path) -> None:
    """The TAP that ``dev.py test`` asks node for, of real node:test skips."""
    node = shutil.which("node")
    if node is None:
        pytest.fail("Node.js is needed: the skips are read from node's own TAP output")
    (tmp_path / "cases.test.mjs").write_text(NODE_CASES, encoding="utf-8")
    tap = tmp_path / "out.tap"
    reporters = ["--test-reporter=tap", f"--test-reporter-destination={tap}"]
    subprocess.run(
        [node, "--test", *reporters, "cases.test.mjs"], cwd=tmp_path, check=True, timeout=60
    )
    assert _dev().unexplained_skips(tap.read_text(encoding="utf-8")) == [
        "needs python: python3 with credsite is not available",
        "skipped with no reason: no reason given",
        "nested, skipped: no chromium",
    ]
