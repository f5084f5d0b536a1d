#!/usr/bin/env python3
"""Benchmark: how fast a credential page reaches its verdict in headless Chromium.

Builds the example site, serves it on 127.0.0.1 and opens a credential page RUNS times, each in a
fresh browser context (cold cache), measuring the time from navigation start to the moment
`#verification[data-state]` leaves `checking`. Side by side, in the same run: the time jsonld.js
canonicalization plus Ed25519 take for the same credential in Node (the cryptographic core of
the check), and the transferred size of the page and its scripts, gzip-compressed.

Usage: python bench/verification_page.py [--runs 15]
"""

from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import json
import statistics
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
WATCH = """
(() => {
  const done = () => {
    const el = document.querySelector('#verification');
    if (el && el.dataset.state && el.dataset.state !== 'checking' && window.__verdictAt === undefined) {
      window.__verdictAt = performance.now();
      window.__verdict = el.dataset.state;
    }
  };
  new MutationObserver(done).observe(document, {subtree: true, attributes: true, attributeFilter: ['data-state']});
})();
"""

NODE_CORE = """
import { readFileSync } from 'node:fs';
import { webcrypto } from 'node:crypto';
import jsonld from 'jsonld';
import { documentLoader } from './test/helpers/contexts.js';
import { decodeEd25519Multikey } from './src/verifier/index.js';
const [credentialPath, didPath, runs] = process.argv.slice(-3);
const credential = JSON.parse(readFileSync(credentialPath, 'utf8'));
const did = JSON.parse(readFileSync(didPath, 'utf8'));
const proof = Array.isArray(credential.proof) ? credential.proof[0] : credential.proof;
const { proofValue, ...options } = proof;
const unsigned = { ...credential }; delete unsigned.proof;
const method = did.verificationMethod.find((m) => m.id === proof.verificationMethod);
const raw = decodeEd25519Multikey(method.publicKeyMultibase);
const b58 = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz';
function base58(text) { let n = 0n; for (const c of text) n = n * 58n + BigInt(b58.indexOf(c)); const out = []; while (n > 0n) { out.unshift(Number(n & 255n)); n >>= 8n; } for (const c of text) { if (c !== '1') break; out.unshift(0); } return Uint8Array.from(out); }
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


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


def serve(folder: Path) -> tuple[http.server.ThreadingHTTPServer, str]:
    handler = functools.partial(QuietHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_port}/"


def wait_for_verdict(page, seconds: float = 30) -> float:
    """Poll from outside: the page's CSP forbids the eval that wait_for_function would use."""
    import time

    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        at = page.evaluate("window.__verdictAt")
        if at is not None:
            return at
        time.sleep(0.02)
    raise TimeoutError("no verdict")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()

    from playwright.sync_api import sync_playwright

    from credsite.build.builder import BuildOptions, build

    out = Path(tempfile.mkdtemp(prefix="credsite-bench-page-")) / "site"
    build(BuildOptions(root=REPO, out_dir=out, jobs=2))
    token = sorted(p.parent.name for p in out.glob("c/*/credential.json"))[0]
    server, url = serve(out)
    times, sizes = [], {}
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=FLAGS)
            for _ in range(args.runs):
                context = browser.new_context()
                context.add_init_script(WATCH)
                page = context.new_page()
                bodies: dict[str, bytes] = {}
                page.on(
                    "response",
                    lambda response, bodies=bodies: bodies.setdefault(
                        response.url, response.body()
                    ),
                )
                page.goto(f"{url}c/{token}/")
                times.append(wait_for_verdict(page))
                state = page.evaluate("window.__verdict")
                sizes = {u: len(gzip.compress(b, 9)) for u, b in bodies.items()}
                context.close()
            browser.close()
    finally:
        server.shutdown()

    credential = out / "c" / token / "credential.json"
    did = out / ".well-known" / "did.json"
    node = subprocess.run(
        ["node", "--input-type=module", "-e", NODE_CORE, str(credential), str(did), "20"],
        cwd=REPO / "browser",
        capture_output=True,
        text=True,
    )
    if node.returncode != 0:
        sys.exit(f"the Node measurement failed: {node.stderr}")
    core = json.loads(node.stdout)

    page_bytes = sum(size for u, size in sizes.items() if u.endswith("/"))
    script_bytes = sum(size for u, size in sizes.items() if u.endswith(".js"))
    other = sum(sizes.values()) - page_bytes - script_bytes
    print(
        f"credential page c/{token[:8]}…/, {args.runs} cold loads in headless Chromium; final state: {state}"
    )
    print(
        f"{'navigation to verdict, median':40} {statistics.median(times):8.0f} ms   (min {min(times):.0f}, max {max(times):.0f})"
    )
    print(
        f"{'Node: jsonld.js + Ed25519, median (warm)':40} {core['median']:8.1f} ms   (fastest {core['first']:.1f})"
    )
    print(f"{'transferred, gzip: page':40} {page_bytes / 1024:8.1f} KiB")
    print(f"{'transferred, gzip: scripts':40} {script_bytes / 1024:8.1f} KiB")
    print(
        f"{'transferred, gzip: everything else':40} {other / 1024:8.1f} KiB  (styles, status lists, DID document)"
    )
    print(
        f"target: verdict within 300 ms at median: {'met' if statistics.median(times) <= 300 else 'NOT met'}"
    )


if __name__ == "__main__":
    main()
