"""The schema as numbered migrations, applied on open; each runs in one transaction."""

from __future__ import annotations

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

migrations = Migrations("coach")

# Text fields whose earlier versions are kept when edited: table -> fields.
REVISED_FIELDS: dict[str, tuple[str, ...]] = {
    "contacts": ("note",),
    "warm_story": ("text",),
    "assessments": ("going_well", "concerns", "wish"),
    "network": ("note",),
    "agreements": ("text",),
    "phases": ("note",),
}


@migrations(name="m001_initial")
def m001_initial(db: Database) -> None:
    """Youths and everything that belongs to one case."""
    db.executescript(
        """
        CREATE TABLE youths (
            id INTEGER PRIMARY KEY,
            ref TEXT UNIQUE,
            first_name TEXT NOT NULL CHECK (first_name != ''),
            last_name TEXT,
            nickname TEXT,
            birth_date TEXT,
            phone TEXT,
            email TEXT,
            has_address INTEGER NOT NULL DEFAULT 0,
            street TEXT,
            postcode TEXT,
            city TEXT,
            school TEXT,
            employer TEXT,
            coach TEXT,
            started_on TEXT,
            intervision_question TEXT
        );
        CREATE TABLE network (
            id INTEGER PRIMARY KEY,
            youth_id INTEGER NOT NULL REFERENCES youths(id) ON DELETE CASCADE,
            name TEXT NOT NULL CHECK (name != ''),
            relation TEXT NOT NULL CHECK (relation != ''),
            kind TEXT NOT NULL CHECK (kind IN ('informeel', 'professioneel')),
            organisation TEXT,
            phone TEXT,
            email TEXT,
            note TEXT
        );
        CREATE TABLE warm_story (
            id INTEGER PRIMARY KEY,
            youth_id INTEGER NOT NULL REFERENCES youths(id) ON DELETE CASCADE,
            kind TEXT NOT NULL CHECK (kind IN ('belangrijk', 'trots', 'kracht', 'droom', 'volhouden', 'mensen')),
            text TEXT NOT NULL,
            own_words INTEGER,
            recorded_on TEXT
        );
        CREATE TABLE assessments (
            id INTEGER PRIMARY KEY,
            youth_id INTEGER NOT NULL REFERENCES youths(id) ON DELETE CASCADE,
            date TEXT NOT NULL,
            domain TEXT NOT NULL,
            score INTEGER CHECK (score BETWEEN 1 AND 5),
            youth_score INTEGER CHECK (youth_score BETWEEN 1 AND 5),
            going_well TEXT,
            concerns TEXT,
            wish TEXT
        );
        CREATE TABLE contacts (
            id INTEGER PRIMARY KEY,
            youth_id INTEGER NOT NULL REFERENCES youths(id) ON DELETE CASCADE,
            at TEXT NOT NULL,
            mode TEXT NOT NULL,
            status TEXT NOT NULL CHECK (status IN ('plaatsgevonden', 'niet_verschenen', 'afgezegd', 'gepland')),
            duration_min INTEGER CHECK (duration_min BETWEEN 0 AND 1440),
            initiated_by TEXT,
            coach TEXT,
            note TEXT
        );
        CREATE TABLE agreements (
            id INTEGER PRIMARY KEY,
            youth_id INTEGER NOT NULL REFERENCES youths(id) ON DELETE CASCADE,
            made_on TEXT NOT NULL,
            text TEXT NOT NULL,
            owner TEXT NOT NULL CHECK (owner IN ('jongere', 'coach', 'netwerk')),
            due TEXT,
            status TEXT NOT NULL CHECK (status IN ('open', 'gedaan', 'vervallen'))
        );
        CREATE TABLE phases (
            id INTEGER PRIMARY KEY,
            youth_id INTEGER NOT NULL REFERENCES youths(id) ON DELETE CASCADE,
            phase TEXT NOT NULL CHECK (phase IN ('aanmelding', 'intake', 'begeleiding', 'afbouw', 'nazorg', 'afgesloten')),
            since TEXT NOT NULL,
            note TEXT
        );
        CREATE TABLE settings (
            key TEXT PRIMARY KEY,
            value TEXT
        );
        CREATE INDEX network_youth ON network(youth_id);
        CREATE INDEX warm_story_youth ON warm_story(youth_id);
        CREATE INDEX assessments_youth ON assessments(youth_id, date);
        CREATE INDEX contacts_youth_status_at ON contacts(youth_id, status, at);
        CREATE INDEX agreements_youth_status ON agreements(youth_id, status, due);
        CREATE INDEX phases_youth_since ON phases(youth_id, since);
        """
    )


@migrations(name="m002_revisions")
def m002_revisions(db: Database) -> None:
    """Keep every earlier text of a note when it is edited or removed."""
    db.executescript(
        """
        CREATE TABLE revisions (
            id INTEGER PRIMARY KEY,
            youth_id INTEGER NOT NULL REFERENCES youths(id) ON DELETE CASCADE,
            table_name TEXT NOT NULL,
            row_id INTEGER NOT NULL,
            field TEXT NOT NULL,
            text TEXT,
            replaced_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%S', 'now', 'localtime'))
        );
        CREATE INDEX revisions_row ON revisions(table_name, row_id);
        """
    )
    for table, fields in REVISED_FIELDS.items():
        for field in fields:
            db.execute(
                f"""
                CREATE TRIGGER {table}_{field}_revision
                AFTER UPDATE OF {field} ON {table}
                WHEN old.{field} IS NOT new.{field} AND old.{field} IS NOT NULL AND old.{field} != ''
                BEGIN
                    INSERT INTO revisions (youth_id, table_name, row_id, field, text)
                    VALUES (old.youth_id, '{table}', old.id, '{field}', old.{field});
                END
                """
            )


@migrations(name="m003_search")
def m003_search(db: Database) -> None:
    """Full-text search over names, contact notes and the warm story."""
    db["youths"].enable_fts(["first_name", "last_name", "nickname"], create_triggers=True, tokenize="unicode61 remove_diacritics 2")
    db["contacts"].enable_fts(["note"], create_triggers=True, tokenize="unicode61 remove_diacritics 2")
    db["warm_story"].enable_fts(["text"], create_triggers=True, tokenize="unicode61 remove_diacritics 2")
