"""Load and check prompts/release.toml: the basics checklist and the afbouw and nazorg defaults."""

from __future__ import annotations

import re
from pathlib import Path

from coach import paths
from coach.conversation.prompts import (
    PromptsError,
    _array_of_tables,
    _check_fields,
    _Source,
    _text,
)
from coach.domain.domains import Content
from coach.domain.release import BasicDefinition, ReleaseContent
from coach.domain.taper import MAX_MONTHS, MAX_STEPS, MAX_WEEKS

RELEASE_FILE = "release.toml"
_FIELDS = (
    "taper_weeks",
    "nazorg_months",
    "tolerance_days",
    "stable_weeks",
    "confidence_question",
    "way_back_prompt",
    "basic",
)
_BASIC_FIELDS = ("key", "label", "hint")
_KEY = re.compile(r"^[a-z][a-z0-9_]*$")


def load_release(override_dir: Path | None = None, base_dir: Path | None = None) -> ReleaseContent:
    """release.toml from the organisation's folder when it has one, else ours; checked."""
    base = Path(base_dir) if base_dir is not None else paths.prompts_dir()
    for folder in ([Path(override_dir)] if override_dir is not None else []) + [base]:
        if (folder / RELEASE_FILE).is_file():
            return parse_release(_Source.read(folder, RELEASE_FILE))
    raise PromptsError(
        f"{base.name}/{RELEASE_FILE}",
        "dit bestand ontbreekt. Zet het terug (of geef het in jullie eigen map).",
        path=base / RELEASE_FILE,
    )


def release_content(content: Content) -> ReleaseContent:
    """The release content loaded with the rest of the prompts, or ours when it was not."""
    found = content.extra.get("release")
    return found if isinstance(found, ReleaseContent) else load_release()


def _numbers(src: _Source, name: str, unit: str, high: int) -> tuple[int, ...]:
    value = src.data[name]
    if (
        not isinstance(value, list)
        or not 1 <= len(value) <= MAX_STEPS
        or not all(isinstance(n, int) and not isinstance(n, bool) and 1 <= n <= high for n in value)
    ):
        src.fail(
            f"'{name}' moet een lijst van 1 tot {MAX_STEPS} hele getallen zijn, elk 1 tot en met {high} {unit}, "
            "bijvoorbeeld [1, 2, 3, 4].",
            (name,),
        )
    return tuple(value)


def _number(src: _Source, name: str, low: int, high: int) -> int:
    value = src.data[name]
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        src.fail(f"'{name}' moet een heel getal van {low} tot en met {high} zijn.", (name,))
    return value


def parse_release(src: _Source) -> ReleaseContent:
    """Check every field of release.toml and turn it into ReleaseContent."""
    _check_fields(src, src.data, _FIELDS, ())
    basics: list[BasicDefinition] = []
    for index, item in enumerate(_array_of_tables(src, "basic")):
        at = ("basic", index)
        _check_fields(src, item, _BASIC_FIELDS, at)
        key = _text(src, item, "key", at)
        if not _KEY.match(key):
            src.fail(
                f"'key' = '{key}' kan niet: gebruik kleine letters, cijfers en _, zoals \"zorgverzekering\".",
                (*at, "key"),
            )
        if any(b.key == key for b in basics):
            src.fail(f"de sleutel '{key}' staat er twee keer in; elk punt een eigen sleutel.", (*at, "key"))
        label = _text(src, item, "label", at)
        if any(b.label.casefold() == label.casefold() for b in basics):
            src.fail(f"'{label}' staat er twee keer in; elk punt één keer.", (*at, "label"))
        basics.append(BasicDefinition(key, label, _text(src, item, "hint", at)))
    if not basics:
        src.fail("er moet minstens één [[basic]]-blok in staan.", ("basic",))
    return ReleaseContent(
        basics=tuple(basics),
        taper_weeks=_numbers(src, "taper_weeks", "weken", MAX_WEEKS),
        nazorg_months=_numbers(src, "nazorg_months", "maanden", MAX_MONTHS),
        tolerance_days=_number(src, "tolerance_days", 0, 14),
        stable_weeks=_number(src, "stable_weeks", 1, 104),
        confidence_question=_text(src, src.data, "confidence_question", ()),
        way_back_prompt=_text(src, src.data, "way_back_prompt", ()),
    )
