"""European Learning Model v3: each published module as a ``Qualification`` (an ELM learning
achievement specification) at ``/elm/<slug>.json``, every language in one file.

This is the file Europass tools read and the specification ``credsite export elm`` names in a
learner's ``EuropeanDigitalCredential``. The mapping is credsite/catalogue/elm.py; docs/elm.md
says what it holds and how it was checked.
"""

from __future__ import annotations

from credsite.base import urls
from credsite.build.exports.export import Export
from credsite.build.output import Output
from credsite.build.planning import PlanContext
from credsite.catalogue.elm import standalone_specification


def plan(context: PlanContext) -> list[Output]:
    return [
        Output(
            urls.elm_specification(module.slug),
            "json",
            standalone_specification(module, context.site),
        )
        for module in context.modules
    ]


EXPORT = Export("elm", plan)
