"""Load and check prompts/release.toml: the basics checklist and the afbouw and nazorg defaults."""

from __future__ import annotations

import re
from pathlib import Path

from coach.content.model import Content
from coach.content.toml_source import (
    TomlSource,
    array_of_tables,
    check_fields,
    first_source,
    folders,
    text,
    whole_number,
)
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
    return parse_release(first_source(folders(override_dir, base_dir), RELEASE_FILE))


def _numbers(src: TomlSource, name: str, unit: str, high: int) -> tuple[int, ...]:
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
    return tuple(int(n) for n in value)


def parse_release(src: TomlSource) -> ReleaseContent:
    """Check every field of release.toml and turn it into ReleaseContent."""
    check_fields(src, src.data, _FIELDS, ())
    basics: list[BasicDefinition] = []
    for index, item in enumerate(array_of_tables(src, "basic")):
        at = ("basic", index)
        check_fields(src, item, _BASIC_FIELDS, at)
        key = text(src, item, "key", at)
        if not _KEY.match(key):
            src.fail(
                f"'key' = '{key}' kan niet: gebruik kleine letters, cijfers en _, zoals \"zorgverzekering\".",
                (*at, "key"),
            )
        if any(b.key == key for b in basics):
            src.fail(f"de sleutel '{key}' staat er twee keer in; elk punt een eigen sleutel.", (*at, "key"))
        label = text(src, item, "label", at)
        if any(b.label.casefold() == label.casefold() for b in basics):
            src.fail(f"'{label}' staat er twee keer in; elk punt één keer.", (*at, "label"))
        basics.append(BasicDefinition(key, label, text(src, item, "hint", at)))
    if not basics:
        src.fail("er moet minstens één [[basic]]-blok in staan.", ("basic",))
    return ReleaseContent(
        basics=tuple(basics),
        taper_weeks=_numbers(src, "taper_weeks", "weken", MAX_WEEKS),
        nazorg_months=_numbers(src, "nazorg_months", "maanden", MAX_MONTHS),
        tolerance_days=whole_number(src, src.data, "tolerance_days", (), 0, 14),
        stable_weeks=whole_number(src, src.data, "stable_weeks", (), 1, 104),
        confidence_question=text(src, src.data, "confidence_question", ()),
        way_back_prompt=text(src, src.data, "way_back_prompt", ()),
    )


def release_content(content: Content) -> ReleaseContent:
    """The release part of loaded prompts (the same as ``content.release``)."""
    return content.release
