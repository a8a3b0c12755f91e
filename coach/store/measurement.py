"""A follow-up measurement: the 13 domains scored again on one day, stored as assessments."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from coach.domain.domains import DOMAIN_KEYS, SCORES
from coach.domain.trajectory import TrajectoryError

if TYPE_CHECKING:
    from sqlite_utils import Database


@dataclass(frozen=True)
class DomainScore:
    """One domain in a measurement: the coach's score and, if asked, the young person's own."""

    score: int | None
    youth_score: int | None = None


def save_measurement(db: Database, youth_id: int, on: date, today: date, scores: dict[str, DomainScore]) -> int:
    """Store the scored domains as assessments dated `on`, in one transaction; returns how many.

    A domain already assessed that day gets its scores replaced (the texts
    written at the intake stay); a domain without a score is left out.
    """
    if on > today:
        raise TrajectoryError("De meting ligt in de toekomst. Kies vandaag of een dag ervoor.")
    for key, value in scores.items():
        if key not in DOMAIN_KEYS:
            raise TrajectoryError(f"Onbekend leefgebied: {key}.")
        for score in (value.score, value.youth_score):
            if score is not None and score not in SCORES:
                raise TrajectoryError(f"{score} is geen score; een score is 1 tot en met 5.")
    scored = {key: value for key, value in scores.items() if value.score is not None}
    if not scored:
        raise TrajectoryError("Er is nog niets gescoord. Geef minstens één leefgebied een score van 1 tot en met 5.")
    if not db.execute("SELECT 1 FROM youths WHERE id = ?", [youth_id]).fetchone():
        raise TrajectoryError(f"Er is geen jongere met nummer {youth_id}.")
    with db.atomic():
        for key, value in scored.items():
            found = db.execute(
                "SELECT id FROM assessments WHERE youth_id = ? AND date = ? AND domain = ? ORDER BY id DESC LIMIT 1",
                [youth_id, on.isoformat(), key],
            ).fetchone()
            if found:
                db.execute(
                    "UPDATE assessments SET score = ?, youth_score = ? WHERE id = ?",
                    [value.score, value.youth_score, found[0]],
                )
            else:
                db.execute(
                    "INSERT INTO assessments (youth_id, date, domain, score, youth_score) VALUES (?, ?, ?, ?, ?)",
                    [youth_id, on.isoformat(), key, value.score, value.youth_score],
                )
    return len(scored)
