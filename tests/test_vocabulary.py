"""The closed vocabularies: stored strings unchanged, one name per value, a Dutch label for every member."""

from __future__ import annotations

import re

import pytest
from sqlite_utils import Database

from coach.domain.contact_status import status_after_v1
from coach.domain.this_week import ReasonKind
from coach.domain.vocabulary import (
    AgreementOwner,
    AgreementStatus,
    ContactMode,
    ContactStatus,
    ContinuityStatus,
    HandoverKind,
    Initiator,
    Phase,
    Vocabulary,
)
from coach.store.migrations import _NEW_STATUS_CHECK, _OLD_STATUS_CHECK, coach_migrations

# The strings the database and the case file hold today; these may never change. (ContactStatus's
# 'afgezegd' was split by migration m009, which rewrote every stored row; see the test below.)
STORED: dict[type[Vocabulary], tuple[str, ...]] = {
    Phase: ("aanmelding", "intake", "begeleiding", "afbouw", "nazorg", "afgesloten"),
    ContactMode: ("huisbezoek", "outreach", "telefoon", "bericht", "video", "kantoor", "samen_op_pad", "wandeling"),
    ContactStatus: (
        "plaatsgevonden",
        "niet_verschenen",
        "afgezegd_jongere",
        "afgezegd_coach",
        "gepland",
        "verzet",
        "vervallen",
    ),
    Initiator: ("coach", "jongere", "netwerk"),
    AgreementOwner: ("jongere", "coach", "netwerk"),
    AgreementStatus: ("open", "gedaan", "vervallen"),
    ContinuityStatus: ("ok", "let_op", "te_lang"),
    HandoverKind: ("dossier", "overgedragen", "ontvangen"),
}
VOCABULARIES = [*STORED, ReasonKind]


@pytest.mark.parametrize("vocabulary", list(STORED), ids=lambda v: v.__name__)
def test_values_are_the_stored_strings_in_order(vocabulary: type[Vocabulary]) -> None:
    assert tuple(member.value for member in vocabulary) == STORED[vocabulary]
    for member, text in zip(vocabulary, STORED[vocabulary], strict=True):
        assert member == text and hash(member) == hash(text) and f"{member}" == text and str(member) == text
        assert vocabulary(text) is member


@pytest.mark.parametrize("vocabulary", VOCABULARIES, ids=lambda v: v.__name__)
def test_one_name_per_value(vocabulary: type[Vocabulary]) -> None:
    # No aliases inside the enum, and every name is its value in capitals.
    assert len(vocabulary.__members__) == len(list(vocabulary))
    for name, member in vocabulary.__members__.items():
        assert name == member.value.upper()


@pytest.mark.parametrize("vocabulary", list(STORED), ids=lambda v: v.__name__)
def test_every_member_has_a_dutch_label(vocabulary: type[Vocabulary]) -> None:
    labels = [member.label for member in vocabulary]
    assert len(set(labels)) == len(labels)
    for label in labels:
        assert label.strip() == label and label[0].isupper() and "_" not in label


def test_labels_read_as_before() -> None:
    assert Phase.NAZORG.label == "Nazorg"
    assert ContactMode.SAMEN_OP_PAD.label == "Samen op pad"
    assert ContactStatus.NIET_VERSCHENEN.label == "Niet verschenen"
    assert ContactStatus.AFGEZEGD_JONGERE.label == "Afgezegd door jongere"
    assert ContactStatus.AFGEZEGD_COACH.label == "Afgezegd door coach"
    assert ContinuityStatus.OK.label == "Op koers"
    assert AgreementOwner.JONGERE.label == "Jongere"


def test_has_tells_stored_values_from_anything_else() -> None:
    assert Phase.has("nazorg") and Phase.has(Phase.NAZORG)
    assert not Phase.has("Nazorg") and not Phase.has("") and not Phase.has(None) and not Phase.has(3)
    assert not ContactStatus.has("nazorg")


def test_only_afgesloten_is_closed() -> None:
    assert [phase for phase in Phase if not phase.is_open] == [Phase.AFGESLOTEN]


def _check_values(sql: str, column: str) -> tuple[str, ...]:
    found = re.search(rf"{column} TEXT NOT NULL CHECK \({column} IN \(([^)]*)\)\)", sql)
    assert found, column
    return tuple(part.strip().strip("'") for part in found.group(1).split(","))


def test_database_checks_allow_exactly_the_vocabularies() -> None:
    db = Database(memory=True)
    coach_migrations().apply(db)
    contacts, agreements, phases = (db.table(name).schema for name in ("contacts", "agreements", "phases"))
    assert set(_check_values(contacts, "status")) == set(ContactStatus)
    assert set(_check_values(agreements, "owner")) == set(AgreementOwner)
    assert set(_check_values(agreements, "status")) == set(AgreementStatus)
    assert set(_check_values(phases, "phase")) == set(Phase)


def test_m009_widens_the_contact_status_check_to_the_vocabulary() -> None:
    # The CHECK m009 writes is the one the final schema holds (checked above); every value the
    # old CHECK allowed is either still a status or is read as one (the old 'afgezegd').
    new = _check_values(_NEW_STATUS_CHECK.replace("CHECK (", "status TEXT NOT NULL CHECK ("), "status")
    old = _check_values(_OLD_STATUS_CHECK.replace("CHECK (", "status TEXT NOT NULL CHECK ("), "status")
    assert set(new) == set(ContactStatus)
    assert "afgezegd" in old and not ContactStatus.has("afgezegd")
    assert all(ContactStatus.has(status_after_v1(status)) for status in old)
    db = Database(memory=True)
    coach_migrations().apply(db)
    assert _NEW_STATUS_CHECK in db.table("contacts").schema


def test_label_of_a_stored_string_and_of_an_unknown_one() -> None:
    assert ContactMode.label_of("samen_op_pad") == "Samen op pad"
    assert Phase.label_of("nazorg") == "Nazorg"
    assert Phase.label_of("iets_anders") == "iets_anders"  # shown as it is, never a crash


def test_reason_kinds_share_their_values_with_the_vocabularies_they_come_from() -> None:
    assert ReasonKind.TE_LANG == ContinuityStatus.TE_LANG and ReasonKind.LET_OP == ContinuityStatus.LET_OP
    assert ReasonKind.NAZORG == Phase.NAZORG and ReasonKind.GEPLAND == ContactStatus.GEPLAND
