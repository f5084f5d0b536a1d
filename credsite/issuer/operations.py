"""The staff commands that change the repository: keys, issuing, revocation, take-down.

These are the only places that use the signing key. Each validates everything first and writes
only when nothing is wrong; every file is written atomically.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path

from credsite.base import urls
from credsite.base.errors import ConfigError, ContentError
from credsite.catalogue.config import load_config
from credsite.catalogue.content import load_content
from credsite.catalogue.model import Content, Module, SiteConfig
from credsite.issuer.collections import (
    COLLECTIONS_DIR,
    CollectionSecret,
    collection_id,
    create_secret,
    existing_members,
    find_collection,
    find_secret,
    write_collections,
)
from credsite.issuer.issuing import (
    Batch,
    Draft,
    Issued,
    IssuePlan,
    Row,
    allocate,
    check_all,
    collection_members,
    ensure_lists,
    issue_lock,
    issued_at,
    make_all,
    plan_issue,
    plan_jobs,
    read_results,
    write_mail_merge,
)
from credsite.issuer.keys import (
    KEYS_FILE,
    KeyRegistry,
    PublicKey,
    SigningKey,
    add_key,
    default_key_path,
    generate,
    load_registry,
    load_signing_key,
    mark_compromised,
    new_key_id,
    secret_document,
    write_registry,
    write_secret_file,
)
from credsite.issuer.status import (
    Event,
    Unpublished,
    current_status,
    due,
    existing_list_numbers,
    list_dates,
    load_log,
    load_unpublished,
    require_lists,
    write_lists,
    write_log,
    write_unpublished,
)
from credsite.issuer.store import CACHE_DIR, StoredCredential, list_number, load_store
from credsite.standards.timestamps import format_timestamp


def _content(root: Path) -> Content:
    """Modules, tracks and site.yaml, validated. Not the issued credentials: checking every
    signature is the build's job, and at national scale it would make each issue run wait
    for the verification of everything issued before it."""
    result = load_content(root)
    errors = [d for d in result.diagnostics if d.is_error]
    if errors or result.content is None:
        raise ContentError(errors)
    return result.content


def _site(root: Path) -> SiteConfig:
    """Only site.yaml: revoking must work while the rest of the repository is broken, in
    particular while the status lists are out of step with the log (an interrupted revoke,
    which the build says to fix by running it again)."""
    site, problems = load_config(root)
    if site is None or any(p.is_error for p in problems):
        raise ContentError([p for p in problems if p.is_error])
    return site


def _registry(root: Path) -> KeyRegistry:
    registry, problems = load_registry(root)
    if any(p.is_error for p in problems):
        raise ContentError(problems)
    return registry


def _store(root: Path) -> list[StoredCredential]:
    store, problems = load_store(root, root / CACHE_DIR)
    if problems:
        raise ContentError(problems)
    return store


# -- keys ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class KeygenResult:
    key: PublicKey
    secret_path: Path
    retired: str | None


def keygen(root: Path, key_file: Path | None, now: datetime) -> KeygenResult:
    site = _content(root).site
    registry = _registry(root)
    with issue_lock(root):
        key_id = new_key_id(registry, now)
        key = generate(key_id)
        did = urls.did_web(site.canonical_url)
        path = key_file or default_key_path(site.canonical_url, key_id)
        write_secret_file(path, secret_document(key, did), root)
        previous = registry.active()
        public = PublicKey(key_id, key.public_key_multibase, now, "active")
        write_registry(root, add_key(registry, public))
        _resign_lists(root, site, key, now)
    return KeygenResult(public, path.expanduser().resolve(), previous.id if previous else None)


def _resign_lists(root: Path, site: SiteConfig, key: SigningKey, now: datetime) -> list[Path]:
    """Sign all status lists again, from the log, valid from ``now``. keygen does it with the
    new key (if the old key leaked, lists it signed after the leak no longer count, and a
    rotation is the moment to replace them); renew-lists before the lists end."""
    numbers = existing_list_numbers(root)
    if not numbers:
        return []
    store = _store(root)
    events, problems = load_log(root)
    if problems:
        raise ContentError(problems)
    slots = {c.token: (c.status_list or "", c.status_index or 0) for c in store}
    state = current_status(events)
    days = site.status_list_validity_days
    return write_lists(root, site.canonical_url, numbers, slots, state, key, now, days)


def compromise(root: Path, key_id: str, since: datetime) -> PublicKey:
    registry = _registry(root)
    with issue_lock(root):
        updated = mark_compromised(registry, key_id, since)
        write_registry(root, updated)
    key = updated.by_id(key_id)
    assert key is not None
    return key


# -- renewing the status lists ---------------------------------------------------------------


@dataclass(frozen=True)
class RenewResult:
    written: list[Path]  # empty when nothing was due
    valid_until: datetime | None  # of the lists written, or the earliest end when none was due


def renew_lists(
    root: Path, now: datetime, key_file: Path | None = None, within_days: int | None = None
) -> RenewResult:
    """Sign every status list again, valid from ``now`` for site.yaml's
    ``status_list_validity_days``. With ``within_days``, only when a list ends within that
    many days (or has no end): a scheduled job can then run daily or weekly and commit only
    when something changed. The lists are made from the log, so an interrupted revoke is
    mended too."""
    site = _site(root)
    require_lists(root)
    if within_days is not None:
        dates = list_dates(root)
        if not any(due(d, now + timedelta(days=within_days)) for d in dates):
            ends = [d.valid_until for d in dates if d.valid_until is not None]
            return RenewResult([], min(ends) if ends else None)
    registry = _registry(root)
    key = load_signing_key(root, site.canonical_url, registry, key_file)
    with issue_lock(root):
        written = _resign_lists(root, site, key, now)
    return RenewResult(written, now + timedelta(days=site.status_list_validity_days))


# -- issuing ---------------------------------------------------------------------------------


@dataclass
class IssueResult:
    module: Module
    plan: IssuePlan
    issued: list[Issued] = field(default_factory=list)
    mail_merge: Path | None = None
    warnings: list[str] = field(default_factory=list)
    # issue --collection: each learner's collection page by e-mail address ('' if taken down)
    collections: dict[str, str] | None = None
    secret: CollectionSecret | None = None  # ``missing`` in a dry run: it would be made
    secret_created: bool = False


def find_module(content: Content, slug: str) -> Module:
    module = next((m for m in content.modules if m.slug == slug), None)
    if module is None:
        from credsite.catalogue.fields import did_you_mean

        hint = did_you_mean(slug, [m.slug for m in content.modules])
        raise ConfigError(f"no module '{slug}' in content/modules{hint}")
    if module.status == "draft":
        raise ConfigError(f"module '{slug}' is a draft; publish it before issuing its credential")
    return module


def mail_merge_path(csv_path: Path, chosen: Path | None, root: Path) -> Path:
    """Outside the site's folder: the file holds e-mail addresses, which never enter git."""
    path = (chosen or csv_path.with_name(f"{csv_path.stem}.mailmerge.csv")).expanduser().resolve()
    if path.is_relative_to(root.resolve()):
        raise ConfigError(
            f"the mail-merge file would be written to {path}, inside the site's folder; it holds e-mail addresses, which never enter git: pass --mail-merge PATH outside {root}"
        )
    return path


def issue(
    root: Path,
    slug: str,
    csv_path: Path,
    now: datetime,
    key_file: Path | None = None,
    day: date | None = None,
    dry_run: bool = False,
    again: bool = False,
    mail_merge: Path | None = None,
    jobs: int = 1,
    collection: bool = False,
    collection_secret: Path | None = None,
) -> IssueResult:
    content = _content(root)
    site = content.site
    module = find_module(content, slug)
    shown = csv_path.as_posix()
    rows, ignored = read_results(csv_path, module, site, shown)
    store = _store(root)
    plan = plan_issue(rows, module, store, again)
    result = IssueResult(module, plan, warnings=[str(w) for w in ignored])
    if day is not None and day > now.date():
        result.warnings.append(
            f"--date {day} is in the future: the credentials are not valid until then (a verifier shows 'not yet valid')"
        )
    if collection:
        result.secret = find_secret(root, site.canonical_url, collection_secret)
    draft = Draft(module, site, issued_at(day, now), shown)
    if dry_run:  # the first pass of the real run, with indexes that are not kept
        check_all(draft, plan_jobs(plan, allocate(len(plan.new), store, site.canonical_url)), jobs)
        if result.secret is not None and not result.secret.missing:
            _collections(root, site, result.secret, rows)  # their files, checked
        return result
    merge = mail_merge_path(csv_path, mail_merge, root)
    registry = _registry(root)
    key = load_signing_key(root, site.canonical_url, registry, key_file)
    with issue_lock(root):
        store = _store(root)  # again, under the lock
        entries = allocate(len(plan.new), store, site.canonical_url)
        planned = plan_jobs(plan, entries)
        document_hashes = check_all(draft, planned, jobs)  # every row, before any write
        events, problems = load_log(root)
        if problems:
            raise ContentError(problems)
        collections = _prepare_collections(root, site, result, rows)  # checked before writing
        ensure_lists(root, site, store, entries, current_status(events), key, now)
        method = f"{urls.did_web(site.canonical_url)}#{key.key_id}"
        batch = Batch(root, module, site, issued_at(day, now), key, method, format_timestamp(now))
        result.issued = make_all(batch, planned, document_hashes, jobs)
        if collections is not None:
            ids, existing = collections
            added = collection_members(result.issued, plan.already, ids)
            write_collections(root, added, existing)
        write_mail_merge(merge, result.issued, plan.already, site, result.collections)
        result.mail_merge = merge
    return result


def _prepare_collections(
    root: Path, site: SiteConfig, result: IssueResult, rows: list[Row]
) -> tuple[dict[str, str], dict[str, tuple[str, ...]]] | None:
    """For ``issue --collection``, before anything is written: the secret (made now, once the
    CSV has passed every check, if staff have none yet), each learner's collection id, what
    their collections already hold (their files checked), and each learner's page address for
    the mail merge."""
    if result.secret is None:
        return None
    if result.secret.missing:
        result.secret = create_secret(result.secret, root)
        result.secret_created = True
    ids, existing, result.collections = _collections(root, site, result.secret, rows)
    return ids, existing


def _collections(
    root: Path, site: SiteConfig, secret: CollectionSecret, rows: list[Row]
) -> tuple[dict[str, str], dict[str, tuple[str, ...]], dict[str, str]]:
    """Collection id and page address (empty when taken down) by e-mail address, and the
    collections' present members; raises ContentError on a broken collection or take-down file."""
    ids = {row.recipient.email: collection_id(secret.value, row.recipient.email) for row in rows}
    existing = existing_members(root, ids.values())
    taken_down, problems = load_unpublished(root)
    if problems:
        raise ContentError(problems)
    down = {e.credential for e in taken_down if e.kind == "collection"}
    pages = {
        email: ""
        if cid in down
        else urls.absolute(site.canonical_url, urls.collection_link(cid, site.private))
        for email, cid in ids.items()
    }
    return ids, existing, pages


# -- status ----------------------------------------------------------------------------------


def find_credential(store: list[StoredCredential], reference: str) -> StoredCredential:
    """A credential by token, id/URL, or a unique token prefix of at least 8 characters."""
    token = urls.id_in_link(reference)
    matches = [c for c in store if c.token == token] or [
        c for c in store if len(token) >= 8 and c.token.startswith(token)
    ]
    if len(matches) == 1:
        return matches[0]
    if not matches:
        raise ConfigError(f"no credential '{reference}' in content/credentials")
    raise ConfigError(f"'{reference}' matches {len(matches)} credentials; give more of its id")


TRANSITIONS = {
    # action: states it may follow (None = valid)
    "revoked": (None, "suspended"),
    "suspended": (None,),
    "reinstated": ("suspended",),
}


def change_status(
    root: Path,
    reference: str,
    action: str,
    reason: str,
    now: datetime,
    key_file: Path | None = None,
) -> StoredCredential:
    site = _site(root)
    store = _store(root)
    credential = find_credential(store, reference)
    events, problems = load_log(root)
    if problems:
        raise ContentError(problems)
    state = current_status(events).get(credential.token)
    if state not in TRANSITIONS[action]:
        now_text = state or "valid"
        raise ConfigError(
            f"credential {credential.token} is {now_text}; it cannot be {action}"
            + (" (revocation is final)" if state == "revoked" else "")
        )
    if action != "reinstated" and not reason.strip():
        raise ConfigError(
            "give a reason (--reason TEXT); it is recorded in content/status/log.yaml"
        )
    _check_note_length("--reason", reason)
    number = list_number(credential.status_list or "")
    if number is None:
        raise ConfigError(f"credential {credential.token} has no status list of this site")
    registry = _registry(root)
    key = load_signing_key(root, site.canonical_url, registry, key_file)
    with issue_lock(root):
        updated = [*events, Event(credential.token, action, reason.strip(), now)]
        slots = {c.token: (c.status_list or "", c.status_index or 0) for c in store}
        statuses, days = current_status(updated), site.status_list_validity_days
        write_lists(root, site.canonical_url, {number}, slots, statuses, key, now, days)
        write_log(root, updated)
    return credential


def unpublish(root: Path, reference: str, note: str, now: datetime) -> Unpublished:
    """Take down a credential's page, or a learner's collection page (``kind`` says which)."""
    kind, target = _page_to_take_down(root, reference)
    entries, problems = load_unpublished(root)
    if problems:
        raise ContentError(problems)
    if any(e.kind == kind and e.credential == target for e in entries):
        raise ConfigError(f"{kind} {target} is already unpublished")
    _check_note_length("--note", note)
    entry = Unpublished(target, now, note.strip(), kind)
    with issue_lock(root):
        write_unpublished(root, [*entries, entry])
    return entry


def _page_to_take_down(root: Path, reference: str) -> tuple[str, str]:
    """("credential", token) or ("collection", id): a credential first, as before collections."""
    try:
        return "credential", find_credential(_store(root), reference).token
    except ConfigError as error:
        collection = find_collection(root, reference)
        if collection is not None:
            return "collection", collection
        if str(error).startswith("no credential"):
            raise ConfigError(
                f"no credential or collection '{reference}' in content/credentials or {COLLECTIONS_DIR}"
            ) from error
        raise


MAX_NOTE = 1000  # what content/status/*.yaml accept when they are read back


def _check_note_length(option: str, text: str) -> None:
    """A longer text would be written, then refused by every later build and command."""
    if len(text.strip()) > MAX_NOTE:
        raise ConfigError(
            f"{option} is too long ({len(text.strip())} characters; at most {MAX_NOTE})"
        )


__all__ = [
    "KEYS_FILE",
    "change_status",
    "compromise",
    "issue",
    "keygen",
    "renew_lists",
    "unpublish",
]
