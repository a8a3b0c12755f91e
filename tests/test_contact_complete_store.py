"""complete_planned: a logged contact becomes the outcome of the planned one, in one transaction."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from helpers import make_case

from coach.domain.agreements import NewAgreement
from coach.domain.model import Contact
from coach.store.cases import insert_cases
from coach.store.contact_moves import ContactChangeError, complete_planned, contacts_of, get_contact
from coach.store.contacts import note_history, save_draft
from coach.store.db import open_db

NOW = datetime(2026, 3, 14, 10, 30)


@pytest.fixture
def db(tmp_path):
    database = open_db(tmp_path / "coach.db")
    insert_cases(
        database,
        [
            make_case(
                "Sanne",
                contacts=[Contact(datetime(2026, 3, 14, 9), "telefoon", "gepland", note="Vragen naar de stage.")],
            )
        ],
    )
    yield database
    database.close()


def test_the_planned_contact_takes_the_logged_one_with_agreements_and_the_next_contact(db) -> None:
    save_draft(db, 1, {"note": "half getypt"}, NOW)
    held = Contact(NOW, "huisbezoek", "plaatsgevonden", duration_min=40, initiated_by="jongere", note="Stage gevonden!")
    nxt = Contact(datetime(2026, 3, 20, 10), "huisbezoek", "gepland")
    record = complete_planned(
        db,
        1,
        held,
        now=NOW,
        domains=["werk_opleiding"],
        agreements=[NewAgreement("Contract tekenen", "jongere", date(2026, 3, 20))],
        next_contact=nxt,
    )
    assert record.id == 1
    c = record.contact
    assert (c.status, c.at, c.mode, c.duration_min, c.initiated_by, c.note) == (
        "plaatsgevonden",
        NOW,
        "huisbezoek",
        40,
        "jongere",
        "Stage gevonden!",
    )
    assert record.domains == ("werk_opleiding",)
    assert [old for _at, old in note_history(db, 1)] == ["Vragen naar de stage."]
    assert [(r.contact.status, r.contact.at) for r in contacts_of(db, 1)] == [
        ("gepland", datetime(2026, 3, 20, 10)),
        ("plaatsgevonden", NOW),
    ]
    assert db.execute("SELECT text, contact_id FROM agreements").fetchall() == [("Contract tekenen", 1)]
    assert db.execute("SELECT COUNT(*) FROM contact_drafts").fetchone()[0] == 0


def test_an_empty_note_keeps_the_planned_note(db) -> None:
    record = complete_planned(db, 1, Contact(NOW, "telefoon", "niet_verschenen"), now=NOW)
    assert record.contact.note == "Vragen naar de stage." and record.contact.status == "niet_verschenen"


@pytest.mark.parametrize(
    ("contact", "agreements"),
    [
        (Contact(NOW, "telefoon", "plaatsgevonden"), [NewAgreement("Iets", "buurman")]),  # unknown owner
        (Contact(datetime(2026, 3, 15, 9), "telefoon", "plaatsgevonden"), []),  # held in the future
        (Contact(NOW, "telefoon", "plaatsgevonden", note="a" * 1_000_001), []),
        (Contact(NOW, "duif", "plaatsgevonden"), []),
    ],
)
def test_anything_wrong_writes_nothing(db, contact, agreements) -> None:
    before = get_contact(db, 1)
    with pytest.raises(ContactChangeError):
        complete_planned(db, 1, contact, now=NOW, agreements=agreements)
    assert get_contact(db, 1) == before
    assert db.execute("SELECT COUNT(*) FROM agreements").fetchone()[0] == 0
    assert note_history(db, 1) == []


def test_only_a_planned_contact_can_be_completed(db) -> None:
    complete_planned(db, 1, Contact(NOW, "telefoon", "plaatsgevonden"), now=NOW)
    with pytest.raises(ContactChangeError):
        complete_planned(db, 1, Contact(NOW, "telefoon", "afgezegd_jongere"), now=NOW)
    assert get_contact(db, 1).contact.status == "plaatsgevonden"
