"""The project's exception classes and the diagnostics they carry.

Every failure a user can cause (bad content, a bad key file, a credential that does not verify)
is one of these. The CLI turns them into readable lines and exit code 1; anything else is a bug
and keeps its traceback.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import Enum
from functools import total_ordering


class Severity(Enum):
    ERROR = "error"
    WARNING = "warning"


@total_ordering
@dataclass(frozen=True)
class Diagnostic:
    """One problem found in an input file, located as precisely as the input allows.

    Rendered as ``path:line: field: what is wrong (what is allowed)`` so that editors and CI
    logs can jump to the place.
    """

    path: str
    line: int | None
    field: str
    message: str
    severity: Severity = Severity.ERROR

    def __lt__(self, other: object) -> bool:
        """By file, line, field and message. A problem of the whole file (no line) comes
        first; dataclass ordering would compare None with a line number and fail."""
        if not isinstance(other, Diagnostic):
            return NotImplemented
        return _sort_key(self) < _sort_key(other)

    def __str__(self) -> str:
        location = self.path if self.line is None else f"{self.path}:{self.line}"
        prefix = "warning: " if self.severity is Severity.WARNING else ""
        field = f"{self.field}: " if self.field else ""
        return f"{location}: {prefix}{field}{self.message}"

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR

    def to_json(self) -> dict[str, object]:
        """For the build's caches, which repeat a skipped check's warnings."""
        return {
            "path": self.path,
            "line": self.line,
            "field": self.field,
            "message": self.message,
            "severity": self.severity.value,
        }

    @classmethod
    def from_json(cls, data: dict[str, object]) -> Diagnostic:
        """The inverse of ``to_json``; KeyError, TypeError or ValueError on anything else."""
        line = data["line"]
        if line is not None and not isinstance(line, int):
            raise TypeError("line")
        return cls(
            str(data["path"]),
            line,
            str(data["field"]),
            str(data["message"]),
            Severity(data["severity"]),
        )


class CredsiteError(Exception):
    """Base class: an error the user can act on, reported without a traceback."""

    def lines(self) -> list[str]:
        """The lines the CLI prints; most errors are a single line."""
        return [f"error: {self}"]


class ContentError(CredsiteError):
    """Content or configuration failed validation; carries every problem found in one run."""

    def __init__(self, diagnostics: Iterable[Diagnostic]):
        self.diagnostics = sorted(diagnostics, key=_diagnostic_order)
        errors = sum(1 for d in self.diagnostics if d.is_error)
        super().__init__(f"{errors} error(s) in content; nothing was written")

    def lines(self) -> list[str]:
        return [str(d) for d in self.diagnostics] + [f"error: {self}"]


class ConfigError(CredsiteError):
    """The command line or the environment asks for something impossible."""


class KeyFileError(CredsiteError):
    """A signing key file or key variable is missing, unreadable or malformed."""


class SigningError(CredsiteError):
    """A credential cannot be signed as asked (e.g. text that canonicalizes differently)."""


class CanonicalizationError(CredsiteError):
    """A JSON-LD document cannot be canonicalized safely (undefined term, unknown context)."""


class VerificationError(CredsiteError):
    """A credential or status list does not verify."""


class CryptosuiteError(CredsiteError):
    """A proof or a signing run names a cryptosuite (or proof type) no module registered."""


class BuildError(CredsiteError):
    """Rendering or writing the site failed; the previous output is left as it was."""


def _diagnostic_order(d: Diagnostic) -> tuple[str, int, str, str]:
    return (d.path, d.line or 0, d.field, d.message)


def _sort_key(d: Diagnostic) -> tuple[str, int, str, str, str]:
    return (*_diagnostic_order(d), d.severity.value)
