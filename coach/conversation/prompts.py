"""Load and check the conversation content in prompts/ (TOML), with per-file overrides."""

from __future__ import annotations

import difflib
import re
import tomllib
from collections.abc import Iterable
from pathlib import Path
from typing import Any, NoReturn

from coach import paths
from coach.domain.domains import (
    DOMAIN_KEYS,
    SCORES,
    Content,
    Domain,
    ScaleLevel,
    WarmKind,
)
from coach.domain.model import WARM_KINDS

# The warm-story kinds, in the order the app shows them.
WARM_KEYS = WARM_KINDS

SCALE_FILE = "scale.toml"
WARM_FILE = "warm_story.toml"
RELEASE_FILE = "release.toml"  # parsed by coach.conversation.release_prompts
BALANCE_FILE = "balance.toml"  # parsed by coach.conversation.talk_prompts
VISIT_FILE = "visit.toml"  # parsed by coach.conversation.talk_prompts
INTERVISION_FILE = "intervision.toml"  # parsed by coach.reports.intervision_methods
DOMAINS_DIR = "domains"

QUESTIONS_MIN, QUESTIONS_MAX = 3, 6
SHORT_MAX = 12

_DOMAIN_FIELDS = (
    "key",
    "label",
    "short",
    "description",
    "questions",
    "follow_ups",
    "signals",
    "levels",
)
_SCALE_FIELDS = ("score", "label", "description")
_WARM_FIELDS = ("key", "label", "questions")

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


def prompt_files() -> tuple[str, ...]:
    """Relative paths of all files the content is made of (each may be overridden)."""
    return (
        SCALE_FILE,
        *(f"{DOMAINS_DIR}/{key}.toml" for key in DOMAIN_KEYS),
        WARM_FILE,
        RELEASE_FILE,
        BALANCE_FILE,
        VISIT_FILE,
        INTERVISION_FILE,
    )


def load_content(override_dir: Path | None = None, base_dir: Path | None = None) -> Content:
    """Load and check all prompts; a file in override_dir replaces the same file in base_dir."""
    base = Path(base_dir) if base_dir is not None else paths.prompts_dir()
    folders = [base]
    if override_dir is not None:
        override = Path(override_dir)
        if not override.is_dir():
            raise PromptsError(
                str(override),
                "deze map bestaat niet. Geef de map met jullie eigen prompts op, of laat de optie weg.",
                path=override,
            )
        folders.insert(0, override)
    if not base.is_dir():
        raise PromptsError(str(base), "de map met prompts bestaat niet.", path=base)
    for folder in folders:
        _check_no_strays(folder)

    def source(rel: str) -> _Source:
        for folder in folders:
            if (folder / rel).is_file():
                return _Source.read(folder, rel)
        raise PromptsError(
            _shown(base, rel),
            "dit bestand ontbreekt. Zet het terug (of geef het in jullie eigen map).",
            path=base / rel,
        )

    scale = _parse_scale(source(SCALE_FILE))
    domains = tuple(_parse_domain(source(f"{DOMAINS_DIR}/{key}.toml"), key) for key in DOMAIN_KEYS)
    warm_kinds = _parse_warm(source(WARM_FILE))
    from coach.conversation.release_prompts import parse_release  # it builds on this module's helpers

    release = parse_release(source(RELEASE_FILE))
    from coach.reports.intervision_methods import parse_intervision

    intervision = parse_intervision(source(INTERVISION_FILE))
    from coach.conversation.talk_prompts import parse_balance, parse_visit

    return Content(
        domains=domains,
        scale=scale,
        warm_kinds=warm_kinds,
        extra={"release": release, "intervision": intervision},
        balance=parse_balance(source(BALANCE_FILE)),
        openers=parse_visit(source(VISIT_FILE)),
    )


# --- reading files -----------------------------------------------------------------


def _shown(folder: Path, rel: str) -> str:
    return f"{folder.name}/{rel}"


class _Source:
    """One TOML file: where it is, its text and parsed data."""

    def __init__(self, path: Path, shown: str, text: str, data: dict[str, Any]) -> None:
        self.path = path
        self.shown = shown
        self.text = text
        self.data = data

    @classmethod
    def read(cls, folder: Path, rel: str) -> _Source:
        path = folder / rel
        shown = _shown(folder, rel)
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

    def fail(self, problem: str, at: tuple[str | int, ...] = ()) -> NoReturn:
        """Raise a PromptsError for this file, at the line where `at` is written."""
        raise PromptsError(self.shown, problem, _find_line(self.text, at), self.path)


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


def _check_no_strays(folder: Path) -> None:
    # A misspelt file name would silently be ignored; say so instead.
    top = {SCALE_FILE, WARM_FILE, RELEASE_FILE, BALANCE_FILE, VISIT_FILE, INTERVISION_FILE}
    for path in sorted(folder.glob("*.toml")):
        if path.name not in top:
            hint = _did_you_mean(path.name, top)
            raise PromptsError(
                _shown(folder, path.name),
                f"onbekend bestand{hint}. Hier horen alleen {', '.join(sorted(top))} en de map {DOMAINS_DIR}/.",
                path=path,
            )
    for path in sorted((folder / DOMAINS_DIR).glob("*.toml")):
        if path.stem not in DOMAIN_KEYS:
            hint = _did_you_mean(path.stem, DOMAIN_KEYS)
            raise PromptsError(
                _shown(folder, f"{DOMAINS_DIR}/{path.name}"),
                f"onbekend leefgebied '{path.stem}'{hint}. De bestandsnaam moet een van "
                f"deze zijn: {', '.join(DOMAIN_KEYS)}.",
                path=path,
            )


def _did_you_mean(word: str, options: Iterable[str]) -> str:
    close = difflib.get_close_matches(word, list(options), n=1, cutoff=0.6)
    return f" (bedoel je '{close[0]}'?)" if close else ""


# --- finding the line of a key ------------------------------------------------------


def _split_key(raw: str) -> tuple[str, ...]:
    parts = re.findall(_KEY_PART, raw)
    return tuple(part[1:-1] if part[:1] in "\"'" else part for part in parts)


def _key_lines(text: str) -> dict[tuple[str | int, ...], int]:
    """Map each key path (tables, array-of-table indexes, keys) to its first line."""
    found: dict[tuple[str | int, ...], int] = {}
    table: tuple[str | int, ...] = ()
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


def _find_line(text: str, at: tuple[str | int, ...]) -> int | None:
    """The line where `at` is written, else where its nearest parent is written."""
    lines = _key_lines(text)
    path = tuple(at)
    while path:
        if path in lines:
            return lines[path]
        path = path[:-1]
    return None


# --- field checks -------------------------------------------------------------------


def _check_fields(src: _Source, table: dict[str, Any], allowed: tuple[str, ...], at: tuple[str | int, ...]) -> None:
    for name in table:
        if name not in allowed:
            hint = _did_you_mean(name, allowed)
            src.fail(
                f"onbekend veld '{name}'{hint}. Toegestaan zijn: {', '.join(allowed)}.",
                (*at, name),
            )
    for name in allowed:
        if name not in table:
            src.fail(f"'{name}' ontbreekt. Voeg het veld toe.", at)


def _text(src: _Source, table: dict[str, Any], name: str, at: tuple[str | int, ...]) -> str:
    value = table[name]
    if not isinstance(value, str):
        src.fail(f"'{name}' moet een tekst tussen aanhalingstekens zijn.", (*at, name))
    if not value.strip():
        src.fail(f"'{name}' is leeg. Vul een tekst in.", (*at, name))
    return value.strip()


def _texts(
    src: _Source,
    table: dict[str, Any],
    name: str,
    at: tuple[str | int, ...],
    low: int,
    high: int | None,
    what: str,
) -> tuple[str, ...]:
    value = table[name]
    if high is None:
        rule = f"een niet-lege lijst met {what}"
    else:
        rule = f"een lijst met {low} tot {high} {what}"
    if not isinstance(value, list) or not low <= len(value) <= (high or len(value)):
        src.fail(f"'{name}' moet {rule} zijn.", (*at, name))
    if not all(isinstance(item, str) and item.strip() for item in value):
        src.fail(
            f"'{name}' mag alleen teksten tussen aanhalingstekens bevatten, en geen lege.",
            (*at, name),
        )
    return tuple(item.strip() for item in value)


def _array_of_tables(src: _Source, name: str) -> list[dict[str, Any]]:
    value = src.data[name]
    if not isinstance(value, list) or not all(isinstance(item, dict) for item in value):
        src.fail(
            f"'{name}' moet een reeks blokken zijn, elk beginnend met [[{name}]] (twee vierkante haken).",
            (name,),
        )
    return value


# --- the three kinds of file --------------------------------------------------------


def _parse_scale(src: _Source) -> tuple[ScaleLevel, ...]:
    _check_fields(src, src.data, ("level",), ())
    levels: dict[int, ScaleLevel] = {}
    for index, item in enumerate(_array_of_tables(src, "level")):
        at = ("level", index)
        _check_fields(src, item, _SCALE_FIELDS, at)
        score = item["score"]
        if isinstance(score, bool) or not isinstance(score, int) or score not in SCORES:
            src.fail("'score' moet een heel getal van 1 tot en met 5 zijn.", (*at, "score"))
        if score in levels:
            src.fail(f"score {score} staat er twee keer in; elke score één keer.", (*at, "score"))
        levels[score] = ScaleLevel(
            score=score,
            label=_text(src, item, "label", at),
            description=_text(src, item, "description", at),
        )
    missing = [str(score) for score in SCORES if score not in levels]
    if missing:
        src.fail(
            f"de schaal moet de scores 1 tot en met 5 hebben; er ontbreekt: {', '.join(missing)}. "
            "Voeg voor elke ontbrekende score een [[level]]-blok toe.",
            ("level",),
        )
    return tuple(levels[score] for score in SCORES)


def _parse_domain(src: _Source, key: str) -> Domain:
    data = src.data
    _check_fields(src, data, _DOMAIN_FIELDS, ())
    written_key = _text(src, data, "key", ())
    if written_key != key:
        src.fail(
            f"'key' is '{written_key}', maar het bestand heet {key}.toml. Maak ze gelijk: key = \"{key}\".",
            ("key",),
        )
    short = _text(src, data, "short", ())
    if len(short) > SHORT_MAX:
        src.fail(
            f"'short' mag hoogstens {SHORT_MAX} tekens zijn (nu {len(short)}). Kies een korter woord.",
            ("short",),
        )
    signals = _texts(src, data, "signals", (), 1, None, "signaalwoorden")
    return Domain(
        key=key,
        label=_text(src, data, "label", ()),
        short=short,
        description=_text(src, data, "description", ()),
        levels=_parse_levels(src, data["levels"]),
        questions=_texts(src, data, "questions", (), QUESTIONS_MIN, QUESTIONS_MAX, "vragen"),
        follow_ups=_texts(src, data, "follow_ups", (), 1, None, "doorvragen"),
        signals=_normalise_signals(signals),
    )


def _parse_levels(src: _Source, value: Any) -> dict[int, str]:
    if not isinstance(value, dict):
        src.fail(
            '\'levels\' moet een blok [levels] zijn met de regels 1 = "..." tot en met 5 = "...".',
            ("levels",),
        )
    wanted = [str(score) for score in SCORES]
    for name in value:
        if name not in wanted:
            src.fail(
                f"onbekend niveau '{name}' onder [levels]; alleen 1 tot en met 5 mogen.",
                ("levels", name),
            )
    missing = [name for name in wanted if name not in value]
    if missing:
        src.fail(
            f"onder [levels] ontbreekt niveau {', '.join(missing)}. "
            'Geef elk niveau 1 tot en met 5 een tekst, zoals 3 = "...".',
            ("levels",),
        )
    levels: dict[int, str] = {}
    for name in wanted:
        text = value[name]
        if not isinstance(text, str) or not text.strip():
            src.fail(
                f"niveau {name} onder [levels] moet een (niet-lege) tekst tussen aanhalingstekens zijn.",
                ("levels", name),
            )
        levels[int(name)] = text.strip()
    return levels


def _normalise_signals(signals: tuple[str, ...]) -> tuple[str, ...]:
    # The matcher compares lowercase text; drop repeats that only differed in case.
    seen: dict[str, None] = {}
    for signal in signals:
        seen.setdefault(" ".join(signal.lower().split()), None)
    return tuple(seen)


def _parse_warm(src: _Source) -> tuple[WarmKind, ...]:
    _check_fields(src, src.data, ("kind",), ())
    kinds: dict[str, WarmKind] = {}
    for index, item in enumerate(_array_of_tables(src, "kind")):
        at = ("kind", index)
        _check_fields(src, item, _WARM_FIELDS, at)
        key = _text(src, item, "key", at)
        if key not in WARM_KEYS:
            hint = _did_you_mean(key, WARM_KEYS)
            src.fail(
                f"onbekende soort '{key}'{hint}. Mogelijk zijn: {', '.join(WARM_KEYS)}.",
                (*at, "key"),
            )
        if key in kinds:
            src.fail(f"de soort '{key}' staat er twee keer in; elke soort één keer.", (*at, "key"))
        kinds[key] = WarmKind(
            key=key,
            label=_text(src, item, "label", at),
            questions=_texts(src, item, "questions", at, QUESTIONS_MIN, QUESTIONS_MAX, "vragen"),
        )
    missing = [key for key in WARM_KEYS if key not in kinds]
    if missing:
        src.fail(
            f"er ontbreekt een [[kind]]-blok voor: {', '.join(missing)}. "
            f"Alle zes soorten moeten erin staan: {', '.join(WARM_KEYS)}.",
            ("kind",),
        )
    return tuple(kinds[key] for key in WARM_KEYS)
