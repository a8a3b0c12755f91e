"""Erasing a young person for good (the AVG's right to be forgotten).

Everything about them goes: their rows in every table that has a youth_id,
the history of their texts, their entries in the audit trail; the full-text
indexes are rebuilt so no word of theirs stays findable, and the file is
vacuumed so the freed pages (and the write-ahead log) no longer hold it.
One line stays in the audit trail: that a file was erased, and when.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from coach.store.db import DatabaseError, StoreError, explain

if TYPE_CHECKING:
    from sqlite_utils import Database


@dataclass(frozen=True)
class ErasePreview:
    """Who would be erased and how many rows of each kind go with them."""

    youth_id: int
    name: str
    counts: dict[str, int]


def _youth_tables(db: Database) -> list[str]:
    """Tables holding rows that belong to a young person (by a youth_id column)."""
    tables = []
    for name in db.table_names():
        if name in ("youths", "audit", "audit_permit") or name.startswith(("sqlite_", "_")):
            continue
        if "youth_id" in db[name].columns_dict:
            tables.append(name)
    return tables


def erase_preview(db: Database, youth_id: int) -> ErasePreview | None:
    """What erasing this young person would remove, or None when there is no such young person."""
    row = db.execute(
        "SELECT COALESCE(NULLIF(nickname, ''), first_name) || COALESCE(' ' || NULLIF(last_name, ''), '') FROM youths WHERE id = ?",
        [youth_id],
    ).fetchone()
    if row is None:
        return None
    counts = {}
    for table in _youth_tables(db):
        count = db.execute(f"SELECT count(*) FROM [{table}] WHERE youth_id = ?", [youth_id]).fetchone()[0]
        if count:
            counts[table] = count
    return ErasePreview(youth_id, row[0], counts)


def erase_youth(db: Database, youth_id: int) -> bool:
    """Remove this young person and everything about them, then reclaim the space.

    Returns False (and changes nothing) when there is no such young person.
    The caller holds the instance lock, so no other window reads stale pages.
    """
    if db.execute("SELECT 1 FROM youths WHERE id = ?", [youth_id]).fetchone() is None:
        return False
    try:
        # Freed pages are overwritten with zeros, not just marked free.
        db.execute("PRAGMA secure_delete = ON")
        with db.atomic():
            db.execute("INSERT INTO audit_permit (youth_id) VALUES (?)", [youth_id])
            for table in _youth_tables(db):
                db.execute(f"DELETE FROM [{table}] WHERE youth_id = ?", [youth_id])
            db.execute("DELETE FROM youths WHERE id = ?", [youth_id])
            db.execute("DELETE FROM audit WHERE youth_id = ?", [youth_id])
            db.execute("DELETE FROM audit_permit WHERE youth_id = ?", [youth_id])
            db.execute("INSERT INTO audit (table_name, row_id, action) VALUES ('youths', ?, 'erase')", [youth_id])
            _rebuild_search_indexes(db)
        db.execute("VACUUM")
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    except DatabaseError + (StoreError,) as error:
        raise explain(error) from error
    return True


def _rebuild_search_indexes(db: Database) -> None:
    # A deleted row leaves its words in older index segments until they are
    # merged; rebuilding writes the index afresh from what is left.
    virtual = db.execute(
        "SELECT name, sql FROM sqlite_master WHERE type = 'table' AND sql LIKE 'CREATE VIRTUAL TABLE%'"
    ).fetchall()
    for name, sql in virtual:
        lowered = sql.lower()
        if "fts5" not in lowered:
            continue
        command = (
            "rebuild"
            if "content=" in lowered.replace(" ", "") and "content=''" not in lowered.replace(" ", "")
            else "optimize"
        )
        db.execute(f"INSERT INTO [{name}] ([{name}]) VALUES ('{command}')")
