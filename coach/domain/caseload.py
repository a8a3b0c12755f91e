"""One caseload row: the facts the store gathers and what the rules make of them."""

from __future__ import annotations

from datetime import date, datetime
from typing import NamedTuple

from coach.domain.continuity import ContinuityRules, days_since, first_contact_due, status_on
from coach.domain.safe_text import is_visible, visible_in


class CaseloadEntry(NamedTuple):
    """A young person in an open trajectory, as the weekly desk shows them."""

    id: int
    name: str
    phase: str
    last_contact: date | None
    days_since_contact: int | None
    continuity: str | None
    next_contact: datetime | None
    open_agreements: int
    overdue_agreements: int
    started_on: date | None = None
    next_contact_mode: str | None = None
    next_agreement_due: date | None = None
    #: The day the vaste coach last changed from one coach to another (a continuity event), if ever.
    coach_changed_on: date | None = None
    to_complete: int = 0  # planned contacts from before today without an outcome ("nog afronden")
    first_to_complete: datetime | None = None
    #: Aanmelding without any contact yet: the last day for the first contact (else None).
    first_contact_due: date | None = None
    # A domain's newest score is 1 or a safety concern is open: shown first and marked everywhere.
    safety: bool = False

    def as_json(self) -> dict[str, object]:
        """The row as the CLI contract's JSON object."""
        return {
            "id": self.id,
            "name": self.name,
            "phase": self.phase,
            "last_contact": self.last_contact.isoformat() if self.last_contact else None,
            "days_since_contact": self.days_since_contact,
            "continuity": self.continuity,
            "next_contact": to_the_minute(self.next_contact) if self.next_contact else None,
            "open_agreements": self.open_agreements,
            "overdue_agreements": self.overdue_agreements,
            "safety": self.safety,
        }


def to_the_minute(moment: datetime) -> str:
    """'2026-03-16T09:30': isoformat where it writes the same as strftime, as it is many times faster."""
    if moment.tzinfo is None and moment.year >= 1000:
        return moment.isoformat(timespec="minutes")
    return moment.strftime("%Y-%m-%dT%H:%M")


# The texts of a caseload row (the other fields are numbers, days and moments).
_TEXT_FIELDS = tuple(name for name, kind in CaseloadEntry.__annotations__.items() if "str" in str(kind))


def visible_entries(entries: list[CaseloadEntry]) -> list[CaseloadEntry]:
    """The rows as `visible_in` gives them (escapes shown, not obeyed), in one scan when no text needs it.

    `visible_in` looks at every field of every row; a caseload of thousands is read at each
    load, and its texts are only these few.
    """
    if is_visible(" ".join(getattr(entry, name) or "" for entry in entries for name in _TEXT_FIELDS)):
        return entries
    return visible_in(entries)


def make_entry(
    *,
    id: int,
    name: str,
    phase: str,
    last_held: datetime | None,
    started_on: date | None,
    next_planned: datetime | None,
    open_agreements: int,
    overdue_agreements: int,
    today: date,
    rules: ContinuityRules = ContinuityRules(),
    next_mode: str | None = None,
    next_due: date | None = None,
    coach_changed_on: date | None = None,
    to_complete: int = 0,
    first_to_complete: datetime | None = None,
    safety: bool = False,
) -> CaseloadEntry:
    """Apply the continuity rules to one young person's facts."""
    last_day = last_held.date() if last_held else None
    days = days_since(last_day, started_on, today)
    return CaseloadEntry(
        id=id,
        name=name,
        phase=phase,
        last_contact=last_day,
        days_since_contact=days,
        continuity=status_on(phase, last_day, started_on, today, rules),
        next_contact=next_planned,
        open_agreements=open_agreements,
        overdue_agreements=overdue_agreements,
        started_on=started_on,
        next_contact_mode=next_mode if next_planned else None,
        next_agreement_due=next_due,
        coach_changed_on=coach_changed_on,
        to_complete=to_complete,
        first_to_complete=first_to_complete,
        first_contact_due=first_contact_due(phase, last_day, started_on, rules),
        safety=safety,
    )
