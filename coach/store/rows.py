"""Small typed helpers for reading what the driver hands back."""

from __future__ import annotations

from typing import Any, Protocol


class _Inserted(Protocol):
    @property
    def lastrowid(self) -> int | None: ...


def new_id(cursor: _Inserted) -> int:
    """The id of the row an INSERT just made through `cursor`."""
    row_id = cursor.lastrowid
    if row_id is None:
        # sqlite sets lastrowid on every INSERT; None means the statement was no INSERT.
        raise TypeError("new_id() needs the cursor of an INSERT")
    return row_id


def first_int(row: Any) -> int:
    """The first column of a fetched row as an int (a count, an id)."""
    return int(row[0])
