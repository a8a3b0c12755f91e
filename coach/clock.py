"""What 'today' and 'now' are: the real clock, or COACH_TODAY for tests and demos."""

from __future__ import annotations

import os
from datetime import date, datetime, time


class BadTodayError(ValueError):
    """COACH_TODAY is set but is not a date in the form YYYY-MM-DD."""


def today() -> date:
    """Today's date, or the date in COACH_TODAY when set."""
    raw = os.environ.get("COACH_TODAY", "").strip()
    if not raw:
        return date.today()
    try:
        return date.fromisoformat(raw)
    except ValueError:
        raise BadTodayError(
            f"COACH_TODAY='{raw}' is geen geldige datum; gebruik JJJJ-MM-DD, bijvoorbeeld 2026-03-14."
        ) from None


def now() -> datetime:
    """The current moment; with COACH_TODAY set, that day at the current clock time."""
    real = datetime.now().replace(second=0, microsecond=0)
    return datetime.combine(today(), time(real.hour, real.minute))
