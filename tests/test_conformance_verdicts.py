"""``python build.py verify`` gives every third-party credential of the conformance corpus
(tests/conformance: DCC's fixtures, the 1EdTech validator's, verifier-core's) the state its own
test suite expects — JSON, baked PNG and SVG, JWTs — and exits 0 exactly for the verified ones.

The command runs in-process, as an employer would run it, with the network replaced by the
corpus's ``support/network.json`` (the documents the issuers' servers publish) and the clock fixed
at the moment the corpus was checked (``SOURCE_DATE_EPOCH``, 2026-12-01), so that credentials
"not expired" then stay so. The browser verifier is held to the same states by
tests/browser/test_verify_page_conformance.py and browser/test/conformance.test.js.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from credsite.commands.cli import main
from credsite.standards import fetch
from credsite.standards.reports import FetchError

CORPUS = Path(__file__).resolve().parent / "conformance"
CHECKED_ON = datetime(2026, 12, 1, tzinfo=UTC)
STATE = {"valid": "verified", "tampered": "invalid"}


def _manifest() -> list[dict[str, Any]]:
    return json.loads((CORPUS / "manifest.json").read_text(encoding="utf-8"))


def _expected(entry: dict[str, Any]) -> str:
    """The state credsite must reach: the publishing suite's, unless credsite deliberately
    differs (tests/conformance/deviations.json says where and why)."""
    deviations = json.loads((CORPUS / "deviations.json").read_text(encoding="utf-8"))
    state = deviations["deviations"].get(entry["file"], entry)["expected"]
    return STATE.get(state, state)


@pytest.fixture
def corpus_network(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The command's network, answered from the corpus; returns the addresses asked for."""
    table = json.loads((CORPUS / "support" / "network.json").read_text(encoding="utf-8"))
    documents = {
        url: json.loads((CORPUS / f).read_text(encoding="utf-8")) for url, f in table.items()
    }
    asked: list[str] = []

    def network_fetcher(allow_loopback_http: bool = False) -> fetch.Fetcher:
        def answer(url: str) -> Any:
            asked.append(url)
            if url not in documents:
                raise FetchError(f"{url}: HTTP 404", missing=True)
            return json.loads(json.dumps(documents[url]))

        return answer

    monkeypatch.setattr(fetch, "network_fetcher", network_fetcher)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int(CHECKED_ON.timestamp())))
    return asked


def _verify(path: Path, capsys: pytest.CaptureFixture[str], root: Path) -> tuple[int, str]:
    code = main(["--root", str(root), "verify", "--json", str(path)])
    out = capsys.readouterr().out
    return code, json.loads(out)["state"] if out.strip() else ""


def test_the_command_gives_every_corpus_credential_its_expected_state(
    corpus_network: list[str], capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    wrong: dict[str, tuple[str, str, int]] = {}
    for entry in _manifest():
        code, state = _verify(CORPUS / entry["file"], capsys, tmp_path)
        expected = _expected(entry)
        if state != expected or (code == 0) != (expected == "verified"):
            wrong[entry["file"]] = (expected, state, code)
    assert wrong == {}, "file: (expected, reached, exit code)"
    assert corpus_network, "the corpus's credentials fetch keys and lists"
