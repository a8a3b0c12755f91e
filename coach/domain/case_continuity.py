"""What the continuity rules say of one whole case on one day: the signals on the young person's screen.

Beside the rhythm (ok / let_op / te_lang, coach.domain.continuity) the rules
spot three more things a coach wants to see: no-shows in a row, contacts held
by someone other than the fixed coach, and agreements past their date. Kept
apart from the rhythm so that the caseload, which needs only the rhythm of
every row, starts without it. The rules are explained for coaches in
guides/continuiteit.md.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING

from coach.domain.continuity import ContinuityRules, days_since, status_on
from coach.domain.vocabulary import AgreementStatus, ContactStatus, ContinuityStatus

if TYPE_CHECKING:
    from coach.domain.model import Agreement, Case, Contact

# Signal kinds, each with the word the screens show.
NO_SHOWS, OTHER_COACH, OVERDUE, HELD_IN_FUTURE = "no_shows", "other_coach", "overdue", "held_in_future"


def _day(at: date | datetime) -> date:
    return at.date() if isinstance(at, datetime) else at


def past_contacts(contacts: Iterable[Contact], today: date) -> list[Contact]:
    """Contacts on or before today, oldest first (planned ones included; a later time today still counts)."""
    return sorted((c for c in contacts if _day(c.at) <= today), key=lambda c: c.at)


def last_held(contacts: Iterable[Contact], today: date) -> datetime | None:
    """The moment of the latest held contact up to today; a 'held' contact dated after today is ignored."""
    held = [c.at for c in contacts if c.status == ContactStatus.PLAATSGEVONDEN and _day(c.at) <= today]
    return max(held, default=None)


def next_planned(contacts: Iterable[Contact], today: date) -> datetime | None:
    """The soonest planned contact from today on."""
    planned = [c.at for c in contacts if c.status == ContactStatus.GEPLAND and _day(c.at) >= today]
    return min(planned, default=None)


def no_show_streak(contacts: Iterable[Contact], today: date) -> int:
    """No-shows in a row at the end, up to today: counting back until the last held contact.

    A cancellation (afgezegd) neither counts nor breaks the streak: it was
    said in advance, but it was no contact either. Planned contacts are skipped.
    """
    streak = 0
    for contact in reversed(past_contacts(contacts, today)):
        if contact.status == ContactStatus.PLAATSGEVONDEN:
            break
        if contact.status == ContactStatus.NIET_VERSCHENEN:
            streak += 1
    return streak


def is_fixed_coach(held_by: str | None, fixed_coach: str | None) -> bool:
    """True when the contact was held by the fixed coach (no name recorded means the fixed coach)."""
    if not held_by or not held_by.strip():
        return True
    if not fixed_coach:
        return False
    return held_by.strip().casefold() == fixed_coach.strip().casefold()


@dataclass(frozen=True)
class PersonContinuity:
    """Of the last held contacts looked at, how many were held by someone other than the fixed coach."""

    others: int
    looked_at: int
    names: tuple[str, ...] = ()

    @property
    def share(self) -> float:
        """The share held by others, 0.0 when nothing was looked at."""
        return self.others / self.looked_at if self.looked_at else 0.0


def person_continuity(
    contacts: Iterable[Contact], fixed_coach: str | None, today: date, window: int = 6
) -> PersonContinuity:
    """Continuity of the person over the last `window` held contacts up to today."""
    held = (
        [c for c in past_contacts(contacts, today) if c.status == ContactStatus.PLAATSGEVONDEN][-window:]
        if window > 0
        else []
    )
    others = [c for c in held if not is_fixed_coach(c.coach, fixed_coach)]
    names = tuple(dict.fromkeys((c.coach or "").strip() for c in others))
    return PersonContinuity(len(others), len(held), names)


def overdue_agreements(agreements: Iterable[Agreement], today: date) -> list[Agreement]:
    """Open agreements whose due date has passed, the longest overdue first."""
    late = [a for a in agreements if a.status == AgreementStatus.OPEN and a.due is not None and a.due < today]
    return sorted(late, key=lambda a: a.due or date.min)


def started(case: Case) -> date | None:
    """When the trajectory began: the youth's start date, else the first phase entered."""
    if case.youth.started_on:
        return case.youth.started_on
    return min((p.since for p in case.phases), default=None)


@dataclass(frozen=True)
class Signal:
    """Something about the contact pattern worth a look, in a coach's words."""

    kind: str
    text: str


@dataclass(frozen=True)
class Continuity:
    """Everything the rules say about one young person's contact, on one day."""

    phase: str
    interval: int | None
    status: ContinuityStatus | None
    days: int | None
    last_held: datetime | None
    next_planned: datetime | None
    no_show_streak: int
    person: PersonContinuity
    overdue: tuple[Agreement, ...]
    held_in_future: int
    signals: tuple[Signal, ...] = field(default=())

    @property
    def contact_due(self) -> date | None:
        """The day by which the next held contact is expected (None when not tracked or never seen)."""
        if self.interval is None or self.last_held is None:
            return None
        return self.last_held.date() + timedelta(days=self.interval)


def assess(case: Case, today: date, rules: ContinuityRules = ContinuityRules()) -> Continuity:
    """Apply every continuity rule to one case on `today`."""
    phase = case.phase
    last = last_held(case.contacts, today)
    days = days_since(last.date() if last else None, started(case), today)
    streak = no_show_streak(case.contacts, today)
    person = person_continuity(case.contacts, case.youth.coach, today, rules.person_window)
    overdue = tuple(overdue_agreements(case.agreements, today))
    future_held = sum(1 for c in case.contacts if c.status == ContactStatus.PLAATSGEVONDEN and _day(c.at) > today)
    signals: list[Signal] = []
    if streak >= rules.no_show_streak:
        signals.append(Signal(NO_SHOWS, f"{streak} keer achter elkaar niet verschenen"))
    if person.looked_at >= 2 and person.others and person.share >= rules.person_share:
        signals.append(
            Signal(
                OTHER_COACH,
                f"{person.others} van de laatste {person.looked_at} contacten met een ander dan de vaste coach",
            )
        )
    if overdue:
        signals.append(
            Signal(OVERDUE, f"{len(overdue)} {'afspraak' if len(overdue) == 1 else 'afspraken'} over de datum")
        )
    if future_held:
        signals.append(
            Signal(
                HELD_IN_FUTURE,
                f"{future_held} contact{'en' if future_held > 1 else ''} als plaatsgevonden, maar met een datum in de toekomst",
            )
        )
    status = status_on(phase, last.date() if last else None, started(case), today, rules)
    return Continuity(
        phase=phase,
        interval=rules.interval(phase),
        status=status,
        days=days,
        last_held=last,
        next_planned=next_planned(case.contacts, today),
        no_show_streak=streak,
        person=person,
        overdue=overdue,
        held_in_future=future_held,
        signals=tuple(signals),
    )
