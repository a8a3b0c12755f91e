"""The coach's intervision notes per case: own texts, marked domains and hidden words, kept and erased with the case."""

from __future__ import annotations

import pytest
from helpers import make_case

from coach.store import StoreError, open_db
from coach.store.cases import insert_cases, load_case
from coach.store.erase import erase_youth
from coach.store.intervision import (
    TEXT_MAX,
    IntervisionNotes,
    intervision_notes,
    intervision_question,
    save_intervision_notes,
    save_intervision_question,
    save_scope_question,
    scope_question,
    scope_questions,
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


PERIOD = "periode:2026-01-01:2026-03-01"


def test_a_period_or_contact_keeps_its_own_question_and_the_case_keeps_its() -> None:
    db = open_db(memory=True)
    [youth_id, other] = insert_cases(db, [make_case(full=True), make_case(full=True)])
    save_intervision_question(db, youth_id, "Hoe blijf ik rustig?")
    assert scope_question(db, youth_id, PERIOD) is None  # none yet: the case's applies
    save_scope_question(db, youth_id, PERIOD, "  Wat maakt dat ik in januari alles regelde? ")
    save_scope_question(db, youth_id, "contact:3", "Waarom belde ik niet terug?")
    save_scope_question(db, youth_id, "periode:laatste-3-maanden", "Hoe blijf ik geduldig?")
    save_scope_question(db, youth_id, PERIOD, "Wat maakt dat ik in januari alles overnam?")  # replaced, not added
    assert scope_question(db, youth_id, PERIOD) == "Wat maakt dat ik in januari alles overnam?"
    assert scope_questions(db, youth_id) == {
        PERIOD: "Wat maakt dat ik in januari alles overnam?",
        "contact:3": "Waarom belde ik niet terug?",
        "periode:laatste-3-maanden": "Hoe blijf ik geduldig?",
    }
    assert intervision_question(db, youth_id) == "Hoe blijf ik rustig?"  # the case's question untouched
    assert scope_questions(db, other) == {}
    case = load_case(db, youth_id)
    assert case is not None and case.scope_questions[PERIOD].endswith("overnam?")
    save_scope_question(db, youth_id, PERIOD, "  ")  # cleared: the case's question applies again
    assert scope_question(db, youth_id, PERIOD) is None and intervision_question(db, youth_id) == "Hoe blijf ik rustig?"


def test_a_scope_question_that_cannot_be_kept_changes_nothing() -> None:
    db = open_db(memory=True)
    [youth_id] = insert_cases(db, [make_case(full=True)])
    save_scope_question(db, youth_id, PERIOD, "Eerst")
    with pytest.raises(StoreError, match="te lang"):
        save_scope_question(db, youth_id, PERIOD, "x" * (TEXT_MAX + 1))
    with pytest.raises(StoreError, match="niet \\(meer\\)"):
        save_scope_question(db, 999, PERIOD, "Ergens")
    with pytest.raises(ValueError):
        save_scope_question(db, youth_id, "hele traject", "Fout")
    assert scope_questions(db, youth_id) == {PERIOD: "Eerst"}
    erase_youth(db, youth_id)
    assert db.execute("SELECT count(*) FROM intervision_period_questions").fetchone()[0] == 0


def test_a_contacts_question_moves_from_its_place_to_its_id_in_one_save() -> None:
    db = open_db(memory=True)
    [youth_id] = insert_cases(db, [make_case(full=True)])
    save_scope_question(db, youth_id, "contact:3", "Waarom belde ik niet terug?")  # stored by place, before ids
    save_scope_question(db, youth_id, "contact-id:17", "Waarom belde ik pas laat terug?", replaces="contact:3")
    assert scope_questions(db, youth_id) == {"contact-id:17": "Waarom belde ik pas laat terug?"}
    with pytest.raises(ValueError):
        save_scope_question(db, youth_id, "contact-id:0", "Nee")
