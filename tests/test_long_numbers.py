"""``verify`` of a credential holding a number too long for Python's ``int``: text beyond 4,300
digits raises ValueError, so a year of 5,000 digits (in validFrom, or in the proof's created,
which is read before the signature is checked) or a statusListIndex of 5,000 digits once ended
the command with a traceback. The rulebook's date pattern bounds a year to six digits and the
index to sixteen, so each is now malformed like any other: a verdict and exit code 1."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from .edge_credentials import REVOCATION, Signer, _badge
from .issuer_site import run_cli

LONG = "1" * 5000


def _credentials() -> dict[str, tuple[dict[str, Any], str]]:
    s = Signer()
    late_proof = s.sign(_badge(s.did_key))
    late_proof["proof"]["created"] = LONG + "-01-01T00:00:00Z"
    entry = {
        "id": REVOCATION + "#1",
        "type": "BitstringStatusListEntry",
        "statusPurpose": "revocation",
        "statusListIndex": LONG,
        "statusListCredential": REVOCATION,
    }
    return {
        "validFrom": (s.sign(_badge(s.did_key, validFrom=LONG + "-01-01T00:00:00Z")), "invalid"),
        "validUntil": (
            s.sign(_badge(s.did_key, validUntil="-" + LONG + "-01-01T00:00:00Z")),
            "invalid",
        ),
        "proof created": (late_proof, "invalid"),
        "statusListIndex": (s.sign(_badge(s.did_key, credentialStatus=entry)), "status-unknown"),
    }


@pytest.mark.parametrize("where", ["validFrom", "validUntil", "proof created", "statusListIndex"])
def test_a_number_of_5000_digits_is_malformed_not_a_crash(where: str, tmp_path: Path) -> None:
    credential, state = _credentials()[where]
    path = tmp_path / "credential.json"
    path.write_text(json.dumps(credential), encoding="utf-8")
    args = ["--root", str(tmp_path), "verify", str(path), "--offline"]
    report = run_cli([*args, "--json"], {})
    text = run_cli(args, {})
    assert (json.loads(report.out)["state"], report.code, text.code) == (state, 1, 1)
    assert "Traceback" not in report.err + text.err
    assert text.out.rstrip().splitlines()[-1].startswith(("NOT VALID", "AUTHENTIC, BUT NOT"))
