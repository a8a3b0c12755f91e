"""Context rules for what deduce misses: whitelisted first names, names after a role word,
towns that are words, streets without a number, schools, and a safety net for capitalised words."""

from __future__ import annotations

import functools
import re

from coach.privacy.common import digit_count, lowered, zipf
from coach.privacy.result import Span, sentence_start
from coach.privacy.wordlists import (
    FUNCTION_WORDS,
    HARMLESS_PROPER,
    PLACE_PREPOSITIONS,
    PLAIN_WHITELISTED_NAMES,
    ROLE_WORDS,
    SUBJECT_VERBS,
    WORD_TOWNS_CAPITALISED,
    WORD_WHITELISTED_NAMES,
)

PERSON = "[persoon]"  # replaced by a numbered label once people are linked

_TOKEN = re.compile(r"[^\W\d_][\w'’\-]*")
_NAME = r"[A-ZÀ-Þ][\w'’\-]*"
_INTERFIX = r"(?:van|de|der|den|het|ter|ten|te|el|al|van der|van den|van de|van 't)"
# A word and the space after it, before something that may be a name. Checking the word
# against a set is much cheaper than a regex alternation of 150 role words tried at every position.
_ROLE_INTRO = ROLE_WORDS | frozenset({"genaamd", "heet", "heette"})
_NAME_AFTER_ROLE = re.compile(
    r"(?P<name>(?:" + _INTERFIX + r"\s+)?" + _NAME + r"(?:\s+(?:" + _INTERFIX + r"\s+)?" + _NAME + r")?)"
)


_WORD_BEFORE = re.compile(r"(?<![\w.])(?P<word>[^\W\d_][\w'’]*\.?)\s+(?:\(\s*)?")


# Titles written with a dot: "dr." counts as "dr". A full word with a dot ends a sentence: in "met de
# vader. Ze werkt" no name follows "vader".
_ABBREVIATED = frozenset("dr mw mevr dhr hr mr drs ir ing prof st jr sr mej fam".split())


@functools.lru_cache(maxsize=4)
def _word_ends(text: str) -> dict[str, list[int]]:
    """Each word of `text` (lowercase; a title "dr." also as "dr") with where its following spaces end.

    Worked out once per text: four rules and deduce_engine ask it of the same note.
    """
    ends: dict[str, list[int]] = {}
    for match in _WORD_BEFORE.finditer(lowered(text) if len(lowered(text)) == len(text) else text):
        word = match[1].lower()
        end = match.end()
        if word in ends:
            ends[word].append(end)
        else:
            ends[word] = [end]
        if word[-1] == "." and word[:-1] in _ABBREVIATED:
            ends.setdefault(word[:-1], []).append(end)
    return ends


def after_words(text: str, words: frozenset[str], follow: re.Pattern[str]) -> list[re.Match[str]]:
    """Matches of `follow` right after one of `words` (any case) and its spaces."""
    index = _word_ends(text)
    found = []
    for end in sorted({end for word in index.keys() & words for end in index[word]}):
        after = follow.match(text, end)
        if after is not None:
            found.append(after)
    return found


# Titles a name follows even in lowercase notes: "huisarts de wit", "dr. bakkali", "juf anke".
_TITLES = "huisarts dokter dr dr. meester juf mevrouw mevr mevr. mw mw. meneer dhr dhr. mr mr. advocaat wijkagent"
_TITLE_WORDS = frozenset(_TITLES.split())
_LOWER_AFTER_TITLE = re.compile(
    r"(?P<name>(?P<interfix>(?:van der|van den|van de|van|de|der|den|ter|ten|el|al)\s+)?"
    r"(?P<word>[a-zà-ÿ][a-zà-ÿ'\-]{1,}))(?![\w])"
)
# With an interfix ("de wit") any word short of the very common ones is a surname; alone only a rare one
# ("dr. bakkali"), for "juf zei" and "meneer vond" are no names. Lowercase names in deduce's lists are
# found by deduce_engine.
# After a kinship or work word ("vriend pawel", "buurman henk") only a word that is no Dutch word at all.
_KIN_WORDS = (ROLE_WORDS - _TITLE_WORDS) | frozenset("vrienden vriendinnen broers zussen neven collega's".split())
_LOWER_AFTER_ROLE_WORD = re.compile(r"(?P<name>(?P<interfix>)(?P<word>[a-zà-ÿ][a-zà-ÿ'\-]{2,}))(?![\w])")
_ROLE_ALONE_MAX = 2.5
_TITLED_INTERFIX_MAX = 5.2
_TITLED_ALONE_MAX = 3.0
_STREET_SUFFIX = (
    r"(?:straat|str\.|laan|weg|plein|gracht|singel|kade|dijk|steeg|dreef|hof|park|pad|markt|baan"
    r"|erf|wal|ring|boulevard|allee)"
)
_HOUSE_NUMBER = r"(?P<number>\s+\d{1,4}(?:\s?[a-zA-Z](?![\w]))?(?:\s?[-/]\s?\d{1,4})?)?"
_STREET = re.compile(r"(?<![\w])(?P<street>[A-ZÀ-Þ][\w'’\-]*?" + _STREET_SUFFIX + r")(?![\w])" + _HOUSE_NUMBER)
_STREET_FIRST = re.compile(
    r"(?<![\w])(?P<street>(?:Laan|Plein|Kade|Singel|Gracht|Markt|Dijk)\s+(?:"
    + _INTERFIX
    + r"\s+)?"
    + _NAME
    + r")"
    + _HOUSE_NUMBER
)
_STREET_FIRST_WORDS = ("Laan", "Plein", "Kade", "Singel", "Gracht", "Markt", "Dijk")
_STREET_LOWER_ENDS = ("straat", "laan", "gracht", "singel", "kade", "steeg", "dreef")
_STREET_LOWER = re.compile(
    r"(?<![\w])(?i:op|aan|in|bij|naar|via|langs|over|vanaf|richting|hoek)\s+(?:de\s+|het\s+)?"
    r"(?P<street>[a-zà-ÿ][a-zà-ÿ'\-]{2,}(?:" + "|".join(_STREET_LOWER_ENDS) + r"))(?![\w])" + _HOUSE_NUMBER
)
# deduce's own street pattern (switched off in deduce_engine: it cost a fifth of deduce's time per note) knows
# these endings too; with a house number after them they are an address: "Oudegracht-plantsoen 4", "Kerkstr 12".
_STREET_NUMBERED = re.compile(
    r"(?<![\w])(?P<street>[A-Z][a-z]+(?:bolwerk|dam|drf|dyk|gr|hf|ln|mrkt|pd|plantsoen|pln|plnts|prk|sngl|st|stg|str|wg))"
    r"(?P<number>\s+\d{1,4}(?:\s?[a-zA-Z](?![\w]))?(?:\s?[-/]\s?\d{1,4})?)(?![\w])"
)
_STREET_LEAD_STOP = frozenset("op in aan bij naar via langs over vanaf de het een ze hij zij wij we ik hoek".split())
# Every school _SCHOOL finds holds one of these words (as written: the pattern is case-sensitive).
_SCHOOL_KINDS: tuple[str, ...] = ("ROC", "Roc", "Hogeschool", "Praktijkschool", "Vakschool", "Scholengemeenschap")
_SCHOOL_KINDS += ("Universiteit", "College", "Lyceum", "Academie", "School")
_SCHOOL = re.compile(
    r"(?<![\w])(?:(?:ROC|Roc|Hogeschool|Praktijkschool|Vakschool|Scholengemeenschap|Universiteit)\s+(?:"
    + _INTERFIX
    + r"\s+)?"
    + _NAME
    + r"(?:\s+"
    + _NAME
    + r")?"
    + r"|(?:"
    + _NAME
    + r"\s+){1,2}(?:College|Lyceum|Academie|School|Scholengemeenschap|Praktijkschool))(?![\w])"
)
# A club with its founding year: "Rood-Wit '62", "Leiden '75", "Bijlmer Boys '78".
# The club's kind before it (SV, VV, BC) says nothing about who: it stays.
_CLUB_YEAR = re.compile(
    r"(?<![\w'’])(?!(?:[A-Z]{1,3}|Sportclub|Club)\s)(?:[A-ZÀ-Þ][\w\-]*\s+){0,3}[A-ZÀ-Þ][\w\-]*\s+['’]\d{2}(?![\w])"
)
# A place of some kind followed by its capitalised name: "Kinderopvang Het Zonnetje", "snackbar De Gouden Hoek".
_PLACE_KIND = (
    "kinderopvang|kinderdagverblijf|peuterspeelzaal|buurtcentrum|buurthuis|wijkcentrum|jongerencentrum|inloophuis"
    "|snackbar|cafetaria|café|cafe|restaurant|pizzeria|lunchroom|bakkerij|kapsalon|sportschool|dansschool|rijschool"
    "|voetbalclub|voetbalvereniging|sportvereniging|sportclub|vereniging|stichting|zorgboerderij|woongroep|opvang"
    "|garage|fietsenmaker|moskee|kerk|gemeente|praktijk|huisartsenpraktijk|tandartspraktijk|fitness|supermarkt"
    # Primary schools go by their own name after their kind: "basisschool De Regenboog", "obs Het Anker".
    "|basisschool|montessorischool|daltonschool|jenaplanschool|obs|cbs|kbs|rkbs|pcbs|ibs"
)
_PLACE_KINDS = tuple(_PLACE_KIND.split("|"))
_KIND_NAME = re.compile(
    r"(?<![\w])(?P<kind>(?i:"
    + _PLACE_KIND
    + r"))\s+(?P<name>(?:(?:Het|De|'t|het|de)\s+)?"
    + _NAME
    + r"(?:\s+(?:"
    + _INTERFIX
    + r"\s+)?"
    + _NAME
    + r"){0,2})(?![\w])"
)
# A shop or meeting place named in lowercase after its kind: "snackbar de gouden hoek", "kapsalon de
# gouden schaar", "bakkerij het zoete hoekje". Only "de/het" + an adjective + a noun: "de snackbar de hele
# avond" and "bij de snackbar het eten" are no names.
_SHOP_KIND = (
    "snackbar|cafetaria|café|cafe|restaurant|pizzeria|lunchroom|bakkerij|kapsalon|sportschool|dansschool|rijschool"
    "|buurthuis|buurtcentrum|wijkcentrum|jongerencentrum|kinderopvang|fietsenmaker|garage|supermarkt|snackkar|shoarmazaak"
)
_SHOP_LOWER = re.compile(
    r"(?<![\w])(?i:"
    + _SHOP_KIND
    + r")\s+(?P<name>(?:de|het|'t)\s+(?P<adjective>[a-zà-ÿ]+e[n]?)\s+(?P<noun>[a-zà-ÿ]{3,}))"
    r"(?![\w])"
)
_SHOP_KINDS = tuple(_SHOP_KIND.split("|"))
# Adjectives of time, order and amount: "de hele week", "de volgende keer" say when, not which shop.
_NOT_SHOP_ADJECTIVES = frozenset(
    "hele halve gehele ganse volgende vorige laatste eerste tweede derde andere zelfde afgelopen komende meeste "
    "vaste gewone normale".split()
)
_DISTRICT = re.compile(r"(?<![\w])[A-ZÀ-Þ][\w'’\-]*(?:wijk|buurt|kwartier)(?![\w])")
_POSSESSIVE = re.compile(r"(?:'s|’s|'|’)$")


def _base(token: str) -> str:
    if not token.endswith(("'", "’", "s")):
        return token  # most words: no regex needed (this runs for every word of every note)
    return _POSSESSIVE.sub("", token)


def _next_word(text: str, end: int) -> str:
    match = re.match(r"\s*,?\s*([\w'’]+)", text[end : end + 40])
    return match[1] if match else ""


def _person(start: int, end: int) -> Span:
    return Span(start, end, PERSON, "person", "context")


@functools.lru_cache(maxsize=4)
def _tokens(text: str) -> tuple[tuple[tuple[int, int, str, str], ...], frozenset[str]]:
    """Every word of `text` once as (start, end, word, word without 's), and the set of those bases.

    Three rules walk the same words; the set lets a rule whose words are not there skip the walk.
    """
    tokens = tuple(
        (m.start(), m.end(), word, _POSSESSIVE.sub("", word) if word.endswith(("'", "’", "s")) else word)
        for m in _TOKEN.finditer(text)
        for word in (m[0],)
    )
    return tokens, frozenset([token[3] for token in tokens])


def whitelisted_names(text: str) -> list[Span]:
    """First names deduce's whitelist hides (Ilias, Dex, Tia; Ben and Lot where they are names)."""
    tokens, bases = _tokens(text)
    if bases.isdisjoint(PLAIN_WHITELISTED_NAMES) and bases.isdisjoint(WORD_WHITELISTED_NAMES):
        return []
    spans = []
    for start, token_end, _token, base in tokens:
        end = start + len(base)
        if base in PLAIN_WHITELISTED_NAMES:
            spans.append(_person(start, end))
        elif base in WORD_WHITELISTED_NAMES:
            following = _next_word(text, token_end)
            if not sentence_start(text, start) or following in SUBJECT_VERBS or following == "en":
                spans.append(_person(start, end))
    return spans


def role_names(text: str) -> list[Span]:
    """A capitalised name right after a role word: "broer Bilal", "mevrouw De Boer", "heet Jaydee"."""
    spans = []
    for match in after_words(text, _ROLE_INTRO, _NAME_AFTER_ROLE):
        words = match["name"].split()
        # Stop at a word that is itself harmless or a role ("vader Marokkaans", "moeder Oma").
        kept: list[str] = []
        for word in words:
            if _base(word) in HARMLESS_PROPER or word.lower() in ROLE_WORDS:
                break
            kept.append(word)
        while kept and not kept[-1][:1].isupper():
            kept.pop()
        if kept:
            start = match.start("name")
            end = start + len(" ".join(kept))
            if text[start:end] == " ".join(kept):
                spans.append(_person(start, end))
    return spans


def titled_lowercase(text: str) -> list[Span]:
    """A lowercase name after a title: "huisarts de wit", "dr. bakkali" (wordfreq tells a name from a word)."""
    spans = []
    matches = after_words(text, _TITLE_WORDS, _LOWER_AFTER_TITLE)
    matches += after_words(text, _KIN_WORDS, _LOWER_AFTER_ROLE_WORD)
    for match in matches:
        word = match["word"]
        if word in FUNCTION_WORDS or word in SUBJECT_VERBS or word in ROLE_WORDS:
            continue
        limit = _TITLED_INTERFIX_MAX if match["interfix"] else _TITLED_ALONE_MAX
        if match.re is _LOWER_AFTER_ROLE_WORD:
            limit = _ROLE_ALONE_MAX
        if zipf(word) < limit:
            spans.append(_person(match.start("name"), match.end("name")))
    return spans


def word_towns(text: str) -> list[Span]:
    """Towns that are also words (Leiden, Haren, Echt, Leek), capitalised and not opening a sentence."""
    tokens, bases = _tokens(text)
    if bases.isdisjoint(WORD_TOWNS_CAPITALISED):
        return []
    spans = []
    for start, _end, _token, base in tokens:
        if base in WORD_TOWNS_CAPITALISED:
            before = re.findall(r"[\w'’]+", text[max(0, start - 20) : start])
            if not sentence_start(text, start) or (before and before[-1].lower() in PLACE_PREPOSITIONS):
                spans.append(Span(start, start + len(base), "[plaats]", "place", "context"))
    return spans


def _street_start(text: str, start: int) -> int:
    """Take capitalised words in front into the street name: "Burgemeester Visserstraat"."""
    while True:
        match = re.search(r"([A-ZÀ-Þ][\w'’]*|van|de|der|den|het|ter|ten)\s+$", text[max(0, start - 30) : start])
        if not match or match[1].lower() in _STREET_LEAD_STOP and match[1][:1].isupper():
            return start
        word_start = start - (len(match[0]))
        if match[1][:1].islower():
            # An interfix counts only with a capitalised word before it.
            inner = re.search(r"[A-ZÀ-Þ][\w'’]*\s+$", text[max(0, word_start - 30) : word_start])
            if not inner:
                return start
        if sentence_start(text, word_start) and match[1].lower() in _STREET_LEAD_STOP:
            return start
        start = word_start


def streets(text: str) -> list[Span]:
    """Street names with or without a house number: "Dorpsstraat 5", "op de Dorpsstraat", "Laan van Meerdervoort"."""
    spans = []
    low = lowered(text)
    # Each pattern needs words a substring test finds far faster than the pattern's scan of the note.
    patterns = [_STREET]
    if any(word in text for word in _STREET_FIRST_WORDS):
        patterns.append(_STREET_FIRST)
    if any(word in low for word in _STREET_LOWER_ENDS):
        patterns.append(_STREET_LOWER)
    if digit_count(text):
        patterns.append(_STREET_NUMBERED)
    for pattern in patterns:
        for match in pattern.finditer(text):
            start = match.start("street")
            if match["street"] in HARMLESS_PROPER:
                continue
            if pattern is _STREET or pattern is _STREET_NUMBERED:
                if sentence_start(text, start) and not match["number"]:
                    continue
                start = _street_start(text, start)
            spans.append(Span(start, match.end(), "[adres]", "address", "context"))
    return spans


def schools(text: str) -> list[Span]:
    """Schools named with their kind: "ROC Mondriaan", "het Graafschap College"."""
    if not any(kind in text for kind in _SCHOOL_KINDS):
        return []
    return [
        Span(m.start(), m.end(), "[school]", "school", "context")
        for m in _SCHOOL.finditer(text)
        if not sentence_start(text, m.start()) or m[0].split()[0] in ("ROC", "Roc")
    ]


def organisations(text: str) -> list[Span]:
    """Clubs with a year and places named after their kind; a capitalised kind is part of the name."""
    club_year = digit_count(text) >= 2 and ("'" in text or "’" in text)  # '62: an apostrophe and two digits
    spans = [
        Span(m.start(), m.end(), "[instelling]", "institution", "context")
        for m in (_CLUB_YEAR.finditer(text) if club_year else ())
    ]
    low = lowered(text)
    kinds = any(kind in low for kind in _PLACE_KINDS)  # substring tests: far cheaper than the regex's scan
    for match in _KIND_NAME.finditer(text) if kinds else ():
        start = match.start() if match["kind"][:1].isupper() else match.start("name")
        spans.append(Span(start, match.end(), "[instelling]", "institution", "context"))
    for match in _SHOP_LOWER.finditer(text) if kinds and any(kind in low for kind in _SHOP_KINDS) else ():
        if match["adjective"] in _NOT_SHOP_ADJECTIVES or match["noun"] in FUNCTION_WORDS:
            continue
        spans.append(Span(match.start("name"), match.end("name"), "[instelling]", "institution", "context"))
    return spans


def districts(text: str) -> list[Span]:
    """Neighbourhoods such as Schilderswijk or Transvaalbuurt."""
    if "wijk" not in text and "buurt" not in text and "kwartier" not in text:
        return []
    return [
        Span(m.start(), m.end(), "[plaats]", "place", "context")
        for m in _DISTRICT.finditer(text)
        if not sentence_start(text, m.start())
    ]


def _capitalised(token: str) -> bool:
    if not token[:1].isupper() or any(ch.isdigit() for ch in token):
        return False
    head = token.split("-")[0]
    # Acronyms (UWV, KvK, GGZ-instelling) are organisations everyone knows.
    return not (len(head) <= 5 and sum(ch.isupper() for ch in head) >= 2)


_JOIN = re.compile(r"[ \t]+(?:&[ \t]+)?")
_RUN_INTERFIXES = frozenset(("van", "de", "der", "den", "ter", "ten", "el", "al"))


def safety_net(text: str) -> list[Span]:
    """Any other capitalised word inside a sentence: in Dutch that is a name, unless it is a harmless one."""
    spans: list[Span] = []
    run: list[tuple[int, int, str, str]] = []

    def close() -> None:
        while run and not _capitalised(run[-1][2]):
            run.pop()
        if run:
            spans.append(Span(run[0][0], run[-1][0] + len(run[-1][3]), "[naam]", "name", "context", soft=True))
        run.clear()

    for item in _tokens(text)[0]:
        start, _end, token, base = item
        # "Van Dijk & Partners" is one name.
        joined = bool(run) and _JOIN.fullmatch(text, run[-1][1], start) is not None
        if (
            token[0].isupper()  # most words are lowercase: no call for them
            and _capitalised(token)
            and base not in HARMLESS_PROPER
            and base.lower() not in ROLE_WORDS
            and base.lower() not in FUNCTION_WORDS
            and not sentence_start(text, start)
        ):
            if run and not joined:
                close()
            run.append(item)
        elif run and joined and token.lower() in _RUN_INTERFIXES:
            run.append(item)
        elif run:
            close()
    close()
    return spans


def find_context(text: str) -> list[Span]:
    """All context-rule spans (they may overlap; the anonymiser picks)."""
    spans: list[Span] = []
    for rule in (
        whitelisted_names,
        role_names,
        titled_lowercase,
        word_towns,
        streets,
        schools,
        organisations,
        districts,
        safety_net,
    ):
        spans += rule(text)
    return spans
