"""The trajectory: which phase change is allowed, and the phases as a timeline."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from coach.domain.model import PhaseEntry
from coach.domain.phases import current_phase
from coach.domain.vocabulary import Phase

# Where a trajectory may go from each phase. Afbouw may step back to
# begeleiding when tapering goes wrong; nazorg and afgesloten may reopen (the
# way back), which adds a phase and never removes the history before it.
NEXT_PHASES: dict[str, tuple[Phase, ...]] = {
    Phase.AANMELDING: (Phase.INTAKE, Phase.AFGESLOTEN),
    Phase.INTAKE: (Phase.BEGELEIDING, Phase.AFGESLOTEN),
    Phase.BEGELEIDING: (Phase.AFBOUW, Phase.NAZORG, Phase.AFGESLOTEN),
    Phase.AFBOUW: (Phase.NAZORG, Phase.BEGELEIDING, Phase.AFGESLOTEN),
    Phase.NAZORG: (Phase.AFGESLOTEN, Phase.BEGELEIDING),
    Phase.AFGESLOTEN: (Phase.BEGELEIDING, Phase.INTAKE),
}

# Moves that bring a young person back into active coaching after letting go.
REOPEN_FROM: tuple[Phase, ...] = (Phase.NAZORG, Phase.AFGESLOTEN)
ACTIVE_PHASES: tuple[Phase, ...] = (Phase.AANMELDING, Phase.INTAKE, Phase.BEGELEIDING, Phase.AFBOUW)
# Phases in which the release readiness is worth showing.
READINESS_PHASES: tuple[Phase, ...] = (Phase.BEGELEIDING, Phase.AFBOUW)
NOTE_MAX = 2000


RELEASE, NOT_YET = "loslaten", "nog_niet"
DECISIONS: tuple[str, ...] = (RELEASE, NOT_YET)
DECISION_LABELS = {RELEASE: "Loslaten", NOT_YET: "Nog niet loslaten"}


class TrajectoryError(ValueError):
    """Input that cannot change the trajectory; the message is Dutch and says how to fix it."""


class PhaseChangeError(TrajectoryError):
    """A phase change that is not allowed; the message is Dutch and says what would work."""


def allowed_next(phase: str) -> tuple[Phase, ...]:
    """The phases a trajectory in `phase` may move to."""
    return NEXT_PHASES.get(phase, ())


def is_reopen(current: str, new: str) -> bool:
    """True when this change takes a let-go or closed trajectory back into coaching."""
    return current in REOPEN_FROM and new in ACTIVE_PHASES


def check_phase_change(phases: list[PhaseEntry], new: str, on: date, today: date, note: str | None = None) -> None:
    """Raise PhaseChangeError when moving to `new` on `on` is not allowed."""
    try:
        wanted = Phase(new)
    except ValueError:
        raise PhaseChangeError(f"'{new}' is geen fase. Kies uit: {', '.join(Phase)}.") from None
    current = Phase(current_phase(phases))
    if wanted == current:
        raise PhaseChangeError(f"Het traject staat al in {wanted.label.lower()}.")
    if wanted not in allowed_next(current):
        options = " of ".join(p.label.lower() for p in allowed_next(current))
        raise PhaseChangeError(
            f"Van {current.label.lower()} kan het traject niet naar {wanted.label.lower()}; wel naar {options}."
        )
    if on > today:
        raise PhaseChangeError("De datum ligt in de toekomst. Leg een fasewissel vast op of na de dag zelf.")
    if phases:
        since = max(entry.since for entry in phases)
        if on < since:
            raise PhaseChangeError(
                f"De datum ligt vóór de vorige fasewissel ({since:%d-%m-%Y}). Kies die dag of later."
            )
    if note is not None and len(note) > NOTE_MAX:
        raise PhaseChangeError(f"De notitie is te lang ({len(note)} tekens); houd het onder de {NOTE_MAX}.")


@dataclass(frozen=True)
class PhaseSpan:
    """One stretch of the trajectory: a phase from its start until the next phase began."""

    phase: str
    since: date
    until: date | None
    note: str | None
    current: bool
    reopened: bool = False

    @property
    def label(self) -> str:
        """The phase's Dutch name."""
        try:
            return Phase(self.phase).label
        except ValueError:
            return self.phase

    def days(self, today: date) -> int:
        """How many days this stretch lasted (or has lasted so far)."""
        return max(((self.until or today) - self.since).days, 0)


def timeline(phases: list[PhaseEntry]) -> list[PhaseSpan]:
    """The phases in the order they were entered, each with the day it ended.

    A phase entered twice (after reopening) appears twice: the history stays whole.
    """
    ordered = [entry for _, entry in sorted(enumerate(phases), key=lambda item: (item[1].since, item[0]))]
    spans: list[PhaseSpan] = []
    for index, entry in enumerate(ordered):
        until = ordered[index + 1].since if index + 1 < len(ordered) else None
        previous = ordered[index - 1].phase if index else None
        spans.append(
            PhaseSpan(
                phase=entry.phase,
                since=entry.since,
                until=until,
                note=entry.note,
                current=index == len(ordered) - 1,
                reopened=previous is not None and is_reopen(previous, entry.phase),
            )
        )
    return spans


@dataclass(frozen=True)
class PlannedStep:
    """One planned contact of an afbouw plan or a nazorg check-in, and the contact row it made."""

    planned_at: datetime
    contact_id: int | None = None
    id: int | None = None


@dataclass(frozen=True)
class TaperPlan:
    """An accepted afbouw plan: the intervals chosen and the contacts it planned."""

    accepted_on: date
    starts_on: date
    intervals: tuple[int, ...]
    steps: tuple[PlannedStep, ...]
    tolerance_days: int = 3
    ended_on: date | None = None
    id: int | None = None


@dataclass(frozen=True)
class ReleaseDecision:
    """The coach's decision on letting go (or not yet), its reason, and the agreed way back."""

    decided_on: date
    decision: str
    reason: str
    way_back: str | None = None
    checks: tuple[PlannedStep, ...] = ()
    id: int | None = None

    @property
    def label(self) -> str:
        """'Loslaten' or 'Nog niet loslaten'."""
        return DECISION_LABELS[self.decision]


@dataclass
class TrajectoryRecord:
    """What the store keeps about a trajectory beyond its phases: plans and decisions."""

    taper_plans: list[TaperPlan] = field(default_factory=list)
    decisions: list[ReleaseDecision] = field(default_factory=list)

    @property
    def active_plan(self) -> TaperPlan | None:
        """The latest afbouw plan that has not been ended."""
        open_plans = [plan for plan in self.taper_plans if plan.ended_on is None]
        return open_plans[-1] if open_plans else None

    @property
    def last_release(self) -> ReleaseDecision | None:
        """The latest decision to let go, if any."""
        released = [d for d in self.decisions if d.decision == RELEASE]
        return released[-1] if released else None

    def way_back(self) -> str | None:
        """The way back agreed at the latest letting go."""
        release = self.last_release
        return release.way_back if release else None


# --- what the store checks and writes -------------------------------------------------
# The store applies these rules and writes these notes; the words live here, with the rules.

# Notes on the contacts a plan makes or cancels; the coach reads them in the contact list.
TAPER_STEP_NOTE = "Afbouw: stap {step} van {steps}."
NAZORG_CHECK_NOTE = "Nazorgcheck {step} van {steps}."
CANCELLED_NOTE = "Vervallen: {why}."
# A decision the store fills in for a trajectory let go before decisions were recorded.
UNRECORDED_REASON = "Losgelaten voordat het besluit hier werd vastgelegd."

# Why planned contacts were cancelled (the `why` of CANCELLED_NOTE).
TAPER_STOPPED, NEW_TAPER_PLAN = "afbouw gestopt", "nieuw afbouwplan"
NAZORG_STOPPED, REOPENED = "nazorg gestopt", "traject heropend"
LET_GO, CLOSED = "losgelaten", "traject afgesloten"


def cancel_reason(current: str, new: str) -> str | None:
    """Why the planned contacts of the phase left behind are cancelled; None when nothing is planned in it."""
    if current == Phase.AFBOUW:
        return TAPER_STOPPED
    if current == Phase.NAZORG:
        return NAZORG_STOPPED if new == Phase.AFGESLOTEN else REOPENED
    return None


def drop_reason(new: str) -> str | None:
    """Why every contact still planned is dropped on moving to `new`; None when they stay.

    Letting go or closing makes them moot (the nazorg checks are planned after this).
    """
    if new == Phase.NAZORG:
        return LET_GO
    if new == Phase.AFGESLOTEN:
        return CLOSED
    return None


def unknown_youth(youth_id: int) -> TrajectoryError:
    """The error for a young person who is not in the database."""
    return TrajectoryError(f"Er is geen jongere met nummer {youth_id}.")


def clean_text(text: str | None, what: str, *, required: bool = False) -> str | None:
    """The text stripped, None when empty; raises TrajectoryError when required and empty, or too long."""
    text = (text or "").strip()
    if required and not text:
        raise TrajectoryError(f"Vul {what} in; dat hoort bij het besluit.")
    if len(text) > NOTE_MAX:
        raise TrajectoryError(
            f"{what[0].upper()}{what[1:]} is te lang ({len(text)} tekens); houd het onder de {NOTE_MAX}."
        )
    return text or None


def clean_note(note: str | None) -> str | None:
    """A phase change's note, cleaned (see clean_text)."""
    return clean_text(note, "de notitie")


def clean_reason(reason: str | None) -> str:
    """A decision's reason, cleaned; it is required (raises TrajectoryError when empty)."""
    return clean_text(reason, "de reden", required=True) or ""


def clean_way_back(text: str | None) -> str | None:
    """The way back agreed at letting go, cleaned."""
    return clean_text(text, "de weg terug")


def check_reopen(current: str) -> None:
    """Raise TrajectoryError unless a trajectory in `current` may be reopened."""
    if current not in REOPEN_FROM:
        raise TrajectoryError("Alleen een traject in nazorg of een afgesloten traject kan heropend worden.")


def check_taper_moments(steps: int, moments: list[datetime], on: date, tolerance_days: int) -> None:
    """Raise TrajectoryError unless there is one moment per step, all after `on`, and the tolerance is sane."""
    if len(moments) != steps:
        raise TrajectoryError("Het plan klopt niet: er hoort één contactmoment bij elke stap.")
    if not moments or min(moments).date() <= on:
        raise TrajectoryError("De geplande contacten moeten na de start van de afbouw liggen.")
    if not 0 <= tolerance_days <= 14:
        raise TrajectoryError("De speling moet 0 tot en met 14 dagen zijn.")


def check_checkins(on: date, checkins: list[datetime]) -> None:
    """Raise TrajectoryError when a nazorg check is not after the day of letting go."""
    if any(moment.date() <= on for moment in checkins):
        raise TrajectoryError("Een nazorgcheck moet na de dag van het loslaten liggen.")


def check_decision_day(on: date, today: date) -> None:
    """Raise TrajectoryError when a decision is dated in the future."""
    if on > today:
        raise TrajectoryError("De datum ligt in de toekomst; leg het besluit vast op de dag zelf.")


def latest_release_entry(phases: list[PhaseEntry]) -> PhaseEntry:
    """The latest entry into nazorg, for a way back without a recorded decision; raises TrajectoryError if none."""
    let_go = [entry for entry in phases if entry.phase == Phase.NAZORG]
    if not let_go:
        raise TrajectoryError("Er is nog niet losgelaten; de weg terug leg je vast bij het loslaten.")
    return max(let_go, key=lambda e: (e.since, e.id or 0))
