"""The closed vocabularies of the case file, each value with the Dutch word the coach sees.

Every member's value is the string stored in the database and the case file,
and its name is that value in capitals: one name per value. A `StrEnum` equals
its string, so rows read back compare and look up without conversion.

To add a value: add the member and its label in the table beside the enum
(tests/test_vocabulary.py checks that every member has one). Values a database
may already hold can never be removed or renamed.
"""

from __future__ import annotations

from enum import StrEnum


class Vocabulary(StrEnum):
    """A closed vocabulary: the members of a subclass are every value that may be stored."""

    @classmethod
    def has(cls, value: object) -> bool:
        """True when `value` is one of the stored strings (`in` on the class raises on a str before 3.12)."""
        return isinstance(value, str) and value in cls._value2member_map_

    @property
    def label(self) -> str:
        """The Dutch word for this value on screen; every vocabulary defines its own."""
        raise NotImplementedError

    @classmethod
    def label_of(cls, value: str) -> str:
        """The label of a stored string; an unknown string is shown as it is."""
        return cls(value).label if cls.has(value) else value


class Phase(Vocabulary):
    """The phase of a trajectory, in the order a trajectory usually runs."""

    AANMELDING = "aanmelding"
    INTAKE = "intake"
    BEGELEIDING = "begeleiding"
    AFBOUW = "afbouw"
    NAZORG = "nazorg"
    AFGESLOTEN = "afgesloten"

    @property
    def label(self) -> str:
        """The word for this phase on screen."""
        return _PHASE_LABELS[self]

    @property
    def is_open(self) -> bool:
        """True for every phase but 'afgesloten'."""
        return self is not Phase.AFGESLOTEN


_PHASE_LABELS: dict[Phase, str] = {
    Phase.AANMELDING: "Aanmelding",
    Phase.INTAKE: "Intake",
    Phase.BEGELEIDING: "Begeleiding",
    Phase.AFBOUW: "Afbouw",
    Phase.NAZORG: "Nazorg",
    Phase.AFGESLOTEN: "Afgesloten",
}


class ContactMode(Vocabulary):
    """How a contact took place (the contact's kind)."""

    HUISBEZOEK = "huisbezoek"
    OUTREACH = "outreach"
    TELEFOON = "telefoon"
    BERICHT = "bericht"
    VIDEO = "video"
    KANTOOR = "kantoor"
    SAMEN_OP_PAD = "samen_op_pad"
    WANDELING = "wandeling"

    @property
    def label(self) -> str:
        """The word for this kind of contact on screen."""
        return _MODE_LABELS[self]


_MODE_LABELS: dict[ContactMode, str] = {
    ContactMode.HUISBEZOEK: "Huisbezoek",
    ContactMode.OUTREACH: "Outreach",
    ContactMode.TELEFOON: "Telefoon",
    ContactMode.BERICHT: "Bericht",
    ContactMode.VIDEO: "Video",
    ContactMode.KANTOOR: "Kantoor",
    ContactMode.SAMEN_OP_PAD: "Samen op pad",
    ContactMode.WANDELING: "Wandeling",
}


class ContactStatus(Vocabulary):
    """What became of a contact: held, missed, cancelled (by whom), still planned, moved or dropped.

    A version-1 case file's 'afgezegd' was the young person's cancellation; migration m009
    rewrote stored rows to 'afgezegd_jongere' (see coach.domain.contact_status).
    """

    PLAATSGEVONDEN = "plaatsgevonden"
    NIET_VERSCHENEN = "niet_verschenen"
    AFGEZEGD_JONGERE = "afgezegd_jongere"
    AFGEZEGD_COACH = "afgezegd_coach"
    GEPLAND = "gepland"
    VERZET = "verzet"
    VERVALLEN = "vervallen"

    @property
    def label(self) -> str:
        """The word for this status on screen."""
        return _STATUS_LABELS[self]


_STATUS_LABELS: dict[ContactStatus, str] = {
    ContactStatus.PLAATSGEVONDEN: "Plaatsgevonden",
    ContactStatus.NIET_VERSCHENEN: "Niet verschenen",
    ContactStatus.AFGEZEGD_JONGERE: "Afgezegd door jongere",
    ContactStatus.AFGEZEGD_COACH: "Afgezegd door coach",
    ContactStatus.GEPLAND: "Gepland",
    ContactStatus.VERZET: "Verzet",
    ContactStatus.VERVALLEN: "Vervallen",
}


class Initiator(Vocabulary):
    """Who took the initiative for a contact."""

    COACH = "coach"
    JONGERE = "jongere"
    NETWERK = "netwerk"

    @property
    def label(self) -> str:
        """The word for this initiator on screen."""
        return _INITIATOR_LABELS[self]


_INITIATOR_LABELS: dict[Initiator, str] = {
    Initiator.COACH: "Coach",
    Initiator.JONGERE: "Jongere",
    Initiator.NETWERK: "Netwerk",
}


class AgreementOwner(Vocabulary):
    """Who carries out an agreement (afspraak)."""

    JONGERE = "jongere"
    COACH = "coach"
    NETWERK = "netwerk"

    @property
    def label(self) -> str:
        """The word for this owner on screen."""
        return _OWNER_LABELS[self]


_OWNER_LABELS: dict[AgreementOwner, str] = {
    AgreementOwner.JONGERE: "Jongere",
    AgreementOwner.COACH: "Coach",
    AgreementOwner.NETWERK: "Netwerk",
}


class AgreementStatus(Vocabulary):
    """Where an agreement stands: still open, done, or dropped."""

    OPEN = "open"
    GEDAAN = "gedaan"
    VERVALLEN = "vervallen"

    @property
    def label(self) -> str:
        """The word for this status on screen."""
        return _AGREEMENT_STATUS_LABELS[self]


_AGREEMENT_STATUS_LABELS: dict[AgreementStatus, str] = {
    AgreementStatus.OPEN: "Open",
    AgreementStatus.GEDAAN: "Gedaan",
    AgreementStatus.VERVALLEN: "Vervallen",
}


class ContinuityStatus(Vocabulary):
    """Is the time since the last held contact fine, worth a look, or too long (see domain/continuity.py)."""

    OK = "ok"
    LET_OP = "let_op"
    TE_LANG = "te_lang"

    @property
    def label(self) -> str:
        """The word for this status on screen."""
        return _CONTINUITY_LABELS[self]


_CONTINUITY_LABELS: dict[ContinuityStatus, str] = {
    ContinuityStatus.OK: "Op koers",
    ContinuityStatus.LET_OP: "Let op",
    ContinuityStatus.TE_LANG: "Te lang",
}


class HandoverKind(Vocabulary):
    """What kind of handover was made: a dossier written, the whole case sent, or a case received."""

    DOSSIER = "dossier"
    OVERGEDRAGEN = "overgedragen"
    ONTVANGEN = "ontvangen"

    @property
    def label(self) -> str:
        """The word for this kind on screen."""
        return _HANDOVER_LABELS[self]


_HANDOVER_LABELS: dict[HandoverKind, str] = {
    HandoverKind.DOSSIER: "Overdrachtsdossier",
    HandoverKind.OVERGEDRAGEN: "Overgedragen",
    HandoverKind.ONTVANGEN: "Ontvangen",
}
