"""Bundling the browser code (the verifier and the page scripts) with its npm dependencies.

``node browser/build.mjs --out DIR --labels FILE`` (esbuild) writes ES modules — the pages load
nothing from a CDN: the two page scripts, and the chunks in ``chunks/`` that they import by
relative URL (code they share, and code loaded only when a credential needs it: other issuers'
suites, JOSE, contexts, baking, the QR code). The chunks are named by their content, so they are
copied under ``assets/chunks/`` with their names unchanged (theme.py), beside the hash-named page
scripts. The result depends only on the browser sources, the lock file, the JSON-LD contexts and
the interface labels, so it is cached under that digest and esbuild runs only when one changes.
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
from credsite.catalogue.labels import LABELS

REPO = Path(__file__).resolve().parents[2]
BROWSER = REPO / "browser"
ENTRIES = ("credential-page.js", "verify-page.js")
CHUNKS = "chunks"


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
    digest = hashlib.sha256(labels_json() + b"\0")
    for path in _inputs():
        digest.update(
            path.relative_to(REPO).as_posix().encode() + b"\0" + path.read_bytes() + b"\0"
        )
    return digest.hexdigest()


def bundles(cache_dir: Path) -> dict[str, Path]:
    """The bundled page scripts and their chunks (``chunks/<name>-<hash>.js``), by name; built
    with Node when the sources changed."""
    if not (BROWSER / "build.mjs").is_file():
        raise BuildError(
            f"the browser code is missing ({BROWSER}); credsite needs its source checkout"
        )
    target = cache_dir / "bundles" / source_digest()[:16]
    if not all((target / name).is_file() for name in ENTRIES):
        _build(target)
    found = {name: target / name for name in ENTRIES}
    for chunk in sorted((target / CHUNKS).glob("*.js")):
        found[f"{CHUNKS}/{chunk.name}"] = chunk
    return found


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
