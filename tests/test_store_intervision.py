"""The coach's intervision notes per case: own texts, marked domains and hidden words, kept and erased with the case."""

from __future__ import annotations

import pytest
from helpers import make_case

from coach.store import StoreError, open_db
from coach.store.cases import insert_cases
from coach.store.erase import erase_youth
from coach.store.intervision import (
    TEXT_MAX,
    IntervisionNotes,
    intervision_notes,
    intervision_question,
    save_intervision_notes,
    save_intervision_question,
)


def test_nothing_kept_reads_as_not_written() -> None:
    db = open_db(memory=True)
    [youth_id] = insert_cases(db, [make_case(full=True)])
    assert intervision_notes(db, youth_id) == IntervisionNotes()


def test_notes_round_trip_and_are_replaced_whole() -> None:
    db = open_db(memory=True)
    [youth_id, other] = insert_cases(db, [make_case(full=True), make_case(full=True)])
    notes = IntervisionNotes("- Ik belde elke week.", "", ("financien", "huisvesting"), ("Kruimel", " Zwolle "))
    save_intervision_notes(db, youth_id, notes)
    kept = intervision_notes(db, youth_id)
    assert kept == IntervisionNotes("- Ik belde elke week.", "", ("financien", "huisvesting"), ("Kruimel", "Zwolle"))
    save_intervision_notes(db, youth_id, IntervisionNotes(tried=None, hidden=("Kruimel",)))
    assert intervision_notes(db, youth_id) == IntervisionNotes(hidden=("Kruimel",))
    assert intervision_notes(db, other) == IntervisionNotes()  # per case


def test_bad_input_changes_nothing() -> None:
    db = open_db(memory=True)
    [youth_id] = insert_cases(db, [make_case(full=True)])
    save_intervision_notes(db, youth_id, IntervisionNotes(tried="eerst"))
    with pytest.raises(StoreError, match="te lang"):
        save_intervision_notes(db, youth_id, IntervisionNotes(tried="x" * (TEXT_MAX + 1)))
    with pytest.raises(StoreError, match="niet \\(meer\\)"):
        save_intervision_notes(db, 999, IntervisionNotes(tried="ergens"))
    assert intervision_notes(db, youth_id).tried == "eerst"
    assert db.execute("SELECT count(*) FROM intervision_notes").fetchone()[0] == 1


def test_a_damaged_list_reads_as_empty() -> None:
    db = open_db(memory=True)
    [youth_id] = insert_cases(db, [make_case(full=True)])
    db.execute("INSERT INTO intervision_notes (youth_id, tried, domains) VALUES (?, 'x', '{kapot')", [youth_id])
    assert intervision_notes(db, youth_id) == IntervisionNotes(tried="x")


def test_erasing_the_young_person_erases_the_notes() -> None:
    db = open_db(memory=True)
    [youth_id] = insert_cases(db, [make_case(full=True)])
    save_intervision_notes(db, youth_id, IntervisionNotes("geprobeerd", hidden=("Kruimel",)))
    save_intervision_question(db, youth_id, "Hoe houd ik vol?")
    assert intervision_question(db, youth_id) == "Hoe houd ik vol?"
    assert erase_youth(db, youth_id)
    assert db.execute("SELECT count(*) FROM intervision_notes").fetchone()[0] == 0
