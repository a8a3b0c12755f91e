"""deduce as a source of spans: loaded once per process, quietly, with its cache in the user cache dir."""

from __future__ import annotations

import gc
import importlib.metadata
import logging
import re
import threading
from pathlib import Path
from typing import Any

from coach import paths
from coach.privacy.common import dutchish, zipf
from coach.privacy.context import after_words
from coach.privacy.known import WORD_NAMES
from coach.privacy.patterns import find_postcodes
from coach.privacy.result import Span, sentence_start
from coach.privacy.wordlists import PLACE_PREPOSITIONS, ROLE_WORDS, SUBJECT_VERBS

_CACHE_FILE = Path("cache") / "lookup_structs.pickle"
_MARKER = "deduce-version.txt"
_LOCK = threading.Lock()
_ENGINE: DeduceEngine | None = None

# deduce tag -> (label, kind); None drops the tag (ages stay in the text).
_TAGS: dict[str, tuple[str, str] | None] = {
    "persoon": ("[persoon]", "person"),
    "patient": ("[persoon]", "person"),
    "ziekenhuis": ("[instelling]", "institution"),
    "zorginstelling": ("[instelling]", "institution"),
    "datum": ("[datum]", "date"),
    "bsn": ("[BSN]", "bsn"),
    "id": ("[nummer]", "number"),
    "telefoonnummer": ("[telefoon]", "phone"),
    "emailadres": ("[e-mail]", "email"),
    "url": ("[link]", "url"),
    "leeftijd": None,
}
# "zus lisa", also in quotes: "zus 'lisa'" (an apostrophe inside a name only between letters).
_LOWER_AFTER_ROLE = re.compile(r"['‘\"“]?(?P<name>[a-zà-ÿ](?:[a-zà-ÿ\-]|'(?=[a-zà-ÿ]))+)(?![\w])")
# A lowercase first name owning a role: "noor's zus", "ahmeds moeder".
_POSSESSIVE_END = re.compile(r"(?:'s|’s|s)$")
_LOWER_WORD = re.compile(r"(?<![\w'’\-])[a-zà-ÿ][a-zà-ÿ'’\-]{2,}(?![\w'’\-])")
# Before a lowercase first name: "met jurre", "belde senna".
_NAME_BEFORE = frozenset(
    "met en van bij voor aan naar zag belde appte sprak tegen door zei vroeg vertelde hielp samen of".split()
)
# First names in deduce's list that are everyday words too.
_LOWER_NOT_NAME = frozenset(WORD_NAMES) | frozenset("baan kader maatje lijntje kier luit constant king bloem".split())
_PLACE_AFTER = re.compile(r"(?P<place>[a-zà-ÿ][a-zà-ÿ'\-]{2,})(?![\w])")


# Prepositions before a lowercase first name that is no everyday word ("wachten op lieke").
_PREPOSITIONS = frozenset(
    "op over om naast achter zonder tussen onder boven via na sinds tot langs rond tegenover".split()
)
_NAME_AFTER_PREPOSITION = 4.2
# What a lowercase word may be (DeduceEngine._word_kind), as bits.
_FIRST_NAME = 1
_RARE_FIRST_NAME = 2
_PREPOSITION_NAME = 4
_UNKNOWN_WORD = 8
# After these a lowercase street name from deduce's list is a neighbourhood ("in transvaal", "naar lombok").
_INTO = frozenset("in uit naar vanuit richting".split())
_NEIGHBOURHOOD_MAX = 3.8
# Below this Zipf frequency a word is no Dutch word (bilal 2.9, pawel 2.1; lieke 3.2 needs context).
_RARE = 2.95
_UNKNOWN = 2.3
_LOWER_SURNAME = re.compile(
    r"\s+(?:van der|van den|van de|van|de|der|den|ter|ten|el|al)\s+(?P<core>[a-zà-ÿ][a-zà-ÿ'\-]+)"
)
# Every word with ' or - inside, whole: a lowercase one of these is what _LOWER_WORD finds.
_ANY_WORD = re.compile(r"[\w'’\-]+")
# deduce's processors we do not use: its post-processing and person merging (we resolve
# spans ourselves), and the regex annotators our patterns do better (dates, ages, phones,
# e-mail, links, identifiers), or as well for less: its street pattern (a regex per word, a fifth of
# deduce's time; context.streets finds the same streets with their number) and its postbus pattern
# (patterns.find_postbus). Skipping them saves a quarter of deduce's time per note.
_DISABLED = frozenset(
    {
        "post_processing",
        "person_annotation_converter",
        "dates",
        "ages",
        "phone_numbers",
        "email_addresses",
        "urls",
        "identifiers",
        "street_pattern",
        "postbus",
    }
)


def deduce_cache_dir() -> Path:
    """Where deduce's lookup cache lives: under the user cache dir, never in site-packages."""
    return paths.cache_dir() / "deduce"


def deduce_version() -> str:
    """The installed deduce version (without importing it)."""
    return importlib.metadata.version("deduce")


def cache_is_built(cache_path: Path | None = None) -> bool:
    """True when deduce's lookup cache for this deduce version is on disk (a load then takes seconds, not minutes)."""
    base = cache_path or deduce_cache_dir()
    marker = base / _MARKER
    try:
        return (base / _CACHE_FILE).is_file() and marker.read_text(encoding="utf-8").strip() == deduce_version()
    except OSError:
        return False


def _import_deduce() -> Any:
    # deduce calls logging.basicConfig(stream=sys.stdout, level=DEBUG) when imported.
    # basicConfig does nothing while the root logger has a handler, so hold one there
    # during the import and take it away afterwards: the host's logging stays as it was.
    root = logging.getLogger()
    guard = logging.NullHandler()
    root.addHandler(guard)
    try:
        import deduce
    finally:
        root.removeHandler(guard)
    return deduce


class DeduceEngine:
    """One loaded deduce instance and the spans it finds, mapped to our labels."""

    def __init__(self, cache_path: Path | None = None) -> None:
        base = cache_path or deduce_cache_dir()
        base.mkdir(parents=True, exist_ok=True)
        deduce = _import_deduce()
        self._deduce = deduce.Deduce(cache_path=base)
        (base / _MARKER).write_text(deduce_version(), encoding="utf-8")
        structs = self._deduce.lookup_structs
        self._common_words = structs["common_word"]
        self._word_kinds: dict[str, int] = {}
        self._streets = structs["street"]
        self._first_names = structs["first_name"]
        self._surnames = structs["surname"]
        self._places = structs["placename"]
        # deduce's lookup lists are millions of objects that live as long as the process. Left
        # in the collector's generations, every full collection walks them all, and a note's
        # few thousand small objects trigger one now and then: a note then took three times
        # raw deduce's time instead of under two. Frozen, the collector skips them.
        gc.collect()
        gc.freeze()

    def spans(self, text: str) -> list[Span]:
        """deduce's annotations (before its own merging and redaction), plus lowercase names and places."""
        # Without deduce's person converter the tags still say how a name was found.
        doc = self._deduce.deidentify(text, disabled=_DISABLED)
        pseudo = [(a.start_char, a.end_char) for a in doc.annotations if "pseudo" in a.tag]
        spans = []
        for annotation in doc.annotations:
            start, end, tag = annotation.start_char, annotation.end_char, annotation.tag
            if "pseudo" in tag:
                continue
            mapped = self._map(tag, annotation.text)
            if mapped is None:
                continue
            label, kind = mapped
            if kind == "person":
                if any(a < end and start < b for a, b in pseudo):
                    continue  # part of an eponymous disease ("ziekte van Parkinson")
                if tag.startswith("naam+") and sentence_start(text, start):
                    # deduce took the capitalised word before a name as a name too;
                    # at the start of a sentence every word is capitalised.
                    first = re.match(r"\S+\s+", text[start:end])
                    start += first.end() if first else 0
            spans.append(Span(start, end, label, kind, "deduce"))
        spans += self._lowercase(text)
        return spans

    @staticmethod
    def _map(tag: str, found: str) -> tuple[str, str] | None:
        if tag == "locatie":
            if find_postcodes(found):
                return "[postcode]", "postcode"
            if re.search(r"\d", found):
                return "[adres]", "address"
            return "[plaats]", "place"
        if tag in _TAGS:
            return _TAGS[tag]
        if any(part in tag for part in ("naam", "initiaal", "prefix", "interfix", "patient")):
            return "[persoon]", "person"
        return "[verborgen]", "other"

    def _owner(self, words: list[tuple[int, int, str]], index: int) -> str:
        """The first name in a lowercase possessive before a role word ("noor's zus" -> "noor"), else ""."""
        start, end, word = words[index]
        if not word[:1].islower() or index + 1 >= len(words) or words[index + 1][2].lower() not in ROLE_WORDS:
            return ""
        if words[index + 1][0] - end > 2:
            return ""
        base = _POSSESSIVE_END.sub("", word)
        if base == word or len(base) < 3 or base in _LOWER_NOT_NAME or [base.title()] not in self._first_names:
            return ""
        # "s" alone also ends everyday words ("buurmans", "ouders"): only a name no everyday word is.
        return base if word[len(base)] in "'’" or zipf(base) < _RARE else ""

    def _word_kind(self, word: str) -> int:
        """What a lowercase word may be, as bits: a first name (and rare, or no everyday word), or unknown to wordfreq."""
        kind = 0
        # Short and capitalised words first, without the regex: they are half of a note's words.
        if len(word) >= 3 and word[0].islower() and word not in _LOWER_NOT_NAME and _LOWER_WORD.fullmatch(word):
            rarity = zipf(word)
            if [word.title()] in self._first_names:
                kind |= _FIRST_NAME
                # A first name that is no Dutch word at all is a name anywhere: "vriend pawel", "(ibrahima en sekou)".
                if rarity < _RARE:
                    kind |= _RARE_FIRST_NAME
                if word not in self._common_words and rarity < _NAME_AFTER_PREPOSITION:
                    kind |= _PREPOSITION_NAME
            if rarity < _UNKNOWN and not dutchish(word):
                kind |= _UNKNOWN_WORD
        if len(self._word_kinds) > 100_000:
            self._word_kinds.clear()  # a bound for a worker that lives long
        self._word_kinds[word] = kind
        return kind

    def listed(self, word: str) -> bool:
        """True when deduce's lists hold `word` as a first name, surname or place ("Paramaribo", "Haddou")."""
        key = [word[:1].upper() + word[1:].lower()]
        return key in self._first_names or key in self._surnames or key in self._places

    def _lowercase(self, text: str) -> list[Span]:
        """Lowercase names after a role word or in name context ("met jurre") and places after "in" ("in zwolle")."""
        spans = []
        for match in after_words(text, ROLE_WORDS, _LOWER_AFTER_ROLE):
            word = match["name"]
            if [word.title()] in self._first_names or [word.title()] in self._surnames:
                spans.append(Span(match.start("name"), match.end("name"), "[persoon]", "person", "deduce"))
        # Every word once, so each lowercase word finds its neighbours without a regex of its own.
        words = [(m.start(), m.end(), m[0]) for m in _ANY_WORD.finditer(text)]
        kinds = self._word_kinds
        for index, (start, end, word) in enumerate(words):
            owner = self._owner(words, index)
            if owner:
                spans.append(Span(start, start + len(owner), "[persoon]", "person", "deduce"))
                continue
            # What the word itself allows, looked up once per word: most words can never be a name here.
            kind = kinds.get(word)
            if kind is None:
                kind = self._word_kind(word)
            if not kind:
                continue
            if not kind & _RARE_FIRST_NAME:
                before = words[index - 1] if index and start - words[index - 1][1] <= 20 else None
                after = words[index + 1] if index + 1 < len(words) and words[index + 1][0] - end <= 20 else None
                in_context = (before is not None and before[2].lower() in _NAME_BEFORE) or (
                    after is not None and after[2] in SUBJECT_VERBS
                )
                # After a preposition a first name in deduce's list is a name unless it is an everyday word:
                # "reageren op lieke", "naast jorien", not "op tijd" or "over storm".
                after_preposition = before is not None and before[2].lower() in _PREPOSITIONS
                # In name context a word wordfreq hardly knows is a name even outside deduce's list ("van pawel").
                if not (
                    (in_context and kind & (_FIRST_NAME | _UNKNOWN_WORD))
                    or (after_preposition and kind & _PREPOSITION_NAME)
                ):
                    continue
            surname = _LOWER_SURNAME.match(text, end)
            if surname and [surname["core"].title()] in self._surnames:
                end = surname.end()  # "ruben de haan"
            spans.append(Span(start, end, "[persoon]", "person", "deduce"))
        # After "in", "naar", ... from the word index the context rules built already: no scan of its own.
        for match in after_words(text, PLACE_PREPOSITIONS, _PLACE_AFTER):
            if [match["place"].title()] in self._places:
                spans.append(Span(match.start("place"), match.end("place"), "[plaats]", "place", "deduce"))
        # A neighbourhood named after a street in deduce's list, lowercase after "in" or "naar": "in transvaal",
        # "uit lombok" (not "in beweging": an everyday word is the word).
        for match in after_words(text, _INTO, _PLACE_AFTER):
            place = match["place"]
            if (
                place not in self._common_words
                and zipf(place) < _NEIGHBOURHOOD_MAX
                and [place.title()] in self._streets
                and [place.title()] not in self._places
            ):
                spans.append(Span(match.start("place"), match.end("place"), "[plaats]", "place", "deduce"))
        return spans


def engine(cache_path: Path | None = None) -> DeduceEngine:
    """The process's one DeduceEngine, built on first use (about 8 s; the first build ever about 75 s)."""
    global _ENGINE
    with _LOCK:
        if _ENGINE is None:
            _ENGINE = DeduceEngine(cache_path)
        return _ENGINE
