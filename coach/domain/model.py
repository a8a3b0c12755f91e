"""The case as plain dataclasses, and the closed vocabularies of the case file."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from coach.domain.phases import current_phase
from coach.domain.self_assessment import SelfAssessment
from coach.domain.vocabulary import AgreementOwner, AgreementStatus, ContactMode, ContactStatus, Initiator, Phase

# The vocabularies themselves are the StrEnums in coach.domain.vocabulary. The tuples and
# label tables below are derived from them for the callers in tui/ and cli/ that still
# import these names; new code uses the enums and `.label`.
PHASES: tuple[Phase, ...] = tuple(Phase)
OPEN_PHASES: tuple[Phase, ...] = tuple(phase for phase in Phase if phase.is_open)
PHASE_LABELS: dict[str, str] = {phase: phase.label for phase in Phase}
CONTACT_MODES: tuple[ContactMode, ...] = tuple(ContactMode)
MODE_LABELS: dict[str, str] = {mode: mode.label for mode in ContactMode}
CONTACT_STATUSES: tuple[ContactStatus, ...] = tuple(ContactStatus)
STATUS_LABELS: dict[str, str] = {status: status.label for status in ContactStatus}
INITIATORS: tuple[Initiator, ...] = tuple(Initiator)
OWNERS: tuple[AgreementOwner, ...] = tuple(AgreementOwner)
AGREEMENT_STATUSES: tuple[AgreementStatus, ...] = tuple(AgreementStatus)

WARM_KINDS: tuple[str, ...] = ("belangrijk", "trots", "kracht", "droom", "volhouden", "mensen")
NETWORK_KINDS: tuple[str, ...] = ("informeel", "professioneel")


@dataclass
class Address:
    """Where the young person lives."""

    street: str | None = None
    postcode: str | None = None
    city: str | None = None


@dataclass
class Youth:
    """The young person: identity and the case's fixed facts."""

    first_name: str
    id: int | None = None
    ref: str | None = None
    last_name: str | None = None
    nickname: str | None = None
    birth_date: date | None = None
    phone: str | None = None
    email: str | None = None
    address: Address | None = None
    school: str | None = None
    employer: str | None = None
    coach: str | None = None
    started_on: date | None = None
    intervision_question: str | None = None

    @property
    def display_name(self) -> str:
        """The name the coach uses: roepnaam when known, then the last name."""
        first = self.nickname or self.first_name
        return f"{first} {self.last_name}".strip() if self.last_name else first


@dataclass
class NetworkPerson:
    """Someone around the young person, informal or professional."""

    name: str
    relation: str
    kind: str
    id: int | None = None
    organisation: str | None = None
    phone: str | None = None
    email: str | None = None
    note: str | None = None


@dataclass
class WarmStoryItem:
    """One piece of the young person's warm story."""

    kind: str
    text: str
    id: int | None = None
    own_words: bool | None = None
    recorded_on: date | None = None


@dataclass
class Assessment:
    """One domain measured at one date."""

    date: date
    domain: str
    id: int | None = None
    score: int | None = None
    youth_score: int | None = None
    going_well: str | None = None
    concerns: str | None = None
    wish: str | None = None


@dataclass
class Contact:
    """A contactmoment: held, missed, cancelled or planned."""

    at: datetime
    mode: str
    status: str
    id: int | None = None
    duration_min: int | None = None
    initiated_by: str | None = None
    coach: str | None = None
    note: str | None = None


@dataclass
class Agreement:
    """An afspraak: who does what, by when."""

    made_on: date
    text: str
    owner: str
    status: str
    id: int | None = None
    due: date | None = None


@dataclass
class PhaseEntry:
    """The trajectory entered this phase on this date."""

    phase: str
    since: date
    id: int | None = None
    note: str | None = None


@dataclass
class Case:
    """One young person's whole file."""

    youth: Youth
    network: list[NetworkPerson] = field(default_factory=list)
    warm_story: list[WarmStoryItem] = field(default_factory=list)
    assessments: list[Assessment] = field(default_factory=list)
    contacts: list[Contact] = field(default_factory=list)
    agreements: list[Agreement] = field(default_factory=list)
    phases: list[PhaseEntry] = field(default_factory=list)
    # The kinds (labels) of open safety concerns; their notes stay in the store (coach.store.safety).
    open_safety: list[str] = field(default_factory=list)
    # The young person's own answers from samen invullen (not a case-file v1 section: v2 carries them).
    self_assessments: list[SelfAssessment] = field(default_factory=list)
    # Ids of warm-story items the young person typed themselves (in samen invullen).
    typed_by_youth: set[int] = field(default_factory=set)
    # The coach's leervraag for a period or one contact, by scope key (coach.reports.summary.Scope.key);
    # the whole case's question is youth.intervision_question.
    scope_questions: dict[str, str] = field(default_factory=dict)

    @property
    def phase(self) -> str:
        """The current phase: the last one entered (aanmelding before any)."""
        return current_phase(self.phases)


def age_on(birth_date: date | None, today: date) -> int | None:
    """Age in whole years on `today` (someone born on 29 February ages on 1 March)."""
    if birth_date is None:
        return None
    had_birthday = (today.month, today.day) >= (birth_date.month, birth_date.day)
    return today.year - birth_date.year - (0 if had_birthday else 1)


def latest_scores(assessments: list[Assessment], field: str = "score") -> dict[str, int]:
    """Per domain, the most recent coach's score (or `youth_score`); never-scored domains are absent."""
    latest: dict[str, tuple[date, int, int]] = {}
    for order, item in enumerate(assessments):
        score = getattr(item, field)
        if score is None:
            continue
        key = (item.date, order)
        if item.domain not in latest or key > latest[item.domain][:2]:
            latest[item.domain] = (item.date, order, score)
    return {domain: value[2] for domain, value in latest.items()}
