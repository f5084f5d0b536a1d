"""The build pipeline: load and validate, plan, render, write.

I/O happens at the two ends (reading the sources, writing the site); everything in between is
pure functions over the validated model.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from .bundle import bundles
from .content import load_content
from .errors import ContentError, Diagnostic, Severity
from .model import Content
from .output import Output
from .pages import plan_credential_pages, plan_site
from .published import Issued, load_issued, plan_issued
from .render import code_version, fingerprint, render, template_dirs
from .theme import collect_assets
from .writer import WriteStats, write_site

CACHE_DIR = ".credsite-cache"


@dataclass(frozen=True)
class BuildOptions:
    root: Path
    out_dir: Path
    base_url: str | None = None
    strict: bool = False
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


def check(root: Path, base_url: str | None = None, strict: bool = False) -> Checked:
    """Validate everything; raise ``ContentError`` listing every problem, write nothing."""
    result = load_content(root, base_url)
    diagnostics = list(result.diagnostics)
    issued = None
    if result.content is not None:
        issued, problems = load_issued(root, result.content.site.canonical_url, root / CACHE_DIR)
        diagnostics += problems
    errors = [d for d in diagnostics if d.is_error or strict]
    if errors or result.content is None or issued is None:
        raise ContentError(_as_error(d) for d in errors)
    return Checked(result.content, issued, tuple(sorted(d for d in diagnostics if not d.is_error)))


def _as_error(diagnostic: Diagnostic) -> Diagnostic:
    return Diagnostic(
        diagnostic.path, diagnostic.line, diagnostic.field, diagnostic.message, Severity.ERROR
    )


def plan(checked: Checked, root: Path) -> list[Output]:
    assets = collect_assets(root, bundles(root / CACHE_DIR))
    site, issued = checked.content.site, checked.issued
    pngs = frozenset((c.module, c.language) for c in issued.credentials if c.module)
    outputs = plan_site(checked.content, assets, root, pngs)
    outputs += plan_credential_pages(site, issued.credentials, issued.unpublished, assets)
    return outputs + plan_issued(root, site.canonical_url, issued)


def build(options: BuildOptions) -> BuildReport:
    checked = check(options.root, options.base_url, options.strict)
    outputs = plan(checked, options.root)
    dirs = template_dirs(options.root)
    version = code_version(dirs)
    fingerprints = {o.path: fingerprint(o, version) for o in outputs}
    stats = write_site(
        options.out_dir,
        outputs,
        fingerprints,
        lambda output: render(output, dirs),
        options.root / CACHE_DIR,
        options.jobs,
    )
    return BuildReport(checked.warnings, stats)
