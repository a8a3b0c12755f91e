"""Load and check prompts/balance.toml (warm and problem cue words) and prompts/visit.toml (openers)."""

from __future__ import annotations

import re

from coach.content.toml_source import TomlSource, check_fields, normalise_words, text, texts
from coach.domain.domains import BalanceCues
from coach.domain.model import WARM_KINDS

BALANCE_FILE = "balance.toml"
VISIT_FILE = "visit.toml"
OPENER_SLOT = "{tekst}"
STRETCH_MIN, STRETCH_MAX = 2, 10
_OTHER_SLOT = re.compile(r"\{(?!tekst\})")


def parse_balance(src: TomlSource) -> BalanceCues:
    """The cue words of a warm and of a problem answer, and the run that asks for a warm question."""
    data = src.data
    check_fields(src, data, ("stretch", "warm", "problem"), ())
    stretch = data["stretch"]
    if isinstance(stretch, bool) or not isinstance(stretch, int) or not STRETCH_MIN <= stretch <= STRETCH_MAX:
        src.fail(
            f"'stretch' moet een heel getal van {STRETCH_MIN} tot en met {STRETCH_MAX} zijn: "
            "na zoveel probleemantwoorden op rij stelt coach een warme vraag voor.",
            ("stretch",),
        )
    warm = normalise_words(texts(src, data, "warm", (), 1, None, "warme woorden"))
    problem = normalise_words(texts(src, data, "problem", (), 1, None, "probleemwoorden"))
    both = sorted(set(warm) & set(problem))
    if both:
        src.fail(f"'{both[0]}' staat zowel bij warm als bij problem. Kies één van de twee.", ("problem",))
    return BalanceCues(warm=warm, problem=problem, stretch=stretch)


def parse_visit(src: TomlSource) -> dict[str, str]:
    """Per warm-story kind the opening of a follow-up visit, with {tekst} for their words."""
    check_fields(src, src.data, ("openers",), ())
    openers = src.data["openers"]
    if not isinstance(openers, dict):
        src.fail("'openers' moet een blok [openers] zijn met één regel per soort.", ("openers",))
    check_fields(src, openers, WARM_KINDS, ("openers",))
    result: dict[str, str] = {}
    for key in WARM_KINDS:
        opener = text(src, openers, key, ("openers",))
        if opener.count(OPENER_SLOT) != 1 or _OTHER_SLOT.search(opener):
            src.fail(
                f"de opening voor '{key}' moet {OPENER_SLOT} precies één keer bevatten "
                "(en geen andere woorden tussen { }).",
                ("openers", key),
            )
        result[key] = opener
    return result
