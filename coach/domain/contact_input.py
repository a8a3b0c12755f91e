"""The contact form as typed (plain strings), and reading it into a contact, agreements and a next contact.

Pure, so every rule about what may be saved is tested without a screen: a
bad field gives a Dutch message for that field, and then nothing is saved.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import datetime
from typing import Any

from coach.domain.agreements import NewAgreement
from coach.domain.contact_status import NEW_STATUSES
from coach.domain.domains import DOMAIN_KEYS
from coach.domain.dutch_dates import FUTURE, PAST, DateInputError, Direction, ParsedMoment, parse_day, parse_moment
from coach.domain.model import Contact
from coach.domain.vocabulary import AgreementOwner, ContactMode, ContactStatus, Initiator

MAX_MINUTES = 1440


@dataclass
class AgreementInput:
    """A new agreement as typed: what, who, by when (Dutch date, may be empty)."""

    text: str = ""
    owner: str = AgreementOwner.JONGERE
    due: str = ""


@dataclass
class ContactInput:
    """Every field of the contact form as the coach typed or chose it."""

    when: str = "nu"
    status: str = ContactStatus.PLAATSGEVONDEN
    mode: str = ContactMode.HUISBEZOEK
    duration: str = ""
    initiated_by: str = Initiator.COACH
    held_by: str = ""
    note: str = ""
    domains: list[str] = field(default_factory=list)
    agreements: list[AgreementInput] = field(default_factory=list)
    next: str = ""

    def as_dict(self) -> dict[str, Any]:
        """The form as plain data (for the draft)."""
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> ContactInput:
        """A form from a saved draft; unknown or broken parts are left at their defaults."""
        form = cls()
        for name in ("when", "status", "mode", "duration", "initiated_by", "held_by", "note", "next"):
            value = data.get(name)
            if isinstance(value, str):
                setattr(form, name, value)
        form.domains = [d for d in data.get("domains") or [] if d in DOMAIN_KEYS]
        for item in data.get("agreements") or []:
            if isinstance(item, dict):
                form.agreements.append(
                    AgreementInput(
                        str(item.get("text", "")),
                        str(item.get("owner", AgreementOwner.JONGERE)),
                        str(item.get("due", "")),
                    )
                )
        return form


@dataclass(frozen=True)
class ReadContact:
    """The form, understood: what the store saves in one transaction."""

    contact: Contact
    domains: tuple[str, ...]
    agreements: tuple[NewAgreement, ...]
    next_contact: Contact | None


class FormErrors(ValueError):
    """One or more fields are not right; `errors` maps a field name to its Dutch message."""

    def __init__(self, errors: dict[str, str]) -> None:
        super().__init__("; ".join(errors.values()))
        self.errors = errors


def when_direction(status: str) -> Direction:
    """A planned contact lies ahead, every other one behind."""
    return FUTURE if status == ContactStatus.GEPLAND else PAST


def read_when(text: str, status: str, now: datetime) -> ParsedMoment:
    """The contact's moment, checked against its status (raises DateInputError)."""
    parsed = parse_moment(text, now, direction=when_direction(status))
    if status == ContactStatus.GEPLAND:
        if parsed.day < now.date() or (parsed.has_time and parsed.at < now):
            raise DateInputError("Een gepland contact ligt in de toekomst. Kies een latere tijd, of een andere status.")
    elif parsed.day > now.date() or (parsed.has_time and parsed.at > now):
        raise DateInputError("Dit contact ligt in de toekomst. Kies status 'Gepland', of pas de dag of tijd aan.")
    return parsed


def read_next(text: str, after: datetime, now: datetime) -> ParsedMoment | None:
    """The next planned contact, if any: later than this contact and not in the past (raises DateInputError)."""
    if not text.strip():
        return None
    parsed = parse_moment(text, now, direction=FUTURE)
    if parsed.day < now.date() or (parsed.has_time and parsed.at < now):
        raise DateInputError("Het volgende contact ligt in de toekomst. Kies een latere dag of tijd.")
    if parsed.day < after.date() or (parsed.has_time and parsed.at <= after):
        raise DateInputError("Het volgende contact komt na dit contact. Kies een latere dag of tijd.")
    return parsed


def read_contact(form: ContactInput, now: datetime) -> ReadContact:
    """Read the whole form; raises FormErrors naming every field that is not right."""
    errors: dict[str, str] = {}
    # A new contact is never verzet or vervallen: those come only from moving or dropping a planned one.
    if form.status not in NEW_STATUSES:
        errors["status"] = "Kies een status: " + ", ".join(status.label.lower() for status in NEW_STATUSES) + "."
    if not ContactMode.has(form.mode):
        errors["mode"] = "Kies een vorm, bijvoorbeeld huisbezoek of telefoon."
    if not Initiator.has(form.initiated_by):
        errors["initiated_by"] = "Kies wie het initiatief nam: coach, jongere of netwerk."
    at = None
    try:
        at = read_when(form.when, form.status, now)
    except DateInputError as error:
        errors["when"] = str(error)
    duration = None
    if form.duration.strip():
        text = form.duration.strip().removesuffix("min").strip()
        if not text.isdecimal() or int(text) > MAX_MINUTES:
            errors["duration"] = "Schrijf de duur in hele minuten, bijvoorbeeld 45 (hooguit 1440)."
        else:
            duration = int(text)
    agreements: list[NewAgreement] = []
    for index, item in enumerate(form.agreements):
        if not item.text.strip():
            continue
        if not AgreementOwner.has(item.owner):
            errors[f"agreement-{index}"] = "Kies wie het doet: jongere, coach of netwerk."
            continue
        due = None
        if item.due.strip():
            try:
                due = parse_day(item.due, now.date(), direction=FUTURE)
            except DateInputError as error:
                errors[f"agreement-{index}"] = f"Afspraak '{item.text.strip()}': {error}"
                continue
        agreements.append(NewAgreement(item.text.strip(), item.owner, due))
    next_at = None
    if at is not None:
        try:
            next_at = read_next(form.next, at.at, now)
        except DateInputError as error:
            errors["next"] = str(error)
    unknown = [d for d in form.domains if d not in DOMAIN_KEYS]
    if unknown:
        errors["domains"] = f"Onbekend leefgebied: {', '.join(unknown)}."
    if errors:
        raise FormErrors(errors)
    assert at is not None
    held_by = form.held_by.strip() or None
    contact = Contact(
        at=at.at,
        mode=form.mode,
        status=form.status,
        duration_min=duration,
        initiated_by=form.initiated_by,
        coach=held_by,
        note=form.note if form.note.strip() else None,
    )
    next_contact = (
        Contact(at=next_at.at, mode=form.mode, status=ContactStatus.GEPLAND, coach=held_by) if next_at else None
    )
    return ReadContact(contact, tuple(dict.fromkeys(form.domains)), tuple(agreements), next_contact)
