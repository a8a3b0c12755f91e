"""Signals: words in free text that point to a life domain ("deurwaarder" -> Financiën)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from coach.content.model import Content
from coach.conversation.matching import CueIndex


@dataclass(frozen=True)
class Signal:
    """A domain named by a signal word in a text, with the words as typed."""

    domain: str
    typed: str
    start: int = 0
    source: str | None = None


class SignalFinder:
    """The signal words of all 13 domains, ready to be found in typed text."""

    def __init__(self, content: Content) -> None:
        self._index: CueIndex[str] = CueIndex(
            ((domain.key, signal) for domain in content.domains for signal in domain.signals), compounds=True
        )

    def find(self, text: str, source: str | None = None) -> list[Signal]:
        """Every signal in the text, in the order it was typed."""
        return [Signal(match.tag, match.typed, match.start, source) for match in self._index.find(text)]

    def domains(self, text: str) -> list[str]:
        """The domains the text points to, each once, first mention first."""
        return list(dict.fromkeys(signal.domain for signal in self.find(text)))


def first_per_domain(signals: Iterable[Signal]) -> list[Signal]:
    """Keep the first signal for each domain."""
    seen: dict[str, Signal] = {}
    for signal in signals:
        seen.setdefault(signal.domain, signal)
    return list(seen.values())
