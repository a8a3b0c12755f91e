"""'Deze week': whom the coach should see this week, and why, as read on Monday morning."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING

from coach.domain.calendar_words import moment, weekday_date
from coach.domain.continuity import LET_OP, OK, TE_LANG, ContinuityRules
from coach.domain.model import MODE_LABELS

if TYPE_CHECKING:
    from coach.domain.caseload import CaseloadEntry

# Reason kinds; RANKS puts them in order of urgency, which orders the week's list.
TOO_LONG, ATTENTION, NEVER_SEEN, OVERDUE, NAZORG, DUE, PLANNED, AGREEMENT_DUE = (
    "te_lang",
    "let_op",
    "nog_geen_contact",
    "afspraak_te_laat",
    "nazorg",
    "ritme",
    "gepland",
    "afspraak_deze_week",
)
RANKS = {
    kind: rank
    for rank, kind in enumerate((TOO_LONG, ATTENTION, NEVER_SEEN, OVERDUE, NAZORG, DUE, PLANNED, AGREEMENT_DUE))
}


@dataclass(frozen=True)
class WeekWindow:
    """The days the desk looks ahead to: today up to and including `end` (a Sunday)."""

    start: date
    end: date

    def __contains__(self, day: object) -> bool:
        return isinstance(day, date) and self.start <= day <= self.end


def week_window(today: date) -> WeekWindow:
    """Today until Sunday; at the weekend the coming work week is meant, so until next Sunday."""
    end = today + timedelta(days=6 - today.weekday())
    if today.weekday() >= 5:
        end += timedelta(weeks=1)
    return WeekWindow(today, end)


@dataclass(frozen=True)
class Reason:
    """Why a young person is on this week's list, in a coach's words."""

    kind: str
    text: str

    @property
    def rank(self) -> int:
        """Lower is more urgent."""
        return RANKS[self.kind]


@dataclass(frozen=True)
class WeekItem:
    """A young person to see this week, with every reason, the most urgent first."""

    entry: CaseloadEntry
    reasons: tuple[Reason, ...]

    @property
    def rank(self) -> int:
        """The rank of the most urgent reason."""
        return self.reasons[0].rank

    @property
    def sort_key(self) -> tuple:
        """Most urgent first, then the soonest planned contact, then by name."""
        entry = self.entry
        return (self.rank, entry.next_contact or datetime.max, entry.name.casefold(), entry.id)


def _days(count: int) -> str:
    return "1 dag" if count == 1 else f"{count} dagen"


def _by(day: date, today: date) -> str:
    """'vandaag', 'morgen' or 'vr 4 dec'."""
    if day <= today:
        return "vandaag"
    if day == today + timedelta(days=1):
        return "morgen"
    return weekday_date(day, today)


def reasons_for(
    entry: CaseloadEntry, today: date, rules: ContinuityRules = ContinuityRules(), window: WeekWindow | None = None
) -> tuple[Reason, ...]:
    """Every reason to see this young person in the week from `today`, the most urgent first."""
    window = window or week_window(today)
    nazorg = entry.phase == "nazorg"
    days = entry.days_since_contact
    reasons: list[Reason] = []

    if entry.continuity in (TE_LANG, LET_OP):
        kind = NAZORG if nazorg else (TOO_LONG if entry.continuity == TE_LANG else ATTENTION)
        if entry.last_contact is None:
            since = f", al {_days(days)} in traject" if days else ""
            text = f"nog geen contact{since}"
        elif nazorg:
            text = f"nazorg-check over tijd: {_days(days or 0)} geen contact"
        elif entry.continuity == TE_LANG:
            text = f"te lang niet gezien: {_days(days or 0)}"
        else:
            text = f"{_days(days or 0)} niet gezien"
        reasons.append(Reason(kind, text))
    elif entry.last_contact is None and entry.continuity is not None:
        reasons.append(Reason(NEVER_SEEN, "nog geen contact gehad"))
    elif entry.continuity == OK and entry.last_contact is not None:
        interval = rules.interval(entry.phase)
        due = entry.last_contact + timedelta(days=interval) if interval else None
        planned_in_time = entry.next_contact is not None and entry.next_contact.date() <= (due or date.min)
        if due is not None and due <= window.end and not planned_in_time:
            text = (
                f"tijd voor een nazorg-check, uiterlijk {_by(due, today)}"
                if nazorg
                else f"contact nodig, uiterlijk {_by(due, today)}"
            )
            reasons.append(Reason(NAZORG if nazorg else DUE, text))

    if entry.overdue_agreements:
        count = entry.overdue_agreements
        reasons.append(Reason(OVERDUE, f"{count} {'afspraak' if count == 1 else 'afspraken'} te laat"))

    if entry.next_contact is not None and entry.next_contact.date() in window:
        mode = MODE_LABELS.get(entry.next_contact_mode or "", "afspraak").lower()
        reasons.append(Reason(PLANNED, f"{mode} {moment(entry.next_contact, today)}"))

    if entry.next_agreement_due is not None and entry.next_agreement_due in window:
        reasons.append(Reason(AGREEMENT_DUE, f"een afspraak moet af zijn: {_by(entry.next_agreement_due, today)}"))

    if len(reasons) > 1:
        reasons.sort(key=lambda reason: reason.rank)
    return tuple(reasons)


def this_week(
    entries: Iterable[CaseloadEntry], today: date, rules: ContinuityRules = ContinuityRules()
) -> list[WeekItem]:
    """Everyone with a reason to be seen this week: the most urgent first, then by planned moment and name."""
    window = week_window(today)
    items = [WeekItem(entry, reasons) for entry in entries if (reasons := reasons_for(entry, today, rules, window))]
    items.sort(key=lambda item: item.sort_key)
    return items
