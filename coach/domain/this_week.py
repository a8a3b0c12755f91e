"""'Deze week': whom the coach should see this week, and why, as read on Monday morning."""

from __future__ import annotations

from collections.abc import Iterable
from collections.abc import Set as AbstractSet
from datetime import date, datetime, timedelta
from enum import StrEnum
from typing import TYPE_CHECKING, NamedTuple

from coach.domain.calendar_words import moment, weekday_date
from coach.domain.continuity import ContinuityRules
from coach.domain.vocabulary import ContactMode, ContactStatus, ContinuityStatus, Phase

if TYPE_CHECKING:
    from coach.domain.caseload import CaseloadEntry


class ReasonKind(StrEnum):
    """Why someone is on the week's list; the order of the members is the order of urgency."""

    # Safety comes first: a domain scored 1 or an open safety concern.
    VEILIGHEID = "veiligheid"
    TE_LANG = ContinuityStatus.TE_LANG.value
    LET_OP = ContinuityStatus.LET_OP.value
    NOG_GEEN_CONTACT = "nog_geen_contact"
    AFSPRAAK_TE_LAAT = "afspraak_te_laat"
    NOG_AFRONDEN = "nog_afronden"
    NAZORG = Phase.NAZORG.value
    RITME = "ritme"
    GEPLAND = ContactStatus.GEPLAND.value
    AFSPRAAK_DEZE_WEEK = "afspraak_deze_week"
    # In begeleiding and meeting the readiness criteria: a question to raise, never urgent.
    AFBOUW = Phase.AFBOUW.value


RANKS: dict[str, int] = {kind: rank for rank, kind in enumerate(ReasonKind)}

# Old names, kept only for the callers in tui/ until they use ReasonKind (issue 12).
TOO_LONG, ATTENTION, NEVER_SEEN, OVERDUE = (
    ReasonKind.TE_LANG,
    ReasonKind.LET_OP,
    ReasonKind.NOG_GEEN_CONTACT,
    ReasonKind.AFSPRAAK_TE_LAAT,
)
NAZORG, DUE, PLANNED, AGREEMENT_DUE = (
    ReasonKind.NAZORG,
    ReasonKind.RITME,
    ReasonKind.GEPLAND,
    ReasonKind.AFSPRAAK_DEZE_WEEK,
)


class WeekWindow(NamedTuple):
    """The days the desk looks ahead to: today up to and including `end` (a Sunday)."""

    start: date
    end: date

    def __contains__(self, day: object) -> bool:
        return isinstance(day, date) and self.start <= day <= self.end


def week_window(today: date) -> WeekWindow:
    """Today until Sunday; at the weekend the coming work week is meant: seven days from today.

    Seven, not up to the Sunday after: "zo 6 dec – zo 13 dec" read as a week of eight days.
    """
    if today.weekday() >= 5:
        return WeekWindow(today, today + timedelta(days=6))
    return WeekWindow(today, today + timedelta(days=6 - today.weekday()))


class Reason(NamedTuple):
    """Why a young person is on this week's list, in a coach's words."""

    kind: ReasonKind
    text: str

    @property
    def rank(self) -> int:
        """Lower is more urgent."""
        return RANKS[self.kind]


class WeekItem(NamedTuple):
    """A young person to see this week, with every reason, the most urgent first."""

    entry: CaseloadEntry
    reasons: tuple[Reason, ...]

    @property
    def rank(self) -> int:
        """The rank of the most urgent reason."""
        return self.reasons[0].rank

    @property
    def sort_key(self) -> tuple[int, datetime, str, int]:
        """Most urgent first, then the soonest planned contact, then by name."""
        entry = self.entry
        return (self.rank, entry.next_contact or datetime.max, entry.name.casefold(), entry.id)


def _days(count: int) -> str:
    return "1 dag" if count == 1 else f"{count} dagen"


def _mode_word(mode: str | None) -> str:
    """'huisbezoek', 'samen op pad'; 'afspraak' when the kind is unknown."""
    return ContactMode(mode).label.lower() if mode is not None and ContactMode.has(mode) else "afspraak"


def _by(day: date, today: date) -> str:
    """'vandaag', 'morgen' or 'vr 4 dec'."""
    if day <= today:
        return "vandaag"
    if day == today + timedelta(days=1):
        return "morgen"
    return weekday_date(day, today)


def to_complete_reason(count: int, oldest: datetime | None, today: date) -> Reason:
    """'gepland contact van di 3 mrt nog afronden', or '3 geplande contacten nog afronden (oudste di 3 mrt)'."""
    when = weekday_date(oldest.date(), today) if oldest is not None else None
    if count == 1:
        text = f"gepland contact van {when} nog afronden" if when else "een gepland contact nog afronden"
    else:
        text = f"{count} geplande contacten nog afronden" + (f" (oudste {when})" if when else "")
    return Reason(ReasonKind.NOG_AFRONDEN, text)


TAPER_TEXT = "toe aan afbouw? bespreek het samen"


def reasons_for(
    entry: CaseloadEntry,
    today: date,
    rules: ContinuityRules = ContinuityRules(),
    window: WeekWindow | None = None,
    *,
    may_taper: bool = False,
) -> tuple[Reason, ...]:
    """Every reason to see this young person in the week from `today`, the most urgent first.

    `may_taper`: the readiness criteria are met (see domain.release.may_taper), worth a word about afbouw.
    """
    window = window or week_window(today)
    nazorg = entry.phase == Phase.NAZORG
    days = entry.days_since_contact
    reasons: list[Reason] = []
    if entry.safety:
        reasons.append(Reason(ReasonKind.VEILIGHEID, "veiligheid eerst"))
    due = entry.first_contact_due
    if due is not None and entry.continuity is not None:
        # Aanmelding, never seen: the first-contact rule speaks, with its last day, not days since a contact.
        late = (today - due).days
        if late > 0:
            kind = ReasonKind.TE_LANG if entry.continuity == ContinuityStatus.TE_LANG else ReasonKind.LET_OP
            text = f"eerste contact {_days(late)} te laat (uiterlijk {weekday_date(due, today)})"
        else:
            kind = ReasonKind.NOG_GEEN_CONTACT
            text = f"eerste contact uiterlijk {_by(due, today)}"
        reasons.append(Reason(kind, text))
    elif entry.continuity in (ContinuityStatus.TE_LANG, ContinuityStatus.LET_OP):
        if nazorg:
            kind = ReasonKind.NAZORG
        else:
            kind = ReasonKind.TE_LANG if entry.continuity == ContinuityStatus.TE_LANG else ReasonKind.LET_OP
        if entry.last_contact is None:
            since = f", al {_days(days)} in traject" if days else ""
            text = f"nog geen contact{since}"
        elif nazorg:
            text = f"nazorg-check over tijd: {_days(days or 0)} geen contact"
        elif entry.continuity == ContinuityStatus.TE_LANG:
            text = f"te lang niet gezien: {_days(days or 0)}"
        else:
            text = f"{_days(days or 0)} niet gezien"
        reasons.append(Reason(kind, text))
    elif entry.last_contact is None and entry.continuity is not None:
        reasons.append(Reason(ReasonKind.NOG_GEEN_CONTACT, "nog geen contact gehad"))
    elif entry.continuity == ContinuityStatus.OK and entry.last_contact is not None:
        interval = rules.interval(entry.phase)
        due = entry.last_contact + timedelta(days=interval) if interval else None
        planned_in_time = entry.next_contact is not None and entry.next_contact.date() <= (due or date.min)
        if due is not None and due <= window.end and not planned_in_time:
            text = (
                f"tijd voor een nazorg-check, uiterlijk {_by(due, today)}"
                if nazorg
                else f"contact nodig, uiterlijk {_by(due, today)}"
            )
            reasons.append(Reason(ReasonKind.NAZORG if nazorg else ReasonKind.RITME, text))

    if entry.overdue_agreements:
        count = entry.overdue_agreements
        reasons.append(
            Reason(ReasonKind.AFSPRAAK_TE_LAAT, f"{count} {'afspraak' if count == 1 else 'afspraken'} te laat")
        )

    if entry.to_complete:
        reasons.append(to_complete_reason(entry.to_complete, entry.first_to_complete, today))

    if entry.next_contact is not None and entry.next_contact.date() in window:
        mode = _mode_word(entry.next_contact_mode)
        reasons.append(Reason(ReasonKind.GEPLAND, f"{mode} {moment(entry.next_contact, today)}"))

    if entry.next_agreement_due is not None and entry.next_agreement_due in window:
        reasons.append(
            Reason(ReasonKind.AFSPRAAK_DEZE_WEEK, f"een afspraak moet af zijn: {_by(entry.next_agreement_due, today)}")
        )

    if may_taper and entry.phase == Phase.BEGELEIDING:
        reasons.append(Reason(ReasonKind.AFBOUW, TAPER_TEXT))

    if len(reasons) > 1:
        reasons.sort(key=lambda reason: reason.rank)
    return tuple(reasons)


def this_week(
    entries: Iterable[CaseloadEntry],
    today: date,
    rules: ContinuityRules = ContinuityRules(),
    may_taper: AbstractSet[int] = frozenset(),
) -> list[WeekItem]:
    """Everyone with a reason to be seen this week: the most urgent first, then by planned moment and name.

    `may_taper`: the ids of young people in begeleiding who meet the readiness criteria.
    """
    window = week_window(today)
    items = [
        WeekItem(entry, reasons)
        for entry in entries
        if (reasons := reasons_for(entry, today, rules, window, may_taper=entry.id in may_taper))
    ]
    items.sort(key=lambda item: item.sort_key)
    return items
