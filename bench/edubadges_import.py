#!/usr/bin/env python3
"""Benchmark: `credsite import edubadges` of N generated badge classes (default 2,000).

The badge classes are saved `/public/badges/{id}?expand=micro` responses, one file each with its
PNG image beside it (the shape of tests/vectors/edubadges/good/), Dutch and English, EC and
hours, every micro-credential field. Each scenario runs in a fresh process so its peak memory is
its own; wall-clock seconds and CPU seconds (user + system) are both shown, as a busy machine
stretches the first:

  first import      into a site with no modules: every module and image written
  second import     the same folder again: every module read, merged, found unchanged
  check             `credsite check` of the result (what staff run next), for scale

  --baseline REV   the same measured with the code of git revision REV (`git archive` into a
                   temporary folder; nothing in the repository changes), printed beside this
                   checkout's; a revision without the import command says so
  --save FILE      write the figures as JSON

Usage: python bench/edubadges_import.py [--count 2000] [--baseline REV] [--save FILE]
"""

from __future__ import annotations

import argparse
import json
import shutil
import struct
import subprocess
import sys
import tempfile
import textwrap
import zlib
from pathlib import Path

from baseline import REPO, checkout
from catalogue import SITE_YAML  # the same site as the catalogue benchmark's

MEASURE = textwrap.dedent(
    """
    import contextlib, io, json, resource, sys, time
    tree, args = sys.argv[1], sys.argv[2:]
    sys.path.insert(0, tree)
    started = time.perf_counter()
    from credsite.commands.cli import main
    out = io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(io.StringIO()):
        code = main(args)
    seconds = time.perf_counter() - started
    usage = resource.getrusage(resource.RUSAGE_SELF)
    peak, cpu = usage.ru_maxrss / 1024, usage.ru_utime + usage.ru_stime
    print(json.dumps({"code": code, "seconds": seconds, "cpu": cpu, "peak_mib": peak,
                      "last": out.getvalue().strip().splitlines()[-1:] }))
    """
)

PARTICIPATION = ("online", "onsite", "blended", "work_experience")
ASSESSMENT = ("written_exam", "report_paper", "oral_exam", "portfolio_assessment")
TOPICS = ("leadership", "data analysis", "care ethics", "supply chains", "didactics", "law")


def png(n: int) -> bytes:
    """A small PNG of its own colour per badge class (about 100 bytes)."""
    raw = b"".join(b"\x00" + bytes((n % 256, n // 256 % 256, 90)) * 8 for _ in range(8))

    def chunk(kind: bytes, body: bytes) -> bytes:
        crc = zlib.crc32(kind + body) & 0xFFFFFFFF
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", crc)

    header = struct.pack(">IIBBBBB", 8, 8, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(raw))
        + chunk(b"IEND", b"")
    )


def extension(name: str, member: str, value: object) -> dict:
    return {
        f"extensions:{name}": {
            "@context": f"https://api.edubadges.nl/static/extensions/{name}/context.json",
            "type": ["Extension", f"extensions:{name}"],
            member: value,
        }
    }


def badge_class(n: int) -> dict:
    entity = f"Bench{n:06d}x"
    dutch = n % 3 != 0
    topic = TOPICS[n % len(TOPICS)]
    data: dict = {
        "@context": "https://w3id.org/openbadges/v2",
        "type": "BadgeClass",
        "name": f"{'Module' if dutch else 'Course'} {n}: {topic}",
        "description": f"## {topic}\n\nA module on **{topic}** for professionals, number {n}.\n\nMore text.",
        "id": f"https://api.edubadges.nl/public/badges/{entity}",
        "issuer": "https://api.edubadges.nl/public/issuers/BenchIssuer",
        "image": f"https://api.edubadges.nl/public/badges/{entity}/image",
        "criteria": {"narrative": f"Pass the assessment of module {n}."},
        "alignment": [],
        "tags": [topic, f"tag{n % 17}"],
    }
    data |= extension("LanguageExtension", "Language", "nl_NL" if dutch else "en_EN")
    if n % 4:
        data |= extension("ECTSExtension", "ECTS", 3 + (n % 55) / 2)
    else:
        data |= extension("TimeInvestmentExtension", "TimeInvestment", 28 + n % 300)
    data |= extension("EQFExtension", "EQF", 4 + n % 4)
    outcomes = "\n".join(f"- You apply {topic} in situation {k}." for k in range(1, 4))
    data |= extension("LearningOutcomeExtension", "LearningOutcome", outcomes)
    data |= extension(
        "EducationProgramIdentifierExtension", "EducationProgramIdentifier", [10000 + n]
    )
    data |= {
        "participation": PARTICIPATION[n % 4],
        "assessmentType": ASSESSMENT[n % 4],
        "assessmentIdVerified": n % 2 == 0,
        "assessmentSupervised": n % 3 == 0,
        "qualityAssuranceDescription": "Reviewed under the national framework.",
        "qualityAssuranceName": "Kwaliteitskader Microcredentials",
        "qualityAssuranceUrl": "https://example.org/kwaliteitskader",
        "stackable": n % 5 == 0,
        "gradeAchievedRequired": False,
        "eqfNlqfLevelVerified": False,
        "typeBadgeClass": "micro_credential",
    }
    return data


def generate(folder: Path, count: int) -> None:
    folder.mkdir(parents=True)
    for n in range(count):
        data = badge_class(n)
        name = data["id"].rsplit("/", 1)[-1]
        (folder / f"{name}.json").write_text(json.dumps(data, indent=2), encoding="utf-8")
        (folder / f"{name}.png").write_bytes(png(n))


def make_site(root: Path) -> None:
    (root / "content/modules").mkdir(parents=True)
    (root / "site.yaml").write_text(SITE_YAML, encoding="utf-8")


def run(tree: Path, *args: str) -> dict:
    result = subprocess.run(
        [sys.executable, "-c", MEASURE, str(tree), *args], capture_output=True, text=True
    )
    if result.returncode != 0:
        sys.exit(f"{' '.join(args)} failed:\n{result.stdout}\n{result.stderr}")
    return json.loads(result.stdout.strip().splitlines()[-1])


def measure(tree: Path, source: Path, work: Path) -> dict:
    root = work / "site"
    shutil.rmtree(root, ignore_errors=True)
    make_site(root)
    first = run(tree, "--root", str(root), "import", "edubadges", str(source))
    if first["code"] != 0:
        return {"unavailable": f"import edubadges exited with {first['code']}"}
    second = run(tree, "--root", str(root), "import", "edubadges", str(source))
    check = run(tree, "--root", str(root), "check")
    return {"first": first, "second": second, "check": check}


def table(label: str, figures: dict, count: int) -> list[str]:
    if "unavailable" in figures:
        return [f"{label}: {figures['unavailable']}"]
    lines = [
        f"{label}:",
        f"  {'scenario':16} {'seconds':>8} {'CPU s':>7} {'per class ms':>13} {'peak MiB':>9}",
    ]
    for name in ("first", "second", "check"):
        row = figures[name]
        lines.append(
            f"  {name + (' import' if name != 'check' else ''):16} {row['seconds']:8.2f} {row['cpu']:7.2f}"
            f" {row['seconds'] / count * 1000:13.2f} {row['peak_mib']:9.0f}"
        )
    lines.append(f"  report: {' '.join(figures['second']['last'])}")
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--count", type=int, default=2000, help="badge classes (default 2000)")
    parser.add_argument("--baseline", metavar="REV", help="a git revision to measure beside")
    parser.add_argument("--save", type=Path, metavar="FILE", help="write the figures as JSON")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="credsite-bench-import-"))
    try:
        source = work / "badges"
        generate(source, args.count)
        now = measure(REPO, source, work)
        print(f"import edubadges of {args.count} badge classes (one file and one PNG each)")
        print("\n".join(table("this checkout", now, args.count)))
        saved = {"count": args.count, "now": now}
        if args.baseline:
            before = measure(checkout(args.baseline, work), source, work)
            print("\n".join(table(f"baseline {args.baseline}", before, args.count)))
            saved["baseline"] = {"revision": args.baseline, **before}
        if args.save:
            args.save.write_text(json.dumps(saved, indent=2) + "\n", encoding="utf-8")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
