"""Dutch dates, day counts and continuity words as the screens show them."""

from __future__ import annotations

from datetime import date, datetime

from coach.domain.continuity import CONTINUITY_LABELS, LET_OP, OK, TE_LANG

MONTHS = ("jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec")
WEEKDAYS = ("ma", "di", "wo", "do", "vr", "za", "zo")

# Theme variables per continuity status; the word beside the dot carries the
# meaning, the colour only helps.
CONTINUITY_COLOURS: dict[str, str] = {OK: "success", LET_OP: "warning", TE_LANG: "error"}
MARKER = "●"


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


def days_ago(days: int | None, *, compact: bool = False) -> str:
    """'vandaag', 'gisteren', '5 dagen' (or '5 d' when compact)."""
    if days is None:
        return "—"
    if days == 0:
        return "vandaag"
    if days == 1 and not compact:
        return "gisteren"
    if compact:
        return f"{days} d"
    return f"{days} dagen"


def day_count(days: int) -> str:
    """'1 dag', '5 dagen'."""
    return "1 dag" if days == 1 else f"{days} dagen"


def continuity_word(status: str | None) -> str:
    """'● Te lang', or a dash when continuity is not tracked in this phase."""
    if status is None:
        return "—"
    return f"{MARKER} {CONTINUITY_LABELS[status]}"
