"""Reading typed fields out of YAML mappings, collecting every problem instead of stopping at one.

Staff fix a whole file in one go when ``check`` lists every problem with its line, the field and
what would be allowed. The ``Checker`` methods return ``None`` for a bad value and record why.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any
from urllib.parse import urlsplit

from credsite.base.errors import Diagnostic, Severity
from credsite.base.sourcefile import LineDict, LineList
from credsite.catalogue.model import Text, TextList

LANGUAGE_NAMES = {
    "nl": {"nl": "Nederlands", "en": "Dutch"},
    "en": {"nl": "Engels", "en": "English"},
}
KNOWN_LANGUAGES = tuple(LANGUAGE_NAMES)  # the languages credsite has interface texts for
_EMAIL = re.compile(r"^[^@\s<>\"']+@[^@\s<>\"']+\.[A-Za-z]{2,}$")


def is_web_url(value: str, schemes: tuple[str, ...] = ("https", "http")) -> bool:
    parts = urlsplit(value)
    if parts.scheme == "mailto":
        return "mailto" in schemes and bool(_EMAIL.match(parts.path))
    return parts.scheme in schemes and bool(parts.netloc) and " " not in value


def is_email(value: str) -> bool:
    return bool(_EMAIL.match(value))


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    close = difflib.get_close_matches(word, sorted(choices), n=1, cutoff=0.6)
    return f"; did you mean '{close[0]}'?" if close else ""


def line_of(container: Any, key: Any) -> int | None:
    if isinstance(container, LineDict):
        return container.line_of(key)
    if isinstance(container, LineList):
        return container.line_of(key)
    return None


class Checker:
    """Collects diagnostics for one source file."""

    def __init__(self, path: str, languages: tuple[str, ...], default_language: str):
        self.path = path
        self.languages = languages
        self.default_language = default_language
        self.diagnostics: list[Diagnostic] = []

    # -- reporting -------------------------------------------------------------------------

    def error(self, line: int | None, field: str, message: str) -> None:
        self.diagnostics.append(Diagnostic(self.path, line, field, message))

    def warning(self, line: int | None, field: str, message: str) -> None:
        self.diagnostics.append(Diagnostic(self.path, line, field, message, Severity.WARNING))

    @property
    def has_errors(self) -> bool:
        return any(d.is_error for d in self.diagnostics)

    # -- structure -------------------------------------------------------------------------

    def mapping(self, value: Any, field: str, line: int | None) -> LineDict | None:
        if isinstance(value, LineDict):
            return value
        self.error(line, field, f"must be a mapping of keys to values, not {_kind(value)}")
        return None

    def known_keys(self, mapping: LineDict, allowed: Iterable[str], prefix: str = "") -> None:
        allowed = set(allowed)
        for key in mapping:
            if key not in allowed:
                name = f"{prefix}{key}"
                hint = did_you_mean(str(key), allowed)
                self.error(mapping.line_of(key), name, f"unknown key{hint}")

    def required(self, mapping: LineDict, key: str, field: str, allowed: str) -> bool:
        if mapping.get(key) in (None, "", [], {}):
            self.error(mapping.line_of(key), field, f"missing ({allowed})")
            return False
        return True

    # -- scalars ---------------------------------------------------------------------------

    def string(self, mapping: LineDict, key: str, field: str, max_length: int = 500) -> str | None:
        value = mapping.get(key)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, str | int | float):
            self.error(mapping.line_of(key), field, f"must be text, not {_kind(value)}")
            return None
        text = str(value).strip()
        if len(text) > max_length:
            self.error(
                mapping.line_of(key),
                field,
                f"too long ({len(text)} characters; at most {max_length})",
            )
            return None
        return text or None

    def boolean(self, mapping: LineDict, key: str, field: str) -> bool | None:
        value = mapping.get(key)
        if value is None:
            return None
        if not isinstance(value, bool):
            self.error(mapping.line_of(key), field, f"'{value}' is not true or false (true, false)")
            return None
        return value

    def integer(self, mapping: LineDict, key: str, field: str, low: int, high: int) -> int | None:
        value = mapping.get(key)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            self.error(
                mapping.line_of(key),
                field,
                f"'{value}' is not allowed (a whole number from {low} to {high})",
            )
            return None
        return value

    def decimal(self, mapping: LineDict, key: str, field: str) -> Decimal | None:
        value = mapping.get(key)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int | float | str):
            self.error(mapping.line_of(key), field, f"'{value}' is not a number")
            return None
        try:
            number = (
                Decimal(str(value).replace(",", "."))
                if isinstance(value, str)
                else Decimal(str(value))
            )
        except InvalidOperation:
            self.error(mapping.line_of(key), field, f"'{value}' is not a number")
            return None
        if not number.is_finite():
            self.error(mapping.line_of(key), field, f"'{value}' is not a number")
            return None
        return number

    def date(self, mapping: LineDict, key: str, field: str) -> date | None:
        value = mapping.get(key)
        if value is None:
            return None
        text = str(value).strip()
        try:
            if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
                raise ValueError
            return date.fromisoformat(text)
        except ValueError:
            self.error(
                mapping.line_of(key), field, f"'{text}' is not a date (YYYY-MM-DD, e.g. 2027-02-01)"
            )
            return None

    def url(
        self, mapping: LineDict, key: str, field: str, schemes: tuple[str, ...] = ("https", "http")
    ) -> str | None:
        text = self.string(mapping, key, field, max_length=2000)
        if text is None:
            return None
        if not is_web_url(text, schemes):
            allowed = ", ".join(f"{s}:" for s in schemes)
            self.error(
                mapping.line_of(key), field, f"'{text}' is not a web address ({allowed} URL)"
            )
            return None
        return text

    def email(self, mapping: LineDict, key: str, field: str) -> str | None:
        text = self.string(mapping, key, field, max_length=254)
        if text is not None and not is_email(text):
            self.error(mapping.line_of(key), field, f"'{text}' is not an e-mail address")
            return None
        return text

    def choice(self, mapping: LineDict, key: str, field: str, allowed: Iterable[str]) -> str | None:
        value = mapping.get(key)
        if value is None:
            return None
        return self._one_choice(str(value), mapping.line_of(key), field, list(allowed))

    def choices(
        self, mapping: LineDict, key: str, field: str, allowed: Iterable[str]
    ) -> tuple[str, ...]:
        """A list of codes; a single code is accepted as a list of one."""
        value = mapping.get(key)
        if value is None:
            return ()
        allowed = list(allowed)
        items = value if isinstance(value, list) else [value]
        found: list[str] = []
        for index, item in enumerate(items):
            line = line_of(value, index) if isinstance(value, list) else mapping.line_of(key)
            name = f"{field}[{index}]" if isinstance(value, list) else field
            if isinstance(item, dict | list):
                self.error(line, name, f"must be one of: {', '.join(allowed)}")
                continue
            code = self._one_choice(str(item), line, name, allowed)
            if code is None:
                continue
            if code in found:
                self.error(line, name, f"'{code}' is listed twice")
                continue
            found.append(code)
        return tuple(found)

    def _one_choice(
        self, value: str, line: int | None, field: str, allowed: list[str]
    ) -> str | None:
        if value in allowed:
            return value
        hint = did_you_mean(value, allowed)
        self.error(line, field, f"'{value}' is not allowed ({', '.join(allowed)}){hint}")
        return None

    # -- texts per language ------------------------------------------------------------------

    def text(self, mapping: LineDict, key: str, field: str, max_length: int = 20000) -> Text | None:
        """A text given once (in the site's default language) or as ``{nl: ..., en: ...}``."""
        per_language = self._per_language(mapping, key, field)
        if per_language is None:
            return None
        texts: dict[str, str] = {}
        errors_before = len(self.diagnostics)
        for lang, (value, line) in per_language.items():
            if isinstance(value, bool) or not isinstance(value, str | int | float):
                self.error(line, f"{field}.{lang}", f"must be text, not {_kind(value)}")
                continue
            text = str(value).strip()
            if len(text) > max_length:
                self.error(
                    line,
                    f"{field}.{lang}",
                    f"too long ({len(text)} characters; at most {max_length})",
                )
            elif text:
                texts[lang] = text
        if not texts:
            return None
        if len(self.diagnostics) == errors_before:
            self._warn_missing_translations(texts.keys(), mapping.line_of(key), field)
        return Text.of(texts)

    def text_list(
        self, mapping: LineDict, key: str, field: str, max_length: int = 2000
    ) -> TextList | None:
        """A list of texts, once or per language: ``{nl: [...], en: [...]}``."""
        per_language = self._per_language(mapping, key, field)
        if per_language is None:
            return None
        lists: dict[str, tuple[str, ...]] = {}
        errors_before = len(self.diagnostics)
        for lang, (value, line) in per_language.items():
            name = f"{field}.{lang}" if isinstance(mapping.get(key), dict) else field
            items = value if isinstance(value, list) else [value]
            texts: list[str] = []
            for index, item in enumerate(items):
                item_line = line_of(value, index) if isinstance(value, list) else line
                if isinstance(item, bool) or not isinstance(item, str | int | float):
                    self.error(item_line, f"{name}[{index}]", f"must be text, not {_kind(item)}")
                    continue
                text = str(item).strip()
                if len(text) > max_length:
                    self.error(
                        item_line, f"{name}[{index}]", f"too long (at most {max_length} characters)"
                    )
                elif text:
                    texts.append(text)
            if texts:
                lists[lang] = tuple(texts)
        if not lists:
            return None
        if len(self.diagnostics) == errors_before:
            self._warn_missing_translations(lists.keys(), mapping.line_of(key), field)
        return TextList(tuple(sorted(lists.items())))

    def _per_language(
        self, mapping: LineDict, key: str, field: str
    ) -> dict[str, tuple[Any, int | None]] | None:
        value = mapping.get(key)
        if value is None:
            return None
        if not isinstance(value, LineDict):
            return {self.default_language: (value, mapping.line_of(key))}
        result: dict[str, tuple[Any, int | None]] = {}
        for lang, text in value.items():
            if lang in KNOWN_LANGUAGES and lang not in self.languages:
                continue  # a site language switched off in site.yaml: kept, not shown
            if lang not in self.languages:
                hint = did_you_mean(str(lang), self.languages)
                allowed = ", ".join(self.languages)
                self.error(
                    value.line_of(lang), f"{field}.{lang}", f"unknown language ({allowed}){hint}"
                )
                continue
            if text is not None:
                result[lang] = (text, value.line_of(lang))
        return result

    def _warn_missing_translations(
        self, present: Iterable[str], line: int | None, field: str
    ) -> None:
        present = set(present)
        for lang in self.languages:
            if lang not in present:
                shown = sorted(present, key=lambda other: other != self.default_language)[0]
                missing = LANGUAGE_NAMES.get(lang, {}).get("en", lang)
                fallback = LANGUAGE_NAMES.get(shown, {}).get("en", shown)
                self.warning(
                    line,
                    field,
                    f"no {missing} ({lang}) text; the {fallback} text is shown with a language mark",
                )

    def check(self, condition: bool, line: int | None, field: str, message: str) -> bool:
        if not condition:
            self.error(line, field, message)
        return condition


def _kind(value: Any) -> str:
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, bool):
        return "true/false"
    if value is None:
        return "empty"
    return f"'{value}'"
