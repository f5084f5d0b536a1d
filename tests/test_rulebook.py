"""The verifier rulebook (credsite/data/verifier-rules.json, credsite/standards/rulebook.py): its
verdict rules give every state in the documented order, its patterns accept what they should and
nothing near it, its weak keys are exactly the encodings of the eight small-order Ed25519 points,
and the reader refuses a rulebook that contradicts itself."""

from __future__ import annotations

import copy
import json
from typing import Any

import pytest

from credsite.standards import cryptosuites, rulebook
from credsite.standards.multibase import decode_public_key, encode_public_key
from credsite.standards.rulebook import RulebookError, parse, verdict, verdict_of

from .conftest import REPO

AUTHENTICITY = (
    "structure",
    "proof-format",
    "contexts",
    "issuer-key",
    "key-controller",
    "key-status",
    "signature",
    "signed-data",
)
# A genuine credential in date, with a revocation and a companion suspension list.
GENUINE = dict.fromkeys(AUTHENTICITY, "passed") | {
    "valid-from": "passed",
    "valid-until": "passed",
    "revocation": "passed",
    "suspension": "passed",
}


def _with(**outcomes: str) -> dict[str, str]:
    return GENUINE | {key.replace("_", "-"): value for key, value in outcomes.items()}


def _file() -> dict[str, Any]:
    return dict(json.loads(rulebook.RULES_FILE.read_text(encoding="utf-8")))


# -- the verdict ------------------------------------------------------------------------------

EXAMPLES = {
    "verified": GENUINE,
    "revoked": _with(revocation="failed"),
    "suspended": _with(suspension="failed"),
    "expired": _with(valid_until="failed"),
    "not-yet-valid": _with(valid_from="failed"),
    "status-unknown": _with(revocation="not-checked"),
    "invalid": _with(signature="failed"),
    "unsupported": _with(proof_format="unsupported", signature="not-checked"),
    "error": {
        "structure": "passed",
        "proof-format": "passed",
        "contexts": "passed",
        "issuer-key": "not-checked",  # the key document could not be fetched
        "key-controller": "not-checked",
        "key-status": "not-checked",
        "signature": "not-checked",
        "signed-data": "passed",
    },
}


def test_every_state_is_reachable() -> None:
    assert {state: verdict(outcomes) for state, outcomes in EXAMPLES.items()} == {
        state: state for state in EXAMPLES
    }
    assert set(EXAMPLES) == set(rulebook.STATES)


@pytest.mark.parametrize(
    ("outcomes", "state"),
    [
        # a definite failure beats not knowing whether the key is the issuer's
        (EXAMPLES["error"] | {"contexts": "failed"}, "invalid"),
        # unsupported never wins over a failure, and beats an unreachable key
        (_with(proof_format="unsupported", contexts="failed"), "invalid"),
        (_with(contexts="unsupported", structure="failed"), "invalid"),
        (_with(contexts="unsupported", signature="not-checked"), "unsupported"),
        (EXAMPLES["error"] | {"proof-format": "unsupported"}, "unsupported"),
        # an unsupported format outside authenticity (an endorsement's) is no verdict of the credential
        (_with(revocation="unsupported"), "verified"),
        (EXAMPLES["error"] | {"proof-format": "failed"}, "invalid"),
        # the facts about a genuine credential, in order
        (
            _with(
                revocation="failed", suspension="failed", valid_until="failed", valid_from="failed"
            ),
            "revoked",
        ),
        (_with(suspension="failed", valid_until="failed", valid_from="failed"), "suspended"),
        (_with(valid_until="failed", valid_from="failed"), "expired"),
        (_with(valid_from="failed", revocation="not-checked"), "not-yet-valid"),
        # a known reason to refuse beats an unreadable list
        (_with(valid_until="failed", suspension="not-checked"), "expired"),
        (_with(suspension="not-checked"), "status-unknown"),
        # an invalid credential's dates and status mean nothing
        (_with(key_controller="failed", revocation="failed"), "invalid"),
        # a signature that was not checked is never a pass
        (_with(signature="not-checked"), "error"),
        ({k: v for k, v in GENUINE.items() if k != "signed-data"}, "error"),
        # warnings do not change the verdict
        (_with(key_status="warning", issuer_key="warning", valid_from="warning"), "verified"),
        (_with(revocation="warning") | {"suspension": "passed"}, "verified"),
        # a status of a purpose nobody interprets is a note; one that cannot be read is not
        (_with(other_status="warning"), "verified"),
        (_with(other_status="not-checked"), "status-unknown"),
        # the build checks no status lists
        ({k: v for k, v in GENUINE.items() if k not in ("revocation", "suspension")}, "verified"),
        # the OB schema is advisory: the browser cannot check it
        (_with(schema="failed"), "verified"),
        # the browser's own fault says nothing about the credential
        (_with(internal="failed"), "error"),
        (_with(internal="failed", signature="failed"), "error"),
    ],
)
def test_the_first_rule_that_applies_decides(outcomes: dict[str, str], state: str) -> None:
    assert verdict(outcomes) == state


def test_a_repeated_status_check_counts_in_every_occurrence() -> None:
    """A credential has one status check per entry: any set bit, any unreadable list counts."""
    genuine = list(GENUINE.items())
    assert verdict_of([*genuine, ("revocation", "failed")]) == "revoked"
    assert verdict_of([("revocation", "failed"), *genuine]) == "revoked"
    assert verdict_of([*genuine, ("revocation", "not-checked")]) == "status-unknown"
    assert verdict_of([*genuine, ("revocation", "passed")]) == "verified"


def test_verdicts_read_only_checks_both_verifiers_make() -> None:
    """Otherwise the two would decide differently on the same credential. The exception is
    the browser's report of its own fault, which has no Python counterpart (a traceback)."""
    book = rulebook.rules()
    read = {check for rule in book.rules for check in rule.checks}
    one_sided = {c.id for c in book.checks if c.by != {"python", "browser"}}
    assert read & one_sided == {"internal"}
    assert rulebook.check_ids("python") == tuple(c for c in rulebook.check_ids() if c != "internal")
    assert rulebook.check_ids("browser") == tuple(c for c in rulebook.check_ids() if c != "schema")


def test_dates_and_status_are_judged_only_for_an_authentic_credential() -> None:
    """The checks that decide revoked..not-yet-valid need every check that decides invalid and
    error: a forged date or a status entry of a forged credential means nothing."""
    book = rulebook.rules()
    invalid, error = (
        r for r in book.rules if r.state in ("invalid", "error") and r.checks[0] != "internal"
    )
    assert invalid.checks == error.checks == AUTHENTICITY
    for check_id in ("valid-from", "valid-until", "revocation", "suspension", "other-status"):
        assert book.check(check_id).needs == AUTHENTICITY


# -- states and their sentences ---------------------------------------------------------------


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_every_state_has_a_title_and_a_sentence(lang: str) -> None:
    for state in rulebook.STATES:
        values = {"date": "2027-01-31 12:00 UTC"} if state in ("expired", "not-yet-valid") else {}
        text = rulebook.sentence(state, lang, **values)
        # the command line and the page print "Title: sentence"
        assert text[0].islower() and text.endswith("."), (state, lang)
        assert rulebook.title(state, lang)
        assert "{" not in text
    assert rulebook.verdict_line("verified") == (
        "VERIFIED: this credential is authentic and currently valid."
    )
    assert "2027-01-31 12:00 UTC" in rulebook.verdict_line(
        "expired", "nl", date="2027-01-31 12:00 UTC"
    )


def test_a_sentence_needs_its_date() -> None:
    with pytest.raises(ValueError, match="date"):
        rulebook.sentence("expired", "en")
    with pytest.raises(ValueError, match="language"):
        rulebook.title("verified", "de")


def test_only_verdicts_about_a_genuine_credential_are_authentic() -> None:
    authentic = {s.id for s in rulebook.rules().states if s.authentic}
    assert authentic == set(rulebook.STATES) - {"invalid", "unsupported", "error"}


def test_every_check_and_outcome_has_a_label_in_both_languages() -> None:
    book = rulebook.rules()
    for item in (*book.checks, *book.outcomes):
        assert item.label.nl and item.label.en, item.id
    assert [o.symbol for o in book.outcomes] == ["✓", "✗", "!", "?", "~"]


# -- the Open Badges context, dates, the companion list ---------------------------------------

OB = "https://purl.imsglobal.org/spec/ob/v3p0/"


@pytest.mark.parametrize(
    "url",
    [OB + "context.json", *(f"{OB}context-3.0.{n}.json" for n in range(4))],
)
def test_the_ob_contexts_match(url: str) -> None:
    assert rulebook.is_ob_context(url)


def test_every_bundled_ob_context_matches() -> None:
    index = json.loads((REPO / "credsite/data/contexts/index.json").read_text(encoding="utf-8"))
    bundled = {url for url in index["contexts"] if url.startswith(OB)}
    assert {url for url in bundled if rulebook.is_ob_context(url)} == bundled - {
        OB + "extensions.json"
    }


@pytest.mark.parametrize(
    "url",
    [
        OB + "context-3.0.3.json\n",  # Python's $ alone would allow a final newline
        OB + "context-3.\u0663.3.json",  # Python's \d alone would take an Arabic-Indic digit
        OB + "context-3.0.3.jsonld",
        OB + "context-3.0.json",
        OB + "context-3.0.10.json",
        OB + "context-4.0.0.json",
        OB + "context-3.0.3.json/",
        OB + "extensions.json",
        "http://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
        "https://purl.imsglobal.org/spec/ob/v3p1/context-3.0.3.json",
        "https://purlximsglobal.org/spec/ob/v3p0/context-3.0.3.json",
        "https://purl.imsglobal.org.example/spec/ob/v3p0/context-3.0.3.json",
        " " + OB + "context-3.0.3.json",
        "HTTPS://PURL.IMSGLOBAL.ORG/SPEC/OB/V3P0/CONTEXT-3.0.3.JSON",
        "https://www.w3.org/ns/credentials/v2",
        "",
        None,
        ["https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"],
    ],
)
def test_near_misses_do_not_match(url: object) -> None:
    assert not rulebook.is_ob_context(url)


@pytest.mark.parametrize(
    ("text", "ok"),
    [
        ("2025-01-31T12:00:00Z", True),
        ("2025-01-31T12:00:00.123456789+01:00", True),
        ("-0044-03-15T12:00:00Z", True),
        ("12025-01-31T12:00:00-05:30", True),
        ("2025-01-31T12:00:00", False),  # no time zone
        ("2025-01-31T12:00Z", False),  # no seconds
        ("2025-01-31t12:00:00z", False),
        ("2025-01-31 12:00:00Z", False),
        ("2025-01-31T12:00:00+0100", False),
        ("2025-01-31T12:00:00Z\n", False),
        ("2025-W05-5T12:00:00Z", False),
        ("2025-01-3\u0661T12:00:00Z", False),
    ],
)
def test_the_date_time_pattern(text: str, ok: bool) -> None:
    assert (rulebook.rules().date_time.fullmatch(text) is not None) is ok


@pytest.mark.parametrize(
    ("url", "companion"),
    [
        (
            "https://mc.example.org/status/revocation-1.json",
            "https://mc.example.org/status/suspension-1.json",
        ),
        (
            "https://a.org/x/status/revocation-207.json",
            "https://a.org/x/status/suspension-207.json",
        ),
        ("https://mc.example.org/status/revocation-1.json\n", None),
        ("https://mc.example.org/status/revocation-a.json", None),
        ("https://mc.example.org/status/revocation-1.json?x", None),
        ("https://mc.example.org/status/suspension-1.json", None),
        ("https://mc.example.org/status/revocation-\u0661.json", None),
    ],
)
def test_the_companion_suspension_list(url: str, companion: str | None) -> None:
    assert rulebook.suspension_companion(url) == companion


# -- weak keys --------------------------------------------------------------------------------

P = 2**255 - 19
D = -121665 * pow(121666, -1, P) % P
IDENTITY = (0, 1)


def _decode(key: bytes) -> tuple[int, int] | None:
    """The point a 32-byte key names as OpenSSL reads it: y modulo p, and the sign bit
    ignored when x is 0 (RFC 8032 refuses both; the verifier must refuse such keys itself)."""
    y = int.from_bytes(key, "little") & ((1 << 255) - 1)
    sign = key[31] >> 7
    y %= P
    x2 = (y * y - 1) * pow(D * y * y + 1, -1, P) % P
    x = pow(x2, (P + 3) // 8, P)
    if (x * x - x2) % P:
        x = x * pow(2, (P - 1) // 4, P) % P
    if (x * x - x2) % P:
        return None  # not on the curve
    if x and x & 1 != sign:
        x = P - x
    return x, y


def _add(a: tuple[int, int], b: tuple[int, int]) -> tuple[int, int]:
    """Edwards addition on -x^2 + y^2 = 1 + d x^2 y^2 (complete: d is not a square)."""
    (x1, y1), (x2, y2) = a, b
    t = D * x1 * x2 * y1 * y2 % P
    return (
        (x1 * y2 + x2 * y1) * pow(1 + t, -1, P) % P,
        (y1 * y2 + x1 * x2) * pow(1 - t, -1, P) % P,
    )


def _times_eight(point: tuple[int, int]) -> tuple[int, int]:
    for _ in range(3):
        point = _add(point, point)
    return point


def _encodings(point: tuple[int, int]) -> set[bytes]:
    """Every 32 bytes OpenSSL reads as ``point``: y and y + p below 2^255, and both sign bits
    when x is 0."""
    x, y = point
    signs = {0, 1} if x == 0 else {x & 1}
    return {
        (value | sign << 255).to_bytes(32, "little")
        for value in (y, y + P)
        if value < 1 << 255
        for sign in signs
    }


def test_the_weak_keys_are_every_encoding_of_every_small_order_point() -> None:
    keys = rulebook.SMALL_ORDER_KEYS
    points = {_decode(key) for key in keys}
    assert None not in points
    small = {p for p in points if p is not None and _times_eight(p) == IDENTITY}
    assert small == points
    assert len(small) == 8  # the whole torsion subgroup of Curve25519
    assert keys == set().union(*(_encodings(p) for p in small))


def test_the_ed25519_key_type_refuses_every_weak_key_and_every_point_off_the_curve() -> None:
    """The verifier's key type reads the list (the browser's multikey.js refuses the same), so a
    forged signature under a weak key never reaches OpenSSL, which would accept it."""
    for key in rulebook.SMALL_ORDER_KEYS:
        with pytest.raises(ValueError, match="weak"):
            cryptosuites.decode_public_key(encode_public_key(key))
    off_curve = bytes([2]) + bytes(31)  # y = 2: no x solves the curve equation
    assert _decode(off_curve) is None
    with pytest.raises(ValueError, match="not a point on the curve"):
        cryptosuites.decode_public_key(encode_public_key(off_curve))
    non_canonical = (5 + P).to_bytes(32, "little")  # y + p, a point that is not small
    assert _decode(non_canonical) is not None and not rulebook.is_small_order_key(non_canonical)
    with pytest.raises(ValueError, match="not a point on the curve"):
        cryptosuites.decode_public_key(encode_public_key(non_canonical))


def test_a_real_key_is_not_weak() -> None:
    vector = json.loads((REPO / "tests/vectors/w3c-vc-di-eddsa/keyPair.json").read_text())
    key = decode_public_key(vector["publicKeyMultibase"])
    assert cryptosuites.decode_public_key(vector["publicKeyMultibase"]).raw == key
    point = _decode(key)
    assert point is not None and _times_eight(point) != IDENTITY
    assert not rulebook.is_small_order_key(key)
    assert rulebook.is_small_order_key(bytes.fromhex("ee" + "ff" * 30 + "7f"))  # 1 + p


# -- the reader refuses a rulebook that contradicts itself ------------------------------------


def _broken(change: str) -> dict[str, Any]:
    data = _file()
    checks = {c["id"]: c for c in data["checks"]}
    if change == "unknown check in a rule":
        data["verdict"][1]["checks"] = [*data["verdict"][1]["checks"], "signatur"]
    elif change == "a state no rule gives":
        data["verdict"] = [r for r in data["verdict"] if r["state"] != "suspended"]
    elif change == "needs a later check":
        checks["structure"]["needs"] = ["signature"]
    elif change == "a check listed twice":
        data["checks"].append(copy.deepcopy(checks["signature"]))
    elif change == "an unknown outcome":
        data["verdict"][1]["outcomes"] = ["fail"]
    elif change == "a label in one language":
        del checks["signature"]["label"]["nl"]
    elif change == "a shorthand class in a pattern":
        data["credential"]["openBadgeContextPattern"] = "^https://x/context(-3\\.\\d)*\\.json$"
    elif change == "a lookahead in a pattern":
        data["dates"]["pattern"] = "^(?=2)[0-9]{4}$"
    elif change == "an unanchored pattern":
        data["credential"]["openBadgeContextPattern"] = "https://x/context\\.json"
    elif change == "an unconditional rule before the last":
        del data["verdict"][3]["match"]
    elif change == "a short weak key":
        data["keys"]["smallOrderEd25519"][0] = "00"
    elif change == "an unknown verifier":
        checks["schema"]["by"] = ["pyhton"]
    elif change == "a missing section":
        del data["status"]
    return data


@pytest.mark.parametrize(
    "change",
    [
        "unknown check in a rule",
        "a state no rule gives",
        "needs a later check",
        "a check listed twice",
        "an unknown outcome",
        "a label in one language",
        "a shorthand class in a pattern",
        "a lookahead in a pattern",
        "an unanchored pattern",
        "an unconditional rule before the last",
        "a short weak key",
        "an unknown verifier",
        "a missing section",
    ],
)
def test_a_contradictory_rulebook_is_refused(change: str) -> None:
    with pytest.raises(RulebookError):
        parse(_broken(change))


def test_the_rulebook_names_no_cryptosuite() -> None:
    """Which suites a verifier accepts is its registry's to say (tests/test_cryptosuites.py):
    a suite named here would be a second place that picks one."""
    text = rulebook.RULES_FILE.read_text(encoding="utf-8")
    assert cryptosuites.names() and not [n for n in cryptosuites.names() if n in text]
    assert "cryptosuite" not in _file()["proof"]


def test_the_shipped_rulebook_parses_to_what_the_module_uses() -> None:
    assert parse(_file()) == rulebook.rules()
