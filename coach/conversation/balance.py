"""Story balance: how much of the conversation is warm and how much is about problems."""

from __future__ import annotations

import re
from dataclasses import dataclass

from coach.conversation.matching import CueIndex
from coach.domain.domains import BalanceCues

WARM, PROBLEM, MIXED, NEUTRAL = "warm", "probleem", "gemengd", "neutraal"

_SENTENCE_END = re.compile(r"[.!?;\n]+")


def answers(text: str) -> list[str]:
    """The separate answers in a field: its sentences and lines, empty ones dropped."""
    return [part.strip() for part in _SENTENCE_END.split(text) if part.strip()]


class ToneReader:
    """Tells a warm answer from one about problems by its cue words (from prompts/balance.toml)."""

    def __init__(self, cues: BalanceCues) -> None:
        self.cues = cues
        self._index: CueIndex[str] = CueIndex(
            [(WARM, cue) for cue in cues.warm] + [(PROBLEM, cue) for cue in cues.problem]
        )

    def tone(self, answer: str) -> str:
        """warm, probleem, gemengd (both) or neutraal (neither)."""
        tags = {match.tag for match in self._index.find(answer)}
        if tags == {WARM}:
            return WARM
        if tags == {PROBLEM}:
            return PROBLEM
        return MIXED if tags else NEUTRAL


@dataclass(frozen=True)
class Balance:
    """Warm and problem answers counted over the conversation so far."""

    warm: int = 0
    problem: int = 0

    @property
    def warm_share(self) -> float | None:
        """The warm part of all toned answers (None before any)."""
        total = self.warm + self.problem
        return self.warm / total if total else None


class BalanceTracker:
    """Keeps the tone of every answer per field, and the recent run of problem-only answers.

    A field is a place text is typed (a domain's notes, a warm-story kind, a
    contact note). `kind` says what the field is for: answers in a warm field
    (the warm story, what goes well, a wish) count as warm whatever their
    words; in a problem field (concerns) as problems; in a free field (notes)
    the cue words decide.
    """

    def __init__(self, reader: ToneReader) -> None:
        self._reader = reader
        self._fields: dict[str, list[str]] = {}
        self._texts: dict[str, list[str]] = {}
        # The answers since the last warm one or acknowledgement, oldest first: (field, index, tone).
        self._recent: list[tuple[str, int, str]] = []

    def _tones(self, text: str, kind: str) -> tuple[list[str], list[str]]:
        parts = answers(text)
        if kind == WARM:
            return parts, [WARM] * len(parts)
        if kind == PROBLEM:
            return parts, [PROBLEM] * len(parts)
        return parts, [self._reader.tone(part) for part in parts]

    def load(self, field: str, text: str, kind: str = NEUTRAL) -> None:
        """Count what was said before (a resumed conversation) without starting a run."""
        self._texts[field], self._fields[field] = self._tones(text, kind)

    def update(self, field: str, text: str, kind: str = NEUTRAL) -> None:
        """The field now reads `text`: its new or changed answers are the most recent."""
        old = self._texts.get(field, [])
        parts, tones = self._tones(text, kind)
        same = 0
        while same < min(len(old), len(parts)) and old[same] == parts[same]:
            same += 1
        self._recent = [entry for entry in self._recent if not (entry[0] == field and entry[1] >= same)]
        self._recent.extend((field, index, tones[index]) for index in range(same, len(parts)))
        self._texts[field], self._fields[field] = parts, tones

    @property
    def balance(self) -> Balance:
        """Warm and problem answers over all fields (a mixed answer counts for both)."""
        all_tones = [tone for tones in self._fields.values() for tone in tones]
        warm = sum(tone in (WARM, MIXED) for tone in all_tones)
        problem = sum(tone in (PROBLEM, MIXED) for tone in all_tones)
        return Balance(warm, problem)

    @property
    def problem_run(self) -> int:
        """Problem-only answers in a row at the end (neutral ones neither count nor break the run)."""
        run = 0
        for _field, _index, tone in reversed(self._recent):
            if tone == PROBLEM:
                run += 1
            elif tone in (WARM, MIXED):
                break
        return run

    @property
    def suggest_warm(self) -> bool:
        """Time for a warm question: a stretch of problem-only answers."""
        return self.problem_run >= self._reader.cues.stretch

    def acknowledge(self) -> None:
        """The coach saw the suggestion: start counting afresh."""
        self._recent.clear()
