"""Intakes in the database: resuming, typing, own words, revisions per sitting, the baseline, visits."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest

from coach.domain.intake import NU_NIET, NVT, SCORED, TOUCHED, WARM
from coach.domain.model import Case, WarmStoryItem, Youth
from coach.store.cases import insert_cases, load_case
from coach.store.db import open_db
from coach.store.intake import Edit, IntakeError, complete_intake, latest_intake, load_intake, open_intake, save_edits
from coach.store.revisions import revisions_of, start_session
from coach.store.visits import complete_visit, open_visit, save_visit, start_visit, talked_about

TODAY = date(2026, 3, 14)


@pytest.fixture
def db():
    database = open_db(memory=True)
    insert_cases(
        database, [Case(Youth("Sanne"), warm_story=[WarmStoryItem("droom", "Eigen kapsalon", own_words=False)])]
    )
    yield database
    database.close()


def test_a_new_intake_starts_with_the_warm_story_and_keeps_what_was_told_before(db):
    intake = open_intake(db, 1, TODAY)
    assert intake.section == WARM and intake.started_on == TODAY and not intake.completed
    assert intake.warm["droom"].text == "Eigen kapsalon"  # continued, not typed again
    assert open_intake(db, 1, TODAY).id == intake.id  # the same one the next time


def test_edits_are_stored_with_the_position(db):
    intake = open_intake(db, 1, TODAY)
    session = start_session(db)
    save_edits(
        db,
        intake,
        [
            Edit("financien", "notes", "Huurachterstand, deurwaarder geweest"),
            Edit("financien", "score", 2),
            Edit("financien", "youth_score", 4),
            Edit("financien", "carried_by", ("netwerk", "professionals")),
            Edit("financien", "carriers", ("Marja",)),
            Edit("justitie", "skip", NVT),
            Edit("werk_opleiding", "wish", "Een bijbaan"),
        ],
        session,
        TODAY,
        position=("financien", "notes", 3),
    )
    again = load_intake(db, intake.id)
    money = again.domains["financien"]
    assert money.notes == "Huurachterstand, deurwaarder geweest" and money.score == 2 and money.youth_score == 4
    assert money.difference == 2 and money.carried_by == ("netwerk", "professionals") and money.carriers == ("Marja",)
    assert money.touched_on == TODAY
    assert again.coverage()["financien"] == SCORED
    assert again.coverage()["werk_opleiding"] == TOUCHED
    assert again.coverage()["justitie"] == NVT
    assert (again.section, again.field, again.question) == ("financien", "notes", 3)


def test_bad_values_change_nothing(db):
    intake = open_intake(db, 1, TODAY)
    session = start_session(db)
    for bad in (
        Edit("financien", "score", 6),
        Edit("financien", "skip", "later"),
        Edit("geld", "notes", "x"),
        Edit("financien", "carried_by", ("vrienden",)),
        Edit(WARM, "hobby", "x"),
        Edit("financien", "notes", 3),
    ):
        with pytest.raises(IntakeError):
            save_edits(db, intake, [Edit("financien", "notes", "eerst dit"), bad], session, TODAY)
    assert db.execute("SELECT count(*) FROM intake_domains").fetchone()[0] == 0
    assert load_intake(db, intake.id).domains["financien"].notes == ""


def test_warm_answers_go_to_the_warm_story_in_own_words_when_quoted(db):
    intake = open_intake(db, 1, TODAY)
    session = start_session(db)
    save_edits(
        db,
        intake,
        [
            Edit(WARM, "trots", '"Ik heb mijn broertje door het examen geholpen"'),
            Edit(WARM, "kracht", "Goed met kinderen"),
        ],
        session,
        TODAY,
    )
    items = {item.kind: item for item in load_case(db, 1).warm_story}
    assert items["trots"].text == "Ik heb mijn broertje door het examen geholpen" and items["trots"].own_words
    assert items["kracht"].text == "Goed met kinderen" and not items["kracht"].own_words
    assert items["trots"].recorded_on == TODAY
    assert load_intake(db, intake.id).warm["trots"].text == "“Ik heb mijn broertje door het examen geholpen”"
    # Emptying a field takes the item away (its text stays among the revisions).
    save_edits(db, intake, [Edit(WARM, "kracht", "")], session, TODAY)
    assert "kracht" not in {item.kind for item in load_case(db, 1).warm_story}


def test_one_revision_per_sitting_not_per_keystroke(db):
    intake = open_intake(db, 1, TODAY)
    first = start_session(db)
    for text in ("Ruz", "Ruzie met", "Ruzie met moeder"):
        save_edits(db, intake, [Edit("huiselijke_relaties", "notes", text)], first, TODAY)
    row_id = db.execute("SELECT id FROM intake_domains").fetchone()[0]
    assert revisions_of(db, "intake_domains", row_id, "notes") == []  # typed in one sitting: no half sentences
    second = start_session(db)  # the coach comes back later and edits
    for text in ("Ruzie met moeder, nu", "Ruzie met moeder, nu beter"):
        save_edits(db, intake, [Edit("huiselijke_relaties", "notes", text)], second, TODAY)
    assert revisions_of(db, "intake_domains", row_id, "notes") == ["Ruzie met moeder"]
    warm_id = intake.warm["droom"].warm_story_id
    for text in ("Eigen kapsalon in Zwolle", "Eigen kapsalon in Zwolle, met zus"):
        save_edits(db, intake, [Edit(WARM, "droom", text)], second, TODAY)
    assert revisions_of(db, "warm_story", warm_id, "text") == ["Eigen kapsalon"]


def test_completing_stores_the_baseline_with_its_date(db):
    intake = open_intake(db, 1, TODAY)
    session = start_session(db)
    save_edits(
        db,
        intake,
        [
            Edit("financien", "score", 2),
            Edit("financien", "concerns", "Schulden"),
            Edit("werk_opleiding", "going_well", "Stage loopt"),
            Edit("justitie", "skip", NVT),
            Edit("middelengebruik", "skip", NU_NIET),
        ],
        session,
        TODAY,
    )
    assert complete_intake(db, intake, TODAY, session) == 2
    rows = {a.domain: a for a in load_case(db, 1).assessments}
    assert set(rows) == {"financien", "werk_opleiding"}
    assert rows["financien"].date == TODAY and rows["financien"].score == 2 and rows["financien"].concerns == "Schulden"
    assert rows["werk_opleiding"].score is None and rows["werk_opleiding"].going_well == "Stage loopt"
    assert latest_intake(db, 1).completed_on == TODAY
    assert complete_intake(db, intake, TODAY, session) == 0  # once
    # Filling in afterwards updates the baseline, and adds a domain that was empty.
    save_edits(db, intake, [Edit("financien", "score", 3), Edit("huisvesting", "score", 4)], session, TODAY)
    rows = {a.domain: a for a in load_case(db, 1).assessments}
    assert rows["financien"].score == 3 and rows["huisvesting"].score == 4 and rows["huisvesting"].date == TODAY


def test_deleting_the_young_person_removes_the_intake(db):
    intake = open_intake(db, 1, TODAY)
    save_edits(db, intake, [Edit("financien", "notes", "x")], start_session(db), TODAY)
    db.execute("DELETE FROM youths WHERE id = 1")
    assert db.execute("SELECT count(*) FROM intakes").fetchone()[0] == 0
    assert db.execute("SELECT count(*) FROM intake_domains").fetchone()[0] == 0


def test_a_visit_is_a_planned_contact_with_its_note_and_domains_until_it_is_completed(db):
    at = datetime(2026, 3, 14, 10, 5)
    assert open_visit(db, 1) is None
    visit = start_visit(db, 1, at, "Eva")
    session = start_session(db)
    save_visit(db, visit, "Financiën: deurwaarder geweest", ["financien"], session)
    save_visit(
        db, visit, "Financiën: deurwaarder geweest\n\nWonen: blijft bij oma", ["financien", "huisvesting"], session
    )
    contact = next(c for c in load_case(db, 1).contacts if c.id == visit.contact_id)
    assert contact.status == "gepland" and contact.mode == "huisbezoek" and contact.at == at
    assert contact.note.endswith("blijft bij oma")
    assert talked_about(db, 1) == {}  # a preparation is not a visit that took place
    save_visit(db, visit, "Wonen: blijft bij oma", ["huisvesting"], session)
    resumed = open_visit(db, 1)
    assert resumed.contact_id == visit.contact_id and resumed.note == "Wonen: blijft bij oma"
    assert revisions_of(db, "contacts", visit.contact_id, "note") == []  # one sitting
    complete_visit(db, resumed, status="plaatsgevonden", at=at, now=at, duration_min=None)
    assert talked_about(db, 1) == {"huisvesting": TODAY}
    assert open_visit(db, 1) is None  # completed: the next visit starts afresh


def test_migration_on_a_file_database(tmp_path: Path):
    path = tmp_path / "c.db"
    open_db(path).close()
    db = open_db(path)  # opening again applies nothing twice
    names = set(db.table_names())
    assert {"intakes", "intake_domains", "intake_warm", "visits"} <= names
    db.close()
