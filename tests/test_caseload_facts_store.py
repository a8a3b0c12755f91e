"""The caseload's facts table (m017): kept by triggers, it must always equal the facts worked out from scratch."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

from helpers import database_before, examples, make_case
from hypothesis import given, settings
from hypothesis import strategies as st

from coach.cli.caseload import json_text
from coach.domain.model import Agreement, Case, Contact, PhaseEntry, Youth
from coach.store import migrations
from coach.store.bulk import bulk_load
from coach.store.caseload import VOCABULARY, _entries, caseload, caseload_sql
from coach.store.cases import insert_cases
from coach.store.db import open_db
from coach.store.erase import erase_youth
from coach.store.migrations import CASELOAD_FACTS_COLUMNS as COLUMNS

TODAY = date(2026, 3, 14)


def facts(db) -> set[tuple]:
    return set(db.execute(f"SELECT {COLUMNS} FROM _caseload_facts").fetchall())


def from_scratch(db) -> set[tuple]:
    """The facts of every young person whose latest phase is not afgesloten, worked out from their file now."""
    return set(db.execute(f"SELECT {COLUMNS} FROM _caseload_facts_now WHERE phase != 'afgesloten'").fetchall())


def old_caseload(db, today: date) -> list:
    """The caseload as it was read before m017: every fact looked up per young person, today included."""
    where = " WHERE y.id IN (SELECT youth_id FROM _open_cases)"
    entries = [
        entry for entry in _entries(db, today, _rules(), caseload_sql() + where, {}) if entry.phase != "afgesloten"
    ]
    return sorted(entries, key=lambda entry: (entry.name.casefold(), entry.id))


def _rules():
    from coach.domain.continuity import ContinuityRules

    return ContinuityRules()


def assert_facts_right(db) -> None:
    assert facts(db) == from_scratch(db)
    for today in (TODAY - timedelta(days=3), TODAY, TODAY + timedelta(days=3)):
        assert caseload(db, today) == old_caseload(db, today)


def start_cases() -> list[Case]:
    return [
        make_case("Sanne", full=True),
        make_case("Bo", last_name="Smit", started_on=date(2026, 1, 5)),
        make_case("Mees", full=True, phase="afgesloten"),
    ]


youth_pick = st.integers(min_value=0, max_value=3)
# Days close to TODAY, so contacts and due dates fall before, on and after the days the caseload is read.
day = st.integers(min_value=-6, max_value=6).map(lambda days: TODAY + timedelta(days=days))
moment = st.tuples(day, st.integers(min_value=0, max_value=23)).map(lambda dh: f"{dh[0].isoformat()}T{dh[1]:02d}:00")
status = st.sampled_from(["gepland", "plaatsgevonden", "niet_verschenen", "afgezegd_jongere"])
mode = st.sampled_from(["telefoon", "huisbezoek", "samen op pad"])
phase = st.sampled_from(["aanmelding", "intake", "begeleiding", "afbouw", "nazorg", "afgesloten"])
due = st.one_of(st.none(), day.map(date.isoformat))

edits = st.one_of(
    st.tuples(st.just("contact"), youth_pick, moment, status, mode),
    st.tuples(st.just("contact_status"), youth_pick, status),
    st.tuples(st.just("contact_move"), youth_pick, moment),
    st.tuples(st.just("contact_gone"), youth_pick),
    st.tuples(st.just("phase"), youth_pick, phase, day),
    st.tuples(st.just("phase_change"), youth_pick, phase),
    st.tuples(st.just("phase_gone"), youth_pick),
    st.tuples(st.just("name"), youth_pick, st.sampled_from(["Daan", "", None])),
    st.tuples(st.just("started"), youth_pick, st.one_of(st.none(), day.map(date.isoformat))),
    st.tuples(st.just("agreement"), youth_pick, due),
    st.tuples(st.just("agreement_done"), youth_pick),
    st.tuples(st.just("coach_change"), youth_pick, day),
    st.tuples(st.just("concern"), youth_pick),
    st.tuples(st.just("concern_closed"), youth_pick),
    st.tuples(st.just("score"), youth_pick, day, st.integers(min_value=1, max_value=5)),
    st.tuples(st.just("intake"), youth_pick, st.booleans()),
    st.tuples(st.just("erase"), youth_pick),
    st.tuples(st.just("new_case"), phase),
    st.tuples(st.just("bulk_case"), phase),
)


def _youth(db, pick: int) -> int | None:
    ids = [row[0] for row in db.execute("SELECT id FROM youths ORDER BY id")]
    return ids[pick % len(ids)] if ids else None


def _one(db, sql: str, youth_id: int) -> int | None:
    row = db.execute(sql, [youth_id]).fetchone()
    return row[0] if row else None


def apply(db, edit: tuple) -> None:  # noqa: C901, PLR0912 - one branch per kind of edit
    kind, *args = edit
    if kind == "new_case":
        insert_cases(db, [Case(Youth("Kim"), phases=[PhaseEntry(args[0], TODAY - timedelta(days=3))])])
        return
    if kind == "bulk_case":
        with bulk_load(db):
            insert_cases(
                db,
                [
                    Case(
                        Youth("Lot", started_on=TODAY - timedelta(days=40)),
                        contacts=[Contact(datetime(2026, 3, 1, 10), "telefoon", "plaatsgevonden")],
                        agreements=[Agreement(TODAY, "Bellen", "jongere", "open", due=TODAY)],
                        phases=[PhaseEntry(args[0], TODAY - timedelta(days=30))],
                    )
                ],
            )
        return
    youth_id = _youth(db, args[0])
    if youth_id is None:
        return
    if kind == "erase":
        erase_youth(db, youth_id)
        return
    contact = _one(db, "SELECT MAX(id) FROM contacts WHERE youth_id = ?", youth_id)
    with db.atomic():
        if kind == "contact":
            db.execute(
                "INSERT INTO contacts (youth_id, at, mode, status) VALUES (?, ?, ?, ?)",
                [youth_id, args[1], args[3], args[2]],
            )
        elif kind == "contact_status" and contact:
            db.execute("UPDATE contacts SET status = ? WHERE id = ?", [args[1], contact])
        elif kind == "contact_move" and contact:
            db.execute("UPDATE contacts SET at = ? WHERE id = ?", [args[1], contact])
        elif kind == "contact_gone" and contact:
            db.execute("DELETE FROM contacts WHERE id = ?", [contact])
        elif kind == "phase":
            db.execute(
                "INSERT INTO phases (youth_id, phase, since) VALUES (?, ?, ?)", [youth_id, args[1], args[2].isoformat()]
            )
        elif kind == "phase_change":
            db.execute(
                "UPDATE phases SET phase = ? WHERE id = (SELECT MAX(id) FROM phases WHERE youth_id = ?)",
                [args[1], youth_id],
            )
        elif kind == "phase_gone":
            db.execute("DELETE FROM phases WHERE id = (SELECT MAX(id) FROM phases WHERE youth_id = ?)", [youth_id])
        elif kind == "name":
            db.execute("UPDATE youths SET nickname = ? WHERE id = ?", [args[1], youth_id])
        elif kind == "started":
            db.execute("UPDATE youths SET started_on = ? WHERE id = ?", [args[1], youth_id])
        elif kind == "agreement":
            db.execute(
                "INSERT INTO agreements (youth_id, made_on, text, owner, due, status) VALUES (?, ?, 'x', 'coach', ?, 'open')",
                [youth_id, TODAY.isoformat(), args[1]],
            )
        elif kind == "agreement_done":
            db.execute(
                "UPDATE agreements SET status = 'gedaan' WHERE id = (SELECT MIN(id) FROM agreements"
                " WHERE youth_id = ? AND status = 'open')",
                [youth_id],
            )
        elif kind == "coach_change":
            db.execute(
                "INSERT INTO coach_changes (youth_id, changed_on, from_coach, to_coach) VALUES (?, ?, 'Anna', 'Bram')",
                [youth_id, args[1].isoformat()],
            )
        elif kind == "concern":
            db.execute(
                "INSERT INTO safety_concerns (youth_id, kind, label, opened_on, source) VALUES (?, 'k', 'l', ?, 's')",
                [youth_id, TODAY.isoformat()],
            )
        elif kind == "concern_closed":
            db.execute(
                "UPDATE safety_concerns SET status = 'gesloten', closed_on = ? WHERE youth_id = ? AND status = 'open'",
                [TODAY.isoformat(), youth_id],
            )
        elif kind == "score":
            db.execute(
                "INSERT INTO assessments (youth_id, date, domain, score) VALUES (?, ?, 'wonen', ?)",
                [youth_id, args[1].isoformat(), args[2]],
            )
        elif kind == "intake":
            intake = _one(db, "SELECT MAX(id) FROM intakes WHERE youth_id = ?", youth_id)
            if intake is None:
                intake = db.execute(
                    "INSERT INTO intakes (youth_id, started_on) VALUES (?, ?)", [youth_id, TODAY.isoformat()]
                ).lastrowid
                db.execute(
                    "INSERT INTO intake_domains (intake_id, youth_id, domain, score) VALUES (?, ?, 'wonen', 1)",
                    [intake, youth_id],
                )
            db.execute(
                "UPDATE intakes SET completed_on = ? WHERE id = ?", [TODAY.isoformat() if args[1] else None, intake]
            )


@settings(max_examples=examples(25))
@given(st.lists(edits, min_size=1, max_size=12))
def test_the_facts_equal_a_computation_from_scratch_after_any_edits(changes) -> None:
    db = open_db(memory=True)
    insert_cases(db, start_cases())
    assert_facts_right(db)
    for edit in changes:
        apply(db, edit)
        assert facts(db) == from_scratch(db), edit
    assert_facts_right(db)


def only_sanne(db: Any, **parts: Any) -> int:
    """Store one young person, Sanne, with the given contacts and agreements; her id."""
    [sanne] = insert_cases(db, [make_case("Sanne", **parts)])
    return int(sanne)


def test_planned_contacts_and_due_dates_on_both_sides_of_today() -> None:
    # Some before today and some after: the caseload then looks in the contacts and agreements themselves.
    db = open_db(memory=True)
    sanne = only_sanne(
        db,
        contacts=[
            Contact(datetime(2026, 3, 10, 10), "telefoon", "gepland"),
            Contact(datetime(2026, 3, 12, 10), "telefoon", "gepland"),
            Contact(datetime(2026, 3, 14, 9), "samen op pad", "gepland"),
            Contact(datetime(2026, 3, 20, 9), "huisbezoek", "gepland"),
        ],
        agreements=[
            Agreement(TODAY, "a", "coach", "open", due=date(2026, 3, 1)),
            Agreement(TODAY, "b", "coach", "open", due=date(2026, 3, 13)),
            Agreement(TODAY, "c", "coach", "open", due=TODAY),
            Agreement(TODAY, "d", "coach", "open", due=date(2026, 3, 30)),
            Agreement(TODAY, "e", "coach", "open"),
        ],
    )
    [entry] = caseload(db, TODAY)
    assert entry.id == sanne
    assert (entry.to_complete, entry.first_to_complete) == (2, datetime(2026, 3, 10, 10))
    assert (entry.next_contact, entry.next_contact_mode) == (datetime(2026, 3, 14, 9), "samen op pad")
    assert (entry.open_agreements, entry.overdue_agreements, entry.next_agreement_due) == (5, 2, TODAY)
    assert caseload(db, TODAY) == old_caseload(db, TODAY)
    [later] = caseload(db, date(2026, 4, 1))  # everything behind: no lookups needed
    assert (later.to_complete, later.next_contact, later.overdue_agreements, later.next_agreement_due) == (
        4,
        None,
        4,
        None,
    )
    [earlier] = caseload(db, date(2026, 3, 1))  # everything ahead (the first due date is today)
    assert (earlier.to_complete, earlier.next_contact, earlier.overdue_agreements) == (0, datetime(2026, 3, 10, 10), 0)
    assert earlier.next_agreement_due == date(2026, 3, 1)


def test_a_contact_marked_held_on_a_later_day_does_not_count_yet() -> None:
    # The table keeps the latest held contact of all; the caseload looks for the one before tomorrow.
    db = open_db(memory=True)
    sanne = only_sanne(
        db,
        contacts=[
            Contact(datetime(2026, 3, 1, 10), "telefoon", "plaatsgevonden"),
            Contact(datetime(2026, 3, 20, 10), "telefoon", "plaatsgevonden"),
        ],
    )
    [entry] = caseload(db, TODAY)
    assert entry.id == sanne and entry.last_contact == date(2026, 3, 1)
    assert caseload(db, TODAY) == old_caseload(db, TODAY)


def test_a_database_from_before_m017_gets_its_facts_filled(tmp_path) -> None:
    path = tmp_path / "old.db"
    with database_before(path, migrations.m017_caseload_facts) as db:
        assert "_caseload_facts" not in db.table_names()
        insert_cases(db, start_cases())
    db = open_db(path)
    assert len(facts(db)) == 2  # Sanne and Bo; Mees is closed
    assert_facts_right(db)
    db.close()


def test_a_bulk_load_writes_the_facts_once_and_puts_the_triggers_back() -> None:
    db = open_db(memory=True)
    triggers = {
        row[0]
        for row in db.execute("SELECT name FROM sqlite_master WHERE name LIKE '\\_caseload\\_facts%' ESCAPE '\\'")
    }
    with bulk_load(db):
        insert_cases(db, start_cases())
        assert facts(db) == set()  # set aside while loading
    assert len(facts(db)) == 2
    assert_facts_right(db)
    after = {
        row[0]
        for row in db.execute("SELECT name FROM sqlite_master WHERE name LIKE '\\_caseload\\_facts%' ESCAPE '\\'")
    }
    assert after == triggers
    [sanne] = [row[0] for row in db.execute("SELECT id FROM youths WHERE first_name = 'Sanne'")]
    with db.atomic():
        db.execute(
            "INSERT INTO contacts (youth_id, at, mode, status) VALUES (?, '2026-03-13T10:00', 'telefoon', 'plaatsgevonden')",
            [sanne],
        )
    assert [entry.last_contact for entry in caseload(db, TODAY) if entry.id == sanne] == [date(2026, 3, 13)]
    assert_facts_right(db)


def test_the_vocabulary_the_facts_compare_with_is_the_store_s() -> None:
    # m017 writes the stored words into its SQL (a migration is frozen); they must be the ones the store reads.
    db = open_db(memory=True)
    [view] = db.execute("SELECT sql FROM sqlite_master WHERE name = '_caseload_facts_now'").fetchone()
    for word in ("first_phase", "held", "planned", "open"):
        assert f"'{VOCABULARY[word]}'" in view


def test_make_entry_gives_a_frozen_row_with_the_rules_applied() -> None:
    import pytest

    from coach.domain.caseload import CaseloadEntry, make_entry

    entry = make_entry(
        id=3,
        name="Bo",
        phase="begeleiding",
        last_held=datetime(2026, 3, 1, 10),
        started_on=date(2026, 1, 5),
        next_planned=datetime(2026, 3, 20, 9),
        open_agreements=2,
        overdue_agreements=1,
        today=TODAY,
        next_mode="telefoon",
        next_due=date(2026, 3, 30),
        coach_changed_on=date(2026, 2, 1),
        to_complete=1,
        first_to_complete=datetime(2026, 3, 2, 9),
        safety=True,
    )
    values = entry._asdict()
    assert values["continuity"] == "ok" and values["days_since_contact"] == 13
    assert entry == CaseloadEntry(**values) and hash(entry) == hash(CaseloadEntry(**values))
    with pytest.raises(AttributeError):  # a row cannot be changed, only replaced
        entry.name = "Kim"  # type: ignore[misc]


@settings(max_examples=examples(60))
@given(
    name=st.text(),
    phase=st.sampled_from(["aanmelding", "begeleiding", 'x"y\\\u202e']),
    last_held=st.one_of(st.none(), st.datetimes(min_value=datetime(1000, 1, 1))),
    started_on=st.one_of(st.none(), st.dates()),
    next_planned=st.one_of(st.none(), st.datetimes()),
    counts=st.tuples(st.integers(0, 10**6), st.integers(0, 10**6)),
    safety=st.booleans(),
)
def test_a_rows_json_text_is_what_json_dumps_writes(
    name, phase, last_held, started_on, next_planned, counts, safety
) -> None:
    import json

    from coach.domain.caseload import make_entry

    entry = make_entry(
        id=counts[0] + 1,
        name=name,
        phase=phase,
        last_held=last_held,
        started_on=started_on,
        next_planned=next_planned,
        open_agreements=counts[0],
        overdue_agreements=counts[1],
        today=TODAY,
        safety=safety,
    )
    assert json_text(entry) == json.dumps(entry.as_json(), ensure_ascii=False)
