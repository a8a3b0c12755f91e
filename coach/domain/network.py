"""The people around a young person: relations, how the young person sees them, and grouping for display.

Pure: `group_of` decides where someone is drawn (thuis, familie, vrienden,
school en werk, hulpverlening) from their relation and kind, so a screen and
a report group alike.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from coach.domain.model import NETWORK_KINDS
from coach.domain.registration import check_text, clean_text

INFORMAL, PROFESSIONAL = NETWORK_KINDS

#: How the young person sees someone, with a symbol and word (never colour alone).
SEEN_AS: tuple[str, ...] = ("steun", "wisselend", "lastig")
SEEN_AS_LABELS: dict[str, str] = {"steun": "steun", "wisselend": "wisselend", "lastig": "lastig"}
SEEN_AS_SYMBOLS: dict[str, str] = {"steun": "+", "wisselend": "±", "lastig": "−"}

HOME, FAMILY, FRIENDS, SCHOOL_WORK, CARE = "thuis", "familie", "vrienden", "school_werk", "hulpverlening"
GROUPS: tuple[str, ...] = (HOME, FAMILY, FRIENDS, SCHOOL_WORK, CARE)
GROUP_LABELS: dict[str, str] = {
    HOME: "Thuis",
    FAMILY: "Familie",
    FRIENDS: "Vrienden",
    SCHOOL_WORK: "School en werk",
    CARE: "Hulpverlening",
}

#: Common relations a form offers, each with its group; free text is allowed too.
RELATIONS: dict[str, str] = {
    "moeder": HOME,
    "vader": HOME,
    "stiefmoeder": HOME,
    "stiefvader": HOME,
    "pleegouder": HOME,
    "partner": HOME,
    "broer": HOME,
    "zus": HOME,
    "huisgenoot": HOME,
    "kind": HOME,
    "oma": FAMILY,
    "opa": FAMILY,
    "tante": FAMILY,
    "oom": FAMILY,
    "neef": FAMILY,
    "nicht": FAMILY,
    "vriend": FRIENDS,
    "vriendin": FRIENDS,
    "buurman": FRIENDS,
    "buurvrouw": FRIENDS,
    "sportcoach": FRIENDS,
    "mentor": SCHOOL_WORK,
    "docent": SCHOOL_WORK,
    "stagebegeleider": SCHOOL_WORK,
    "leidinggevende": SCHOOL_WORK,
    "collega": SCHOOL_WORK,
    "werkgever": SCHOOL_WORK,
    "jobcoach": CARE,
    "schuldhulpverlener": CARE,
    "wijkteam": CARE,
    "huisarts": CARE,
    "ggz-behandelaar": CARE,
    "reclassering": CARE,
    "bewindvoerder": CARE,
    "klantmanager": CARE,
}


@dataclass(frozen=True)
class NetworkMember:
    """Someone around the young person, as the network map shows them."""

    name: str
    relation: str
    kind: str
    id: int | None = None
    organisation: str | None = None
    role: str | None = None
    phone: str | None = None
    email: str | None = None
    seen_as: str | None = None
    may_contact: bool | None = None
    note: str | None = None
    #: Stays around after letting go (set by the release checklist).
    staying: bool = False

    @property
    def group(self) -> str:
        """Where this person is drawn: one of GROUPS."""
        return group_of(self.relation, self.kind)

    @property
    def seen_as_mark(self) -> str:
        """The support mark as symbol and word, e.g. '+ steun'; empty when not asked."""
        if self.seen_as is None:
            return ""
        return f"{SEEN_AS_SYMBOLS[self.seen_as]} {SEEN_AS_LABELS[self.seen_as]}"


def group_of(relation: str, kind: str) -> str:
    """The display group of a relation: the common list first, then by kind (professionals to hulpverlening).

    The whole relation is looked up, then its first word ('tante Ria' is
    familie). A professional is never drawn at home or among friends. Free
    text that matches nothing goes to vrienden when informal.
    """
    key = " ".join(relation.casefold().split())
    group = RELATIONS.get(key) or RELATIONS.get(key.split(" ")[0] if key else "")
    if group is not None and not (kind == PROFESSIONAL and group in (HOME, FAMILY, FRIENDS)):
        return group
    return CARE if kind == PROFESSIONAL else FRIENDS


def grouped(members: Iterable[NetworkMember]) -> list[tuple[str, list[NetworkMember]]]:
    """Members by group in GROUPS order, empty groups left out; within a group in the order given."""
    buckets: dict[str, list[NetworkMember]] = {group: [] for group in GROUPS}
    for member in members:
        buckets[member.group].append(member)
    return [(group, items) for group, items in buckets.items() if items]


_FIELD_LABELS = {
    "name": "Naam",
    "relation": "Relatie",
    "organisation": "Organisatie",
    "role": "Rol",
    "phone": "Telefoon",
    "email": "E-mail",
    "note": "Notitie",
}


def check_member(member: NetworkMember) -> dict[str, str]:
    """Errors in a network person by field (Dutch, naming the field); empty when it can be saved."""
    errors: dict[str, str] = {}
    for name, label in _FIELD_LABELS.items():
        value = getattr(member, name)
        # Reuse the registration's text rules: one line, no control characters, a sensible length.
        problem = check_text("referral_reason" if name == "note" else "first_name" if name == "name" else name, value)
        if problem:
            errors[name] = label + problem[problem.index(":") :]
    if not clean_text(member.name):
        errors.setdefault("name", "Naam: vul een naam in (een voornaam of 'de buurvrouw' is genoeg).")
    if not clean_text(member.relation):
        errors.setdefault("relation", "Relatie: vul in wie dit is voor de jongere, zoals moeder of jobcoach.")
    if member.kind not in NETWORK_KINDS:
        errors["kind"] = "Soort: kies informeel of professioneel."
    if member.seen_as is not None and member.seen_as not in SEEN_AS:
        errors["seen_as"] = "Hoe ziet de jongere deze persoon: kies steun, wisselend of lastig."
    return errors
