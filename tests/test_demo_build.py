"""The demo built the fast way (a new plain file through Python's own sqlite3) is the same database."""

from __future__ import annotations

import sqlite3
from datetime import date
from pathlib import Path

import pytest

from coach.demo import setup
from coach.demo.setup import ensure_demo
from coach.store.db import encryption_available, open_db

TODAY = date(2026, 3, 14)
# Columns that hold the moment something was written, which two builds cannot share.
CLOCK_COLUMNS = {"audit": ("at",), "_sqlite_migrations": ("applied_at",)}


def _contents(path: Path) -> dict[str, object]:
    """Every table's rows in rowid order (without clock columns), and each search index's words per row."""
    db = open_db(path)  # through the driver the app reads with
    try:
        names = [
            (name, sql or "")
            for name, sql in db.execute("SELECT name, sql FROM sqlite_master WHERE type = 'table' ORDER BY name")
        ]
        virtual = [name for name, sql in names if sql.upper().startswith("CREATE VIRTUAL")]
        contents: dict[str, object] = {
            "schema": db.execute("SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY name").fetchall()
        }
        for name, _sql in names:
            if name.startswith(tuple(f"{fts}_" for fts in virtual)) or name in virtual:
                continue  # an index's own pages: compared below by what they hold
            columns = [row[1] for row in db.execute(f"PRAGMA table_info([{name}])")]
            kept = ", ".join(f"[{c}]" for c in columns if c not in CLOCK_COLUMNS.get(name, ()))
            contents[name] = db.execute(f"SELECT {kept} FROM [{name}] ORDER BY rowid").fetchall()
        for fts in virtual:
            db.execute(f"CREATE VIRTUAL TABLE temp.[words_{fts}] USING fts5vocab(main, [{fts}], instance)")
            contents[fts] = db.execute(f"SELECT * FROM temp.[words_{fts}] ORDER BY 1, 2, 3, 4").fetchall()
        return contents
    finally:
        db.close()


def test_the_demo_built_through_the_plain_driver_is_the_same_database(tmp_path, monkeypatch):
    fast = tmp_path / "fast.db"
    ensure_demo(fast, youths=60, seed=3, today=TODAY)
    # The same build through SQLCipher's driver, as every other open uses.
    opened: list[object] = []

    def usual_open(path: Path, *, bulk: bool = False) -> object:
        db = open_db(path)
        opened.append(db.conn)
        return db

    monkeypatch.setattr(setup, "open_db", usual_open)
    usual = tmp_path / "usual.db"
    ensure_demo(usual, youths=60, seed=3, today=TODAY)
    assert len(opened) == 1 and isinstance(opened[0], sqlite3.Connection) is not encryption_available()

    built, expected = _contents(fast), _contents(usual)
    assert built.keys() == expected.keys()
    for table in expected:
        assert built[table] == expected[table], table
    assert len(expected["contacts"]) > 2000 and len(expected["audit"]) > 5000  # type: ignore[arg-type]
    assert expected["contacts_fts"] and expected["_open_texts"]


def test_only_a_new_plain_file_is_written_through_the_plain_driver(tmp_path):
    db = open_db(tmp_path / "new.db", bulk=True)
    assert isinstance(db.conn, sqlite3.Connection)
    db.close()
    # The same file opened again is read as always.
    again = open_db(tmp_path / "new.db", bulk=True)
    assert isinstance(again.conn, sqlite3.Connection) is not encryption_available()
    again.close()
    if encryption_available():
        locked = open_db(tmp_path / "locked.db", passphrase="geheim genoeg", bulk=True)
        assert not isinstance(locked.conn, sqlite3.Connection)
        assert locked.execute("SELECT count(*) FROM youths").fetchone()[0] == 0
        locked.close()
        assert (tmp_path / "locked.db").read_bytes()[:16] != b"SQLite format 3\x00"


def test_a_demo_generated_in_a_worker_process_is_the_same_database(tmp_path, monkeypatch):
    import coach.demo.generator as generator

    monkeypatch.setattr(generator, "BATCH_SIZE", 20)  # several batches through the queue
    told: dict[bool, list[tuple[int, int]]] = {}
    for parallel in (False, True):
        db = open_db(tmp_path / f"demo-{parallel}.db")
        heard: list[tuple[int, int]] = []
        told[parallel] = heard
        ids = generator.build_demo(
            db,
            youths=70,
            seed=5,
            today=TODAY,
            parallel=parallel,
            progress=lambda done, total, heard=heard: heard.append((done, total)),
        )
        assert ids == list(range(1, 71))
        db.close()
    assert told[True] == told[False] == [(20, 70), (40, 70), (60, 70), (70, 70)]
    serial, parallel_built = _contents(tmp_path / "demo-False.db"), _contents(tmp_path / "demo-True.db")
    assert serial.keys() == parallel_built.keys()
    for table in serial:
        assert parallel_built[table] == serial[table], table


def test_a_failing_worker_is_told_not_waited_for(tmp_path, monkeypatch):
    import coach.demo.generator as generator

    def broken(*args: object, **kwargs: object) -> object:
        raise ValueError("kapot")

    monkeypatch.setattr(generator, "generate_cases", broken)  # the forked worker has it too
    db = open_db(tmp_path / "demo.db")
    with pytest.raises(RuntimeError, match="kapot"):
        generator.build_demo(db, youths=30, today=TODAY, parallel=True)
    # Nothing of the failed build is left: the one transaction was rolled back.
    assert db.execute("SELECT count(*) FROM youths").fetchone()[0] == 0
    assert {"contacts_ai", "audit_contacts_insert"} <= {
        row[0].rsplit("_", 1)[0] if row[0].startswith("audit_") else row[0]
        for row in db.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")
    }


def test_indexing_batch_by_batch_indexes_every_row_once(tmp_path, monkeypatch):
    import coach.demo.generator as generator

    monkeypatch.setattr(generator, "BATCH_SIZE", 10)
    db = open_db(tmp_path / "demo.db")
    generator.build_demo(db, youths=45, today=TODAY, parallel=False)
    for fts in ("contacts_fts", "youths_fts", "warm_story_fts"):
        db.execute(f"INSERT INTO [{fts}] ([{fts}]) VALUES ('integrity-check')")  # each row once, as in its table
        table = fts.removesuffix("_fts")
        assert (
            db.execute(f"SELECT count(*) FROM [{fts}]").fetchone()
            == db.execute(f"SELECT count(*) FROM [{table}]").fetchone()
        )
    notes = db.execute("SELECT count(*) FROM contacts WHERE note LIKE '%gebeld%'").fetchone()[0]
    assert notes > 0
    assert db.execute("SELECT count(*) FROM contacts_fts WHERE contacts_fts MATCH 'gebeld'").fetchone()[0] == notes
