"""Listening for safety signals while a note is typed: each kind is raised once per sitting, when settled.

A signal counts once its word is complete (something follows it). When its
word could still begin an ordinary phrase ("slaat" ... "nergens op"), it waits
for a sentence mark or three more words. A kind the coach has answered (opened
a concern, or said it is no concern) is not raised again in the same sitting.
"""

from __future__ import annotations

import re

from coach.domain.safety import SafetyCues, SafetyHit

_SENTENCE_END = re.compile(r"[.!?;\n]")
_WORDS_AFTER = 3


def _settled(cues: SafetyCues, text: str, hit: SafetyHit) -> bool:
    after = text[hit.end :]
    if not after:
        return False  # the word may still be being typed
    if not cues.may_continue(text, hit) or _SENTENCE_END.search(after):
        return True
    complete = re.findall(r"\w+\W", after)
    return len(complete) >= _WORDS_AFTER


class SafetyWatch:
    """Hears safety signals in one sitting's typing; the screen asks it for the one to raise."""

    def __init__(self, cues: SafetyCues) -> None:
        self.cues = cues
        self.answered: set[str] = set()
        self.pending: SafetyHit | None = None

    def hear(self, text: str, *, final: bool = False) -> SafetyHit | None:
        """The first settled signal of a kind not answered yet (kept as `pending`), else None."""
        if self.pending is not None:
            return self.pending
        for hit in self.cues.find(text):
            if hit.kind in self.answered:
                continue
            if final or _settled(self.cues, text, hit):
                self.pending = hit
                return hit
        return None

    def take(self) -> SafetyHit | None:
        """The signal waiting to be raised, handed over once (the screen shows it)."""
        hit, self.pending = self.pending, None
        if hit is not None:
            self.answered.add(hit.kind)
        return hit
