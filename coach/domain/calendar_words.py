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


def week_of(day: date, start: date) -> str:
    """'week 6' of the trajectory (week 1 starts on its first day), or 'vóór de start'."""
    days = (day - start).days
    return f"week {days // 7 + 1}" if days >= 0 else "vóór de start"


def days_back(days: int) -> str:
    """'vandaag', 'gisteren', '5 dagen geleden': how long ago, as a coach says it."""
    if days <= 0:
        return "vandaag"
    if days == 1:
        return "gisteren"
    return f"{days} dagen geleden"
