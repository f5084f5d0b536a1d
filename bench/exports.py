#!/usr/bin/env python3
"""Benchmark: the export part of a 500-module build, export by export, and its share of the build.

The site is bench/catalogue.py's generated catalogue (default 500 modules, with a contact address
so that every export writes all its files). In a fresh process per code tree:

  full build        `build` into an empty folder in one process (--jobs 1, the default), timed
  each export       of credsite/build/exports/ (registered in EXPORTS: catalogue.json, sitemap,
                    feeds, Open Badges, OOAPI, and whatever else is registered), measured as the
                    build does its work for it: plan, fingerprint each output, render each one
                    (best of --repeat runs; writing the files is not counted)

Share = the export's plan + fingerprint + render time over the full build's time (both in one
process, so the parallel rendering of a many-core build does not blur the comparison).

  --baseline REV   the same measured with the code of git revision REV (`git archive` into a
                   temporary folder, as bench/verification_page.py does; nothing in the
                   repository changes), printed beside this checkout's: the cost a change adds
  --save FILE      write the figures as JSON

Usage: python bench/exports.py [--modules 500] [--jobs 1] [--repeat 3] [--baseline REV]
                               [--save FILE]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import textwrap
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))

from baseline import checkout  # noqa: E402
from catalogue import generate  # noqa: E402  (the same generated modules as that benchmark)

CONTACT = "  contact:\n    email: microcredentials@bench.example.org\n"

MEASURE = textwrap.dedent(
    """
    import json, sys, time
    from pathlib import Path
    tree, root, out, jobs, repeat = sys.argv[1], Path(sys.argv[2]), Path(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5])
    sys.path.insert(0, tree)
    from credsite.build import exports
    from credsite.build.builder import BuildOptions, build
    from credsite.build.planning import PlanContext
    from credsite.build.render import code_version, fingerprint, render, template_dirs
    from credsite.build.theme import collect_assets
    from credsite.catalogue.content import load_content

    started = time.perf_counter()
    report = build(BuildOptions(root=root, out_dir=out, jobs=jobs))
    whole = time.perf_counter() - started

    content = load_content(root).content
    context = PlanContext.of(content, collect_assets(root), root)
    dirs = template_dirs(root)
    version = code_version(dirs)
    rows = []
    for export in exports.EXPORTS:
        best = None
        for _ in range(repeat):
            t0 = time.perf_counter()
            outputs = export.plan(context)
            t1 = time.perf_counter()
            for output in outputs:
                fingerprint(output, version)
            t2 = time.perf_counter()
            size = sum(len(render(output, dirs)) for output in outputs)
            t3 = time.perf_counter()
            times = (t1 - t0, t2 - t1, t3 - t2)
            if best is None or sum(times) < sum(best):
                best = times
        rows.append({"name": export.name, "files": len(outputs), "bytes": size,
                     "plan": best[0], "fingerprint": best[1], "render": best[2]})
    print(json.dumps({"build_seconds": whole, "build_outputs": report.stats.outputs,
                      "exports": rows}))
    """
)


def measure(tree: Path, site: Path, out: Path, jobs: int, repeat: int) -> dict:
    shutil.rmtree(out, ignore_errors=True)
    result = subprocess.run(
        [sys.executable, "-c", MEASURE, str(tree), str(site), str(out), str(jobs), str(repeat)],
        cwd=tree,
        capture_output=True,
        text=True,
        env=dict(os.environ, PYTHONPATH=str(tree)),
    )
    if result.returncode:
        sys.exit(f"measuring {tree} failed:\n{result.stderr}")
    figures: dict = json.loads(result.stdout.strip().splitlines()[-1])
    return figures


def seconds(row: dict) -> float:
    return float(row["plan"] + row["fingerprint"] + row["render"])


def table(label: str, figures: dict) -> list[str]:
    whole = figures["build_seconds"]
    lines = [
        f"{label}: full build {whole:.2f} s, {figures['build_outputs']} files",
        f"  {'export':16} {'files':>6} {'MB':>7} {'plan s':>8} {'print s':>8} {'render s':>9}"
        f" {'total s':>8} {'share':>7}",
    ]
    for row in figures["exports"]:
        lines.append(
            f"  {row['name']:16} {row['files']:6d} {row['bytes'] / 1e6:7.2f} {row['plan']:8.3f}"
            f" {row['fingerprint']:8.3f} {row['render']:9.3f} {seconds(row):8.3f}"
            f" {seconds(row) / whole:7.1%}"
        )
    total = sum(seconds(row) for row in figures["exports"])
    files = sum(row["files"] for row in figures["exports"])
    size = sum(row["bytes"] for row in figures["exports"])
    lines.append(
        f"  {'all exports':16} {files:6d} {size / 1e6:7.2f} {'':8} {'':8} {'':9}"
        f" {total:8.3f} {total / whole:7.1%}"
    )
    return lines


def compare(now: dict, before: dict) -> list[str]:
    """This checkout against the baseline: per export, and all of them."""
    earlier = {row["name"]: row for row in before["exports"]}
    lines = ["change over the baseline:"]
    for row in now["exports"]:
        old = earlier.get(row["name"])
        was = f"{seconds(old):.3f} s" if old else "new"
        lines.append(f"  {row['name']:16} {was:>10} -> {seconds(row):.3f} s")
    total_now = sum(seconds(r) for r in now["exports"])
    total_before = sum(seconds(r) for r in before["exports"])
    lines.append(
        f"  {'all exports':16} {total_before:8.3f} s -> {total_now:.3f} s"
        f" ({total_now - total_before:+.3f} s); full build {before['build_seconds']:.2f} s"
        f" -> {now['build_seconds']:.2f} s"
    )
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--modules", type=int, default=500, help="modules (default 500)")
    parser.add_argument("--jobs", type=int, default=1, help="build workers (default 1)")
    parser.add_argument("--repeat", type=int, default=3, help="runs per export; the best counts")
    parser.add_argument("--baseline", metavar="REV", help="a git revision to measure beside")
    parser.add_argument("--save", type=Path, metavar="FILE", help="write the figures as JSON")
    args = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="credsite-bench-exports-"))
    try:
        site = work / "src"
        generate(site, args.modules)
        site_yaml = site / "site.yaml"
        site_yaml.write_text(site_yaml.read_text(encoding="utf-8") + CONTACT, encoding="utf-8")
        now = measure(REPO, site, work / "out", args.jobs, args.repeat)
        print(f"{args.modules} modules, {os.cpu_count()} cores, build --jobs {args.jobs}")
        print("\n".join(table("this checkout", now)))
        saved = {"modules": args.modules, "jobs": args.jobs, "now": now}
        if args.baseline:
            tree = checkout(args.baseline, work)
            before = measure(tree, site, work / "out-baseline", args.jobs, args.repeat)
            print("\n".join(table(f"baseline {args.baseline}", before)))
            print("\n".join(compare(now, before)))
            saved["baseline"] = {"revision": args.baseline, **before}
        if args.save:
            args.save.write_text(json.dumps(saved, indent=2) + "\n", encoding="utf-8")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
