"""What "today" is: SOURCE_DATE_EPOCH when set (reproducible builds, tests), else the clock."""

from __future__ import annotations

import os
from datetime import UTC, date, datetime


def today() -> date:
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch:
        return datetime.fromtimestamp(int(epoch), tz=UTC).date()
    return datetime.now(tz=UTC).date()
