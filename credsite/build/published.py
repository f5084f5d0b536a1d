"""What the build publishes for issued credentials, after checking every one of them.

The DID document (from keys.yaml) and the signed status lists (copied byte for byte from
content/status), planned here; each credential not taken down gets its page and its file
``/c/<token>/credential.json``, planned by ``credential_plan.plan_credentials``. Before anything
is published, every credential is verified against the keys and lists being published: the
build fails on one that does not verify, on a duplicate id or status index, and on status lists
that disagree with content/status/log.yaml.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path
from typing import Any

from credsite.base import urls
from credsite.base.errors import Diagnostic, Severity
from credsite.base.jsonfile import load_json
from credsite.base.workers import worker_pool
from credsite.build.output import Output
from credsite.build.tables import write_lines
from credsite.build.theme import file_digest
from credsite.issuer.collections import collection_problems
from credsite.issuer.keys import KeyRegistry, did_document, load_registry
from credsite.issuer.sd_jwt import METADATA_PATH, issuer_metadata
from credsite.issuer.status import (
    LOG_FILE,
    PURPOSES,
    STATUS_DIR,
    UNPUBLISHED_FILE,
    current_status,
    existing_list_numbers,
    list_bits,
    list_file,
    list_url,
    load_log,
    load_unpublished,
)
from credsite.issuer.store import CREDENTIALS_DIR, StoredCredential, load_store, read_credential
from credsite.standards import rulebook
from credsite.standards.fetch import mapping_fetcher
from credsite.standards.jsonld import SharedSubtree
from credsite.standards.keyresolution import did_web_url
from credsite.standards.statuscheck import status_list_problem
from credsite.standards.timestamps import parse_timestamp
from credsite.standards.verification import Fetcher, verify_credential

VERIFIED_CACHE = "verified.txt"
# The number counts the verifier's rules: a credential checked under older rules (2: before
# dates and status were read from the signed view) is checked again once.
VERIFIED_FORMAT = "credsite-verified 3"
OLD_VERIFIED_CACHE = "verified.json"  # its JSON form, 14 MB at 100,000: removed when met
_VERIFIED_LINE = re.compile(r"[0-9a-f]{64}:[0-9a-f]{64}")


@dataclass(frozen=True)
class IssuerRecords:
    """What the issuer keeps in the repository, loaded and checked: the public keys
    (keys.yaml), the issued credentials (content/credentials), the taken-down ones and each
    one's status (content/status), and the numbers of the status lists."""

    registry: KeyRegistry
    credentials: tuple[StoredCredential, ...]
    unpublished: frozenset[str]
    status: dict[str, str]
    list_numbers: tuple[int, ...]


def load_issued(
    root: Path,
    base_url: str,
    cache_dir: Path,
    jobs: int = 1,
    known: Mapping[str, str] | None = None,
) -> tuple[IssuerRecords, list[Diagnostic]]:
    registry, problems = load_registry(root)
    store, store_problems = load_store(root, cache_dir, known)
    events, log_problems = load_log(root)
    taken_down, unpublished_problems = load_unpublished(root)
    problems += store_problems + log_problems + unpublished_problems
    tokens = {c.token for c in store}
    problems += _unknown_credentials(LOG_FILE, (e.credential for e in events), tokens)
    pages = [e.credential for e in taken_down if e.kind == "credential"]
    problems += _unknown_credentials(UNPUBLISHED_FILE, pages, tokens)
    problems += collection_problems(root, tokens, taken_down)
    status = current_status(events)
    numbers = tuple(sorted(existing_list_numbers(root)))
    issued = IssuerRecords(registry, tuple(store), frozenset(pages), status, numbers)
    if store and not registry.keys:
        problems.append(
            Diagnostic(
                "keys.yaml",
                None,
                "",
                "missing: credentials are issued but no public keys are listed",
            )
        )
    problems += _list_problems(root, base_url, issued)
    if not any(p.is_error for p in problems):
        problems += _verify_all(root, base_url, issued, cache_dir, jobs)
    return issued, problems


def _unknown_credentials(shown: str, named: Iterable[str], tokens: set[str]) -> list[Diagnostic]:
    """The entries of a status file (the log, the take-downs) that name no issued credential."""
    return [
        Diagnostic(shown, None, "credential", f"'{token}' is not in {CREDENTIALS_DIR}")
        for token in named
        if token not in tokens
    ]


def _unknown_list(credential: StoredCredential, known: set[str]) -> Diagnostic | None:
    """A credential whose status is on no list of this site: none could be revoked."""
    if credential.status_list in known:
        return None
    return Diagnostic(
        credential.path,
        None,
        "credentialStatus",
        f"points to {credential.status_list}, which is not a status list in {STATUS_DIR}/",
    )


def _list_problems(root: Path, base_url: str, issued: IssuerRecords) -> list[Diagnostic]:
    """Each credential points at a list of this site, and each list says what the log says."""
    known = {list_url(base_url, "revocation", n) for n in issued.list_numbers}
    problems = [p for c in issued.credentials if (p := _unknown_list(c, known)) is not None]
    slots = {c.token: (c.status_list or "", c.status_index or 0) for c in issued.credentials}
    for number in issued.list_numbers:
        for purpose in PURPOSES:
            path = list_file(root, purpose, number)
            shown = path.relative_to(root).as_posix()
            if not path.is_file():
                problems.append(
                    Diagnostic(shown, None, "", "missing (revoke, suspend or issue writes it)")
                )
                continue
            try:
                document = load_json(path.read_bytes())
                from credsite.standards.statuslist import Bitstring

                published = Bitstring.decode(
                    document["credentialSubject"]["encodedList"]
                ).to_bytes()
            except (ValueError, KeyError, TypeError) as error:
                problems.append(
                    Diagnostic(shown, None, "", f"not a readable status list ({error})")
                )
                continue
            url = list_url(base_url, purpose, number)
            if document.get("id") != url:
                problems.append(
                    Diagnostic(
                        shown,
                        None,
                        "id",
                        f"is {document.get('id')!r}, expected {url} (was base_url changed?)",
                    )
                )
            trust = _list_trust_problem(document, purpose, url, base_url, issued.registry)
            if trust is not None:
                problems.append(Diagnostic(shown, None, "", *trust))
            expected = list_bits(slots, issued.status, purpose, url).to_bytes()
            if published != expected:
                problems.append(
                    Diagnostic(
                        shown,
                        None,
                        "",
                        "does not match content/status/log.yaml (was a revoke, suspend or reinstate interrupted? run it again)",
                    )
                )
    return problems


def _list_trust_problem(
    document: Any, purpose: str, url: str, base_url: str, registry: KeyRegistry
) -> tuple[str, Severity] | None:
    """A list verifiers would not believe (edited by hand, signed with a key that is not
    published, copied from another site): every credential on it would show 'status unknown'.
    Signed after its key was marked compromised is a warning: only a new signature mends it."""
    did = urls.did_web(base_url)

    def problem(keys: KeyRegistry) -> str | None:
        fetch = mapping_fetcher({did_web_url(did): did_document(base_url, keys)})
        return status_list_problem(document, purpose, did, fetch, url)

    found = problem(registry)
    if found is None:
        return None
    uncompromised = KeyRegistry(tuple(replace(k, compromised_since=None) for k in registry.keys))
    if problem(uncompromised) is None:
        return (
            f"{found}, so verifiers do not trust it; the next revoke, suspend or reinstate of a credential on this list signs it again with the active key",
            Severity.WARNING,
        )
    return (
        f"verifiers would not trust this list: {found} (status lists are written by revoke, suspend and reinstate; never edit them by hand)",
        Severity.ERROR,
    )


def _verify_all(
    root: Path, base_url: str, issued: IssuerRecords, cache_dir: Path, jobs: int
) -> list[Diagnostic]:
    """Verify every credential's signature against the keys being published.

    Validity dates and revocation are facts about a genuine credential, not errors in the
    repository, so they do not fail the build (the lists were checked once, above). Results are
    cached by the credential's and the DID document's digests: a signature, once checked
    against the same keys, stays checked. What is not cached is checked on every core.
    """
    return _verify_cached(base_url, issued.registry, issued.credentials, cache_dir, jobs, True)


def _verify_cached(
    base_url: str,
    registry: KeyRegistry,
    credentials: Sequence[StoredCredential],
    cache_dir: Path,
    jobs: int,
    complete: bool,
) -> list[Diagnostic]:
    """``complete``: ``credentials`` are all there are, so entries for others are dropped from
    the cache; otherwise the ones that verify are added to it."""
    global _CHECK
    did_doc = did_document(base_url, registry)
    did_url = urls.absolute(base_url, urls.did_document_path(base_url))
    fetch = mapping_fetcher({did_web_url(urls.did_web(base_url)): did_doc, did_url: did_doc})
    keys_digest = hashlib.sha256(json.dumps(did_doc, sort_keys=True).encode()).hexdigest()
    cache_path = cache_dir / VERIFIED_CACHE
    cache = _read_cache(cache_path)
    fresh: set[str] = set()
    todo = []
    for credential in credentials:
        cache_key = f"{credential.digest}:{keys_digest}"
        if cache_key in cache:
            fresh.add(cache_key)
        else:
            todo.append(credential)
    _CHECK = fetch
    try:
        if jobs > 1 and len(todo) >= PARALLEL_VERIFY:
            with worker_pool(jobs) as pool:
                results = list(pool.map(_check_one, todo, chunksize=64))
        else:
            results = [_check_one(c) for c in todo]
    finally:
        _CHECK = None
    problems = []
    for credential, problem in zip(todo, results, strict=True):
        if problem is None:
            fresh.add(f"{credential.digest}:{keys_digest}")
        else:
            problems.append(problem)
    if complete and fresh != cache:
        _write_cache(cache_path, fresh)
    elif not complete and not fresh <= cache:
        _add_to_cache(cache_path, fresh - cache, bool(cache))
    return problems


# A credential of the site failing any of these is not published; key-status (a key marked
# compromised later) is a warning. The schema is advisory to verifiers, not to the build.
REFUSED_CHECKS = frozenset({"schema", *rulebook.authenticity_checks()} - {"key-status"})
# A check of these outcomes refuses: a format the verifiers do not support is no more publishable
# than a failure, since no verifier of ours could check the credential.
REFUSED_OUTCOMES = frozenset({"failed", "unsupported"})
PARALLEL_VERIFY = 64  # below this, starting worker processes costs more than it saves
_CHECK: Fetcher | None = None  # the key lookup the forked workers inherit
_SHARED = SharedSubtree()  # a site's credentials share their issuer and, per module, Achievement


def _check_one(credential: StoredCredential) -> Diagnostic | None:
    """Why one credential must not be published (an error), why it no longer verifies (a
    warning), or None."""
    assert _CHECK is not None, "worker started without a key lookup"
    document = credential.document
    report = verify_credential(
        document, _CHECK, _valid_from(document), check_status=False, shared=_SHARED
    )
    failed = [c for c in report.checks if c.outcome in REFUSED_OUTCOMES and c.id in REFUSED_CHECKS]
    compromised = [c for c in report.checks if c.outcome == "failed" and c.id == "key-status"]
    if failed or report.state == "error":
        reasons = (
            "; ".join(f"{c.message} {c.detail}".strip() for c in failed)
            or "its key could not be resolved"
        )
        return Diagnostic(credential.path, None, "", f"does not verify: {reasons}")
    if compromised:
        return Diagnostic(
            credential.path,
            None,
            "",
            f"no longer verifies: {compromised[0].message} Issue it again (issue --again) and revoke this one.",
            Severity.WARNING,
        )
    return None


def _valid_from(document: dict[str, Any]) -> datetime:
    """Verify 'as of' the credential's own start, so the build never depends on the clock."""
    try:
        return parse_timestamp(str(document.get("validFrom")))
    except ValueError:
        return parse_timestamp("2000-01-01T00:00:00Z")


def _read_cache(path: Path) -> set[str]:
    """A line per verified credential, ``<credential digest>:<DID document digest>``: a
    national site's hundred thousand lines read in milliseconds, and an issue run's
    credentials are appended without writing the rest again."""
    try:
        lines = path.read_text(encoding="utf-8").split("\n")
    except (OSError, ValueError):
        return set()
    if lines[0] != VERIFIED_FORMAT:
        return set()
    return {line for line in lines[1:] if _VERIFIED_LINE.fullmatch(line)}


def _write_cache(path: Path, keys: set[str]) -> None:
    write_lines(path, [VERIFIED_FORMAT, *sorted(keys)])
    path.with_name(OLD_VERIFIED_CACHE).unlink(missing_ok=True)


def _add_to_cache(path: Path, keys: set[str], readable: bool) -> None:
    """Append in one write (a torn line matches nothing, so it only costs a check)."""
    if not readable:
        _write_cache(path, keys)
        return
    with path.open("a", encoding="utf-8") as handle:
        handle.write("".join(f"{key}\n" for key in sorted(keys)))


def plan_issuer_files(root: Path, base_url: str, issued: IssuerRecords) -> list[Output]:
    """The files the build publishes for issuing as a whole: the DID document and the status
    lists. Each credential's own files are planned by ``credential_plan.plan_credentials``."""
    outputs = []
    if issued.registry.keys:
        outputs.append(
            Output(
                urls.did_document_path(base_url), "json", did_document(base_url, issued.registry)
            )
        )
        metadata = issuer_metadata(base_url, issued.registry)  # SD-JWT VC's key (sd_jwt.py)
        if metadata is not None:
            outputs.append(Output(METADATA_PATH, "json", metadata))
    for number in issued.list_numbers:
        for purpose in PURPOSES:
            path = list_file(root, purpose, number)
            if path.is_file():
                outputs.append(
                    Output(
                        urls.status_list(purpose, number),
                        "copy",
                        {"source": str(path), "digest": file_digest(path)},
                    )
                )
    return outputs


def load_added(
    root: Path,
    base_url: str,
    cache_dir: Path,
    jobs: int,
    names: Sequence[str],
    used: Mapping[str, Sequence[int]],
) -> tuple[list[StoredCredential], list[Diagnostic]]:
    """Credential files added since a build that checked all the others (carry.py), checked
    as ``load_issued`` would check them, without reading the others again.

    ``used`` holds the status indexes the others take, by list. The others' checks stand:
    keys.yaml and content/status are what they were, so the log, the takedowns and the lists
    still name only those credentials, and a new credential is on no list yet. Its id ends
    with its file name, which no other file has, so it cannot repeat another's id."""
    registry, _ = load_registry(root)  # unchanged: its warnings are among the carried ones
    problems: list[Diagnostic] = []
    folder = root / CREDENTIALS_DIR
    known = {list_url(base_url, "revocation", n) for n in existing_list_numbers(root)}
    taken = {url: set(indexes) for url, indexes in used.items()}
    added: list[StoredCredential] = []
    for name in names:
        credential = read_credential(folder / name, root)
        if isinstance(credential, Diagnostic):
            problems.append(credential)
            continue
        added.append(credential)
        slot_problem = _slot_problem(credential, known, taken)
        if slot_problem is not None:
            problems.append(slot_problem)
    if not any(p.is_error for p in problems):
        problems += _verify_cached(base_url, registry, added, cache_dir, jobs, False)
    return added, problems


def _slot_problem(
    credential: StoredCredential, known: set[str], taken: dict[str, set[int]]
) -> Diagnostic | None:
    unknown = _unknown_list(credential, known)
    if unknown is not None or credential.status_list is None:  # no list has None
        return unknown
    indexes = taken.setdefault(credential.status_list, set())
    if credential.status_index in indexes:
        return Diagnostic(
            credential.path,
            None,
            "credentialStatus",
            f"status list index {credential.status_index} is also used by another credential",
        )
    if credential.status_index is not None:
        indexes.add(credential.status_index)
    return None
