"""Safety concerns, their meldcode steps and dismissed signals, and what is acute for a young person now.

Every table here has a youth_id, so the audit trail's triggers and erase
(coach/store/erase.py) take these rows like every other part of a file.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import TYPE_CHECKING, Any

from coach.domain.safety import (
    STEP_COUNT,
    Concern,
    ConcernStatus,
    Decision,
    SafetySource,
    SafetyState,
    StepRecord,
)
from coach.store.rows import new_id

if TYPE_CHECKING:
    from sqlite_utils import Database

    from coach.store.db import Connection


class SafetyError(ValueError):
    """A safety record that cannot be stored; the message is Dutch and says what to do."""


# A domain is acute when its newest score is 1: in the assessments, or in an intake still running
# (its scores are not in the assessments until the intake is finished, and must not wait for that).
ACUTE_DOMAINS_SQL = """
SELECT a.domain FROM assessments a
WHERE a.youth_id = :youth AND a.score = 1
  AND NOT EXISTS (
    SELECT 1 FROM assessments b
    WHERE b.youth_id = a.youth_id AND b.domain = a.domain AND b.score IS NOT NULL
      AND (b.date > a.date OR (b.date = a.date AND b.id > a.id)))
UNION
SELECT d.domain FROM intake_domains d JOIN intakes i ON i.id = d.intake_id
WHERE d.youth_id = :youth AND i.completed_on IS NULL AND d.score = 1
"""

# The same, as one yes/no per young person for the caseload query (y is the youths row).
ALARM_SQL = """(
    EXISTS (SELECT 1 FROM safety_concerns s WHERE s.youth_id = y.id AND s.status = 'open')
    OR EXISTS (
        SELECT 1 FROM assessments a
        WHERE a.youth_id = y.id AND a.score = 1
          AND NOT EXISTS (
            SELECT 1 FROM assessments b
            WHERE b.youth_id = a.youth_id AND b.domain = a.domain AND b.score IS NOT NULL
              AND (b.date > a.date OR (b.date = a.date AND b.id > a.id))))
    OR EXISTS (
        SELECT 1 FROM intake_domains d JOIN intakes i ON i.id = d.intake_id
        WHERE d.youth_id = y.id AND i.completed_on IS NULL AND d.score = 1)
)"""


def _day(value: Any) -> date | None:
    return date.fromisoformat(value) if value else None


def _steps(db: Database | Connection, concern_ids: Iterable[int]) -> dict[int, list[StepRecord]]:
    ids = list(concern_ids)
    found: dict[int, list[StepRecord]] = {concern_id: [] for concern_id in ids}
    if not ids:
        return found
    marks = ",".join("?" * len(ids))
    rows = db.execute(
        "SELECT concern_id, step, done_on, who, note, facts, interpretation FROM safety_steps "
        f"WHERE concern_id IN ({marks}) ORDER BY step",
        ids,
    ).fetchall()
    for concern_id, step, done_on, who, note, facts, interpretation in rows:
        found[concern_id].append(StepRecord(step, date.fromisoformat(done_on), who, note, facts, interpretation))
    return found


_CONCERN_COLUMNS = "id, youth_id, kind, label, opened_on, source, heard, status, closed_on, decision, decision_note"


def _concerns(db: Database | Connection, where: str, params: list[Any]) -> list[Concern]:
    rows = db.execute(
        f"SELECT {_CONCERN_COLUMNS} FROM safety_concerns WHERE {where} ORDER BY opened_on, id", params
    ).fetchall()
    steps = _steps(db, (row[0] for row in rows))
    return [
        Concern(
            id=row[0],
            youth_id=row[1],
            kind=row[2],
            label=row[3],
            opened_on=date.fromisoformat(row[4]),
            source=row[5],
            heard=row[6],
            status=row[7],
            steps=tuple(steps[row[0]]),
            closed_on=_day(row[8]),
            decision=row[9],
            decision_note=row[10],
        )
        for row in rows
    ]


def concerns_of(db: Database | Connection, youth_id: int, *, open_only: bool = False) -> list[Concern]:
    """The young person's concerns, oldest first (only the open ones when asked)."""
    where = "youth_id = ?" + (" AND status = 'open'" if open_only else "")
    return _concerns(db, where, [youth_id])


def concern(db: Database | Connection, concern_id: int) -> Concern | None:
    """One concern with its steps, or None when it is gone."""
    found = _concerns(db, "id = ?", [concern_id])
    return found[0] if found else None


def open_safety_labels(db: Database | Connection, youth_id: int) -> list[str]:
    """The labels of the open concerns, oldest first, each once (for the case as the reports see it)."""
    rows = db.execute(
        "SELECT label FROM safety_concerns WHERE youth_id = ? AND status = 'open' ORDER BY opened_on, id", [youth_id]
    ).fetchall()
    return list(dict.fromkeys(row[0] for row in rows))


def acute_domains(db: Database | Connection, youth_id: int) -> list[str]:
    """The domains whose newest score is 1, a running intake's scores included."""
    return sorted(row[0] for row in db.execute(ACUTE_DOMAINS_SQL, {"youth": youth_id}).fetchall())


def safety_state(db: Database | Connection, youth_id: int) -> SafetyState:
    """Open concerns and acute domains: what the top of the young person's screen shows."""
    return SafetyState(tuple(concerns_of(db, youth_id, open_only=True)), tuple(acute_domains(db, youth_id)))


def open_concern(db: Database, youth_id: int, kind: str, label: str, source: str, on: date, heard: str = "") -> int:
    """Open a concern (from a prompt or by hand); its id."""
    if not SafetySource.has(source):
        raise SafetyError(f"Onbekende bron '{source}'.")
    if not kind.strip():
        raise SafetyError("Kies wat voor zorg het is.")
    with db.atomic():
        cursor = db.execute(
            "INSERT INTO safety_concerns (youth_id, kind, label, opened_on, source, heard) VALUES (?, ?, ?, ?, ?, ?)",
            [youth_id, kind, label, on.isoformat(), source, heard.strip()[:200]],
        )
    return new_id(cursor)


def save_step(db: Database, concern_id: int, record: StepRecord) -> None:
    """Keep (or correct) what was done in one step of an open concern."""
    if not 1 <= record.step <= STEP_COUNT:
        raise SafetyError(f"Een stap is 1 tot en met {STEP_COUNT}.")
    if record.step == 1 and not (record.facts.strip() or record.note.strip()):
        raise SafetyError("Schrijf bij stap 1 op wat je zag of hoorde (de feiten).")
    with db.atomic():
        row = db.execute("SELECT youth_id, status FROM safety_concerns WHERE id = ?", [concern_id]).fetchone()
        if row is None:
            raise SafetyError("Deze zorg staat niet (meer) in de database.")
        if row[1] != ConcernStatus.OPEN:
            raise SafetyError("Deze zorg is al afgesloten.")
        values = [
            record.done_on.isoformat(),
            record.who.strip(),
            record.note.strip(),
            record.facts.strip(),
            record.interpretation.strip(),
        ]
        updated = db.execute(
            "UPDATE safety_steps SET done_on = ?, who = ?, note = ?, facts = ?, interpretation = ? "
            "WHERE concern_id = ? AND step = ?",
            [*values, concern_id, record.step],
        )
        if updated.rowcount == 0:
            db.execute(
                "INSERT INTO safety_steps (concern_id, youth_id, step, done_on, who, note, facts, interpretation) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                [concern_id, row[0], record.step, *values],
            )


def close_concern(db: Database, concern_id: int, decision: str, on: date, note: str = "") -> None:
    """Close a concern with the decision taken (help, a melding, both, or no concern after weighing)."""
    if not Decision.has(decision):
        raise SafetyError(f"Kies een besluit: {', '.join(Decision)}.")
    if decision != Decision.GEEN_ZORG and not note.strip():
        raise SafetyError("Schrijf kort op wat er besloten is en waarom.")
    with db.atomic():
        cursor = db.execute(
            "UPDATE safety_concerns SET status = 'gesloten', closed_on = ?, decision = ?, decision_note = ? "
            "WHERE id = ? AND status = 'open'",
            [on.isoformat(), decision, note.strip(), concern_id],
        )
        if cursor.rowcount == 0:
            raise SafetyError("Deze zorg is al afgesloten of staat niet meer in de database.")


def dismiss_signal(db: Database, youth_id: int, kind: str, heard: str, source: str, on: date) -> int:
    """Record that the coach judged a safety signal no concern ("Geen zorg, sluit")."""
    with db.atomic():
        cursor = db.execute(
            "INSERT INTO safety_dismissals (youth_id, kind, heard, source, dismissed_on) VALUES (?, ?, ?, ?, ?)",
            [youth_id, kind, heard.strip()[:200], source, on.isoformat()],
        )
    return new_id(cursor)


def dismissals_of(db: Database | Connection, youth_id: int) -> list[dict[str, Any]]:
    """Dismissed signals, oldest first: kind, words heard, where and when."""
    rows = db.execute(
        "SELECT kind, heard, source, dismissed_on FROM safety_dismissals WHERE youth_id = ? ORDER BY id", [youth_id]
    ).fetchall()
    return [{"kind": k, "heard": h, "source": s, "dismissed_on": d} for k, h, s, d in rows]
