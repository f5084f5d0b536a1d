"""Verifying a credential signed as a compact JWS: the same checks, in the same order, as a
credential with a Data Integrity proof (``credsite.standards.verification``), so that the
verdict rules of the rulebook apply unchanged.

- structure (and the advisory schema): the credential the payload carries (``claims``); a text
  that is not three readable parts, a payload that is not a JSON object or a credential beyond
  the limits of ``credsite/data/limits.json`` fail it and leave every other check not-checked;
- the six authenticity checks (``authenticity``);
- signed-data: the JWT claims say what the credential says (the payload's bytes are what is
  signed, so there is no other reading of it to compare);
- valid-from, valid-until and the status checks, read from the credential, with ``nbf`` and
  ``exp`` standing for dates it leaves out;
- and the endorsements of an authentic credential (``credsite.standards.endorsements``), beside
  the verdict, never changing it.

A text of five parts whose first is a JWE header is an encrypted JWT: its credential cannot be
read without the holder's key, so structure is unsupported (a form this verifier cannot read),
not failed.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from credsite.base.credential_limits import document_problem, size_problem
from credsite.standards.endorsements import verify_endorsements
from credsite.standards.inlinecontext import without_added_terms
from credsite.standards.instants import epoch_ms
from credsite.standards.jose.authenticity import check_jose_authenticity
from credsite.standards.jose.claims import claim_problems, credential_of, dated
from credsite.standards.jose.compact import Token, TokenError, parse_token
from credsite.standards.jose.header import form_of
from credsite.standards.reports import Fetcher, Report
from credsite.standards.shape import issuer_id
from credsite.standards.verification import (
    closing_checks,
    endorsement_report,
    not_readable,
    opening_checks,
)


def verify_jws(
    text: str,
    fetch: Fetcher,
    now: datetime,
    *,
    check_status: bool = True,
    endorsements: bool = True,
) -> Report:
    """Every check of a JOSE-secured credential, in the rulebook's order; then, for an authentic
    one, its endorsements (``endorsement``, ``endorsementJwt``), as for a Data Integrity
    credential, unless ``endorsements`` is False (the credential is itself an endorsement)."""
    report = Report()
    read = _read(text)
    if isinstance(read, str | Unreadable):
        if isinstance(read, Unreadable):
            report.add("structure", "unsupported", read.message, read.detail)
        else:
            report.add("structure", "failed", read)
        not_readable(report, check_status)
        return report
    token, credential, claims = read
    at = epoch_ms(now)
    report.issuer = issuer_id(credential)
    opening_checks(credential, report)
    found = check_jose_authenticity(token, credential, report.issuer, fetch, report)
    _signed_data(claims, credential, report)
    # Read as written, but without what an inline context adds (credsite.standards.inlinecontext).
    view = dated(without_added_terms(credential), claims)
    key = found.key.public_key if found.key is not None else None
    closing_checks(view, report, fetch, at, check_status, key)
    if check_status and endorsements and report.needs_met("valid-from"):
        # Every byte is signed, so the credential as written is also what its endorsements are
        # read from; each is verified without following its own (endorsement_report).
        report.endorsements = verify_endorsements(
            view, view, lambda item: endorsement_report(item, fetch, now)
        )
    return report


@dataclass(frozen=True)
class Unreadable:
    """A token in a form this verifier cannot read (an encrypted JWT): structure is unsupported,
    not failed, since nothing says the credential inside is wrong."""

    message: str
    detail: str


ENCRYPTED = Unreadable(
    "The credential is encrypted (a JWE): it cannot be read, and so cannot be checked, without "
    "the key of its holder, the person it was encrypted for.",
    "an encrypted JWT (JWE compact serialization, five parts) is not a signed credential",
)


def _read(text: str) -> tuple[Token, dict[str, Any], dict[str, Any]] | Unreadable | str:
    """The token, its credential and its claims, or why there is no credential to check."""
    beyond = size_problem(len(text.encode("utf-8")))
    if beyond:
        return f"The credential is too large to check: {beyond}."
    try:
        token = parse_token(text)
    except TokenError as error:
        if error.code == "ENCRYPTED":
            return ENCRYPTED
        return f"This is not a signed credential (a JWT in compact form): {error}."
    if token.payload is None:
        return f"The token carries no credential: {token.payload_problem}."
    form = form_of(token.header) or "VC-JWT"
    credential, claims, problem = credential_of(token.payload, form)
    if credential is None:
        return f"The token carries no credential: {problem}."
    beyond = document_problem(credential)
    if beyond:
        return f"The credential is too large to check: {beyond}."
    return token, credential, claims


def _signed_data(claims: dict[str, Any], credential: dict[str, Any], report: Report) -> None:
    if not report.needs_met("signed-data"):
        report.add(
            "signed-data",
            "not-checked",
            "Not checked, because the credential's data could not be read with its vocabularies.",
        )
        return
    problems = claim_problems(claims, credential)
    if problems:
        report.add(
            "signed-data",
            "failed",
            "The token's claims do not say what the credential says: " + "; ".join(problems) + ".",
        )
    else:
        report.add(
            "signed-data",
            "passed",
            "The token signs the credential's exact bytes, and its claims agree with it.",
        )
