"""Continuity of contact: how long since the young person was last seen, and is that too long.

The rules' knobs and the rhythm (ok / let_op / te_lang) of one young person on
one day, as the caseload works it out for every row. What the rules say of a
whole case (no-shows in a row, contacts held by someone other than the fixed
coach, agreements past their date) is in coach.domain.case_continuity. The
rules are explained for coaches in guides/continuiteit.md.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING, NamedTuple

from coach.domain.phases import current_phase
from coach.domain.vocabulary import ContactStatus, ContinuityStatus, Phase

if TYPE_CHECKING:  # the caseload needs the rules, not the case model (it costs the app's start)
    from coach.domain.model import PhaseEntry

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


class ContinuityRules(NamedTuple):
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


def phase_on(phases: list[PhaseEntry], day: date) -> str:
    """The phase the trajectory was in on `day` (the first one recorded before it began)."""
    before = [p for p in phases if p.since <= day]
    if not before:
        return min(phases, key=lambda p: p.since).phase if phases else Phase.AANMELDING
    return current_phase(before)
