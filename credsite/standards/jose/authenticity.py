"""Whether a JWT credential is what its issuer signed: the rulebook's proof-format, contexts,
issuer-key, key-controller, key-status and signature checks, for a compact JWS.

The key is looked for before proof-format is reported, because whether the header's algorithm
fits the key is part of judging the header: a key named by ``kid`` is resolved as a verification
method (``credsite.standards.keyresolution``: did:key, did:jwk, did:web, https controller
documents; a ``kid`` that is only a fragment is read against the issuer's id; an https ``kid``
may also serve the key itself, as a JWK or a JWK Set: ``kid_url``), and a key in the
``jwk`` header is read as it is. A DID issuer names its keys (a did:key or did:jwk is its key, a
did:web document lists them), so a ``jwk`` key is a DID issuer's only when it is one of its
assertionMethod keys (then it is checked as that published key), and key-controller fails
otherwise. For any other issuer (an https profile, a urn) a ``jwk`` key is published by no one:
the issuer-key check says where it came from, and key-controller warns that nothing ties it to
the issuer (the 1EdTech validator accepts such tokens, OB 3.0 §8.2 allows them). The signature is checked with
jwcrypto (JWS compact serialization, RFC 7515 §5.2), only for the algorithm the header names
and the key allows. The browser's twin is ``browser/src/verifier/jose/authenticity.js``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from jwcrypto import jwk as jwcrypto_jwk
from jwcrypto import jws as jwcrypto_jws
from jwcrypto.common import JWException

from credsite.base.errors import CanonicalizationError
from credsite.standards.authenticity import KEY_NOTES, judge_key_standing
from credsite.standards.contextscan import unbundled_contexts
from credsite.standards.jose.claims import signing_time
from credsite.standards.jose.compact import Token
from credsite.standards.jose.header import Header, key_problem, read_header
from credsite.standards.jose.kid_url import resolve_kid
from credsite.standards.jsonld import SharedSubtree, canonicalize
from credsite.standards.jwk import JwkError, JwkKey, public_jwk, read_jwk
from credsite.standards.keyresolution import KeyProblemError, PublishedKey, assertion_keys
from credsite.standards.reports import Fetcher, Report

KEY_MEMBERS = ("kty", "crv", "x", "y", "n", "e")


@dataclass
class Found:
    """What the checks found: the header read, the key (and the published entry it came from,
    or None for a key in the ``jwk`` header), and why there is no key."""

    header: Header | None = None
    key: JwkKey | None = None
    published: PublishedKey | None = None
    served: str | None = None  # the kid's address served the key itself (kid_url): its form
    key_problem: KeyProblemError | None = None
    key_id: str | None = None
    not_issuers: KeyProblemError | None = None  # why a jwk header key is not the DID issuer's
    failed: list[tuple[str, str]] = field(default_factory=list)


def check_jose_authenticity(
    token: Token,
    credential: Mapping[str, Any],
    issuer: str | None,
    fetch: Fetcher,
    report: Report,
    shared: SharedSubtree | None = None,
) -> Found:
    """Add the six authenticity checks of a JWT credential to ``report``."""
    found = Found(header=read_header(token.header) if token.header is not None else None)
    if found.header is not None:
        _find_key(found, found.header, issuer, fetch)
    _proof_format(token, found, report)
    _contexts(credential, report, shared)
    _issuer_key(found, report)
    _key_controller(found, issuer, report)
    _key_status(found, token, report)
    _signature(token, found, report)
    return found


def _find_key(found: Found, header: Header, issuer: str | None, fetch: Fetcher) -> None:
    """The key the header names, and any fault of the key that makes the header unacceptable."""
    carried = _carried_key(header.jwk, header.alg, found) if header.jwk is not None else None
    if header.kid is not None:
        found.key_id = absolute_kid(header.kid, issuer)
        try:
            named = resolve_kid(found.key_id, fetch)
        except KeyProblemError as problem:
            found.key_problem = problem
            return
        found.published, found.served = named.key, named.served
        jwk = found.published.jwk
        if jwk is None and found.published.public_key is not None:
            jwk = public_jwk(found.published.public_key)
        try:
            found.key = read_jwk(jwk)
        except JwkError as error:
            found.key_problem = KeyProblemError(f"the published key is not usable: {error}")
            return
        if (
            carried is not None
            and found.key is not None
            and _members(carried) != _members(found.key)
        ):
            found.failed.append(
                ("JWK_KID_DIFFER", "the key in its jwk header is not the key its kid names")
            )
    elif carried is not None:
        found.key = carried
        if issuer is not None and issuer.startswith("did:"):
            _issuers_own(found, carried, issuer, fetch)
    if found.key is not None:
        mismatch = key_problem(header.alg, found.key.key_type, found.key.jwk)
        if mismatch is not None:
            found.failed.append(mismatch)


def _issuers_own(found: Found, carried: JwkKey, issuer: str, fetch: Fetcher) -> None:
    """A DID issuer names its keys (a did:key or did:jwk is one, a did:web document lists
    them), so a ``jwk`` header key is its only when it is one of them authorised for issuing:
    then it is read as that published key; else ``not_issuers`` says why it is not."""
    try:
        keys = assertion_keys(issuer, fetch)
    except KeyProblemError as problem:
        found.not_issuers = problem
        return
    for key in keys:
        jwk = key.jwk
        if jwk is None and key.public_key is not None:
            jwk = public_jwk(key.public_key)
        try:
            same = jwk is not None and _members(read_jwk(jwk)) == _members(carried)
        except JwkError:
            same = False
        if same:
            found.published, found.key_id = key, key.id
            return
    found.not_issuers = KeyProblemError(
        "the DID lists no such key under assertionMethod",
        code="JWK_NOT_ISSUER_KEY",
    )


def _carried_key(jwk: object, alg: str | None, found: Found) -> JwkKey | None:
    """The key in the ``jwk`` header; a private key, a malformed one or a weak one is a fault of
    the header (its own message for a private key: whoever made the token published its secret).
    A key of a kind no algorithm here uses is a mismatch when the algorithm is one verified here,
    and adds nothing to an algorithm already reported unsupported."""
    try:
        return read_jwk(jwk)
    except JwkError as error:
        if error.code == "JWK_PRIVATE":
            found.failed.append(
                ("JWK_PRIVATE", "its jwk header holds a private key, which must never be published")
            )
        elif error.code == "JWK_UNSUPPORTED" and alg is not None:
            found.failed.append(
                (
                    "ALG_KEY_MISMATCH_OTHER",
                    f"it says {alg}, but its jwk header holds another kind of key",
                )
            )
        elif error.code != "JWK_UNSUPPORTED":
            found.failed.append(("JWK_MALFORMED", f"its jwk header is not a usable key: {error}"))
        return None


def absolute_kid(kid: str, issuer: str | None) -> str:
    """A ``kid`` as a verification method id: as written when absolute, else a fragment of the
    issuer's id (VC-JOSE-COSE: a kid may be a fragment of the issuer's DID document)."""
    if ":" in kid or issuer is None:
        return kid
    return f"{issuer.split('#')[0]}#{kid.removeprefix('#')}"


def _members(key: JwkKey) -> dict[str, Any]:
    return {m: key.jwk[m] for m in KEY_MEMBERS if m in key.jwk}


def _proof_format(token: Token, found: Found, report: Report) -> None:
    header = found.header
    if header is None:
        report.add(
            "proof-format",
            "failed",
            f"The token's header cannot be read: {token.header_problem}.",
        )
        return
    failed = header.failed + found.failed
    if failed:
        report.add(
            "proof-format",
            "failed",
            "The token's signature cannot be accepted as it is: "
            + "; ".join(message for _, message in failed)
            + ".",
            ", ".join(code for code, _ in failed),
        )
    elif header.unsupported:
        report.add(
            "proof-format",
            "unsupported",
            "The credential is a signed token this verifier cannot check: "
            + "; ".join(message for _, message in header.unsupported)
            + ".",
            ", ".join(code for code, _ in header.unsupported),
        )
    else:
        report.add(
            "proof-format",
            "passed",
            f"The credential is signed as a JWT of a kind this verifier checks ({header.form}, "
            f"{header.alg}).",
        )


def _contexts(credential: Mapping[str, Any], report: Report, shared: SharedSubtree | None) -> None:
    """The credential read with the bundled contexts only, in safe mode: the token signs its
    bytes, so every field is covered, but what they mean must still be known."""
    try:
        canonicalize(credential, shared)
    except CanonicalizationError as error:
        unknown = unbundled_contexts(credential)
        if unknown:
            report.add(
                "contexts",
                "unsupported",
                "The credential uses vocabularies this verifier does not carry "
                f"({', '.join(unknown)}), so its data cannot be read.",
                str(error),
            )
            return
        report.add(
            "contexts",
            "failed",
            "The credential's data cannot be read exactly with the vocabularies this verifier "
            "carries.",
            str(error),
        )
        return
    report.add(
        "contexts",
        "passed",
        "All data in the credential uses vocabularies this verifier carries; the token's "
        "signature covers every field.",
    )


def _issuer_key(found: Found, report: Report) -> None:
    header = found.header
    if header is None or (header.kid is None and header.jwk is None):
        report.add("issuer-key", "not-checked", "Not checked, because the token names no key.")
        return
    report.verification_method = found.key_id
    if found.key_problem is not None:
        problem = found.key_problem
        report.add(
            "issuer-key",
            "not-checked" if problem.retryable else "failed",
            "The issuer's public key could not be fetched, so the signature could not be checked."
            if problem.retryable
            else "The key that signed the credential is not a published key of the issuer.",
            str(problem),
        )
    elif found.key is None:
        report.add(
            "issuer-key", "not-checked", "Not checked, because the token's key cannot be used."
        )
    elif found.published is None:
        report.add(
            "issuer-key",
            "passed",
            f"The token carries its own key (the jwk header, {_kind(found.key)}); it is not a "
            "key the issuer publishes.",
        )
    elif found.served is not None:
        report.add(
            "issuer-key",
            "passed",
            f"The credential was signed with the key served at {found.published.document_url} "
            f"({found.served}, {_kind(found.key)}).",
        )
    else:
        message = f"The credential was signed with a key the issuer publishes ({found.key_id})."
        notes = [KEY_NOTES.get(w, w) for w in found.published.warnings]
        if notes:
            report.add("issuer-key", "warning", message + " Note: " + "; ".join(notes) + ".")
        else:
            report.add("issuer-key", "passed", message)


def _kind(key: JwkKey) -> str:
    return "an RSA key" if key.key_type == "RSA" else f"a {key.key_type} key"


def _key_controller(found: Found, issuer: str | None, report: Report) -> None:
    published = found.published
    if found.key is None or not report.needs_met("key-controller"):
        report.add(
            "key-controller",
            "not-checked",
            "Not checked, because the issuer's key could not be established.",
        )
    elif published is None and found.not_issuers is not None:
        _not_issuers(found.key, found.not_issuers, issuer, report)
    elif published is None:
        report.add(
            "key-controller",
            "warning",
            f"The key came with the credential itself (the jwk header), so nothing ties it to the "
            f"issuer {issuer}: whoever made the token chose the key. Trust it only if you know "
            "this key is the issuer's.",
        )
    elif found.served is not None:
        report.add(
            "key-controller",
            "warning",
            f"The key was served at {published.document_url} as {found.served}, which names no "
            f"owner, so only that address ties it to the issuer {issuer}. Trust it only if you "
            "know the address is the issuer's.",
        )
    elif published.controller_mismatch:
        report.add(
            "key-controller",
            "failed",
            f"The key was published by {published.controller}, but names "
            f"{published.listed_controller} as its owner. A document can only publish its own "
            "keys, so this key does not show who issued the credential.",
        )
    elif published.controller == issuer:
        report.add(
            "key-controller",
            "passed",
            f"The key belongs to the issuer named in the credential ({issuer}).",
        )
    else:
        report.add(
            "key-controller",
            "failed",
            f"The key is controlled by {published.controller!r}, not by the issuer {issuer!r}: "
            "anyone can write a name in a credential; only the issuer's own key proves it.",
        )


def _not_issuers(key: JwkKey, problem: KeyProblemError, issuer: str | None, report: Report) -> None:
    """A ``jwk`` header key that the DID issuer does not list (or whose list cannot be read)."""
    thumbprint = jwcrypto_jwk.JWK(**_members(key)).thumbprint()
    if problem.retryable:
        report.add(
            "key-controller",
            "not-checked",
            f"The token was signed with the key in its jwk header (JWK thumbprint {thumbprint}), "
            f"but the keys of the issuer {issuer} could not be fetched, so whether it is theirs "
            "could not be checked.",
            problem.code,
        )
        return
    report.add(
        "key-controller",
        "failed",
        f"The token was signed with the key in its jwk header (JWK thumbprint {thumbprint}), "
        f"which is not a key the issuer {issuer} authorises for issuing credentials ({problem}): "
        "anyone can write a name in a credential; only the issuer's own key proves it.",
        problem.code,
    )


def _key_status(found: Found, token: Token, report: Report) -> None:
    """A published key marked ``revoked`` or ``expires`` no longer vouches for tokens signed at
    or after that moment (``iat``); a token without ``iat`` cannot show it came before."""
    if found.key is None or not report.needs_met("key-status"):
        report.add(
            "key-status",
            "not-checked",
            "Not checked, because the issuer's key could not be established.",
        )
        return
    if found.published is None:
        report.add("key-status", "passed", "A key given in the token has no published status.")
        return
    signed_at = signing_time(token.payload or {})
    judge_key_standing(
        found.published.dates, signed_at or None, report, "an unknown moment (no iat)"
    )


def _signature(token: Token, found: Found, report: Report) -> None:
    header = found.header
    if not report.needs_met("signature") or found.key is None or header is None or not header.alg:
        report.add(
            "signature", "not-checked", "The signature could not be checked (see the checks above)."
        )
        return
    if signature_matches(token.text, found.key, header.alg):
        report.add(
            "signature",
            "passed",
            "The signature is valid: nothing in the credential was changed after it was signed.",
        )
    else:
        report.add(
            "signature",
            "failed",
            "The signature is not valid: the credential was changed, or not signed by this key.",
            "the JWS signature does not match its header and payload under this key",
        )


def signature_matches(text: str, key: JwkKey, alg: str) -> bool:
    """RFC 7515 §5.2 with jwcrypto, for exactly ``alg`` and the key's public members."""
    token = jwcrypto_jws.JWS()
    token.allowed_algs = [alg]
    try:
        public = jwcrypto_jwk.JWK(**{m: key.jwk[m] for m in KEY_MEMBERS if m in key.jwk})
        token.deserialize(text)
        token.verify(public, alg=alg)
    except (JWException, ValueError, TypeError):
        return False
    return True
