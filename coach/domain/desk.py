"""The weekly desk: sorting and filtering the caseload, and the totals per phase."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Collection, Iterable
from datetime import date, datetime
from typing import Any, NamedTuple

from coach.domain.caseload import CaseloadEntry
from coach.domain.this_week import week_window
from coach.domain.vocabulary import ContinuityStatus, Phase

# --- sorting ------------------------------------------------------------------------------

NAME, RHYTHM, LAST, NEXT, PHASE, AGREEMENTS = "naam", "ritme", "laatst", "volgende", "fase", "afspraken"

# The order continuity is read in: the most worrying first.
_CONTINUITY_ORDER = (ContinuityStatus.TE_LANG, ContinuityStatus.LET_OP, ContinuityStatus.OK)
_CONTINUITY_RANK: dict[str | None, int] = {status: rank for rank, status in enumerate(_CONTINUITY_ORDER)}
_OPEN_PHASES = tuple(phase for phase in Phase if phase.is_open)
_PHASE_RANK: dict[str, int] = {phase: index for index, phase in enumerate(_OPEN_PHASES)}
_FAR = datetime.max


def _name(entry: CaseloadEntry) -> tuple[str, int]:
    return (entry.name.casefold(), entry.id)


def _by_rhythm(entry: CaseloadEntry) -> tuple[int, int, str, int]:
    days = entry.days_since_contact
    return (_CONTINUITY_RANK.get(entry.continuity, 3), -(days if days is not None else 1_000_000), *_name(entry))


def _by_last(entry: CaseloadEntry) -> tuple[bool, int, str, int]:
    # Never seen (and no start date) counts as the longest ago.
    days = entry.days_since_contact
    return (entry.last_contact is not None, -(days if days is not None else 1_000_000), *_name(entry))


def _by_next(entry: CaseloadEntry) -> tuple[datetime, str, int]:
    return (entry.next_contact or _FAR, *_name(entry))


def _by_phase(entry: CaseloadEntry) -> tuple[int, str, int]:
    return (_PHASE_RANK.get(entry.phase, len(_PHASE_RANK)), *_name(entry))


def _by_agreements(entry: CaseloadEntry) -> tuple[int, int, str, int]:
    return (-entry.overdue_agreements, -entry.open_agreements, *_name(entry))


class SortOrder(NamedTuple):
    """One way to order the caseload, with the words that say how."""

    key: str
    label: str
    column: str
    sort_key: Callable[[CaseloadEntry], tuple[Any, ...]]


SORT_ORDERS: dict[str, SortOrder] = {
    order.key: order
    for order in (
        SortOrder(NAME, "Naam (A–Z)", "name", _name),
        SortOrder(RHYTHM, "Contactritme (te lang eerst)", "rhythm", _by_rhythm),
        SortOrder(LAST, "Laatste contact (langst geleden eerst)", "last", _by_last),
        SortOrder(NEXT, "Volgende contact (eerstvolgende eerst)", "next", _by_next),
        SortOrder(PHASE, "Fase (aanmelding → nazorg)", "phase", _by_phase),
        SortOrder(AGREEMENTS, "Afspraken (meeste te laat eerst)", "agreements", _by_agreements),
    )
}


def sort_entries(entries: Iterable[CaseloadEntry], key: str = NAME) -> list[CaseloadEntry]:
    """The entries in the order `key` names (see SORT_ORDERS); ties go by name."""
    return sorted(entries, key=SORT_ORDERS[key].sort_key)


# --- filtering ----------------------------------------------------------------------------

PLANNED, NOT_PLANNED, THIS_WEEK = "gepland", "niet_gepland", "deze_week"
NEXT_CONTACT_LABELS = {
    PLANNED: "volgende contact gepland",
    NOT_PLANNED: "geen volgend contact gepland",
    THIS_WEEK: "volgende contact deze week",
}
NOT_SEEN_CHOICES = (7, 14, 28)


class CaseloadFilter(NamedTuple):
    """Which young people the desk shows; every part that is set must hold.

    Within a part, any of the chosen values will do (phase intake or
    begeleiding); between parts all must hold (in begeleiding and te lang).
    """

    phases: frozenset[str] = frozenset()
    continuity: frozenset[str] = frozenset()
    not_seen_days: int | None = None
    never_seen: bool = False
    next_contact: str | None = None
    overdue_only: bool = False
    search: str = ""

    @property
    def is_empty(self) -> bool:
        """True when nothing is filtered out."""
        return self == CaseloadFilter()

    def without(self, part: str) -> CaseloadFilter:
        """This filter with one part (a field name) cleared."""
        return self._replace(**{part: CaseloadFilter._field_defaults[part]})


class Chip(NamedTuple):
    """One active part of a filter, as the coach reads it; `part` is the field it clears."""

    part: str
    text: str


def describe(filter: CaseloadFilter) -> list[Chip]:
    """The active parts of the filter in plain Dutch, so the coach knows why a row is missing."""
    chips: list[Chip] = []
    if filter.phases:
        names = [p.label for p in _OPEN_PHASES if p in filter.phases]
        chips.append(Chip("phases", "fase " + " of ".join(names)))
    if filter.continuity:
        names = [c.label for c in _CONTINUITY_ORDER if c in filter.continuity]
        chips.append(Chip("continuity", "ritme " + " of ".join(names).lower()))
    if filter.not_seen_days is not None:
        chips.append(Chip("not_seen_days", f"langer dan {filter.not_seen_days} dagen niet gezien"))
    if filter.never_seen:
        chips.append(Chip("never_seen", "nog geen contact gehad"))
    if filter.next_contact:
        chips.append(Chip("next_contact", NEXT_CONTACT_LABELS[filter.next_contact]))
    if filter.overdue_only:
        chips.append(Chip("overdue_only", "met afspraken te laat"))
    if filter.search.strip():
        chips.append(Chip("search", f"zoek “{filter.search.strip()}”"))
    return chips


def filter_entries(
    entries: Iterable[CaseloadEntry],
    filter: CaseloadFilter,
    today: date,
    found: Collection[int] | None = None,
) -> list[CaseloadEntry]:
    """The entries the filter lets through, in their given order.

    `found` holds the ids a search turned up; None means no search was done.
    """
    checks: list[Callable[[CaseloadEntry], bool]] = []
    if filter.phases:
        checks.append(lambda e: e.phase in filter.phases)
    if filter.continuity:
        checks.append(lambda e: e.continuity in filter.continuity)
    if filter.not_seen_days is not None:
        limit = filter.not_seen_days
        checks.append(lambda e: e.last_contact is None or (e.days_since_contact or 0) > limit)
    if filter.never_seen:
        checks.append(lambda e: e.last_contact is None)
    if filter.next_contact == PLANNED:
        checks.append(lambda e: e.next_contact is not None)
    elif filter.next_contact == NOT_PLANNED:
        checks.append(lambda e: e.next_contact is None)
    elif filter.next_contact == THIS_WEEK:
        window = week_window(today)
        checks.append(lambda e: e.next_contact is not None and e.next_contact.date() in window)
    if filter.overdue_only:
        checks.append(lambda e: e.overdue_agreements > 0)
    if found is not None:
        checks.append(lambda e: e.id in found)
    if not checks:
        return list(entries)
    return [entry for entry in entries if all(check(entry) for check in checks)]


# --- totals -------------------------------------------------------------------------------


class Totals(NamedTuple):
    """How many young people per phase and per continuity status."""

    youths: int
    phases: dict[str, int]
    continuity: dict[str | None, int]
    with_overdue: int


def totals(entries: Collection[CaseloadEntry]) -> Totals:
    """Counts per phase (in trajectory order, empty phases left out) and per continuity status."""
    phases = Counter(entry.phase for entry in entries)
    return Totals(
        youths=len(entries),
        phases={phase: phases[phase] for phase in _OPEN_PHASES if phases[phase]},
        continuity=dict(Counter(entry.continuity for entry in entries)),
        with_overdue=sum(entry.overdue_agreements > 0 for entry in entries),
    )
