"""Opening the database: the one place a connection is made."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from sqlite_utils import Database

from coach.store.migrations import migrations


class StoreError(Exception):
    """The database cannot be used; the message is Dutch and says what to do."""


def open_db(path: Path | str | None = None, *, memory: bool = False) -> Database:
    """Open (creating if needed) the coach database and bring its schema up to date.

    Every connection in coach is made here, so encryption and test databases
    have a single place to plug in.
    """
    try:
        if memory or path is None:
            db = Database(memory=True)
        else:
            path = Path(path)
            path.parent.mkdir(parents=True, exist_ok=True)
            db = Database(path)
        db.execute("PRAGMA foreign_keys = ON")
        db.execute("PRAGMA busy_timeout = 5000")
        if not memory and path is not None:
            db.execute("PRAGMA journal_mode = WAL")
            db.execute("PRAGMA synchronous = NORMAL")
        migrations.apply(db)
    except sqlite3.DatabaseError as error:
        raise StoreError(_explain(error, path)) from error
    except OSError as error:
        raise StoreError(f"Kan de database niet openen op {path}: {error.strerror}. Kies een andere plek met --db.") from error
    return db


def _explain(error: sqlite3.DatabaseError, path: Path | str | None) -> str:
    text = str(error).lower()
    if "not a database" in text or "malformed" in text:
        return f"{path} is geen (gave) coach-database. Kies een ander bestand met --db, of zet een back-up terug."
    if "locked" in text or "busy" in text:
        return f"De database {path} is in gebruik door een ander programma. Sluit dat eerst en probeer het opnieuw."
    if "readonly" in text or "read-only" in text:
        return f"De database {path} is alleen-lezen. Controleer de rechten van het bestand of kies een andere plek met --db."
    return f"De database {path} kan niet worden gebruikt ({error}). Kies een ander bestand met --db."
