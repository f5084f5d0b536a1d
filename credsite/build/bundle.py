"""Bundling the browser code (the verifier and the page scripts) with its npm dependencies.

``node browser/build.mjs --out DIR --labels FILE`` (esbuild) writes ES modules — the pages load
nothing from a CDN: the page scripts (``ENTRIES``), the chunks in ``chunks/`` that they import
by relative URL (code they share, and code loaded only when a credential needs it: other issuers'
suites, JOSE, contexts, texts of other languages, baking, the QR code), and ``preloads.json``, what
each page script imports before it runs (``preloads``). The chunks are named by their content, so
they are copied under ``assets/chunks/`` with their names unchanged (theme.py), beside the
hash-named page scripts. The result depends only on the browser sources, the lock file, the
JSON-LD contexts and the interface labels, so it is cached under that digest and esbuild runs only
when one changes.

That is in a source checkout, and the cache is the checkout's, not a site's: ``browser/.bundles/
<digest>`` (``CHECKOUT_BUNDLES``), beside the sources and the ``node_modules`` it is made from.
Every site built with the checkout shares it, so a new site (a test's temporary copy of the
example, a fresh ``init``) costs no esbuild run. Not in the checkout's root ``.credsite-cache/``:
the root is also the example site's root, and that folder is that site's cache. It is git-ignored
and outside what a package carries (pyproject.toml: the wheel takes ``credsite/`` only, the sdist
an ``only-include`` list). Other digests' folders (about 1 MB each) are not pruned: a build that
began before a source changed may still be reading its folder while the next build makes another,
and nothing tells such a folder from an unused one; ``rm -rf browser/.bundles`` is safe between
builds.

An installed credsite has no browser sources and needs no Node: its wheel carries the bundles,
built once when the package was (``package_bundles``, called by hatch_build.py), with a manifest
naming the source digest they were built from (resources.py says which of the two a running
credsite has).
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
from pathlib import Path

from credsite.base.atomic import temporary_beside
from credsite.base.errors import BuildError
from credsite.build.resources import (
    BUNDLE_MANIFEST,
    CHECKOUT,
    browser_sources,
    missing_bundles,
    packaged_bundles,
)
from credsite.catalogue.labels import LABELS

REPO = CHECKOUT
BROWSER = REPO / "browser"
# A checkout's bundles, one folder per source digest (this module's docstring says why here).
CHECKOUT_BUNDLES = BROWSER / ".bundles"
# The page scripts, as browser/build.mjs names them (outputNames): a credential page's in each
# language of the labels, a packed site's router's, /verify/'s, a learner's collection page's.
ENTRIES = (
    "credential-page.js",
    *(f"credential-page-{lang}.js" for lang in sorted(LABELS)),
    "verify-page.js",
    "collection-page.js",
)
CHUNKS = "chunks"
PRELOADS = "preloads.json"


def _inputs() -> list[Path]:
    files = [BROWSER / "build.mjs", BROWSER / "package-lock.json"]
    files += sorted(p for p in (BROWSER / "src").rglob("*") if p.is_file())
    files += sorted(p for p in (REPO / "credsite" / "data" / "contexts").rglob("*") if p.is_file())
    # The verifier's rule files (limits.json, signed-view.json), which the bundles embed.
    files += sorted((REPO / "credsite" / "data").glob("*.json"))
    return files


def labels_json() -> bytes:
    """The interface labels the page scripts carry (they switch a page's language)."""
    table = {lang: dict(texts) for lang, texts in sorted(LABELS.items())}
    return json.dumps(table, ensure_ascii=False, sort_keys=True).encode("utf-8")


def source_digest() -> str:
    """What the bundles this credsite uses are made from: the packaged ones' manifest says, or
    the checkout's sources are hashed."""
    packaged = packaged_bundles()
    if packaged is not None:
        return read_manifest(packaged)
    if browser_sources() is None:
        raise missing_bundles()
    return checkout_digest()


def checkout_digest() -> str:
    """The digest of the checkout's browser sources, contexts, rule files and labels."""
    digest = hashlib.sha256(labels_json() + b"\0")
    for path in _inputs():
        digest.update(
            path.relative_to(REPO).as_posix().encode() + b"\0" + path.read_bytes() + b"\0"
        )
    return digest.hexdigest()


def bundles() -> dict[str, Path]:
    """The bundled page scripts and their chunks (``chunks/<name>-<hash>.js``), by name: the
    installed package's, or a checkout's, built with Node into ``CHECKOUT_BUNDLES`` when its
    sources changed."""
    target = packaged_bundles()
    if target is None:
        if browser_sources() is None:
            raise missing_bundles()
        target = CHECKOUT_BUNDLES / checkout_digest()[:16]
        if not all((target / name).is_file() for name in ENTRIES):
            _build(target)
    elif missing := [name for name in ENTRIES if not (target / name).is_file()]:
        raise BuildError(f"{target} lacks {', '.join(missing)}; reinstall credsite")
    found = {name: target / name for name in ENTRIES}
    for chunk in sorted((target / CHUNKS).glob("*.js")):
        found[f"{CHUNKS}/{chunk.name}"] = chunk
    return found


def preloads(script: Path) -> tuple[str, ...]:
    """What the bundled page script ``script`` imports before it runs (``chunks/<name>-<hash>.js``,
    as asset names), from the list browser/build.mjs writes beside it: its page names them in
    ``<link rel="modulepreload">``, so that a browser fetches them at once instead of finding each
    import only when the file that imports it has arrived."""
    lists = json.loads((script.parent / PRELOADS).read_text(encoding="utf-8"))
    return tuple(lists[script.name])


def package_bundles(target: Path) -> None:
    """Fill ``target`` (a new folder) with the bundles a wheel carries, and their manifest.

    An sdist carries them prebuilt, in credsite/bundles: a wheel made from it takes those when
    they are current (the sdist has no browser sources, or its sources give the manifest's
    digest), so it needs no Node. From a checkout they are built with Node."""
    prebuilt = packaged_bundles()
    digest = checkout_digest() if browser_sources() is not None else None
    if prebuilt is not None and digest in (None, read_manifest(prebuilt)):
        shutil.copytree(prebuilt, target)
        return
    if digest is None:
        raise missing_bundles()
    _build(target)
    manifest = {"source_digest": digest}
    (target / BUNDLE_MANIFEST).write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")


def read_manifest(folder: Path) -> str:
    """The source digest that packaged bundles were built from."""
    path = folder / BUNDLE_MANIFEST
    try:
        digest = json.loads(path.read_text(encoding="utf-8"))["source_digest"]
    except (OSError, ValueError, TypeError, KeyError) as exc:
        raise BuildError(f"{path} is unreadable ({exc}); reinstall credsite") from exc
    if not isinstance(digest, str):
        raise BuildError(f"{path}: source_digest is not a string; reinstall credsite")
    return digest


def _build(target: Path) -> None:
    node = shutil.which("node")
    if node is None:
        raise BuildError(
            "building the verification pages needs Node.js 20 or newer on PATH (https://nodejs.org)"
        )
    if not (BROWSER / "node_modules" / "esbuild").is_dir():
        raise BuildError(
            f"the browser code's packages are not installed: run 'npm ci' in {BROWSER} (python3 dev.py serve does it)"
        )
    staging = temporary_beside(target)  # a folder esbuild fills; builds may run side by side
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir(parents=True)
    labels = staging.with_name(f"{target.name}.labels-{os.getpid()}.json")
    labels.write_bytes(labels_json())
    result = subprocess.run(
        [node, str(BROWSER / "build.mjs"), "--out", str(staging), "--labels", str(labels)],
        capture_output=True,
        text=True,
        cwd=BROWSER,
    )
    labels.unlink()
    if result.returncode != 0:
        shutil.rmtree(staging, ignore_errors=True)
        raise BuildError(
            f"bundling the browser code failed: {(result.stderr or result.stdout).strip()[-2000:]}"
        )
    missing = [name for name in ENTRIES if not (staging / name).is_file()]
    if missing:
        shutil.rmtree(staging, ignore_errors=True)
        raise BuildError(f"browser/build.mjs did not write {', '.join(missing)}")
    try:
        staging.rename(target)
    except OSError:  # another build finished the same bundle first: theirs is identical
        shutil.rmtree(staging, ignore_errors=True)
