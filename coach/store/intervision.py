"""The coach's question for intervision, kept with the young person."""

from __future__ import annotations

from typing import TYPE_CHECKING

from coach.store import StoreError

if TYPE_CHECKING:
    from sqlite_utils import Database


def save_intervision_question(db: Database, youth_id: int, question: str) -> None:
    """Store the question (an empty one clears it); StoreError when the young person is gone."""
    value = question.strip() or None
    with db.atomic():
        cursor = db.execute("UPDATE youths SET intervision_question = ? WHERE id = ?", [value, youth_id])
        if cursor.rowcount == 0:
            raise StoreError("Deze jongere staat niet (meer) in de database; de vraag is niet bewaard.")


def intervision_question(db: Database, youth_id: int) -> str | None:
    """The stored question, or None."""
    row = db.execute("SELECT intervision_question FROM youths WHERE id = ?", [youth_id]).fetchone()
    return row[0] if row else None
