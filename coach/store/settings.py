"""Small key/value facts about the database itself (such as: this is a demo)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sqlite_utils import Database

    from coach.store.db import Connection


def get_setting(db: Database | Connection, key: str) -> str | None:
    """The stored value for key, or None (a plain connection will do: this only reads)."""
    row = db.execute("SELECT value FROM settings WHERE key = ?", [key]).fetchone()
    return str(row[0]) if row else None


def set_setting(db: Database, key: str, value: str | None) -> None:
    """Store (or with None, remove) a value."""
    with db.atomic():
        if value is None:
            db.execute("DELETE FROM settings WHERE key = ?", [key])
        else:
            db.execute(
                "INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                [key, value],
            )


DEMO_KEY = "demo"


def is_demo(db: Database | Connection) -> bool:
    """True when this database is a demo (marked inside it when it was built)."""
    return get_setting(db, DEMO_KEY) is not None
