"""Closed cases kept past the retention period (the AVG: no longer than needed)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from coach.domain.vocabulary import Phase

if TYPE_CHECKING:
    from sqlite_utils import Database


CLOSED_SQL = """
SELECT y.id,
       COALESCE(NULLIF(y.nickname, ''), y.first_name) || COALESCE(' ' || NULLIF(y.last_name, ''), '') AS name,
       p.since AS closed_on
FROM youths y
JOIN phases p ON p.id = (
    SELECT id FROM phases WHERE youth_id = y.id ORDER BY since DESC, id DESC LIMIT 1
)
WHERE p.phase = :closed AND p.since < :cutoff
ORDER BY p.since, y.id
"""


@dataclass(frozen=True)
class ClosedCase:
    """A young person whose trajectory was closed on `closed_on`."""

    id: int
    name: str
    closed_on: date


def closed_before(db: Database, cutoff: date) -> list[ClosedCase]:
    """Cases whose latest phase is 'afgesloten' since before `cutoff`, longest closed first."""
    return [
        ClosedCase(row["id"], row["name"], date.fromisoformat(row["closed_on"]))
        for row in db.query(CLOSED_SQL, {"cutoff": cutoff.isoformat(), "closed": Phase.AFGESLOTEN})
    ]
