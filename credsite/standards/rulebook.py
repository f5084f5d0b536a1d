"""The verifier rulebook, ``credsite/data/verifier-rules.json``: what the Python and the browser
verifier must agree on, read from one file so that neither can drift from the other.

The file holds the check ids (in report order, with their labels and the checks each one needs),
the ordered rules that turn the checks' outcomes into a verdict, each verdict's title and sentence
in Dutch and English, and the constants both verifiers used to write in their own language: the
Open Badges context pattern, the weak (small-order) Ed25519 keys, the date-time pattern, the proof
and status-list constants. The browser bundle imports the same file as JSON.

The file is read and checked once. A malformed rulebook is a bug in the package, not something a
user can fix, so it raises ``RulebookError`` with its traceback rather than a ``CredsiteError``.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any, Final, Literal

RULES_FILE = resources.files("credsite") / "data" / "verifier-rules.json"
LANGUAGES: Final = ("nl", "en")
VERIFIERS: Final = frozenset({"python", "browser"})
# unsupported: the check's subject is in a format this verifier does not know (not unsafe,
# not malformed: those are failed); like not-checked, it does not meet another check's needs.
OUTCOMES: Final = ("passed", "failed", "warning", "not-checked", "unsupported")

# The regular-expression syntax that Python's re (ASCII, whole string) and JavaScript's RegExp
# read the same way: anchors, groups, character classes, counted repeats and a few escaped
# punctuation marks; no shorthand classes (\d matches other digits in Python), lookarounds,
# flags or named groups.
_PORTABLE_ESCAPE = re.compile(r"\\[^./\-+]")
_PLACEHOLDER = re.compile(r"\{(\w+)\}")

Match = Literal["any", "not-all"]


class RulebookError(ValueError):
    """verifier-rules.json is not what this reader expects: a packaging bug."""


@dataclass(frozen=True)
class Text:
    """A sentence or label in both languages of the site."""

    nl: str
    en: str

    def get(self, lang: str) -> str:
        if lang == "nl":
            return self.nl
        if lang == "en":
            return self.en
        raise ValueError(f"no text in language {lang!r} (only {', '.join(LANGUAGES)})")


@dataclass(frozen=True)
class Check:
    """One check id: which verifiers make it, and which checks must pass before it is tried."""

    id: str
    label: Text
    by: frozenset[str]
    needs: tuple[str, ...]
    about: str


@dataclass(frozen=True)
class Rule:
    """One verdict rule. ``match`` None is the last rule, which always applies."""

    state: str
    checks: tuple[str, ...]
    match: Match | None
    outcomes: frozenset[str]

    def applies(self, found: Mapping[str, tuple[str, ...]]) -> bool:
        """Whether the rule applies to the outcomes found for each check id (every
        occurrence of an id counts: a credential has one status check per entry)."""
        if self.match is None:
            return True
        if self.match == "any":
            return any(o in self.outcomes for i in self.checks for o in found.get(i, ()))
        return not all(
            found.get(i) and all(o in self.outcomes for o in found[i]) for i in self.checks
        )


@dataclass(frozen=True)
class State:
    """A verdict: its title and sentence, and whether it means the credential is authentic."""

    id: str
    authentic: bool
    title: Text
    sentence: Text


@dataclass(frozen=True)
class Outcome:
    """A check's outcome, as the command line (symbol) and the page (label) show it."""

    id: str
    symbol: str
    label: Text


@dataclass(frozen=True)
class StatusMethod:
    """A status method both verifiers read: the entry type, the list credential and subject
    types it must point at, and whether encodedList must carry the multibase prefix 'u'."""

    entry_type: str
    list_type: str
    subject_type: str
    prefix_required: bool


@dataclass(frozen=True)
class Rulebook:
    """verifier-rules.json, checked and typed."""

    outcomes: tuple[Outcome, ...]
    checks: tuple[Check, ...]
    rules: tuple[Rule, ...]
    states: tuple[State, ...]
    vc_contexts: tuple[tuple[str, str], ...]  # (first @context, VC Data Model version)
    v11_dates: tuple[tuple[str, str], ...]  # (VC 2.0 name, VC 1.1 name) of the validity dates
    v11_required: tuple[str, ...]
    required_type: str
    open_badge_types: frozenset[str]
    ob_context: re.Pattern[str]
    date_time: re.Pattern[str]
    proof_type: str
    proof_purpose: str
    key_methods: tuple[str, ...]
    key_type: str
    small_order_keys: frozenset[bytes]
    status_methods: tuple[StatusMethod, ...]
    unread_status_types: frozenset[str]
    understood_purposes: tuple[str, ...]
    min_status_entries: int
    max_status_size: int
    companion_list: re.Pattern[str]
    companion_replacement: str
    absent_http_status: frozenset[int]

    @property
    def vc_context(self) -> str:
        """The VC 2.0 context: the first @context of what credsite issues."""
        return self.vc_contexts[0][0]

    def data_model(self, first_context: object) -> str | None:
        """The VC Data Model version ("2.0", "1.1") a first @context makes, or None."""
        return next((v for url, v in self.vc_contexts if url == first_context), None)

    def status_method(self, entry_types: Iterable[str]) -> StatusMethod | None:
        """The status method of an entry with these types, or None when none is read."""
        types = set(entry_types)
        return next((m for m in self.status_methods if m.entry_type in types), None)

    def check(self, check_id: str) -> Check:
        for check in self.checks:
            if check.id == check_id:
                return check
        raise KeyError(check_id)

    def state(self, state_id: str) -> State:
        for state in self.states:
            if state.id == state_id:
                return state
        raise KeyError(state_id)


@cache
def rules() -> Rulebook:
    """The rulebook, read and checked on first use."""
    return parse(json.loads(RULES_FILE.read_text(encoding="utf-8")))


@cache
def section(name: str) -> Any:
    """One section of the file as it writes it, for the module that owns it and checks it
    itself (key resolution reads ``keys``); KeyError for a section the file lacks."""
    return json.loads(RULES_FILE.read_text(encoding="utf-8"))[name]


def parse(data: Any) -> Rulebook:
    """A rulebook from the file's JSON, or ``RulebookError`` saying what is wrong with it."""
    try:
        book = _rulebook(data)
    except RulebookError:
        raise
    except (KeyError, TypeError, ValueError, AttributeError) as error:
        raise RulebookError(f"{RULES_FILE.name}: {error!r}") from error
    _check_references(book)
    return book


# -- what the verifiers call ------------------------------------------------------------------


def verdict(outcomes: Mapping[str, str]) -> str:
    """The state for one outcome per check id: the first verdict rule that applies."""
    return verdict_of((check_id, outcome) for check_id, outcome in outcomes.items())


def verdict_of(checks: Iterable[tuple[str, str]]) -> str:
    """The state for a report's checks as (id, outcome) pairs, in which an id may repeat."""
    found: dict[str, tuple[str, ...]] = {}
    for check_id, outcome in checks:
        found[check_id] = (*found.get(check_id, ()), outcome)
    return next(rule.state for rule in rules().rules if rule.applies(found))


def check_ids(verifier: str | None = None) -> tuple[str, ...]:
    """Every check id in report order, or those one verifier ('python', 'browser') makes."""
    if verifier is not None and verifier not in VERIFIERS:
        raise ValueError(f"unknown verifier {verifier!r}")
    return tuple(c.id for c in rules().checks if verifier is None or verifier in c.by)


def authenticity_checks() -> tuple[str, ...]:
    """The checks whose failure makes a credential invalid: those of the first rule that gives
    ``invalid``. The build refuses its own credentials on the same list (less key-status)."""
    return next(r.checks for r in rules().rules if r.state == "invalid")


def title(state: str, lang: str) -> str:
    """A verdict's title ("Verified", "Ingetrokken")."""
    return rules().state(state).title.get(lang)


def sentence(state: str, lang: str, **values: str) -> str:
    """A verdict's sentence with its placeholders filled (``date`` for expired and
    not-yet-valid); a placeholder without a value is a caller's bug, never a '?'."""
    template = rules().state(state).sentence.get(lang)

    def fill(match: re.Match[str]) -> str:
        if match.group(1) not in values:
            raise ValueError(f"the {state} sentence needs {{{match.group(1)}}}")
        return values[match.group(1)]

    return _PLACEHOLDER.sub(fill, template)


def verdict_line(state: str, lang: str = "en", **values: str) -> str:
    """Title and sentence as the command line prints them: "VERIFIED: this credential …"."""
    return f"{title(state, lang).upper()}: {sentence(state, lang, **values)}"


def is_ob_context(url: object) -> bool:
    """Whether ``url`` is an Open Badges 3.0 context URL (the second @context of a badge)."""
    return isinstance(url, str) and rules().ob_context.fullmatch(url) is not None


def is_small_order_key(public_key: bytes) -> bool:
    """Whether a raw Ed25519 public key is one against which a signature proves nothing."""
    return bytes(public_key) in rules().small_order_keys


def suspension_companion(list_url: str) -> str | None:
    """The URL of credsite's companion suspension list beside a revocation list, or None when
    ``list_url`` is not one of credsite's revocation lists. The pattern ends with ``$``, which
    Python's search would also let match before a final newline: the match must end the URL."""
    book = rules()
    found = book.companion_list.search(list_url)
    if found is None or found.end() != len(list_url):
        return None
    return list_url[: found.start()] + book.companion_replacement.replace(
        "{number}", found.group(1)
    )


# -- reading the file -------------------------------------------------------------------------


def _rulebook(data: Mapping[str, Any]) -> Rulebook:
    credential, keys, status = data["credential"], data["keys"], data["status"]
    proof, companion = data["proof"], status["companion"]
    return Rulebook(
        outcomes=tuple(_outcome(o) for o in data["outcomes"]),
        checks=tuple(_check(c) for c in data["checks"]),
        rules=tuple(_rule(r) for r in data["verdict"]),
        states=tuple(_state(s) for s in data["states"]),
        vc_contexts=tuple((_string(u), _string(v)) for u, v in credential["vcContexts"].items()),
        v11_dates=tuple((_string(k), _string(v)) for k, v in credential["v11Dates"].items()),
        v11_required=_strings(credential["v11Required"]),
        required_type=_string(credential["requiredType"]),
        open_badge_types=frozenset(_strings(credential["openBadgeTypes"])),
        ob_context=_pattern(credential["openBadgeContextPattern"]),
        date_time=_pattern(data["dates"]["pattern"]),
        proof_type=_string(proof["type"]),
        proof_purpose=_string(proof["proofPurpose"]),
        key_methods=_strings(keys["methods"]),
        key_type=_string(keys["type"]),
        small_order_keys=_keys(keys["smallOrderEd25519"], keys["publicKeyBytes"]),
        status_methods=tuple(_status_method(m) for m in status["methods"]),
        unread_status_types=frozenset(_strings(status["unreadEntryTypes"])),
        understood_purposes=_strings(status["understoodPurposes"]),
        min_status_entries=_count(status["minEntries"]),
        max_status_size=_count(status["maxStatusSize"]),
        companion_list=_pattern(companion["pattern"], anchored=False),
        companion_replacement=_string(companion["replacement"]),
        absent_http_status=frozenset(_count(n) for n in status["absentHttpStatus"]),
    )


def _status_method(data: Mapping[str, Any]) -> StatusMethod:
    prefix = data["multibasePrefix"]
    if prefix not in ("required", "optional"):
        raise RulebookError(
            f"status method multibasePrefix must be required or optional: {prefix!r}"
        )
    return StatusMethod(
        _string(data["entryType"]),
        _string(data["listType"]),
        _string(data["subjectType"]),
        prefix == "required",
    )


def _outcome(data: Mapping[str, Any]) -> Outcome:
    return Outcome(_string(data["id"]), _string(data["symbol"]), _text(data["label"]))


def _check(data: Mapping[str, Any]) -> Check:
    by = frozenset(_strings(data["by"]))
    if not by or not by <= VERIFIERS:
        raise RulebookError(f"check {data['id']!r}: by must name verifiers of {sorted(VERIFIERS)}")
    return Check(
        _string(data["id"]),
        _text(data["label"]),
        by,
        _strings(data["needs"]),
        _string(data["about"]),
    )


def _rule(data: Mapping[str, Any]) -> Rule:
    if "match" not in data:
        return Rule(_string(data["state"]), (), None, frozenset())
    match = data["match"]
    if match not in ("any", "not-all"):
        raise RulebookError(f"verdict rule for {data['state']!r}: unknown match {match!r}")
    outcomes = frozenset(_strings(data["outcomes"]))
    if not outcomes <= set(OUTCOMES):
        raise RulebookError(f"verdict rule for {data['state']!r}: unknown outcomes {outcomes}")
    return Rule(_string(data["state"]), _strings(data["checks"]), match, outcomes)


def _state(data: Mapping[str, Any]) -> State:
    if not isinstance(data["authentic"], bool):
        raise RulebookError(f"state {data['id']!r}: authentic must be true or false")
    return State(
        _string(data["id"]), data["authentic"], _text(data["title"]), _text(data["sentence"])
    )


def _text(data: Mapping[str, Any]) -> Text:
    if set(data) != set(LANGUAGES):
        raise RulebookError(f"a text must have exactly {LANGUAGES}, not {sorted(data)}")
    return Text(nl=_string(data["nl"]), en=_string(data["en"]))


def _pattern(source: Any, anchored: bool = True) -> re.Pattern[str]:
    """A pattern both engines read alike: checked for portable syntax, compiled for ASCII."""
    text = _string(source)
    if _PORTABLE_ESCAPE.search(text) or "(?" in text:
        raise RulebookError(f"pattern {text!r} uses syntax JavaScript and Python read apart")
    if anchored and not (text.startswith("^") and text.endswith("$")):
        raise RulebookError(f"pattern {text!r} must be anchored with ^ and $")
    return re.compile(text, re.ASCII)


def _keys(values: Any, size: Any) -> frozenset[bytes]:
    keys = frozenset(bytes.fromhex(_string(v)) for v in values)
    if len(keys) != len(values) or any(len(k) != size for k in keys):
        raise RulebookError(f"smallOrderEd25519 must be distinct {size}-byte keys")
    return keys


def _string(value: Any) -> str:
    if not isinstance(value, str) or not value:
        raise RulebookError(f"expected text, found {value!r}")
    return value


def _strings(values: Any) -> tuple[str, ...]:
    if not isinstance(values, list):
        raise RulebookError(f"expected a list, found {values!r}")
    return tuple(_string(v) for v in values)


def _count(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise RulebookError(f"expected a positive whole number, found {value!r}")
    return value


def _check_references(book: Rulebook) -> None:
    """Every id a rule or a check refers to exists, each state has exactly one title and a
    rule that reaches it, and only the last rule is unconditional."""
    ids = [c.id for c in book.checks]
    if len(set(ids)) != len(ids):
        raise RulebookError("a check id is listed twice")
    if [o.id for o in book.outcomes] != list(OUTCOMES):
        raise RulebookError(f"outcomes must be {OUTCOMES}")
    for check in book.checks:
        unknown = set(check.needs) - set(ids[: ids.index(check.id)])
        if unknown:
            raise RulebookError(f"check {check.id!r} needs {sorted(unknown)}, not listed before it")
    states = [s.id for s in book.states]
    if len(set(states)) != len(states):
        raise RulebookError("a state is listed twice")
    for rule in book.rules:
        if rule.state not in states or not set(rule.checks) <= set(ids):
            raise RulebookError(f"verdict rule for {rule.state!r} names an unknown state or check")
    if [r.match is None for r in book.rules] != [False] * (len(book.rules) - 1) + [True]:
        raise RulebookError("only the last verdict rule, and it alone, may apply always")
    unreached = set(states) - {r.state for r in book.rules}
    if unreached:
        raise RulebookError(f"no verdict rule gives {sorted(unreached)}")


# The constants the Python verifier defined itself before the rulebook (read once, at import:
# a broken rulebook stops every verification rather than judging by half a rule set).
OB_CONTEXT: Final = rules().ob_context
SMALL_ORDER_KEYS: Final = rules().small_order_keys
STATES: Final = tuple(state.id for state in rules().states)
