"""The store: migrations, transactions, revisions, full-text search."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from helpers import make_case
from sqlite_utils import Database

from coach.store import StoreError, open_db
from coach.store.caseload import caseload, caseload_entry
from coach.store.cases import DuplicateRefError, insert_cases, load_case
from coach.store.db import IntegrityError
from coach.store.migrations import SCHEMA_VERSION, coach_migrations


def test_open_creates_schema_with_foreign_keys_and_wal(tmp_path):
    db = open_db(tmp_path / "c.db")
    assert {"youths", "contacts", "agreements", "phases", "revisions"} <= set(db.table_names())
    assert db.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    migrations = coach_migrations()
    assert [m.name for m in migrations.applied(db)] == [m.name for m in migrations._migrations]
    assert len(migrations._migrations) == SCHEMA_VERSION
    assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    # The migrations ran with NORMAL to spare the disk; what the coach saves waits for it again.
    assert db.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL


def test_a_new_plain_database_has_the_schema_an_encrypted_one_migrates_to(tmp_path):
    """A new plain file is copied from a migrated template, an encrypted one runs the migrations itself."""
    plain = open_db(tmp_path / "plain.db")
    encrypted = open_db(tmp_path / "encrypted.db", passphrase="een lang wachtwoord")

    def schema(database):
        rows = database.execute("SELECT type, name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'").fetchall()
        return {tuple(row) for row in rows}

    assert schema(plain) == schema(encrypted)
    assert any(kind == "trigger" and name.startswith("audit_") for kind, name, _ in schema(plain))
    assert plain.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert plain.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    plain["youths"].insert({"first_name": "Bas"})
    assert plain.execute("SELECT count(*) FROM youths_fts WHERE youths_fts MATCH 'bas'").fetchone()[0] == 1


def test_a_migration_cut_off_is_done_again_at_the_next_open(tmp_path, monkeypatch):
    from coach.store import migrations as migrations_module

    real = migrations_module.coach_migrations

    class CutOff:
        def apply(self, db):
            raise RuntimeError("cut off")

    path = tmp_path / "old.db"
    old = Database(path)
    real().apply(old, stop_before="m002_revisions")
    old.close()
    monkeypatch.setattr(migrations_module, "coach_migrations", CutOff)
    with pytest.raises(RuntimeError):
        open_db(path)
    monkeypatch.setattr(migrations_module, "coach_migrations", real)
    db = open_db(path)
    assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert db.execute("PRAGMA synchronous").fetchone()[0] == 2
    assert "youths" in db.table_names()


def test_old_version_database_is_migrated_on_open_and_keeps_its_data(tmp_path):
    path = tmp_path / "old.db"
    old = Database(path)
    coach_migrations().apply(old, stop_before="m002_revisions")
    old.execute("INSERT INTO youths (first_name) VALUES ('Bas')")
    old.conn.commit()
    assert "revisions" not in old.table_names()
    old.close()

    db = open_db(path)
    assert "revisions" in db.table_names() and "contacts_fts" in db.table_names()
    assert db.execute("SELECT first_name FROM youths").fetchall() == [("Bas",)]
    # the search index built by the later migration covers the old rows too
    assert db.execute("SELECT count(*) FROM youths_fts WHERE youths_fts MATCH 'bas'").fetchone()[0] == 1


def test_case_roundtrips_through_the_store():
    db = open_db(memory=True)
    case = make_case(full=True)
    [youth_id] = insert_cases(db, [case])
    loaded = load_case(db, youth_id)
    assert loaded.youth.first_name == "Sanne" and loaded.youth.address.city == "Zwolle"
    assert [c.at for c in loaded.contacts] == [c.at for c in case.contacts]
    assert loaded.warm_story[0].own_words is True
    assert load_case(db, 999) is None


def test_a_failing_write_rolls_back_whole():
    db = open_db(memory=True)
    good = make_case("Roos", full=True)
    bad = make_case("Bas", full=True)
    bad.contacts[0].status = "onzin"  # violates the CHECK constraint halfway through
    with pytest.raises(IntegrityError):
        insert_cases(db, [good, bad])
    assert db.execute("SELECT count(*) FROM youths").fetchone()[0] == 0
    assert db.execute("SELECT count(*) FROM contacts").fetchone()[0] == 0


def test_duplicate_ref_is_refused_and_nothing_written():
    db = open_db(memory=True)
    insert_cases(db, [make_case(full=True, ref="JC-1")])
    with pytest.raises(DuplicateRefError):
        insert_cases(db, [make_case("Noor", full=True, ref="JC-2"), make_case("Bas", full=True, ref="JC-1")])
    assert db.execute("SELECT count(*) FROM youths").fetchone()[0] == 1


def test_editing_a_note_keeps_the_earlier_text():
    db = open_db(memory=True)
    [youth_id] = insert_cases(db, [make_case(full=True)])
    contact_id = db.execute("SELECT id FROM contacts WHERE note IS NOT NULL LIMIT 1").fetchone()[0]
    db.execute("UPDATE contacts SET note = 'Eerste versie aangepast' WHERE id = ?", [contact_id])
    db.execute("UPDATE contacts SET note = 'Derde versie' WHERE id = ?", [contact_id])
    texts = [r[0] for r in db.execute("SELECT text FROM revisions WHERE row_id = ? ORDER BY id", [contact_id])]
    assert texts == ["Kennismaking aan de keukentafel.", "Eerste versie aangepast"]
    # an unchanged save does not add a revision
    db.execute("UPDATE contacts SET note = 'Derde versie' WHERE id = ?", [contact_id])
    assert db.execute("SELECT count(*) FROM revisions").fetchone()[0] == 2
    assert all(r[0] == youth_id for r in db.execute("SELECT youth_id FROM revisions"))


def test_full_text_search_finds_notes_and_warm_story_with_or_without_accents():
    db = open_db(memory=True)
    insert_cases(db, [make_case(full=True)])
    assert db.execute("SELECT count(*) FROM contacts_fts WHERE contacts_fts MATCH 'keukentafel'").fetchone()[0] == 1
    assert db.execute("SELECT count(*) FROM warm_story_fts WHERE warm_story_fts MATCH 'broertje'").fetchone()[0] == 1
    db.execute("UPDATE contacts SET note = 'Gesprek over financiën' WHERE note LIKE 'Kennis%'")
    assert db.execute("SELECT count(*) FROM contacts_fts WHERE contacts_fts MATCH 'financien'").fetchone()[0] == 1
    assert db.execute("SELECT count(*) FROM contacts_fts WHERE contacts_fts MATCH 'keukentafel'").fetchone()[0] == 0


def test_deleting_a_youth_removes_everything_about_them():
    db = open_db(memory=True)
    [youth_id] = insert_cases(db, [make_case(full=True)])
    db.execute("UPDATE contacts SET note = 'x' WHERE youth_id = ?", [youth_id])
    db.execute("DELETE FROM youths WHERE id = ?", [youth_id])
    for table in ("contacts", "agreements", "phases", "network", "warm_story", "assessments", "revisions"):
        assert db.execute(f"SELECT count(*) FROM {table}").fetchone()[0] == 0, table


def test_caseload_leaves_out_closed_cases_and_computes_continuity():
    db = open_db(memory=True)
    insert_cases(
        db,
        [
            make_case("Sanne", full=True),
            make_case("Bas", full=True, phase="afgesloten"),
            make_case("Noor", full=True, last_held=None),
        ],
    )
    rows = caseload(db, date(2026, 3, 10))
    assert [r.name for r in rows] == ["Noor Visser", "Sanne Visser"]
    sanne = rows[1]
    assert sanne.days_since_contact == 8 and sanne.continuity == "ok"
    assert sanne.next_contact == datetime(2026, 3, 20, 10, 0)
    assert (sanne.open_agreements, sanne.overdue_agreements) == (1, 1)
    noor = rows[0]
    assert noor.last_contact == date(2026, 1, 5) and noor.continuity == "te_lang"


def test_caseload_entry_reports_a_closed_case_too():
    db = open_db(memory=True)
    [youth_id] = insert_cases(db, [make_case("Bas", full=True, phase="afgesloten")])
    entry = caseload_entry(db, youth_id, date(2026, 3, 10))
    assert entry.phase == "afgesloten" and entry.continuity is None
    assert caseload_entry(db, 12345, date(2026, 3, 10)) is None


def test_a_held_contact_in_the_future_does_not_count_as_seen():
    db = open_db(memory=True)
    insert_cases(db, [make_case(full=True, last_held=datetime(2026, 4, 1, 9, 0))])
    [row] = caseload(db, date(2026, 3, 10))
    assert row.last_contact == date(2026, 1, 5)


def test_a_file_that_is_no_database_gets_a_dutch_message(tmp_path):
    path = tmp_path / "kapot.db"
    path.write_bytes(b"dit is geen database" * 200)
    with pytest.raises(StoreError, match="geen \\(gave\\) coach-database"):
        open_db(path)
    assert path.read_bytes() == b"dit is geen database" * 200
