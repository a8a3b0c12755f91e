"""The contact rhythm week by week: held, no-show, cancelled, planned, and the gaps between.

One mark per week (Monday to Sunday) makes a gap or a tapering pattern
visible at a glance. The full strip sits on the young person's screen; the
compact string form fits in a caseload row.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, NamedTuple

from coach.domain.contact_status import is_cancellation
from coach.domain.continuity import CANCELLED, ContinuityRules, continuity_status, phase_on
from coach.domain.vocabulary import ContactStatus, ContinuityStatus

if TYPE_CHECKING:  # the caseload's strips need no case model (it costs the app's start)
    from coach.domain.model import Contact, PhaseEntry

GAP = "gap"
# The strongest thing that happened in a week decides its mark.
PRECEDENCE = (
    ContactStatus.PLAATSGEVONDEN,
    ContactStatus.NIET_VERSCHENEN,
    CANCELLED,
    ContactStatus.GEPLAND,
)
SYMBOLS: dict[str, str] = {
    ContactStatus.PLAATSGEVONDEN: "●",
    ContactStatus.NIET_VERSCHENEN: "✕",
    CANCELLED: "○",
    ContactStatus.GEPLAND: "◌",
    GAP: "·",
}
MARK_LABELS: dict[str, str] = {
    ContactStatus.PLAATSGEVONDEN: "contact",
    ContactStatus.NIET_VERSCHENEN: "niet verschenen",
    CANCELLED: "afgezegd",
    ContactStatus.GEPLAND: "gepland",
    GAP: "geen contact",
}

Event = tuple["date | datetime", str]


def week_start(day: date) -> date:
    """The Monday of the week `day` falls in."""
    return day - timedelta(days=day.weekday())


class RhythmWeek(NamedTuple):
    """One week of contact: counts per status, and where it lies relative to today."""

    start: date
    held: int = 0
    no_show: int = 0
    cancelled: int = 0
    planned: int = 0
    current: bool = False
    future: bool = False
    too_long: bool = False

    @property
    def end(self) -> date:
        """The Sunday closing the week."""
        return self.start + timedelta(days=6)

    @property
    def mark(self) -> str:
        """held, niet_verschenen, afgezegd, gepland, or gap: the strongest status of the week."""
        counts = {
            ContactStatus.PLAATSGEVONDEN: self.held,
            ContactStatus.NIET_VERSCHENEN: self.no_show,
            CANCELLED: self.cancelled,
            ContactStatus.GEPLAND: self.planned,
        }
        return next((status for status in PRECEDENCE if counts[status]), GAP)

    @property
    def symbol(self) -> str:
        """The week's mark as one character."""
        return SYMBOLS[self.mark]


def contact_events(contacts: Iterable[Contact]) -> list[Event]:
    """(moment, status) pairs of contacts, the input `weekly_rhythm` takes."""
    return [(contact.at, contact.status) for contact in contacts]


def weekly_rhythm(
    events: Iterable[Event],
    today: date,
    *,
    weeks: int = 16,
    ahead: int = 2,
    phases: list[PhaseEntry] | None = None,
    started_on: date | None = None,
    rules: ContinuityRules = ContinuityRules(),
) -> list[RhythmWeek]:
    """`weeks` weeks up to and including this one, then `ahead` weeks of what is planned.

    Events are (moment, status) pairs, so a store can hand rows straight in.
    With `phases`, a week without contact is marked `too_long` when, at the
    end of that week (or today, for this week), the time since the last held
    contact had reached 'te lang' for the phase of that moment.
    """
    this_week = week_start(today)
    first = this_week - timedelta(weeks=weeks - 1)
    starts = [first + timedelta(weeks=i) for i in range(weeks + ahead)]
    counts: dict[date, dict[str, int]] = {start: {} for start in starts}
    held_days: list[date] = []
    for at, status in events:
        day = at.date() if isinstance(at, datetime) else at
        if status == ContactStatus.PLAATSGEVONDEN and day <= today:
            held_days.append(day)
        bucket = counts.get(week_start(day))
        if bucket is not None:
            # Either side's cancellation is one mark; verzet and vervallen make none (a change of plan).
            key = CANCELLED if is_cancellation(status) else status
            bucket[key] = bucket.get(key, 0) + 1
    held_days.sort()
    result = []
    for start in starts:
        bucket = counts[start]
        week = RhythmWeek(
            start=start,
            held=bucket.get(ContactStatus.PLAATSGEVONDEN, 0),
            no_show=bucket.get(ContactStatus.NIET_VERSCHENEN, 0),
            cancelled=bucket.get(CANCELLED, 0),
            planned=bucket.get(ContactStatus.GEPLAND, 0),
            current=start == this_week,
            future=start > this_week,
        )
        if phases is not None and not week.future and week.mark != ContactStatus.PLAATSGEVONDEN:
            week = _with_too_long(week, min(week.end, today), held_days, phases, started_on, rules)
        result.append(week)
    return result


def _with_too_long(
    week: RhythmWeek,
    on: date,
    held_days: list[date],
    phases: list[PhaseEntry],
    started_on: date | None,
    rules: ContinuityRules,
) -> RhythmWeek:
    began = started_on or min((p.since for p in phases), default=None)
    if began is None or on < began:
        return week
    last = max((d for d in held_days if d <= on), default=None)
    days = (on - (last or began)).days
    if continuity_status(phase_on(phases, on), days, rules) != ContinuityStatus.TE_LANG:
        return week
    return RhythmWeek(
        week.start, week.held, week.no_show, week.cancelled, week.planned, week.current, week.future, True
    )


def compact(weeks: Iterable[RhythmWeek]) -> str:
    """The strip as one string of marks, oldest week first: '●·●✕··●◌'."""
    return "".join(week.symbol for week in weeks)


def compact_rhythm(events: Iterable[Event], today: date, *, weeks: int = 8, ahead: int = 1) -> str:
    """The compact form for a caseload row: the last `weeks` weeks and `ahead` weeks planned."""
    return compact(weekly_rhythm(events, today, weeks=weeks, ahead=ahead))
