"""The shape of an export: what it plans, and how its own kinds of output become bytes."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from credsite.build.output import Output
from credsite.build.planning import PlanContext

Renderer = Callable[[Output], bytes]


@dataclass(frozen=True, eq=False)  # one object per export: compared and hashed as itself
class Export:
    """One machine-readable form of the catalogue, for other systems to read.

    ``plan`` gives every file of the export, with all the data each is made from (the build
    fingerprints that data, so a file is rendered again only when it changed). An export whose
    files are generic (``json``, ``text``) needs no renderer; one with a format of its own names
    its kinds in ``renderers``. A kind belongs to one export only (render.renderers checks).
    """

    name: str
    plan: Callable[[PlanContext], list[Output]]
    renderers: Mapping[str, Renderer] = field(default_factory=dict)
