"""The catalogue's checkbox filters, as data: one entry in ``FILTERS`` per filter.

A checkbox filter is a group of options on the catalogue page; a card stays visible when one of
its values is ticked, or when nothing in the group is. Everything else follows from the entry:
the catalogue template draws one fieldset per filter that has options, every card carries its
values in a ``data-filter-<name>`` attribute, and ``assets/catalogue.js`` matches every group
from those attributes. A new filter is therefore one entry here plus its legend in ``labels.py``.

The other filters are not groups of values and stay in the template and script by name: the
free-text search (words in a text), the EC range (two numbers), "stackable only" (a single
switch) and "starts soon" (compared with the visitor's own date, which the build cannot know).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from credsite.catalogue.achievement import pick
from credsite.catalogue.labels import label
from credsite.catalogue.model import Module, SiteConfig
from credsite.catalogue.views import format_number
from credsite.catalogue.vocab import (
    ASSESSMENT_TYPES,
    ISCED_F,
    LANGUAGES,
    PARTICIPATION,
    Labels,
    isced_broad,
)

Reader = Callable[[Module, SiteConfig, str], tuple[str, ...]]
Namer = Callable[[str, str], str]
Order = Callable[[set[str]], list[str]]


def as_is(value: str, lang: str) -> str:
    """An option shown as its value (an EQF level, a faculty's name)."""
    return value


@dataclass(frozen=True)
class CheckboxFilter:
    """One checkbox filter; its place in ``FILTERS`` is its fieldset's place on the page."""

    # The form field and URL parameter (?name=value), which shared links depend on, and the
    # cards' data-filter-<name>: lower-case letters, digits and _, none of the special filters'.
    name: str
    label: str  # the key in labels.py of the fieldset's legend
    values: Reader  # a module's values in a page's language: what its card matches on
    option_text: Namer = as_is  # an option's text, from its value and the page's language
    order: Order = sorted  # the order of the options, from the values some module has


def codes(read: Callable[[Module], Iterable[object]]) -> Reader:
    """Values that are codes, the same in every language (a level, an ISO 639 code)."""

    def reader(module: Module, site: SiteConfig, lang: str) -> tuple[str, ...]:
        return tuple(str(code) for code in read(module))

    return reader


def named_in(vocabulary: Labels) -> Namer:
    """Options named by a vocabulary in vocab.py."""
    return lambda code, lang: vocabulary[code][lang]


def in_order_of(vocabulary: Labels) -> Order:
    """Options in the vocabulary's own order (the order staff know from Edubadges)."""
    return lambda found: [code for code in vocabulary if code in found]


def _by_number(found: set[str]) -> list[str]:
    return sorted(found, key=int)


def _broad_field(module: Module) -> tuple[str, ...]:
    # ?field= is the ISCED-F broad field (two digits), not the module's own detailed code.
    return (isced_broad(module.field_of_study),) if module.field_of_study else ()


def _faculty(module: Module, site: SiteConfig, lang: str) -> tuple[str, ...]:
    # A faculty has no code: its name in the page's language is the value (?faculty=<name>).
    return (pick(module.faculty, site, lang),) if module.faculty else ()


FILTERS: tuple[CheckboxFilter, ...] = (
    CheckboxFilter("eqf", "filter_eqf", codes(lambda m: (m.eqf_level,)), order=_by_number),
    CheckboxFilter("language", "filter_language", codes(lambda m: m.language), named_in(LANGUAGES)),
    CheckboxFilter(
        "participation",
        "filter_participation",
        codes(lambda m: m.participation),
        named_in(PARTICIPATION),
        in_order_of(PARTICIPATION),
    ),
    CheckboxFilter(
        "assessment",
        "filter_assessment",
        codes(lambda m: m.assessment_type),
        named_in(ASSESSMENT_TYPES),
        in_order_of(ASSESSMENT_TYPES),
    ),
    CheckboxFilter("field", "filter_field", codes(_broad_field), named_in(ISCED_F)),
    CheckboxFilter("faculty", "filter_faculty", _faculty),
)


def catalogue_filters(site: SiteConfig, lang: str, modules: tuple[Module, ...]) -> dict[str, Any]:
    """What the catalogue's filter form shows in ``lang``: the checkbox groups and the EC range."""
    return {"groups": filter_groups(site, lang, modules), **_ec_range(modules, lang)}


def filter_groups(site: SiteConfig, lang: str, modules: tuple[Module, ...]) -> list[dict[str, Any]]:
    """Each filter's legend and options, in ``FILTERS`` order. Only values some module has: an
    option that can never match is noise, and a filter without options is left out."""
    groups = []
    for entry in FILTERS:
        found = {value for m in modules for value in entry.values(m, site, lang)}
        if found:
            options = [
                {"value": value, "text": entry.option_text(value, lang)}
                for value in entry.order(found)
            ]
            groups.append(
                {"name": entry.name, "legend": label(lang, entry.label), "options": options}
            )
    return groups


def card_filters(module: Module, site: SiteConfig, lang: str) -> list[dict[str, Any]]:
    """A card's values for every filter, in ``FILTERS`` order, for its ``data-filter-`` marks."""
    return [
        {"name": entry.name, "values": list(entry.values(module, site, lang))} for entry in FILTERS
    ]


def _ec_range(modules: tuple[Module, ...], lang: str) -> dict[str, str]:
    """The EC range fields' placeholders: the smallest and largest study load on offer."""
    ecs = [m.ec for m in modules if m.ec is not None]
    if not ecs:
        return {"ec_min": "3", "ec_max": "30"}
    return {"ec_min": format_number(min(ecs), lang), "ec_max": format_number(max(ecs), lang)}
