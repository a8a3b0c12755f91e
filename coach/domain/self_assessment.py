"""The young person's own answers from "samen invullen": per domain a score, "sla over" or "hier wil ik over praten".

Kept apart from the coach's measurements (assessments): every answer here was
given by the young person on the laptop turned towards them, so the record
itself is the mark "door de jongere zelf ingevuld".
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

# How the young person's own answers are named wherever they are shown or exported.
SOURCE = "jongere"
SOURCE_LABEL = "door de jongere zelf ingevuld"
# The warm-story kinds the young person fills in themselves, in this order.
OWN_WARM_KINDS: tuple[str, ...] = ("trots", "belangrijk", "droom")


@dataclass
class SelfAssessment:
    """One domain answered by the young person on one date."""

    date: date
    domain: str
    id: int | None = None
    score: int | None = None
    skipped: bool = False
    talk: bool = False

    @property
    def answered(self) -> bool:
        """A score was chosen, or the domain was skipped on purpose."""
        return self.score is not None or self.skipped

    def as_json(self) -> dict[str, object]:
        """The object `coach show --json` lists under `self_assessments`."""
        return {
            "date": self.date.isoformat(),
            "domain": self.domain,
            "score": self.score,
            "skipped": self.skipped,
            "talk": self.talk,
            "source": SOURCE,
        }


def latest_self(answers: list[SelfAssessment]) -> dict[str, SelfAssessment]:
    """Per domain the young person's most recent answer (a later date wins; the same date: the later record)."""
    latest: dict[str, SelfAssessment] = {}
    for item in sorted(answers, key=lambda answer: answer.date):  # a stable sort keeps the record order
        latest[item.domain] = item
    return latest


def difference_words(coach_score: int | None, own_score: int | None) -> str:
    """How the two scores compare, as an invitation to talk (never "fout"): empty when one is missing."""
    if coach_score is None or own_score is None:
        return ""
    if coach_score == own_score:
        return "jullie zien het hetzelfde"
    return "hier kijken jullie anders naar"
