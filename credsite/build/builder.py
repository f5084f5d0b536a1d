"""The build pipeline: load and validate, plan, render, write.

I/O happens at the two ends (reading the sources, writing the site); everything in between is
pure functions over the validated model.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from credsite.base.errors import ContentError, Diagnostic, Severity
from credsite.build.bundle import bundles, source_digest
from credsite.build.carry import Carry, credentials_key, forget_carry, read_carry, write_carry
from credsite.build.credential_plan import credential_pages_digest, plan_credentials
from credsite.build.inputs import (
    forget_snapshot,
    input_digest,
    read_snapshot,
    unchanged,
    write_snapshot,
)
from credsite.build.output import Output
from credsite.build.pages import plan_site
from credsite.build.render import code_version, fingerprint, render, template_dirs
from credsite.build.theme import DEFAULT_THEME, AssetSet, collect_assets
from credsite.build.writer import CarryRefused, WriteStats, write_site
from credsite.catalogue.content import load_content
from credsite.catalogue.model import Content, SiteConfig
from credsite.issuer.store import CACHE_DIR, StoredCredential, used_slots

if TYPE_CHECKING:  # published (signature checks) is imported by the builds that check
    from credsite.build.published import IssuerRecords


@dataclass(frozen=True)
class BuildOptions:
    root: Path
    out_dir: Path
    base_url: str | None = None
    strict: bool = False
    pack: bool = (
        False  # credential pages in a bounded number of pack files (credsite/build/pack.py)
    )
    private: bool = False  # private mode whatever site.yaml says (docs/publishing.md)
    jobs: int = field(default_factory=lambda: os.cpu_count() or 1)


@dataclass(frozen=True)
class BuildReport:
    warnings: tuple[Diagnostic, ...]
    stats: WriteStats
    read: str = "everything"  # what the build read and checked, for the CLI to say


@dataclass(frozen=True)
class Checked:
    """Everything the build reads, validated: content, keys and issued credentials."""

    content: Content
    issued: IssuerRecords
    warnings: tuple[Diagnostic, ...]
    credential_warnings: tuple[Diagnostic, ...] = ()  # those about issued credentials


def check(
    root: Path,
    base_url: str | None = None,
    strict: bool = False,
    jobs: int = 1,
    known: Mapping[str, str] | None = None,
    private: bool = False,
) -> Checked:
    """Validate everything; raise ``ContentError`` listing every problem, write nothing.
    Signatures not checked before are checked on ``jobs`` cores."""
    from credsite.build.published import load_issued

    result = load_content(root, base_url, private)
    diagnostics = list(result.diagnostics)
    issued = None
    problems: list[Diagnostic] = []
    if result.content is not None:
        issued, problems = load_issued(
            root, result.content.site.canonical_url, root / CACHE_DIR, jobs, known
        )
        diagnostics += problems
    errors = _errors(diagnostics, strict)
    if errors or result.content is None or issued is None:
        raise ContentError(errors)
    return Checked(result.content, issued, _warnings(diagnostics), tuple(sorted(problems)))


def _errors(diagnostics: Iterable[Diagnostic], strict: bool) -> list[Diagnostic]:
    """What stops the build, as errors: with ``strict``, warnings too."""
    return [
        Diagnostic(d.path, d.line, d.field, d.message, Severity.ERROR)
        for d in diagnostics
        if d.is_error or strict
    ]


def _warnings(diagnostics: Iterable[Diagnostic]) -> tuple[Diagnostic, ...]:
    return tuple(sorted(d for d in diagnostics if not d.is_error))


def packed(pack: bool, site: SiteConfig) -> bool:
    """Whether the credential pages go into packs: asked for (``build --pack``), or because the
    site is private, whose pages exist only encrypted (credsite/build/pack.py)."""
    return pack or site.private


def plan_parts(
    checked: Checked, root: Path, assets: AssetSet, pack: bool = False
) -> tuple[list[Output], list[Output]]:
    """The catalogue's outputs, and those of the issued credentials (see carry.py)."""
    from credsite.build.published import plan_issuer_files

    site, records = checked.content.site, checked.issued
    pack = packed(pack, site)
    site_outputs = plan_site(checked.content, assets, root, _pngs(records.credentials), pack)
    credential_outputs = plan_credentials(
        site, records.credentials, records.unpublished, assets, pack
    )
    return site_outputs, credential_outputs + plan_issuer_files(root, site.canonical_url, records)


def _pngs(credentials: Iterable[StoredCredential]) -> frozenset[tuple[str, str]]:
    """The (module, language) pairs whose badge PNG credentials show (exports/open_badges.py)."""
    return frozenset((c.module, c.language) for c in credentials if c.module and c.language)


@dataclass(frozen=True)
class _Run:
    """What a build is made with, whichever way it goes: the options, the code's version, the
    template folders, the credential files' metadata (from the input snapshot) and the assets,
    collected once, when the build first needs them (a build that stops at a content error
    never bundles the browser code), however many ways it tries."""

    options: BuildOptions
    version: str
    dirs: tuple[str, ...]
    seen: dict[str, str]
    assets: Callable[[], AssetSet]

    def fingerprints(self, outputs: Iterable[Output]) -> dict[str, str]:
        return {o.path: fingerprint(o, self.version) for o in outputs}

    def write(
        self,
        outputs: Sequence[Output],
        fingerprints: dict[str, str],
        carried: Mapping[str, str] | None = None,
    ) -> WriteStats:
        dirs = self.dirs
        return write_site(
            self.options.out_dir,
            outputs,
            fingerprints,
            lambda output: render(output, dirs),
            self.options.root / CACHE_DIR,
            self.options.jobs,
            carried=carried,
        )


def _assets(root: Path) -> Callable[[], AssetSet]:
    """The theme's assets and the bundled page scripts, collected on the first call only."""
    return cache(lambda: collect_assets(root, bundles()))


def build(options: BuildOptions) -> BuildReport:
    started = time.perf_counter()
    cache_dir = options.root / CACHE_DIR
    dirs = template_dirs(options.root)
    version = code_version(dirs) + source_digest()
    settings = [
        options.base_url,
        options.strict,
        options.pack,
        options.private,
        os.environ.get("SOURCE_DATE_EPOCH"),
    ]
    seen: dict[str, str] = {}
    digest = input_digest(options.root, DEFAULT_THEME, version, settings, seen)
    last = read_snapshot(cache_dir, options.out_dir)
    if last is not None and unchanged(last, digest, options.out_dir):
        seconds = time.perf_counter() - started
        return BuildReport(
            last.warnings,
            WriteStats(last.outputs, 0, last.outputs, 0, seconds, False),
            "nothing (no input changed)",
        )
    forget_snapshot(cache_dir, options.out_dir)  # until this build has finished
    key = credentials_key(options.root, version, settings)
    carry = read_carry(cache_dir, options.out_dir)
    run = _Run(options, version, dirs, seen, _assets(options.root))
    built = None
    if carry is not None and carry.key == key:
        added = carry.added(seen)
        if added is not None:
            built = _build_carrying(run, carry, added)
    if built is None:
        forget_carry(cache_dir, options.out_dir)  # until this build has finished
        built = _build_all(run, key)
    report, new_carry = built
    if new_carry is not carry:  # an edited module leaves it as it was: 20 MB not written again
        write_carry(cache_dir, options.out_dir, new_carry)
    write_snapshot(cache_dir, options.out_dir, digest, report.stats.outputs, report.warnings)
    return report


def _build_all(run: _Run, key: str) -> tuple[BuildReport, Carry]:
    options = run.options
    checked = check(
        options.root, options.base_url, options.strict, options.jobs, run.seen, options.private
    )
    assets = run.assets()
    site_outputs, credential_outputs = plan_parts(checked, options.root, assets, options.pack)
    outputs = site_outputs + credential_outputs
    fingerprints = run.fingerprints(outputs)
    stats = run.write(outputs, fingerprints)
    carry = Carry(
        key,
        credential_pages_digest(
            checked.content.site, assets, packed(options.pack, checked.content.site)
        ),
        {o.path: fingerprints[o.path] for o in credential_outputs},
        _pngs(checked.issued.credentials),
        checked.credential_warnings,
        run.seen,
        used_slots(checked.issued.credentials),
    )
    return BuildReport(checked.warnings, stats), carry


def _build_carrying(run: _Run, carry: Carry, added: list[str]) -> tuple[BuildReport, Carry] | None:
    """Plan the catalogue and the ``added`` credentials only; the rest of the credential half
    is what the last build wrote. None when that cannot be (the shared settings changed, the
    site on disk is another, an added credential has a problem the whole build must report)."""
    options = run.options
    result = load_content(options.root, options.base_url, options.private)
    errors = _errors([*result.diagnostics, *carry.warnings], options.strict)
    if errors or result.content is None:
        raise ContentError(errors)
    site, assets = result.content.site, run.assets()
    pack = packed(options.pack, site)
    if added and pack:
        return None  # new pages change the packs they join: a packed site is built whole
    if credential_pages_digest(site, assets, pack) != carry.shared:
        return None
    checked = _check_added(options, site.canonical_url, carry, added)
    if checked is None:
        return None
    new, problems = checked
    pngs = carry.pngs | _pngs(new)
    outputs = plan_site(result.content, assets, options.root, pngs, pack)
    # A packed site is built whole after an issue run (above): here ``new`` is empty if packed.
    new_outputs = plan_credentials(site, new, frozenset(), assets, pack) if new else []
    if any(o.path in carry.entries for o in new_outputs):
        return None  # the carried record does not know the credentials it holds
    fingerprints = run.fingerprints(outputs + new_outputs)
    try:
        stats = run.write(outputs + new_outputs, fingerprints | carry.entries, carry.entries)
    except CarryRefused:
        return None
    read = f"the catalogue and {len(new)} added credential(s)" if added else "the catalogue"
    report = BuildReport(
        _warnings([*result.diagnostics, *carry.warnings, *problems]),
        stats,
        f"{read}; the other credential pages carried over",
    )
    if not added and run.seen == carry.files:
        return report, carry
    made = {o.path: fingerprints[o.path] for o in new_outputs}
    return report, _carried_on(carry, run.seen, new, problems, made, pngs)


def _check_added(
    options: BuildOptions, base_url: str, carry: Carry, added: list[str]
) -> tuple[list[StoredCredential], list[Diagnostic]] | None:
    """The credentials an issue run added, read and checked; None when one has a problem,
    which the whole build then reports with everything it knows."""
    if not added:
        return [], []
    from credsite.build.published import load_added

    new, problems = load_added(
        options.root, base_url, options.root / CACHE_DIR, options.jobs, added, carry.used
    )
    if _errors(problems, options.strict):
        return None
    return new, problems


def _carried_on(
    carry: Carry,
    seen: dict[str, str],
    new: list[StoredCredential],
    problems: list[Diagnostic],
    made: dict[str, str],
    pngs: frozenset[tuple[str, str]],
) -> Carry:
    """The carry for the next build: this one's, with the added credentials in it."""
    used = {url: list(indexes) for url, indexes in carry.used.items()}
    for url, indexes in used_slots(new).items():
        used[url] = sorted(used.get(url, []) + indexes)
    warnings = tuple(sorted([*carry.warnings, *problems]))
    return Carry(carry.key, carry.shared, carry.entries | made, pngs, warnings, seen, used)
