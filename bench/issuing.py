#!/usr/bin/env python3
"""Benchmark: issue N credentials (default 10,000) from a CSV, side by side with a baseline.

  baseline   a straightforward signer: one process, pyld normalize of the document and of the
             proof configuration for every credential, Ed25519 from `cryptography`
  credsite   `python build.py issue --module ... --csv ...` as staff run it: rows checked,
             credentials built, signed on all cores, written atomically, mail merge written

Prints credentials per second and peak memory for both, and the speed-up.
Usage: python bench/issuing.py [--count 10000] [--baseline-count N] [--jobs N]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

MODULE = "clinical-reasoning-complex-care"  # records a grade: the largest credential we issue


def make_site(work: Path) -> Path:
    root = work / "site-src"
    (root / "content/modules").mkdir(parents=True)
    shutil.copy(REPO / "site.yaml", root / "site.yaml")
    shutil.copytree(REPO / "assets", root / "assets")
    shutil.copytree(REPO / "content/images", root / "content/images")
    shutil.copy(REPO / f"content/modules/{MODULE}.md", root / f"content/modules/{MODULE}.md")
    return root


def make_csv(path: Path, count: int) -> None:
    lines = ["name,email,grade"]
    lines += [f"Learner {n:06d},learner{n:06d}@example.org,{6 + n % 5}" for n in range(count)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def baseline(root: Path, count: int) -> tuple[float, float]:
    """Credentials per second and peak MiB for the straightforward single-process signer."""
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
    from pyld import jsonld

    from credsite.catalogue.content import load_content
    from credsite.issuer.credential import (
        Recipient,
        StatusEntry,
        build_credential,
        new_salt,
        new_token,
    )
    from credsite.standards.multibase import base58btc_encode

    contexts = {}
    index = json.loads((REPO / "credsite/data/contexts/index.json").read_text())["contexts"]
    for url, entry in index.items():
        contexts[url] = json.loads((REPO / "credsite/data/contexts" / entry["file"]).read_text())

    def loader(url: str, options: dict | None = None) -> dict:
        return {"contextUrl": None, "documentUrl": url, "document": contexts[url]}

    content = load_content(root).content
    module = next(m for m in content.modules if m.slug == MODULE)
    key = Ed25519PrivateKey.generate()
    options = {"algorithm": "URDNA2015", "format": "application/n-quads", "documentLoader": loader}
    now = datetime.now(UTC).replace(microsecond=0)
    started = time.perf_counter()
    for n in range(count):
        recipient = Recipient(
            f"Learner {n:06d}", f"learner{n:06d}@example.org", "nl", grade=str(6 + n % 5)
        )
        status = StatusEntry(content.site.canonical_url + "status/revocation-1.json", n)
        document = build_credential(
            module, content.site, recipient, new_token(), new_salt(), now, status
        )
        proof = {
            "type": "DataIntegrityProof",
            "cryptosuite": "eddsa-rdfc-2022",
            "created": now.isoformat().replace("+00:00", "Z"),
            "verificationMethod": "did:web:example#key-1",
            "proofPurpose": "assertionMethod",
        }
        config_hash = hashlib.sha256(
            jsonld.normalize({**proof, "@context": document["@context"]}, options).encode()
        ).digest()
        document_hash = hashlib.sha256(jsonld.normalize(document, options).encode()).digest()
        proof["proofValue"] = "z" + base58btc_encode(key.sign(config_hash + document_hash))
        document["proof"] = proof
        json.dumps(document, indent=2)
    seconds = time.perf_counter() - started
    return count / seconds, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def credsite_issue(
    root: Path, csv_path: Path, work: Path, count: int, jobs: int
) -> tuple[float, float, float]:
    env = dict(os.environ, XDG_CONFIG_HOME=str(work / "config"), PYTHONPATH=str(REPO))
    subprocess.run(
        [sys.executable, str(REPO / "build.py"), "--root", str(root), "keygen"],
        env=env,
        check=True,
        capture_output=True,
    )
    started = time.perf_counter()
    process = subprocess.run(
        [
            sys.executable,
            str(REPO / "build.py"),
            "--root",
            str(root),
            "issue",
            "--module",
            MODULE,
            "--csv",
            str(csv_path),
            "--mail-merge",
            str(work / "merge.csv"),
            "--jobs",
            str(jobs),
        ],
        env=env,
        capture_output=True,
        text=True,
    )
    seconds = time.perf_counter() - started
    if process.returncode != 0:
        sys.exit(process.stderr)
    issued = len(list((root / "content/credentials").glob("*.json")))
    assert issued == count, f"issued {issued}, expected {count}"
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return count / seconds, seconds, peak


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--count", type=int, default=10_000)
    parser.add_argument(
        "--baseline-count",
        type=int,
        default=None,
        help="credentials for the baseline (default: --count)",
    )
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="credsite-bench-issue-"))
    try:
        root = make_site(work)
        csv_path = work / "results.csv"
        make_csv(csv_path, args.count)
        base_rate, base_peak = baseline(root, args.baseline_count or args.count)
        rate, seconds, peak = credsite_issue(root, csv_path, work, args.count, args.jobs)
        print(f"issuing {args.count} credentials on {os.cpu_count()} cores (module {MODULE})")
        print(f"{'':34} {'creds/s':>9} {'peak MiB':>9}")
        print(f"{'baseline: single-process pyld':34} {base_rate:9.1f} {base_peak:9.0f}")
        print(
            f"{'credsite issue (' + str(args.jobs) + ' jobs)':34} {rate:9.1f} {peak:9.0f}   ({seconds:.1f} s in all)"
        )
        print(f"speed-up over baseline: {rate / base_rate:.2f}x")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
