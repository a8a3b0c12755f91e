"""The caseload query: every young person in an open trajectory with their contact facts."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from sqlite_utils import Database

from coach.domain.caseload import CaseloadEntry, make_entry
from coach.domain.continuity import ContinuityRules

# One pass over youths; each correlated subquery is an index lookup on
# (youth_id, status, at) or (youth_id, since), so the cost grows with the
# number of young people, not with the number of contacts.
CASELOAD_SQL = """
SELECT
    y.id,
    COALESCE(NULLIF(y.nickname, ''), y.first_name) || COALESCE(' ' || NULLIF(y.last_name, ''), '') AS name,
    COALESCE((SELECT p.phase FROM phases p WHERE p.youth_id = y.id ORDER BY p.since DESC, p.id DESC LIMIT 1),
             'aanmelding') AS phase,
    COALESCE(y.started_on, (SELECT MIN(p.since) FROM phases p WHERE p.youth_id = y.id)) AS started_on,
    (SELECT MAX(c.at) FROM contacts c
      WHERE c.youth_id = y.id AND c.status = 'plaatsgevonden' AND c.at < :tomorrow) AS last_held,
    (SELECT MIN(c.at) FROM contacts c
      WHERE c.youth_id = y.id AND c.status = 'gepland' AND c.at >= :today) AS next_planned,
    (SELECT COUNT(*) FROM agreements a WHERE a.youth_id = y.id AND a.status = 'open') AS open_agreements,
    (SELECT COUNT(*) FROM agreements a
      WHERE a.youth_id = y.id AND a.status = 'open' AND a.due < :today) AS overdue_agreements
FROM youths y
"""


def caseload(db: Database, today: date, rules: ContinuityRules = ContinuityRules()) -> list[CaseloadEntry]:
    """Young people in an open trajectory (not afgesloten), ordered by name."""
    entries = [entry for entry in _entries(db, today, rules, CASELOAD_SQL, {}) if entry.phase != "afgesloten"]
    entries.sort(key=lambda entry: (entry.name.casefold(), entry.id))
    return entries


def caseload_entry(db: Database, youth_id: int, today: date, rules: ContinuityRules = ContinuityRules()) -> CaseloadEntry | None:
    """The caseload facts of one young person, whatever their phase."""
    found = _entries(db, today, rules, CASELOAD_SQL + " WHERE y.id = :id", {"id": youth_id})
    return found[0] if found else None


def _entries(db: Database, today: date, rules: ContinuityRules, sql: str, extra: dict) -> list[CaseloadEntry]:
    params = {"today": today.isoformat(), "tomorrow": (today + timedelta(days=1)).isoformat(), **extra}
    entries = []
    for row in db.query(sql, params):
        entries.append(
            make_entry(
                id=row["id"],
                name=row["name"],
                phase=row["phase"],
                last_held=datetime.fromisoformat(row["last_held"]) if row["last_held"] else None,
                started_on=date.fromisoformat(row["started_on"]) if row["started_on"] else None,
                next_planned=datetime.fromisoformat(row["next_planned"]) if row["next_planned"] else None,
                open_agreements=row["open_agreements"],
                overdue_agreements=row["overdue_agreements"],
                today=today,
                rules=rules,
            )
        )
    return entries
