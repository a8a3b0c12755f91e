"""A digest of everything in a database, to prove that something wrote nothing."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any


def digest(db: Any) -> str:
    """One hash over every row of every table (and the schema), in a stable order."""
    found = hashlib.sha256()
    tables = [
        row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").fetchall()
    ]
    for table in tables:
        found.update(table.encode())
        rows = db.execute(f'SELECT * FROM "{table}"').fetchall()
        for row in sorted(repr(tuple(row)) for row in rows):
            found.update(row.encode())
    for (sql,) in db.execute("SELECT coalesce(sql, '') FROM sqlite_master ORDER BY name").fetchall():
        found.update(sql.encode())
    return found.hexdigest()


def digest_of_file(path: Path, passphrase: str | None = None) -> str:
    """The digest of a database file, opened and closed again."""
    from coach.store.db import open_db

    db = open_db(path, passphrase=passphrase)
    try:
        return digest(db)
    finally:
        db.close()
