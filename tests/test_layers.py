"""The package's layering, as each subpackage's docstring states it, holds in the code.

Every ``credsite/<layer>/__init__.py`` ends its docstring with a ``May import:`` line; this test
reads those lines and checks every import in every module (top level and inside functions)
against them, so the picture in the docstrings cannot drift from the code.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "credsite"
LAYERS = sorted(p.parent.name for p in PACKAGE.glob("*/__init__.py"))


def _allowed(layer: str) -> set[str]:
    doc = ast.get_docstring(ast.parse((PACKAGE / layer / "__init__.py").read_text())) or ""
    found = re.search(r"May import: (.*)", doc, re.S)
    assert found, f"credsite/{layer}/__init__.py: the docstring has no 'May import:' line"
    named = set(re.findall(r"credsite\.([a-z_]+)", found.group(1)))
    assert named <= set(LAYERS), f"credsite/{layer}: unknown layers {named - set(LAYERS)}"
    return named | {layer}


def _imports(source: str, package: tuple[str, ...]) -> list[tuple[int, str]]:
    """(line, imported module) for every credsite import in a module of ``package``."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.ImportFrom):
            base = ".".join(package[: len(package) - node.level + 1]) if node.level else ""
            module = ".".join(p for p in (base, node.module or "") if p)
            if node.module is None or module == "credsite":
                found += [(node.lineno, f"{module}.{alias.name}") for alias in node.names]
            else:
                found.append((node.lineno, module))
        elif isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
    return [(line, name) for line, name in found if name.split(".")[0] == "credsite"]


def test_every_module_lives_in_a_layer() -> None:
    loose = sorted(p.name for p in PACKAGE.glob("*.py"))
    assert loose == ["__init__.py", "__main__.py"], (
        f"modules outside the layer subpackages: {loose}"
    )
    assert {"base", "standards", "catalogue", "issuer", "build", "commands"} <= set(LAYERS)


def test_python_m_credsite_only_starts_the_command_line() -> None:
    """``credsite/__main__.py`` is an entry point above every layer: it hands over to
    ``credsite.commands.cli`` and holds nothing else."""
    source = (PACKAGE / "__main__.py").read_text(encoding="utf-8")
    assert [name for _, name in _imports(source, ("credsite",))] == ["credsite.commands.cli"]


@pytest.mark.parametrize("layer", LAYERS)
def test_a_layer_imports_only_what_its_docstring_allows(layer: str) -> None:
    allowed = _allowed(layer)
    wrong = []
    for path in sorted((PACKAGE / layer).rglob("*.py")):
        package = path.relative_to(PACKAGE.parent).with_suffix("").parts[:-1]
        for line, name in _imports(path.read_text(encoding="utf-8"), package):
            parts = name.split(".")
            # The package root's __version__ is every layer's to read.
            if parts[1] not in allowed | {"__version__"}:
                wrong.append(f"{path.relative_to(PACKAGE.parent)}:{line} imports {name}")
    assert wrong == [], f"credsite.{layer} may import only {sorted(allowed)}:\n" + "\n".join(wrong)


def test_the_checker_sees_relative_and_function_level_imports() -> None:
    source = (
        "def f():\n    from ..build import writer\n    from credsite.issuer import keys\n"
        "    from credsite import commands\n    from .. import __version__\n"
    )
    names = [name for _, name in _imports(source, ("credsite", "base"))]
    assert names == [
        "credsite.build",
        "credsite.issuer",
        "credsite.commands",
        "credsite.__version__",
    ]


def test_the_readme_and_the_architecture_document_name_every_layer() -> None:
    """The README's map and docs/architecture.md list the subpackages that exist, no more."""
    repo = PACKAGE.parent
    readme = (repo / "README.md").read_text(encoding="utf-8")
    tree = readme.split("## For developers", 1)[1].split("```", 2)[1]
    named = set(re.findall(r"^  ([a-z_]+)/ ", tree, re.M))
    folders = {p.name for p in PACKAGE.iterdir() if p.is_dir() and not p.name.startswith("__")}
    assert named == folders, f"README map {sorted(named)} != credsite/ {sorted(folders)}"
    architecture = (repo / "docs" / "architecture.md").read_text(encoding="utf-8")
    documented = set(re.findall(r"^\| `credsite/([a-z_]+)/` \|", architecture, re.M))
    assert documented == set(LAYERS), f"docs/architecture.md layers {sorted(documented)}"
