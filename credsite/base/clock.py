"""The current time, for the few places that record it (issuing, signing, revoking).

``SOURCE_DATE_EPOCH`` (reproducible-builds.org) fixes it, so a run can be repeated exactly.
"""

from __future__ import annotations

import os
from datetime import UTC, datetime

from credsite.base.errors import ConfigError


def now() -> datetime:
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        try:
            return datetime.fromtimestamp(int(epoch), UTC)
        except (ValueError, OverflowError) as error:
            raise ConfigError(
                f"SOURCE_DATE_EPOCH={epoch!r} is not a number of seconds since 1970"
            ) from error
    return datetime.now(UTC).replace(microsecond=0)
