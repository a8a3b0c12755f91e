"""Case files version 2 (`coach-case/2`): everything the app stores about one young person, and back.

Read from and written to the database directly, table by table, as listed
in SECTIONS. Records carry a file-local `id` (1, 2, … per section, in the
order the rows were made); links between records (`contact`, `moved_from`,
`owner_network`, …) name such ids, so a file is self-contained and
export → import → export gives the same file. Validation uses the JSON
Schema beside this module (case-v2.schema.json) plus the link checks the
schema cannot express; every problem names its JSON path.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from jsonschema import Draft202012Validator, FormatChecker

from coach.store._rows import new_id
from coach.store.case_reading import read_json
from coach.store.case_sections import (
    ADDRESS_FIELDS,
    BOOL,
    CSV_LIST,
    JSON_LIST,
    LINK,
    SECTION_BY_NAME,
    SECTIONS,
    TABLE_TO_SECTION,
    YOUTH_FIELDS,
)
from coach.store.casefile import (
    CaseFileError,
    CaseFileProblem,
    json_path,
    schema_rule,
)
from coach.store.intervision import CONTACT_ID_KEY, contact_key

if TYPE_CHECKING:
    from sqlite_utils import Database

FORMAT = "coach-case/2"
SCHEMA_PATH = Path(__file__).with_name("case-v2.schema.json")


@cache
def schema() -> dict[str, Any]:
    """The version-2 case-file schema shipped with coach."""
    loaded: dict[str, Any] = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    return loaded


@cache
def _validator() -> Draft202012Validator:
    return Draft202012Validator(schema(), format_checker=FormatChecker())


# --- export ----------------------------------------------------------------------------


def _to_file(kind: str, value: Any) -> Any:
    if value is None:
        return None
    if kind == BOOL:
        return bool(value)
    if kind == JSON_LIST:
        return json.loads(value)
    if kind == CSV_LIST:
        return [part for part in value.split(",") if part]
    return value


def export_case_v2(db: Database, youth_id: int) -> dict[str, Any] | None:
    """The young person's whole file as a coach-case/2 object, or None when there is no such young person."""
    row = next(iter(db.query("SELECT * FROM youths WHERE id = ?", [youth_id])), None)
    if row is None:
        return None
    youth: dict[str, Any] = {}
    for key in YOUTH_FIELDS:
        if row.get(key) is not None:
            youth[key] = row[key]
    if row["has_address"]:
        youth["address"] = {k: row[k] for k in ADDRESS_FIELDS if row[k] is not None}
    data: dict[str, Any] = {"format": FORMAT, "youth": youth}
    local: dict[str, dict[int, int]] = {}
    for section in SECTIONS:
        ids = [r[0] for r in db.execute(section.owned, [youth_id]).fetchall()]
        local[section.name] = {db_id: n for n, db_id in enumerate(ids, start=1)}
        key_column = section.key
        records = []
        for db_id in ids:
            found = next(iter(db.query(f"SELECT * FROM {section.table} WHERE {key_column} = ?", [db_id])))
            record: dict[str, Any] = {"id": local[section.name][db_id]}
            for column in section.columns:
                value = found[column.column]
                if column.kind == LINK:
                    value = local[column.target or ""].get(value) if value is not None else None
                    if value is None:
                        continue
                else:
                    value = _to_file(column.kind, value)
                if value is not None:
                    record[column.key] = value
            if section.name == "contacts":
                domains = [
                    r[0]
                    for r in db.execute(
                        "SELECT domain FROM contact_domains WHERE contact_id = ? ORDER BY rowid", [db_id]
                    )
                ]
                if domains:
                    record["domains"] = domains
            if section.name == "network":
                if db.execute("SELECT 1 FROM staying_network WHERE network_id = ?", [db_id]).fetchone():
                    record["staying"] = True
            if section.name == "intervision_period_questions":
                # A contact's question names the contact by id: in the file by its file-local id.
                scope = _contact_scope(record["scope"], local["contacts"])
                if scope is None:
                    continue  # its contact is gone: the question went with it
                record["scope"] = scope
            records.append(record)
        if records:
            data[section.name] = records
    revisions = []
    for table, row_id, field, text, replaced_at in db.execute(
        "SELECT table_name, row_id, field, text, replaced_at FROM revisions WHERE youth_id = ? ORDER BY id", [youth_id]
    ).fetchall():
        if table == "youths":
            item: dict[str, Any] = {"of": "youth"}
        elif table in TABLE_TO_SECTION and row_id in local.get(TABLE_TO_SECTION[table], {}):
            item = {"of": TABLE_TO_SECTION[table], "record": local[TABLE_TO_SECTION[table]][row_id]}
        else:
            continue  # the row it belonged to is gone: its history went with it
        item["field"] = field
        if text is not None:
            item["text"] = text
        item["replaced_at"] = replaced_at
        revisions.append(item)
    if revisions:
        data["revisions"] = revisions
    removals = [
        {"of": TABLE_TO_SECTION.get(t, t), "removed_at": at, "reason": reason}
        for t, at, reason in db.execute(
            "SELECT table_name, removed_at, reason FROM removals WHERE youth_id = ? ORDER BY id", [youth_id]
        ).fetchall()
    ]
    if removals:
        data["removals"] = removals
    if row.get("intervision_question") is not None:
        data["intervision_question"] = row["intervision_question"]
    return data


# --- validation ------------------------------------------------------------------------


def _link_problems(data: dict[str, Any]) -> list[tuple[str, str]]:
    """Links that name no record, ids used twice, and revisions of records that are not there."""
    problems: list[tuple[str, str]] = []
    ids: dict[str, set[int]] = {}
    for section in SECTIONS:
        seen: set[int] = set()
        for index, record in enumerate(data.get(section.name, [])):
            if record["id"] in seen:
                problems.append(
                    (f"$.{section.name}[{index}].id", f"id {record['id']} komt twee keer voor in {section.name}.")
                )
            seen.add(record["id"])
        ids[section.name] = seen
    for section in SECTIONS:
        for index, record in enumerate(data.get(section.name, [])):
            for column in section.columns:
                if column.kind == LINK and column.key in record and record[column.key] not in ids[column.target or ""]:
                    problems.append(
                        (
                            f"$.{section.name}[{index}].{column.key}",
                            f"verwijst naar {column.target} met id {record[column.key]}, maar die staat niet in het bestand.",
                        )
                    )
    for index, item in enumerate(data.get("revisions", [])):
        of = item["of"]
        if of == "youth":
            continue
        if "record" not in item:
            problems.append((f"$.revisions[{index}].record", "dit verplichte veld ontbreekt (welk record)."))
        elif item["record"] not in ids.get(of, set()):
            problems.append(
                (f"$.revisions[{index}].record", f"er is geen {of} met id {item['record']} in het bestand.")
            )
    return problems


def validate_v2(data: Any, file: str) -> list[CaseFileProblem]:
    """Every problem in one parsed version-2 case file, ordered by where it is."""
    found = [schema_rule(error) for error in _validator().iter_errors(data)]
    if not found and isinstance(data, dict):
        found += _link_problems(data)
    return [CaseFileProblem(file, path, rule) for path, rule in sorted(set(found))]


# --- import ----------------------------------------------------------------------------


def _to_db(kind: str, value: Any) -> Any:
    if value is None:
        return None
    if kind == BOOL:
        return int(value)
    if kind == JSON_LIST:
        return json.dumps(value, ensure_ascii=False)
    if kind == CSV_LIST:
        return ",".join(value)
    return value


def insert_case_v2(db: Database, data: dict[str, Any]) -> int:
    """Write one valid version-2 case (inside the caller's transaction); returns the new youth id."""
    youth = data["youth"]
    row: dict[str, Any] = {key: youth.get(key) for key in YOUTH_FIELDS}
    address = youth.get("address")
    row["has_address"] = int(address is not None)
    for key in ADDRESS_FIELDS:
        row[key] = (address or {}).get(key)
    row["intervision_question"] = data.get("intervision_question")
    youth_id = new_id(
        db.execute(f"INSERT INTO youths ({', '.join(row)}) VALUES ({', '.join('?' * len(row))})", list(row.values()))
    )
    new: dict[str, dict[int, int]] = {}
    # Links to a record further on in the file (a contact moved to an earlier id, say) are set afterwards.
    later: list[tuple[str, str, int, str, int]] = []  # (table, column, row id, target section, local id)
    for section in SECTIONS:
        new[section.name] = {}
        for record in data.get(section.name, []):
            values: dict[str, Any] = {}
            if section.youth_column:
                values[section.youth_column] = youth_id
            pending: list[tuple[str, str, int]] = []
            for column in section.columns:
                value = record.get(column.key)
                if column.kind == LINK:
                    target = column.target or ""
                    if value is not None and value not in new.get(target, {}):
                        pending.append((column.column, target, value))
                        value = None
                    elif value is not None:
                        value = new[target][value]
                    values[column.column] = value
                else:
                    values[column.column] = _to_db(column.kind, value)
            if section.name == "intake_domains":
                values["youth_id"] = youth_id
            if section.name == "intervision_period_questions":
                scope = _contact_scope(values["scope"], new.get("contacts", {}))
                if scope is None:
                    continue  # the file names a contact it does not hold
                values["scope"] = scope
            # What the file leaves out takes the column's default (or NULL).
            values = {key: value for key, value in values.items() if value is not None}
            row_id = new_id(
                db.execute(
                    f"INSERT INTO {section.table} ({', '.join(values)}) VALUES ({', '.join('?' * len(values))})",
                    list(values.values()),
                )
            )
            new[section.name][record["id"]] = row_id
            later += [(section.table, column, row_id, target, local) for column, target, local in pending]
            if section.name == "contacts":
                db.conn.executemany(
                    "INSERT INTO contact_domains (contact_id, domain) VALUES (?, ?)",
                    [(row_id, d) for d in record.get("domains", [])],
                )
            if section.name == "network" and record.get("staying"):
                db.execute("INSERT INTO staying_network (network_id, youth_id) VALUES (?, ?)", [row_id, youth_id])
    for table, link, row_id, target, local in later:
        db.execute(f"UPDATE {table} SET {link} = ? WHERE rowid = ?", [new[target][local], row_id])
    for item in data.get("revisions", []):
        if item["of"] == "youth":
            table, row_id = "youths", youth_id
        else:
            table, row_id = SECTION_BY_NAME[item["of"]].table, new[item["of"]][item["record"]]
        db.execute(
            "INSERT INTO revisions (youth_id, table_name, row_id, field, text, replaced_at) VALUES (?, ?, ?, ?, ?, ?)",
            [youth_id, table, row_id, item["field"], item.get("text"), item["replaced_at"]],
        )
    for item in data.get("removals", []):
        table = SECTION_BY_NAME[item["of"]].table if item["of"] in SECTION_BY_NAME else item["of"]
        db.execute(
            "INSERT INTO removals (youth_id, table_name, row_id, removed_at, reason) VALUES (?, ?, 0, ?, ?)",
            [youth_id, table, item["removed_at"], item["reason"]],
        )
    return youth_id


def import_any_files(db: Database, paths: Iterable[Path]) -> list[int]:
    """`import_v2_files` under the name callers of both versions read best."""
    return import_v2_files(db, paths)


def parse_case_file(path: Path) -> Any:
    """The parsed JSON of a case file (any version), read within bounds; raises CaseFileError when it cannot be read."""
    return read_json(path)


def is_v2(data: Any) -> bool:
    """True when parsed data says it is a version-2 case file."""
    return isinstance(data, dict) and data.get("format") == FORMAT


def import_v2_files(db: Database, paths: Iterable[Path]) -> list[int]:
    """Validate every case file (version 1 or 2), then import all in one transaction; returns the new ids.

    Any problem (in any file, or a ref used twice or already taken) raises
    CaseFileError listing them all; nothing is written. A version-1 file is
    read as before (its 'afgezegd' becomes 'afgezegd_jongere').
    """
    from coach.store.casefile import case_from_dict, validate
    from coach.store.cases import insert_cases

    problems: list[CaseFileProblem] = []
    datas: list[dict[str, Any]] = []
    refs: dict[str, str] = {}
    for path in paths:
        try:
            data = parse_case_file(path)
        except CaseFileError as error:
            problems += error.problems
            continue
        found = validate_v2(data, str(path)) if is_v2(data) else validate(data, str(path))
        if found:
            problems += found
            continue
        ref = data["youth"].get("ref")
        if ref is not None:
            if ref in refs or db.execute("SELECT 1 FROM youths WHERE ref = ?", [ref]).fetchone():
                problems.append(
                    CaseFileProblem(
                        str(path), "$.youth.ref", f"ref {ref!r} is al in gebruik; elk dossier heeft een eigen ref."
                    )
                )
            refs.setdefault(ref, str(path))
        datas.append(data)
    if problems:
        raise CaseFileError(problems)
    with db.atomic():
        return [
            insert_case_v2(db, data) if is_v2(data) else insert_cases(db, [case_from_dict(data)])[0] for data in datas
        ]


__all__ = [
    "FORMAT",
    "SECTIONS",
    "export_case_v2",
    "import_any_files",
    "import_v2_files",
    "insert_case_v2",
    "is_v2",
    "json_path",
    "parse_case_file",
    "schema",
    "validate_v2",
]


def _contact_scope(scope: str, ids: dict[int, int]) -> str | None:
    """A scope key with its contact id translated through `ids` (database id <-> file-local id); other keys as they are.

    None when the contact is not there.
    """
    match = CONTACT_ID_KEY.fullmatch(scope)
    if match is None:
        return scope
    translated = ids.get(int(match["id"]))
    return contact_key(translated) if translated is not None else None
