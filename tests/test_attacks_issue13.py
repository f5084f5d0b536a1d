"""Issue 13 reviewed as an attacker: credentials that are not what their issuer signed, or whose
shown fields no key vouches for, must not come out ``verified``, in either verifier.

The rule (the project's testing rule): a verdict or a shown field must come only from what the
signature covers, under contexts the verifier knows, and from a key tied to the name it is shown
under. Each test runs the Python verifier and the browser verifier (browser/tools/verify.mjs, as
tests/test_conformance_agreement.py does) over one forgery made here with throwaway keys.

The browser's own side of these findings, in its own terms, is browser/test/attacks-issue13.test.js.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from cryptography.hazmat.primitives.asymmetric import ec, ed25519

from credsite.standards.fetch import mapping_fetcher
from credsite.standards.reports import Report
from credsite.standards.verification import FetchError, verify_text

from .edge_credentials import CREATED, Signer, _badge, _text
from .edge_status_standing import INDEX, PLAIN, _entry, _unsigned
from .endorsement_credentials import endorsement
from .jose_tokens import did_jwk, did_key, payload, public_jwk, sign
from .sd_jwt_cases import Signer as SdJwtSigner
from .sd_jwt_cases import issue, learning_claims

pytestmark = [pytest.mark.node]

TOOL = Path(__file__).resolve().parent.parent / "browser" / "tools" / "verify.mjs"
NOW = "2026-11-01T00:00:00Z"
URN_ISSUER = "urn:uuid:7d2f3c1e-0000-4000-8000-000000000001"


def _python(text: str, network: dict[str, Any]) -> Report:
    def unreachable(url: str) -> Any:
        raise FetchError(f"{url} is not served in this test", missing=True)

    return verify_text(text, mapping_fetcher(network, unreachable), datetime.fromisoformat(NOW))


def _browser(text: str, network: dict[str, Any]) -> dict[str, Any]:
    node = shutil.which("node")
    if node is None:
        pytest.fail("Node.js is needed: the browser verifier runs in it")
    done = subprocess.run(
        [node, str(TOOL)],
        input=json.dumps({"network": network, "now": NOW, "cases": [text]}),
        capture_output=True,
        text=True,
        check=True,
    )
    result: dict[str, Any] = json.loads(done.stdout)[0]
    return result


def _states(text: str, network: dict[str, Any]) -> tuple[str, str]:
    """(Python state, browser state) of one credential."""
    return _python(text, network).state, _browser(text, network).get("state", "refused")


# -- a JWT whose jwk header is not the key its DID issuer is ------------------------------------


@pytest.mark.parametrize("issuer_kind", ["did:key", "did:jwk"])
def test_a_jwt_naming_a_did_issuer_is_not_verified_by_another_key_in_its_jwk_header(
    issuer_kind: str,
) -> None:
    """A did:key or did:jwk IS its key: a token that names one as its issuer but carries and is
    signed by another key (its ``jwk`` header) is a forgery of that issuer's credential. Today
    both verifiers call it verified (key-controller only warns that "nothing ties the key to the
    issuer"), and the command line prints "VERIFIED: this credential is authentic"."""
    victim = ed25519.Ed25519PrivateKey.generate()
    forger = ec.generate_private_key(ec.SECP256R1())
    issuer = did_key(victim) if issuer_kind == "did:key" else did_jwk(victim)
    token = sign(forger, "ES256", {"jwk": public_jwk(forger)}, payload(issuer))
    python, browser = _states(token, {})
    assert (python, browser) == ("invalid", "invalid"), (
        f"FINDING: a token naming the {issuer_kind} issuer {issuer[:24]}… but signed by another "
        f"key carried in its jwk header is {python!r} in Python and {browser!r} in the browser; "
        "the key is not the issuer's, so key-controller must fail (jose/authenticity.py "
        "_key_controller, browser jose/authenticity.js)"
    )


def test_a_jwt_with_its_did_issuers_own_key_in_the_jwk_header_still_verifies() -> None:
    """The neighbour that must keep verifying: the jwk header holds the did:key's own key."""
    issuer_key = ed25519.Ed25519PrivateKey.generate()
    token = sign(issuer_key, "EdDSA", {"jwk": public_jwk(issuer_key)}, payload(did_key(issuer_key)))
    assert _states(token, {}) == ("verified", "verified")


# -- a keyless (urn) issuer's status list, signed by anyone -------------------------------------


def _urn_case(list_signer: Signer, issuer: Signer, set_bit: bool) -> tuple[str, dict[str, Any]]:
    credential = issuer.sign(
        _badge(URN_ISSUER, credentialStatus=_entry("revocation", PLAIN)),
        vm=f"{issuer.did_key}#{issuer.multibase}",
    )
    unsigned = _unsigned(list_signer.status_list(PLAIN, "revocation", INDEX if set_bit else None))
    unsigned["issuer"] = URN_ISSUER
    listed = list_signer.sign(
        unsigned, vm=f"{list_signer.did_key}#{list_signer.multibase}", created=CREATED
    )
    return _text(credential), {PLAIN: listed}


def test_a_urn_issuers_status_list_signed_by_another_key_cannot_vouch_for_the_credential() -> None:
    """An issuer named by a URN can publish no key, so the status rule "a list signed by someone
    other than the credential's issuer cannot vouch for it" cannot compare names: anyone can
    sign a list naming the same URN. Served in place of the issuer's list (by whoever controls
    the list's address: a lapsed domain, a shared host), a clear bit made a revoked credential
    verified in both verifiers. The list must be signed by the key that signed the credential."""
    issuer, forger = Signer(), Signer()
    text, network = _urn_case(issuer, issuer, set_bit=True)
    assert _states(text, network) == ("revoked", "revoked")  # the issuer's own list revokes it
    text, network = _urn_case(forger, issuer, set_bit=False)
    python, browser = _states(text, network)
    assert (python, browser) == ("status-unknown", "status-unknown"), (
        f"FINDING: a list naming the urn issuer but signed by another key vouched for the "
        f"credential: {python!r} in Python, {browser!r} in the browser; for a keyless issuer the "
        "list's signing key must be the credential's (statuscheck._load / _List.signer, browser "
        "status.js), else a clear bit is not-checked (status-unknown)"
    )
    assert _python(text, network).outcome("revocation") == "not-checked"


# -- SD-JWT VC issuer metadata outside /.well-known/jwt-vc-issuer ------------------------------


@pytest.mark.parametrize(
    "iss",
    [
        "https://university.example/../../~mallory/meta.json",
        "https://university.example/%2e%2e/%2E%2E/~mallory/meta.json",
        "https://university.example/./../../~mallory/meta.json",
    ],
)
def test_sd_jwt_issuer_metadata_is_never_read_outside_the_well_known_path(iss: str) -> None:
    """The JWT VC Issuer Metadata prove a key is the host's because only the host can publish
    under /.well-known/. An ``iss`` with dot segments (or their percent-encoded spelling) makes
    the metadata address climb out of it: every fetch (WHATWG URL, most servers) resolves
    https://university.example/.well-known/jwt-vc-issuer/../../~mallory/meta.json to
    /~mallory/meta.json, a file any user of the host may write. Both verifiers call such an
    SD-JWT VC verified today; ``metadata_url`` must refuse a path with dot segments, as the
    rulebook's httpsPattern does for controller documents."""
    signer = SdJwtSigner()
    url = "https://university.example/.well-known/jwt-vc-issuer" + iss.removeprefix(
        "https://university.example"
    )
    network = {url: signer.metadata(iss)}
    text = issue(learning_claims(iss=iss), signer)
    python, browser = _states(text, network)
    assert (python, browser) == ("invalid", "invalid"), (
        f"FINDING: an SD-JWT VC whose iss {iss!r} sends the metadata lookup to {url} (outside "
        f"/.well-known/jwt-vc-issuer once resolved) is {python!r} in Python and {browser!r} in "
        "the browser (jose/issuer_metadata.py metadata_url, browser jose/issuer-metadata.js)"
    )
    assert _python(text, network).outcome("issuer-key") == "failed"


# -- an endorser's name that no key is tied to --------------------------------------------------


def test_an_endorsers_name_no_key_is_tied_to_is_not_shown_as_a_verified_endorsement() -> None:
    """An issuer (a diploma mill, say) embeds an EndorsementCredential it made itself, naming
    its endorser ``urn:uuid:…`` with the name "Harvard University", signed by its own did:key.
    A URN ties no key to a name, so nothing says Harvard endorsed anything; both verifiers report
    "Endorsement of this credential by Harvard University: verified." The name may be shown
    only when the endorsement's key-controller check passed (endorsements.py _verified,
    browser endorsements.js), and such an endorsement must not read as a verified one by it."""
    issuer, mill = Signer(), Signer()
    badge = _badge(issuer.did_key)
    fake = endorsement(mill, badge["id"], "Harvard University")
    fake["issuer"] = {"id": URN_ISSUER, "type": ["Profile"], "name": "Harvard University"}
    badge["endorsement"] = [mill.sign(fake, vm=f"{mill.did_key}#{mill.multibase}")]
    text = _text(issuer.sign(badge))
    report = _python(text, {})
    assert report.state == "verified"  # the credential itself is genuine
    (found,) = report.endorsements
    shown = (found.state, found.name)
    assert shown == ("verified", None), (
        f"FINDING: Python shows {found.headline!r}: the endorser's name is vouched for by no key "
        f"(state, name) = {shown}"
    )
    assert "Harvard" not in found.headline
    # The browser's side (it shows the name too): browser/test/attacks-issue13.test.js.
