"""Small helpers the case modules share for writing rows."""

from __future__ import annotations

from typing import Any


def new_id(cursor: Any) -> int:
    """The id of the row an INSERT just wrote (sqlite's lastrowid, never None after an INSERT)."""
    row_id = cursor.lastrowid
    if row_id is None:  # pragma: no cover - only after a statement that inserted nothing
        raise RuntimeError("no row was inserted")
    return int(row_id)
