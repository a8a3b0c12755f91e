"""The afspraak form as typed, understood: who does it (jongere, coach, or a network person) and by when.

The text itself is checked by the store (coach.store.agreement_edits), which
says what is wrong per field; this reads the two fields a screen types as
words: the owner choice and the Dutch due date.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from coach.domain.contact_input import FormErrors
from coach.domain.dutch_dates import FUTURE, DateInputError, parse_day
from coach.domain.model import NetworkPerson
from coach.domain.vocabulary import AgreementOwner

NETWORK_PREFIX = "netwerk:"


def owner_value(owner: str, network_id: int | None = None) -> str:
    """The choice's value for an owner: 'jongere', 'coach', 'netwerk', or 'netwerk:<id>' for one person."""
    return f"{NETWORK_PREFIX}{network_id}" if owner == AgreementOwner.NETWERK and network_id is not None else owner


def owner_choices(network: Iterable[NetworkPerson]) -> list[tuple[str, str]]:
    """(label, value) of everyone who can own an afspraak: the young person, the coach, each network person by name."""
    choices = [(AgreementOwner.JONGERE.label, str(AgreementOwner.JONGERE)), (AgreementOwner.COACH.label, "coach")]
    for person in network:
        if person.id is not None:
            choices.append((person_label(person), owner_value(AgreementOwner.NETWERK, person.id)))
    choices.append(("Iemand anders uit het netwerk", str(AgreementOwner.NETWERK)))
    return choices


def person_label(person: NetworkPerson) -> str:
    """'Riet (oma)': a network person by name and relation."""
    return f"{person.name} ({person.relation})" if person.relation else person.name


def read_owner(value: str) -> tuple[str, int | None]:
    """The owner and network person id a choice stands for (raises FormErrors on 'owner')."""
    if value.startswith(NETWORK_PREFIX) and value.removeprefix(NETWORK_PREFIX).isdecimal():
        return AgreementOwner.NETWERK, int(value.removeprefix(NETWORK_PREFIX))
    if AgreementOwner.has(value):
        return AgreementOwner(value), None
    raise FormErrors({"owner": "Wie doet het: kies jongere, coach of iemand uit het netwerk."})


def read_due(text: str, today: date) -> date | None:
    """The due date typed in Dutch ('morgen', 'vrijdag', 'over 2 weken', '12 maart'); empty is none."""
    if not text.strip():
        return None
    try:
        return parse_day(text, today, direction=FUTURE)
    except DateInputError as error:
        raise FormErrors({"due": f"Klaar vóór: {error}"}) from error
