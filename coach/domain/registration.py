"""Aanmelding: a young person's details as registered, checked field by field with short Dutch messages.

The checks are pure: `check_registration` says what is wrong (errors, which
block saving) and what is unusual (questions such as an age outside 12–30,
which the coach confirms with "klopt dit?"). The store refuses a
registration with errors and never looks at the questions.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field, fields, replace
from datetime import date
from typing import Any

from coach.domain.model import age_on

#: What a consent may cover (as `coach consent --delen`); 'alles' is everything.
CONSENT_PARTS: tuple[str, ...] = ("warm_verhaal", "leefgebieden", "netwerk", "contacten", "veiligheid", "alles")

#: Ages a jongerencoach usually works with; outside it the form asks "klopt dit?".
USUAL_AGES = (12, 30)
NAME_MAX = 100
LINE_MAX = 200
#: Longer texts (the reason for the aanmelding, a consent note) may hold up to a megabyte.
TEXT_MAX = 1_000_000
EARLIEST_BIRTH = date(1900, 1, 1)

# Field -> Dutch label, as the form names it in messages.
LABELS: dict[str, str] = {
    "first_name": "Voornaam",
    "last_name": "Achternaam",
    "nickname": "Roepnaam",
    "birth_date": "Geboortedatum",
    "phone": "Telefoon",
    "email": "E-mail",
    "street": "Straat en huisnummer",
    "postcode": "Postcode",
    "city": "Plaats",
    "school": "School of opleiding",
    "employer": "Werk",
    "referred_by": "Aangemeld door",
    "referrer_org": "Organisatie van de aanmelder",
    "referral_reason": "Reden van aanmelding",
    "registered_on": "Aanmelddatum",
    "coach": "Vaste coach",
    "consent.given_to": "Toestemming: aan wie",
    "consent.given_on": "Toestemming: datum",
    "consent.parts": "Toestemming: wat",
    "consent.organisation": "Toestemming: organisatie",
    "consent.role": "Toestemming: rol",
    "consent.note": "Toestemming: notitie",
}
# Fields that may hold more than one line.
MULTILINE = frozenset({"referral_reason", "consent.note"})
NAME_FIELDS = frozenset({"first_name", "last_name", "nickname", "coach", "referred_by", "consent.given_to"})

_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_PHONE = re.compile(r"^\+?[0-9 ()./-]{6,20}$")
_POSTCODE = re.compile(r"^[1-9][0-9]{3} ?[A-Za-z]{2}$")


@dataclass(frozen=True)
class ConsentInput:
    """What was agreed about sharing information: with whom, since when, which parts."""

    given_to: str
    given_on: date
    parts: tuple[str, ...] = ("alles",)
    organisation: str | None = None
    role: str | None = None
    note: str | None = None


@dataclass(frozen=True)
class Registration:
    """A young person's details as registered (aanmelding) or later changed; texts may be None."""

    first_name: str
    #: The aanmelddatum; None only for a case imported without any date (a new registration needs it).
    registered_on: date | None
    last_name: str | None = None
    nickname: str | None = None
    birth_date: date | None = None
    phone: str | None = None
    email: str | None = None
    street: str | None = None
    postcode: str | None = None
    city: str | None = None
    school: str | None = None
    employer: str | None = None
    referred_by: str | None = None
    referrer_org: str | None = None
    referral_reason: str | None = None
    coach: str | None = None
    consent: ConsentInput | None = None

    @property
    def has_address(self) -> bool:
        """True when any part of the address is known."""
        return any((self.street, self.postcode, self.city))


#: The detail fields that can be changed after the aanmelding (consent has its own records).
DETAIL_FIELDS: tuple[str, ...] = tuple(f.name for f in fields(Registration) if f.name != "consent")


@dataclass(frozen=True)
class RegistrationCheck:
    """The outcome of checking a registration: errors block saving, questions ask "klopt dit?"."""

    errors: dict[str, str] = field(default_factory=dict)
    questions: dict[str, str] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        """True when nothing blocks saving."""
        return not self.errors


class RegistrationError(ValueError):
    """A registration or change that cannot be saved; `errors` maps each field to its Dutch message."""

    def __init__(self, errors: Mapping[str, str]):
        self.errors = dict(errors)
        super().__init__(" ".join(self.errors.values()))


def clean_text(value: str | None) -> str | None:
    """Strip surrounding white space; an empty text is None."""
    if value is None:
        return None
    value = value.strip()
    return value or None


# Unicode's control characters (category Cc): U+0000–U+001F and U+007F–U+009F; a note may hold
# line breaks and tabs. A pattern, as a character-by-character check took long on pasted texts.
# Control characters, and the invisible ones that turn the direction of the text around (a name
# that shows differently from what it holds).
_BIDI = "\u202a-\u202e\u2066-\u2069"
_CONTROL = re.compile(f"[\x00-\x1f\x7f-\x9f{_BIDI}]")
_CONTROL_IN_NOTES = re.compile(f"[\x00-\x08\x0b-\x1f\x7f-\x9f{_BIDI}]")


def _control_chars(value: str, multiline: bool) -> bool:
    return (_CONTROL_IN_NOTES if multiline else _CONTROL).search(value) is not None


def check_text(name: str, value: str | None) -> str | None:
    """The Dutch message for what is wrong with one text field, or None when it is fine."""
    if value is None:
        return None
    label = LABELS.get(name, name)
    multiline = name in MULTILINE
    if not multiline and ("\n" in value or "\r" in value):
        return f"{label}: hoort op één regel."
    if _control_chars(value, multiline):
        return f"{label}: bevat onzichtbare stuurtekens; typ het opnieuw of plak het als gewone tekst."
    limit = TEXT_MAX if multiline else NAME_MAX if name in NAME_FIELDS else LINE_MAX
    if len(value) > limit:
        return f"{label}: te lang ({len(value)} tekens); hoogstens {limit}."
    return None


def _check_date(name: str, day: date | None, today: date, errors: dict[str, str]) -> None:
    if day is None:
        return
    label = LABELS[name]
    if not isinstance(day, date):
        errors[name] = f"{label}: geen geldige datum."
    elif day > today:
        errors[name] = f"{label}: ligt in de toekomst; kies vandaag of een dag ervoor."
    elif day < EARLIEST_BIRTH:
        errors[name] = f"{label}: ligt te ver terug; controleer het jaar."


def check_registration(registration: Registration, today: date) -> RegistrationCheck:
    """Every error and question about a registration on `today`, by field name."""
    errors: dict[str, str] = {}
    questions: dict[str, str] = {}
    for name in DETAIL_FIELDS:
        value = getattr(registration, name)
        if isinstance(value, str):
            problem = check_text(name, value)
            if problem:
                errors[name] = problem
    if not clean_text(registration.first_name):
        errors.setdefault("first_name", "Voornaam: vul de voornaam in; die is nodig.")
    _check_date("birth_date", registration.birth_date, today, errors)
    _check_date("registered_on", registration.registered_on, today, errors)
    if registration.registered_on is None:
        errors["registered_on"] = "Aanmelddatum: vul de datum van aanmelding in."
    birth, registered = registration.birth_date, registration.registered_on
    if "birth_date" not in errors and "registered_on" not in errors and birth and registered and birth > registered:
        errors["birth_date"] = "Geboortedatum: ligt na de aanmelddatum; controleer beide data."
    email = clean_text(registration.email)
    if email and "email" not in errors and not _EMAIL.match(email):
        errors["email"] = "E-mail: dit lijkt geen e-mailadres (zoals naam@voorbeeld.nl)."
    phone = clean_text(registration.phone)
    if phone and "phone" not in errors and not _PHONE.match(phone):
        errors["phone"] = "Telefoon: gebruik cijfers (en eventueel +, spaties of streepjes), zoals 06-12345678."
    postcode = clean_text(registration.postcode)
    if postcode and "postcode" not in errors and not _POSTCODE.match(postcode):
        questions["postcode"] = f"Postcode {postcode}: dit is geen Nederlandse postcode; klopt dit?"
    if birth and "birth_date" not in errors:
        age = age_on(birth, today)
        low, high = USUAL_AGES
        if age is not None and not low <= age <= high:
            questions["birth_date"] = f"Leeftijd {age} jaar: dat is buiten {low}–{high}; klopt dit?"
    if registration.consent is not None:
        errors.update(check_consent(registration.consent, today))
    return RegistrationCheck(errors, questions)


def check_consent(consent: ConsentInput, today: date) -> dict[str, str]:
    """Errors in a consent, keyed 'consent.<field>'."""
    errors: dict[str, str] = {}
    for name in ("given_to", "organisation", "role", "note"):
        problem = check_text(f"consent.{name}", getattr(consent, name))
        if problem:
            errors[f"consent.{name}"] = problem
    if not clean_text(consent.given_to):
        errors.setdefault("consent.given_to", "Toestemming: vul in met wie de jongere iets mag delen.")
    if consent.given_on is None or consent.given_on > today:
        errors["consent.given_on"] = "Toestemming: de datum ligt in de toekomst of ontbreekt; kies vandaag of eerder."
    unknown = [part for part in consent.parts if part not in CONSENT_PARTS]
    if unknown or not consent.parts:
        errors["consent.parts"] = "Toestemming: kies wat gedeeld mag worden uit " + ", ".join(CONSENT_PARTS) + "."
    return errors


def cleaned(registration: Registration) -> Registration:
    """The registration with every text stripped (empty texts become None)."""
    changes: dict[str, Any] = {
        f.name: clean_text(getattr(registration, f.name))
        for f in fields(Registration)
        if isinstance(getattr(registration, f.name), str)
    }
    changes["first_name"] = clean_text(registration.first_name) or ""
    return replace(registration, **changes)


def merged(registration: Registration, changes: Mapping[str, Any]) -> Registration:
    """The registration with `changes` applied; unknown field names raise RegistrationError."""
    unknown = [name for name in changes if name not in DETAIL_FIELDS]
    if unknown:
        raise RegistrationError({name: f"{name}: dit gegeven bestaat niet." for name in unknown})
    return replace(registration, **dict(changes))


@dataclass(frozen=True)
class CoachChange:
    """The vaste coach changed on this day: a continuity event (the method rests on one fixed coach)."""

    changed_on: date
    from_coach: str | None
    to_coach: str | None
    id: int | None = None
    note: str | None = None


@dataclass(frozen=True)
class Consent:
    """A recorded consent to share information, as stored."""

    given_to: str
    given_on: date
    parts: tuple[str, ...]
    id: int | None = None
    organisation: str | None = None
    role: str | None = None
    note: str | None = None
    withdrawn_on: date | None = None


@dataclass(frozen=True)
class DetailRevision:
    """An earlier value of one detail field, and when it was replaced."""

    field: str
    text: str
    replaced_at: str
