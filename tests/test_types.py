"""The package's type annotations are checked: ``mypy --strict`` (configured in pyproject.toml)
finds nothing in credsite.

Annotations that nothing checks drift from the code (``store.used_slots`` was annotated
``dict[str, str]`` and returned lists), and a reader trusts them. The second test proves the
configuration would catch that kind of mistake, so the first cannot pass by checking nothing.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CONFIG = ROOT / "pyproject.toml"


@pytest.fixture(scope="module")
def cache_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """mypy's cache, kept out of the repository and shared by the tests of this module."""
    return tmp_path_factory.mktemp("mypy-cache")


def mypy(cache: Path, *targets: str | Path) -> subprocess.CompletedProcess[str]:
    """Run mypy with the project's configuration; no targets: the package (``files``)."""
    command = [sys.executable, "-m", "mypy", "--config-file", str(CONFIG)]
    command += ["--cache-dir", str(cache), "--no-color-output", "--no-error-summary"]
    return subprocess.run(
        [*command, *map(str, targets)], cwd=ROOT, capture_output=True, text=True, check=False
    )


def test_the_package_passes_mypy_strict(cache_dir: Path) -> None:
    result = mypy(cache_dir)
    assert result.returncode == 0, f"mypy found type errors:\n{result.stdout}{result.stderr}"


MISTAKES = """
    import json


    def used_slots(credentials: list[tuple[str, str]]) -> dict[str, str]:
        used: dict[str, str] = {}
        for url, index in credentials:
            used.setdefault(url, []).append(index)
        return {url: sorted(indexes) for url, indexes in sorted(used.items())}


    def loaded(text: str) -> dict[str, str]:
        return json.loads(text)


    def unannotated(credentials):
        return credentials
"""


def test_the_configuration_catches_annotations_that_lie(cache_dir: Path, tmp_path: Path) -> None:
    """The used_slots mistake itself, Any from JSON passed off as a typed value (strict's
    warn_return_any) and an unannotated function (strict's disallow_untyped_defs)."""
    source = textwrap.dedent(MISTAKES)
    module = tmp_path / "mistakes.py"
    module.write_text(source, encoding="utf-8")
    result = mypy(cache_dir, module)
    output = result.stdout + result.stderr
    assert result.returncode == 1, output
    expected = {
        "used.setdefault(url, [])": "[arg-type]",  # a list put into a dict[str, str]
        "return {url: sorted(indexes)": "[misc]",  # a dict of lists returned as dict[str, str]
        "return json.loads(text)": "[no-any-return]",
        "def unannotated(": "[no-untyped-def]",
    }
    lines = source.splitlines()
    for snippet, code in expected.items():
        number = next(i for i, line in enumerate(lines, start=1) if snippet in line)
        found = [
            line
            for line in output.splitlines()
            if line.startswith(f"{module}:{number}: error:") and line.endswith(code)
        ]
        assert found, f"no {code} error at line {number} ({snippet}):\n{output}"
