"""The anonymiser: what the case knows, our patterns, our context rules and deduce, combined into one text."""

from __future__ import annotations

import bisect
import functools
import re
import threading
from collections.abc import Callable, Iterable, Sequence
from datetime import date
from pathlib import Path
from typing import Any

from coach import clock
from coach.domain.model import Case
from coach.privacy.common import dutchish, zipf
from coach.privacy.context import PERSON, find_context
from coach.privacy.known import INTERFIXES, WORD_NAMES, KnownTable, build_known
from coach.privacy.patterns import find_patterns
from coach.privacy.result import Result, Span, render, sentence_start
from coach.privacy.wordlists import HARMLESS_PHRASES, HARMLESS_PROPER, ROLE_WORDS

Engine = Callable[[str], list[Span]]
CaseLike = Case | KnownTable | dict[str, Any] | None

PERSON_KINDS = frozenset({"youth", "network", "coach", "person"})
_CONNECTORS = INTERFIXES | ROLE_WORDS | frozenset("aan bij uit met en of voor naar op in het een de".split())
_COMPASS = re.compile(r"-(?:Noord|Zuid|Oost|West|Centrum|Noordoost|Noordwest|Zuidoost|Zuidwest|Midden)(?![\w])")
_WORDS = re.compile(r"[\w'’\-]+")
# Compiled once: these run for every span of every note.
_LEAD = re.compile(r"[\w'’.]+")
_FOLLOWING = re.compile(r"\s+([\w'’]+)")
_TAIL = re.compile(r"[\w'’.]+$")
_PLAIN_WORD = re.compile(r"[\w\-]+")
_POSSESSIVE = re.compile(r"(?:'s|’s|'|’)$")
_GAP = re.compile(r"[ \t\-]*")
_ANY_LETTER = re.compile(r"\w")
_NON_SPACE = re.compile(r"\S+")
_SPACES = re.compile(r"[ \t]+")
_INITIAL = re.compile(r"[A-Z]\.?")
_DOT_GAP = re.compile(r"\.\s?")
_WORD_CHARS = re.compile(r"[\w'’]+")
_NEXT_WORD = re.compile(r"\s+([\w'’]+)")


def _tier(span: Span) -> int:
    if span.soft:
        return 3
    return {"case": 0, "pattern": 0, "manual": 0, "context": 1}.get(span.source, 2)


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Shrink a piece to its words, without connectors or role words at either end ("van" stays before a name)."""
    while True:
        while start < end and not text[start].isalnum():
            start += 1
        while end > start and not text[end - 1].isalnum():
            end -= 1
        lead = _LEAD.match(text, start, end)
        if lead and lead[0].lower() in _CONNECTORS:
            following = _FOLLOWING.match(text, start + len(lead[0]), end)
            keep = (
                lead[0].lower() in INTERFIXES
                and following
                and (following[1][:1].isupper() or following[1].lower() in INTERFIXES)
            )
            if not keep:
                start += len(lead[0])
                continue
        tail = _TAIL.search(text, start, end)
        if tail and tail[0].lower() in _CONNECTORS:
            end -= len(tail[0])
            continue
        return start, end


def _strip_roles(text: str, span: Span) -> Span | None:
    """A person span from deduce without the role or title words it swallowed ("Broer Bilal")."""
    start, end = _trim(text, span.start, span.end)
    if start >= end:
        return None
    return Span(start, end, span.label, span.kind, span.source, span.suffix, soft=span.soft)


def _cutters(found: list[Span]) -> tuple[list[Span], list[int]]:
    """Spans that may cut a person span, sorted by start, with their starts for bisecting."""
    cutters = sorted(
        (
            s
            for s in found
            if s.kind not in PERSON_KINDS and not s.soft and not (s.kind == "place" and s.source == "deduce")
        ),  # "de Vries" is a surname, not the village
        key=lambda s: s.start,
    )
    return cutters, [s.start for s in cutters]


def _cut_at_others(text: str, span: Span, cutters: list[Span], starts: list[int]) -> Span | None:
    """Cut a person span where another kind of span starts inside it: "Jansen van Lentis" keeps "Jansen"."""
    first_word = _NON_SPACE.match(text, span.start, span.end)
    floor = first_word.end() if first_word else span.start
    index = bisect.bisect_left(starts, floor)
    if index < len(starts) and starts[index] < span.end:
        start, end = _trim(text, span.start, starts[index])
        if start >= end:
            return None
        span = Span(start, end, span.label, span.kind, span.source, span.suffix, soft=span.soft)
    return span


def _harmless(text: str, spans: list[Span]) -> list[Span]:
    """Drop guessed spans that are only names of national bodies, chains or nationalities ("Albert Heijn")."""
    zones = [
        (m.start(), m.end())
        for phrase in HARMLESS_PHRASES
        if phrase in text  # a substring test first: most notes hold none of them
        for m in re.finditer(re.escape(phrase), text)
    ]
    return [
        s
        for s in spans
        if _tier(s) == 0
        or not (any(a <= s.start and s.end <= b for a, b in zones) or _only_harmless(text[s.start : s.end]))
    ]


# A capitalised word after these is a thing, brand or car, not someone: "een Polo", "het Jeugdfonds".
_THING_BEFORE = frozenset("een zijn haar mijn jouw hun onze ons geen elke iedere z'n m'n d'r".split())
# A guessed name or place opening a sentence that is this common a word is the word: "Viel mee."
_COMMON_OPENER = 4.5


def _everyday(
    text: str, spans: list[Span], known: frozenset[str] = frozenset(), listed: Callable[[str], bool] = lambda w: False
) -> list[Span]:
    """Drop guessed one-word names and places that are everyday words or things here (wordfreq decides how common).

    What the case knows and what the patterns find are never dropped: "een Polo" stays, unless
    someone in the case is called Polo.
    """
    out = []
    for span in spans:
        word = text[span.start : span.end]
        if _tier(span) > 0 and span.kind in ("name", "person", "place", "institution") and _PLAIN_WORD.fullmatch(word):
            before = _WORD_CHARS.findall(text, max(0, span.start - 20), span.start)
            after_place_word = bool(before) and before[-1].lower() in _PLACE_WORDS
            if (
                span.soft
                and not after_place_word
                and word.lower() not in known
                and _everyday_word(word)
                and not listed(word)
            ):
                continue  # the safety net's capital on a Dutch word: a SOAP heading, "Dagbesteding:", "Tolkcontact"
            # Not after "het": it heads schools and organisations too ("naar het Zadkine", "het Graafschap").
            if before and before[-1].lower() in _THING_BEFORE and not sentence_start(text, span.start):
                continue
            if span.source == "deduce" and sentence_start(text, span.start):
                after = _NEXT_WORD.match(text, span.end, span.end + 30)
                if after and after[1].islower() and zipf(word) >= _COMMON_OPENER:
                    continue
        out.append(span)
    return out


# A capitalised word deduce does not know as a name, this common in Dutch, is the word ("Stemming", "Verzuim").
_COMMON_SOFT = 3.5
_COMMON_PART = 3.3


# After these a capitalised word is a place however common it is: "in Paramaribo", "op Curaçao".
_PLACE_WORDS = frozenset("in uit naar te richting vanuit vanaf op rond".split())


def _everyday_word(word: str) -> bool:
    """True for a common Dutch word or a compound of two ("Tolkcontact": tolk + contact), not for "Haddou"."""
    if "-" in word:
        # "Tikkie-verzoeken" is a thing; "Alfa-college" may be a school: the head must be a known brand.
        head, _, rest = word.partition("-")
        return head in HARMLESS_PROPER and all(_everyday_word(p) for p in rest.split("-") if p)
    lowered = word.lower()
    if zipf(lowered) >= _COMMON_SOFT:
        return True
    return len(lowered) >= 8 and any(
        zipf(lowered[:i]) >= _COMMON_PART and zipf(lowered[i:]) >= _COMMON_PART for i in range(3, len(lowered) - 2)
    )


@functools.lru_cache(maxsize=4096)
def _only_harmless(found: str) -> bool:
    words = [w for w in _WORDS.findall(found) if w.lower() not in _CONNECTORS]
    return bool(words) and all(_POSSESSIVE.sub("", w) in HARMLESS_PROPER for w in words)


def _touching(text: str, left_end: int, right_start: int) -> bool:
    return left_end <= right_start and _GAP.fullmatch(text, left_end, right_start) is not None


def resolve(text: str, spans: list[Span]) -> list[Span]:
    """Pick non-overlapping spans: stronger sources first, longer first; leftovers of weaker ones still count."""
    accepted: list[Span] = []
    taken = bytearray(len(text))
    for span in sorted(spans, key=lambda s: (_tier(s), s.start - s.end, s.start)):
        if span.start >= span.end:
            continue
        if taken.find(1, span.start, span.end) < 0:  # nothing of it taken yet (no slice, no Python loop)
            accepted.append(span)
            taken[span.start : span.end] = b"\x01" * (span.end - span.start)
            continue
        overlapping = [s for s in accepted if s.start < span.end and span.start < s.end]
        if span.kind == "person" and all(s.kind == "person" for s in overlapping):
            # Two finds of one unknown name ("A" after "mw." and deduce's "A. de Groot"): take both.
            merged = Span(
                min([span.start] + [s.start for s in overlapping]),
                max([span.end] + [s.end for s in overlapping]),
                span.label,
                "person",
                span.source,
            )
            accepted = [s for s in accepted if s not in overlapping] + [merged]
            taken[merged.start : merged.end] = b"\x01" * (merged.end - merged.start)
            continue
        pos = span.start
        while pos < span.end:
            if taken[pos]:
                pos += 1
                continue
            piece_end = pos
            while piece_end < span.end and not taken[piece_end]:
                piece_end += 1
            start, end = _trim(text, pos, piece_end)
            pos = piece_end
            if (
                start >= end
                or not _ANY_LETTER.search(text, start, end)
                or (_tier(span) > 0 and _only_harmless(text[start:end]))
            ):
                continue
            piece = Span(start, end, span.label, span.kind, span.source, soft=span.soft)
            for i, other in enumerate(accepted):
                same = other.kind == span.kind or (other.kind in PERSON_KINDS and span.kind in PERSON_KINDS)
                if same and (_touching(text, other.end, start) or _touching(text, end, other.start)):
                    # The rest of a name we already have ("Karim" known, "Karim Aydin" from deduce).
                    new_start, new_end = min(other.start, start), max(other.end, end)
                    accepted[i] = Span(
                        new_start,
                        new_end,
                        other.label,
                        other.kind,
                        other.source,
                        other.suffix if other.end >= end else "",
                        soft=other.soft,
                    )
                    break
            else:
                accepted.append(piece)
            taken[start:end] = b"\x01" * (end - start)
    return sorted(accepted, key=lambda s: s.start)


def _merge_people(text: str, spans: list[Span]) -> list[Span]:
    """Join name spans that touch: "Ilias" + "El Idrissi", and a known "Karim" + the "Aydin" after it."""
    out: list[Span] = []
    for span in spans:
        last = out[-1] if out else None
        gap = text[last.end : span.start] if last else ""
        initial = last is not None and _INITIAL.fullmatch(text, last.start, last.end) and _DOT_GAP.fullmatch(gap)
        if last is not None and not last.suffix and (_SPACES.fullmatch(gap) or initial):
            if last.kind == "person" and span.kind in ("person", "name"):
                out.pop()
                span = Span(last.start, span.end, PERSON, "person", last.source, span.suffix)
            elif last.kind in PERSON_KINDS - {"person"} and last.source == "case" and span.kind in ("person", "name"):
                out.pop()
                span = Span(last.start, span.end, last.label, last.kind, last.source, span.suffix)
        out.append(span)
    return out


def _extend_places(text: str, spans: list[Span]) -> list[Span]:
    """Take a compass suffix into a place: "Amsterdam-Noord" (a guessed name there gives way)."""
    out: list[Span] = []
    skip_until = -1
    for span in spans:
        if span.start < skip_until and span.soft:
            continue
        if span.kind in ("place", "city"):
            match = _COMPASS.match(text, span.end)
            if match and not any(span.end < s.start < match.end() and not s.soft for s in spans):
                span = Span(span.start, match.end(), span.label, span.kind, span.source)
                skip_until = match.end()
        out.append(span)
    return out


# The town after a postcode, however it is written: "1234 AB utrecht", "1234AB, den haag", "'s-hertogenbosch".
_TOWN_AFTER = re.compile(
    r",?[ \t]+(?P<town>(?:(?i:den|de|'s|’s)[ \t-]+|'s-|’s-)?(?P<core>[^\W\d_][\w'’\-]*)"
    r"(?:[ \t]+(?:aan|op|in|bij)(?:[ \t]+(?:den|de|het))?[ \t]+[^\W\d_][\w'’\-]*)?)"
)


def _towns_after_postcodes(text: str, chosen: list[Span], listed: Callable[[str], bool]) -> list[Span]:
    """The town written after a postcode: a place deduce knows in any case, or any name with a capital."""
    found = []
    for span in chosen:
        town = _TOWN_AFTER.match(text, span.end) if span.kind == "postcode" else None
        if town is not None and (town["core"][:1].isupper() or listed(town["core"])):
            found.append(Span(town.start("town"), town.end("town"), "[plaats]", "place", "pattern"))
    return found


_PLACE_BEFORE = re.compile(r"(?<![\w])(?:in|naar|uit|vanuit|richting|te)\s+(?:de\s+|het\s+)?$", re.IGNORECASE)


def _as_place(text: str, span: Span) -> Span:
    """A guessed single name right after "in", "naar" or "uit" is a place: "naar Ypenburg"."""
    if span.source == "case" or span.kind not in ("name", "person") or " " in text[span.start : span.end].strip():
        return span
    if not _PLACE_BEFORE.search(text[max(0, span.start - 20) : span.start]):
        return span
    return Span(span.start, span.end, "[plaats]", "place", span.source)


def _distance_one(a: str, b: str) -> bool:
    """True when a and b differ by at most one edit (insert, delete, substitute or swap)."""
    if a == b:
        return True
    if abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        diff = [i for i in range(len(a)) if a[i] != b[i]]
        return len(diff) == 1 or (
            len(diff) == 2 and diff[1] == diff[0] + 1 and a[diff[0]] == b[diff[1]] and a[diff[1]] == b[diff[0]]
        )
    short, long = (a, b) if len(a) < len(b) else (b, a)
    return any(long[:i] + long[i + 1 :] == short for i in range(len(long)))


# Below this Zipf frequency a word found once as someone's name is that name everywhere in the text.
_NAME_ELSEWHERE = 4.0
# Two-letter names ("Mo", "Bo", "Jo") read as more common, being chat and abbreviations too; everyday
# two-letter words ("al", "om", "ok", "da") are commoner still.
_SHORT_NAME_ELSEWHERE = 4.5
_SURNAME_AFTER = re.compile(
    r"\s+(?:(?:van der|van den|van de|van|de|der|den|ter|ten|el|al)\s+)(?P<core>[a-zà-ÿ][a-zà-ÿ'\-]+)"
)
_INITIAL_AFTER = re.compile(r"\s[A-Za-z](?=\.(?![\w.]))")


def _surname_end(text: str, end: int, taken: bytearray, listed: Callable[[str], bool]) -> int:
    """Where a lowercase surname after a name ends ("ruben de haan"), or `end` when none follows."""
    surname = _SURNAME_AFTER.match(text, end)
    core = surname["core"] if surname else ""
    # A rare word is a surname ("ruben de haan"), unless it is plainly Dutch ("jeroen van de schuldhulp").
    if surname and (listed(core) or (zipf(core) < 3.5 and not dutchish(core))) and not any(taken[end : surname.end()]):
        return surname.end()
    return end


def _name_elsewhere(text: str, chosen: list[Span], listed: Callable[[str], bool]) -> list[Span]:
    """Other mentions of an unknown person's name found once in context: "vriend ruben" ... "ruben de haan volgens fb",
    and the initial after a name ("mehmet k."), as person spans to resolve with the rest."""
    taken = bytearray(len(text))
    for span in chosen:
        taken[span.start : span.end] = b"\x01" * (span.end - span.start)
    extra: list[Span] = []
    words: set[str] = set()
    for span in chosen:
        if span.kind != "person" or span.source == "case":
            continue
        initial = _INITIAL_AFTER.match(text, span.end)
        if initial and not any(taken[span.end : initial.end()]):
            extra.append(Span(span.start, initial.end(), PERSON, "person", "context"))
        end = _surname_end(text, span.end, taken, listed)
        if end > span.end:
            extra.append(Span(span.start, end, PERSON, "person", "context"))
        for word in _WORDS.findall(text[span.start : span.end]):
            word = _POSSESSIVE.sub("", word).lower()
            if word in _CONNECTORS or word in WORD_NAMES or len(word) < 2 or (len(word) == 2 and not word.isalpha()):
                continue
            if zipf(word) < (_NAME_ELSEWHERE if len(word) >= 3 else _SHORT_NAME_ELSEWHERE):
                words.add(word)
    low = text.lower() if words else ""
    for word in words:
        if word not in low:
            continue
        for match in _mention(word).finditer(text):
            if any(taken[match.start() : match.end()]):
                continue
            end = _surname_end(text, match.end(), taken, listed)  # "ruben de haan"
            extra.append(Span(match.start(), end, PERSON, "person", "context"))
            taken[match.start() : end] = b"\x01" * (end - match.start())
    return extra


@functools.lru_cache(maxsize=1024)
def _mention(word: str) -> re.Pattern[str]:
    # A two-letter name takes no bare s: "bos" and "mos" are words, not Bo's or Mo's.
    ending = r"(?:'s|’s|s)?" if len(word) >= 3 else r"(?:'s|’s)?"
    return re.compile(r"(?<![\w@.'’-])" + re.escape(word) + ending + r"(?![\w@'’-])", re.IGNORECASE)


class People:
    """Numbers unknown people so one person keeps one label: "Daan de Vries" and later "Daan" are both [persoon 1]."""

    def __init__(self) -> None:
        self._people: list[tuple[set[str], set[str]]] = []

    @staticmethod
    def _parts(name: str) -> list[str]:
        words = [_POSSESSIVE.sub("", w).lower() for w in _WORDS.findall(name)]
        parts = [w for w in words if w not in INTERFIXES and len(w.strip("-")) > 1]
        return parts or [w for w in words if w] or [name.lower()]

    @staticmethod
    def _same(token: str, known: set[str], fuzzy: bool) -> bool:
        if token in known or (token.endswith("s") and token[:-1] in known):
            return True  # "Daans" for Daan
        return fuzzy and len(token) >= 5 and any(len(k) >= 5 and _distance_one(token, k) for k in known)

    def _find(self, first: str, last: str | None, fuzzy: bool) -> int | None:
        for index, (firsts, lasts) in enumerate(self._people):
            if last is None:
                if self._same(first, firsts, fuzzy) or self._same(first, lasts, fuzzy):
                    return index
            elif (
                (self._same(first, firsts, fuzzy) and (not lasts or self._same(last, lasts, fuzzy)))
                or (not firsts and self._same(last, lasts, fuzzy))
                or (not lasts and len(firsts) == 1 and self._same(last, firsts, fuzzy))
            ):
                return index
        return None

    def label(self, name: str) -> str:
        """The label for this mention of an unknown person."""
        parts = self._parts(name)
        first, last = parts[0], parts[-1] if len(parts) > 1 else None
        index = self._find(first, last, fuzzy=False)
        if index is None:
            index = self._find(first, last, fuzzy=True)
        if index is None:
            self._people.append(({first}, {last} if last else set()))
            return f"[persoon {len(self._people)}]"
        firsts, lasts = self._people[index]
        if (
            last is not None
            and not lasts
            and len(firsts) == 1
            and self._same(last, firsts, True)
            and not self._same(first, firsts, True)
        ):
            firsts.clear()  # "Jansen" first, now "Piet Jansen": Jansen was the surname
        firsts.add(first)
        if last:
            lasts.add(last)
        return f"[persoon {index + 1}]"


def known_table(case: CaseLike, alias: str | None = None) -> KnownTable:
    """The KnownTable for a Case, a table, its dict form, or nothing."""
    if case is None:
        return KnownTable()
    if isinstance(case, KnownTable):
        return case
    if isinstance(case, dict):
        return KnownTable.from_dict(case)
    # What build_known reads, as text: a case whose youth or network changed gets a new table.
    key = (repr(case.youth), repr(case.network), alias)
    table = _TABLES.get(key)
    if table is None:
        table = build_known(case, alias)
        if len(_TABLES) >= 64:
            _TABLES.pop(next(iter(_TABLES)))
        _TABLES[key] = table
    return table


# The last cases' tables (a caseload's worth): a summary, or a worker's run of notes, anonymises one case again and again.
_TABLES: dict[tuple[str, str, str | None], KnownTable] = {}


# A line in capitals ("JAYDEN KWAM TE LAAT") hides the capital that marks a name, and makes every
# word look like one. Such a line is read a second time as a coach would write it: lower case, with
# a capital for each word that is a known name or place, or a longer word that is not an everyday
# Dutch one. A line counts when most of its letters are capitals.
_SHOUTED_LETTERS = 6
_SHOUTED_SHARE = 0.8
_ABBREVIATION = 4
# What is found the same in capitals: the case's own names (any case) and the fixed patterns.
_CASE_BLIND_SOURCES = frozenset({"case", "pattern"})


def loud_lines(text: str) -> list[tuple[int, int]]:
    """Where the lines written in capitals are: (start, end) offsets."""
    found: list[tuple[int, int]] = []
    start = 0
    for line in text.splitlines(keepends=True):
        upper = sum(map(str.isupper, line))
        lower = sum(map(str.islower, line)) if upper >= _SHOUTED_LETTERS else 0
        if upper >= _SHOUTED_LETTERS and upper >= _SHOUTED_SHARE * (upper + lower):
            found.append((start, start + len(line)))
        start += len(line)
    return found


def unshouted(text: str, loud: list[tuple[int, int]], listed: Callable[[str], bool] = lambda word: False) -> str:
    """`text` with its `loud` lines written as usual; the same length, letter for letter.

    `listed(word)` tells whether a (capitalised) word is a known name or place.
    """

    def as_usual(match: re.Match[str]) -> str:
        # Letter by letter, so a letter whose other case is longer (ß, ŉ) stays as it is and keeps its place.
        lowered = "".join(c.lower() if len(c.lower()) == 1 else c for c in match[0])
        first = lowered[0].upper() if len(lowered[0].upper()) == 1 else lowered[0]
        capitalised = first + lowered[1:]
        if listed(capitalised):
            return capitalised
        # Short words in capitals are mostly abbreviations (IBAN, BSN, ROC): a name that short is a listed one.
        return capitalised if len(lowered) > _ABBREVIATION and zipf(lowered) < _COMMON_SOFT else lowered

    parts, done = [], 0
    for start, end in loud:
        parts += [text[done:start], _WORD_CHARS.sub(as_usual, text[start:end])]
        done = end
    return "".join([*parts, text[done:]])


def _in_loud(span: Span, loud: list[tuple[int, int]]) -> bool:
    return any(span.start < end and start < span.end for start, end in loud)


class Anonymiser:
    """Combines the case's known names, our patterns, our context rules and deduce; one per process is plenty."""

    def __init__(
        self, engine: Engine | None = None, *, use_deduce: bool = True, cache_path: Path | None = None
    ) -> None:
        self._engine = engine
        self._use_deduce = use_deduce and engine is None
        self._cache_path = cache_path
        self._lock = threading.Lock()

    def warm_up(self) -> None:
        """Load deduce now (about 8 s) instead of on the first text, and the word list and libraries the rules use."""
        if self._use_deduce:
            from coach.privacy import deduce_engine

            deduce_engine.engine(self._cache_path)
            # Otherwise the first summary pays for these (wordfreq's Dutch list alone is a few tenths of a second).
            import phonenumbers  # noqa: F401
            from rapidfuzz.distance import OSA  # noqa: F401

            zipf("de")

    def _listed(self, word: str) -> bool:
        """True when deduce knows `word` as a name or place (False without deduce)."""
        if self._engine is None and self._use_deduce:
            from coach.privacy import deduce_engine

            return deduce_engine.engine(self._cache_path).listed(word)
        return False

    def _engine_spans(self, text: str) -> list[Span]:
        if self._engine is not None:
            return self._engine(text)
        if self._use_deduce:
            from coach.privacy import deduce_engine

            return deduce_engine.engine(self._cache_path).spans(text)
        return []

    def spans(
        self, text: str, table: KnownTable, *, reference_date: date, trajectory_start: date | None, people: People
    ) -> list[Span]:
        """The final, labelled, non-overlapping spans for one text."""
        chosen = self._chosen(text, table, reference_date=reference_date, trajectory_start=trajectory_start)
        loud = loud_lines(text)
        if loud:
            # Lines in capitals read again as if written as usual: the same length, so what is found
            # there fits here. In capitals every word looks like a name: there, the text as written
            # only counts for what is found regardless of case.
            readable = unshouted(text, loud, self._listed)
            again = self._chosen(readable, table, reference_date=reference_date, trajectory_start=trajectory_start)
            kept = [s for s in chosen if s.source in _CASE_BLIND_SOURCES or not _in_loud(s, loud)]
            chosen = resolve(text, kept + again)
        return [
            Span(s.start, s.end, people.label(text[s.start : s.end]), s.kind, s.source, s.suffix)
            if s.kind == "person"
            else s
            for s in chosen
        ]

    def _chosen(
        self, text: str, table: KnownTable, *, reference_date: date, trajectory_start: date | None
    ) -> list[Span]:
        """The non-overlapping spans for one text, before the unknown people are numbered."""
        known = table.find(text)
        found = find_patterns(
            text, reference_date=reference_date, trajectory_start=trajectory_start, birth_date=table.birth_date
        )
        guessed = find_context(text) + self._engine_spans(text)
        guessed = _everyday(text, _harmless(text, guessed), table.person_words(), self._listed)
        cleaned: list[Span] = []
        cutters, starts = _cutters(found + guessed + known)
        for span in guessed:
            kept: Span | None = span
            if span.kind == "person":
                kept = _strip_roles(text, span) if span.source == "deduce" else span
                if kept is not None:
                    kept = _cut_at_others(text, kept, cutters, starts)
            if kept is not None:
                cleaned.append(kept)
        chosen = resolve(text, known + found + cleaned)
        elsewhere = _name_elsewhere(text, chosen, self._listed) + _towns_after_postcodes(text, chosen, self._listed)
        if elsewhere:
            chosen = resolve(text, chosen + elsewhere)
        chosen = _extend_places(text, _merge_people(text, chosen))
        return [_as_place(text, s) for s in chosen]

    def anonymise(
        self,
        text: str,
        case: CaseLike = None,
        *,
        alias: str | None = None,
        reference_date: date | None = None,
        trajectory_start: date | None = None,
    ) -> Result:
        """Anonymise one text; dates become trajectory weeks (from `trajectory_start` or the case's start) or months."""
        return self.anonymise_many(
            [text], case, alias=alias, reference_date=reference_date, trajectory_start=trajectory_start
        )[0]

    def anonymise_many(
        self,
        texts: Iterable[str],
        case: CaseLike = None,
        *,
        alias: str | None = None,
        reference_date: date | None = None,
        trajectory_start: date | None = None,
        reference_dates: Sequence[date | None] | None = None,
    ) -> list[Result]:
        """Anonymise the parts of one summary, with one numbering of unknown people across all parts.

        A date without a year is placed from the part's own date: `reference_dates[i]` (the note's
        date), else a dated first line of the part, else `reference_date`, else today.
        """
        table = known_table(case, alias)
        reference = reference_date or clock.today()
        start = trajectory_start or table.trajectory_start
        people = People()
        texts = list(texts)
        own = list(reference_dates or [])
        own += [None] * (len(texts) - len(own))
        with self._lock:
            return [
                render(
                    text,
                    self.spans(text, table, reference_date=own[i] or reference, trajectory_start=start, people=people),
                )
                for i, text in enumerate(texts)
            ]


_DEFAULT: Anonymiser | None = None


def anonymise(
    text: str,
    case: CaseLike = None,
    *,
    alias: str | None = None,
    reference_date: date | None = None,
    trajectory_start: date | None = None,
) -> Result:
    """Anonymise `text` in this process with deduce (loads it on first use: seconds and about 1.1 GB)."""
    global _DEFAULT
    if _DEFAULT is None:
        _DEFAULT = Anonymiser()
    return _DEFAULT.anonymise(text, case, alias=alias, reference_date=reference_date, trajectory_start=trajectory_start)
