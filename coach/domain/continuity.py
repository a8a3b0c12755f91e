"""Continuity of contact: how long since the young person was last seen, and is that too long.

Beside the rhythm (ok / let_op / te_lang) the rules spot three more things a
coach wants to see at the weekly desk: no-shows in a row, contacts held by
someone other than the fixed coach, and agreements past their date. The rules
are explained for coaches in guides/continuiteit.md.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING

from coach.domain.phases import current_phase
from coach.domain.vocabulary import AgreementStatus, ContactStatus, ContinuityStatus, Phase

if TYPE_CHECKING:  # the caseload needs the rules, not the case model (it costs the app's start)
    from coach.domain.model import Agreement, Case, Contact, PhaseEntry

# Days a coach may go without a held contact before it is worth a look, per
# phase. Intensive at the start, wider in afbouw, sparse in nazorg.
DEFAULT_INTERVALS: dict[str, int] = {
    Phase.AANMELDING: 7,
    Phase.INTAKE: 7,
    Phase.BEGELEIDING: 14,
    Phase.AFBOUW: 28,
    Phase.NAZORG: 90,
}

# Days after the aanmelddatum within which the first contact is expected.
DEFAULT_FIRST_CONTACT_DAYS = 7

# Old names, kept only for the callers in tui/ and cli/ until they use the enums (issue 12).
# Typed as str so the tables those callers key with them accept plain strings too.
OK: str = ContinuityStatus.OK
LET_OP: str = ContinuityStatus.LET_OP
TE_LANG: str = ContinuityStatus.TE_LANG
CONTINUITY_LABELS: dict[str, str] = {status: status.label for status in ContinuityStatus}
HELD: str = ContactStatus.PLAATSGEVONDEN
NO_SHOW: str = ContactStatus.NIET_VERSCHENEN
PLANNED: str = ContactStatus.GEPLAND
# Not a stored status (since m009 a cancellation says by whom): the one rhythm mark for a
# cancellation by either side, see coach.domain.rhythm.
CANCELLED: str = "afgezegd"

# Signal kinds, each with the word the screens show.
NO_SHOWS, OTHER_COACH, OVERDUE, HELD_IN_FUTURE = "no_shows", "other_coach", "overdue", "held_in_future"


@dataclass(frozen=True)
class ContinuityRules:
    """The rules' knobs: expected days between held contacts per phase, and when a pattern is worth a look.

    `intervals` overrides the defaults per phase; a phase mapped to None is
    not tracked. Past the interval it is 'let_op', past `overdue_factor`
    times the interval it is 'te_lang'.
    """

    intervals: dict[str, int | None] | None = None
    overdue_factor: float = 2.0
    #: Days after the aanmelding by which the first contact is due (config: [contactritme] eerste_contact).
    first_contact_days: int = DEFAULT_FIRST_CONTACT_DAYS
    no_show_streak: int = 2
    person_window: int = 6
    person_share: float = 0.5

    def interval(self, phase: str) -> int | None:
        """Expected days between held contacts in this phase (None: not tracked)."""
        if self.intervals and phase in self.intervals:
            return self.intervals[phase]
        return DEFAULT_INTERVALS.get(phase)


def days_since(last_held: date | None, started_on: date | None, today: date) -> int | None:
    """Days since the last contact that took place, else since the trajectory began."""
    reference = last_held or started_on
    if reference is None:
        return None
    return max((today - reference).days, 0)


def continuity_status(
    phase: str, days: int | None, rules: ContinuityRules = ContinuityRules()
) -> ContinuityStatus | None:
    """ok / let_op / te_lang for a young person in this phase, or None when not tracked."""
    interval = rules.interval(phase)
    if interval is None:
        return None
    if days is None:
        return ContinuityStatus.TE_LANG
    if days <= interval:
        return ContinuityStatus.OK
    if days <= interval * rules.overdue_factor:
        return ContinuityStatus.LET_OP
    return ContinuityStatus.TE_LANG


def first_contact_status(
    registered_on: date | None, today: date, rules: ContinuityRules = ContinuityRules()
) -> ContinuityStatus:
    """ok / let_op / te_lang for a young person in aanmelding who has not been seen yet.

    A new registration is 'ok' until the first contact is due
    (`first_contact_days` after the aanmelddatum); then 'let_op', and past
    `overdue_factor` times that, 'te_lang'. With no date known at all it is
    'te_lang', as in `continuity_status`: better a look than silently fine.
    """
    if registered_on is None:
        return ContinuityStatus.TE_LANG
    days = max((today - registered_on).days, 0)
    if days <= rules.first_contact_days:
        return ContinuityStatus.OK
    if days <= rules.first_contact_days * rules.overdue_factor:
        return ContinuityStatus.LET_OP
    return ContinuityStatus.TE_LANG


def first_contact_due(
    phase: str, last_held: date | None, registered_on: date | None, rules: ContinuityRules = ContinuityRules()
) -> date | None:
    """The last day for the first contact: set only for a young person in aanmelding who was never seen.

    This is the day `first_contact_status` stops being 'ok'; the screens name
    it instead of counting days since a contact that never was.
    """
    if phase != Phase.AANMELDING or last_held is not None or registered_on is None:
        return None
    if rules.interval(phase) is None:
        return None
    return registered_on + timedelta(days=rules.first_contact_days)


def status_on(
    phase: str, last_held: date | None, started_on: date | None, today: date, rules: ContinuityRules = ContinuityRules()
) -> ContinuityStatus | None:
    """The continuity status from the facts: the phase's rhythm, or the first-contact rule in aanmelding.

    A young person in aanmelding who was never seen is judged by
    `first_contact_status` from `started_on` (the aanmelddatum), so day one is
    'ok', not 'te lang'.
    """
    if phase == Phase.AANMELDING and last_held is None and rules.interval(phase) is not None:
        return first_contact_status(started_on, today, rules)
    return continuity_status(phase, days_since(last_held, started_on, today), rules)


# --- the facts behind the status ------------------------------------------------------


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


def phase_on(phases: list[PhaseEntry], day: date) -> str:
    """The phase the trajectory was in on `day` (the first one recorded before it began)."""
    before = [p for p in phases if p.since <= day]
    if not before:
        return min(phases, key=lambda p: p.since).phase if phases else Phase.AANMELDING
    return current_phase(before)


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
