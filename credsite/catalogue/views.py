"""The model turned into plain, per-language data for templates.

Everything returned here is JSON-serialisable (strings, numbers, lists, dicts) because it is also
the fingerprint of the page it renders: if the data did not change, the page need not be
rendered again.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from credsite.base import urls
from credsite.catalogue.achievement import pick
from credsite.catalogue.labels import label
from credsite.catalogue.markup import render_markdown
from credsite.catalogue.model import Module, Offering, SiteConfig, Text, TextList, Track
from credsite.catalogue.vocab import (
    ASSESSMENT_TYPES,
    ISCED_F,
    LANGUAGES,
    NLQF_LEVELS,
    PARTICIPATION,
    isced_broad,
)

MONTHS = {
    "nl": ("januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober", "november", "december"),
    "en": ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"),
}  # fmt: skip


def text(value: Text | None, site: SiteConfig, lang: str) -> dict[str, Any] | None:
    """A text for a page: its value and, when it is a fallback, the language it is in."""
    if value is None:
        return None
    found, used = value.get(lang, site.language_order(lang))
    if not found:
        return None
    return _marked({"text": found}, used, lang)


def _marked(view: dict[str, Any], used: str, lang: str) -> dict[str, Any]:
    """Add the fallback language (code and name in the page's language), or None."""
    fallback = used != lang
    view["lang"] = used if fallback else None
    view["lang_name"] = LANGUAGES[used][lang] if fallback else None
    return view


def text_list(value: TextList | None, site: SiteConfig, lang: str) -> dict[str, Any] | None:
    if value is None:
        return None
    items, used = value.get(lang, site.language_order(lang))
    return _marked({"entries": list(items)}, used, lang) if items else None


def markdown_text(value: Text | None, site: SiteConfig, lang: str) -> dict[str, Any] | None:
    found = text(value, site, lang)
    if found is not None:
        found["html"] = render_markdown(found.pop("text"))
    return found


def format_date(day: date, lang: str) -> str:
    return f"{day.day} {MONTHS[lang][day.month - 1]} {day.year}"


def format_number(number: Decimal, lang: str) -> str:
    plain = (
        format(number.normalize(), "f") if number == number.to_integral() else format(number, "f")
    )
    plain = plain.rstrip("0").rstrip(".") if "." in plain else plain
    return plain.replace(".", ",") if lang == "nl" else plain


def format_price(price: Decimal, currency: str, lang: str) -> str:
    whole = price == price.to_integral()
    amount = f"{price:,.0f}" if whole else f"{price:,.2f}"
    if lang == "nl":
        amount = amount.replace(",", " ").replace(".", ",").replace(" ", ".")
        amount = amount + ",-" if whole else amount
    symbol = {"EUR": "€", "USD": "$", "GBP": "£"}.get(currency)
    return f"{symbol} {amount}" if symbol else f"{currency} {amount}"


def study_load(module: Module, lang: str) -> dict[str, Any]:
    if module.ec is not None:
        return {
            "ec": float(module.ec),
            "text": f"{format_number(module.ec, lang)} {label(lang, 'ec_unit')}",
        }
    return {"hours": module.hours, "text": f"{module.hours} {label(lang, 'hours_unit')}"}


def validity_text(module: Module, lang: str) -> str:
    months = module.validity.months
    if months is None:
        return label(lang, "validity_indefinite")
    if months % 12 == 0:
        years = months // 12
        period = label(lang, "year" if years == 1 else "years", n=years)
    else:
        period = label(lang, "month" if months == 1 else "months", n=months)
    return label(lang, "validity_limited", period=period)


def offering_view(
    offering: Offering, module: Module, site: SiteConfig, lang: str
) -> dict[str, Any]:
    start = format_date(offering.start, lang)
    dates = (
        label(lang, "offering_dates", start=start, end=format_date(offering.end, lang))
        if offering.end
        else label(lang, "offering_from", start=start)
    )
    return {
        "start": offering.start.isoformat(),
        "end": offering.end.isoformat() if offering.end else None,
        "dates": dates,
        "mode": PARTICIPATION[offering.mode][lang] if offering.mode else None,
        "location": offering.location,
        "price": format_price(offering.price, offering.currency, lang)
        if offering.price is not None
        else None,
        "enrol_url": offering.enrol_url,
        "enrol_label": label(lang, "enrol_for", title=pick(module.title, site, lang), date=start),
        "note": text(offering.note, site, lang),
    }


def module_card(module: Module, site: SiteConfig, lang: str, path_from: str) -> dict[str, Any]:
    """What the catalogue shows of a module, and the data its filters match on."""
    prices = [o.price for o in module.offerings if o.price is not None]
    return {
        "slug": module.slug,
        "url": urls.relative(path_from, urls.module_page(lang, module.slug)),
        "title": text(module.title, site, lang),
        "summary": text(module.summary, site, lang),
        "course_code": module.course_code,
        "study_load": study_load(module, lang),
        "eqf_level": module.eqf_level,
        "language": [{"code": c, "name": LANGUAGES[c][lang]} for c in module.language],
        "participation": [
            {"code": c, "name": PARTICIPATION[c][lang]} for c in module.participation
        ],
        "assessment": [
            {"code": c, "name": ASSESSMENT_TYPES[c][lang]} for c in module.assessment_type
        ],
        "field": isced_broad(module.field_of_study) if module.field_of_study else None,
        "faculty": text(module.faculty, site, lang),
        "stackable": bool(module.stackable),
        "starts": [o.start.isoformat() for o in module.offerings],
        "offerings": [
            {"start": o.start.isoformat(), "text": format_date(o.start, lang)}
            for o in module.offerings
        ],
        "price": _price_summary(prices, module, lang),
        "search": _search_text(module, site, lang),
    }


def _price_summary(prices: list[Decimal], module: Module, lang: str) -> str | None:
    """One price, or 'from' the lowest when the offerings differ."""
    if not prices:
        return None
    lowest = format_price(min(prices), module.offerings[0].currency, lang)
    return lowest if len(set(prices)) == 1 else label(lang, "price_from", price=lowest)


def _search_text(module: Module, site: SiteConfig, lang: str) -> str:
    """Words the free-text search matches, lower-cased once here instead of in every browser."""
    parts = [
        pick(module.title, site, lang),
        pick(module.summary, site, lang),
        module.course_code or "",
    ]
    if module.tags:
        parts += module.tags.get(lang, site.language_order(lang))[0]
    if module.faculty:
        parts.append(pick(module.faculty, site, lang))
    if module.field_of_study:
        parts.append(ISCED_F[module.field_of_study][lang])
    return " ".join(p for p in parts if p).lower()


def module_detail(
    module: Module, site: SiteConfig, lang: str, tracks: list[Track], path: str
) -> dict[str, Any]:
    """Everything the module page shows, in one language."""
    card = module_card(module, site, lang, path)
    qa = module.quality_assurance
    return {
        **card,
        "description": markdown_text(module.description, site, lang),
        "learning_outcomes": text_list(module.learning_outcomes, site, lang),
        "nlqf_level": NLQF_LEVELS[module.nlqf_level][lang] if module.nlqf_level else None,
        "field_name": ISCED_F[module.field_of_study][lang] if module.field_of_study else None,
        "field_code": module.field_of_study,
        "assessment_supervised": module.assessment_supervised,
        "assessment_id_verified": module.assessment_id_verified,
        "grade_recorded": module.grade_achieved_required,
        "criteria": markdown_text(module.criteria, site, lang),
        "prerequisites": text(module.prerequisites, site, lang),
        "stacks_towards": text(module.stacks_towards, site, lang),
        "quality_assurance": {
            "name": text(qa.name, site, lang),
            "url": qa.url,
            "description": text(qa.description, site, lang),
        },
        "validity": validity_text(module, lang),
        "tags": text_list(module.tags, site, lang),
        "offerings_full": [offering_view(o, module, site, lang) for o in module.offerings],
        "tracks": [
            {
                "title": text(t.title, site, lang),
                "url": urls.relative(path, urls.track_page(lang, t.slug)),
            }
            for t in tracks
        ],
        "achievement_url": urls.relative(path, urls.achievement(lang, module.slug)),
        "image": urls.relative(path, urls.content_file(module.image)) if module.image else None,
    }


def track_detail(
    track: Track, modules: list[Module], site: SiteConfig, lang: str, path: str
) -> dict[str, Any]:
    total_ec = sum((m.ec for m in modules if m.ec is not None), Decimal(0))
    total_hours = sum(m.hours for m in modules if m.hours is not None)
    return {
        "slug": track.slug,
        "title": text(track.title, site, lang),
        "summary": text(track.summary, site, lang),
        "description": markdown_text(track.description, site, lang),
        "stacks_towards": text(track.stacks_towards, site, lang),
        "modules": [module_card(m, site, lang, path) for m in modules],
        "total_ec": format_number(total_ec, lang) if total_ec else None,
        "total_hours": total_hours or None,
        "url": urls.relative(path, urls.track_page(lang, track.slug)),
        "image": urls.relative(path, urls.content_file(track.image)) if track.image else None,
    }
