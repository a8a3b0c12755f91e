"""Saving text while it is typed, keeping one earlier version per sitting in `revisions`.

The revision triggers store the old text on every update. Autosave writes
every second, so without care one sitting would leave a revision for each
half-typed sentence. An EditSession remembers where the sitting began and,
after each save, drops the revisions made since then except the text as it
was before the sitting (if there was one): history per sitting, not per key.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sqlite_utils import Database


# Tables and fields that autosave writes; the names are interpolated into SQL, so only these.
AUTOSAVED: dict[str, tuple[str, ...]] = {
    "intake_domains": ("notes", "going_well", "concerns", "wish"),
    "warm_story": ("text",),
    "assessments": ("going_well", "concerns", "wish"),
    "contacts": ("note",),
}


@dataclass
class EditSession:
    """One sitting of typing: the last revision before it, and which texts existed then."""

    mark: int
    had_text: dict[tuple[str, int, str], bool] = field(default_factory=dict)


def start_session(db: Database) -> EditSession:
    """Begin a sitting (call when a screen with autosaved fields opens)."""
    row = db.execute("SELECT coalesce(max(id), 0) FROM revisions").fetchone()
    return EditSession(row[0])


def update_text(db: Database, session: EditSession, table: str, row_id: int, name: str, value: Any) -> None:
    """Set one autosaved field (inside the caller's transaction) and squash this sitting's revisions."""
    if name not in AUTOSAVED.get(table, ()):
        raise ValueError(f"{table}.{name} is not an autosaved field")
    row = db.execute(f"SELECT {name} FROM {table} WHERE id = ?", [row_id]).fetchone()
    if row is None:
        return
    key = (table, row_id, name)
    if key not in session.had_text:
        session.had_text[key] = bool(row[0] and str(row[0]).strip())
    if row[0] == value:
        return
    db.execute(f"UPDATE {table} SET {name} = ? WHERE id = ?", [value, row_id])
    ids = [
        found[0]
        for found in db.execute(
            "SELECT id FROM revisions WHERE table_name = ? AND row_id = ? AND field = ? AND id > ? ORDER BY id",
            [table, row_id, name, session.mark],
        ).fetchall()
    ]
    drop = ids[1:] if session.had_text[key] else ids
    if drop:
        db.execute(f"DELETE FROM revisions WHERE id IN ({', '.join('?' * len(drop))})", drop)


def revisions_of(db: Database, table: str, row_id: int, name: str) -> list[str]:
    """Earlier texts of one field, oldest first."""
    return [
        row[0]
        for row in db.execute(
            "SELECT text FROM revisions WHERE table_name = ? AND row_id = ? AND field = ? ORDER BY id",
            [table, row_id, name],
        ).fetchall()
    ]
