"""Finding cue words and phrases in free Dutch text, inflected forms included.

A cue ("deurwaarder", "blowen", "slaap bij een vriend") matches a typed word
when the typed word starts with the cue's stem, so plurals, conjugations and
compounds that begin with the cue are found. To make that work for Dutch:

- case and accents do not matter ("Financiën" = "financien");
- doubled vowels count as single ones, so "slaap" finds "slapen";
- the cue loses an ending -en, -e or -s and a doubled last consonant
  ("blowen" -> "blow", "stoppen" -> "stop"), so "blowt" and "stopte" match;
- a final f/v and s/z are the same letter ("brieven" finds "brief");
- a past participle's "ge-" is ignored ("geblowd", "gestopt");
- a cue of fewer than four letters ("oma", "gok") takes only an ending
  ("oma's", "gokken", "gokte"), so "oma" does not find "omdat";
- in phrases, small words (een, de, mijn, z'n, ...) are skipped on both sides,
  so "slaap bij een vriend" also finds "slaapt bij zijn vriendin", and one
  other word may come in between ("slaap nu bij", "lukt echt niet").
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Generic, TypeVar

Tag = TypeVar("Tag")

_WORD = re.compile(r"\w+", re.UNICODE)
_DOUBLE_VOWEL = re.compile(r"([aeiou])\1")
# Articles and possessives that may differ between a cue phrase and what was said.
_FILLERS = (
    "een",
    "n",
    "de",
    "het",
    "t",
    "mijn",
    "m",
    "je",
    "jouw",
    "zijn",
    "z",
    "haar",
    "hun",
    "die",
    "dat",
    "deze",
    "dit",
)
_ENDINGS = ("en", "e", "s")
_MIN_STEM = 4
MAX_GAP = 1
_SHORT_ENDINGS = frozenset({"", "s", "e", "es", "en", "t", "te", "ten", "d", "de", "den", "je", "jes", "tje", "tjes"})
_SAME_LAST = {"f": "fv", "v": "fv", "s": "sz", "z": "sz"}


def fold(word: str) -> str:
    """Lowercase, accents off, doubled vowels single: the form words are compared in."""
    decomposed = unicodedata.normalize("NFKD", word.casefold())
    plain = "".join(char for char in decomposed if not unicodedata.combining(char))
    # Short words keep their vowels: "oom" is not "om".
    return _DOUBLE_VOWEL.sub(r"\1", plain) if len(plain) > 3 else plain


# Compared in folded form ("een" folds to "en", so "and" is skipped too).
FILLER_WORDS = frozenset(fold(word) for word in _FILLERS)


def stem(word: str) -> str:
    """The folded cue word without a Dutch ending, so inflected forms start with it."""
    folded = fold(word)
    for ending in _ENDINGS:
        if folded.endswith(ending) and len(folded) - len(ending) >= _MIN_STEM:
            folded = folded[: -len(ending)]
            break
    if len(folded) > _MIN_STEM and folded[-1] == folded[-2] and folded[-1] not in "aeiou":
        folded = folded[:-1]
    return folded


def _starts_with(token: str, cue: str) -> bool:
    if len(token) < len(cue):
        return False
    if len(cue) < _MIN_STEM:
        return _short_form(token, cue)
    if token.startswith(cue):
        return True
    last = cue[-1]
    return last in _SAME_LAST and token.startswith(cue[:-1]) and token[len(cue) - 1] in _SAME_LAST[last]


def _short_form(token: str, cue: str) -> bool:
    # A short cue ("oma", "gok", "cel") only takes a Dutch ending, so "oma" does not find "omdat".
    if not token.startswith(cue):
        return False
    rest = token[len(cue) :]
    if rest[:1] == cue[-1] and cue[-1] not in "aeiou":
        rest = rest[1:]
    return rest in _SHORT_ENDINGS


def word_matches(token: str, cue: str) -> bool:
    """Does the folded typed word start with the cue stem (also after a participle's ge-)?"""
    if _starts_with(token, cue):
        return True
    return token.startswith("ge") and len(token) - 2 >= 3 and _starts_with(token[2:], cue)


@dataclass(frozen=True)
class Token:
    """A word of the typed text: its folded form and where it stands."""

    folded: str
    start: int
    end: int


def tokens(text: str) -> list[Token]:
    """The text's words without the small filler words, with their positions."""
    result = []
    for match in _WORD.finditer(text):
        folded = fold(match.group())
        if folded not in FILLER_WORDS:
            result.append(Token(folded, match.start(), match.end()))
    return result


def cue_words(cue: str) -> tuple[str, ...]:
    """The stems a cue phrase is matched by (filler words left out unless that leaves nothing)."""
    words = [fold(word) for word in _WORD.findall(cue)]
    kept = [word for word in words if word not in FILLER_WORDS] or words
    return tuple(stem(word) for word in kept)


@dataclass(frozen=True)
class Match(Generic[Tag]):
    """A cue found in the text: what it points to, the cue, and the words as they were typed."""

    tag: Tag
    cue: str
    start: int
    end: int
    typed: str


class CueIndex(Generic[Tag]):
    """Cue phrases, each with a tag (a domain key, 'warm', ...), ready to be found in text."""

    def __init__(self, cues: Iterable[tuple[Tag, str]]) -> None:
        by_first: dict[str, list[tuple[tuple[str, ...], Tag, str]]] = {}
        for tag, cue in cues:
            words = cue_words(cue)
            if words:
                by_first.setdefault(words[0][:2], []).append((words, tag, cue))
        # Longest phrases first, so "lukt niet" wins over "lukt".
        for entries in by_first.values():
            entries.sort(key=lambda entry: (-len(entry[0]), -len(entry[0][0])))
        self._by_first = by_first

    def _candidates(self, token: str) -> Iterator[tuple[tuple[str, ...], Tag, str]]:
        keys = {token[:2]}
        if token.startswith("ge"):
            keys.add(token[2:4])
        for key in keys:
            yield from self._by_first.get(key, ())

    def find(self, text: str) -> list[Match[Tag]]:
        """Every cue found, in the order of the text; a word belongs to at most one cue."""
        words = tokens(text)
        found: list[Match[Tag]] = []
        index = 0
        while index < len(words):
            hit = self._match_at(words, index)
            if hit is None:
                index += 1
                continue
            length, tag, cue = hit
            start, end = words[index].start, words[index + length - 1].end
            found.append(Match(tag, cue, start, end, text[start:end]))
            index += length
        return found

    def _match_at(self, words: list[Token], index: int) -> tuple[int, Tag, str] | None:
        """(words consumed, tag, cue) of the longest cue starting at words[index], or None."""
        best: tuple[int, Tag, str, int] | None = None
        for stems, tag, cue in self._candidates(words[index].folded):
            if not word_matches(words[index].folded, stems[0]):
                continue
            end = _phrase_end(words, index, stems)
            if end is not None and (best is None or len(stems) > best[3]):
                best = (end - index, tag, cue, len(stems))
        return (best[0], best[1], best[2]) if best else None


def _phrase_end(words: list[Token], index: int, stems: tuple[str, ...]) -> int | None:
    """Where a phrase that starts at words[index] ends (exclusive); one extra word may sit
    between its words, as in "slaap nu bij een vriend" or "lukt echt niet"."""
    position = index + 1
    for part in stems[1:]:
        for step in range(MAX_GAP + 1):
            if position + step < len(words) and word_matches(words[position + step].folded, part):
                position += step + 1
                break
        else:
            return None
    return position
