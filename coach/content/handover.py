"""Load and check prompts/handover.toml: the words that mark a note as saying what works with a young person."""

from __future__ import annotations

from pathlib import Path

from coach.content.toml_source import TomlSource, check_fields, first_source, folders, normalise_words, texts

HANDOVER_FILE = "handover.toml"


def parse_handover(src: TomlSource) -> tuple[str, ...]:
    """The cue words of "wat werkt", each lower case and stripped."""
    check_fields(src, src.data, ("cue_words",), ())
    return normalise_words(texts(src, src.data, "cue_words", (), 1, None, "woorden"))


def load_handover_words(override_dir: Path | None = None, base_dir: Path | None = None) -> tuple[str, ...]:
    """handover.toml from the organisation's folder when it has one, else ours; checked (PromptsError)."""
    return parse_handover(first_source(folders(override_dir, base_dir), HANDOVER_FILE))
