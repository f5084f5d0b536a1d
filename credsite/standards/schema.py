"""The Open Badges 3.0 JSON Schema (1EdTech's AchievementCredential schema), and its strict
2024 variant, as bundled in ``credsite/data/schemas``.

Two readers: ``issue``, which refuses to sign a credential of its own that fails either, and
the verifier's advisory ``schema`` check. The
schemas are compiled once with jsonschema-rs: a build checks every issued credential, and the
pure-Python validator took 9 ms for each.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

import jsonschema_rs

SCHEMAS = Path(__file__).resolve().parent.parent / "data" / "schemas"
CURRENT = "ob_v3p0_achievementcredential_schema.json"
STRICT = "variants/ob_v3p0_achievementcredential_schema.strict-2024-09.json"


def schema_errors(document: Any, strict: bool = False) -> list[str]:
    """Every place ``document`` breaks the schema (``strict``: its 2024 variant), as
    ``path: message`` lines in a stable order; empty when it follows it."""
    validator = _validators()[1 if strict else 0]
    return sorted(
        f"{'/'.join(map(str, e.instance_path)) or '(top)'}: {e.message}"
        for e in validator.iter_errors(document)
    )


@cache
def _validators() -> tuple[jsonschema_rs.Draft201909Validator, jsonschema_rs.Draft201909Validator]:
    """The OB 3.0 schema and its strict 2024 variant, compiled once."""
    return (
        jsonschema_rs.Draft201909Validator(_load_schema(CURRENT)),
        jsonschema_rs.Draft201909Validator(_load_schema(STRICT)),
    )


def _load_schema(name: str) -> Any:
    return json.loads((SCHEMAS / name).read_text(encoding="utf-8"))
