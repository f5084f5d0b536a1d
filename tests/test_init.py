"""What `init` writes: a pinned credsite that CI installs from the package index, no Node.

tests/test_workflows.py runs the CI files; these are the quick checks of what they say.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from credsite import __version__
from credsite.base.errors import ConfigError
from credsite.commands.init import init

INSTALL = "python -m pip install -r requirements.txt"
CI_FILES = (
    ".github/workflows/publish.yml",
    ".github/workflows/renew-status-lists.yml",
    ".gitlab-ci.yml",
)


@pytest.fixture(scope="module")
def new_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("init") / "institution"
    init(root)
    return root


def test_requirements_pin_the_credsite_that_ran_init(new_site: Path) -> None:
    lines = (new_site / "requirements.txt").read_text(encoding="utf-8").splitlines()
    assert [line for line in lines if not line.startswith("#")] == [f"credsite=={__version__}"]


@pytest.mark.parametrize("name", CI_FILES)
def test_ci_installs_the_pinned_package_without_a_clone_or_node(new_site: Path, name: str) -> None:
    text = (new_site / name).read_text(encoding="utf-8")
    for gone in ("git clone", "CREDSITE_GIT", "CREDSITE_REF", "npm", "node", "pip install -e"):
        assert gone not in text, f"{name}: {gone}"
    assert INSTALL in text


def test_github_publishes_with_a_pip_cache_keyed_by_the_pin(new_site: Path) -> None:
    workflow = yaml.safe_load((new_site / ".github/workflows/publish.yml").read_text())
    steps = workflow["jobs"]["build"]["steps"]
    setup = next(s for s in steps if s.get("uses", "").startswith("actions/setup-python"))
    assert setup["with"] == {
        "python-version": "3.11",
        "cache": "pip",
        "cache-dependency-path": "requirements.txt",
    }
    runs = [s.get("run", "") for s in steps]
    # credsite is installed before the first credsite command runs
    first = next(i for i, run in enumerate(runs) if run.startswith("credsite "))
    assert runs.index(INSTALL) < first


def test_gitlab_jobs_install_in_the_template_with_a_pip_cache(new_site: Path) -> None:
    pipeline = yaml.safe_load((new_site / ".gitlab-ci.yml").read_text())
    assert pipeline["image"].startswith("python:3.11")
    template = pipeline[".credsite"]
    assert template["before_script"][-1] == INSTALL
    assert pipeline["variables"]["PIP_CACHE_DIR"] == "$CI_PROJECT_DIR/.cache/pip"
    paths = [path for cache in template["cache"] for path in cache["paths"]]
    assert paths == [".credsite-cache", ".cache/pip"]
    for name in ("check", "pages", "renew-status-lists"):
        assert pipeline[name]["extends"] == ".credsite", name


def test_the_readme_tells_staff_how_to_install_pin_and_upgrade(new_site: Path) -> None:
    readme = (new_site / "README.md").read_text(encoding="utf-8")
    assert INSTALL in readme and "pipx install credsite" in readme
    assert "## Upgrading credsite" in readme and "CHANGELOG.md" in readme
    assert "python -m pip install ./credsite-X.Y.Z-py3-none-any.whl" in readme
    assert "python3 dev.py dist" in readme and "docs/releasing.md" in readme
    assert "git clone" not in readme and "npm" not in readme and "Node" not in readme
    # the CI files point staff at the section that explains the pin
    for name in CI_FILES[:1] + CI_FILES[2:]:
        assert '"Upgrading credsite"' in (new_site / name).read_text(encoding="utf-8"), name


def test_init_writes_only_into_a_new_or_empty_folder(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("ours", encoding="utf-8")
    with pytest.raises(ConfigError, match="is not empty"):
        init(tmp_path)
    assert [p.name for p in tmp_path.iterdir()] == ["notes.txt"]
