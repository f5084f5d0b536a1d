"""Careless input gives one ``file:line: what is wrong`` message, never a traceback (issue 11,
item 6), and nothing is written.

The issue's eleven cases: a vertical tab (what Word pastes for Shift+Enter) or a NUL in each kind
of YAML file (site.yaml, keys.yaml, a module's and a track's front matter, content/status/*.yaml),
an empty front matter, YAML nested 20,000 deep, a CSV value over 128 KiB, one stray opening
quote in a 5,000-row CSV, and deeply nested JSON given to ``verify`` or placed in
content/credentials. Besides those: a YAML alias bomb, and JSON with duplicate keys, NaN,
Infinity, numbers too long to read, invalid UTF-8 or too many bytes, wherever credsite reads
JSON (one loader, credsite/base/jsonfile.py).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from credsite.base.jsonfile import JsonInputError, load_json
from credsite.base.limits import (
    MAX_CSV_CELL,
    MAX_JSON_BYTES,
    MAX_JSON_DEPTH,
    MAX_YAML_ALIAS_VALUES,
    MAX_YAML_DEPTH,
)
from credsite.base.sourcefile import _parse, _PlainLoader, parse_front_matter, parse_yaml

from .conftest import REPO, SiteFolder, copy_example
from .issuer_site import ISSUED_AT, Issuer, Run, run_cli, tree_files

ENV = {"CREDSITE_SIGNING_KEY": None, "SOURCE_DATE_EPOCH": None}
SUMMARY = "error: 1 error(s) in content; nothing was written"
VERTICAL_TAB = "U+000B (a vertical tab, which Word pastes for Shift+Enter)"
NUL = "U+0000 (a NUL byte)"
NOT_YAML = "which YAML does not allow; remove it (use a normal line break or space)"
DEEP_YAML = f"invalid YAML: nested more than {MAX_YAML_DEPTH} levels deep (lists and mappings within each other)"
DEEP_JSON = f"nested more than {MAX_JSON_DEPTH} levels deep (arrays and objects within each other)"
EDITED = "issued credentials must never be edited"
TOKEN = "a" * 32  # a well-formed credential file name


def _example(tmp_path: Path) -> Path:
    return copy_example(tmp_path / "site")


def _refused(root: Path, tmp_path: Path, *args: str) -> Run:
    """Run a command that must fail: exit 1, no traceback, the sources and the output
    folder as they were."""
    before = tree_files(root, cache=False)
    out = tmp_path / "out"
    command = [*args, "--out", str(out)] if args[0] == "build" else list(args)
    result = run_cli(["--root", str(root), *command], ENV)
    assert result.code == 1, result.text
    assert "Traceback" not in result.text
    assert result.out == ""
    assert tree_files(root, cache=False) == before
    assert not out.exists()
    return result


# -- control characters in every kind of YAML file ---------------------------------------------

YAML_FILES = {
    "site.yaml": "site.yaml",
    "keys.yaml": "keys.yaml",
    "module": "content/modules/ai-in-education.md",
    "track": "content/tracks/it-retraining.md",
    "log": "content/status/log.yaml",
    "unpublished": "content/status/unpublished.yaml",
}


@pytest.mark.parametrize("char", ["\x0b", "\x00"], ids=["vertical-tab", "nul"])
@pytest.mark.parametrize("kind", sorted(YAML_FILES))
def test_a_control_character_in_any_yaml_file_is_named_with_file_line_and_column(
    tmp_path: Path, kind: str, char: str
) -> None:
    root = _example(tmp_path)
    relative = YAML_FILES[kind]
    lines = (root / relative).read_text(encoding="utf-8").split("\n")
    index = 3  # the fourth line: inside the front matter of a module or track, too
    assert lines[index].strip() and not lines[index].startswith("---")
    lines[index] = lines[index] + char
    (root / relative).write_text("\n".join(lines), encoding="utf-8")
    result = _refused(root, tmp_path, "build")
    name = VERTICAL_TAB if char == "\x0b" else NUL
    expected = f"{relative}:{index + 1}: contains {name} at column {len(lines[index])}, {NOT_YAML}"
    assert expected in result.error_lines()
    assert result.error_lines()[-1].startswith("error: ")


def test_a_vertical_tab_does_not_shift_the_line_numbers_after_it() -> None:
    """str.splitlines() breaks lines at a vertical tab; YAML and editors do not."""
    text = "---\ntitle: a\x0bb\n---\nbody\n"
    document = parse_front_matter(text, "m.md")
    assert document.body_line == 4
    assert document.body == "body\n"
    assert [str(d) for d in document.diagnostics] == [
        f"m.md:2: contains {VERTICAL_TAB} at column 9, {NOT_YAML}"
    ]


# -- front matter and YAML structure -----------------------------------------------------------


def test_empty_front_matter_says_what_is_missing(tmp_path: Path) -> None:
    root = _example(tmp_path)
    (root / "content/modules/empty.md").write_text("---\n---\n", encoding="utf-8")
    result = _refused(root, tmp_path, "build")
    lines = result.error_lines()
    assert "content/modules/empty.md:2: title: missing (the module's name, per language)" in lines
    assert all(line.startswith(("content/modules/empty.md:2: ", "error: ")) for line in lines)


def test_yaml_nested_20000_deep_is_refused(tmp_path: Path) -> None:
    root = _example(tmp_path)
    deep = "[" * 20_000 + "]" * 20_000
    module = root / "content/modules/ai-in-education.md"
    text = module.read_text(encoding="utf-8")
    module.write_text(text.replace("\ntitle:", f"\ndeep: {deep}\ntitle:", 1), encoding="utf-8")
    result = _refused(root, tmp_path, "build")
    assert result.error_lines() == [f"content/modules/ai-in-education.md:2: {DEEP_YAML}", SUMMARY]


def test_yaml_nesting_limit_is_exact_in_both_loaders() -> None:
    """The pure-Python loader (used for its clearer messages) recursed without a limit."""
    at_limit, past = ("a: " + "[" * n + "]" * n for n in (MAX_YAML_DEPTH - 1, MAX_YAML_DEPTH))
    assert parse_yaml(at_limit, "x.yaml").diagnostics == ()
    assert [str(d) for d in parse_yaml(past, "x.yaml").diagnostics] == [f"x.yaml:1: {DEEP_YAML}"]
    plain = _parse(_PlainLoader, "a: " + "[" * 20_000 + "]" * 20_000, "x.yaml", 0)
    assert [str(d) for d in plain.diagnostics] == [f"x.yaml:1: {DEEP_YAML}"]


BILLION_LAUGHS = "a: &a [x, x, x, x, x, x, x, x, x, x]\n" + "".join(
    f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join(['*' + chr(97 + i)] * 10)}]\n" for i in range(9)
)


def test_a_yaml_alias_bomb_is_refused(tmp_path: Path) -> None:
    root = _example(tmp_path)
    (root / "site.yaml").write_text(
        (root / "site.yaml").read_text(encoding="utf-8") + BILLION_LAUGHS, encoding="utf-8"
    )
    line = (REPO / "site.yaml").read_text(encoding="utf-8").count("\n") + 4  # the 'd:' line
    result = _refused(root, tmp_path, "build")
    assert result.error_lines() == [
        f"site.yaml:{line}: invalid YAML: aliases (*name) here repeat more than "
        f"{MAX_YAML_ALIAS_VALUES} values; write the values out or use fewer aliases",
        SUMMARY,
    ]


def test_a_few_aliases_are_still_fine() -> None:
    text = "base: &base {nl: Tekst, en: Text}\nother: *base\nlist: [*base, *base]\n"
    result = parse_yaml(text, "x.yaml")
    assert result.diagnostics == ()
    assert result.data["list"] == [{"nl": "Tekst", "en": "Text"}] * 2


def test_an_alias_to_its_own_mapping_is_refused() -> None:
    result = parse_yaml("a: &a [*a]\n", "x.yaml")
    assert [str(d) for d in result.diagnostics] == [
        "x.yaml:1: invalid YAML: found unconstructable recursive node"
    ]


# -- the results CSV ---------------------------------------------------------------------------


@pytest.fixture
def issuer(site: SiteFolder, tmp_path: Path) -> Issuer:
    return Issuer.with_key(site, tmp_path)


def _issue_refused(issuer: Issuer, text: str) -> list[str]:
    """Both the dry run and the real run fail with the same lines and write nothing."""
    path = issuer.write_csv(text)
    merge = issuer.outside / "mail.csv"
    before = tree_files(issuer.root, cache=False)
    outputs = []
    for extra in (["--dry-run"], []):
        result = issuer.run(
            "issue", "--module", "test-module", "--csv", path, "--mail-merge", merge, *extra,
            at=ISSUED_AT,
        )  # fmt: skip
        assert result.code == 1, result.text
        assert "Traceback" not in result.text
        assert result.out == ""
        assert tree_files(issuer.root, cache=False) == before
        assert not merge.exists()
        outputs.append([line.replace(str(path), "results.csv") for line in result.error_lines()])
    assert outputs[0] == outputs[1]
    return outputs[0]


def test_a_csv_value_over_128_kib_is_refused_on_its_line(issuer: Issuer) -> None:
    big = "x" * (MAX_CSV_CELL + 1)
    text = f"name,email,narrative\nAda,ada@example.org,\nAlan,alan@example.org,{big}\n"
    assert _issue_refused(issuer, text) == [
        f"results.csv:3: a value longer than {MAX_CSV_CELL:,} characters starts on this line; "
        'most likely a quote (") opens a value here that is not closed where it should be',
        SUMMARY,
    ]


def test_one_stray_quote_in_5000_rows_names_its_line(issuer: Issuer) -> None:
    rows = [f"Learner {n},learner{n}@example.org" for n in range(5000)]
    rows[2999] = 'Learner 2999,"learner2999@example.org'  # on line 3001
    assert _issue_refused(issuer, "name,email\n" + "\n".join(rows) + "\n") == [
        'results.csv:3001: a quote (") opens a value on this line that is never closed, so the '
        "rest of the file would be read as that one value; close it or remove it",
        SUMMARY,
    ]


def test_a_stray_quote_that_swallows_more_than_128_kib_names_its_line(issuer: Issuer) -> None:
    rows = [f"Learner {n},learner{n}@example.org,A narrative line." for n in range(5000)]
    rows[9] = 'Learner 9,learner9@example.org,"A narrative line.'  # on line 11
    lines = _issue_refused(issuer, "name,email,narrative\n" + "\n".join(rows) + "\n")
    assert lines[0].startswith("results.csv:11: a value longer than 131,072 characters")


def test_a_quoted_value_over_several_lines_is_still_fine(issuer: Issuer) -> None:
    text = 'name,email,narrative\nAda,ada@example.org,"two\nlines"\n'
    path = issuer.write_csv(text)
    result = issuer.ok("issue", "--module", "test-module", "--csv", path, "--dry-run", at=ISSUED_AT)
    assert "would issue 1 credential(s)" in result.out


# -- JSON: one loader for files and the network -------------------------------------------------


def _deep_json(levels: int) -> bytes:
    return b"[" * levels + b"]" * levels


def test_deeply_nested_json_given_to_verify_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "deep.json"
    path.write_bytes(_deep_json(100_000))
    result = _refused(tmp_path, tmp_path, "verify", "--offline", str(path))
    assert result.error_lines() == [f"error: {path}:1: {DEEP_JSON}"]


def test_deeply_nested_json_in_content_credentials_is_refused(tmp_path: Path) -> None:
    root = _example(tmp_path)
    (root / f"content/credentials/{TOKEN}.json").write_bytes(
        b'{"id":\n' + _deep_json(100_000) + b"}"
    )
    result = _refused(root, tmp_path, "build")
    assert result.error_lines() == [
        f"content/credentials/{TOKEN}.json:2: {DEEP_JSON}; {EDITED}",
        SUMMARY,
    ]


def _with_duplicate_name(credential: Path) -> tuple[bytes, int]:
    """A credential with a second top-level "name" inserted before the first; the line of
    the first one (now the second in reading order)."""
    lines = credential.read_text(encoding="utf-8").split("\n")
    first = next(n for n, line in enumerate(lines) if line.startswith('  "name":'))
    lines.insert(1, '  "name": "Another name",')
    return "\n".join(lines).encode("utf-8"), first + 2


DUPLICATE = (
    'the key "name" is given twice in one object (readers disagree on which value counts, '
    "so JSON with duplicate keys is refused)"
)


def test_a_credential_file_with_a_duplicate_key_is_refused(tmp_path: Path) -> None:
    root = _example(tmp_path)
    credential = sorted((root / "content/credentials").glob("*.json"))[0]
    data, line = _with_duplicate_name(credential)
    credential.write_bytes(data)
    result = _refused(root, tmp_path, "build")
    shown = credential.relative_to(root).as_posix()
    assert f"{shown}:{line}: {DUPLICATE}; {EDITED}" in result.error_lines()


def test_verify_refuses_a_duplicate_key(tmp_path: Path) -> None:
    credential = sorted((REPO / "content/credentials").glob("*.json"))[0]
    data, line = _with_duplicate_name(credential)
    path = tmp_path / "credential.json"
    path.write_bytes(data)
    result = _refused(tmp_path, tmp_path, "verify", "--offline", str(path))
    assert result.error_lines() == [f"error: {path}:{line}: {DUPLICATE}"]


def test_a_status_list_nested_too_deeply_is_refused(tmp_path: Path) -> None:
    root = _example(tmp_path)
    (root / "content/status/revocation-1.json").write_bytes(_deep_json(100_000))
    result = _refused(root, tmp_path, "build")
    assert (
        f"content/status/revocation-1.json: not a readable status list ({DEEP_JSON} (line 1))"
        in result.error_lines()
    )


def test_a_key_file_nested_too_deeply_is_refused(issuer: Issuer, tmp_path: Path) -> None:
    key_file = tmp_path / "deep-key.json"
    key_file.write_bytes(_deep_json(100_000))
    key_file.chmod(0o600)
    path = issuer.write_csv("name,email\nAda,ada@example.org\n")
    before = tree_files(issuer.root, cache=False)
    result = issuer.run(
        "issue", "--module", "test-module", "--csv", path, "--key-file", key_file,
        "--mail-merge", issuer.outside / "mail.csv", at=ISSUED_AT,
    )  # fmt: skip
    assert (result.code, result.error_lines()) == (
        1,
        [f"error: {key_file}: not a credsite key file ({DEEP_JSON} (line 1))"],
    )
    assert tree_files(issuer.root, cache=False) == before


@pytest.mark.parametrize(
    ("text", "line", "reason"),
    [
        ('{"a": 1,\n "b": {"x": 1,\n  "x": 2}}', 3, 'the key "x" is given twice'),
        ('{"\\u0061": 1,\n "a": 2}', 2, 'the key "a" is given twice'),
        ('{"a":\n [1, NaN]}', 2, "NaN is not a JSON number"),
        ('{"a": "Infinity",\n "b": Infinity}', 2, "Infinity is not a JSON number"),
        ('{"a":\n -Infinity}', 2, "-Infinity is not a JSON number"),
        ('{"a":\n 1e999}', 2, "the number 1e999 is too large to read"),
        ('{"a":\n 1' + "0" * 5000 + "}", 2, "a number of 5001 digits (at most 100 are read)"),
        ('{"a":\n "\xff"}', 2, "not UTF-8 text (byte 8)"),
        ("[" * 100_000 + "]" * 100_000, 1, DEEP_JSON),
        ("[\n" + "[" * MAX_JSON_DEPTH + "]" * MAX_JSON_DEPTH + "]", 2, ""),
        ('{"a": }', 1, "Expecting value: line 1 column 7"),
    ],
    ids=[
        "duplicate",
        "duplicate-escaped",
        "nan",
        "infinity",
        "minus-infinity",
        "float-overflow",
        "long-integer",
        "not-utf8",
        "deep",
        "one-too-deep",
        "syntax",
    ],
)
def test_the_json_loader_refuses_with_the_line(text: str, line: int, reason: str) -> None:
    data = text.encode("utf-8") if "\xff" not in text else text.encode("latin-1")
    with pytest.raises(JsonInputError) as caught:
        load_json(data)
    assert caught.value.line == line
    assert caught.value.reason.startswith(reason or DEEP_JSON)


def test_the_json_loader_accepts_what_credsite_writes() -> None:
    at_limit = "[" * MAX_JSON_DEPTH + "]" * MAX_JSON_DEPTH
    assert load_json(at_limit.encode()) is not None
    assert load_json(b'\xef\xbb\xbf{"a": [1, 2.5, "NaN", null, true]}') == {
        "a": [1, 2.5, "NaN", None, True]
    }
    for credential in sorted((REPO / "content/credentials").glob("*.json")):
        assert load_json(credential.read_bytes()) == json.loads(credential.read_bytes())


def test_a_json_document_over_the_size_limit_is_refused_unread(tmp_path: Path) -> None:
    path = tmp_path / "big.json"
    path.write_bytes(b"[" + b"1," * (MAX_JSON_BYTES // 2) + b"1]")
    result = _refused(tmp_path, tmp_path, "verify", "--offline", str(path))
    limit = MAX_JSON_BYTES // (1024 * 1024)
    assert result.error_lines() == [
        f"error: {path}: larger than {limit} MB (the limit for a JSON document)"
    ]
