"""Load and check prompts/veiligheid.toml: the safety signal words per kind, and the ordinary phrases."""

from __future__ import annotations

import re
from pathlib import Path

from coach.content.toml_source import (
    TomlSource,
    array_of_tables,
    check_fields,
    first_source,
    folders,
    text,
    texts,
)
from coach.domain.safety import SafetyCues, SafetyKind, parse_cue

SAFETY_FILE = "veiligheid.toml"
_FIELDS = ("kind", "ordinary")
_KIND_FIELDS = ("key", "label", "help", "signals")
_KEY = re.compile(r"^[a-z][a-z0-9_]*$")
_CUE = re.compile(r"^[\w'’\- ]+\*?(?: [\w'’\-]+\*?)*$", re.UNICODE)


def load_safety(override_dir: Path | None = None, base_dir: Path | None = None) -> SafetyCues:
    """veiligheid.toml from the organisation's folder when it has one, else ours; checked."""
    return parse_safety(first_source(folders(override_dir, base_dir), SAFETY_FILE))


def _cues(src: TomlSource, table: dict[str, object], name: str, at: tuple[str | int, ...]) -> tuple[str, ...]:
    found = texts(src, table, name, at, 1, None, "woorden of zinnen")
    for cue in found:
        if not _CUE.match(cue) or not parse_cue(cue):
            src.fail(
                f"'{cue}' in '{name}' kan niet: gebruik woorden met spaties ertussen, eventueel met een * "
                'aan het eind van een woord ("mishandel*").',
                (*at, name),
            )
    return found


def parse_safety(src: TomlSource) -> SafetyCues:
    """Check every field of veiligheid.toml and turn it into SafetyCues."""
    check_fields(src, src.data, _FIELDS, ())
    kinds: list[SafetyKind] = []
    owner: dict[tuple[object, ...], str] = {}
    for index, item in enumerate(array_of_tables(src, "kind")):
        at = ("kind", index)
        check_fields(src, item, _KIND_FIELDS, at)
        key = text(src, item, "key", at)
        if not _KEY.match(key):
            src.fail(
                f"'key' = '{key}' kan niet: gebruik kleine letters, cijfers en _, zoals \"huiselijk_geweld\".",
                (*at, "key"),
            )
        if any(kind.key == key for kind in kinds):
            src.fail(f"de soort '{key}' staat er twee keer in; elke soort één [[kind]]-blok.", (*at, "key"))
        label = text(src, item, "label", at)
        signals = _cues(src, item, "signals", at)
        for cue in signals:
            words = parse_cue(cue)
            if words in owner and owner[words] != key:
                src.fail(f"'{cue}' staat ook bij '{owner[words]}'; een signaal hoort bij één soort.", (*at, "signals"))
            owner[words] = key
        kinds.append(SafetyKind(key, label, text(src, item, "help", at), signals))
    if not kinds:
        src.fail("er moet minstens één [[kind]]-blok in staan.", ("kind",))
    ordinary = _cues(src, src.data, "ordinary", ())
    return SafetyCues(kinds, ordinary)
