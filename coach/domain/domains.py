"""The 13 life domains (leefgebieden) and the five-level self-reliance scale.

The keys are fixed; every text (labels, anchors, questions) comes from
prompts/ and is handed in by the loader as these dataclasses.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

DOMAIN_KEYS: tuple[str, ...] = (
    "financien",
    "werk_opleiding",
    "tijdsbesteding",
    "huisvesting",
    "huiselijke_relaties",
    "geestelijke_gezondheid",
    "lichamelijke_gezondheid",
    "middelengebruik",
    "basale_adl",
    "instrumentele_adl",
    "sociaal_netwerk",
    "maatschappelijke_participatie",
    "justitie",
)

SCORES: tuple[int, ...] = (1, 2, 3, 4, 5)


@dataclass(frozen=True)
class ScaleLevel:
    """One step of the 1–5 self-reliance scale."""

    score: int
    label: str
    description: str = ""


@dataclass(frozen=True)
class Domain:
    """One life domain with its texts: what each score looks like, what to ask."""

    key: str
    label: str
    short: str
    description: str
    levels: dict[int, str]
    questions: tuple[str, ...] = ()
    follow_ups: tuple[str, ...] = ()
    signals: tuple[str, ...] = ()


@dataclass(frozen=True)
class WarmKind:
    """One kind of warm-story item (belangrijk, trots, ...) with its questions."""

    key: str
    label: str
    questions: tuple[str, ...] = ()


@dataclass(frozen=True)
class BalanceCues:
    """Words that mark an answer as warm or as about problems, and when to suggest a warm question."""

    warm: tuple[str, ...] = ()
    problem: tuple[str, ...] = ()
    stretch: int = 4


@dataclass(frozen=True)
class Content:
    """Everything loaded from prompts/: domains in fixed order, scale, warm kinds."""

    domains: tuple[Domain, ...]
    scale: tuple[ScaleLevel, ...]
    warm_kinds: tuple[WarmKind, ...]
    extra: dict[str, Any] = field(default_factory=dict)
    balance: BalanceCues = BalanceCues()
    # Per warm-story kind, a template with {tekst} to open a follow-up visit.
    openers: dict[str, str] = field(default_factory=dict)

    def domain(self, key: str) -> Domain:
        """The domain with this key (KeyError when unknown)."""
        for domain in self.domains:
            if domain.key == key:
                return domain
        raise KeyError(key)

    def level(self, score: int) -> ScaleLevel:
        """The scale level for a score 1–5."""
        return self.scale[score - 1]
