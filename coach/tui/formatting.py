"""Dutch dates, day counts and continuity words as the screens show them."""

from __future__ import annotations

from coach.domain.calendar_words import MONTHS, WEEKDAYS, moment, short_date, weekday_date
from coach.domain.continuity import CONTINUITY_LABELS, LET_OP, OK, TE_LANG

__all__ = [
    "MONTHS",
    "WEEKDAYS",
    "CONTINUITY_COLOURS",
    "MARKER",
    "short_date",
    "weekday_date",
    "moment",
    "days_ago",
    "day_count",
    "continuity_word",
]

# Theme variables per continuity status; the word beside the dot carries the
# meaning, the colour only helps.
CONTINUITY_COLOURS: dict[str, str] = {OK: "success", LET_OP: "warning", TE_LANG: "error"}
MARKER = "●"


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
