"""A shared-subtree cache that records what it is asked, for the rule tests that pin "the cache
given is the one used" (issue 17): a cache only saves time, so without a record no test could
tell a cache passed on from one dropped."""

from __future__ import annotations

from typing import Any

from credsite.standards.jsonld import SharedSubtree


class RecordingSubtrees(SharedSubtree):
    """The build's shared-subtree cache, recording each document it is asked to expand."""

    def __init__(self) -> None:
        super().__init__()
        self.asked: list[dict[str, Any]] = []

    def expand(self, document: dict[str, Any]) -> tuple[list[Any], list[str | None]]:
        self.asked.append(document)
        return super().expand(document)
