"""How a prepared visit ends, as the coach fills it in: read and checked before anything is stored.

A visit that was prepared is completed only by the coach's choice: the
moment it took place, how long, what happened, which open afspraken are
done and which new ones were made. Or it is kept as the preparation of a
visit still to come.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from coach.domain.contact_input import AgreementInput, FormErrors
from coach.domain.dutch_dates import FUTURE, MONTH_NAMES, PAST, DateInputError, parse_day, parse_moment
from coach.domain.model import OWNERS
from coach.domain.registration import check_text
from coach.domain.vocabulary import ContactStatus

#: What a visit can have been, in the order the dialog offers them.
VISIT_OUTCOMES: tuple[ContactStatus, ...] = (
    ContactStatus.PLAATSGEVONDEN,
    ContactStatus.NIET_VERSCHENEN,
    ContactStatus.AFGEZEGD_JONGERE,
    ContactStatus.AFGEZEGD_COACH,
)
DURATION_MAX = 1440
AGREEMENT_MAX = 2000


@dataclass
class VisitEndInput:
    """The 'Bezoek afronden' form as typed: moment, duration, status, afspraken ticked done and new ones."""

    when: str = "nu"
    duration: str = ""
    status: str = ContactStatus.PLAATSGEVONDEN
    done: list[int] = field(default_factory=list)
    agreements: list[AgreementInput] = field(default_factory=list)


@dataclass(frozen=True)
class VisitAgreement:
    """A new afspraak made at the visit, understood."""

    text: str
    owner: str
    due: date | None = None


@dataclass(frozen=True)
class VisitOutcome:
    """The form understood: what the store writes in one transaction."""

    status: str
    at: datetime
    duration_min: int | None
    done: tuple[int, ...] = ()
    agreements: tuple[VisitAgreement, ...] = ()


def moment_input(at: datetime) -> str:
    """A moment written the way the moment field reads it back: '14 maart 2026 10:00'."""
    return f"{at.day} {MONTH_NAMES[at.month - 1]} {at.year} {at:%H:%M}"


def default_when(planned_at: datetime | None, now: datetime) -> str:
    """The moment the form starts with: the planned one when it has come, else 'nu'."""
    return moment_input(planned_at) if planned_at is not None and planned_at <= now else "nu"


def _text_problem(label: str, text: str, limit: int) -> str | None:
    if len(text) > limit:
        return f"{label}: te lang ({len(text)} tekens); hoogstens {limit}."
    problem = check_text("referral_reason", text)
    return label + problem[problem.index(":") :] if problem else None


def read_outcome(form: VisitEndInput, now: datetime) -> VisitOutcome:
    """Check every field; raises FormErrors (field → Dutch message) when something is not right."""
    errors: dict[str, str] = {}
    if form.status not in VISIT_OUTCOMES:
        errors["status"] = "Hoe ging het: kies plaatsgevonden, niet verschenen of afgezegd (door jongere of coach)."
    at = now
    try:
        parsed = parse_moment(form.when, now, direction=PAST)
        at = parsed.at
        if parsed.day > now.date() or (parsed.has_time and parsed.at > now):
            errors["when"] = "Wanneer: dit ligt in de toekomst. Een bezoek afronden kan als het geweest is."
    except DateInputError as error:
        errors["when"] = f"Wanneer: {error}"
    duration: int | None = None
    if form.duration.strip():
        text = form.duration.strip().removesuffix("min").strip()
        if not text.isdecimal() or not 0 < int(text) <= DURATION_MAX:
            errors["duration"] = f"Duur: schrijf het aantal minuten, bijvoorbeeld 45 (hoogstens {DURATION_MAX})."
        else:
            duration = int(text)
    agreements: list[VisitAgreement] = []
    for item in form.agreements:
        text = item.text.strip()
        if not text:
            continue
        problem = _text_problem("Nieuwe afspraak", text, AGREEMENT_MAX)
        if item.owner not in OWNERS:
            problem = problem or "Nieuwe afspraak: kies wie het doet (jongere, coach of netwerk)."
        due = None
        if item.due.strip():
            try:
                due = parse_day(item.due, at.date(), direction=FUTURE)
            except DateInputError as error:
                problem = problem or f"Nieuwe afspraak '{text[:40]}', vóór: {error}"
        if problem:
            errors.setdefault("agreements", problem)
        agreements.append(VisitAgreement(text, item.owner, due))
    if errors:
        raise FormErrors(errors)
    return VisitOutcome(form.status, at, duration, tuple(dict.fromkeys(form.done)), tuple(agreements))


def read_planned_moment(text: str, now: datetime) -> datetime:
    """The moment a visit still to come is planned for (raises FormErrors with 'when')."""
    try:
        parsed = parse_moment(text, now, direction=FUTURE)
    except DateInputError as error:
        raise FormErrors({"when": f"Gepland voor: {error}"}) from error
    if parsed.day < now.date() or (parsed.has_time and parsed.at < now):
        raise FormErrors({"when": "Gepland voor: dit ligt in het verleden. Kies een dag of tijd die nog komt."})
    return parsed.at
