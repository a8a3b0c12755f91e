"""Spans found in a text, and the anonymised text rendered from them."""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field
from typing import Any

# Where a replacement came from: the case file, our patterns, our context
# rules, deduce, or the coach by hand.
SOURCES = ("case", "pattern", "context", "deduce", "manual")

MANUAL_LABEL = "[verborgen]"

# Characters that may stand between a sentence end and the next word (quotes, list and Markdown marks).
_OPENERS = " \t\"'(“‘[*•#>|`_"


_SOAP_LABEL = re.compile(r"(?:^|\n)[ \t]*[A-Z]{1,2}:$")


@dataclass(frozen=True)
class Span:
    """A stretch of the original text that must be replaced by `label`."""

    start: int
    end: int
    label: str
    kind: str
    source: str
    # Appended to the label when rendered (a possessive "'s").
    suffix: str = ""
    # True when the span may be shortened or split by a stronger one.
    soft: bool = False


@dataclass(frozen=True)
class Replacement:
    """One replacement: where it was, what it said, what it says now."""

    start: int
    end: int
    original: str
    label: str
    source: str
    kind: str
    out_start: int
    out_end: int


@dataclass(frozen=True)
class Result:
    """The anonymised text and every replacement made in it."""

    text: str
    replacements: tuple[Replacement, ...] = field(default_factory=tuple)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-safe dict (the worker sends results this way)."""
        return {"text": self.text, "replacements": [asdict(item) for item in self.replacements]}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Result:
        """The Result that `to_dict` described."""
        return cls(data["text"], tuple(Replacement(**item) for item in data["replacements"]))

    def hide(self, original: str, start: int, end: int, label: str = MANUAL_LABEL) -> Result:
        """This result with original[start:end] hidden too (the coach marked it by hand)."""
        if not 0 <= start < end <= len(original):
            raise ValueError(f"Het stuk {start}–{end} valt buiten de tekst.")
        spans: list[Span] = []
        for item in self.replacements:
            if item.end <= start or item.start >= end:
                spans.append(Span(item.start, item.end, item.label, item.kind, item.source))
            else:
                start, end = min(start, item.start), max(end, item.end)
        spans.append(Span(start, end, label, "manual", "manual"))
        return render(original, spans)


def sentence_start(text: str, pos: int) -> bool:
    """True when `pos` begins a sentence, a line or a list item."""
    i = pos - 1
    quoted = False
    while i >= 0 and text[i] in _OPENERS:
        quoted = quoted or text[i] in "\"'“‘"
        i -= 1
    if i < 0 or text[i] in ".!?\n" or (quoted and text[i] == ":"):
        return True
    if text[i] == ":" and _SOAP_LABEL.search(text, max(0, i - 12), i + 1):
        return True  # "A: Verzuim 12 uur": a SOAP line's S:, O:, A:, P: opens a sentence
    if text[i] == "-":
        # A dash that starts a line is a list bullet.
        j = i - 1
        while j >= 0 and text[j] in " \t":
            j -= 1
        return j < 0 or text[j] == "\n"
    return False


def _capitalise(label: str) -> str:
    return label[:1].upper() + label[1:] if label[:1].isalpha() else label


def render(original: str, spans: list[Span]) -> Result:
    """Replace each (non-overlapping) span by its label; labels starting a sentence get a capital."""
    parts: list[str] = []
    out: list[Replacement] = []
    cursor = 0
    length = 0
    for span in sorted(spans, key=lambda s: s.start):
        if span.start < cursor:
            raise ValueError("overlapping spans")
        before = original[cursor : span.start]
        parts.append(before)
        length += len(before)
        label = span.label + span.suffix
        if sentence_start(original, span.start):
            label = _capitalise(label)
        parts.append(label)
        out.append(
            Replacement(
                span.start,
                span.end,
                original[span.start : span.end],
                span.label,
                span.source,
                span.kind,
                length,
                length + len(label),
            )
        )
        length += len(label)
        cursor = span.end
    parts.append(original[cursor:])
    return Result("".join(parts), tuple(out))
