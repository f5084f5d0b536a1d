"""Hatchling build hook: the wheel and the sdist carry everything a site needs.

git holds one copy of each file, in the repository's layout: the default theme at the top level
(``templates/``, ``assets/``) and the browser code in ``browser/``. This hook places them for
the package (credsite/build/resources.py is the rule the running code follows):

- the wheel gets the theme under ``credsite/theme/`` and the browser bundles under
  ``credsite/bundles/``, so an installed credsite needs neither this repository nor Node;
- the sdist keeps the repository's layout (pyproject.toml's include list) and adds the bundles,
  built, under ``credsite/bundles/``: a wheel made from the sdist takes them as they are, so it
  needs no Node either.

The bundles are made by credsite's own code (``credsite.build.bundle.package_bundles``: the same
deterministic ``node browser/build.mjs`` a checkout's build runs), imported from the tree being
built. An editable install gets nothing from here: it runs from the checkout, which has all of it.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path
from typing import Any

from hatchling.builders.hooks.plugin.interface import BuildHookInterface

THEME = ("templates", "assets")


class CredsiteBuildHook(BuildHookInterface):
    PLUGIN_NAME = "custom"

    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        if version == "editable":
            return
        root = Path(self.root)
        self._scratch = Path(tempfile.mkdtemp(prefix="credsite-package-"))
        bundles = self._scratch / "bundles"
        try:
            package_bundles(root, bundles)
        except BaseException:  # finalize() is not called for a build that failed here
            shutil.rmtree(self._scratch, ignore_errors=True)
            raise
        build_data["force_include"][str(bundles)] = "credsite/bundles"
        if self.target_name == "wheel":
            for folder in THEME:
                build_data["force_include"][str(root / folder)] = f"credsite/theme/{folder}"

    def finalize(self, version: str, build_data: dict[str, Any], artifact_path: str) -> None:
        scratch = getattr(self, "_scratch", None)
        if scratch is not None:
            shutil.rmtree(scratch, ignore_errors=True)


def package_bundles(root: Path, target: Path) -> None:
    """``credsite.build.bundle.package_bundles`` of the tree at ``root`` (not of any credsite
    that may be installed where the build runs) into ``target``."""
    sys.path.insert(0, str(root))
    try:
        from credsite.build import bundle
    finally:
        sys.path.remove(str(root))
    if not Path(bundle.__file__).resolve().is_relative_to(root.resolve()):
        raise RuntimeError(f"hatch_build.py imported credsite from {bundle.__file__}, not {root}")
    bundle.package_bundles(target)
