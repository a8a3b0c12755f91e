"""The caseload query: every young person in an open trajectory with their contact facts."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING

from coach.domain.caseload import CaseloadEntry, make_entry
from coach.domain.continuity import ContinuityRules
from coach.domain.vocabulary import AgreementStatus, ContactStatus, Phase
from coach.store.db import Connection, OperationalError, StoreError
from coach.store.rows import first_int
from coach.store.safety import ALARM_SQL

if TYPE_CHECKING:
    from sqlite_utils import Database

# The stored values the queries below compare with, bound as parameters.
VOCABULARY: dict[str, str] = {
    "first_phase": Phase.AANMELDING,
    "closed": Phase.AFGESLOTEN,
    "held": ContactStatus.PLAATSGEVONDEN,
    "planned": ContactStatus.GEPLAND,
    "open": AgreementStatus.OPEN,
}

# One pass over youths; each correlated subquery is an index lookup on
# (youth_id, status, at), (youth_id, status, due) or (youth_id, since), so the
# cost grows with the number of young people, not with the number of contacts.
CASELOAD_SQL = (
    """
SELECT
    y.id,
    COALESCE(NULLIF(y.nickname, ''), y.first_name) || COALESCE(' ' || NULLIF(y.last_name, ''), '') AS name,
    COALESCE((SELECT p.phase FROM phases p WHERE p.youth_id = y.id ORDER BY p.since DESC, p.id DESC LIMIT 1),
             :first_phase) AS phase,
    COALESCE(y.started_on, (SELECT MIN(p.since) FROM phases p WHERE p.youth_id = y.id)) AS started_on,
    (SELECT MAX(c.at) FROM contacts c
      WHERE c.youth_id = y.id AND c.status = :held AND c.at < :tomorrow) AS last_held,
    -- One look at the planned contacts: how many are past without an outcome, the oldest of
    -- those, and the next one ahead with its mode ('3 <oldest> <next at> <next mode>').
    (SELECT COUNT(CASE WHEN c.at < :today THEN 1 END) || ' ' || COALESCE(MIN(CASE WHEN c.at < :today THEN c.at END), '')
            || ' ' || COALESCE(MIN(CASE WHEN c.at >= :today THEN c.at || ' ' || c.mode END), '')
       FROM contacts c WHERE c.youth_id = y.id AND c.status = :planned) AS planned,
    -- And one at the open agreements: how many, how many overdue, the next due date.
    (SELECT COUNT(*) || ' ' || COUNT(CASE WHEN a.due < :today THEN 1 END)
            || ' ' || COALESCE(MIN(CASE WHEN a.due >= :today THEN a.due END), '')
       FROM agreements a WHERE a.youth_id = y.id AND a.status = :open) AS agreements,
    (SELECT MAX(cc.changed_on) FROM coach_changes cc
      WHERE cc.youth_id = y.id AND cc.from_coach IS NOT NULL) AS coach_changed,
    """
    + ALARM_SQL
    + """ AS alarm
FROM youths y
"""
)


# Only the open cases are read (the list the triggers of m015 keep): an archive of closed
# cases costs the caseload nothing.
OPEN_CASES_SQL = CASELOAD_SQL + " WHERE y.id IN (SELECT youth_id FROM _open_cases)"


def caseload(db: Database | Connection, today: date, rules: ContinuityRules = ContinuityRules()) -> list[CaseloadEntry]:
    """Young people in an open trajectory (not afgesloten), ordered by name."""
    entries = [entry for entry in _entries(db, today, rules, OPEN_CASES_SQL, {}) if entry.phase != Phase.AFGESLOTEN]
    entries.sort(key=lambda entry: (entry.name.casefold(), entry.id))
    return entries


# The open young people first by name, so the first screenful can be drawn
# before the whole caseload is in: the name and phase of everyone are cheap,
# the contact facts are then looked up for these few only.
FIRST_PAGE_SQL = (
    CASELOAD_SQL
    + """
WHERE y.id IN (
    SELECT y.id FROM youths y
    WHERE EXISTS (SELECT 1 FROM _open_cases o WHERE o.youth_id = y.id)
    ORDER BY lower(COALESCE(NULLIF(y.nickname, ''), y.first_name) || COALESCE(' ' || NULLIF(y.last_name, ''), '')), y.id
    LIMIT :limit
)
"""
)


def first_page(
    db: Database | Connection, today: date, limit: int, rules: ContinuityRules = ContinuityRules()
) -> list[CaseloadEntry]:
    """The first `limit` young people of `caseload()` (by name): enough to paint a screen while the rest loads.

    Names with accented capitals may sort a little differently here than in
    `caseload()`; the full load that follows puts them right.
    """
    entries = _entries(db, today, rules, FIRST_PAGE_SQL, {"limit": limit})
    entries.sort(key=lambda entry: (entry.name.casefold(), entry.id))
    return entries


def caseload_entry(
    db: Database | Connection, youth_id: int, today: date, rules: ContinuityRules = ContinuityRules()
) -> CaseloadEntry | None:
    """The caseload facts of one young person, whatever their phase."""
    found = _entries(db, today, rules, CASELOAD_SQL + " WHERE y.id = :id", {"id": youth_id})
    return found[0] if found else None


def _entries(
    db: Database | Connection, today: date, rules: ContinuityRules, sql: str, extra: dict[str, object]
) -> list[CaseloadEntry]:
    params = {"today": today.isoformat(), "tomorrow": (today + timedelta(days=1)).isoformat(), **VOCABULARY, **extra}
    parse_moment, parse_day = datetime.fromisoformat, date.fromisoformat
    entries = []
    for youth_id, name, phase, started_on, last_held, planned, agreements, coach_changed, alarm in db.execute(
        sql, params
    ):
        # Planned contacts from before today that never got an outcome (how many, the oldest), and the next one.
        late_count, late_first, next_at, *next_mode = planned.split(" ")
        open_count, overdue_count, next_due = agreements.split(" ")
        entries.append(
            make_entry(
                id=youth_id,
                name=name,
                phase=phase,
                last_held=parse_moment(last_held) if last_held else None,
                started_on=parse_day(started_on) if started_on else None,
                next_planned=parse_moment(next_at) if next_at else None,
                open_agreements=int(open_count),
                overdue_agreements=int(overdue_count),
                today=today,
                rules=rules,
                next_mode=next_mode[0] if next_mode else None,
                next_due=parse_day(next_due) if next_due else None,
                coach_changed_on=parse_day(coach_changed) if coach_changed else None,
                to_complete=int(late_count),
                first_to_complete=parse_moment(late_first) if late_first else None,
                safety=bool(alarm),
            )
        )
    return entries


def contact_events(
    db: Database | Connection, youth_ids: list[int], since: date, until: date
) -> dict[int, list[tuple[date, str]]]:
    """Per young person, (day, status) of every contact from `since` up to and including `until`.

    Meant for the rows on screen: one index range per young person.
    """
    events: dict[int, list[tuple[date, str]]] = {youth_id: [] for youth_id in youth_ids}
    if not youth_ids:
        return events
    marks = ",".join("?" * len(youth_ids))
    rows = db.execute(
        f"SELECT youth_id, substr(at, 1, 10), status FROM contacts WHERE youth_id IN ({marks}) AND at >= ? AND at < ?",
        [*youth_ids, since.isoformat(), (until + timedelta(days=1)).isoformat()],
    )
    parse_day = date.fromisoformat
    for youth_id, day, status in rows:
        events[youth_id].append((parse_day(day), status))
    return events


def audit_mark(db: Database | Connection) -> int | None:
    """The newest entry of the audit trail, to ask later what changed since (None: no trail kept)."""
    try:
        return first_int(db.execute("SELECT COALESCE(MAX(id), 0) FROM audit").fetchone())
    except OperationalError + (StoreError,):
        return None


def changed_since(db: Database | Connection, mark: int | None) -> set[int] | None:
    """The young people whose files changed after audit entry `mark`.

    None when that cannot be told (no trail, or a change that belongs to no
    young person, such as a setting): then read the whole caseload again.
    """
    if mark is None:
        return None
    try:
        ids = {row[0] for row in db.execute("SELECT DISTINCT youth_id FROM audit WHERE id > ?", [mark])}
    except OperationalError + (StoreError,):
        return None
    return None if None in ids else ids


def change_counters(connection: Connection) -> tuple[int, int]:
    """Changes made through this connection, and the version of what other connections wrote.

    Both stay the same while nothing is written, so a screen can tell cheaply whether to read again.
    """
    version: int = connection.execute("PRAGMA data_version").fetchone()[0]
    return connection.total_changes, version
