"""Load and check prompts/samen.toml: what the young person reads in samen invullen, in their own words."""

from __future__ import annotations

from dataclasses import dataclass

from coach.content.toml_source import (
    TomlSource,
    array_of_tables,
    check_fields,
    did_you_mean,
    table_field,
    text,
    texts,
)
from coach.domain.domains import DOMAIN_KEYS, SCORES
from coach.domain.self_assessment import OWN_WARM_KINDS

SAMEN_FILE = "samen.toml"
_TOP_FIELDS = ("title", "welcome", "how", "closing", "answers", "questions", "warm")
_QUESTION_FIELDS = ("question", "hint")
_WARM_FIELDS = ("key", "question", "hint")


@dataclass(frozen=True)
class OwnQuestion:
    """One question as the young person reads it, with a short line under it."""

    question: str
    hint: str


@dataclass(frozen=True)
class OwnWarmQuestion:
    """One warm-story question the young person answers by typing."""

    key: str
    question: str
    hint: str


@dataclass(frozen=True)
class SamenContent:
    """Everything samen.toml holds: the page texts, five answers, a question per domain, the warm questions."""

    title: str
    welcome: str
    how: str
    closing: str
    # answers[score - 1] is the answer in words for that score.
    answers: tuple[str, ...]
    questions: dict[str, OwnQuestion]
    warm: tuple[OwnWarmQuestion, ...]

    def answer(self, score: int) -> str:
        """The answer in words for a score 1–5."""
        return self.answers[score - 1]


def parse_samen(src: TomlSource) -> SamenContent:
    """Check samen.toml: five answers, a question for each of the 13 domains, the three warm questions."""
    data = src.data
    check_fields(src, data, _TOP_FIELDS, ())
    answers = texts(src, data, "answers", (), len(SCORES), len(SCORES), "antwoorden (van 1 tot en met 5)")
    found = table_field(src, data, "questions", ())
    for key in found:
        if key not in DOMAIN_KEYS:
            src.fail(
                f"onbekend leefgebied '{key}'{did_you_mean(key, DOMAIN_KEYS)}. Mogelijk zijn: {', '.join(DOMAIN_KEYS)}.",
                ("questions", key),
            )
    missing = [key for key in DOMAIN_KEYS if key not in found]
    if missing:
        src.fail(
            f"er ontbreekt een vraag voor: {', '.join(missing)}. Geef elk leefgebied een blok [questions.<leefgebied>].",
            ("questions",),
        )
    questions: dict[str, OwnQuestion] = {}
    for key in DOMAIN_KEYS:
        block = table_field(src, found, key, ("questions",))
        at = ("questions", key)
        check_fields(src, block, _QUESTION_FIELDS, at)
        questions[key] = OwnQuestion(text(src, block, "question", at), text(src, block, "hint", at))
    warm: dict[str, OwnWarmQuestion] = {}
    for index, item in enumerate(array_of_tables(src, "warm")):
        warm_at: tuple[str | int, ...] = ("warm", index)
        check_fields(src, item, _WARM_FIELDS, warm_at)
        key = text(src, item, "key", warm_at)
        if key not in OWN_WARM_KINDS:
            src.fail(
                f"onbekende soort '{key}'{did_you_mean(key, OWN_WARM_KINDS)}. Mogelijk zijn: {', '.join(OWN_WARM_KINDS)}.",
                (*warm_at, "key"),
            )
        if key in warm:
            src.fail(f"de soort '{key}' staat er twee keer in; elke soort één keer.", (*warm_at, "key"))
        warm[key] = OwnWarmQuestion(key, text(src, item, "question", warm_at), text(src, item, "hint", warm_at))
    missing = [key for key in OWN_WARM_KINDS if key not in warm]
    if missing:
        src.fail(f"er ontbreekt een [[warm]]-blok voor: {', '.join(missing)}.", ("warm",))
    return SamenContent(
        title=text(src, data, "title", ()),
        welcome=text(src, data, "welcome", ()),
        how=text(src, data, "how", ()),
        closing=text(src, data, "closing", ()),
        answers=answers,
        questions=questions,
        warm=tuple(warm[key] for key in OWN_WARM_KINDS),
    )
