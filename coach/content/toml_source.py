"""Read one TOML file of prompts/ and check its fields, failing with a Dutch message that names file and line."""

from __future__ import annotations

import difflib
import re
import tomllib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NoReturn

from coach import paths

# A place in a file: table names, array-of-table indexes and keys, outermost first.
At = tuple[str | int, ...]
# A parsed TOML table (tomllib gives plain dicts of unknown shape).
Table = dict[str, Any]

_TOML_POSITION = re.compile(r"\s*\(at line (\d+), column (\d+)\)\s*$")
_TOML_LINE_ONLY = re.compile(r"\s*\(at line (\d+)")
_KEY_PART = r'(?:[A-Za-z0-9_-]+|"[^"]*"|\'[^\']*\')'
_KEY_LINE = re.compile(rf"^\s*({_KEY_PART}(?:\s*\.\s*{_KEY_PART})*)\s*=")
_ARRAY_HEADER = re.compile(r"^\s*\[\[\s*([^\]]+?)\s*\]\]")
_TABLE_HEADER = re.compile(r"^\s*\[\s*([^\]]+?)\s*\]")


class PromptsError(ValueError):
    """A prompts file is missing or wrong; the Dutch message names the file, line and fix."""

    def __init__(
        self,
        shown: str,
        problem: str,
        line: int | None = None,
        path: Path | None = None,
        column: int | None = None,
    ) -> None:
        where = shown
        if line:
            where += f", regel {line}" + (f", kolom {column}" if column else "")
        super().__init__(f"{where}: {problem}")
        self.shown = shown
        self.problem = problem
        self.line = line
        self.column = column
        self.path = path


def shown_name(folder: Path, rel: str) -> str:
    """How a file is named in messages: its folder's name and its path in there (``prompts/scale.toml``)."""
    return f"{folder.name}/{rel}"


@dataclass(frozen=True)
class TomlSource:
    """One TOML file: where it is, its text (to find lines in) and its parsed data."""

    path: Path
    shown: str
    text: str
    data: Table

    @classmethod
    def read(cls, folder: Path, rel: str) -> TomlSource:
        """Read and parse folder/rel; PromptsError when it is not UTF-8 or not valid TOML."""
        path = folder / rel
        shown = shown_name(folder, rel)
        try:
            text = path.read_bytes().decode("utf-8-sig")
        except UnicodeDecodeError:
            raise PromptsError(shown, "het bestand is geen UTF-8-tekst. Sla het op als UTF-8.", path=path) from None
        except OSError as err:
            raise PromptsError(shown, f"het bestand kan niet gelezen worden ({err.strerror}).", path=path) from None
        try:
            data = tomllib.loads(text)
        except tomllib.TOMLDecodeError as err:
            raise _syntax_error(shown, path, str(err)) from None
        return cls(path, shown, text, data)

    def fail(self, problem: str, at: At = ()) -> NoReturn:
        """Raise a PromptsError for this file, at the line where `at` is written."""
        raise PromptsError(self.shown, problem, find_line(self.text, at), self.path)


def shipped_prompts() -> Path:
    """The prompts folder that comes with coach; PromptsError (not a traceback) when the install lacks it."""
    try:
        return paths.prompts_dir()
    except FileNotFoundError:
        raise PromptsError(
            "prompts", "de map met prompts die bij coach hoort is niet gevonden. Installeer coach opnieuw."
        ) from None


def folders(override_dir: Path | None, base_dir: Path | None) -> list[Path]:
    """Where to look for a file, first match wins: the organisation's own folder, then ours."""
    base = Path(base_dir) if base_dir is not None else shipped_prompts()
    return [Path(override_dir), base] if override_dir is not None else [base]


def first_source(places: Sequence[Path], rel: str) -> TomlSource:
    """Read rel from the first folder that has it; the last folder is ours, so a missing file is named there."""
    for folder in places:
        if (folder / rel).is_file():
            return TomlSource.read(folder, rel)
    base = places[-1]
    raise PromptsError(
        shown_name(base, rel),
        "dit bestand ontbreekt. Zet het terug (of geef het in jullie eigen map).",
        path=base / rel,
    )


def _syntax_error(shown: str, path: Path, message: str) -> PromptsError:
    line: int | None = None
    column: int | None = None
    reason = message
    if match := _TOML_POSITION.search(message):
        line, column = int(match.group(1)), int(match.group(2))
        reason = message[: match.start()]
    elif match := _TOML_LINE_ONLY.search(message):
        line = int(match.group(1))
        reason = message[: match.start()]
    problem = f"geen geldige TOML ({reason.strip()}). Kijk naar aanhalingstekens, komma's, haakjes en het '='-teken."
    return PromptsError(shown, problem, line, path, column)


def did_you_mean(word: str, options: Iterable[str]) -> str:
    """A Dutch hint naming the closest option (`` (bedoel je 'x'?)``), or an empty string."""
    close = difflib.get_close_matches(word, list(options), n=1, cutoff=0.6)
    return f" (bedoel je '{close[0]}'?)" if close else ""


def normalise_words(words: Iterable[str]) -> tuple[str, ...]:
    """Lowercase, single-spaced, without repeats, in the order given."""
    # The matchers compare lowercase text; repeats that only differed in case would count twice.
    seen: dict[str, None] = {}
    for word in words:
        seen.setdefault(" ".join(word.lower().split()), None)
    return tuple(seen)


# --- finding the line of a key ------------------------------------------------------


def _split_key(raw: str) -> tuple[str, ...]:
    parts: list[str] = re.findall(_KEY_PART, raw)
    return tuple(part[1:-1] if part[:1] in "\"'" else part for part in parts)


def _key_lines(text: str) -> dict[At, int]:
    """Map each key path (tables, array-of-table indexes, keys) to its first line."""
    found: dict[At, int] = {}
    table: At = ()
    counts: dict[tuple[str, ...], int] = {}
    in_multiline = False
    for number, line in enumerate(text.splitlines(), start=1):
        quotes = line.count('"""') + line.count("'''")
        if in_multiline:
            in_multiline = quotes % 2 == 0
            continue
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            continue
        if match := _ARRAY_HEADER.match(line):
            name = _split_key(match.group(1))
            index = counts.get(name, 0)
            counts[name] = index + 1
            found.setdefault(name, number)
            table = (*name, index)
        elif match := _TABLE_HEADER.match(line):
            table = _split_key(match.group(1))
        elif match := _KEY_LINE.match(line):
            found.setdefault((*table, *_split_key(match.group(1))), number)
            in_multiline = quotes % 2 == 1
            continue
        else:
            continue
        found.setdefault(table, number)
    return found


def find_line(text: str, at: At) -> int | None:
    """The line where `at` is written in a TOML text, else where its nearest parent is written."""
    lines = _key_lines(text)
    path = tuple(at)
    while path:
        if path in lines:
            return lines[path]
        path = path[:-1]
    return None


# --- field checks -------------------------------------------------------------------


def check_fields(src: TomlSource, table: Table, allowed: Sequence[str], at: At) -> None:
    """Every field in `allowed` is there and nothing else is; else fail with a did-you-mean hint."""
    for name in table:
        if name not in allowed:
            hint = did_you_mean(name, allowed)
            src.fail(
                f"onbekend veld '{name}'{hint}. Toegestaan zijn: {', '.join(allowed)}.",
                (*at, name),
            )
    for name in allowed:
        if name not in table:
            src.fail(f"'{name}' ontbreekt. Voeg het veld toe.", at)


def text(src: TomlSource, table: Table, name: str, at: At) -> str:
    """The field as a non-empty text, stripped."""
    value = table[name]
    if not isinstance(value, str):
        src.fail(f"'{name}' moet een tekst tussen aanhalingstekens zijn.", (*at, name))
    if not value.strip():
        src.fail(f"'{name}' is leeg. Vul een tekst in.", (*at, name))
    return value.strip()


def texts(
    src: TomlSource,
    table: Table,
    name: str,
    at: At,
    low: int,
    high: int | None,
    what: str,
) -> tuple[str, ...]:
    """The field as a list of low to high (None: any number of) non-empty texts, each stripped.

    Args:
        what: the Dutch plural the message uses for the items ("vragen").
    """
    value = table[name]
    if high is None:
        rule = f"een niet-lege lijst met {what}"
    else:
        rule = f"een lijst met {low} tot {high} {what}"
    if not isinstance(value, list) or not low <= len(value) <= (high or len(value)):
        src.fail(f"'{name}' moet {rule} zijn.", (*at, name))
    items: list[Any] = value
    if not all(isinstance(item, str) and item.strip() for item in items):
        src.fail(
            f"'{name}' mag alleen teksten tussen aanhalingstekens bevatten, en geen lege.",
            (*at, name),
        )
    return tuple(str(item).strip() for item in items)


def whole_number(src: TomlSource, table: Table, name: str, at: At, low: int, high: int) -> int:
    """The field as a whole number from low to high (true and false do not count as numbers)."""
    value = table[name]
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        src.fail(f"'{name}' moet een heel getal van {low} tot en met {high} zijn.", (*at, name))
    return value


def table_field(src: TomlSource, table: Table, name: str, at: At) -> Table:
    """The field as a table ([name])."""
    value = table[name]
    if not isinstance(value, dict):
        src.fail(f"'{name}' moet een blok [{name}] zijn.", (*at, name))
    return value


def array_of_tables(src: TomlSource, name: str, table: Table | None = None, at: At = ()) -> list[Table]:
    """The field as an array of tables ([[name]] blocks); by default a top-level one."""
    value = (src.data if table is None else table)[name]
    if not isinstance(value, list) or not all(isinstance(item, dict) for item in value):
        header = ".".join(str(part) for part in (*at, name))
        src.fail(
            f"'{name}' moet een reeks blokken zijn, elk beginnend met [[{header}]] (twee vierkante haken).",
            (*at, name),
        )
    return value
