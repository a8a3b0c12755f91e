"""Dutch words for days and dates, as every screen and text of coach writes them."""

from __future__ import annotations

from datetime import date, datetime

MONTHS = ("jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec")
WEEKDAYS = ("ma", "di", "wo", "do", "vr", "za", "zo")


def short_date(day: date, today: date) -> str:
    """'14 mrt', with the year added when it is not this year's."""
    text = f"{day.day} {MONTHS[day.month - 1]}"
    return text if day.year == today.year else f"{text} {day.year}"


def weekday_date(day: date, today: date) -> str:
    """'di 18 mrt' (with the year when it is not this year's)."""
    return f"{WEEKDAYS[day.weekday()]} {short_date(day, today)}"


def moment(at: datetime, today: date) -> str:
    """'di 18 mrt 10:00'."""
    return f"{weekday_date(at.date(), today)} {at:%H:%M}"
