"""Writing a module file's front matter keys and one language of its body, keeping the rest.

An import (credsite/catalogue/edubadges.py) owns some keys of a module; staff own the others and
every language the import does not write. This module replaces the owned keys' YAML in place
(per language for texts), leaves every other line of the front matter as the staff wrote it,
comments included, and replaces only the imported language's section of the body. Writing the
same values twice gives the same bytes, so a second import of the same input changes nothing.
"""

from __future__ import annotations

import json
import re
from datetime import date
from typing import Any

import yaml

_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_KEY_LINE = re.compile(r"^([A-Za-z_][A-Za-z0-9_-]*)\s*:(?:\s|$)")
_LANG_MARKER = re.compile(r"^<!--\s*lang:\s*([a-z]{2,3})\s*-->\s*$")


# Plain text YAML reads back as the same text: it starts with a letter, has no ': ' or ' #',
# does not end in ':' and is not a word YAML 1.1 reads as true, false or null.
_PLAIN = re.compile(r"^[^\W\d_][^\x00-\x1f\x7f\u2028\u2029]*$")
_NOT_PLAIN = re.compile(r": |\s#|[:\s]$")
# words YAML 1.1 readers (PyYAML's resolver among them) take as true, false or null, in any case
_RESERVED = frozenset(["yes", "no", "true", "false", "on", "off", "null", "y", "n"])
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\u2028\u2029\ufeff]")


def dump_key(key: str, value: Any) -> str:
    """One top-level key as block YAML, ending in a newline: lists indented under their key
    (as docs/content.md writes them), and Markdown that spans lines as a literal block, so
    staff can read and edit what was written. Only what an import writes: mappings, lists,
    text, numbers, true/false and dates."""
    return "".join(line + "\n" for line in _lines(key, value, 0))


def _lines(key: str, value: Any, indent: int) -> list[str]:
    pad = " " * indent
    if isinstance(value, dict):
        if not value:
            return [f"{pad}{key}: {{}}"]
        lines = [f"{pad}{key}:"]
        for name, item in value.items():
            lines += _lines(str(name), item, indent + 2)
        return lines
    if isinstance(value, list):
        if not value:
            return [f"{pad}{key}: []"]
        lines = [f"{pad}{key}:"]
        for item in value:
            first, rest = _scalar(item, indent + 4)
            lines += [f"{pad}  - {first}", *rest]
        return lines
    first, rest = _scalar(value, indent + 2)
    return [f"{pad}{key}: {first}", *rest]


def _scalar(value: Any, indent: int) -> tuple[str, list[str]]:
    """A value's text, and the lines of a literal block (indented by ``indent``)."""
    if isinstance(value, bool):
        return ("true" if value else "false"), []
    if isinstance(value, int | float):
        return repr(value), []
    if isinstance(value, date):
        return value.isoformat(), []
    text = str(value)
    literal = text[:1] not in " \t" and not text.endswith("\n") and "\r" not in text
    if "\n" in text and literal and not _CONTROL.search(text):
        pad = " " * indent
        return "|-", [f"{pad}{line}" if line else "" for line in text.split("\n")]
    if "\n" in text or _CONTROL.search(text):
        return json.dumps(text, ensure_ascii=False), []  # JSON strings are YAML too
    if _PLAIN.match(text) and not _NOT_PLAIN.search(text) and text.lower() not in _RESERVED:
        return text, []
    return "'" + text.replace("'", "''") + "'", []


def module_text(
    existing: str | None,
    values: dict[str, Any],
    create_only: frozenset[str],
    body: tuple[str, str],
    languages: tuple[str, ...],
) -> str:
    """The module file with ``values`` written (texts merged per language into what is
    there), in their order when the file is new, and the body section of ``body[0]`` (a
    language) replaced by ``body[1]``. Keys in ``create_only`` are written only where the file
    has none (staff own them afterwards); a key whose value is None is removed (ec when the
    import writes hours). ``languages`` are the site's, the default first."""
    prelude, blocks, old_body = _split(existing or "---\n---\n")
    present = {key for key, _ in blocks}
    old_values = _load([line for _, lines in blocks for line in lines])
    values = {k: v for k, v in values.items() if k not in create_only or k not in present}
    replaced: list[tuple[str, list[str]]] = []
    for key, lines in blocks:
        if key not in values:
            replaced.append((key, lines))
        elif values[key] is not None:
            merged = merge(old_values.get(key), values[key], languages)
            replaced.append((key, [dump_key(key, merged)]))
    for key, value in values.items():
        if key not in present and value is not None:
            replaced.append((key, [dump_key(key, value)]))
    front = "".join(prelude) + "".join("".join(lines) for _, lines in replaced)
    return f"---\n{front}---\n{_body(old_body, body, languages)}"


def merge(old: Any, new: Any, languages: tuple[str, ...]) -> Any:
    """``new`` written over ``old``: per language for texts (``{nl: ...}``), member by member
    for mappings (quality_assurance); otherwise ``new``."""
    if not isinstance(new, dict):
        return new
    if _per_language(new, languages):
        if old is None or (isinstance(old, dict) and not _per_language(old, languages)):
            old = {}
        elif not isinstance(old, dict):
            old = {languages[0]: old}  # a text written once is in the default language
        combined = {**old, **new}
        ordered = [lang for lang in languages if lang in combined]
        ordered += sorted(lang for lang in combined if lang not in languages)
        return {lang: combined[lang] for lang in ordered}
    base = old if isinstance(old, dict) else {}
    result = {key: merge(base.get(key), value, languages) for key, value in new.items()}
    result.update({key: value for key, value in base.items() if key not in new})
    return result


def _per_language(value: dict[Any, Any], languages: tuple[str, ...]) -> bool:
    return (
        bool(value)
        and all(isinstance(key, str) and len(key) in (2, 3) for key in value)
        and any(key in languages for key in value)
    )


def _load(lines: list[str]) -> dict[Any, Any]:
    """The front matter's values (none when it is not YAML: ``check`` says why)."""
    try:
        data = yaml.load("".join(lines), Loader=_LOADER)
    except yaml.YAMLError:
        return {}
    return data if isinstance(data, dict) else {}


def _split(text: str) -> tuple[list[str], list[tuple[str, list[str]]], str]:
    """The lines before the first key, each top-level key with its lines, and the body."""
    lines = text.removeprefix("\ufeff").splitlines(keepends=True)
    end = next(
        (i for i in range(1, len(lines)) if lines[i].rstrip("\r\n") in ("---", "...")),
        len(lines),
    )
    prelude: list[str] = []
    blocks: list[tuple[str, list[str]]] = []
    for line in lines[1:end]:
        if not line.endswith("\n"):
            line += "\n"
        match = _KEY_LINE.match(line)
        if match:
            blocks.append((match.group(1), [line]))
        elif blocks:
            blocks[-1][1].append(line)
        else:
            prelude.append(line)
    return prelude, blocks, "".join(lines[end + 1 :])


def _body(old: str, new: tuple[str, str], languages: tuple[str, ...]) -> str:
    """The body with the section of ``new[0]`` replaced: the default language first and
    unmarked, every other language after its ``<!-- lang: xx -->`` line."""
    sections: dict[str, list[str]] = {}
    current = languages[0]
    for line in old.splitlines():
        marker = _LANG_MARKER.match(line.strip())
        if marker:
            current = marker.group(1)
            sections.setdefault(current, [])
            continue
        sections.setdefault(current, []).append(line)
    texts = {lang: "\n".join(lines).strip() for lang, lines in sections.items()}
    texts[new[0]] = new[1].strip()
    order = [lang for lang in languages if lang in texts]
    order += sorted(lang for lang in texts if lang not in languages)
    parts = []
    for lang in order:
        if not texts[lang]:
            continue
        mark = "" if lang == languages[0] else f"<!-- lang: {lang} -->\n"
        parts.append(mark + texts[lang])
    return "\n\n".join(parts) + "\n" if parts else ""
