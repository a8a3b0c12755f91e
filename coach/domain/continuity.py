"""Continuity of contact: how long since the young person was last seen, and is that too long."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

OK, LET_OP, TE_LANG = "ok", "let_op", "te_lang"
CONTINUITY_LABELS = {OK: "Op koers", LET_OP: "Let op", TE_LANG: "Te lang"}

# Days a coach may go without a held contact before it is worth a look, per
# phase. Intensive at the start, wider in afbouw, sparse in nazorg.
DEFAULT_INTERVALS: dict[str, int] = {
    "aanmelding": 7,
    "intake": 7,
    "begeleiding": 14,
    "afbouw": 28,
    "nazorg": 90,
}


@dataclass(frozen=True)
class ContinuityRules:
    """Expected contact interval per phase; past twice the interval it is 'te lang'."""

    intervals: dict[str, int] | None = None
    overdue_factor: float = 2.0

    def interval(self, phase: str) -> int | None:
        """Expected days between held contacts in this phase (None: not tracked)."""
        return (self.intervals or DEFAULT_INTERVALS).get(phase)


def days_since(last_held: date | None, started_on: date | None, today: date) -> int | None:
    """Days since the last contact that took place, else since the trajectory began."""
    reference = last_held or started_on
    if reference is None:
        return None
    return max((today - reference).days, 0)


def continuity_status(phase: str, days: int | None, rules: ContinuityRules = ContinuityRules()) -> str | None:
    """ok / let_op / te_lang for a young person in this phase, or None when not tracked."""
    interval = rules.interval(phase)
    if interval is None:
        return None
    if days is None:
        return TE_LANG
    if days <= interval:
        return OK
    if days <= interval * rules.overdue_factor:
        return LET_OP
    return TE_LANG
