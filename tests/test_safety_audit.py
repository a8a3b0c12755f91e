"""The audit trail: every change recorded (what and when, not the content), append-only, per young person."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from helpers import make_case
from textual.widgets import DataTable

from coach.store.audit import audit_count, audit_for_youth
from coach.store.cases import insert_cases
from coach.store.db import IntegrityError, open_db
from coach.tui.app import make_app
from coach.tui.screens.audit import AuditScreen
from coach.tui.screens.youth import YouthScreen


def test_every_change_is_recorded_without_its_content():
    db = open_db(memory=True)
    [youth_id] = insert_cases(db, [make_case("Sanne", full=True)])
    inserted = audit_for_youth(db, youth_id)
    assert {entry.table for entry in inserted} >= {
        "youths",
        "contacts",
        "agreements",
        "network",
        "phases",
        "warm_story",
    }
    assert all(entry.action == "insert" for entry in inserted)
    db.execute("UPDATE contacts SET note = 'Geheim woord Okapi', duration_min = 30 WHERE id = 1")
    db.execute("UPDATE contacts SET note = note WHERE id = 1")  # no real change: nothing recorded
    db.execute("DELETE FROM agreements WHERE id = 1")
    newest = audit_for_youth(db, youth_id)[:2]
    assert [(e.table, e.row_id, e.action) for e in newest] == [("agreements", 1, "delete"), ("contacts", 1, "update")]
    assert newest[1].fields == ("duration_min", "note")
    dump = "\n".join(str(row) for row in db.execute("SELECT * FROM audit").fetchall())
    assert "Okapi" not in dump and "Sanne" not in dump and "keukentafel" not in dump


def test_the_trail_is_append_only():
    db = open_db(memory=True)
    [youth_id] = insert_cases(db, [make_case(full=True)])
    count = audit_count(db)
    with pytest.raises(IntegrityError, match="niet worden gewijzigd"):
        db.execute("UPDATE audit SET action = 'insert', table_name = 'x'")
    with pytest.raises(IntegrityError, match="niet worden gewist"):
        db.execute("DELETE FROM audit WHERE youth_id = ?", [youth_id])
    with pytest.raises(IntegrityError):
        db.execute("DELETE FROM audit")
    assert audit_count(db) == count


def test_tables_of_later_migrations_are_audited_on_the_next_open(tmp_path):
    path = tmp_path / "c.db"
    db = open_db(path)
    [youth_id] = insert_cases(db, [make_case(full=True)])
    db.execute("CREATE TABLE later_notes (id INTEGER PRIMARY KEY, youth_id INTEGER REFERENCES youths(id), body TEXT)")
    db.execute(
        "CREATE TABLE later_steps (id INTEGER PRIMARY KEY, note_id INTEGER REFERENCES later_notes(id), body TEXT)"
    )
    db.execute("PRAGMA user_version = 0")  # what a coach with newer migrations finds: a schema not yet current
    db.close()
    db = open_db(path)
    db.execute("INSERT INTO later_notes (youth_id, body) VALUES (?, 'x')", [youth_id])
    db.execute("INSERT INTO later_steps (note_id, body) VALUES (1, 'y')")
    db.execute("ALTER TABLE later_notes ADD COLUMN extra TEXT")
    db.execute("PRAGMA user_version = 0")
    db.close()
    db = open_db(path)  # the changed table gets fresh triggers that know its new column
    db.execute("UPDATE later_notes SET extra = 'z'")
    newest = audit_for_youth(db, youth_id)[:3]
    assert [(e.table, e.action, e.fields) for e in newest] == [
        ("later_notes", "update", ("extra",)),
        ("later_steps", "insert", ()),
        ("later_notes", "insert", ()),
    ]


async def test_the_youth_screen_shows_the_trail(case_db: Path, today: date):
    db = open_db(case_db)
    db.execute("UPDATE contacts SET note = 'Aangepast' WHERE youth_id = 1 AND note IS NOT NULL AND id = 1")
    db.close()
    app = make_app(case_db, today=today)
    async with app.run_test(size=(80, 24)) as pilot:
        app.open_youth(1)
        await pilot.pause()
        assert isinstance(app.screen, YouthScreen)
        await pilot.press("l")
        await pilot.pause()
        assert isinstance(app.screen, AuditScreen)
        table = app.screen.query_one(DataTable)
        first = [str(cell) for cell in table.get_row_at(0)]
        assert first[1:] == ["gewijzigd", "contactmoment", "notitie"]
        assert table.row_count == len(audit_for_youth(app.db, 1))
        await pilot.press("escape")
        assert isinstance(app.screen, YouthScreen)


def test_every_table_in_the_audit_trail_has_a_dutch_name():
    """The logboek names what changed in words: no table shows as 'self assessments'."""
    from coach.reports.record_labels import RECORD_LABELS

    db = open_db(memory=True)
    audited = {
        row[0]
        for row in db.execute("SELECT tbl_name FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'audit_%'")
    }
    assert audited - {"audit"} <= set(RECORD_LABELS), sorted(audited - {"audit"} - set(RECORD_LABELS))
