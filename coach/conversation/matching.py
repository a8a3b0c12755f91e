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

With `compounds=True` (the domain signals) Dutch compounds count part by part:
a cue may also stand after a head of three letters or more, so
"huurachterstand" finds "achterstand" as well as "huur" (a short cue heads a
compound when four letters or more follow, after a linking s/e/en). Street
and place names are not read at all: "Kerkstraat", "Clubweg 3", "Ouderkerk"
name a place, not church, club or work.
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
# A compound's first part: at least this many letters, so "onschuldig" is not "on" + "schuld".
_MIN_HEAD = 3
# After a short cue heading a compound ("huur" in "huurachterstand"), at least this many letters must follow,
# so "oma" does not head "omarmen".
_MIN_TAIL = 5
_LINKS = ("en", "s", "e", "")
# Endings of street and place names in any case ("kerkstraat"), and of town names when capitalised ("Ouderkerk").
_STREET_ENDINGS = ("straat", "weg", "laan", "plein", "kade", "gracht", "singel", "dijk", "steeg", "dreef", "pad")
_TOWN_ENDINGS = ("kerk", "dam", "burg", "veen", "dorp", "horst", "hoven", "zijl", "wijk", "woude")
_VOWELS = frozenset("aeiouy")


def plain(word: str) -> str:
    """Lowercase with the accents off (doubled vowels kept)."""
    decomposed = unicodedata.normalize("NFKD", word.casefold())
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def fold(word: str) -> str:
    """Lowercase, accents off, doubled vowels single: the form words are compared in."""
    plain_word = plain(word)
    # Short words keep their vowels: "oom" is not "om".
    return _DOUBLE_VOWEL.sub(r"\1", plain_word) if len(plain_word) > 3 else plain_word


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

    def __init__(self, cues: Iterable[tuple[Tag, str]], *, compounds: bool = False) -> None:
        by_first: dict[str, list[tuple[tuple[str, ...], Tag, str]]] = {}
        # One-word cues, for the parts of a compound: long ones may stand inside a word, short ones head it.
        self._inner: dict[str, list[tuple[str, Tag, str]]] = {}
        self._heads: dict[str, list[tuple[str, Tag, str]]] = {}
        self._compounds = compounds
        for tag, cue in cues:
            words = cue_words(cue)
            if words:
                by_first.setdefault(words[0][:2], []).append((words, tag, cue))
            if compounds and len(words) == 1:
                part = words[0]
                if len(part) < _MIN_STEM:
                    self._heads.setdefault(part[:2], []).append((part, tag, cue))
                # "huur" folds to three letters but is a word of four: it may end a compound ("kamerhuur");
                # "oma" may not ("diploma").
                if len(plain(cue)) >= _MIN_STEM:
                    self._inner.setdefault(part[:2], []).append((part, tag, cue))
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
        places = _place_names(text, words) if self._compounds else set()
        found: list[Match[Tag]] = []
        index = 0
        while index < len(words):
            if index in places:
                index += 1
                continue
            hit = self._match_at(words, index)
            length, tags = 1, set()
            if hit is not None:
                length, tag, cue = hit
                start, end = words[index].start, words[index + length - 1].end
                found.append(Match(tag, cue, start, end, text[start:end]))
                tags.add(tag)
            if self._compounds:
                found.extend(self._compound_parts(text, words[index], tags))
            index += length
        return found

    def _compound_parts(self, text: str, word: Token, seen: set[Tag]) -> Iterator[Match[Tag]]:
        """Cues that are a part of this one word, for tags not found for it yet ("huurachterstand")."""
        typed = text[word.start : word.end]
        letters = plain(typed)
        for position in range(_MIN_HEAD, len(letters) - 2):
            head, rest = letters[:position], fold(letters[position:])
            if not _VOWELS & set(head):
                continue
            for part, tag, cue in self._inner.get(rest[:2], ()):
                if tag not in seen and _starts_with(rest, part):
                    seen.add(tag)
                    yield Match(tag, cue, word.start, word.end, typed)
        for part, tag, cue in self._heads.get(word.folded[:2], ()):
            if tag in seen or not word.folded.startswith(part):
                continue
            tail = word.folded[len(part) :]
            if any(tail.startswith(link) and len(tail) - len(link) >= _MIN_TAIL for link in _LINKS):
                seen.add(tag)
                yield Match(tag, cue, word.start, word.end, typed)

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


def _place_names(text: str, words: list[Token]) -> set[int]:
    """The words that name a street or a town ("Kerkstraat", "Ouderkerk"): no signal is read in them."""
    places = set()
    for index, word in enumerate(words):
        letters = plain(text[word.start : word.end])
        if any(letters.endswith(end) and len(letters) > len(end) + 2 for end in _STREET_ENDINGS):
            places.add(index)
        elif text[word.start].isupper() and any(
            letters.endswith(end) and len(letters) > len(end) + 2 for end in _TOWN_ENDINGS
        ):
            places.add(index)
    return places


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
