"""Writing and reading whole cases (a young person and everything about them)."""

from __future__ import annotations

import functools
from collections.abc import Iterable
from dataclasses import asdict, fields
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from coach.domain.model import (
    Address,
    Agreement,
    Assessment,
    Case,
    Contact,
    NetworkPerson,
    PhaseEntry,
    WarmStoryItem,
    Youth,
)
from coach.store.intervision import scope_questions
from coach.store.rows import new_id
from coach.store.safety import open_safety_labels
from coach.store.self_assessment import self_assessments_of, typed_by_youth

if TYPE_CHECKING:
    from sqlite_utils import Database

    from coach.store.db import Connection

# Child tables of a case and the dataclass each row becomes.
CHILD_TABLES: dict[str, type] = {
    "network": NetworkPerson,
    "warm_story": WarmStoryItem,
    "assessments": Assessment,
    "contacts": Contact,
    "agreements": Agreement,
    "phases": PhaseEntry,
}


class DuplicateRefError(ValueError):
    """A case with this organisation reference (ref) is already in the database."""

    def __init__(self, ref: str):
        super().__init__(ref)
        self.ref = ref


def _to_db(value: Any) -> Any:
    if value is None or type(value) is str:  # most values: nothing to do (a case has hundreds of thousands)
        return value
    if isinstance(value, datetime):
        if value.tzinfo is None and value.year >= 1000:
            return value.isoformat(timespec="minutes")  # as strftime below writes it, many times faster
        return value.strftime("%Y-%m-%dT%H:%M")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, bool):
        return int(value)
    return value


def _youth_row(youth: Youth) -> dict[str, Any]:
    row = {f.name: _to_db(getattr(youth, f.name)) for f in fields(Youth) if f.name not in ("id", "address")}
    address = youth.address
    row["has_address"] = int(address is not None)
    row.update(asdict(address) if address else {"street": None, "postcode": None, "city": None})
    return row


# The stored fields of each child table's dataclass (all but its id), in order.
_CHILD_COLUMNS: dict[str, tuple[str, ...]] = {
    table: tuple(f.name for f in fields(kind) if f.name != "id") for table, kind in CHILD_TABLES.items()
}


# A case as the plain values inserting it writes (see `case_rows`): its ref, the youths row's columns
# and values, each child table's rows (their youth_id still to come) and the samen-invullen answers.
CaseRows = tuple[str | None, tuple[str, ...], tuple[Any, ...], dict[str, list[tuple[Any, ...]]], list[tuple[Any, ...]]]


def case_rows(case: Case) -> CaseRows:
    """What inserting `case` writes, as plain values, made without a database.

    So another process can make them: the demo generates cases and turns them into rows
    in a worker while the main process writes the rows it already has.
    """
    row = _youth_row(case.youth)
    children: dict[str, list[tuple[Any, ...]]] = {}
    for table in CHILD_TABLES:
        items = getattr(case, table)
        if items:
            columns = _CHILD_COLUMNS[table]
            children[table] = [tuple([_to_db(getattr(item, name)) for name in columns]) for item in items]
    answers = [(a.date.isoformat(), a.domain, a.score, int(a.skipped), int(a.talk)) for a in case.self_assessments]
    return case.youth.ref, tuple(row), tuple(row.values()), children, answers


def insert_cases(db: Database, cases: Iterable[Case]) -> list[int]:
    """Insert whole cases in one transaction; returns the new youth ids in order.

    Raises DuplicateRefError (and writes nothing) when a ref is already taken.
    """
    return insert_case_rows(db, (case_rows(case) for case in cases))


def insert_case_rows(db: Database, cases: Iterable[CaseRows]) -> list[int]:
    """`insert_cases` for cases already turned into rows by `case_rows`."""
    ids: list[int] = []
    with db.atomic():
        for rows in cases:
            ids.append(_insert_rows(db, rows))
    return ids


def _insert_rows(db: Database, rows: CaseRows) -> int:
    ref, columns, values, children, answers = rows
    if ref is not None and db.execute("SELECT 1 FROM youths WHERE ref = ?", [ref]).fetchone():
        raise DuplicateRefError(ref)
    cursor = db.execute(
        "INSERT INTO youths ({}) VALUES ({})".format(", ".join(columns), ", ".join("?" * len(columns))), values
    )
    youth_id = new_id(cursor)
    for table, items in children.items():
        names = _CHILD_COLUMNS[table]
        db.conn.executemany(
            f"INSERT INTO {table} ({', '.join(names)}, youth_id) VALUES ({', '.join('?' * (len(names) + 1))})",
            [(*item, youth_id) for item in items],
        )
    # The young person's own answers (samen invullen) come along; which warm-story lines they
    # typed themselves (typed_by_youth) names stored ids, so a new case has none.
    db.conn.executemany(
        "INSERT INTO self_assessments (youth_id, date, domain, score, skipped, talk) VALUES (?, ?, ?, ?, ?, ?)",
        [(youth_id, *answer) for answer in answers],
    )
    return youth_id


def _parse(value: Any, kind: type) -> Any:
    if value is None:
        return None
    if kind is datetime:
        return datetime.fromisoformat(value)
    if kind is date:
        return date.fromisoformat(value)
    if kind is bool:
        return bool(value)
    return value


_DATE_FIELDS: dict[type, dict[str, type]] = {
    Youth: {"birth_date": date, "started_on": date},
    NetworkPerson: {},
    WarmStoryItem: {"recorded_on": date, "own_words": bool},
    Assessment: {"date": date},
    Contact: {"at": datetime},
    Agreement: {"made_on": date, "due": date},
    PhaseEntry: {"since": date},
}


def _from_row(cls: type, row: dict[str, Any]) -> Any:
    kinds = _DATE_FIELDS[cls]
    names = {f.name for f in fields(cls)}
    return cls(**{k: _parse(v, kinds.get(k, str)) for k, v in row.items() if k in names})


# Relations that say only what kind of person someone is, not their role: when the
# network table has a role beside one of these, the role is what a case (and so the
# anonymiser, which names people by their relation) should call them.
GENERIC_RELATIONS = frozenset(
    {
        "",
        "anders",
        "overig",
        "overige",
        "iemand",
        "contact",
        "contactpersoon",
        "netwerk",
        "informeel",
        "professioneel",
        "professional",
        "hulpverlener",
        "hulpverlening",
        "begeleider",
        "begeleiding",
        "thuis",
        "familie",
        "familielid",
        "vrienden",
        "kennis",
        "school",
        "werk",
        "school en werk",
    }
)


def _network_person(row: dict[str, Any]) -> NetworkPerson:
    """A case's network person from a row of the extended network table (m009 added role, seen_as, ...)."""
    person: NetworkPerson = _from_row(NetworkPerson, row)
    role = (row.get("role") or "").strip()
    if role and " ".join((person.relation or "").casefold().split()) in GENERIC_RELATIONS:
        person.relation = role
    return person


def youth_from_row(row: dict[str, Any]) -> Youth:
    """A Youth from a row of the youths table."""
    youth: Youth = _from_row(Youth, row)
    if row.get("has_address"):
        youth.address = Address(row.get("street"), row.get("postcode"), row.get("city"))
    return youth


def load_case(db: Database, youth_id: int) -> Case | None:
    """The whole case of one young person, children in the order they were added."""
    rows = list(db.query("SELECT * FROM youths WHERE id = ?", [youth_id]))
    if not rows:
        return None
    case = Case(youth=youth_from_row(rows[0]))
    for table, cls in CHILD_TABLES.items():
        read = _network_person if cls is NetworkPerson else functools.partial(_from_row, cls)
        items = [read(row) for row in db.query(f"SELECT * FROM {table} WHERE youth_id = ? ORDER BY id", [youth_id])]
        setattr(case, table, items)
    case.open_safety = open_safety_labels(db, youth_id)
    case.self_assessments = self_assessments_of(db, youth_id)
    case.typed_by_youth = typed_by_youth(db, youth_id)
    case.scope_questions = scope_questions(db, youth_id)
    return case


def youth_ids(db: Database | Connection) -> list[int]:
    """Every young person's id, oldest first."""
    return [row[0] for row in db.execute("SELECT id FROM youths ORDER BY id").fetchall()]


def has_cases(db: Database) -> bool:
    """True when the database holds at least one young person."""
    return db.execute("SELECT 1 FROM youths LIMIT 1").fetchone() is not None


def youth_count(db: Database) -> int:
    """How many young people the database holds, closed cases included."""
    count: int = db.execute("SELECT count(*) FROM youths").fetchone()[0]
    return count
