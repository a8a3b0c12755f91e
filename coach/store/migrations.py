"""The schema as numbered migrations, applied on open; each runs in one transaction.

The steps are plain functions, listed in STEPS. `coach_migrations()` hands
them to sqlite-utils' Migrations, which records what it applied; a database
that is up to date also carries SCHEMA_VERSION (coach.store.schema_version) in
its user_version, so opening it needs no more than one PRAGMA (see coach.store.db).
"""

from __future__ import annotations

import re
from functools import cache
from typing import TYPE_CHECKING

from coach.store.schema_version import SCHEMA_VERSION

if TYPE_CHECKING:
    from sqlite_utils import Database
    from sqlite_utils.migrations import Migrations

# Text fields whose earlier versions are kept when edited: table -> fields.
REVISED_FIELDS: dict[str, tuple[str, ...]] = {
    "contacts": ("note",),
    "warm_story": ("text",),
    "assessments": ("going_well", "concerns", "wish"),
    "network": ("note",),
    "agreements": ("text",),
    "phases": ("note",),
}


def _keep_revisions(db: Database, table: str, fields: tuple[str, ...]) -> None:
    """Triggers that copy a text field's earlier value into revisions whenever it changes."""
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
        _keep_revisions(db, table, fields)


def m003_search(db: Database) -> None:
    """Full-text search over names, contact notes and the warm story."""
    db.table("youths").enable_fts(
        ["first_name", "last_name", "nickname"], create_triggers=True, tokenize="unicode61 remove_diacritics 2"
    )
    db.table("contacts").enable_fts(["note"], create_triggers=True, tokenize="unicode61 remove_diacritics 2")
    db.table("warm_story").enable_fts(["text"], create_triggers=True, tokenize="unicode61 remove_diacritics 2")


def m004_intake(db: Database) -> None:
    """The intake conversation (per domain, warm story links, where the coach was) and visits."""
    db.executescript(
        """
        CREATE TABLE intakes (
            id INTEGER PRIMARY KEY,
            youth_id INTEGER NOT NULL REFERENCES youths(id) ON DELETE CASCADE,
            started_on TEXT NOT NULL,
            completed_on TEXT,
            section TEXT NOT NULL DEFAULT 'warm',
            field TEXT,
            question INTEGER NOT NULL DEFAULT 0 CHECK (question >= 0)
        );
        CREATE TABLE intake_domains (
            id INTEGER PRIMARY KEY,
            intake_id INTEGER NOT NULL REFERENCES intakes(id) ON DELETE CASCADE,
            youth_id INTEGER NOT NULL REFERENCES youths(id) ON DELETE CASCADE,
            domain TEXT NOT NULL,
            notes TEXT NOT NULL DEFAULT '',
            going_well TEXT NOT NULL DEFAULT '',
            concerns TEXT NOT NULL DEFAULT '',
            wish TEXT NOT NULL DEFAULT '',
            carried_by TEXT NOT NULL DEFAULT '[]',
            carriers TEXT NOT NULL DEFAULT '[]',
            score INTEGER CHECK (score BETWEEN 1 AND 5),
            youth_score INTEGER CHECK (youth_score BETWEEN 1 AND 5),
            skip TEXT CHECK (skip IN ('nu_niet', 'nvt')),
            touched_on TEXT,
            assessment_id INTEGER REFERENCES assessments(id) ON DELETE SET NULL,
            UNIQUE (intake_id, domain)
        );
        CREATE TABLE intake_warm (
            intake_id INTEGER NOT NULL REFERENCES intakes(id) ON DELETE CASCADE,
            kind TEXT NOT NULL,
            warm_story_id INTEGER NOT NULL UNIQUE REFERENCES warm_story(id) ON DELETE CASCADE,
            PRIMARY KEY (intake_id, kind)
        );
        CREATE TABLE visits (
            id INTEGER PRIMARY KEY,
            youth_id INTEGER NOT NULL REFERENCES youths(id) ON DELETE CASCADE,
            contact_id INTEGER NOT NULL UNIQUE REFERENCES contacts(id) ON DELETE CASCADE,
            started_at TEXT NOT NULL
        );
        CREATE INDEX intakes_youth ON intakes(youth_id, started_on);
        CREATE INDEX intake_domains_youth ON intake_domains(youth_id);
        CREATE INDEX visits_youth ON visits(youth_id, started_at);
        """
    )
    _keep_revisions(
        db,
        "intake_domains",
        (
            "notes",
            "going_well",
            "concerns",
            "wish",
        ),
    )


def m005_contact_details(db: Database) -> None:
    """Domains a contact touched, which contact an agreement came from and when it closed, and form drafts."""
    db.executescript(
        """
        CREATE TABLE contact_domains (
            contact_id INTEGER NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,
            domain TEXT NOT NULL,
            PRIMARY KEY (contact_id, domain)
        );
        ALTER TABLE agreements ADD COLUMN contact_id INTEGER REFERENCES contacts(id) ON DELETE SET NULL;
        ALTER TABLE agreements ADD COLUMN closed_on TEXT;
        CREATE INDEX agreements_contact ON agreements(contact_id);
        CREATE TABLE contact_drafts (
            youth_id INTEGER PRIMARY KEY REFERENCES youths(id) ON DELETE CASCADE,
            body TEXT NOT NULL,
            saved_at TEXT NOT NULL
        );
        """
    )


def m006_audit(db: Database) -> None:
    """The append-only audit trail; its per-table triggers are kept by coach.store.audit."""
    from coach.store.audit import AUDIT_TABLES_SQL, install_audit_triggers

    db.executescript(AUDIT_TABLES_SQL)
    install_audit_triggers(db)


def m007_trajectory(db: Database) -> None:
    """Afbouw plans, loslaten decisions with nazorg checks, and the facts readiness weighs."""
    db.executescript(
        """
        CREATE TABLE taper_plans (
            id INTEGER PRIMARY KEY,
            youth_id INTEGER NOT NULL REFERENCES youths(id) ON DELETE CASCADE,
            accepted_on TEXT NOT NULL,
            starts_on TEXT NOT NULL,
            intervals TEXT NOT NULL CHECK (intervals != ''),
            tolerance_days INTEGER NOT NULL DEFAULT 3 CHECK (tolerance_days BETWEEN 0 AND 14),
            ended_on TEXT
        );
        CREATE TABLE taper_steps (
            id INTEGER PRIMARY KEY,
            plan_id INTEGER NOT NULL REFERENCES taper_plans(id) ON DELETE CASCADE,
            planned_at TEXT NOT NULL,
            contact_id INTEGER REFERENCES contacts(id) ON DELETE SET NULL
        );
        CREATE TABLE release_decisions (
            id INTEGER PRIMARY KEY,
            youth_id INTEGER NOT NULL REFERENCES youths(id) ON DELETE CASCADE,
            decided_on TEXT NOT NULL,
            decision TEXT NOT NULL CHECK (decision IN ('loslaten', 'nog_niet')),
            reason TEXT NOT NULL CHECK (trim(reason) != ''),
            way_back TEXT
        );
        CREATE TABLE nazorg_checks (
            id INTEGER PRIMARY KEY,
            release_id INTEGER NOT NULL REFERENCES release_decisions(id) ON DELETE CASCADE,
            planned_at TEXT NOT NULL,
            contact_id INTEGER REFERENCES contacts(id) ON DELETE SET NULL
        );
        CREATE TABLE confidence (
            id INTEGER PRIMARY KEY,
            youth_id INTEGER NOT NULL REFERENCES youths(id) ON DELETE CASCADE,
            asked_on TEXT NOT NULL,
            score INTEGER CHECK (score BETWEEN 1 AND 5),
            words TEXT,
            CHECK (score IS NOT NULL OR trim(coalesce(words, '')) != '')
        );
        CREATE TABLE activities (
            id INTEGER PRIMARY KEY,
            youth_id INTEGER NOT NULL REFERENCES youths(id) ON DELETE CASCADE,
            kind TEXT NOT NULL CHECK (kind IN ('werk', 'opleiding', 'stage', 'dagbesteding', 'vrijwilligerswerk')),
            description TEXT,
            since TEXT NOT NULL,
            until TEXT,
            CHECK (until IS NULL OR until >= since)
        );
        CREATE TABLE basics (
            id INTEGER PRIMARY KEY,
            youth_id INTEGER NOT NULL REFERENCES youths(id) ON DELETE CASCADE,
            key TEXT NOT NULL,
            label TEXT NOT NULL CHECK (trim(label) != ''),
            state TEXT CHECK (state IN ('open', 'geregeld', 'nvt')),
            custom INTEGER NOT NULL DEFAULT 0,
            updated_on TEXT,
            UNIQUE (youth_id, key)
        );
        CREATE TABLE staying_network (
            network_id INTEGER PRIMARY KEY REFERENCES network(id) ON DELETE CASCADE,
            youth_id INTEGER NOT NULL REFERENCES youths(id) ON DELETE CASCADE
        );
        CREATE INDEX taper_plans_youth ON taper_plans(youth_id);
        CREATE INDEX taper_steps_plan ON taper_steps(plan_id);
        CREATE INDEX release_decisions_youth ON release_decisions(youth_id);
        CREATE INDEX nazorg_checks_release ON nazorg_checks(release_id);
        CREATE INDEX confidence_youth ON confidence(youth_id, asked_on);
        CREATE INDEX activities_youth ON activities(youth_id);
        CREATE INDEX staying_network_youth ON staying_network(youth_id);
        """
    )
    # The reason for a decision and the agreed way back keep their history, like every note.
    _keep_revisions(db, "release_decisions", ("reason", "way_back"))


def m008_name_order(db: Database) -> None:
    """Young people in caseload order (by name), so the first screenful is read without looking at everyone.

    The expression is the caseload's name; since m017 the first page is read from _caseload_facts,
    whose own index orders by the same name.
    """
    db.execute(
        "CREATE INDEX youths_by_name ON youths "
        "(lower(COALESCE(NULLIF(nickname, ''), first_name) || COALESCE(' ' || NULLIF(last_name, ''), '')))"
    )


# Youth details whose earlier values are kept when changed (aanmelding and later edits).
YOUTH_REVISED_FIELDS: tuple[str, ...] = (
    "first_name",
    "last_name",
    "nickname",
    "birth_date",
    "phone",
    "email",
    "street",
    "postcode",
    "city",
    "school",
    "employer",
    "coach",
    "started_on",
    "referred_by",
    "referrer_org",
    "referral_reason",
    "registered_on",
)
_OLD_STATUS_CHECK = "CHECK (status IN ('plaatsgevonden', 'niet_verschenen', 'afgezegd', 'gepland'))"
_NEW_STATUS_CHECK = (
    "CHECK (status IN ('gepland', 'plaatsgevonden', 'niet_verschenen', 'afgezegd_jongere', 'afgezegd_coach', "
    "'verzet', 'vervallen'))"
)


def m009_case_in_app(db: Database) -> None:
    """Aanmelding details, consent, coach changes, the network mapped, contacts that move, removals with a reason.

    The contacts' status CHECK is widened in place (SQLite's documented
    writable_schema route for loosening a constraint): rebuilding the table
    would need foreign keys off, which cannot be switched inside this
    migration's transaction, and a DROP with them on would cascade into
    visits, domains and agreements. Old 'afgezegd' rows become
    'afgezegd_jongere', except those the app cancelled itself (a planned
    afbouw step or nazorg check with the app's "Vervallen: " note): 'vervallen'.
    """
    version = db.execute("PRAGMA schema_version").fetchone()[0]
    db.execute("PRAGMA writable_schema = ON")
    changed = db.execute(
        "UPDATE sqlite_master SET sql = replace(sql, ?, ?) WHERE type = 'table' AND name = 'contacts' AND instr(sql, ?)",
        [_OLD_STATUS_CHECK, _NEW_STATUS_CHECK, _OLD_STATUS_CHECK],
    ).rowcount
    db.execute(f"PRAGMA schema_version = {version + 1}")
    db.execute("PRAGMA writable_schema = RESET")
    if changed != 1:
        raise RuntimeError("contacts.status has an unexpected CHECK; migration m009 cannot widen it")
    db.execute(
        """UPDATE contacts SET status = 'vervallen'
           WHERE status = 'afgezegd' AND instr(coalesce(note, ''), 'Vervallen: ')
             AND (id IN (SELECT contact_id FROM taper_steps WHERE contact_id IS NOT NULL)
                  OR id IN (SELECT contact_id FROM nazorg_checks WHERE contact_id IS NOT NULL))"""
    )
    db.execute("UPDATE contacts SET status = 'afgezegd_jongere' WHERE status = 'afgezegd'")
    db.executescript(
        """
        ALTER TABLE youths ADD COLUMN referred_by TEXT;
        ALTER TABLE youths ADD COLUMN referrer_org TEXT;
        ALTER TABLE youths ADD COLUMN referral_reason TEXT;
        ALTER TABLE youths ADD COLUMN registered_on TEXT;
        ALTER TABLE network ADD COLUMN role TEXT;
        ALTER TABLE network ADD COLUMN seen_as TEXT CHECK (seen_as IN ('steun', 'wisselend', 'lastig'));
        ALTER TABLE network ADD COLUMN may_contact INTEGER CHECK (may_contact IN (0, 1));
        ALTER TABLE contacts ADD COLUMN moved_from INTEGER REFERENCES contacts(id) ON DELETE SET NULL;
        ALTER TABLE agreements ADD COLUMN owner_network_id INTEGER REFERENCES network(id) ON DELETE SET NULL;
        CREATE INDEX contacts_moved_from ON contacts(moved_from);
        CREATE TABLE consents (
            id INTEGER PRIMARY KEY,
            youth_id INTEGER NOT NULL REFERENCES youths(id) ON DELETE CASCADE,
            given_to TEXT NOT NULL CHECK (trim(given_to) != ''),
            organisation TEXT,
            role TEXT,
            parts TEXT NOT NULL DEFAULT 'alles',
            given_on TEXT NOT NULL,
            note TEXT,
            withdrawn_on TEXT
        );
        CREATE TABLE coach_changes (
            id INTEGER PRIMARY KEY,
            youth_id INTEGER NOT NULL REFERENCES youths(id) ON DELETE CASCADE,
            changed_on TEXT NOT NULL,
            from_coach TEXT,
            to_coach TEXT,
            note TEXT
        );
        CREATE TABLE removals (
            id INTEGER PRIMARY KEY,
            youth_id INTEGER NOT NULL REFERENCES youths(id) ON DELETE CASCADE,
            table_name TEXT NOT NULL,
            row_id INTEGER NOT NULL,
            removed_at TEXT NOT NULL,
            reason TEXT NOT NULL CHECK (trim(reason) != '')
        );
        CREATE INDEX consents_youth ON consents(youth_id);
        CREATE INDEX coach_changes_youth ON coach_changes(youth_id, changed_on);
        CREATE INDEX removals_youth ON removals(youth_id);
        """
    )
    for name in YOUTH_REVISED_FIELDS:
        # As _keep_revisions, but a youth row is its own young person (old.id, not old.youth_id).
        db.execute(
            f"""
            CREATE TRIGGER youths_{name}_revision
            AFTER UPDATE OF {name} ON youths
            WHEN old.{name} IS NOT new.{name} AND old.{name} IS NOT NULL AND old.{name} != ''
            BEGIN
                INSERT INTO revisions (youth_id, table_name, row_id, field, text)
                VALUES (old.id, 'youths', old.id, '{name}', old.{name});
            END
            """
        )
    _keep_revisions(db, "network", ("name", "relation", "organisation", "role", "phone", "email"))
    _keep_revisions(db, "consents", ("given_to", "parts", "note"))


def m011_intervision_notes(db: Database) -> None:
    """What the coach writes for intervision per case: tried, own part, domains to show, words to hide.

    One row per young person; the lists are JSON arrays of text. Kept apart from youths so it
    needs nothing from any other migration.
    """
    db.executescript(
        """
        CREATE TABLE intervision_notes (
            youth_id INTEGER PRIMARY KEY REFERENCES youths(id) ON DELETE CASCADE,
            tried TEXT,
            own_part TEXT,
            domains TEXT NOT NULL DEFAULT '[]',
            hidden TEXT NOT NULL DEFAULT '[]'
        );
        """
    )


def m012_safety(db: Database) -> None:
    """Safety concerns with their meldcode steps, and the safety signals a coach dismissed as no concern."""
    db.executescript(
        """
        CREATE TABLE safety_concerns (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            youth_id INTEGER NOT NULL REFERENCES youths(id) ON DELETE CASCADE,
            kind TEXT NOT NULL CHECK (kind != ''),
            label TEXT NOT NULL,
            opened_on TEXT NOT NULL,
            source TEXT NOT NULL,
            heard TEXT NOT NULL DEFAULT '',
            status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'gesloten')),
            closed_on TEXT,
            decision TEXT CHECK (decision IN ('hulp', 'melding', 'hulp_en_melding', 'geen_zorg')),
            decision_note TEXT NOT NULL DEFAULT '',
            CHECK ((status = 'open') = (closed_on IS NULL))
        );
        CREATE TABLE safety_steps (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            concern_id INTEGER NOT NULL REFERENCES safety_concerns(id) ON DELETE CASCADE,
            youth_id INTEGER NOT NULL REFERENCES youths(id) ON DELETE CASCADE,
            step INTEGER NOT NULL CHECK (step BETWEEN 1 AND 5),
            done_on TEXT NOT NULL,
            who TEXT NOT NULL DEFAULT '',
            note TEXT NOT NULL DEFAULT '',
            facts TEXT NOT NULL DEFAULT '',
            interpretation TEXT NOT NULL DEFAULT '',
            UNIQUE (concern_id, step)
        );
        CREATE TABLE safety_dismissals (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            youth_id INTEGER NOT NULL REFERENCES youths(id) ON DELETE CASCADE,
            kind TEXT NOT NULL,
            heard TEXT NOT NULL,
            source TEXT NOT NULL,
            dismissed_on TEXT NOT NULL
        );
        CREATE INDEX safety_concerns_youth ON safety_concerns(youth_id, status);
        CREATE INDEX safety_steps_concern ON safety_steps(concern_id, step);
        CREATE INDEX safety_dismissals_youth ON safety_dismissals(youth_id);
        """
    )
    # What a coach wrote down in a meldcode step keeps its history, like every note.
    _keep_revisions(db, "safety_steps", ("note", "facts", "interpretation"))
    _keep_revisions(db, "safety_concerns", ("decision_note",))


def m013_handover(db: Database) -> None:
    """The warm handover: what works with the young person (the coach's words) and every handover made or received.

    `handovers.kind`: 'dossier' (an overdrachtsdossier written for someone with consent),
    'overgedragen' (the whole case sent encrypted to a colleague), 'ontvangen' (a case
    received that way). `counterpart` is the other side: the receiver, or for
    'ontvangen' the coach it came from.
    """
    db.executescript(
        """
        CREATE TABLE handover_notes (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            youth_id INTEGER NOT NULL UNIQUE REFERENCES youths(id) ON DELETE CASCADE,
            what_works TEXT NOT NULL DEFAULT ''
        );
        CREATE TABLE handovers (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            youth_id INTEGER NOT NULL REFERENCES youths(id) ON DELETE CASCADE,
            kind TEXT NOT NULL CHECK (kind IN ('dossier', 'overgedragen', 'ontvangen')),
            made_on TEXT NOT NULL,
            counterpart TEXT NOT NULL DEFAULT '',
            organisation TEXT,
            consent_id INTEGER REFERENCES consents(id) ON DELETE SET NULL,
            parts TEXT NOT NULL DEFAULT '',
            coach TEXT,
            note TEXT
        );
        CREATE INDEX handovers_youth ON handovers(youth_id, made_on);
        """
    )
    # What works is the coach's own text, edited over time: its history is kept like every note.
    _keep_revisions(db, "handover_notes", ("what_works",))


def m014_self_assessment(db: Database) -> None:
    """Samen invullen: the young person's own answers per domain, and warm-story lines they typed themselves.

    A table apart from assessments (the coach's measurements), so that every
    row in it is by definition "door de jongere zelf ingevuld" and nothing
    that reads the coach's scores counts these as a measurement.
    """
    db.executescript(
        """
        CREATE TABLE self_assessments (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            youth_id INTEGER NOT NULL REFERENCES youths(id) ON DELETE CASCADE,
            date TEXT NOT NULL,
            domain TEXT NOT NULL,
            score INTEGER CHECK (score BETWEEN 1 AND 5),
            skipped INTEGER NOT NULL DEFAULT 0 CHECK (skipped IN (0, 1)),
            talk INTEGER NOT NULL DEFAULT 0 CHECK (talk IN (0, 1)),
            CHECK (skipped = 0 OR score IS NULL),
            UNIQUE (youth_id, date, domain)
        );
        CREATE INDEX self_assessments_youth ON self_assessments(youth_id, date);
        ALTER TABLE warm_story ADD COLUMN by_youth INTEGER CHECK (by_youth IN (0, 1));
        """
    )


def m016_period_questions(db: Database) -> None:
    """A leervraag of its own for part of a case: a period or one contact (the whole case keeps youths.intervision_question).

    `scope` is a text key made by the reports layer ("periode:2026-01-01:2026-03-01",
    "contact:3"); one question per young person and scope.
    """
    db.executescript(
        """
        CREATE TABLE intervision_period_questions (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            youth_id INTEGER NOT NULL REFERENCES youths(id) ON DELETE CASCADE,
            scope TEXT NOT NULL CHECK (scope != ''),
            question TEXT NOT NULL,
            UNIQUE (youth_id, scope)
        );
        """
    )


def _open_case_sql(youth_id: str) -> str:
    """Put one young person right in _open_cases: in it while they exist and their latest phase is not afgesloten.

    Only a change is written (out when closed or gone, in when open and missing), so a phase
    that changes nothing rewrites nothing, nor their search document.
    """
    still_open = f"""EXISTS (SELECT 1 FROM youths WHERE id = {youth_id})
            AND COALESCE((SELECT p.phase FROM phases p WHERE p.youth_id = {youth_id}
                          ORDER BY p.since DESC, p.id DESC LIMIT 1), 'aanmelding') != 'afgesloten'"""
    return f"""
        DELETE FROM _open_cases WHERE youth_id = {youth_id} AND NOT ({still_open});
        INSERT OR IGNORE INTO _open_cases (youth_id) SELECT {youth_id} WHERE {still_open};
    """


def _open_text_sql(youth_id: str) -> str:
    """Write one young person's search document afresh: their names, and every note and warm-story line."""
    return f"""
        DELETE FROM _open_texts WHERE rowid = {youth_id};
        INSERT INTO _open_texts (rowid, name, text)
        SELECT y.id,
            COALESCE(y.first_name, '') || ' ' || COALESCE(y.last_name, '') || ' ' || COALESCE(y.nickname, ''),
            COALESCE((SELECT group_concat(c.note, ' ') FROM contacts c WHERE c.youth_id = y.id), '') || ' ' ||
            COALESCE((SELECT group_concat(w.text, ' ') FROM warm_story w WHERE w.youth_id = y.id), '')
        FROM youths y WHERE y.id = {youth_id} AND y.id IN (SELECT youth_id FROM _open_cases);
    """


# The triggers that keep _open_texts current as notes, warm stories and names change; a bulk
# load sets them aside and writes the documents once at the end (see coach.store.bulk).
OPEN_TEXT_TRIGGERS: dict[str, str] = {
    "_open_texts_contact_in": f"AFTER INSERT ON contacts BEGIN {_open_text_sql('new.youth_id')} END",
    "_open_texts_contact_change": (
        f"AFTER UPDATE OF note, youth_id ON contacts BEGIN {_open_text_sql('old.youth_id')} "
        f"{_open_text_sql('new.youth_id')} END"
    ),
    "_open_texts_contact_out": f"AFTER DELETE ON contacts BEGIN {_open_text_sql('old.youth_id')} END",
    "_open_texts_story_in": f"AFTER INSERT ON warm_story BEGIN {_open_text_sql('new.youth_id')} END",
    "_open_texts_story_change": (
        f"AFTER UPDATE OF text, youth_id ON warm_story BEGIN {_open_text_sql('old.youth_id')} "
        f"{_open_text_sql('new.youth_id')} END"
    ),
    "_open_texts_story_out": f"AFTER DELETE ON warm_story BEGIN {_open_text_sql('old.youth_id')} END",
    "_open_texts_name": (
        f"AFTER UPDATE OF first_name, last_name, nickname ON youths BEGIN {_open_text_sql('new.id')} END"
    ),
}

_OPEN_TEXTS_SELECT = """
SELECT y.id,
    COALESCE(y.first_name, '') || ' ' || COALESCE(y.last_name, '') || ' ' || COALESCE(y.nickname, ''),
    COALESCE((SELECT group_concat(c.note, ' ') FROM contacts c WHERE c.youth_id = y.id), '') || ' ' ||
    COALESCE((SELECT group_concat(w.text, ' ') FROM warm_story w WHERE w.youth_id = y.id), '')
FROM youths y WHERE y.id IN (SELECT youth_id FROM _open_cases)"""

# Every open young person's document written afresh (by m015).
OPEN_TEXTS_REBUILD_SQL = f"""
DELETE FROM _open_texts;
INSERT INTO _open_texts (rowid, name, text){_OPEN_TEXTS_SELECT};
"""


def open_texts_refresh_sql(youths: str) -> str:
    """The documents of the young people `youths` (SQL giving their ids) written afresh: a bulk load's, batch by batch."""
    return f"""
DELETE FROM _open_texts WHERE rowid IN ({youths});
INSERT INTO _open_texts (rowid, name, text){_OPEN_TEXTS_SELECT} AND y.id IN ({youths});
"""


def m015_open_cases(db: Database) -> None:
    """Who is in an open trajectory, their words to search, kept by triggers; indexes for the safety mark.

    The caseload reads only open cases; without this list it worked out the
    phase of every young person ever registered, so an archive of closed cases
    slowed the desk down. Its search looks in one document per open young
    person (names in one column, notes and warm story in the other): a word
    in nearly every note, like 'thuis', then costs one entry per young person,
    not one per contact, and closed cases cost nothing. The tables' names start with '_' as they hold nothing
    of its own: the audit trail, erasing and exports pass it by (erasing a young person empties their row
    through the triggers). The search table keeps its text (no contentless table): deleting from a
    contentless one needs SQLite 3.43, and a Python's own sqlite3 may be older. The latest
    phase is the one the store reads everywhere (latest `since`, then highest id).
    """
    db.executescript(
        f"""
        CREATE TABLE _open_cases (youth_id INTEGER PRIMARY KEY);
        INSERT INTO _open_cases (youth_id)
        SELECT y.id FROM youths y
        WHERE COALESCE((SELECT p.phase FROM phases p WHERE p.youth_id = y.id
                        ORDER BY p.since DESC, p.id DESC LIMIT 1), 'aanmelding') != 'afgesloten';
        CREATE TRIGGER _open_cases_youth_in AFTER INSERT ON youths
        BEGIN {_open_case_sql("new.id")} END;
        CREATE TRIGGER _open_cases_youth_out AFTER DELETE ON youths
        BEGIN DELETE FROM _open_cases WHERE youth_id = old.id; END;
        CREATE TRIGGER _open_cases_phase_in AFTER INSERT ON phases
        BEGIN {_open_case_sql("new.youth_id")} END;
        CREATE TRIGGER _open_cases_phase_out AFTER DELETE ON phases
        BEGIN {_open_case_sql("old.youth_id")} END;
        CREATE TRIGGER _open_cases_phase_change AFTER UPDATE OF youth_id, phase, since ON phases
        BEGIN {_open_case_sql("old.youth_id")} {_open_case_sql("new.youth_id")} END;
        CREATE INDEX assessments_score ON assessments(youth_id, score, domain, date);
        CREATE INDEX assessments_domain ON assessments(youth_id, domain, date);
        CREATE VIRTUAL TABLE _open_texts USING fts5(
            name, text, tokenize='unicode61 remove_diacritics 2'
        );
        CREATE TRIGGER _open_texts_case_in AFTER INSERT ON _open_cases
        BEGIN {_open_text_sql("new.youth_id")} END;
        CREATE TRIGGER _open_texts_case_out AFTER DELETE ON _open_cases
        BEGIN DELETE FROM _open_texts WHERE rowid = old.youth_id; END;
        """
    )
    for name, body in OPEN_TEXT_TRIGGERS.items():
        db.execute(f"CREATE TRIGGER {name} {body}")
    db.executescript(OPEN_TEXTS_REBUILD_SQL)


# One young person's caseload facts that do not depend on the day (m017): the name as the
# caseload shows it, the latest phase, the start, the latest held contact, their planned
# contacts (how many, the first and last moment, the first moment with its mode) and open
# agreements (how many, how many with a due date, the first and last due date), the latest
# change of vaste coach, and the safety mark. Which planned contacts are late and which
# agreements overdue depends on the day they are read: the caseload works that out from these
# (and looks at the contacts or agreements themselves only when some are before today and some after).
# They are written as one view, which the triggers read for one young person (SQLite looks up
# only that row): the view's SQL is parsed once per connection, where a copy in each trigger
# doubled the time every command spends reading the schema.
CASELOAD_FACTS_COLUMNS = (
    "youth_id, name, phase, started_on, last_held, planned, planned_first, planned_last, planned_next,"
    " open_agreements, dated_agreements, due_first, due_last, coach_changed, alarm"
)
_CASELOAD_FACTS_VIEW = f"""
        CREATE VIEW _caseload_facts_now ({CASELOAD_FACTS_COLUMNS}) AS
        SELECT y.id,
            COALESCE(NULLIF(y.nickname, ''), y.first_name) || COALESCE(' ' || NULLIF(y.last_name, ''), ''),
            COALESCE((SELECT p.phase FROM phases p WHERE p.youth_id = y.id ORDER BY p.since DESC, p.id DESC LIMIT 1),
                     'aanmelding'),
            COALESCE(y.started_on, (SELECT MIN(p.since) FROM phases p WHERE p.youth_id = y.id)),
            (SELECT MAX(c.at) FROM contacts c WHERE c.youth_id = y.id AND c.status = 'plaatsgevonden'),
            (SELECT COUNT(*) FROM contacts c WHERE c.youth_id = y.id AND c.status = 'gepland'),
            (SELECT MIN(c.at) FROM contacts c WHERE c.youth_id = y.id AND c.status = 'gepland'),
            (SELECT MAX(c.at) FROM contacts c WHERE c.youth_id = y.id AND c.status = 'gepland'),
            (SELECT MIN(c.at || ' ' || c.mode) FROM contacts c WHERE c.youth_id = y.id AND c.status = 'gepland'),
            (SELECT COUNT(*) FROM agreements a WHERE a.youth_id = y.id AND a.status = 'open'),
            (SELECT COUNT(a.due) FROM agreements a WHERE a.youth_id = y.id AND a.status = 'open'),
            (SELECT MIN(a.due) FROM agreements a WHERE a.youth_id = y.id AND a.status = 'open'),
            (SELECT MAX(a.due) FROM agreements a WHERE a.youth_id = y.id AND a.status = 'open'),
            (SELECT MAX(cc.changed_on) FROM coach_changes cc WHERE cc.youth_id = y.id AND cc.from_coach IS NOT NULL),
            (
                EXISTS (SELECT 1 FROM safety_concerns s WHERE s.youth_id = y.id AND s.status = 'open')
                OR EXISTS (
                    SELECT 1 FROM assessments a
                    WHERE a.youth_id = y.id AND a.score = 1
                      AND NOT EXISTS (
                        SELECT 1 FROM assessments b
                        WHERE b.youth_id = a.youth_id AND b.domain = a.domain AND b.score IS NOT NULL
                          AND (b.date > a.date OR (b.date = a.date AND b.id > a.id))))
                OR EXISTS (
                    SELECT 1 FROM intake_domains d JOIN intakes i ON i.id = d.intake_id
                    WHERE d.youth_id = y.id AND i.completed_on IS NULL AND d.score = 1)
            )
        FROM youths y
"""


def _caseload_facts_sql(*youth_ids: str) -> str:
    """Write these young people's facts afresh: only while their case is open (in _open_cases)."""
    ids = ", ".join(youth_ids)
    return f"""
        DELETE FROM _caseload_facts WHERE youth_id IN ({ids});
        INSERT INTO _caseload_facts ({CASELOAD_FACTS_COLUMNS})
        SELECT {CASELOAD_FACTS_COLUMNS} FROM _caseload_facts_now
        WHERE youth_id IN ({ids}) AND youth_id IN (SELECT youth_id FROM _open_cases);
    """


def _facts_triggers(table: str, columns: str) -> dict[str, str]:
    """Insert, delete and update (of `columns`) on `table` write its young person's facts afresh."""
    return {
        f"_caseload_facts_{table}_in": f"AFTER INSERT ON {table} BEGIN {_caseload_facts_sql('new.youth_id')} END",
        f"_caseload_facts_{table}_out": f"AFTER DELETE ON {table} BEGIN {_caseload_facts_sql('old.youth_id')} END",
        f"_caseload_facts_{table}_change": (
            f"AFTER UPDATE OF {columns} ON {table} BEGIN {_caseload_facts_sql('old.youth_id', 'new.youth_id')} END"
        ),
    }


# The triggers that keep _caseload_facts current, by name; a bulk load sets them aside and
# writes every open young person's facts once at the end (see coach.store.bulk). Every table a
# fact is read from is here: a change anywhere else cannot change the caseload.
CASELOAD_FACT_TRIGGERS: dict[str, str] = {
    "_caseload_facts_case_in": f"AFTER INSERT ON _open_cases BEGIN {_caseload_facts_sql('new.youth_id')} END",
    "_caseload_facts_case_out": "AFTER DELETE ON _open_cases BEGIN DELETE FROM _caseload_facts WHERE youth_id = old.youth_id; END",
    "_caseload_facts_youth_change": (
        f"AFTER UPDATE OF id, first_name, last_name, nickname, started_on ON youths "
        f"BEGIN {_caseload_facts_sql('old.id', 'new.id')} END"
    ),
    "_caseload_facts_youth_out": "AFTER DELETE ON youths BEGIN DELETE FROM _caseload_facts WHERE youth_id = old.id; END",
    **_facts_triggers("phases", "youth_id, phase, since"),
    **_facts_triggers("contacts", "youth_id, at, mode, status"),
    **_facts_triggers("agreements", "youth_id, status, due"),
    **_facts_triggers("coach_changes", "youth_id, changed_on, from_coach"),
    **_facts_triggers("safety_concerns", "youth_id, status"),
    **_facts_triggers("assessments", "youth_id, domain, date, score"),
    **_facts_triggers("intake_domains", "youth_id, intake_id, score"),
    **_facts_triggers("intakes", "youth_id, completed_on"),
}

# Every open young person's facts written afresh (by m017).
CASELOAD_FACTS_REBUILD_SQL = f"""
DELETE FROM _caseload_facts;
INSERT INTO _caseload_facts ({CASELOAD_FACTS_COLUMNS})
SELECT {CASELOAD_FACTS_COLUMNS} FROM _caseload_facts_now WHERE youth_id IN (SELECT youth_id FROM _open_cases);
"""


def caseload_facts_refresh_sql(youths: str) -> str:
    """The facts of the young people `youths` (SQL giving their ids) written afresh: a bulk load's, batch by batch."""
    return f"""
DELETE FROM _caseload_facts WHERE youth_id IN ({youths});
INSERT INTO _caseload_facts ({CASELOAD_FACTS_COLUMNS})
SELECT {CASELOAD_FACTS_COLUMNS} FROM _caseload_facts_now
WHERE youth_id IN (SELECT youth_id FROM _open_cases) AND youth_id IN ({youths});
"""


def m017_caseload_facts(db: Database) -> None:
    """The caseload's facts per open young person in one table, kept by triggers: reading the desk is one SELECT.

    Worked out at every read, these facts cost one lookup in six tables per young person
    (100 ms and more for 4,600 open cases); kept as they change, a write pays a few lookups
    for one young person and the desk reads rows. Like _open_cases the table holds nothing of
    its own (its name starts with '_': no audit trail, erasing passes it by; the triggers
    empty a young person's row).
    """
    db.executescript(
        """
        CREATE TABLE _caseload_facts (
            youth_id INTEGER PRIMARY KEY,
            name TEXT,
            phase TEXT,
            started_on TEXT,
            last_held TEXT,
            planned INTEGER NOT NULL,
            planned_first TEXT,
            planned_last TEXT,
            planned_next TEXT,
            open_agreements INTEGER NOT NULL,
            dated_agreements INTEGER NOT NULL,
            due_first TEXT,
            due_last TEXT,
            coach_changed TEXT,
            alarm INTEGER
        );
        CREATE INDEX _caseload_facts_by_name ON _caseload_facts(lower(name), youth_id);
        """
    )
    db.execute(_CASELOAD_FACTS_VIEW)
    for name, body in CASELOAD_FACT_TRIGGERS.items():
        db.execute(f"CREATE TRIGGER {name} {body}")
    db.executescript(CASELOAD_FACTS_REBUILD_SQL)


_ROWID_ALIAS = re.compile(r"(\[?\bid\b\]?\s+INTEGER\s+PRIMARY\s+KEY)(?!\s+AUTOINCREMENT)", re.IGNORECASE)
AUDIT_ACTIONS_BEFORE = "CHECK (action IN ('insert', 'update', 'delete', 'erase'))"
AUDIT_ACTIONS = "CHECK (action IN ('insert', 'update', 'delete', 'erase', 'read', 'backup', 'restore', 'passphrase'))"


def m010_ids_never_reused_and_reads_audited(db: Database) -> None:
    """Ids are never handed out twice (AUTOINCREMENT), and the audit trail can record reads and by whom.

    Without AUTOINCREMENT SQLite gives a new row the highest id plus one, so
    after an erase the next young person got the erased one's id, and the audit
    trail mixed two people under one number. Rebuilding tables that others point
    at (ON DELETE CASCADE) inside a transaction with foreign keys on would
    delete every child row, so the tables are changed in place instead: the
    word AUTOINCREMENT is added to their stored definition (SQLite's documented
    way to change a table's definition without copying it, the same as
    widening a CHECK), and sqlite_sequence starts each table at the highest id
    it ever gave, as far as the table and the audit trail know.
    """
    db.execute("ALTER TABLE audit ADD COLUMN who TEXT")
    rows = db.execute("SELECT name, sql FROM sqlite_master WHERE type = 'table'").fetchall()
    # A full-text index's own tables (youths_fts_data …) are SQLite's business: left as they are.
    virtual = tuple(name + "_" for name, sql in rows if (sql or "").upper().startswith("CREATE VIRTUAL"))
    tables = [
        (name, sql)
        for name, sql in rows
        if not name.startswith(("sqlite_", "_", *virtual))
        and not sql.upper().startswith("CREATE VIRTUAL")
        and _ROWID_ALIAS.search(sql)
    ]
    if "sqlite_sequence" not in db.table_names():
        # SQLite makes sqlite_sequence with the first AUTOINCREMENT table; this one is only the midwife.
        db.execute("CREATE TABLE _coach_sequence_start (id INTEGER PRIMARY KEY AUTOINCREMENT)")
        db.execute("DROP TABLE _coach_sequence_start")
    version = db.execute("PRAGMA schema_version").fetchone()[0]
    db.execute("PRAGMA writable_schema = ON")
    try:
        for name, sql in tables:
            new_sql = _ROWID_ALIAS.sub(r"\1 AUTOINCREMENT", sql, count=1)
            if name == "audit":
                new_sql = new_sql.replace(AUDIT_ACTIONS_BEFORE, AUDIT_ACTIONS)
            db.execute("UPDATE sqlite_master SET sql = ? WHERE type = 'table' AND name = ?", [new_sql, name])
        db.execute(f"PRAGMA schema_version = {int(version) + 1}")
    finally:
        db.execute("PRAGMA writable_schema = OFF")
    for name, _sql in tables:
        highest = db.execute(
            f"SELECT max(coalesce((SELECT max(id) FROM [{name}]), 0), "
            "coalesce((SELECT max(row_id) FROM audit WHERE table_name = ?), 0))",
            [name],
        ).fetchone()[0]
        db.execute("DELETE FROM sqlite_sequence WHERE name = ?", [name])
        db.execute("INSERT INTO sqlite_sequence (name, seq) VALUES (?, ?)", [name, highest])


STEPS = (
    m001_initial,
    m002_revisions,
    m003_search,
    m004_intake,
    m005_contact_details,
    m006_audit,
    m007_trajectory,
    m008_name_order,
    m009_case_in_app,
    m010_ids_never_reused_and_reads_audited,
    m011_intervision_notes,
    m012_safety,
    m013_handover,
    m014_self_assessment,
    m015_open_cases,
    m016_period_questions,
    m017_caseload_facts,
)
if len(STEPS) != SCHEMA_VERSION:
    raise RuntimeError(f"coach.store.schema_version says {SCHEMA_VERSION}, but there are {len(STEPS)} migrations")


@cache
def coach_migrations() -> Migrations:
    """The steps as sqlite-utils' migration set "coach" (each step is recorded under its function's name)."""
    from coach.store.sqlite_import import import_sqlite_utils

    import_sqlite_utils()
    from sqlite_utils.migrations import Migrations

    migrations = Migrations("coach")
    for step in STEPS:
        migrations(name=step.__name__)(step)
    return migrations
