"""Importing case files into the database and exporting a case from it."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from coach.store.case_reading import problem_order, read_json
from coach.store.casefile import CaseFileError, CaseFileProblem, case_from_dict, case_to_dict, validate
from coach.store.cases import insert_cases, load_case

if TYPE_CHECKING:
    from coach.domain.model import Case


if TYPE_CHECKING:
    from sqlite_utils import Database


def import_case_files(db: Database, paths: list[Path]) -> list[int]:
    """Validate every file, then import all in one transaction; returns the new ids.

    When any file is invalid, or a ref is used twice or already in the
    database, CaseFileError lists the problems and nothing is written.
    A list with a version-2 file goes to coach.store.casefile_v2, which reads both versions.
    """
    from coach.store.casefile_v2 import import_any_files, is_v2, parse_case_file

    def version_2(path: Path) -> bool:
        try:
            return is_v2(parse_case_file(path))
        except CaseFileError:
            return False

    if any(version_2(path) for path in paths):
        return import_any_files(db, paths)
    problems: list[CaseFileProblem] = []
    cases = []
    seen_refs: dict[str, str] = {}
    for path in paths:
        try:
            case = read_case(path)
        except CaseFileError as error:
            problems += error.problems
            continue
        ref = case.youth.ref
        if ref is not None:
            if ref in seen_refs:
                problems.append(
                    CaseFileProblem(
                        str(path),
                        "$.youth.ref",
                        f"ref {ref!r} staat ook al in {seen_refs[ref]}; elk dossier heeft een eigen ref.",
                    )
                )
            elif db.execute("SELECT 1 FROM youths WHERE ref = ?", [ref]).fetchone():
                problems.append(
                    CaseFileProblem(
                        str(path),
                        "$.youth.ref",
                        f"er staat al een dossier met ref {ref!r} in de database; verander de ref of laat dit bestand weg.",
                    )
                )
            seen_refs.setdefault(ref, str(path))
        cases.append(case)
    if problems:
        raise CaseFileError(sorted(problems, key=problem_order))
    return insert_cases(db, cases)


def read_case(path: Path) -> Case:
    """Read, validate and convert one case file, within bounds; raises CaseFileError.

    Accepts a UTF-8 byte-order mark (Windows editors write one); refuses nesting
    deeper than the schema, texts of over a million characters and characters
    that are not text (a lone surrogate).
    """
    data = read_json(path)
    found = validate(data, str(path))
    if found:
        raise CaseFileError(sorted(found, key=problem_order))
    return case_from_dict(data)


def export_case(db: Database, youth_id: int) -> dict[str, Any] | None:
    """The whole case as a case-file object, or None when there is no such young person."""
    case = load_case(db, youth_id)
    return None if case is None else case_to_dict(case)
