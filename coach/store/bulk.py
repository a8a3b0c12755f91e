"""Loading many cases at once (the demo, a benchmark's archive): one transaction, search indexes written once.

Every row written normally updates the full-text indexes as it goes; for
250,000 contacts that is most of the work, and the search document of a
young person (m015) would be written again for each of their notes. Inside
`bulk_load` those index triggers are set aside, and at the end every index is
given the new rows in one pass (the open cases' documents and caseload facts written afresh for the
young people who got rows) and the triggers put back, all in the same transaction: what the database
holds afterwards is the same, only sooner.
The audit trail gets every row written, as always: per table, a batch at a time, instead of by a
trigger per row. A loader may let the full-text indexes and the audit trail catch up with the rows so
far between batches (`Indexing.catch_up`), while a worker generates the next one.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

from coach.domain.domains import DOMAIN_KEYS
from coach.domain.model import WARM_KINDS
from coach.domain.vocabulary import Phase
from coach.store.migrations import (
    CASELOAD_FACT_TRIGGERS,
    OPEN_TEXT_TRIGGERS,
    caseload_facts_refresh_sql,
    open_texts_refresh_sql,
)

if TYPE_CHECKING:
    from sqlite_utils import Database

# The full-text indexes sqlite-utils keeps with triggers (m003), by the table they index.
_FTS_TABLES = ("youths_fts", "contacts_fts", "warm_story_fts")
# And the caseload facts (m017), which a row per contact would write afresh for its young person each time.
_SET_ASIDE = (*OPEN_TEXT_TRIGGERS, "_open_texts_case_in", "_open_texts_case_out", *CASELOAD_FACT_TRIGGERS)
# Indexes that a bulk load fills in scattered order (by score, by domain, by a moved contact, the audit
# trail by young person): made afresh at the end, from sorted rows, they cost less than kept row by row.
# The indexes by young person that the load itself reads (the intakes) stay.
_REMADE_INDEXES = ("assessments_score", "assessments_domain", "contacts_moved_from", "audit_youth")
BULK_CACHE_KIB = -65536  # negative: in KiB, so 64 MiB of page cache while loading


def _index_triggers(db: Database) -> list[tuple[str, str]]:
    """(name, CREATE statement) of every trigger that keeps a search index, as stored."""
    rows = db.execute("SELECT name, sql FROM sqlite_master WHERE type = 'trigger'").fetchall()
    return [
        (name, sql)
        for name, sql in rows
        if name in _SET_ASIDE or any(f'"{fts}"' in sql or f"[{fts}]" in sql for fts in _FTS_TABLES)
    ]


def _insert_audits(db: Database) -> dict[str, tuple[str, str, str]]:
    """Per table whose rows belong to a young person directly: (its audit insert trigger's name and
    statement, the expression for the young person), for writing the trail of a bulk load in one go."""
    found = {}
    for name, table, sql in db.execute(
        "SELECT name, tbl_name, sql FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'audit\\_%\\_insert\\_%' ESCAPE '\\'"
    ).fetchall():
        columns = {row[1] for row in db.execute(f"PRAGMA table_info([{table}])")}
        if table == "youths":
            found[table] = (name, sql, "id")
        elif "youth_id" in columns:
            found[table] = (name, sql, "youth_id")
    return found


class Indexing:
    """The full-text indexes and the audit trail of a bulk load: `catch_up()` gives them the rows added since it last did."""

    def __init__(self, db: Database, before: dict[str, int], audits: dict[str, tuple[str, str, str]]) -> None:
        self.db = db
        # Per table: the highest rowid its full-text index has, and the highest the audit trail has.
        self.indexed = {fts.removesuffix("_fts"): before[fts.removesuffix("_fts")] for fts in _FTS_TABLES}
        self.audited = {table: before[table] for table in audits}
        self.audits = {table: youth for table, (_name, _sql, youth) in audits.items()}
        self.columns = {
            fts: ", ".join(f"[{row[1]}]" for row in db.execute(f"PRAGMA table_info([{fts}])")) for fts in _FTS_TABLES
        }
        # The moment of each entry, as the column's default gives it: worked out once per statement
        # (SQLite's 'now' is the same for every row of one statement anyway), not per row.
        self.moment = next(row[4] for row in db.execute("PRAGMA table_info(audit)") if row[1] == "at")

    def catch_up(self) -> None:
        """Index, audit and refresh the rows added so far (a long load does this between batches, while a worker generates).

        The open cases' documents and caseload facts are written afresh for every young person who got
        a row since the last time: whoever has a new entry in the audit trail.
        """
        for fts in _FTS_TABLES:
            table, columns = fts.removesuffix("_fts"), self.columns[fts]
            last = self._last(table)
            if last > self.indexed[table]:
                self.db.execute(
                    f"INSERT INTO [{fts}] (rowid, {columns}) SELECT rowid, {columns} FROM [{table}] WHERE rowid > ?",
                    [self.indexed[table]],
                )
                self.indexed[table] = last
        trail = self._last("audit")
        for table, youth in self.audits.items():
            last = self._last(table)
            if last > self.audited[table]:
                self.db.execute(
                    "INSERT INTO audit (at, table_name, row_id, action, fields, youth_id) "
                    f"SELECT ({self.moment}), ?, rowid, 'insert', NULL, {youth} FROM [{table}] "
                    "WHERE rowid > ? ORDER BY rowid",
                    [table, self.audited[table]],
                )
                self.audited[table] = last
        youths = f"SELECT youth_id FROM audit WHERE id > {int(trail)} AND youth_id IS NOT NULL"
        for statement in (open_texts_refresh_sql(youths) + caseload_facts_refresh_sql(youths)).split(";"):
            if statement.strip():
                self.db.execute(statement)

    def _last(self, table: str) -> int:
        last: int = self.db.execute(f"SELECT COALESCE(MAX(rowid), 0) FROM [{table}]").fetchone()[0]
        return last


@contextmanager
def bulk_load(db: Database) -> Iterator[Indexing]:
    """One transaction in which cases are inserted (only inserted) without updating the search indexes row by row.

    The audit trail gets the same entries as row by row (table, row, 'insert', young person), written
    per table rather than by a trigger per row. The indexes and the trail are given the new rows at the
    end, or earlier whenever the loader calls the Indexing it is given.
    """
    cache = db.execute("PRAGMA cache_size").fetchone()[0]
    # A large transaction touches the same index pages again and again: keep them in memory.
    db.execute(f"PRAGMA cache_size = {BULK_CACHE_KIB}")
    try:
        with db.atomic():
            triggers = _index_triggers(db)
            audits = _insert_audits(db)
            indexed = [fts.removesuffix("_fts") for fts in _FTS_TABLES]
            before = {
                table: db.execute(f"SELECT COALESCE(MAX(rowid), 0) FROM [{table}]").fetchone()[0]
                for table in {*audits, *indexed}
            }
            for name, _sql in triggers:
                db.execute(f"DROP TRIGGER [{name}]")
            for name, _sql, _youth in audits.values():
                db.execute(f"DROP TRIGGER [{name}]")
            marks = ",".join("?" * len(_REMADE_INDEXES))
            indexes = db.execute(
                f"SELECT name, sql FROM sqlite_master WHERE type = 'index' AND name IN ({marks})", _REMADE_INDEXES
            ).fetchall()
            for name, _sql in indexes:
                db.execute(f"DROP INDEX [{name}]")
            indexing = Indexing(db, before, audits)
            yield indexing
            # Only rows were added: each index gets the new ones, as its triggers would have given them
            # (a 'rebuild' would index the whole table again, archive and all); the trail gets them too,
            # and the young people they belong to their documents and facts afresh.
            indexing.catch_up()
            for _name, sql, _youth in audits.values():
                db.execute(sql)
            for _name, sql in indexes:
                db.execute(sql)
            for _name, sql in triggers:
                db.execute(sql)
    finally:
        db.execute(f"PRAGMA cache_size = {int(cache)}")


def intakes_from_baselines(db: Database, youth_ids: Iterable[int]) -> int:
    """Record a completed intake for each of these young people who has a first measurement and no intake yet.

    The intake is what the baseline assessment came from: started on the day
    the intake phase began, completed on the baseline's date, each domain
    linked to its baseline row, and the first warm-story line of each kind as
    its warm story. Returns how many intakes were recorded.
    """
    marks = ",".join("?" * len(WARM_KINDS))
    recorded = 0
    with db.atomic():
        for youth_id in youth_ids:
            row = db.execute(
                "SELECT MIN(a.date), (SELECT MIN(p.since) FROM phases p WHERE p.youth_id = ? AND p.phase = ?) "
                "FROM assessments a WHERE a.youth_id = ? AND NOT EXISTS (SELECT 1 FROM intakes i WHERE i.youth_id = ?)",
                [youth_id, Phase.INTAKE, youth_id, youth_id],
            ).fetchone()
            baseline, started = row if row else (None, None)
            if baseline is None:
                continue
            cursor = db.execute(
                "INSERT INTO intakes (youth_id, started_on, completed_on, section) VALUES (?, ?, ?, ?)",
                [youth_id, min(started or baseline, baseline), baseline, DOMAIN_KEYS[-1]],
            )
            intake_id = cursor.lastrowid
            db.execute(
                "INSERT INTO intake_domains (intake_id, youth_id, domain, going_well, concerns, wish, score,"
                " youth_score, touched_on, assessment_id) "
                "SELECT ?, youth_id, domain, COALESCE(going_well, ''), COALESCE(concerns, ''), COALESCE(wish, ''),"
                " score, youth_score, date, id FROM assessments WHERE youth_id = ? AND date = ?",
                [intake_id, youth_id, baseline],
            )
            db.execute(
                "INSERT INTO intake_warm (intake_id, kind, warm_story_id) "
                f"SELECT ?, kind, MIN(id) FROM warm_story WHERE youth_id = ? AND kind IN ({marks}) GROUP BY kind",
                [intake_id, youth_id, *WARM_KINDS],
            )
            recorded += 1
    return recorded
