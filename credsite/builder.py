"""The build pipeline: load and validate, plan, render, write.

I/O happens at the two ends (reading the sources, writing the site); everything in between is
pure functions over the validated model.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from .content import LoadResult, load_content
from .errors import ContentError, Diagnostic, Severity
from .model import Content
from .output import Output
from .pages import plan_site
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


def check(root: Path, base_url: str | None = None, strict: bool = False) -> LoadResult:
    """Validate everything; raise ``ContentError`` listing every problem, write nothing."""
    result = load_content(root, base_url)
    problems = result.diagnostics if strict else result.errors
    if problems:
        if strict:
            problems = tuple(_as_error(d) for d in result.diagnostics)
        raise ContentError(problems)
    return result


def _as_error(diagnostic: Diagnostic) -> Diagnostic:
    return Diagnostic(
        diagnostic.path, diagnostic.line, diagnostic.field, diagnostic.message, Severity.ERROR
    )


def plan(content: Content, root: Path) -> list[Output]:
    return plan_site(content, collect_assets(root), root)


def build(options: BuildOptions) -> BuildReport:
    result = check(options.root, options.base_url, options.strict)
    assert result.content is not None
    outputs = plan(result.content, options.root)
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
    return BuildReport(result.warnings, stats)
