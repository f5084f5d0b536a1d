#!/usr/bin/env python3
"""Benchmark: build a generated catalogue of N modules (default 2,000) and print the figures.

Scenarios, each in a fresh process so peak memory is its own:
  full (1 job)      the baseline: a clean build rendered in a single process
  full (N jobs)     a clean build rendered on every core
  nothing changed   a rebuild with no edits
  one module edited a rebuild after changing one module's title

Usage: python bench/catalogue.py [--modules 2000] [--jobs N] [--keep DIR]
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

SITE_YAML = """\
base_url: https://bench.example.org/
institution:
  name: {nl: Benchmarkhogeschool, en: Benchmark University}
  country: NL
"""

MODULE = """\
---
title: {{nl: "Module {n}: {topic}", en: "Module {n}: {topic}"}}
summary:
  nl: Een module over {topic} voor professionals, met praktijkopdrachten en intervisie.
  en: A module on {topic} for professionals, with workplace assignments and peer review.
status: published
published_on: 2026-{month:02d}-{day:02d}
course_code: BM-{n:05d}
faculty: {{nl: Faculteit {faculty}, en: Faculty {faculty}}}
field_of_study: "{field}"
language: [{language}]
ec: {ec}
eqf_level: {eqf}
learning_outcomes:
  nl:
    - Je past {topic} toe in je eigen beroepspraktijk.
    - Je onderbouwt keuzes met actuele literatuur.
    - Je reflecteert op je handelen en dat van collega's.
  en:
    - You apply {topic} in your own professional practice.
    - You justify choices with current literature.
    - You reflect on your own actions and those of colleagues.
participation: [{participation}]
assessment_type: [report_paper, oral_exam]
assessment_supervised: true
stackable: true
offerings:
  - start: 2027-{month:02d}-01
    end: 2027-{month:02d}-28
    location: Utrecht
    price: {price}
    enrol_url: https://bench.example.org/enrol/{n}
---
## Over de module

Deze module over {topic} combineert theorie en praktijk. Je werkt aan **eigen casuïstiek**.

<!-- lang: en -->
## About the module

This module on {topic} combines theory and practice. You work on **your own cases**.
"""

TOPICS = [
    "leadership",
    "data analysis",
    "ethics",
    "project management",
    "care innovation",
    "software testing",
]
FIELDS = ["0413", "0613", "0913", "0923", "0311", "0714"]
PARTICIPATION = ["online", "onsite", "blended", "work_experience"]

SCENARIO = textwrap.dedent(
    """
    import json, resource, sys, time
    from pathlib import Path
    from credsite.build.builder import BuildOptions, build
    root, out, jobs = Path(sys.argv[1]), Path(sys.argv[2]), int(sys.argv[3])
    started = time.perf_counter()
    report = build(BuildOptions(root=root, out_dir=out, jobs=jobs))
    seconds = time.perf_counter() - started
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    print(json.dumps({"seconds": seconds, "outputs": report.stats.outputs, "rendered": report.stats.rendered,
                      "peak_kib": own, "peak_worker_kib": children}))
    """
)


def generate(root: Path, count: int) -> None:
    (root / "content/modules").mkdir(parents=True)
    (root / "site.yaml").write_text(SITE_YAML, encoding="utf-8")
    for n in range(count):
        text = MODULE.format(
            n=n,
            topic=TOPICS[n % len(TOPICS)],
            month=n % 12 + 1,
            day=n % 28 + 1,
            faculty=n % 7,
            field=FIELDS[n % len(FIELDS)],
            language="nl" if n % 3 else "nl, en",
            ec=3 + (n % 55) / 2,
            eqf=5 + n % 3,
            participation=PARTICIPATION[n % len(PARTICIPATION)],
            price=500 + (n % 20) * 50,
        )
        (root / "content/modules" / f"module-{n:05d}.md").write_text(text, encoding="utf-8")


def run(root: Path, out: Path, jobs: int) -> dict:
    result = subprocess.run(
        [sys.executable, "-c", SCENARIO, str(root), str(out), str(jobs)],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=True,
        env=dict(os.environ, PYTHONPATH=str(REPO)),
    )
    return json.loads(result.stdout)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--modules", type=int, default=2000, help="modules to generate (default 2000)"
    )
    parser.add_argument(
        "--jobs", type=int, default=os.cpu_count() or 1, help="workers for the parallel runs"
    )
    parser.add_argument("--keep", type=Path, help="generate into this folder and keep it")
    args = parser.parse_args()

    work = args.keep or Path(tempfile.mkdtemp(prefix="credsite-bench-"))
    root, out = work / "src", work / "site"
    shutil.rmtree(work, ignore_errors=True)
    generate(root, args.modules)
    baseline_out = work / "site-baseline"
    rows = [
        ("full build, 1 job (baseline)", run(root, baseline_out, 1)),
        (f"full build, {args.jobs} jobs", run(root, out, args.jobs)),
        ("rebuild, nothing changed", run(root, out, args.jobs)),
    ]
    edited = root / "content/modules/module-00007.md"
    edited.write_text(
        edited.read_text(encoding="utf-8").replace("Module 7:", "Module 7 (edited):"),
        encoding="utf-8",
    )
    rows.append(("rebuild, one module edited", run(root, out, args.jobs)))

    files = sum(1 for p in out.rglob("*") if p.is_file())
    size = sum(p.stat().st_size for p in out.rglob("*") if p.is_file())
    print(
        f"catalogue of {args.modules} modules: {files} files, {size / 1e6:.1f} MB, {os.cpu_count()} cores"
    )
    print(
        f"{'scenario':32} {'seconds':>8} {'rendered':>9} {'pages/s':>9} {'peak MiB':>9} {'workers MiB':>12}"
    )
    for name, row in rows:
        pages_per_second = row["rendered"] / row["seconds"] if row["rendered"] else 0
        print(
            f"{name:32} {row['seconds']:8.2f} {row['rendered']:9d} {pages_per_second:9.0f} "
            f"{row['peak_kib'] / 1024:9.0f} {row['peak_worker_kib'] / 1024:12.0f}"
        )
    speedup = rows[0][1]["seconds"] / rows[1][1]["seconds"]
    print(f"parallel over baseline: {speedup:.2f}x")
    if not args.keep:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
