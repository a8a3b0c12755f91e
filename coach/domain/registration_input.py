"""The aanmelding as typed (texts, Dutch dates) read into a Registration, for the form and for `coach new`.

Both ways in take the same words: a date may be written as `2008-03-12`,
`12 maart 2008`, `12-3-2008` or `gisteren`. What cannot be read becomes a
Dutch message keyed by the Registration's field name, like the checks in
coach.domain.registration, so one form shows both kinds at the right field.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from datetime import date
from typing import Any

from coach.domain.dutch_dates import MONTH_NAMES, PAST, DateInputError, parse_day
from coach.domain.registration import (
    CONSENT_PARTS,
    DETAIL_FIELDS,
    LABELS,
    ConsentInput,
    Registration,
    RegistrationError,
    check_registration,
    clean_text,
)

# The texts of the form that are plain Registration fields (the dates and consent are read apart).
TEXT_FIELDS: tuple[str, ...] = tuple(name for name in DETAIL_FIELDS if name not in ("birth_date", "registered_on"))
# A birth date is written out in full; the other dates (aanmelding, consent) are recent days.
BIRTH_DATE_EXAMPLES = "bijvoorbeeld 12 maart 2008, 12-3-2008 of 2008-03-12"

CONSENT_PART_LABELS: dict[str, str] = {
    "warm_verhaal": "Warm verhaal",
    "leefgebieden": "Leefgebieden",
    "netwerk": "Netwerk",
    "contacten": "Contacten",
    "veiligheid": "Veiligheid",
    "alles": "Alles",
}


def written_date(day: date | None) -> str:
    """A date as the form shows it and reads it back: '12 maart 2008' (empty for None)."""
    if day is None:
        return ""
    return f"{day.day} {MONTH_NAMES[day.month - 1]} {day.year}"


@dataclass(frozen=True)
class RegistrationInput:
    """Every field of the aanmelding form as typed; the consent fields stay empty when nothing was agreed."""

    first_name: str = ""
    last_name: str = ""
    nickname: str = ""
    birth_date: str = ""
    phone: str = ""
    email: str = ""
    street: str = ""
    postcode: str = ""
    city: str = ""
    school: str = ""
    employer: str = ""
    referred_by: str = ""
    referrer_org: str = ""
    referral_reason: str = ""
    registered_on: str = ""
    coach: str = ""
    consent_to: str = ""
    consent_org: str = ""
    consent_on: str = ""
    consent_parts: tuple[str, ...] = field(default=("alles",))

    @classmethod
    def from_registration(cls, registration: Registration) -> RegistrationInput:
        """The form filled with stored details (to change them); the consent part stays empty."""
        values: dict[str, Any] = {name: getattr(registration, name) or "" for name in TEXT_FIELDS}
        values["birth_date"] = written_date(registration.birth_date)
        values["registered_on"] = written_date(registration.registered_on)
        return cls(**values)

    def as_dict(self) -> dict[str, Any]:
        """The fields by name (consent parts as a tuple)."""
        return {f.name: getattr(self, f.name) for f in fields(self)}

    @property
    def has_consent(self) -> bool:
        """True when anything about a consent was typed (with whom, organisation or date)."""
        return any(text.strip() for text in (self.consent_to, self.consent_org, self.consent_on))


@dataclass(frozen=True)
class ReadRegistration:
    """The registration read from the form, and the questions to ask before saving it ("klopt dit?")."""

    registration: Registration
    questions: dict[str, str]


def read_date(name: str, text: str, today: date) -> date | None:
    """A Dutch date for field `name` (None when empty); raises RegistrationError with the field's message."""
    text = text.strip()
    if not text:
        return None
    try:
        examples = BIRTH_DATE_EXAMPLES if name == "birth_date" else None
        return parse_day(text, today, direction=PAST, examples=examples)
    except DateInputError as error:
        raise RegistrationError({name: f"{LABELS[name]}: {error}"}) from None


def read_registration(form: RegistrationInput, today: date, *, require_date: bool = True) -> ReadRegistration:
    """Read and check every field; raises RegistrationError with a message per wrong field.

    An empty aanmelddatum is today; with `require_date` False (changing a case
    imported without any date) it may stay empty.
    """
    errors: dict[str, str] = {}
    days: dict[str, date | None] = {}
    for name in ("birth_date", "registered_on"):
        try:
            days[name] = read_date(name, getattr(form, name), today)
        except RegistrationError as error:
            errors.update(error.errors)
            days[name] = None
    if days["registered_on"] is None and "registered_on" not in errors and require_date:
        days["registered_on"] = today
    consent = None
    if form.has_consent:
        try:
            given_on = read_date("consent.given_on", form.consent_on, today) or today
        except RegistrationError as error:
            errors.update(error.errors)
            given_on = today
        parts = tuple(part for part in form.consent_parts if part in CONSENT_PARTS)
        consent = ConsentInput(
            given_to=form.consent_to, given_on=given_on, parts=parts, organisation=clean_text(form.consent_org)
        )
    registration = Registration(
        first_name=form.first_name,
        registered_on=days["registered_on"],
        birth_date=days["birth_date"],
        consent=consent,
        **{name: getattr(form, name) for name in TEXT_FIELDS if name != "first_name"},
    )
    check = check_registration(registration, today)
    for name, message in check.errors.items():
        errors.setdefault(name, message)
    if not require_date and not form.registered_on.strip():
        errors.pop("registered_on", None)
    if errors:
        raise RegistrationError(_in_form_order(errors))
    return ReadRegistration(registration, dict(check.questions))


# The order of the form, so the first message is the first field in error.
FORM_ORDER: tuple[str, ...] = (
    "first_name",
    "last_name",
    "nickname",
    "birth_date",
    "phone",
    "email",
    "street",
    "postcode",
    "city",
    "school",
    "employer",
    "referred_by",
    "referrer_org",
    "referral_reason",
    "registered_on",
    "coach",
    "consent.given_to",
    "consent.organisation",
    "consent.given_on",
    "consent.parts",
)


def _in_form_order(errors: dict[str, str]) -> dict[str, str]:
    rank = {name: index for index, name in enumerate(FORM_ORDER)}
    return dict(sorted(errors.items(), key=lambda item: rank.get(item[0], len(rank))))


def changed_details(before: Registration, after: Registration) -> dict[str, Any]:
    """The detail fields whose value differs (texts compared as stored: stripped, empty is None)."""
    changes: dict[str, Any] = {}
    for name in DETAIL_FIELDS:
        old, new = getattr(before, name), getattr(after, name)
        if isinstance(new, str) or new is None:
            new = clean_text(new) if isinstance(new, str) else None
        if isinstance(old, str):
            old = clean_text(old)
        if old != new:
            changes[name] = new
    return changes
