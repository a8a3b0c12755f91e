"""The typed content of prompts/: Content holds each kind in its own field; here too the intervision types."""

from __future__ import annotations

import re
from dataclasses import dataclass

from coach.content.samen import SamenContent
from coach.domain.domains import BalanceCues, Domain, ScaleLevel, WarmKind
from coach.domain.release import ReleaseContent
from coach.domain.safety import SafetyCues

# The sections of an intervision summary; their order and titles come from intervision.toml.
SECTIONS: tuple[str, ...] = (
    "kort",
    "warm_verhaal",
    "leefgebieden",
    "gebeurd",
    "afspraken",
    "geprobeerd",
    "eigen_aandeel",
    "vraag",
    "werkwijze",
)
# What an intervision method looks at: one moment, or how things went over time.
FOCUSES: tuple[str, ...] = ("moment", "verloop")


@dataclass(frozen=True)
class Method:
    """An intervision method: when it fits, its steps, what to bring, and how its summary is laid out."""

    key: str
    label: str
    when: str
    focus: str
    sections: tuple[str, ...]
    titles: dict[str, str]
    reminder: str
    steps: tuple[str, ...]
    bring: tuple[str, ...]

    def title(self, section: str) -> str:
        """The heading of a section in this method's summary."""
        return self.titles[section]


@dataclass(frozen=True)
class Rewrite:
    """A question that starts like `pattern` gets these suggestions, {group} filled in."""

    pattern: re.Pattern[str]
    into: tuple[str, ...]


@dataclass(frozen=True)
class QuestionHelp:
    """What helps a coach turn a question about the young person into a learning question about themselves."""

    tips: tuple[str, ...]
    starters: tuple[str, ...]
    own_words: frozenset[str]
    about_youth: tuple[str, ...]
    examples: tuple[tuple[str, str], ...]
    rewrites: tuple[Rewrite, ...]
    advice: dict[str, str]


@dataclass(frozen=True)
class IntervisionContent:
    """Everything intervision.toml holds."""

    methods: tuple[Method, ...]
    question: QuestionHelp
    recent_contacts: int = 6
    note_length: int = 240

    def method(self, key: str) -> Method:
        """The method with this key; KeyError when there is none."""
        for method in self.methods:
            if method.key == key:
                return method
        raise KeyError(key)

    @property
    def keys(self) -> tuple[str, ...]:
        """The method keys, in the file's order."""
        return tuple(method.key for method in self.methods)


@dataclass(frozen=True, kw_only=True)
class Content:
    """The prompts: domains in fixed order, the scale, warm kinds, and the texts of each part of the app."""

    domains: tuple[Domain, ...]
    scale: tuple[ScaleLevel, ...]
    warm_kinds: tuple[WarmKind, ...]
    # The cue words that tell a warm answer from a problem answer (balance.toml).
    balance: BalanceCues
    # Per warm-story kind, a template with {tekst} to open a follow-up visit (visit.toml).
    openers: dict[str, str]
    # The basics checklist and the afbouw and nazorg defaults (release.toml).
    release: ReleaseContent
    # The intervision methods, section titles and question help (intervision.toml).
    intervision: IntervisionContent
    # The safety signal words per kind, a class apart from the domain signals (veiligheid.toml).
    safety: SafetyCues
    # What the young person reads in samen invullen: their questions and answers in words (samen.toml).
    samen: SamenContent

    def domain(self, key: str) -> Domain:
        """The domain with this key (KeyError when unknown)."""
        for domain in self.domains:
            if domain.key == key:
                return domain
        raise KeyError(key)

    def level(self, score: int) -> ScaleLevel:
        """The scale level for a score 1–5."""
        return self.scale[score - 1]
