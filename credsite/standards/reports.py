"""What a verification reports: its checks, each with an outcome, and the verdict they give.

The check ids, the order they are reported in, the checks each one needs and the rules that turn
the outcomes into a verdict are the rulebook's (``credsite/data/verifier-rules.json``), which the
browser verifier reads too: the verdict here is ``rulebook.verdict_of`` over the checks, never a
second copy of the rules.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Protocol

from credsite.standards import rulebook

# The outcomes under which a check counts as done for the checks that need it.
GOOD = ("passed", "warning")


class FetchError(Exception):
    """A document could not be fetched or read; the check that needed it is 'not-checked'.

    ``missing`` says the publisher answered that there is no such document (an HTTP status of
    the rulebook's ``status.absentHttpStatus``, or a file absent from a local build), as opposed to a failure to find out (network,
    server error, unreadable content)."""

    def __init__(self, message: str, missing: bool = False):
        super().__init__(message)
        self.missing = missing


class Fetcher(Protocol):
    def __call__(self, url: str) -> Any: ...


@dataclass(frozen=True)
class Check:
    id: str
    outcome: str  # passed, failed, warning, not-checked, unsupported
    message: str
    detail: str = ""


@dataclass(frozen=True)
class Endorsement:
    """One endorsement embedded in a verified credential (credsite.standards.endorsements): where
    it is attached (``credential``, ``issuer``, ``achievement``), who endorses (their id, and
    their name only when the endorsement is authentic), its own verdict and the sentence that
    says it. ``about`` is False when it names something else than what it is attached to."""

    where: str
    endorser: str | None
    name: str | None
    state: str
    headline: str
    about: bool = True


@dataclass
class Report:
    """The checks of one verification, in the rulebook's order, and what they found out about
    the credential: its issuer, the key named by its proof, and (once it is found authentic)
    the validity dates of its signed view, for the verdict's sentence."""

    checks: list[Check] = field(default_factory=list)
    issuer: str | None = None
    verification_method: str | None = None
    valid_from: str | None = None
    valid_until: str | None = None
    # The endorsements of an authentic credential; they never change its verdict.
    endorsements: list[Endorsement] = field(default_factory=list)
    # An authentic SD-JWT VC's claims, every Disclosure in place (what the browser shows).
    claims: dict[str, Any] | None = None

    def add(self, check_id: str, outcome: str, message: str, detail: str = "") -> None:
        self.checks.append(Check(check_id, outcome, message, detail))

    def outcome(self, check_id: str) -> str | None:
        """The outcome of the first check of this id, or None if there is none."""
        return next((c.outcome for c in self.checks if c.id == check_id), None)

    def needs_met(self, check_id: str) -> bool:
        """Whether every check ``check_id`` needs (rulebook ``needs``) is in the report and
        passed or only warned, in every occurrence."""
        return self.all_good(rulebook.rules().check(check_id).needs)

    def all_good(self, check_ids: tuple[str, ...]) -> bool:
        """Whether each of ``check_ids`` is present and passed or warned."""
        return all(
            any(c.id == i for c in self.checks)
            and all(c.outcome in GOOD for c in self.checks if c.id == i)
            for i in check_ids
        )

    @property
    def state(self) -> str:
        """The verdict: the first rule of the rulebook that applies to these checks."""
        return rulebook.verdict_of((c.id, c.outcome) for c in self.checks)

    def as_json(self) -> dict[str, Any]:
        return {
            "state": self.state,
            "issuer": self.issuer,
            "verificationMethod": self.verification_method,
            "checks": [c.__dict__ for c in self.checks],
            **(
                {"endorsements": [e.__dict__ for e in self.endorsements]}
                if self.endorsements
                else {}
            ),
            **({"claims": self.claims} if self.claims is not None else {}),
        }
