"""The audit trail: which row of which table changed, how and when — never what it said.

Triggers write it, so no code path can forget. Tables added by later
migrations get their triggers on the next open (`install_audit_triggers`),
and a table whose columns changed gets fresh ones. The trail is append-only:
triggers refuse UPDATE and DELETE, except for the rows of a young person
being erased (see coach/store/erase.py).
"""

from __future__ import annotations

import getpass
import hashlib
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from coach.store.rows import first_int

if TYPE_CHECKING:
    from sqlite_utils import Database


AUDIT_TABLES_SQL = """
CREATE TABLE audit (
    id INTEGER PRIMARY KEY,
    at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%S', 'now', 'localtime')),
    table_name TEXT NOT NULL,
    row_id INTEGER,
    action TEXT NOT NULL CHECK (action IN ('insert', 'update', 'delete', 'erase')),
    fields TEXT,
    youth_id INTEGER
);
CREATE INDEX audit_youth ON audit(youth_id, id);
CREATE TABLE audit_permit (
    youth_id INTEGER PRIMARY KEY
);
CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit
BEGIN
    SELECT RAISE(ABORT, 'het logboek kan niet worden gewijzigd');
END;
CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit
WHEN old.youth_id IS NULL OR old.youth_id NOT IN (SELECT youth_id FROM audit_permit)
BEGIN
    SELECT RAISE(ABORT, 'het logboek kan niet worden gewist');
END;
"""

# Not audited: the trail itself, the history of texts (its own record of
# changes), drafts (a copy of typing in progress; the saved record is
# audited), and SQLite's and sqlite-utils' bookkeeping.
# Handling the database as a whole, recorded by `record_access` under its own action.
WHOLE_DATABASE = frozenset({"backup", "restore", "passphrase"})

_SKIPPED = {"audit", "audit_permit", "revisions"}
_PREFIX = "audit_"


@dataclass(frozen=True)
class AuditEntry:
    """One recorded change: when, which table and row, what kind of change, which fields."""

    at: datetime
    table: str
    row_id: int | None
    action: str
    fields: tuple[str, ...]


def _audited_tables(db: Database) -> list[tuple[str, str]]:
    rows = db.execute("SELECT name, sql FROM sqlite_master WHERE type = 'table'").fetchall()
    virtual = [name for name, sql in rows if (sql or "").upper().startswith("CREATE VIRTUAL TABLE")]
    tables = []
    for name, sql in rows:
        if name in _SKIPPED or name.startswith(("sqlite_", "_")) or name.endswith("_drafts"):
            continue
        if name in virtual or any(name.startswith(v + "_") for v in virtual):
            continue
        tables.append((name, sql or ""))
    return tables


def _youth_expr(db: Database, table: str, columns: list[str], row: str) -> str:
    if table == "youths":
        return f"{row}.id"
    if "youth_id" in columns:
        return f"{row}.youth_id"
    # A child of a row that belongs to a young person (a taper step of a plan).
    for fk in db.table(table).foreign_keys:
        if fk.other_table != "youths" and "youth_id" in db.table(fk.other_table).columns_dict:
            return f"(SELECT youth_id FROM [{fk.other_table}] WHERE [{fk.other_column}] = {row}.[{fk.column}])"
    return "NULL"


def _trigger_sql(db: Database, table: str, create_sql: str) -> dict[str, str]:
    columns = list(db[table].columns_dict)
    rowid = "NULL" if "WITHOUT ROWID" in create_sql.upper() else "{row}.rowid"
    digest = hashlib.sha1(",".join(columns).encode()).hexdigest()[:8]
    changed = " || ".join(f"(CASE WHEN old.[{c}] IS NOT new.[{c}] THEN ' {c}' ELSE '' END)" for c in columns)
    statements = {}
    for action, event, row in (("insert", "INSERT", "new"), ("update", "UPDATE", "new"), ("delete", "DELETE", "old")):
        name = f"{_PREFIX}{table}_{action}_{digest}"
        fields = f"ltrim({changed})" if action == "update" else "NULL"
        when = f"WHEN {changed} != ''" if action == "update" else ""
        statements[name] = f"""
            CREATE TRIGGER [{name}] AFTER {event} ON [{table}] {when}
            BEGIN
                INSERT INTO audit (table_name, row_id, action, fields, youth_id)
                VALUES ('{table}', {rowid.format(row=row)}, '{action}', {fields}, {_youth_expr(db, table, columns, row)});
            END
            """
    return statements


def install_audit_triggers(db: Database) -> None:
    """Make sure every audited table has its three triggers, matching its current columns."""
    if "audit" not in db.table_names():
        return
    existing = {
        name: table
        for name, table in db.execute(
            "SELECT name, tbl_name FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'audit\\_%' ESCAPE '\\'"
        ).fetchall()
    }
    wanted: dict[str, str] = {}
    for table, create_sql in _audited_tables(db):
        for name, sql in _trigger_sql(db, table, create_sql).items():
            wanted[name] = sql
    stale = [name for name in existing if name not in wanted and name not in ("audit_no_update", "audit_no_delete")]
    missing = [name for name in wanted if name not in existing]
    if not stale and not missing:
        return
    with db.atomic():
        for name in stale:
            db.execute(f"DROP TRIGGER [{name}]")
        for name in missing:
            db.execute(wanted[name])


def audit_for_youth(db: Database, youth_id: int, limit: int = 500) -> list[AuditEntry]:
    """The newest changes to this young person's file, newest first."""
    rows = db.execute(
        # Changes only: reads are listed by `access_for_youth`.
        "SELECT at, table_name, row_id, action, fields FROM audit WHERE youth_id = ? AND action != 'read' "
        "ORDER BY id DESC LIMIT ?",
        [youth_id, limit],
    ).fetchall()
    return [
        AuditEntry(datetime.fromisoformat(at), table, row_id, action, tuple((fields or "").split()))
        for at, table, row_id, action, fields in rows
    ]


def current_user() -> str:
    """Who is at the keyboard: the operating-system user name (or 'onbekend' when the system cannot say)."""
    try:
        return getpass.getuser()
    except (KeyError, OSError, ImportError):  # no user name in the environment or the password database
        return "onbekend"


def record_access(db: Database, what: str, youth_id: int | None = None) -> None:
    """Record that a case (youth_id) or the whole database was read or handled: who, when and how, never what it says.

    `what` is how it was reached: 'app', 'show', 'export', 'summary' for reading a
    case; 'backup', 'restore' or 'passphrase' for the database as a whole.
    """
    action = what if what in WHOLE_DATABASE else "read"
    table = "youths" if youth_id is not None else "database"
    with db.atomic():
        db.execute(
            "INSERT INTO audit (table_name, row_id, action, fields, youth_id, who) VALUES (?, ?, ?, ?, ?, ?)",
            [table, youth_id, action, what, youth_id, current_user()],
        )


def access_for_youth(db: Database, youth_id: int) -> list[tuple[datetime, str, str]]:
    """When, by whom and how this young person's case was read, newest first."""
    rows = db.execute(
        "SELECT at, who, fields FROM audit WHERE youth_id = ? AND action = 'read' ORDER BY id DESC", [youth_id]
    ).fetchall()
    return [(datetime.fromisoformat(at), who or "", how or "") for at, who, how in rows]


def audit_count(db: Database) -> int:
    """How many changes the trail holds in all."""
    return first_int(db.execute("SELECT count(*) FROM audit").fetchone())
