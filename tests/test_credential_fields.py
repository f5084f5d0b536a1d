"""The fields a credential page shows are listed once, in credsite/data/credential-fields.json
(issue 12): the page template renders exactly those fields, the rules are checked when read, and
the Python reading of them gives what the pages showed before. That the browser gives the same
fields, for these rules and for fields added to them, is browser/test/credential-fields.test.js.
"""

from __future__ import annotations

import copy
import json
import re
from pathlib import Path
from typing import Any

import pytest

from credsite.base.errors import BuildError
from credsite.build.credential_fields import (
    COMPUTED,
    RULES_FILE,
    credential_fields,
    field_rules,
    read_rules,
    text_of,
)

ROOT = Path(__file__).resolve().parent.parent
TEMPLATE = ROOT / "templates" / "credential.html"
CREDENTIALS = ROOT / "content" / "credentials"

# How templates/credential.html names a field: the render helpers, or a literal attribute.
RENDERED = re.compile(r'data_(list_)?field\(fields, "([^"]+)"|data-field="([^"]+)"')
READ = re.compile(r"fields\['([^']+)'\]")


def _rules_data() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(RULES_FILE.read_text(encoding="utf-8"))
    return data


def _template_fields() -> dict[str, set[str]]:
    """Each field the template renders, with how: 'list' (data_list_field), 'text' (data_field)
    or 'attribute' (a literal data-field attribute)."""
    found: dict[str, set[str]] = {}
    for match in RENDERED.finditer(TEMPLATE.read_text(encoding="utf-8")):
        how = "attribute" if match.group(3) else "list" if match.group(1) else "text"
        found.setdefault(match.group(2) or match.group(3), set()).add(how)
    return found


def test_the_template_renders_every_field_of_the_file_and_no_other() -> None:
    rules = field_rules()
    shown = {f.key for f in rules.fields if f.in_template}
    rendered = _template_fields()
    assert set(rendered) == shown
    # A field kept out of the template says so in the file; the flag cannot go stale.
    assert not {f.key for f in rules.fields if not f.in_template} & set(rendered)
    keys = {f.key for f in rules.fields}
    read = set(READ.findall(TEMPLATE.read_text(encoding="utf-8")))
    assert read <= keys, f"the template reads fields the file does not have: {read - keys}"


def test_list_fields_are_rendered_as_lists_and_only_they() -> None:
    rendered = _template_fields()
    for rule in field_rules().fields:
        if rule.in_template:
            as_list = "list" in rendered[rule.key]
            assert as_list == (rule.kind == "list"), rule.key
            assert rendered[rule.key] <= ({"list"} if as_list else {"text", "attribute"})


def test_the_check_finds_a_field_the_template_does_not_render() -> None:
    """The template test reads what it should: a field added to the file alone is missed."""
    data = _rules_data()
    data["fields"].append({"key": "new-field", "kind": "text", "from": [{"path": ["x"]}]})
    rendered = set(_template_fields())
    assert "new-field" not in rendered
    assert {f.key for f in read_rules(data).fields} - rendered == {
        "new-field",
        "quality-assurance-url",
    }


def test_every_computed_field_has_its_code_and_every_computation_its_field() -> None:
    named = {f.computed for f in field_rules().fields if f.computed is not None}
    assert named == set(COMPUTED)


def test_the_fields_come_in_the_file_s_order() -> None:
    document = json.loads(next(CREDENTIALS.glob("*.json")).read_text(encoding="utf-8"))
    keys = [f["key"] for f in _rules_data()["fields"]]
    assert list(credential_fields(document, "nl")) == keys


def _broken(change: str) -> dict[str, Any]:
    data = _rules_data()
    field = data["fields"][0]
    if change == "no kind":
        del field["kind"]
    elif change == "unknown kind":
        field["kind"] = "number"
    elif change == "two ways":
        field["computed"] = "recipient-name"
    elif change == "unknown computation":
        data["fields"][1]["computed"] = "no-such-computation"
    elif change == "empty from":
        field["from"] = []
    elif change == "bad source":
        field["from"] = [{"path": ["name"], "alignment": "ext:X"}]
    elif change == "bad path":
        field["from"] = [{"path": ["name", -1]}]
    elif change == "join without separator":
        data["fields"] = [f for f in data["fields"] if f["key"] != "stackability"]
        data["fields"].append({"key": "j", "kind": "text", "join": [{"path": ["name"]}]})
    elif change == "key twice":
        data["fields"].append(copy.deepcopy(field))
    elif change == "no alignments":
        del data["alignments"]
    return data


@pytest.mark.parametrize(
    "change",
    [
        "no kind",
        "unknown kind",
        "two ways",
        "unknown computation",
        "empty from",
        "bad source",
        "bad path",
        "join without separator",
        "key twice",
        "no alignments",
    ],
)
def test_malformed_rules_are_refused(change: str) -> None:
    with pytest.raises(BuildError):
        read_rules(_broken(change))


def test_a_text_is_read_as_the_browser_reads_it() -> None:
    assert text_of("x") == "x"
    assert text_of(["x"]) == "x"
    assert text_of({"@value": "x"}) == "x"
    assert text_of([{"@value": 8}]) == "8"
    assert text_of(7.5) == "7.5"
    assert text_of(10.0) == "10"
    for nothing in (None, True, ["a", "b"], [], {}, float("nan")):
        assert text_of(nothing) is None


def test_paths_fallbacks_alignments_and_joins() -> None:
    document = {
        "credentialSubject": [
            {
                "achievement": {
                    "name": "Fallback",
                    "alignment": [
                        "https://example.org/a-reference",
                        {"targetType": "ext:StudyLoad", "targetName": "3 EC"},
                        {"targetType": "ext:StudyLoad", "targetName": "second"},
                        {"targetType": "ext:Stackability", "targetDescription": "only this"},
                    ],
                },
                "result": ["https://example.org/r", {"value": "9"}],
            }
        ],
        "issuer": "did:web:example.org:a%20b",
        "validFrom": "2026-07-01T23:30:00-02:00",
    }
    fields = credential_fields(document, "en")
    assert fields["name"] == "Fallback"
    assert fields["study-load"] == "3 EC"
    assert fields["stackability"] == "only this"
    assert fields["grade"] == "9"
    assert fields["issuer-name"] is None
    assert fields["issuer-domain"] == "example.org/a b"
    assert fields["valid-from"] == "2 July 2026"
    assert fields["outcomes"] == [] and fields["criteria"] is None
