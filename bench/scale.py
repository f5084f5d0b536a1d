#!/usr/bin/env python3
"""Benchmark: a national-size site (500 modules, 100,000 credentials) built side by side with Hugo.

The site is generated once into bench/out/ and reused: modules as in bench/catalogue.py, a
throwaway signing key (bench/out/.../key.json, never in a site), and credentials issued with
`python build.py issue` as staff run it, 1,000 learners per module. That run's credentials per
second, and the first build's time (which verifies every signature), are measured then and
printed on every later run. Each scenario below runs on a hard-linked copy of that site, in a
fresh process, so its time and peak memory are its own:

  hugo              Hugo (Debian's `hugo`, installed when missing and root) building the same
                    number of pages from equivalent generated Markdown
  full build        `build` into an empty output folder (signatures already verified)
  nothing changed   `build` again
  one module edited `build` after changing one module's title
  one credential    `issue` of one more credential, then `build` (the build is what is timed)

The last four run --repeat times (5) each; the median is shown with the range.
  --pack            the same with `build --pack`: file count bounded
  --private         the same with `build --private` (private mode, issue 18: packed, links
                    /c/#<id>); then, on the sites the full builds left, the time from navigation
                    to the verdict of one credential's page in headless Chromium
                    (bench/verification_page.py, cold, 1x CPU, --page-runs loads each, alternating):
                    the public /c/<id>/ beside the private /c/#<id> (and, with --pack, /c/?id=<id>)
  --baseline REV    every scenario also with the credsite of git revision REV (`git archive`,
                    bench/baseline.py; or REV is a folder holding a credsite source tree), on a
                    copy of its own, the runs of the two alternating so that whatever else the
                    machine does slows both alike: the before and after of a change

Usage: python bench/scale.py [--modules 500] [--credentials 100000] [--jobs N] [--repeat 5]
                             [--cold] [--pack] [--private] [--page-runs 15] [--no-hugo]
                             [--baseline REV]
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))

import verification_page as page  # noqa: E402  (a page's time to its verdict)
from baseline import checkout  # noqa: E402
from catalogue import generate  # noqa: E402  (the same generated modules as that benchmark)

PER_MODULE = 1000
RUN = textwrap.dedent(
    """
    import json, resource, subprocess, sys, time
    started = time.perf_counter()
    code = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL).returncode
    seconds = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    print(json.dumps({"seconds": seconds, "code": code, "peak_kib": peak}))
    """
)
MEASURE = textwrap.dedent(
    """
    import json, os, resource, sys, threading, time
    # The memory of the build and its workers together: the sum of their proportional set sizes
    # (PSS), so pages the forked workers share are counted once. Reading smaps_rollup costs
    # about 12 ms per process, so it is sampled once a second (under 4% of one core).
    peak = [0]
    def sample():
        me = os.getpid()
        while True:
            total = 0
            for pid in [me] + children(me):
                try:
                    with open(f"/proc/{pid}/smaps_rollup") as handle:
                        for line in handle:
                            if line.startswith("Pss:"):
                                total += int(line.split()[1]) * 1024
                except OSError:
                    pass
            peak[0] = max(peak[0], total)
            time.sleep(1.0)
    def children(pid):
        try:
            with open(f"/proc/{pid}/task/{pid}/children") as handle:
                return [int(p) for p in handle.read().split()]
        except OSError:
            return []
    threading.Thread(target=sample, daemon=True).start()
    from credsite.commands.cli import main_entry  # what python build.py runs
    try:
        main_entry()
    except SystemExit as exit:
        code = exit.code
    print(json.dumps({"code": code, "peak_kib": peak[0] // 1024}))
    """
)


def python() -> str:
    venv = REPO / ".venv/bin/python"
    return str(venv) if venv.exists() else sys.executable


def credsite(root: Path, *args: str, measure: bool = False, code: Path = REPO) -> dict:
    """Run the CLI of the credsite in ``code`` in a fresh process; with ``measure``, time it
    (from starting Python to its exit, as a user waits for it) and sum its memory."""
    command = [python(), "-c", MEASURE] if measure else [python(), str(code / "build.py")]
    started = time.perf_counter()
    result = subprocess.run(
        [*command, *args],
        cwd=root,
        capture_output=True,
        text=True,
        env=dict(os.environ, PYTHONPATH=str(code)),
    )
    if result.returncode != 0:
        sys.exit(f"credsite {' '.join(args)} failed:\n{result.stdout}\n{result.stderr}")
    seconds = time.perf_counter() - started
    if not measure:
        return {}
    lines = result.stdout.strip().splitlines()
    read = next((line.partition("; read: ")[2] for line in lines if "; read: " in line), "")
    return json.loads(lines[-1]) | {"seconds": seconds, "read": read}


def generate_site(cache: Path, modules: int, credentials: int, jobs: int) -> dict:
    """The site, key and issued credentials, made once; returns the figures of making them."""
    facts_file = cache / "facts.json"
    if facts_file.exists():
        return json.loads(facts_file.read_text())
    shutil.rmtree(cache, ignore_errors=True)
    root, key = cache / "src", cache / "key.json"
    generate(root, modules)
    credsite(root, "keygen", "--key-file", str(key))
    issuing = 0.0
    count = 0
    for n in range((credentials + PER_MODULE - 1) // PER_MODULE):
        rows = min(PER_MODULE, credentials - count)
        csv = cache / "results.csv"
        csv.write_text(
            "name,email\n"
            + "".join(
                f"Learner {count + i:06d},learner{count + i:06d}@example.org\n" for i in range(rows)
            ),
            encoding="utf-8",
        )
        started = time.perf_counter()
        credsite(
            root,
            "issue",
            "--module", f"module-{n:05d}",
            "--csv", str(csv),
            "--key-file", str(key),
            "--date", "2026-06-30",
            "--jobs", str(jobs),
            "--mail-merge", str(cache / "mail-merge.csv"),
        )  # fmt: skip
        issuing += time.perf_counter() - started
        count += rows
        print(f"  issued {count:,} credentials, {count / issuing:.0f}/s", flush=True)
    first = credsite(root, "build", "--out", str(cache / "site"), measure=True)
    shutil.rmtree(cache / "site")
    facts = {
        "modules": modules,
        "credentials": count,
        "issue_seconds": issuing,
        "issue_runs": n + 1,
        "first_build": first,
    }
    facts_file.write_text(json.dumps(facts, indent=2))
    return facts


EXTRA = ("issue_seconds", "files", "bytes", "packs")  # figures some scenarios add to a run


def summary(runs: list[dict]) -> dict:
    """The median time of repeated runs, their range, and the highest peak: one run of a
    two-second build varies by half on a machine whose page cache is kept small."""
    seconds = [run["seconds"] for run in runs]
    return {
        "seconds": statistics.median(seconds),
        "low": min(seconds),
        "high": max(seconds),
        "peak_kib": max(run["peak_kib"] for run in runs),
        "code": max(run["code"] for run in runs),
        "runs": [f"{run['seconds']:.2f}" for run in runs],
        "read": sorted({run["read"] for run in runs}),
    } | {key: statistics.median(run[key] for run in runs) for key in EXTRA if key in runs[0]}


def copy_site(cache: Path, work: Path) -> Path:
    """A hard-linked copy: cheap, and every later write replaces files instead of editing them."""
    root = work / "src"
    subprocess.run(["cp", "-al", str(cache / "src"), str(root)], check=True)
    return root


def edit_module(root: Path, count: int) -> None:
    path = root / "content/modules/module-00007.md"
    text = re.sub(r"Module 7( \(edit \d+\))?:", f"Module 7 (edit {count}):", path.read_text())
    path.unlink()  # a new file, not a write through the hard link into the cached site
    path.write_text(text, encoding="utf-8")


def issue_one(cache: Path, root: Path, count: int, code: Path = REPO) -> float:
    csv = root.parent / "one.csv"
    csv.write_text(f"name,email\nOne More,one.more.{count}@example.org\n", encoding="utf-8")
    started = time.perf_counter()
    credsite(
        root, "issue", "--module", "module-00001", "--csv", str(csv),
        "--key-file", str(cache / "key.json"), "--mail-merge", str(root.parent / "mm.csv"),
        code=code,
    )  # fmt: skip
    return time.perf_counter() - started


def tree_figures(out: Path) -> tuple[int, int]:
    files = size = 0
    for folder, _, names in os.walk(out):
        for name in names:
            files += 1
            size += (Path(folder) / name).lstat().st_size
    return files, size


def pack_count(out: Path) -> int:
    """The packs of a packed or private site: credential pages' (c/packs/) and collections'."""
    return sum(1 for folder in ("c", "l") for _ in (out / folder / "packs").glob("*.json"))


# -- Hugo ------------------------------------------------------------------------------------

HUGO_CONFIG = """\
baseURL = "https://bench.example.org/"
languageCode = "nl"
title = "Benchmark"
disableKinds = ["taxonomy", "term"]
[markup.highlight]
codeFences = false
[markup.goldmark.renderer]
unsafe = true
"""

HUGO_LAYOUT = """\
<!doctype html>
<html lang="{{ .Site.LanguageCode }}"><head><meta charset="utf-8">
<title>{{ .Title }} — {{ .Site.Title }}</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="stylesheet" href="/style.css"></head>
<body><header><a href="/">{{ .Site.Title }}</a></header>
<main><h1>{{ .Title }}</h1>
<dl>{{ range $key, $value := .Params.fields }}<dt>{{ $key }}</dt><dd>{{ $value }}</dd>{{ end }}</dl>
{{ .Content }}</main>
<footer>{{ .Site.Title }}</footer></body></html>
"""

HUGO_LIST = """\
<!doctype html>
<html><head><meta charset="utf-8"><title>{{ .Title }}</title></head>
<body><h1>{{ .Title }}</h1><ul>{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul></body></html>
"""


def ensure_hugo() -> str:
    found = shutil.which("hugo")
    if found:
        return found
    if os.geteuid() != 0:
        sys.exit("hugo is not installed: apt-get install hugo (as root), then run again")
    subprocess.run(["apt-get", "install", "-y", "-q", "hugo"], check=True)
    return shutil.which("hugo") or sys.exit("apt-get installed no hugo")


def generate_hugo(cache: Path) -> Path:
    """The same pages as Markdown: one per published module and language, one per credential."""
    site = cache / "hugo"
    if (site / ".done").exists():
        return site
    shutil.rmtree(site, ignore_errors=True)
    (site / "layouts/_default").mkdir(parents=True)
    (site / "config.toml").write_text(HUGO_CONFIG)
    (site / "layouts/_default/single.html").write_text(HUGO_LAYOUT)
    (site / "layouts/_default/list.html").write_text(HUGO_LIST)
    for lang in ("nl", "en"):
        folder = site / "content" / lang / "modules"
        folder.mkdir(parents=True)
        for module in sorted((cache / "src/content/modules").glob("*.md")):
            front, body = module.read_text(encoding="utf-8").split("---\n", 2)[1:]
            (folder / module.name).write_text(
                f"---\ntitle: {module.stem}\n---\n{body}\n```yaml\n{front}```\n", encoding="utf-8"
            )
    folder = site / "content/c"
    folder.mkdir(parents=True)
    for path in sorted((cache / "src/content/credentials").glob("*.json")):
        raw = path.read_text(encoding="utf-8")
        document = json.loads(raw)
        subject = document["credentialSubject"]
        achievement = subject["achievement"]
        fields = {
            "recipient": subject["identifier"][0].get("identityHash", ""),
            "issuer": document["issuer"]["name"],
            "valid_from": document["validFrom"],
            "criteria": achievement["criteria"]["narrative"],
        }
        outcomes = "".join(
            f"- {a['targetName']}\n"
            for a in achievement.get("alignment", [])
            if a.get("targetType") == "ext:LearningOutcome"
        )
        (folder / f"{path.stem}.md").write_text(
            f"---\ntitle: {json.dumps(document['name'])}\nfields: {json.dumps(fields)}\n---\n"
            f"{achievement['description']}\n\n{outcomes}\n"
            f'<script type="application/vc">{raw}</script>\n',
            encoding="utf-8",
        )
    (site / ".done").write_text("")
    return site


def run_hugo(hugo: str, site: Path, out: Path) -> dict:
    result = subprocess.run(
        [python(), "-c", RUN, hugo, "--quiet", "--source", str(site), "--destination", str(out)],
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(result.stdout)


# -- the run ---------------------------------------------------------------------------------

WIDTH = 60  # the scenario column
Run = Callable[[int, Path, Path, list[str]], dict]  # (run number, code, site, build command)


def scenarios(
    cache: Path,
    work: Path,
    codes: dict[str, Path],
    label: str,
    flags: list[str],
    args: argparse.Namespace,
) -> list[tuple[str, dict]]:
    """The build scenarios for each credsite of ``codes`` (name -> source tree), each on a
    copy of the site of its own; every run of a scenario goes through the credsites in turn,
    so that the machine's other work slows them alike."""
    sites = []
    for index, (name, code) in enumerate(codes.items()):
        (work / str(index)).mkdir()
        root = copy_site(cache, work / str(index))
        sites.append(
            (name, code, root, ["build", "--out", str(work / str(index) / "site"), *flags])
        )

    def each(scenario: str, runs: int, run: Run) -> list[tuple[str, dict]]:
        found: dict[str, list[dict]] = {name: [] for name, *_ in sites}
        for count in range(runs):
            for name, code, root, build in sites:
                found[name].append(run(count, code, root, build))
        return [
            (f"{label}{scenario} [{name}]", rows[0] if runs == 1 else summary(rows))
            for name, rows in found.items()
        ]

    def cold(count: int, code: Path, root: Path, build: list[str]) -> dict:
        shutil.rmtree(root / ".credsite-cache")
        row = credsite(root, *build, measure=True, code=code)
        shutil.rmtree(build[2])
        return row

    def full(count: int, code: Path, root: Path, build: list[str]) -> dict:
        shutil.rmtree(build[2], ignore_errors=True)
        row = credsite(root, *build, measure=True, code=code)
        row["files"], row["bytes"] = tree_figures(Path(build[2]))
        if "--pack" in build or "--private" in build:
            row["packs"] = pack_count(Path(build[2]))
        return row

    def again(count: int, code: Path, root: Path, build: list[str]) -> dict:
        return credsite(root, *build, measure=True, code=code)

    def edited(count: int, code: Path, root: Path, build: list[str]) -> dict:
        edit_module(root, count)
        return again(count, code, root, build)

    def one_more(count: int, code: Path, root: Path, build: list[str]) -> dict:
        issuing = issue_one(cache, root, count, code)
        return again(count, code, root, build) | {"issue_seconds": issuing}

    rows = each("first build, no cache", 1, cold) if args.cold else []
    rows += each("full build", args.repeat, full)
    rows += each("nothing changed", args.repeat, again)
    rows += each("one module edited", args.repeat, edited)
    return rows + each("one credential issued", args.repeat, one_more)


def page_verdicts(
    cache: Path, pages: list[tuple[str, Path, str]], args: argparse.Namespace
) -> list[tuple[str, page.Figures]]:
    """One credential's page on each variant's site, opened by that variant's link: the time to
    its verdict (bench/verification_page.py), loads alternating between the sites."""
    token = sorted(p.stem for p in (cache / "src/content/credentials").glob("*.json"))[0]
    print(f"verdict times: the page of {token}, {args.page_runs} cold loads each", flush=True)
    figures = page.compare_links(pages, token, args.page_runs)
    return [(label, found) for (label, _, _), found in zip(pages, figures, strict=True)]


def print_verdicts(verdicts: list[tuple[str, page.Figures]], runs: int) -> None:
    if not verdicts:
        return
    print(f"\n{'credential page, navigation to verdict':{WIDTH}} (cold, 1x CPU, {runs} loads each)")
    for label, found in verdicts:
        print(f"{label:{WIDTH}} {page.spread(found.verdict)}   {', '.join(found.states)}")
        print(f"{'':4}main-thread CPU: {page.spread(found.main_thread_cpu)}")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--modules", type=int, default=500)
    parser.add_argument("--credentials", type=int, default=100_000)
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--cold", action="store_true", help="measure a first build again")
    parser.add_argument("--pack", action="store_true", help="also measure build --pack")
    parser.add_argument(
        "--private",
        action="store_true",
        help="also measure build --private, and a private page's verdict time beside a public one",
    )
    parser.add_argument(
        "--page-runs", type=int, default=15, help="loads of each page with --private (0: none)"
    )
    parser.add_argument("--no-hugo", action="store_true", help="skip the Hugo build")
    parser.add_argument(
        "--repeat", type=int, default=5, help="runs of each one-change scenario (median shown)"
    )
    parser.add_argument(
        "--baseline", metavar="REV", help="a git revision (or a credsite tree) to measure beside"
    )
    args = parser.parse_args()

    cache = REPO / f"bench/out/scale-{args.modules}-{args.credentials}"
    print(f"site: {cache} (made once, then reused)", flush=True)
    facts = generate_site(cache, args.modules, args.credentials, args.jobs)
    rows: list[tuple[str, dict]] = []
    if not args.no_hugo:
        hugo = ensure_hugo()
        hugo_site = generate_hugo(cache)
        with tempfile.TemporaryDirectory(prefix="credsite-hugo-") as work:
            out = Path(work) / "public"
            row = run_hugo(hugo, hugo_site, out)
            row["files"], row["bytes"] = tree_figures(out)
            rows.append(("hugo, same number of pages", row))

    codes = {"this checkout": REPO}
    baseline_work = Path(tempfile.mkdtemp(prefix="credsite-scale-baseline-"))
    if args.baseline:
        given = Path(args.baseline)
        base = given.resolve() if given.is_dir() else checkout(args.baseline, baseline_work)
        codes = {f"baseline {args.baseline}": base, **codes}
    # Bundle the page scripts once, not per run: into the checkout (bundle.py), or, for a
    # baseline older than that, whose bundles() takes a cache folder, into the cached site.
    for code in codes.values():
        subprocess.run(
            [python(), "-c", "import sys, pathlib; from credsite.build.bundle import bundles; "
             "bundles(*[pathlib.Path(sys.argv[1])][:bundles.__code__.co_argcount])",
             str(cache / "src/.credsite-cache")],
            check=True, env=dict(os.environ, PYTHONPATH=str(code)),
        )  # fmt: skip
    variants = [("", [], "path")] + ([("packed: ", ["--pack"], "query")] if args.pack else [])
    variants += [("private: ", ["--private"], "fragment")] if args.private else []
    pages: list[tuple[str, Path, str]] = []  # (label, site, link form) of this checkout's builds
    with tempfile.TemporaryDirectory(prefix="credsite-scale-") as work:
        for index, (label, flags, form) in enumerate(variants):
            (Path(work) / str(index)).mkdir()
            rows += scenarios(cache, Path(work) / str(index), codes, label, flags, args)
            site = Path(work) / str(index) / str(len(codes) - 1) / "site"  # this checkout's
            name = f"{label.rstrip(': ') or 'public'} /{page.LINKS[form].format('<id>')}"
            pages.append((name, site, form))
        verdicts = page_verdicts(cache, pages, args) if args.private and args.page_runs else []
    first = facts["first_build"]
    print(
        f"\n{facts['modules']} modules, {facts['credentials']:,} credentials, {os.cpu_count()} cores, "
        f"{args.jobs} jobs"
    )
    print(
        f"issuing (when made): {facts['credentials'] / facts['issue_seconds']:.0f} credentials/s "
        f"over {facts['issue_runs']} issue runs ({facts['issue_seconds']:.0f} s)"
    )
    print(
        f"first build (when made, verifies every signature): {first['seconds']:.1f} s, "
        f"peak {first['peak_kib'] / 1024:.0f} MiB"
    )
    print(
        f"\n{'scenario':{WIDTH}} {'seconds':>8} {'peak MiB':>9} {'files':>8} {'MB':>7}   "
        f"(median of {args.repeat} runs, range, peak of all)"
    )
    for name, row in rows:
        files = f"{row['files']:8d}" if "files" in row else " " * 8
        size = f"{row['bytes'] / 1e6:7.0f}" if "bytes" in row else " " * 7
        spread = f"   {row['low']:.2f}-{row['high']:.2f}" if "low" in row else ""
        packs = f"   packs: {row['packs']:.0f}" if "packs" in row else ""
        print(
            f"{name:{WIDTH}} {row['seconds']:8.2f} {row['peak_kib'] / 1024:9.0f} {files} {size}"
            f"{spread}{packs}"
        )
        if "runs" in row:
            print(f"{'':4}runs: {' '.join(row['runs'])}; read: {' | '.join(row['read'])}")
        elif row.get("read"):  # a single run (--repeat 1): what it read says why it took so long
            print(f"{'':4}read: {row['read']}")
        if "issue_seconds" in row:
            print(f"{'  (the issue run itself)':{WIDTH}} {row['issue_seconds']:8.2f}")
    print_verdicts(verdicts, args.page_runs)
    timings = dict(rows)
    full = timings.get("full build [this checkout]")
    if "hugo, same number of pages" in timings and full:
        ratio = full["seconds"] / timings["hugo, same number of pages"]["seconds"]
        print(f"\nfull build over Hugo's: {ratio:.2f} (below 1: faster than Hugo)")
    shutil.rmtree(baseline_work, ignore_errors=True)


if __name__ == "__main__":
    main()
