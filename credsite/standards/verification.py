"""Verifying a credential the way a careful verifier would, and saying what could not be checked.

Used by ``python build.py verify`` and by the build (which checks every issued credential). The
checks, their order, the checks each one needs and the rules that give the verdict are the
rulebook's (``credsite/data/verifier-rules.json``), which the browser verifier reads too, so
that both reach the same verdict through the same checks:

- ``structure`` (the JSON's shape) and ``schema`` (the Open Badges JSON Schema of
  ``credsite.standards.schema``: advisory, it is reported but no verdict rule reads it, since the
  browser carries no schema validator);
- the authenticity checks of ``credsite.standards.authenticity``: ``proof-format``,
  ``contexts``, ``issuer-key``, ``key-controller``, ``key-status``, ``signature``;
- ``signed-data``: the signed view says plainly what the JSON says;
- for an authentic credential only, read from its signed view: ``valid-from``, ``valid-until``
  and the status checks of ``credsite.standards.statuscheck``.

Every check ends ``passed``, ``failed``, ``warning`` or ``not-checked``; a check that could not be
done (its needs did not pass) is reported ``not-checked``, never as passed. The verdict is
``rulebook.verdict_of`` over the checks (``Report.state``).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from credsite.base.credential_limits import document_problem
from credsite.base.errors import CanonicalizationError
from credsite.standards import rulebook
from credsite.standards.authenticity import check_authenticity
from credsite.standards.cryptosuites import PublicKey
from credsite.standards.endorsements import verify_endorsements
from credsite.standards.instants import epoch_ms
from credsite.standards.jsonld import SharedSubtree
from credsite.standards.reports import Check, Fetcher, FetchError, Report
from credsite.standards.schema import schema_errors
from credsite.standards.shape import (
    Shape,
    check_shape,
    is_open_badge,
    issuer_id,
    schema_notes,
    unsigned_notes,
)
from credsite.standards.signedview import hidden_properties, signed_view
from credsite.standards.statuscheck import check_status as check_status_entries

# The report's types come with the verifier that makes it.
__all__ = ["Check", "FetchError", "Fetcher", "Report", "verify_credential", "verify_text"]

# The browser's messages note.VALUE_OBJECT and note.STATUS_LIST (shape.schema_notes).
SCHEMA_NOTES = {
    "VALUE_OBJECT": "{paths} written as a value object (a text with its language, direction or "
    "type), where the schema wants plain text",
    "STATUS_LIST": "its status (credentialStatus) written as a list, where the schema wants one entry",
}
# The browser's messages unsigned.DIRECTION and unsigned.INDEX (shape.unsigned_notes).
UNSIGNED_NOTES = {
    "DIRECTION": "the writing direction (@direction) of {paths}",
    "INDEX": "the index labels (@index) of {paths}",
}
UNAUTHENTIC = "Not checked, because the credential's authenticity could not be established."


def verify_credential(
    document: Any,
    fetch: Fetcher,
    now: datetime,
    *,
    check_status: bool = True,
    shared: SharedSubtree | None = None,
    endorsements: bool = True,
) -> Report:
    """Every check a verifier makes, in the rulebook's order. The build passes
    ``check_status=False`` (it checks the lists once, not once per credential, and its report
    then has no status checks, nor endorsements) and a ``shared`` expansion cache for the
    Achievement and issuer that a site's credentials have in common. The endorsements of an
    authentic credential (credsite.standards.endorsements) are verified with this function,
    with ``endorsements=False``: theirs are not followed."""
    report = Report()
    beyond = document_problem(document)  # before any expensive work (credential_limits)
    if beyond or not isinstance(document, dict):
        report.add(
            "structure",
            "failed",
            f"The credential is too large to check: {beyond}."
            if beyond
            else "This is not a credential: it is not a JSON object.",
        )
        _not_checked(
            report,
            _after("structure", check_status),
            "Not checked, because the file is not a credential that can be read.",
        )
        return report
    at = epoch_ms(now)
    report.issuer = issuer_id(document)
    _structure(document, report)
    _schema(document, report)
    found = check_authenticity(document, report.issuer, fetch, at, report, shared)
    signed = _signed_data(document, report, shared)
    if signed is None or not report.needs_met("valid-from"):
        _not_checked(report, _after("signed-data", check_status), UNAUTHENTIC)
        return report
    view, shape = signed
    _validity(shape, at, report)
    if check_status:
        # From here on every fact comes from what the signature means, not the JSON as written.
        key = found.key.public_key if found.key is not None else None
        check_status_entries(view, report.issuer, fetch, at, report, key)
        if endorsements:
            report.endorsements = verify_endorsements(
                view, document, lambda item: endorsement_report(item, fetch, now)
            )
    return report


def endorsement_report(item: Any, fetch: Fetcher, now: datetime) -> Report:
    """One endorsement, verified by the verifier its form needs, its own endorsements not
    followed (whatever its form, so that endorsements cannot nest without limit): a JOSE token
    (``endorsementJwt``) by the JOSE verifier, anything else as JSON."""
    if isinstance(item, str):
        from credsite.standards.jose.compact import looks_like_jose
        from credsite.standards.jose.sd_jwt import looks_like_sd_jwt

        if looks_like_jose(item) or looks_like_sd_jwt(item):
            return verify_text(item, fetch, now, endorsements=False)
    return verify_credential(item, fetch, now, endorsements=False)


def _after(check_id: str, check_status: bool) -> list[str]:
    """The Python verifier's check ids after ``check_id``, each once (status: one revocation
    check stands for all, and none when the status is not asked for)."""
    ids = list(rulebook.check_ids("python"))
    later = ids[ids.index(check_id) + 1 :]
    return [
        i
        for i in later
        if i not in ("suspension", "other-status") and (check_status or i != "revocation")
    ]


def _not_checked(report: Report, check_ids: list[str], message: str) -> None:
    for check_id in check_ids:
        report.add(check_id, "not-checked", message)


def _structure(document: dict[str, Any], report: Report) -> None:
    shape = check_shape(document)
    if shape.problems:
        report.add("structure", "failed", f"The credential is not well formed: {shape.sentence()}.")
        return
    kind = "an Open Badges 3.0 credential" if shape.open_badge else "a W3C Verifiable Credential"
    found = f"The file is {kind} (W3C Verifiable Credentials {shape.version})."
    notes = schema_notes(document)
    if notes:
        said = "; ".join(SCHEMA_NOTES[code].format(paths=", ".join(paths)) for code, paths in notes)
        report.add(
            "structure",
            "warning",
            f"{found} Verifiable Credentials allows what it writes, but the stricter Open Badges "
            f"3.0 JSON Schema does not: {said}. It is signed and read as written.",
        )
        return
    report.add("structure", "passed", found)


def _schema(document: dict[str, Any], report: Report) -> None:
    """The Open Badges JSON Schema, for what it tells the reader: advisory (no verdict rule
    reads it), while the build and ``issue`` refuse a credential of their own that fails it."""
    if not is_open_badge(document):
        report.add(
            "schema",
            "not-checked",
            "Not an Open Badges credential, so the Open Badges schema does not apply.",
        )
        return
    errors = schema_errors(document)
    if errors:
        report.add(
            "schema",
            "failed",
            "The credential does not follow the Open Badges 3.0 schema.",
            "; ".join(errors[:5]),
        )
        return
    strict = schema_errors(document, strict=True)
    if strict:
        report.add(
            "schema",
            "warning",
            "The credential follows the Open Badges 3.0 schema, but not its stricter 2024 version.",
            "; ".join(strict[:5]),
        )
    else:
        report.add("schema", "passed", "The credential follows the Open Badges 3.0 schema.")


def _signed_data(
    document: dict[str, Any], report: Report, shared: SharedSubtree | None
) -> tuple[dict[str, Any], Shape] | None:
    """The signed view (see credsite.standards.signedview) and its shape, when it says plainly
    what the JSON says. It needs the vocabularies, not the key: a credential whose view hides
    something is invalid even when its key cannot be fetched."""
    if not report.needs_met("signed-data"):
        report.add(
            "signed-data",
            "not-checked",
            "Not checked, because the credential's data could not be read with its vocabularies.",
        )
        return None
    try:
        view = signed_view(document, shared)
    except CanonicalizationError as error:
        report.add(
            "signed-data",
            "failed",
            "The credential's data does not say plainly what its signature covers.",
            str(error),
        )
        return None
    # The view's @context is the one it was compacted under (the document's), which JSON-LD
    # may write as a string when it holds one URL: the shape rules read the document's own.
    shape = check_shape({**view, "@context": document.get("@context")})
    problem = _view_problem(document, view, shape, report.issuer)
    if problem is not None:
        report.add("signed-data", "failed", problem)
        return None
    read = "Every date, status and field was read from what the signature covers."
    unsigned = unsigned_notes(document)
    if unsigned:
        said = "; ".join(UNSIGNED_NOTES[code].format(paths=", ".join(p)) for code, p in unsigned)
        report.add(
            "signed-data",
            "warning",
            f"{read} But the signature does not cover all the credential writes: {said}. "
            "That part could have been changed without breaking the signature.",
        )
    else:
        report.add("signed-data", "passed", read)
    return view, shape


def _view_problem(
    document: dict[str, Any], view: dict[str, Any], shape: Shape, issuer: str | None
) -> str | None:
    """What keeps the view from standing for the JSON: the shape rules fail on it, it names
    another issuer than the one whose key was checked, or the verdict's properties read
    differently in the two."""
    if shape.problems:
        return f"What the signature covers is not well formed: {shape.sentence()}."
    if issuer_id(view) != issuer:
        return "The issuer in the credential's data is not the issuer its signature covers."
    hidden = hidden_properties(document, view)
    if hidden:
        return (
            "The credential writes what its verdict depends on in a form its data does not "
            f"show plainly ({', '.join(hidden)}): verifiers that read it as JSON would miss it."
        )
    return None


def _validity(shape: Shape, now: int, report: Report) -> None:
    """The validity period of an authentic credential, from the shape of its signed view: valid
    from its validFrom on, and up to, not including, its validUntil; without them, from their VC
    1.1 names issuanceDate and expirationDate (credsite.standards.shape), named as written."""
    start, end = shape.start, shape.end
    report.valid_from, report.valid_until = start.text, end.text
    if start.instant is None:
        report.add(
            "valid-from",
            "warning" if shape.open_badge else "passed",
            "The credential names no start of validity (validFrom)"
            + (", which Open Badges 3.0 requires." if shape.open_badge else "."),
        )
    elif now < start.instant:
        report.add(
            "valid-from",
            "failed",
            f"The credential is not valid yet: it is valid from {start.text}{start.named()}.",
        )
    else:
        report.add(
            "valid-from", "passed", f"The credential is valid from {start.text}{start.named()}."
        )
    if end.instant is None:
        report.add(
            "valid-until", "passed", "The credential has no end date: it is valid indefinitely."
        )
    elif now >= end.instant:
        report.add("valid-until", "failed", f"The credential expired on {end.text}{end.named()}.")
    else:
        report.add(
            "valid-until", "passed", f"The credential is valid until {end.text}{end.named()}."
        )


def verify_text(
    text: str,
    fetch: Fetcher,
    now: datetime,
    *,
    check_status: bool = True,
    endorsements: bool = True,
) -> Report:
    """Verify a credential as text: a JSON credential (``verify_credential``) or a credential
    signed as a compact JWS (VC-JWT, ``vc+jwt``: ``credsite.standards.jose``). The text decides,
    as in the browser's ``verifyCredential``: text written as a JOSE token is one. JSON that
    cannot be read raises the loader's ``JsonInputError``, as for any JSON file.
    ``endorsements=False``: the credential's endorsements are not followed (it is one)."""
    from credsite.base.jsonfile import load_json
    from credsite.standards.jose.compact import looks_like_jose

    trimmed = text.removeprefix("\ufeff").strip()
    from credsite.standards.jose.sd_jwt import looks_like_sd_jwt

    if looks_like_sd_jwt(trimmed):  # an SD-JWT VC: a JWS, then "~" and its Disclosures
        from credsite.standards.jose.sd_jwt_vc import verify_sd_jwt

        return verify_sd_jwt(trimmed, fetch, now, check_status=check_status)
    if looks_like_jose(trimmed):
        from credsite.standards.jose.verifier import verify_jws

        return verify_jws(trimmed, fetch, now, check_status=check_status, endorsements=endorsements)
    return verify_credential(
        load_json(trimmed), fetch, now, check_status=check_status, endorsements=endorsements
    )


def opening_checks(document: dict[str, Any], report: Report) -> None:
    """structure and schema, for a credential whose proof is not in it (a JOSE token's)."""
    _structure(document, report)
    _schema(document, report)


def closing_checks(
    document: dict[str, Any],
    report: Report,
    fetch: Fetcher,
    now: int,
    check_status: bool,
    signing_key: PublicKey | None = None,
) -> None:
    """The validity and status checks of a credential whose every byte is signed (a JOSE
    token's payload), read from the credential as written: there is no other reading of it.
    ``signing_key``: the key that signed it, for the status lists (statuscheck)."""
    if not report.needs_met("valid-from"):
        _not_checked(report, _after("signed-data", check_status), UNAUTHENTIC)
        return
    _validity(check_shape(document), now, report)
    if check_status:
        check_status_entries(document, report.issuer, fetch, now, report, signing_key)


def not_readable(report: Report, check_status: bool) -> None:
    """Every check after a failed structure, not-checked: there is no credential to check."""
    _not_checked(
        report,
        _after("structure", check_status),
        "Not checked, because the file is not a credential that can be read.",
    )
