"""Importing case files into the database and exporting a case from it."""

from __future__ import annotations

import json
import os
import re
import stat
from pathlib import Path
from typing import TYPE_CHECKING, Any

from coach import paths
from coach.store.casefile import CaseFileError, CaseFileProblem, case_from_dict, case_to_dict, json_path, validate
from coach.store.cases import insert_cases, load_case

if TYPE_CHECKING:
    from coach.domain.model import Case

# Bounds on what one case file may be: far above any real case (a year of weekly
# notes is some 100 KB), low enough that a wrong file cannot fill the memory.
MAX_FILE_BYTES = 20_000_000
MAX_TEXT_CHARS = 1_000_000
# The case-file schema nests five deep ($.contacts[0].domains[0]); more is never a case file,
# and Python's JSON reader runs out of stack at about a thousand.
MAX_DEPTH = 16

if TYPE_CHECKING:
    from sqlite_utils import Database


def import_case_files(db: Database, paths: list[Path]) -> list[int]:
    """Validate every file, then import all in one transaction; returns the new ids.

    When any file is invalid, or a ref is used twice or already in the
    database, CaseFileError lists the problems and nothing is written.
    """
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
        raise CaseFileError(sorted(problems, key=_in_order))
    return insert_cases(db, cases)


def _in_order(problem: CaseFileProblem) -> tuple[Any, ...]:
    """By file, then by place in the file with list positions as numbers ([2] before [10]), then rule."""
    parts = re.split(r"(\d+)", problem.path)
    place = tuple((0, int(part), "") if part.isdigit() else (1, 0, part) for part in parts)
    return (problem.file, place, problem.rule)


def _problem(path: Path, rule: str, where: str = "$") -> CaseFileError:
    return CaseFileError([CaseFileProblem(str(path), where, rule)])


def read_bounded(path: Path, limit: int = MAX_FILE_BYTES) -> bytes:
    """The bytes of a regular file of at most `limit` bytes; CaseFileError for anything else.

    A device (/dev/zero), a pipe or a folder is refused before it is read, and no
    more than limit + 1 bytes are ever read, so a wrong path cannot run without end.
    """
    try:
        # Looked at before it is opened: opening a pipe (mkfifo) would wait for a writer for ever.
        if not stat.S_ISREG(os.stat(path).st_mode):
            raise _problem(
                path, "dit is geen gewoon bestand (maar een map, apparaat of pijp); geef een dossierbestand."
            )
        with path.open("rb") as stream:
            mode = os.fstat(stream.fileno()).st_mode
            if not stat.S_ISREG(mode):
                raise _problem(
                    path, "dit is geen gewoon bestand (maar een map, apparaat of pijp); geef een dossierbestand."
                )
            data = stream.read(limit + 1)
    except FileNotFoundError:
        raise _problem(path, "bestand niet gevonden; controleer de naam en de map.") from None
    except IsADirectoryError:
        raise _problem(path, "dit is een map, geen bestand; geef een dossierbestand.") from None
    except OSError as error:
        raise _problem(path, f"het bestand kan niet gelezen worden ({paths.reason(error)}).") from None
    if len(data) > limit:
        raise _problem(path, f"het bestand is groter dan {limit // 1_000_000} MB; zo groot is geen dossier.")
    return data


def read_case(path: Path) -> Case:
    """Read, validate and convert one case file, within bounds; raises CaseFileError.

    Accepts a UTF-8 byte-order mark (Windows editors write one); refuses nesting
    deeper than the schema, texts of over a million characters and characters
    that are not text (a lone surrogate).
    """
    raw = read_bounded(path)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise _problem(path, "het bestand is geen UTF-8-tekst.") from None
    depth = _bracket_depth(text)
    if depth > MAX_DEPTH:
        raise _problem(
            path, f"de gegevens zijn {depth} lagen diep genest; een dossier gaat hoogstens {MAX_DEPTH} diep."
        )
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise _problem(
            path,
            f"geen geldige JSON (regel {error.lineno}, kolom {error.colno}): controleer komma's, aanhalingstekens en haakjes.",
        ) from None
    except ValueError:  # a number of thousands of digits (Python refuses to read those)
        raise _problem(
            path, "er staat een getal in van duizenden cijfers; zo'n getal hoort niet in een dossier."
        ) from None
    except RecursionError:  # the depth count above should catch this first; never a traceback
        raise _problem(path, "de gegevens zijn te diep genest voor een dossier.") from None
    found = [CaseFileProblem(str(path), where, rule) for where, rule in _text_problems(data, [])]
    found += validate(data, str(path))
    if found:
        raise CaseFileError(sorted(found, key=_in_order))
    return case_from_dict(data)


def _bracket_depth(text: str) -> int:
    """How deep [ and { nest outside strings (counted without recursion, so any depth is safe)."""
    deepest = depth = 0
    in_string = escaped = False
    for char in text:
        if in_string:
            if escaped:
                escaped = False
            elif char == "\\":
                escaped = True
            elif char == '"':
                in_string = False
        elif char == '"':
            in_string = True
        elif char in "[{":
            depth += 1
            deepest = max(deepest, depth)
        elif char in "]}":
            depth -= 1
    return deepest


def _text_problems(value: Any, where: list[str | int]) -> list[tuple[str, str]]:
    """Texts too long, or holding characters that cannot be stored (a lone surrogate), with where they are."""
    found: list[tuple[str, str]] = []
    stack: list[tuple[Any, list[str | int]]] = [(value, where)]
    while stack:
        item, at = stack.pop()
        if isinstance(item, str):
            if len(item) > MAX_TEXT_CHARS:
                found.append(
                    (
                        json_path(at),
                        f"deze tekst is {len(item):,} tekens lang; hoogstens {MAX_TEXT_CHARS:,} (zo'n 1 MB).".replace(
                            ",", "."
                        ),
                    )
                )
            elif not _storable(item):
                found.append(
                    (json_path(at), "deze tekst bevat een teken dat geen tekst is (een losse \\u-code); haal het weg.")
                )
        elif isinstance(item, dict):
            for key, inner in item.items():
                if not _storable(key):
                    found.append((json_path(at), "een veldnaam bevat een teken dat geen tekst is; haal het weg."))
                stack.append((inner, [*at, key]))
        elif isinstance(item, list):
            stack.extend((inner, [*at, index]) for index, inner in enumerate(item))
    return found


def _storable(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def export_case(db: Database, youth_id: int) -> dict[str, Any] | None:
    """The whole case as a case-file object, or None when there is no such young person."""
    case = load_case(db, youth_id)
    return None if case is None else case_to_dict(case)
