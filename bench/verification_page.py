#!/usr/bin/env python3
"""Benchmark: how fast a credential page, or /verify/ with a dropped credential, reaches its verdict.

Builds the example site (or takes a built one: --site), serves it on 127.0.0.1 with the headers
its _headers file gives a host (so cached assets are cached as on a real host) and opens a page
RUNS times in headless Chromium, measuring the time from navigation start until
`#verification[data-state]` is final. Side by side, in the same run:

- with --baseline REV, the same example site built from git revision REV (`git archive` into a
  temporary folder; or REV is the folder of a site already built), its loads alternating with
  this checkout's, so that whatever else the machine does slows both alike: the before and
  after of a change;
- the time jsonld.js canonicalization plus Ed25519 take for the same credential in Node (the
  cryptographic core of the check; what a page adds beyond it is loading, compiling and running
  its scripts);
- with --private, the example site built in private mode (`build --private`, issue 18) and the
  same credential opened by its private link `/c/#<id>`: its page fetched from a pack and
  decrypted in the page before it is verified; its loads alternate with the public page's.

  --cpu RATE   slow the page's CPU RATE times (Chromium's Emulation.setCPUThrottlingRate; 4 is
               the usual stand-in for a mid-range phone)
  --cold       every load in a new browser context with the cache disabled: a first visit
               (the default)
  --warm       every load in one context after two uncounted loads: a returning visitor, with
               the scripts in the HTTP cache and in V8's code cache
  --page verify [--drop FILE ...]
               /en/verify/, FILE chosen in its file input once the page is ready (its form
               shown); besides the whole time: navigation to ready, and choice to verdict (or to
               the input error, for a file the page refuses). Without --drop: the site's own
               credential.
  --matrix     the credential page at 1x and 4x, cold and warm, and /verify/ with the site's own
               credential and every --drop FILE at 1x and 4x, cold
  --private    also the private link of the same credential, beside the public page
  --save NAME  write the figures to bench/out/verification-page/NAME.json
  --compare NAME  print a saved run's figures beside this run's (when there is no --baseline)

Per configuration it prints the median and 90th percentile of the time to the verdict and of the
CPU time the page's main thread spent on the whole load (Chromium's ThreadTime metric, read
0.3 s after the verdict: on a busy machine it grows far less than the wall-clock time; at 4x the
throttle's own spinning counts too), the final state, and the scripts the page loaded, each file
raw and gzip -9 (a credential page's budget: 75 KB gzip).

Usage: python bench/verification_page.py [--runs 15] [--cpu 4] [--cold|--warm]
                                         [--page credential|verify] [--drop FILE ...] [--matrix]
                                         [--site DIR] [--baseline REV] [--private]
                                         [--save NAME] [--compare NAME]
"""

from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import json
import math
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import Any, ClassVar
from urllib.parse import unquote, urlsplit

REPO = Path(__file__).resolve().parent.parent
SAVED = REPO / "bench" / "out" / "verification-page"
sys.path.insert(0, str(REPO))

from baseline import checkout  # noqa: E402

FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
# Runs in every page before its own scripts: records (in ms since navigation start) when the
# /verify/ form is shown (its script is ready), when a file is chosen, and the final verdict.
WATCH = """
(() => {
  const seen = () => {
    const form = document.querySelector('#verify-form');
    if (form && !form.hidden && window.__readyAt === undefined) window.__readyAt = performance.now();
    const el = document.querySelector('#verification');
    const router = document.querySelector('#credential-pack[data-state]'); // a pack's page not shown
    const state = el ? el.dataset.state : router && `router ${router.dataset.state}`;
    const refused = document.querySelector('#verify-input-error');
    if (refused && !refused.hidden && window.__verdictAt === undefined) {
      window.__verdictAt = performance.now();
      window.__verdict = 'input refused';
    }
    if (state && state !== 'checking' && state !== 'idle' && window.__verdictAt === undefined) {
      window.__verdictAt = performance.now();
      window.__verdict = state;
    }
  };
  new MutationObserver(seen).observe(document, {subtree: true, attributes: true, attributeFilter: ['data-state', 'hidden']});
  document.addEventListener('change', () => { if (window.__inputAt === undefined) window.__inputAt = performance.now(); }, true);
})();
"""
PRIVATE = "private /c/#<id>"  # the label of a private build's page
RESOURCES = "performance.getEntriesByType('resource').map((e) => [e.name, e.startTime])"

NODE_CORE = """
import { readFileSync } from 'node:fs';
import { webcrypto } from 'node:crypto';
import jsonld from 'jsonld';
import { documentLoader } from './test/helpers/contexts.js';
const [credentialPath, didPath, runs] = process.argv.slice(-3);
const credential = JSON.parse(readFileSync(credentialPath, 'utf8'));
const did = JSON.parse(readFileSync(didPath, 'utf8'));
const proof = Array.isArray(credential.proof) ? credential.proof[0] : credential.proof;
const { proofValue, ...options } = proof;
const unsigned = { ...credential }; delete unsigned.proof;
const method = did.verificationMethod.find((m) => m.id === proof.verificationMethod);
const b58 = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz';
function base58(text) { let n = 0n; for (const c of text) n = n * 58n + BigInt(b58.indexOf(c)); const out = []; while (n > 0n) { out.unshift(Number(n & 255n)); n >>= 8n; } for (const c of text) { if (c !== '1') break; out.unshift(0); } return Uint8Array.from(out); }
const raw = base58(method.publicKeyMultibase.slice(1)).slice(2); // multicodec 0xed01, then the key
const times = [];
for (let i = 0; i < Number(runs); i++) {
  const start = performance.now();
  const canonical = await jsonld.canonize(unsigned, { algorithm: 'RDFC-1.0', safe: true, documentLoader });
  const config = await jsonld.canonize({ ...options, '@context': credential['@context'] }, { algorithm: 'RDFC-1.0', safe: true, documentLoader });
  const enc = new TextEncoder();
  const hashes = await Promise.all([config, canonical].map((t) => webcrypto.subtle.digest('SHA-256', enc.encode(t))));
  const data = new Uint8Array([...new Uint8Array(hashes[0]), ...new Uint8Array(hashes[1])]);
  const key = await webcrypto.subtle.importKey('raw', raw, { name: 'Ed25519' }, false, ['verify']);
  const ok = await webcrypto.subtle.verify({ name: 'Ed25519' }, key, base58(proofValue.slice(1)), data);
  if (!ok) throw new Error('signature did not verify');
  times.push(performance.now() - start);
}
times.sort((a, b) => a - b);
console.log(JSON.stringify({ median: times[Math.floor(times.length / 2)], first: times[0] }));
"""


@dataclass
class Setup:
    """One configuration: which page, how slow a CPU, which cache."""

    page: str  # "credential" or "verify"
    cpu: float
    cold: bool
    drop: Path | None = None  # /verify/: the file chosen; None: the site's own credential

    @property
    def name(self) -> str:
        what = "credential page"
        if self.page == "verify":
            what = f"/verify/ + {self.drop.name if self.drop else 'own credential'}"
        return f"{what}, {self.cpu:g}x CPU, {'cold' if self.cold else 'warm'}"


LINKS = {  # how each kind of site links a credential (docs/publishing.md)
    "path": "c/{}/",  # a public site: one folder per credential
    "query": "c/?id={}",  # build --pack: the router, as the 404 page sends a /c/<id>/ address on
    "fragment": "c/#{}",  # private mode: the id only in the fragment, never sent to the host
}


@dataclass
class Site:
    """A built site being served, and the credential whose page is measured."""

    label: str
    folder: Path
    base: str
    token: str
    form: str = "path"  # which of LINKS the page is opened by
    source: Path | None = None  # the credential's file when the site has none in clear

    @property
    def own(self) -> Path:
        return self.source or self.folder / "c" / self.token / "credential.json"

    @property
    def link(self) -> str:
        return LINKS[self.form].format(self.token)


@dataclass
class Figures:
    """What one configuration measured on one site, in ms since navigation start."""

    name: str
    runs: int
    states: list[str]
    verdict: list[float]
    main_thread_cpu: list[float] = field(default_factory=list)  # ms, to 0.3 s after the verdict
    ready: list[float] = field(default_factory=list)  # /verify/: the form shown
    drop_to_verdict: list[float] = field(default_factory=list)  # /verify/
    scripts: dict[str, dict[str, int]] = field(default_factory=dict)  # path -> raw, gzip


def header_rules(site: Path) -> list[tuple[str, dict[str, str]]]:
    """The site's _headers file (Netlify/Cloudflare syntax) as (path pattern, headers) pairs."""
    rules: list[tuple[str, dict[str, str]]] = []
    path = site / "_headers"
    for line in path.read_text().splitlines() if path.is_file() else []:
        if line.strip() and not line[0].isspace():
            rules.append((line.strip(), {}))
        elif ":" in line and rules:
            name, value = line.strip().split(":", 1)
            rules[-1][1][name.strip()] = value.strip()
    return rules


def headers_for(rules: list[tuple[str, dict[str, str]]], path: str) -> dict[str, str]:
    found: dict[str, str] = {}
    for pattern, headers in rules:
        if pattern == path or (pattern.endswith("*") and path.startswith(pattern[:-1])):
            found |= headers
    return found


class SiteHandler(http.server.SimpleHTTPRequestHandler):
    """Static files with the headers the site's _headers file asks a host for."""

    rules: ClassVar[list[tuple[str, dict[str, str]]]] = []

    def log_message(self, format: str, *args: object) -> None:
        pass

    def _extra(self) -> dict[str, str]:
        path = unquote(urlsplit(self.path).path)
        if path.endswith("/index.html"):
            path = path[: -len("index.html")]
        return headers_for(self.rules, path)

    def send_header(self, keyword: str, value: str) -> None:
        if keyword.lower() not in {k.lower() for k in self._extra()}:
            super().send_header(keyword, value)

    def end_headers(self) -> None:
        for keyword, value in self._extra().items():
            super().send_header(keyword, value)
        super().end_headers()


def serve(folder: Path) -> tuple[http.server.ThreadingHTTPServer, str]:
    handler = type("Handler", (SiteHandler,), {"rules": header_rules(folder)})
    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(handler, directory=str(folder))
    )
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_port}/"


def wait_for(page: Any, name: str, seconds: float = 60) -> float:
    """Poll from outside: the page's CSP forbids the eval that wait_for_function would use."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        at = page.evaluate(f"window.{name}")
        if at is not None:
            return float(at)
        time.sleep(0.05)  # the times are taken in the page; polling less disturbs it less
    raise TimeoutError(f"no {name} after {seconds} s")


def open_page(context: Any, cpu: float, cold: bool) -> tuple[Any, Any]:
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("Performance.enable")
    if cpu != 1:
        cdp.send("Emulation.setCPUThrottlingRate", {"rate": cpu})
    if cold:
        cdp.send("Network.enable")
        cdp.send("Network.setCacheDisabled", {"cacheDisabled": True})
    return page, cdp


def thread_time(cdp: Any) -> float:
    """CPU time of the page's main thread so far, in ms: unlike the wall-clock times, it hardly
    grows when other processes compete for the CPU (at 1x; the 4x throttle itself spends CPU)."""
    metrics = cdp.send("Performance.getMetrics")["metrics"]
    return 1000 * float(next(m["value"] for m in metrics if m["name"] == "ThreadTime"))


def load_once(context: Any, setup: Setup, site: Site) -> dict[str, Any]:
    page, cdp = open_page(context, setup.cpu, setup.cold)
    row: dict[str, Any] = {}
    cpu_before = thread_time(cdp)
    if setup.page == "credential":
        page.goto(site.base + site.link)
        row["verdict"] = wait_for(page, "__verdictAt")
    else:
        page.goto(f"{site.base}en/verify/")
        row["ready"] = wait_for(page, "__readyAt")
        page.set_input_files("#verify-file", str(setup.drop or site.own))
        row["verdict"] = wait_for(page, "__verdictAt")
        row["drop"] = row["verdict"] - wait_for(page, "__inputAt")
    time.sleep(0.3)  # what the page does right after its verdict counts too (e.g. drawing)
    row["cpu"] = thread_time(cdp) - cpu_before
    row["state"] = page.evaluate("window.__verdict")
    row["resources"] = page.evaluate(RESOURCES)
    page.close()
    return row


def script_sizes(site: Path, row: dict[str, Any]) -> dict[str, dict[str, int]]:
    """Every script the page loaded, as files of the site: raw and gzip -9 bytes, and whether it
    was requested before the verdict (1) or after it (0: code loaded lazily, e.g. for printing)."""
    sizes = {}
    for address, started in row["resources"]:
        path = unquote(urlsplit(address).path)
        if path.endswith((".js", ".mjs")) and (site / path.lstrip("/")).is_file():
            data = (site / path.lstrip("/")).read_bytes()
            before = int(started <= row["verdict"])
            sizes[path] = {"raw": len(data), "gzip": len(gzip.compress(data, 9)), "before": before}
    return sizes


def measure(browser: Any, setup: Setup, sites: list[Site], runs: int) -> list[Figures]:
    """RUNS loads of each site, alternating between them; a warm one first loads twice uncounted."""
    rows: dict[str, list[dict[str, Any]]] = {site.label: [] for site in sites}
    contexts: dict[str, Any] = {}
    for i in range(runs + (0 if setup.cold else 2)):
        for site in sites:
            if setup.cold or site.label not in contexts:
                contexts[site.label] = browser.new_context()
                contexts[site.label].add_init_script(WATCH)
            row = load_once(contexts[site.label], setup, site)
            if setup.cold:
                contexts.pop(site.label).close()
            if setup.cold or i >= 2:
                rows[site.label].append(row)
    for context in contexts.values():
        context.close()
    return [figures_of(setup, runs, rows[site.label], site) for site in sites]


def figures_of(setup: Setup, runs: int, rows: list[dict[str, Any]], site: Site) -> Figures:
    return Figures(
        name=setup.name,
        runs=runs,
        states=sorted({r["state"] for r in rows}),
        verdict=[r["verdict"] for r in rows],
        main_thread_cpu=[r["cpu"] for r in rows],
        ready=[r["ready"] for r in rows if "ready" in r],
        drop_to_verdict=[r["drop"] for r in rows if "drop" in r],
        scripts=script_sizes(site.folder, rows[0]),
    )


def node_core(site: Site) -> dict[str, float]:
    node = subprocess.run(
        [
            "node",
            "--input-type=module",
            "-e",
            NODE_CORE,
            str(site.own),
            str(site.folder / ".well-known" / "did.json"),
            "20",
        ],
        cwd=REPO / "browser",
        capture_output=True,
        text=True,
    )
    if node.returncode != 0:
        sys.exit(f"the Node measurement failed: {node.stderr}")
    result: dict[str, float] = json.loads(node.stdout)
    return result


def p90(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[max(0, math.ceil(0.9 * len(ordered)) - 1)]


def spread(values: list[float]) -> str:
    if not values:
        return "-"
    return f"median {statistics.median(values):6.0f} ms  p90 {p90(values):6.0f} ms"


def gzip_kib(figures: Figures, before_verdict: bool = False) -> float:
    sizes = figures.scripts.values()
    return sum(s["gzip"] for s in sizes if s.get("before", 1) or not before_verdict) / 1024


def report(figures: Figures, before: Figures | None, before_label: str) -> None:
    states = ", ".join(figures.states)
    if before:
        states += f" ({before_label}: {', '.join(before.states)})"
    print(f"\n{figures.name}: {figures.runs} loads, final state {states}")
    lines = [
        ("navigation to verdict", figures.verdict, before.verdict if before else None),
        (
            "main-thread CPU, whole load",
            figures.main_thread_cpu,
            before.main_thread_cpu if before else None,
        ),
    ]
    if figures.ready:
        lines.append(("navigation to form ready", figures.ready, before.ready if before else None))
        lines.append(
            (
                "choice to verdict",
                figures.drop_to_verdict,
                before.drop_to_verdict if before else None,
            )
        )
    for title, values, old in lines:
        beside = f"   {before_label}: {spread(old)}" if old else ""
        print(f"  {title:28} {spread(values)}{beside}")
    raw = sum(s["raw"] for s in figures.scripts.values()) / 1024
    beside = f"   {before_label}: {gzip_kib(before):.1f} KiB gzip" if before else ""
    print(f"  {'scripts loaded':28} {raw:6.1f} KiB raw, {gzip_kib(figures):6.1f} KiB gzip{beside}")
    beside = f"   {before_label}: {gzip_kib(before, True):.1f} KiB" if before else ""
    print(f"  {'  of which before verdict':28} {gzip_kib(figures, True):22.1f} KiB gzip{beside}")
    for path, size in sorted(figures.scripts.items()):
        after = "" if size.get("before", 1) else "  (after the verdict)"
        print(f"    {path:44} {size['raw']:8} B raw {size['gzip']:8} B gzip{after}")


def setups(args: argparse.Namespace) -> list[Setup]:
    drops: list[Path | None] = [Path(p).resolve() for p in args.drop]
    if not args.matrix:
        if args.page == "credential":
            return [Setup("credential", args.cpu, not args.warm)]
        return [Setup("verify", args.cpu, not args.warm, d) for d in drops or [None]]
    chosen = [Setup("credential", cpu, cold) for cpu in (1, 4) for cold in (True, False)]
    chosen += [Setup("verify", cpu, True, d) for d in [None, *drops] for cpu in (1, 4)]
    return chosen


def load_saved(name: str | None) -> dict[str, Figures]:
    if name is None:
        return {}
    data = json.loads((SAVED / f"{name}.json").read_text())
    return {f["name"]: Figures(**f) for f in data["figures"]}


def build_site(root: Path, work: Path, private: bool = False) -> Path:
    """The example site of the checkout at `root`, built with that checkout's own code (with
    ``private``, in private mode: an option only this checkout's builder has)."""
    out = work / "site"
    program = (
        "import sys; from pathlib import Path; sys.path.insert(0, sys.argv[1]); "
        "from credsite.build.builder import BuildOptions, build; "
        "build(BuildOptions(root=Path(sys.argv[1]), out_dir=Path(sys.argv[2]), jobs=2"
        + (", private=True" if private else "")
        + "))"
    )
    subprocess.run([sys.executable, "-c", program, str(root), str(out)], check=True)
    return out


def start(
    label: str,
    folder: Path,
    token: str | None = None,
    form: str = "path",
    source: Path | None = None,
) -> tuple[Site, http.server.ThreadingHTTPServer]:
    """Serve ``folder``; its page of ``token`` (by default its first credential in clear) is
    opened by the link of ``form`` (LINKS)."""
    server, base = serve(folder)
    token = token or sorted(p.parent.name for p in folder.glob("c/*/credential.json"))[0]
    return Site(label, folder, base, token, form, source), server


def compare_links(pages: list[tuple[str, Path, str]], token: str, runs: int) -> list[Figures]:
    """The credential page of ``token`` on each built site of ``pages`` (label, folder, link
    form of LINKS), loads alternating, at 1x CPU and cold: e.g. a public site's page beside the
    private link of the same credential on a private build of the same content."""
    from playwright.sync_api import sync_playwright

    started = [start(label, folder, token, form) for label, folder, form in pages]
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=FLAGS)
            measured = measure(browser, Setup("credential", 1, True), [s for s, _ in started], runs)
            browser.close()
    finally:
        for _, server in started:
            server.shutdown()
    return measured


def arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--cpu", type=float, default=1.0, help="CPU slowdown (1: none)")
    cache = parser.add_mutually_exclusive_group()
    cache.add_argument("--cold", action="store_true", help="a first visit every time (default)")
    cache.add_argument("--warm", action="store_true", help="a returning visitor")
    parser.add_argument("--page", choices=("credential", "verify"), default="credential")
    parser.add_argument("--drop", action="append", default=[], metavar="FILE")
    parser.add_argument("--matrix", action="store_true")
    parser.add_argument("--site", type=Path, help="a built site instead of building the example")
    parser.add_argument(
        "--baseline", metavar="REV", help="a git revision (or a built site) to measure beside"
    )
    parser.add_argument(
        "--private", action="store_true", help="also a private build's /c/#<id> link, beside"
    )
    parser.add_argument("--save", metavar="NAME")
    parser.add_argument("--compare", metavar="NAME")
    args = parser.parse_args()
    if args.private and args.site:  # its private build is of the example site's credentials
        parser.error("--private measures the example site: leave out --site")
    return args


def main() -> None:
    args = arguments()
    from playwright.sync_api import sync_playwright

    work = Path(tempfile.mkdtemp(prefix="credsite-bench-page-"))
    folders = {"now": args.site.resolve() if args.site else build_site(REPO, work / "now")}
    if args.baseline and Path(args.baseline).is_dir():  # a site built elsewhere
        folders[args.baseline] = Path(args.baseline).resolve()
    elif args.baseline:
        folders[args.baseline] = build_site(checkout(args.baseline, work / "base"), work / "base")
    started = [start(label, folder) for label, folder in folders.items()]
    if args.private:  # the same credential on a private build of the same content
        token = started[0][0].token
        own = REPO / "content" / "credentials" / f"{token}.json"
        private = build_site(REPO, work / "private", private=True)
        started.append(start(PRIVATE, private, token, "fragment", own))
    sites = [site for site, _ in started]
    saved = load_saved(args.compare)
    results: dict[str, list[Figures]] = {site.label: [] for site in sites}
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=FLAGS)
            for setup in setups(args):
                measured = measure(browser, setup, sites, args.runs)
                for site, figures in zip(sites, measured, strict=True):
                    results[site.label].append(figures)
                before = measured[1] if args.baseline else saved.get(setup.name)
                report(measured[0], before, args.baseline or f"saved {args.compare}")
                if args.private and setup.page == "credential":
                    report(titled(measured[-1], PRIVATE), measured[0], "public")
            browser.close()
    finally:
        for _, server in started:
            server.shutdown()
        shutil.rmtree(work / "base", ignore_errors=True)

    core = node_core(sites[0])
    print(
        f"\n{'Node: jsonld.js + Ed25519, median (warm)':44} {core['median']:6.1f} ms"
        f"   (fastest {core['first']:.1f}; the same credential, no page, no throttling)"
    )
    print(f"load average after measuring: {os.getloadavg()[0]:.2f} on {os.cpu_count()} CPUs")
    if args.save:
        save(args.save, sites, results, core)


def titled(figures: Figures, label: str) -> Figures:
    return replace(figures, name=f"{label}: {figures.name}")


def save(name: str, sites: list[Site], results: dict[str, list[Figures]], core: Any) -> None:
    SAVED.mkdir(parents=True, exist_ok=True)
    target = SAVED / f"{name}.json"
    record: dict[str, Any] = {
        "credential": f"c/{sites[0].token}/",
        "node_core_ms": core,
        "load_average": os.getloadavg()[0],
        "figures": [asdict(f) for f in results[sites[0].label]],
        "baseline": None,
    }
    if len(sites) > 1 and sites[1].label != PRIVATE:
        figures = [asdict(f) for f in results[sites[1].label]]
        record["baseline"] = {"revision": sites[1].label, "figures": figures}
    if sites[-1].label == PRIVATE:
        record["private"] = [asdict(f) for f in results[PRIVATE] if f.name.startswith("credential")]
    target.write_text(json.dumps(record, indent=1) + "\n")
    print(f"saved to {target.relative_to(REPO)}")


if __name__ == "__main__":
    main()
