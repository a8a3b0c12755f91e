"""Load and check all of prompts/ (domains, scale, warm-story questions and the rest), with per-file overrides."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from coach.content.handover import HANDOVER_FILE
from coach.content.intervision import INTERVISION_FILE, parse_intervision
from coach.content.model import Content
from coach.content.release import RELEASE_FILE, parse_release
from coach.content.safety import SAFETY_FILE, parse_safety
from coach.content.samen import SAMEN_FILE, parse_samen
from coach.content.talk import BALANCE_FILE, VISIT_FILE, parse_balance, parse_visit
from coach.content.toml_source import (
    PromptsError,
    TomlSource,
    array_of_tables,
    check_fields,
    did_you_mean,
    first_source,
    folders,
    normalise_words,
    shown_name,
    text,
    texts,
)
from coach.domain.domains import DOMAIN_KEYS, SCORES, Domain, ScaleLevel, WarmKind
from coach.domain.model import WARM_KINDS

SCALE_FILE = "scale.toml"
WARM_FILE = "warm_story.toml"
DOMAINS_DIR = "domains"
# The files at the top of a prompts folder; anything else there is a misspelling.
# handover.toml is read on its own when a handover is made (coach.content.handover), not into Content.
TOP_FILES = (
    SCALE_FILE,
    WARM_FILE,
    RELEASE_FILE,
    BALANCE_FILE,
    VISIT_FILE,
    INTERVISION_FILE,
    SAFETY_FILE,
    HANDOVER_FILE,
    SAMEN_FILE,
)

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
        SAFETY_FILE,
        SAMEN_FILE,
    )


def load_content(override_dir: Path | None = None, base_dir: Path | None = None) -> Content:
    """Load and check all prompts; a file in override_dir replaces the same file in base_dir (ours by default)."""
    if override_dir is not None and not Path(override_dir).is_dir():
        raise PromptsError(
            str(override_dir),
            "deze map bestaat niet. Geef de map met jullie eigen prompts op, of laat de optie weg.",
            path=Path(override_dir),
        )
    places = folders(override_dir, base_dir)
    base = places[-1]
    if not base.is_dir():
        raise PromptsError(str(base), "de map met prompts bestaat niet.", path=base)
    for folder in places:
        _check_no_strays(folder)
    # Read once per process for the same files: every app (and each test's app) asks for them, and
    # parsing and checking all of prompts/ takes some 30 ms. Keyed on the files' bytes, so a changed
    # or added override is read afresh; a broken file raises every time, as nothing is kept then.
    key = tuple((str(folder), rel, _bytes_of(folder / rel)) for folder in places for rel in prompt_files())
    loaded = _LOADED.get(key)
    if loaded is None:
        loaded = _parse_all(places)
        if len(_LOADED) >= _LOADED_MAX:
            _LOADED.pop(next(iter(_LOADED)))
        _LOADED[key] = loaded
    return loaded


_LOADED: dict[tuple[tuple[str, str, bytes | None], ...], Content] = {}
_LOADED_MAX = 8


def _bytes_of(path: Path) -> bytes | None:
    try:
        return path.read_bytes()
    except OSError:
        return None


def _parse_all(places: list[Path]) -> Content:
    """Parse and check every file, each from the first folder in `places` that has it."""

    def source(rel: str) -> TomlSource:
        return first_source(places, rel)

    # Checked in this order, so with several broken files the coach always hears of the same one first.
    scale = parse_scale(source(SCALE_FILE))
    domains = tuple(parse_domain(source(f"{DOMAINS_DIR}/{key}.toml"), key) for key in DOMAIN_KEYS)
    warm_kinds = parse_warm(source(WARM_FILE))
    release = parse_release(source(RELEASE_FILE))
    intervision = parse_intervision(source(INTERVISION_FILE))
    balance = parse_balance(source(BALANCE_FILE))
    openers = parse_visit(source(VISIT_FILE))
    safety = parse_safety(source(SAFETY_FILE))
    samen = parse_samen(source(SAMEN_FILE))
    return Content(
        domains=domains,
        scale=scale,
        warm_kinds=warm_kinds,
        balance=balance,
        openers=openers,
        release=release,
        intervision=intervision,
        safety=safety,
        samen=samen,
    )


def _check_no_strays(folder: Path) -> None:
    # A misspelt file name would silently be ignored; say so instead.
    for path in sorted(folder.glob("*.toml")):
        if path.name not in TOP_FILES:
            hint = did_you_mean(path.name, TOP_FILES)
            raise PromptsError(
                shown_name(folder, path.name),
                f"onbekend bestand{hint}. Hier horen alleen {', '.join(sorted(TOP_FILES))} en de map {DOMAINS_DIR}/.",
                path=path,
            )
    for path in sorted((folder / DOMAINS_DIR).glob("*.toml")):
        if path.stem not in DOMAIN_KEYS:
            hint = did_you_mean(path.stem, DOMAIN_KEYS)
            raise PromptsError(
                shown_name(folder, f"{DOMAINS_DIR}/{path.name}"),
                f"onbekend leefgebied '{path.stem}'{hint}. De bestandsnaam moet een van "
                f"deze zijn: {', '.join(DOMAIN_KEYS)}.",
                path=path,
            )


def parse_scale(src: TomlSource) -> tuple[ScaleLevel, ...]:
    """Check scale.toml: one [[level]] per score 1 to 5, each with a label and description."""
    check_fields(src, src.data, ("level",), ())
    levels: dict[int, ScaleLevel] = {}
    for index, item in enumerate(array_of_tables(src, "level")):
        at = ("level", index)
        check_fields(src, item, _SCALE_FIELDS, at)
        score = item["score"]
        if isinstance(score, bool) or not isinstance(score, int) or score not in SCORES:
            src.fail("'score' moet een heel getal van 1 tot en met 5 zijn.", (*at, "score"))
        if score in levels:
            src.fail(f"score {score} staat er twee keer in; elke score één keer.", (*at, "score"))
        levels[score] = ScaleLevel(
            score=score,
            label=text(src, item, "label", at),
            description=text(src, item, "description", at),
        )
    missing = [str(score) for score in SCORES if score not in levels]
    if missing:
        src.fail(
            f"de schaal moet de scores 1 tot en met 5 hebben; er ontbreekt: {', '.join(missing)}. "
            "Voeg voor elke ontbrekende score een [[level]]-blok toe.",
            ("level",),
        )
    return tuple(levels[score] for score in SCORES)


def parse_domain(src: TomlSource, key: str) -> Domain:
    """Check domains/KEY.toml: the domain's texts, questions, signal words and what each score looks like."""
    data = src.data
    check_fields(src, data, _DOMAIN_FIELDS, ())
    written_key = text(src, data, "key", ())
    if written_key != key:
        src.fail(
            f"'key' is '{written_key}', maar het bestand heet {key}.toml. Maak ze gelijk: key = \"{key}\".",
            ("key",),
        )
    short = text(src, data, "short", ())
    if len(short) > SHORT_MAX:
        src.fail(
            f"'short' mag hoogstens {SHORT_MAX} tekens zijn (nu {len(short)}). Kies een korter woord.",
            ("short",),
        )
    signals = texts(src, data, "signals", (), 1, None, "signaalwoorden")
    return Domain(
        key=key,
        label=text(src, data, "label", ()),
        short=short,
        description=text(src, data, "description", ()),
        levels=_parse_levels(src, data["levels"]),
        questions=texts(src, data, "questions", (), QUESTIONS_MIN, QUESTIONS_MAX, "vragen"),
        follow_ups=texts(src, data, "follow_ups", (), 1, None, "doorvragen"),
        signals=normalise_words(signals),
    )


def _parse_levels(src: TomlSource, value: Any) -> dict[int, str]:
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
        level = value[name]
        if not isinstance(level, str) or not level.strip():
            src.fail(
                f"niveau {name} onder [levels] moet een (niet-lege) tekst tussen aanhalingstekens zijn.",
                ("levels", name),
            )
        levels[int(name)] = level.strip()
    return levels


def parse_warm(src: TomlSource) -> tuple[WarmKind, ...]:
    """Check warm_story.toml: one [[kind]] per warm-story kind, in the app's order."""
    check_fields(src, src.data, ("kind",), ())
    kinds: dict[str, WarmKind] = {}
    for index, item in enumerate(array_of_tables(src, "kind")):
        at = ("kind", index)
        check_fields(src, item, _WARM_FIELDS, at)
        key = text(src, item, "key", at)
        if key not in WARM_KINDS:
            hint = did_you_mean(key, WARM_KINDS)
            src.fail(
                f"onbekende soort '{key}'{hint}. Mogelijk zijn: {', '.join(WARM_KINDS)}.",
                (*at, "key"),
            )
        if key in kinds:
            src.fail(f"de soort '{key}' staat er twee keer in; elke soort één keer.", (*at, "key"))
        kinds[key] = WarmKind(
            key=key,
            label=text(src, item, "label", at),
            questions=texts(src, item, "questions", at, QUESTIONS_MIN, QUESTIONS_MAX, "vragen"),
        )
    missing = [key for key in WARM_KINDS if key not in kinds]
    if missing:
        src.fail(
            f"er ontbreekt een [[kind]]-blok voor: {', '.join(missing)}. "
            f"Alle zes soorten moeten erin staan: {', '.join(WARM_KINDS)}.",
            ("kind",),
        )
    return tuple(kinds[key] for key in WARM_KINDS)
