"""The build pipeline: load and validate, plan, render, write.

I/O happens at the two ends (reading the sources, writing the site); everything in between is
pure functions over the validated model.
"""

from __future__ import annotations

import os
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from .bundle import bundles, source_digest
from .content import load_content
from .errors import ContentError, Diagnostic, Severity
from .inputs import forget_snapshot, input_digest, read_snapshot, unchanged, write_snapshot
from .model import Content
from .output import Output
from .pages import plan_credential_pages, plan_site
from .published import Issued, load_issued, plan_issued
from .render import code_version, fingerprint, render, template_dirs
from .theme import DEFAULT_THEME, collect_assets
from .writer import WriteStats, write_site

CACHE_DIR = ".credsite-cache"


@dataclass(frozen=True)
class BuildOptions:
    root: Path
    out_dir: Path
    base_url: str | None = None
    strict: bool = False
    pack: bool = False  # credential pages in a bounded number of pack files (credsite/pack.py)
    jobs: int = field(default_factory=lambda: os.cpu_count() or 1)


@dataclass(frozen=True)
class BuildReport:
    warnings: tuple[Diagnostic, ...]
    stats: WriteStats


@dataclass(frozen=True)
class Checked:
    """Everything the build reads, validated: content, keys and issued credentials."""

    content: Content
    issued: Issued
    warnings: tuple[Diagnostic, ...]


def check(
    root: Path,
    base_url: str | None = None,
    strict: bool = False,
    jobs: int = 1,
    known: Mapping[str, list[int]] | None = None,
) -> Checked:
    """Validate everything; raise ``ContentError`` listing every problem, write nothing.
    Signatures not checked before are checked on ``jobs`` cores."""
    result = load_content(root, base_url)
    diagnostics = list(result.diagnostics)
    issued = None
    if result.content is not None:
        issued, problems = load_issued(
            root, result.content.site.canonical_url, root / CACHE_DIR, jobs, known
        )
        diagnostics += problems
    errors = [d for d in diagnostics if d.is_error or strict]
    if errors or result.content is None or issued is None:
        raise ContentError(_as_error(d) for d in errors)
    return Checked(result.content, issued, tuple(sorted(d for d in diagnostics if not d.is_error)))


def _as_error(diagnostic: Diagnostic) -> Diagnostic:
    return Diagnostic(
        diagnostic.path, diagnostic.line, diagnostic.field, diagnostic.message, Severity.ERROR
    )


def plan(checked: Checked, root: Path, pack: bool = False) -> list[Output]:
    assets = collect_assets(root, bundles(root / CACHE_DIR))
    site, issued = checked.content.site, checked.issued
    pngs = frozenset((c.module, c.language) for c in issued.credentials if c.module)
    outputs = plan_site(checked.content, assets, root, pngs, pack)
    outputs += plan_credential_pages(site, issued.credentials, issued.unpublished, assets, pack)
    return outputs + plan_issued(root, site.canonical_url, issued, pack)


def build(options: BuildOptions) -> BuildReport:
    started = time.perf_counter()
    cache_dir = options.root / CACHE_DIR
    dirs = template_dirs(options.root)
    version = code_version(dirs)
    settings = [options.base_url, options.strict, options.pack, os.environ.get("SOURCE_DATE_EPOCH")]
    seen: dict[str, list[int]] = {}
    digest = input_digest(options.root, DEFAULT_THEME, version + source_digest(), settings, seen)
    last = read_snapshot(cache_dir, options.out_dir)
    if last is not None and unchanged(last, digest, options.out_dir):
        seconds = time.perf_counter() - started
        return BuildReport(
            last.warnings, WriteStats(last.outputs, 0, last.outputs, 0, seconds, False)
        )
    forget_snapshot(cache_dir, options.out_dir)  # until this build has finished
    checked = check(options.root, options.base_url, options.strict, options.jobs, seen)
    outputs = plan(checked, options.root, options.pack)
    fingerprints = {o.path: fingerprint(o, version) for o in outputs}
    stats = write_site(
        options.out_dir,
        outputs,
        fingerprints,
        lambda output: render(output, dirs),
        cache_dir,
        options.jobs,
    )
    write_snapshot(cache_dir, options.out_dir, digest, len(outputs), checked.warnings)
    return BuildReport(checked.warnings, stats)
