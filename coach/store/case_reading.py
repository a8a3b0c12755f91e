"""Reading a case file safely: a regular file, within bounds, any version; the one way files come in."""

from __future__ import annotations

import json
import os
import re
import stat
from pathlib import Path
from typing import Any

from coach import paths
from coach.store.casefile import CaseFileError, CaseFileProblem, json_path

# Bounds on what one case file may be: far above any real case (a year of weekly
# notes is some 100 KB), low enough that a wrong file cannot fill the memory.
MAX_FILE_BYTES = 20_000_000
MAX_TEXT_CHARS = 1_000_000
# The case-file schema nests five deep ($.contacts[0].domains[0]); more is never a case file,
# and Python's JSON reader runs out of stack at about a thousand.
MAX_DEPTH = 16


def problem_order(problem: CaseFileProblem) -> tuple[Any, ...]:
    """By file, then by place in the file with list positions as numbers ([2] before [10]), then rule."""
    parts = re.split(r"(\d+)", problem.path)
    place = tuple((0, int(part), "") if part.isdecimal() else (1, 0, part) for part in parts)
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


def read_json(path: Path) -> Any:
    """The JSON of a case file (any version), read within bounds; raises CaseFileError.

    Accepts a UTF-8 byte-order mark (Windows editors write one); refuses a file that is
    no regular file or too large, nesting deeper than a case file ever goes, texts of
    over a million characters and characters that are not text (a lone surrogate).
    """
    return parse_json_bytes(read_bounded(path), path)


def parse_json_bytes(raw: bytes, path: Path) -> Any:
    """The JSON in `raw` (a case file's bytes, already read; `path` names it in messages), with read_json's checks.

    For a case file that never touches the disk as plain text (a decrypted transfer file).
    """
    if len(raw) > MAX_FILE_BYTES:
        raise _problem(path, f"het bestand is groter dan {MAX_FILE_BYTES // 1_000_000} MB; zo groot is geen dossier.")
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
    if found:
        raise CaseFileError(sorted(found, key=problem_order))
    return data
