"""The caseload query: every young person in an open trajectory with their contact facts."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from functools import cache
from typing import TYPE_CHECKING

from coach.domain.caseload import CaseloadEntry, make_entry
from coach.domain.continuity import ContinuityRules
from coach.domain.vocabulary import AgreementStatus, ContactStatus, Phase
from coach.store.db import Connection, OperationalError, StoreError
from coach.store.rows import first_int

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


# The caseload facts of one young person worked out from their file, whatever their phase (the
# whole caseload is read from _caseload_facts, below). One pass over youths; each correlated subquery is an index lookup on
# (youth_id, status, at), (youth_id, status, due) or (youth_id, since), so the
# cost grows with the number of young people, not with the number of contacts.
@cache
def caseload_sql() -> str:
    """The query (its safety part is imported only here: reading the whole caseload does not need it)."""
    from coach.store.safety import ALARM_SQL

    return (
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


# The facts of every open young person as the triggers of m017 keep them: one row each (an
# archive of closed cases costs nothing, as only open cases have a row). What depends on today is
# compared here: a young person whose planned contacts (or open agreements' due dates) lie both
# before and after today, or who has a contact marked held on a later day, is looked up in the
# contacts (agreements) themselves, one index range; for everyone else the first and last tell.
FACTS_SQL = """
SELECT f.youth_id, f.name, f.phase, f.started_on,
    CASE WHEN f.last_held IS NULL OR f.last_held < :tomorrow THEN f.last_held
         ELSE (SELECT MAX(c.at) FROM contacts c
                WHERE c.youth_id = f.youth_id AND c.status = :held AND c.at < :tomorrow) END,
    -- Planned contacts from before today that never got an outcome: how many, the oldest.
    CASE WHEN f.planned = 0 OR f.planned_first >= :today THEN 0
         WHEN f.planned_last < :today THEN f.planned
         ELSE (SELECT COUNT(*) FROM contacts c
                WHERE c.youth_id = f.youth_id AND c.status = :planned AND c.at < :today) END,
    CASE WHEN f.planned_first < :today THEN f.planned_first END,
    -- The next planned contact from today on, with its mode ('<at> <mode>').
    CASE WHEN f.planned = 0 OR f.planned_last < :today THEN NULL
         WHEN f.planned_first >= :today THEN f.planned_next
         ELSE (SELECT MIN(c.at || ' ' || c.mode) FROM contacts c
                WHERE c.youth_id = f.youth_id AND c.status = :planned AND c.at >= :today) END,
    -- Open agreements: how many, how many past their due date, the next due date.
    f.open_agreements,
    CASE WHEN f.dated_agreements = 0 OR f.due_first >= :today THEN 0
         WHEN f.due_last < :today THEN f.dated_agreements
         ELSE (SELECT COUNT(*) FROM agreements a
                WHERE a.youth_id = f.youth_id AND a.status = :open AND a.due < :today) END,
    CASE WHEN f.dated_agreements = 0 OR f.due_last < :today THEN NULL
         WHEN f.due_first >= :today THEN f.due_first
         ELSE (SELECT MIN(a.due) FROM agreements a
                WHERE a.youth_id = f.youth_id AND a.status = :open AND a.due >= :today) END,
    f.coach_changed, f.alarm
FROM _caseload_facts f
"""

# The open young people first by name (m017's index on the same expression: nobody is sorted),
# so the first screenful can be drawn before the whole caseload is in.
FIRST_PAGE_SQL = FACTS_SQL + " ORDER BY lower(f.name), f.youth_id LIMIT :limit"


def caseload(db: Database | Connection, today: date, rules: ContinuityRules = ContinuityRules()) -> list[CaseloadEntry]:
    """Young people in an open trajectory (not afgesloten), ordered by name."""
    entries = [entry for entry in _from_facts(db, today, rules, FACTS_SQL, {}) if entry.phase != Phase.AFGESLOTEN]
    entries.sort(key=lambda entry: (entry.name.casefold(), entry.id))
    return entries


def first_page(
    db: Database | Connection, today: date, limit: int, rules: ContinuityRules = ContinuityRules()
) -> list[CaseloadEntry]:
    """The first `limit` young people of `caseload()` (by name): enough to paint a screen while the rest loads.

    Names with accented capitals may sort a little differently here than in
    `caseload()`; the full load that follows puts them right.
    """
    entries = _from_facts(db, today, rules, FIRST_PAGE_SQL, {"limit": limit})
    entries.sort(key=lambda entry: (entry.name.casefold(), entry.id))
    return entries


def _from_facts(
    db: Database | Connection, today: date, rules: ContinuityRules, sql: str, extra: dict[str, object]
) -> list[CaseloadEntry]:
    params = {"today": today.isoformat(), "tomorrow": (today + timedelta(days=1)).isoformat(), **VOCABULARY, **extra}
    return [_entry(today, rules, *row) for row in db.execute(sql, params).fetchall()]


def caseload_entry(
    db: Database | Connection, youth_id: int, today: date, rules: ContinuityRules = ContinuityRules()
) -> CaseloadEntry | None:
    """The caseload facts of one young person, whatever their phase."""
    found = _entries(db, today, rules, caseload_sql() + " WHERE y.id = :id", {"id": youth_id})
    return found[0] if found else None


def _entries(
    db: Database | Connection, today: date, rules: ContinuityRules, sql: str, extra: dict[str, object]
) -> list[CaseloadEntry]:
    params = {"today": today.isoformat(), "tomorrow": (today + timedelta(days=1)).isoformat(), **VOCABULARY, **extra}
    entries = []
    for youth_id, name, phase, started_on, last_held, planned, agreements, coach_changed, alarm in db.execute(
        sql, params
    ):
        # Planned contacts from before today that never got an outcome (how many, the oldest), and the next one.
        late_count, late_first, ahead = planned.split(" ", 2)
        open_count, overdue_count, next_due = agreements.split(" ")
        entries.append(
            _entry(
                today,
                rules,
                youth_id,
                name,
                phase,
                started_on,
                last_held,
                late_count,
                late_first,
                ahead,
                open_count,
                overdue_count,
                next_due,
                coach_changed,
                alarm,
            )
        )
    return entries


def _entry(
    today: date,
    rules: ContinuityRules,
    youth_id: int,
    name: str,
    phase: str,
    started_on: str | None,
    last_held: str | None,
    late_count: int | str,
    late_first: str | None,
    next_planned: str | None,
    open_count: int | str,
    overdue_count: int | str,
    next_due: str | None,
    coach_changed: str | None,
    alarm: object,
) -> CaseloadEntry:
    """One caseload row from the columns as stored (dates as text; `next_planned` is 'moment mode')."""
    parse_moment, parse_day = datetime.fromisoformat, date.fromisoformat
    next_at, _, next_mode = next_planned.partition(" ") if next_planned else ("", "", "")  # a mode may hold a space
    return make_entry(
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
        next_mode=next_mode or None,
        next_due=parse_day(next_due) if next_due else None,
        coach_changed_on=parse_day(coach_changed) if coach_changed else None,
        to_complete=int(late_count),
        first_to_complete=parse_moment(late_first) if late_first else None,
        safety=bool(alarm),
    )


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
