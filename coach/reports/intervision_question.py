"""Does the coach's question for intervision ask about the coach's own actions? Advice and rewrites."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from coach.content.model import QuestionHelp

GOOD, WARN, EMPTY = "good", "warn", "empty"
_WORD = re.compile(r"[\w'’]+")


@dataclass(frozen=True)
class QuestionCheck:
    """The verdict on a question: 'good', 'warn' or 'empty', what to say, and rewrites to offer."""

    verdict: str
    advice: tuple[str, ...] = ()
    suggestions: tuple[str, ...] = ()

    @property
    def about_youth(self) -> bool:
        """True when the question is (also) about what the young person should do."""
        return self.verdict == WARN


def _words(text: str) -> list[str]:
    return [word.lower().replace("’", "'") for word in _WORD.findall(text)]


def _has_phrase(words: list[str], phrase: str) -> bool:
    wanted = phrase.split()
    return any(words[i : i + len(wanted)] == wanted for i in range(len(words) - len(wanted) + 1))


def _without_names(text: str, names: Iterable[str]) -> str:
    """The question with every known name read as 'de jongere' ("hoe krijg ik Sanne…" asks about someone)."""
    for name in sorted({n for n in names if len(n.strip()) > 1}, key=len, reverse=True):
        text = re.sub(
            r"(?<![\w])" + re.escape(name.strip()) + r"(?:'s)?(?![\w])", "de jongere", text, flags=re.IGNORECASE
        )
    return text


def _fill(template: str, groups: dict[str, str]) -> str:
    """The template with each {name} replaced by its group, or by nothing when the group is missing."""
    return re.sub(r"\{(\w+)\}", lambda m: groups.get(m[1], ""), template)


def _rewrites(question: str, help_: QuestionHelp) -> tuple[str, ...]:
    flat = " ".join(question.split())
    out: list[str] = []
    for rewrite in help_.rewrites:
        match = rewrite.pattern.match(flat)
        if match is None:
            continue
        groups = {key: (value or "").strip() for key, value in match.groupdict().items()}
        for template in rewrite.into:
            text = _fill(template, groups)
            out.append(" ".join(text.split()).replace(" ,", ","))
    return tuple(dict.fromkeys(out))


def check_question(question: str | None, help_: QuestionHelp, names: Iterable[str] = ()) -> QuestionCheck:
    """Check a learning question: about the coach (good), about the young person (warn), or not there yet.

    Args:
        names: name forms of the young person and their network; a question that uses one gets a note.
    """
    text = (question or "").strip()
    if not text:
        return QuestionCheck(EMPTY, (help_.tips[0],), ())
    named = _without_names(text, names)
    words = _words(named)
    advice: list[str] = []
    about = any(_has_phrase(words, phrase) for phrase in help_.about_youth)
    own = any(word in help_.own_words for word in words)
    if about:
        advice.append(help_.advice["about_youth"])
    elif not own:
        advice.append(help_.advice["not_own"])
    if not text.rstrip().endswith("?"):
        advice.append(help_.advice["not_a_question"])
    if named != text:
        advice.append(help_.advice["name"])
    verdict = WARN if (about or not own) else GOOD
    if verdict == GOOD and not advice:
        advice.append(help_.advice["good"])
    return QuestionCheck(verdict, tuple(advice), _rewrites(named, help_) if verdict == WARN else ())
