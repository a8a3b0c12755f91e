"""Migration m009: old 'afgezegd' contacts split into the young person's cancellation and the app's own 'vervallen'."""

from __future__ import annotations

import pytest

from coach.store.audit import install_audit_triggers
from coach.store.db import connect
from coach.store.migrations import coach_migrations
from coach.store.sqlite_import import import_sqlite_utils


def _old_database():
    import_sqlite_utils()
    from sqlite_utils import Database

    conn = connect(":memory:")
    conn.execute("PRAGMA foreign_keys = ON")
    db = Database(conn, execute_plugins=False)
    coach_migrations().apply(db, stop_before="m009_case_in_app")
    install_audit_triggers(db)
    db.execute("INSERT INTO youths (id, first_name) VALUES (1, 'Sam')")
    contacts = [
        (1, "2026-01-05T10:00", "afgezegd", "Ziek."),  # the young person's own
        (2, "2026-02-05T10:00", "afgezegd", "Afbouw: stap 2 van 3.\nVervallen: afbouw gestopt."),  # the app's
        (3, "2026-03-05T10:00", "afgezegd", "Nazorgcheck 1 van 2.\nVervallen: traject heropend."),  # the app's
        (4, "2026-03-06T10:00", "afgezegd", "Vervallen: zelf geschreven, geen plan."),  # no plan: the youth's
        (5, "2026-03-07T10:00", "plaatsgevonden", "Goed gesprek."),
    ]
    for row in contacts:
        db.execute(
            "INSERT INTO contacts (id, youth_id, at, mode, status, note) VALUES (?, 1, ?, 'telefoon', ?, ?)", row
        )
    db.execute("INSERT INTO contact_domains (contact_id, domain) VALUES (1, 'financien')")
    db.execute(
        "INSERT INTO taper_plans (id, youth_id, accepted_on, starts_on, intervals) VALUES (1, 1, '2026-01-01', '2026-01-01', '7')"
    )
    db.execute("INSERT INTO taper_steps (plan_id, planned_at, contact_id) VALUES (1, '2026-02-05T10:00', 2)")
    db.execute(
        "INSERT INTO release_decisions (id, youth_id, decided_on, decision, reason) VALUES (1, 1, '2026-02-20', 'loslaten', 'Klaar')"
    )
    db.execute("INSERT INTO nazorg_checks (release_id, planned_at, contact_id) VALUES (1, '2026-03-05T10:00', 3)")
    return db


def test_old_cancellations_are_split_and_nothing_else_changes():
    db = _old_database()
    coach_migrations().apply(db)
    statuses = dict(db.execute("SELECT id, status FROM contacts ORDER BY id").fetchall())
    assert statuses == {
        1: "afgezegd_jongere",
        2: "vervallen",
        3: "vervallen",
        4: "afgezegd_jongere",
        5: "plaatsgevonden",
    }
    # The table was not rebuilt: children, links and search survive.
    assert db.execute("SELECT contact_id FROM contact_domains").fetchall() == [(1,)]
    assert db.execute("SELECT contact_id FROM taper_steps").fetchall() == [(2,)]
    assert db.execute("SELECT rowid FROM contacts_fts WHERE contacts_fts MATCH 'gesprek'").fetchall() == [(5,)]
    assert db.execute("PRAGMA integrity_check").fetchall() == [("ok",)]


def test_after_the_migration_the_old_status_is_refused_and_the_new_ones_taken():
    db = _old_database()
    coach_migrations().apply(db)
    from coach.store.db import IntegrityError

    with pytest.raises(IntegrityError):
        db.execute(
            "INSERT INTO contacts (youth_id, at, mode, status) VALUES (1, '2026-04-01T10:00', 'telefoon', 'afgezegd')"
        )
    for status in ("afgezegd_coach", "verzet", "vervallen"):
        db.execute(
            "INSERT INTO contacts (youth_id, at, mode, status) VALUES (1, '2026-04-01T10:00', 'telefoon', ?)", [status]
        )


def test_youth_details_keep_their_earlier_values():
    db = _old_database()
    coach_migrations().apply(db)
    db.execute("UPDATE youths SET first_name = 'Samira', school = 'ROC' WHERE id = 1")
    assert db.execute("SELECT youth_id, field, text FROM revisions WHERE table_name = 'youths'").fetchall() == [
        (1, "first_name", "Sam")
    ]


def test_an_encrypted_file_at_m008_opens_migrated(tmp_path):
    from coach.store.db import encryption_available, open_db

    if not encryption_available():
        pytest.skip("sqlcipher3 is not installed")
    import_sqlite_utils()
    from sqlite_utils import Database

    path = tmp_path / "coach.db"
    conn = connect(path, "geheim")
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute("PRAGMA journal_mode = WAL")
    old = Database(conn, execute_plugins=False)
    coach_migrations().apply(old, stop_before="m009_case_in_app")
    conn.execute("PRAGMA user_version = 8")
    old.execute("INSERT INTO youths (first_name) VALUES ('Sam')")
    old.execute(
        "INSERT INTO contacts (youth_id, at, mode, status) VALUES (1, '2026-01-01T10:00', 'telefoon', 'afgezegd')"
    )
    conn.commit()
    conn.close()
    db = open_db(path, passphrase="geheim")
    assert db.execute("SELECT status FROM contacts").fetchall() == [("afgezegd_jongere",)]
    assert db.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
