"""The intake conversation as plain data: per domain what was said and scored, and its coverage."""

from __future__ import annotations

from dataclasses import dataclass
from dataclasses import field as default
from datetime import date

from coach.domain.domains import DOMAIN_KEYS
from coach.domain.model import WARM_KINDS

# The warm story is the first section of an intake; the 13 domains follow.
WARM = "warm"
SECTIONS: tuple[str, ...] = (WARM, *DOMAIN_KEYS)

# Coverage of a domain in one conversation.
NOT_YET, TOUCHED, SCORED, NU_NIET, NVT = "nog_niet", "besproken", "gescoord", "nu_niet", "nvt"
SKIPS: tuple[str, ...] = (NU_NIET, NVT)
STATE_LABELS: dict[str, str] = {
    NOT_YET: "nog niet",
    TOUCHED: "besproken",
    SCORED: "gescoord",
    NU_NIET: "nu niet",
    NVT: "niet van toepassing",
}

# Who carries a domain now.
CARRIERS: tuple[str, ...] = ("eigen_kracht", "netwerk", "professionals")
CARRIER_LABELS: dict[str, str] = {
    "eigen_kracht": "Eigen kracht",
    "netwerk": "Netwerk",
    "professionals": "Professionals",
}

# The free-text fields of a domain, in the order the screen shows them.
TEXT_FIELDS: tuple[str, ...] = ("notes", "going_well", "concerns", "wish")
FIELD_LABELS: dict[str, str] = {
    "notes": "Aantekeningen",
    "going_well": "Wat gaat goed",
    "concerns": "Zorgen",
    "wish": "Wens van de jongere",
}


@dataclass
class DomainEntry:
    """What one intake holds about one domain."""

    domain: str
    notes: str = ""
    going_well: str = ""
    concerns: str = ""
    wish: str = ""
    carried_by: tuple[str, ...] = ()
    carriers: tuple[str, ...] = ()
    score: int | None = None
    youth_score: int | None = None
    skip: str | None = None
    touched_on: date | None = None

    @property
    def has_content(self) -> bool:
        """Something was written down, chosen or scored."""
        return bool(
            any(getattr(self, name).strip() for name in TEXT_FIELDS)
            or self.carried_by
            or self.carriers
            or self.score is not None
            or self.youth_score is not None
        )

    @property
    def state(self) -> str:
        """nog niet / besproken / gescoord, or the skip the coach chose."""
        if self.skip in SKIPS:
            return self.skip
        if self.score is not None:
            return SCORED
        return TOUCHED if self.has_content else NOT_YET

    @property
    def difference(self) -> int | None:
        """The young person's own score minus the coach's, when both are there."""
        if self.score is None or self.youth_score is None:
            return None
        return self.youth_score - self.score


@dataclass
class WarmAnswer:
    """One kind of the warm story as told in this intake."""

    kind: str
    text: str = ""
    own_words: bool = False
    warm_story_id: int | None = None


@dataclass
class Intake:
    """One intake of one young person, with where the coach was in it."""

    id: int
    youth_id: int
    started_on: date
    completed_on: date | None = None
    section: str = WARM
    field: str | None = None
    question: int = 0
    domains: dict[str, DomainEntry] = default(default_factory=dict)
    warm: dict[str, WarmAnswer] = default(default_factory=dict)

    def __post_init__(self) -> None:
        for key in DOMAIN_KEYS:
            self.domains.setdefault(key, DomainEntry(key))
        for kind in WARM_KINDS:
            self.warm.setdefault(kind, WarmAnswer(kind))

    @property
    def completed(self) -> bool:
        """The intake was closed and stored as the baseline."""
        return self.completed_on is not None

    def coverage(self) -> dict[str, str]:
        """Each domain's state, in the fixed order."""
        return {key: self.domains[key].state for key in DOMAIN_KEYS}

    def counts(self) -> dict[str, int]:
        """How many domains are in each state."""
        result = dict.fromkeys(STATE_LABELS, 0)
        for state in self.coverage().values():
            result[state] += 1
        return result

    @property
    def warm_told(self) -> int:
        """How many kinds of the warm story have an answer."""
        return sum(bool(answer.text.strip()) for answer in self.warm.values())


OPEN_QUOTES = '"“„'
CLOSE_QUOTES = '"”'


def split_own_words(text: str) -> tuple[str, bool]:
    """('the words', True) when the whole text is quoted: the young person's own words."""
    stripped = text.strip()
    if len(stripped) >= 2 and stripped[0] in OPEN_QUOTES and stripped[-1] in CLOSE_QUOTES:
        inner = stripped[1:-1].strip()
        if inner and not any(mark in inner for mark in '"“”„'):
            return inner, True
    return stripped, False


def quoted(text: str) -> str:
    """The young person's own words as the coach typed them: between quotation marks."""
    return f"“{text}”"
