"""What the case knows about who and where, and the role label each name becomes."""

from __future__ import annotations

import functools
import re
from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from datetime import date
from typing import Any

from coach.domain.model import Case
from coach.privacy.common import common, digit_count, fold_letters
from coach.privacy.result import Span, sentence_start
from coach.privacy.variants import find_variants
from coach.privacy.wordlists import HARMLESS_PROPER

YOUTH_LABEL = "de jongere"
COACH_LABEL = "de coach"
AMBIGUOUS_FIRST = "[naam]"
AMBIGUOUS_LAST = "[achternaam]"

# Words between a first name and the core of a surname ("de Vries", "El Amrani").
INTERFIXES = frozenset("van de der den het 't ter ten te in op el al la le du da di dos von zu d' l'".split())

# Names that are also everyday Dutch words. A lowercase one is read as the word
# when the words around it say so: "de storm", "ik hoop", "ben je", "in mei".
WORD_NAMES: dict[str, frozenset[str]] = {
    word: frozenset(kinds.split("+"))
    for word, kinds in {
        "hoop": "noun+verb",
        "wil": "noun+verb",
        "ben": "verb",
        "kent": "verb",
        "storm": "noun",
        "roos": "noun",
        "bas": "noun",
        "lot": "noun",
        "hart": "noun",
        "mees": "noun",
        "vos": "noun",
        "zon": "noun",
        "jade": "noun",
        "jet": "noun",
        "lente": "noun",
        "merel": "noun",
        "iris": "noun",
        "amber": "noun",
        "linde": "noun",
        "winter": "noun",
        "zomer": "noun",
        "dag": "noun",
        "ster": "noun",
        "maan": "noun",
        "job": "noun",
        "els": "noun",
        "hazel": "noun",
        "fleur": "noun",
        "lies": "noun",
        "sky": "noun",
        "bloem": "noun",
        "mei": "month",
        "april": "month",
        "juni": "month",
        "juli": "month",
        "jan": "month",
        "augustus": "month",
    }.items()
}
# Town names that are also everyday words; lowercase they count as the town only after "in", "uit", "naar".
WORD_TOWNS = frozenset(
    "leiden haren dieren echt holte leek heel klimmen vechten zetten best putten goes hoorn doorn huizen bergen "
    "kampen helden weert loon rijen sluis delft assen hulst goor monster gouda buren made hoek beek meer spier "
    "zand neer".split()
)

_DETERMINERS = frozenset(
    "de het een die deze dat dit geen mijn m'n je jouw zijn z'n haar ons onze hun uw elke iedere welke zo'n zulke "
    "wat veel weinig meer minder nieuwe nieuw goede grote kleine echte rode witte hevige zware halve hele volle vol "
    "beetje sprankje eigen".split()
)
_PRONOUNS = frozenset("ik jij je u hij zij ze we wij jullie men".split())
_VERB_NEXT = _PRONOUNS | {"dat"}
_NOUN_NEXT = {"hoop": frozenset({"op"})}
_MONTH_BEFORE = frozenset(
    "in eind begin half medio sinds vanaf tot per na voor t/m deze vorige volgende afgelopen komende".split()
)
_PLACE_BEFORE = frozenset("in uit naar te richting vanuit rond bij".split())
_POSSESSIVE = ("'s", "’s", "'", "’", "s")
_SUFFIX = r"(?P<suffix>'s|’s|'|’|s|je|tje|etje|pje|kje)?"
_WORD = re.compile(r"\w+(?:['’]\w+)*")


@dataclass(frozen=True)
class KnownName:
    """One way the case's text may mention someone or something, and its label."""

    text: str
    label: str
    kind: str
    person: bool = False
    # A word taken from a longer organisation name ("Samen" of "Stichting Geldzorgen Samen"):
    # written in lowercase it is the everyday word, not the organisation.
    capitalised_only: bool = False
    # Which part of the name this form is: "first", "last", "full", "initial", "initials",
    # "org" (a whole organisation), "orgwords" (its distinctive words), "orgword" (one of
    # them), "acronym"; "" for places and numbers.
    part: str = ""


@dataclass
class KnownTable:
    """Everything the case knows, ready to find in a text."""

    names: list[KnownName] = field(default_factory=list)
    birth_date: date | None = None
    trajectory_start: date | None = None
    # The names longest first with the first word each regex needs, worked out once per table.
    _ordered: list[tuple[KnownName, str, re.Pattern[str]]] | None = field(default=None, repr=False, compare=False)
    # The people's first names and surnames as variants.find_variants wants them, also worked out once.
    _people: list[tuple[str, str, str, str]] | None = field(default=None, repr=False, compare=False)
    _person_words: frozenset[str] | None = field(default=None, repr=False, compare=False)
    _person_count: int = field(default=-1, repr=False, compare=False)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-safe dict (sent to the worker process)."""
        return {
            "names": [asdict(name) for name in self.names],
            "birth_date": self.birth_date.isoformat() if self.birth_date else None,
            "trajectory_start": self.trajectory_start.isoformat() if self.trajectory_start else None,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> KnownTable:
        """The table that `to_dict` described."""
        return cls(
            [KnownName(**item) for item in data.get("names", [])],
            date.fromisoformat(data["birth_date"]) if data.get("birth_date") else None,
            date.fromisoformat(data["trajectory_start"]) if data.get("trajectory_start") else None,
        )

    def person_words(self) -> frozenset[str]:
        """Every name form of a known person in lowercase, worked out once per table."""
        if self._person_words is None or self._person_count != len(self.names):
            self._person_words = frozenset(name.text.lower() for name in self.names if name.person)
            self._person_count = len(self.names)
        return self._person_words

    def person_forms(self) -> list[str]:
        """Every name form of a known person (the leak test looks for these)."""
        return [name.text for name in self.names if name.person]

    def find(self, text: str) -> list[Span]:
        """Every mention of what the case knows, longest form first, without overlaps."""
        spans: list[Span] = []
        taken = [False] * len(text)
        lowered = text.lower()
        if self._ordered is None or len(self._ordered) != len(self.names):
            self._ordered = [
                (name, _hint(name), _pattern(name))
                for name in sorted(self.names, key=lambda n: len(n.text), reverse=True)
            ]
            self._people = [(n.text, n.label, n.kind, n.part) for n in self.names if n.person]
        aligned = len(lowered) == len(text)  # lower() keeps positions (it does unless a rare letter grows)
        digits = digit_count(text)
        for name, first, pattern in self._ordered:
            if first not in lowered:
                continue  # a form whose first word is nowhere in the text cannot match: skip its regex
            if name.kind == "phone" and digits < _phone_digits(name.text):
                continue  # a note with fewer digits than the number cannot hold it
            for match in _matches(pattern, text, lowered, first if aligned else ""):
                start, end = match.start("name"), match.end()
                if any(taken[start:end]) or not _accept(name, text, match):
                    continue
                suffix = match.groupdict().get("suffix") or ""
                shown = "'s" if name.person and suffix in _POSSESSIVE and not name.label.startswith("[") else ""
                spans.append(Span(start, end, name.label, name.kind, "case", suffix=shown))
                taken[start:end] = [True] * (end - start)
        spans += find_variants(text, self._people or [], taken, AMBIGUOUS_FIRST)
        return absorb_role_words(text, _merge_adjacent(text, spans))


def _matches(pattern: re.Pattern[str], text: str, lowered: str, first: str) -> Iterator[re.Match[str]]:
    """The pattern's matches, tried only where its first word occurs: a scan of the whole text per
    form cost more than all our other rules together."""
    if not first:
        yield from pattern.finditer(text)
        return
    at = lowered.find(first)
    while at >= 0:
        match = pattern.match(text, at)  # the pattern's look-behind still sees the text before `at`
        if match is not None:
            yield match
            at = lowered.find(first, max(match.end(), at + 1))
        else:
            at = lowered.find(first, at + 1)


@functools.lru_cache(maxsize=1024)
def _phone_digits(phone: str) -> int:
    """How many digits any notation of `phone` has at least (without its country code or trunk 0)."""
    digits = re.sub(r"\D", "", phone)
    return len(digits[2:] if digits.startswith("31") else digits.lstrip("0")) - 3  # a foreign code: up to 3


def _hint(name: KnownName) -> str:
    """What a text must hold for `name` to be in it: its first word; a postcode's four digits; nothing for a phone."""
    if name.kind == "phone":
        return ""  # written with any separators between its digits
    if name.kind == "postcode":
        return re.sub(r"\s", "", name.text)[:4]
    return _first_word(name.text)


@functools.lru_cache(maxsize=4096)
def _first_word(form: str) -> str:
    return form.split()[0].lower() if form.split() else ""


def _fold(text: str) -> str:
    if text.isascii():
        return text
    return fold_letters(text)


@functools.lru_cache(maxsize=2048)
def _pattern(name: KnownName) -> re.Pattern[str]:
    if name.kind == "phone":
        digits = re.sub(r"\D", "", name.text)
        foreign = name.text.strip().startswith(("+", "00")) and not re.sub(r"^00", "", digits).startswith("31")
        if foreign:
            # A foreign number is written with its country code: "+212 6 61 23 45 67", "0048 512 …".
            body = r"[\s\-.)(]{0,2}".join(re.sub(r"^00", "", digits))
            return re.compile(r"(?<![\w+])(?P<name>(?:\+|00)\s?" + body + r")(?!\d)")
        national = digits[2:] if digits.startswith("31") else digits.lstrip("0")
        body = r"[\s\-.)]{0,2}".join(national)
        trunk = r"(?:(?:\+|00)\s?31\s?(?:\(0\)\s?)?|\(?0)[\s\-.)]{0,2}"
        return re.compile(r"(?<![\w+])(?P<name>" + trunk + body + r")(?!\d)")
    if name.part == "initials" and "." in name.text:
        return re.compile(r"(?<![\w@.])(?P<name>" + re.escape(name.text) + r")(?![\w@])", re.IGNORECASE)
    if name.part in ("acronym", "initials"):
        # "RIC", "S.V.": capitals only, or every "sv" and "ric" in the text would go.
        return re.compile(r"(?<![\w@.])(?P<name>" + re.escape(name.text) + r")(?P<suffix>'s|’s)?(?![\w@])")
    if name.person and re.fullmatch(r"\w\.", name.text):
        return re.compile(r"(?<![\w@.])(?P<name>" + re.escape(name.text) + r")(?![\w@.])", re.IGNORECASE)
    if name.kind == "postcode":
        compact = re.sub(r"\s", "", name.text)
        return re.compile(
            r"(?<!\w)(?P<name>" + re.escape(compact[:4]) + r"\s?" + re.escape(compact[4:]) + r")(?!\w)", re.IGNORECASE
        )
    body = r"\s+".join(re.escape(part) for part in name.text.split())
    suffix = _SUFFIX if name.person else r"(?P<suffix>'s|’s)?"
    return re.compile(r"(?<![\w@.])(?P<name>" + body + r")" + suffix + r"(?![\w@])", re.IGNORECASE)


def _words_around(text: str, start: int, end: int) -> tuple[str, str]:
    before = _WORD.findall(text[max(0, start - 30) : start])
    after = _WORD.findall(text[end : end + 30])
    return (before[-1].lower() if before else ""), (after[0].lower() if after else "")


def ordinary_word(word: str, text: str, start: int, end: int) -> bool:
    """True when a name that is also a word (hoop, storm, ben, mei) is used as the word here."""
    kinds = WORD_NAMES.get(word.lower())
    if not kinds:
        return False
    before, after = _words_around(text, start, end)
    if "noun" in kinds and (before in _DETERMINERS or after in _NOUN_NEXT.get(word.lower(), ())):
        return True
    if "verb" in kinds and (before in _PRONOUNS or after in _VERB_NEXT):
        return True
    if "month" in kinds and (before in _MONTH_BEFORE or before.isdigit() or after.isdigit()):
        return True
    return False


def _accept(name: KnownName, text: str, match: re.Match[str]) -> bool:
    found = match["name"]
    if name.kind in ("phone", "postcode", "email", "address"):
        return True
    lowered = name.text.lower()
    if name.capitalised_only and found.islower():
        return False
    if name.part == "orgword" and sentence_start(text, match.start()) and common(lowered):
        return False  # "Samen gedaan." opens a sentence; "bij Samen" is the organisation
    if name.part == "last" and found.islower() and common(lowered.split()[-1]):
        # "de boer op" is the idiom, "met de boer gebeld" or "de boer kwam" the family.
        return _name_context(text, match.start(), match.end())
    if name.kind in ("city", "school", "employer", "institution"):
        if found[:1].isupper() or lowered not in WORD_TOWNS:
            return True
        before, _ = _words_around(text, match.start(), match.end())
        return before in _PLACE_BEFORE
    if not found.islower():
        # Capitalised: the name, except a verb-name opening a question ("Ben je er morgen?").
        kinds = WORD_NAMES.get(lowered, frozenset())
        if "verb" in kinds and " " not in lowered:
            _, after = _words_around(text, match.start(), match.end())
            return after not in _PRONOUNS
        return True
    return not ordinary_word(lowered, text, match.start(), match.end("name"))


_NAME_CONTEXT_BEFORE = frozenset(
    "met en van bij voor aan naar zag belde appte sprak tegen door zei vroeg vertelde hielp of familie fam".split()
)


_MORE_VERBS = frozenset("vraagt vroeg belt mailt appt stuurt regelt wil zegt meldt gaf geeft neemt".split())


def _name_context(text: str, start: int, end: int) -> bool:
    """True when the words around a lowercase form make it a name: "met de boer", "fam. de boer", "de boer belde"."""
    from coach.privacy.wordlists import ROLE_WORDS, SUBJECT_VERBS

    before, after = _words_around(text, start, end)
    if text[end : end + 2] in ("'s", "’s"):
        return True
    return before in _NAME_CONTEXT_BEFORE or before in ROLE_WORDS or after in SUBJECT_VERBS or after in _MORE_VERBS


def _merge_adjacent(text: str, spans: list[Span]) -> list[Span]:
    """Join two mentions of the same label separated only by a space ("Sanne" "Visser")."""
    spans = sorted(spans, key=lambda s: s.start)
    merged: list[Span] = []
    for span in spans:
        gap = text[merged[-1].end : span.start] if merged else ""
        if merged and merged[-1].label == span.label and not merged[-1].suffix and re.fullmatch(r"[ \t]+", gap):
            last = merged.pop()
            span = Span(last.start, span.end, span.label, span.kind, span.source, suffix=span.suffix)
        merged.append(span)
    return merged


@functools.lru_cache(maxsize=256)
def _role_word(label: str) -> str:
    return re.sub(r"\s+(?:\d+|\(\d+\))$", "", label).lower()


@functools.lru_cache(maxsize=256)
def _role_before(role: str) -> re.Pattern[str]:
    """The role word (or its last words) right before a name: "moeder ", "de woonbegeleider, "."""
    words = [re.escape(w) for w in role.split()]
    options = "|".join(r"\s+".join(words[i:]) for i in range(len(words)))
    return re.compile(r"(?<![\w])(?:" + options + r")(?P<comma>,)?\s+$", re.IGNORECASE)


def absorb_role_words(text: str, spans: list[Span]) -> list[Span]:
    """Take the role word's echo into a name's span: "moeder Marja" becomes "moeder", not "moeder moeder"."""
    out = []
    for span in spans:
        if span.kind in ("youth", "network") and not span.label.startswith("[") and not span.suffix:
            role = _role_word(span.label)
            window = max(0, span.start - 40)
            before = _role_before(role).search(text[window : span.start])
            if before and not before["comma"]:
                span = Span(window + before.start(), span.end, span.label, span.kind, span.source)
            elif before and text[span.end : span.end + 1] == ",":
                # "De woonbegeleider, Petra, komt" becomes "De woonbegeleider komt".
                span = Span(window + before.start(), span.end + 1, span.label, span.kind, span.source)
            else:
                span = _absorb_parenthesis(text, span, role)
        out.append(span)
    return out


def _absorb_parenthesis(text: str, span: Span, role: str) -> Span:
    """ "Jeroen (consulent gemeente)" becomes "consulent (gemeente)", "Petra (moeder)" just "moeder"."""
    if not text[span.end : span.end + 8].lstrip().startswith("("):
        return span  # no parenthesis after the name: most names
    words = r"\s+".join(re.escape(w) for w in role.split())
    after = re.match(r"\s*\(\s*(?:" + words + r")(?![\w])(?P<close>\s*\))?\s*", text[span.end :], re.IGNORECASE)
    if after is None:
        return span
    if after["close"]:
        return Span(span.start, span.end + after.end("close"), span.label, span.kind, span.source)
    return Span(span.start, span.end + after.end(), span.label, span.kind, span.source, suffix=" (")


def split_name(full: str) -> tuple[str | None, str | None, str | None]:
    """First name, whole surname and the surname's core: "Daan de Vries" -> Daan, de Vries, Vries."""
    tokens = full.split()
    if not tokens:
        return None, None, None
    if len(tokens) == 1:
        return tokens[0], None, None
    first, rest = tokens[0], tokens[1:]
    surname = " ".join(rest)
    core = list(rest)
    while len(core) > 1 and core[0].lower() in INTERFIXES:
        core.pop(0)
    return first, surname, " ".join(core)


_TITLES = frozenset("mevrouw mevr mevr. mw mw. meneer dhr dhr. hr hr. mr mr. dr dr. juf meester de heer".split())


def _strip_titles(name: str, relation: str) -> str:
    """A network name without titles or its own role word: "Oma Riet" -> "Riet", "mw. Jansen" -> "Jansen"."""
    tokens = name.split()
    while len(tokens) > 1 and (tokens[0].lower() in _TITLES or tokens[0].lower() == relation):
        tokens.pop(0)
    return " ".join(tokens)


def _name_forms(first: str | None, nickname: str | None, last: str | None) -> tuple[set[str], set[str], set[str]]:
    """Full forms, first-name forms and surname forms of one person."""
    firsts: set[str] = set()
    for given in (first, nickname):
        if given:
            firsts.add(given)
            for part in re.split(r"[\s\-]+", given):
                if sum(ch.isalpha() for ch in part) >= 2:
                    firsts.add(part)
    lasts: set[str] = set()
    if last:
        lasts.add(last)
        core = last.split()
        while len(core) > 1 and core[0].lower() in INTERFIXES:
            core.pop(0)
        lasts.add(" ".join(core))
        if len(core) > 1 and len(core[-1]) >= 3:
            lasts.add(core[-1])
    fulls = {f"{first} {last}" for first in firsts for last in lasts}
    # "I. Lammers", "Th. Hoekstra": an initial before the surname; Th, Ch, Ph and Sj are one letter in Dutch.
    for given in (first,):
        if given and given[:1].isalpha():
            head = given[:2] if given[:2].lower() in ("th", "ch", "ph", "sj") else given[:1]
            fulls |= {f"{head}. {last}" for last in lasts}
    return fulls, firsts, lasts


def _initials(first: str | None, last: str | None) -> set[str]:
    """A person's initials as SOAP notes write them: "S.V." and "SV" for Sanne (de) Visser."""
    if not first or not last:
        return set()
    core = [w for w in last.split() if w.lower() not in INTERFIXES] or last.split()
    givens = [w for w in re.split(r"[\s\-]+", first) if w]
    forms: set[str] = set()
    for letters in {_fold(givens[0][:1] + core[0][:1]).upper(), _fold("".join(g[:1] for g in givens)).upper()}:
        # "S.V." for Sanne Visser, "M.R." for Mohammad Reza: the dotted form in any case ("k.w."),
        # the bare capitals only as capitals ("SV").
        if letters.isalpha() and len(letters) == 2:
            forms |= {letters, f"{letters[0]}.{letters[1]}."}
    return forms


def _with_folds(forms: set[str]) -> set[str]:
    return forms | {_fold(form) for form in forms}


def _street_forms(street: str) -> set[str]:
    name = re.sub(r"\s+\d+.*$", "", street).strip()
    forms = {street.strip(), name}
    if name.lower().endswith("straat"):
        forms |= {name[:-4] + ".", name[:-4]}
    return {form for form in forms if len(form) >= 3}


def _org_forms(org: str) -> set[str]:
    """The organisation's name, and its distinctive words when it has several."""
    forms = {org.strip()}
    if org.strip() in HARMLESS_PROPER:
        return set()  # "Werkplein", "Jumbo": names many places share
    words = org.split()
    if len(words) > 1:
        forms |= {
            w
            for w in words
            if (len(w) >= 3 or (len(w) >= 2 and w.isupper()))
            and w.lower() not in _GENERIC_ORG_WORDS
            and w[:1].isupper()
        }
        # Two words of a longer name say it too: "Samen Sterk" of Samen Sterk Zuidoost.
        if len(words) > 2:
            forms |= {" ".join(words[:2]), " ".join(words[-2:])}
        if "van" in words:
            forms.add(" ".join("v" if w == "van" else w for w in words))  # "ROC v Twente"
    return forms


_GENERIC_ORG_WORDS = frozenset(
    "roc mbo hbo college school lyceum stichting beroepsonderwijs hogeschool universiteit bv b.v. groep zorg werk"
    " van de het en voor vakschool praktijkschool campus instituut centrum gemeente afdeling".split()
)


def _org_core(org: str) -> str | None:
    """The organisation's name without its generic words, when that leaves two words: "Rijn IJssel"."""
    core = [w for w in org.split() if w.lower() not in _GENERIC_ORG_WORDS]
    return " ".join(core) if len(core) >= 2 and len(core) < len(org.split()) else None


def _compound_acronym(org: str) -> str | None:
    """Capitals that split compounds: "JBG" for Jeugdbescherming Gelderland, "WPH" for Werkplein Haaglanden."""
    letters = []
    for word in org.split():
        if word.lower() in INTERFIXES or not word[:1].isalpha():
            continue
        letters.append(word[0])
        lowered = word.lower()
        if common(lowered, 3.3):
            continue  # a well-known name is not split: Gelderland, Haaglanden
        for i in range(3, len(lowered) - 2):
            if common(lowered[:i], 3.5) and common(lowered[i:], 3.5):
                letters.append(lowered[i])
                break
    acronym = "".join(letters).upper()
    return acronym if len(acronym) >= 3 else None


def _acronym(org: str) -> str | None:
    """The capitals a coach writes for a long name: "RIC" for Rijn IJssel College, "SGS" for Stichting Geldzorgen Samen."""
    words = [w for w in re.split(r"[\s\-]+", org) if w and w.lower() not in INTERFIXES]
    if len(words) < 3 or not all(w[:1].isalpha() for w in words):
        return None
    return "".join(w[0] for w in words).upper()


def _skipping_acronyms(org: str) -> set[str]:
    """Capitals that may leave out middle words: "LJ&R" for Leger des Heils Jeugdbescherming & Reclassering,
    "SGO" for Stichting Geldzorgen Samen Oost. First and last capital stay, "&" stays where it is."""
    capitals = [w[0] if w != "&" else "&" for w in org.split() if w == "&" or w[:1].isupper()]
    if not 4 <= len(capitals) <= 7:
        return set()
    first, middle, last = capitals[0], capitals[1:-1], capitals[-1]
    found = set()
    for mask in range(1, 2 ** len(middle)):
        kept = [c for i, c in enumerate(middle) if mask >> i & 1]
        letters = first + "".join(kept) + last
        if len(letters.replace("&", "")) >= 3 and not letters.startswith("&") and "&&" not in letters:
            found.add(letters)
    return found


def _org_names(org: str, label: str, kind: str, *, own: bool = False) -> list[KnownName]:
    """The organisation's forms as known names: the whole name in any case, its core words ("rijn ijssel"),
    its acronym in capitals ("RIC"), and its single distinctive words only where capitalised.

    `own` is the young person's own school or employer: even a chain ("Jumbo") then says where they are.
    """
    whole = org.strip()
    names: list[KnownName] = []
    for form in _with_folds(_org_forms(org)):
        if form == whole or _fold(form) == _fold(whole) or " " in form:
            names.append(KnownName(form, label, kind, part="org" if form == whole else "orgwords"))
        elif form.isupper():
            names.append(KnownName(form, label, kind, part="acronym"))  # "RBL" of RBL Utrecht
        else:
            # One word of the name: lowercase it is the word when it is a common one ("samen"), the
            # name when it is not ("kruidvat", "madi"); for the youth's own school or job also a chain's.
            everyday = common(form, 4.5 if own else 3.0)
            names.append(KnownName(form, label, kind, capitalised_only=everyday, part="orgword"))
    if own and not names and whole:
        names.append(KnownName(whole, label, kind, part="org"))
    if own and whole in HARMLESS_PROPER:
        names.append(KnownName(whole, label, kind, part="org"))
    core = _org_core(whole)
    if core:
        names.append(KnownName(core, label, kind, part="orgwords"))
    for acronym in {_acronym(whole), _compound_acronym(whole)} | _skipping_acronyms(whole):
        if acronym and len(acronym) >= 3:
            names.append(KnownName(acronym, label, kind, part="acronym"))
    words = [w for w in whole.split() if w[:1].isalpha()]
    if own and len(words) >= 2 and all(w[:1].isupper() for w in words[:2]):
        # The young person's own school or job by two capitals: "FC" (Friesland College), "AH" (Albert Heijn).
        pair = (words[0][0] + words[1][0]).upper()
        names.append(KnownName(pair, label, kind, part="acronym"))
        if len(words) >= 3:
            # ... and the rest of its name after them in any case: "ah loosduinen" for Albert Heijn Loosduinen.
            names.append(KnownName(" ".join([pair, *words[2:]]), label, kind, part="orgwords"))
    if own and words and words[0].lower() in _SCHOOL_KINDS:
        # Their own school by its kind alone: "naar het roc", "op het mbo" is where they go.
        names.append(KnownName(f"het {words[0].lower()}", label, kind, part="orgwords"))
    split = re.sub(r"(?<=[a-z])(?=[A-Z])", " ", whole)
    if split != whole:
        # "mboRijnland" written as two words: "mbo rijnland".
        names.append(KnownName(split, label, kind, part="orgwords"))
    if "van" in whole.split() and words and words[0].isupper():
        # "ROCvA" for ROC van Amsterdam: the capitals kept, "van" as a small v.
        short = "".join(w if w.isupper() else "v" if w == "van" else w[0].upper() for w in whole.split())
        names.append(KnownName(short, label, kind, part="acronym"))
    return names


# The kinds of school a young person calls "het roc" or "het mbo" when it is their own.
_SCHOOL_KINDS = frozenset("roc mbo vmbo hbo".split())


def person_names(case: Case) -> list[str]:
    """Every name form of the young person, the network and the coach (the question check looks for these).

    Cheap: without the organisations, so it needs no word list (no wordfreq in the app's process).
    """
    return [name.text for name in build_known(case, people_only=True).names if name.person]


def build_known(case: Case, alias: str | None = None, *, people_only: bool = False) -> KnownTable:
    """The table of what `case` knows: names become roles, places and numbers become placeholders."""
    youth = case.youth
    youth_label = alias.strip() if alias and alias.strip() else YOUTH_LABEL
    # (form, label, kind, role) with role one of full, first, last.
    people: list[tuple[str, str, str, str]] = []

    def add_person(first: str | None, nickname: str | None, last: str | None, label: str, kind: str) -> None:
        fulls, firsts, lasts = _name_forms(first, nickname, last)
        people.extend((form, label, kind, "full") for form in _with_folds(fulls))
        people.extend((form, label, kind, "first") for form in _with_folds(firsts))
        people.extend((form, label, kind, "last") for form in _with_folds(lasts))
        people.extend((form, label, kind, "initials") for form in _initials(first, last))

    add_person(youth.first_name, youth.nickname, youth.last_name, youth_label, "youth")
    # Coaches shorten the young person's name to an initial: "Q. belt morgen".
    people.extend(
        (f"{given[0]}.", youth_label, "youth", "initial")
        for given in {youth.first_name, youth.nickname}
        if given and given[0].isalpha()
    )
    people.extend(
        (f"{given[:2]}.", youth_label, "youth", "initial")
        for given in {youth.first_name, youth.nickname}
        if given and given[:2].lower() in ("th", "ch", "ph", "sj")
    )
    relations = Counter(person.relation.strip().lower() for person in case.network)
    seen: Counter[str] = Counter()
    others: list[KnownName] = []
    for person in case.network:
        relation = person.relation.strip().lower() or "iemand uit het netwerk"
        seen[relation] += 1
        label = f"{relation} {seen[relation]}" if relations[person.relation.strip().lower()] > 1 else relation
        first, surname, _ = split_name(_strip_titles(person.name, relation))
        add_person(first, None, surname, label, "network")
        if first and first[:1].isalpha() and relation != "iemand uit het netwerk":
            # Their initial after their role says who: "Moeder S. belde".
            people.append((f"{relation} {first[0]}.", label, "network", "full"))
        if person.organisation and not people_only:
            others += _org_names(person.organisation, "[instelling]", "institution")
        if person.phone:
            others.append(KnownName(person.phone, "[telefoon]", "phone"))
        if person.email:
            others.append(KnownName(person.email, "[e-mail]", "email"))
    if youth.coach:
        coach_words = [w for w in youth.coach.split() if w.lower() not in ("coach", "jongerencoach")]
        if coach_words:
            first, surname, _ = split_name(" ".join(coach_words))
            add_person(first, None, surname, COACH_LABEL, "coach")

    # A form that points at two different people gets a neutral label.
    labels_of: dict[str, set[str]] = defaultdict(set)
    for form, label, _kind, _role in people:
        labels_of[form.lower()].add(label)
    names: list[KnownName] = []
    done: set[str] = set()
    for form, label, kind, role in people:
        key = form.lower()
        if key in done:
            continue
        done.add(key)
        if len(labels_of[key]) > 1:
            label = AMBIGUOUS_LAST if role == "last" else AMBIGUOUS_FIRST
        names.append(KnownName(form, label, kind, person=True, part=role))
    if people_only:
        return KnownTable(names, youth.birth_date, youth.started_on)

    address = youth.address
    if address and address.street:
        names += [KnownName(form, "[adres]", "address") for form in _street_forms(address.street)]
    if address and address.postcode:
        names.append(KnownName(address.postcode, "[postcode]", "postcode"))
    if address and address.city:
        names += [KnownName(form, "[woonplaats]", "city") for form in _with_folds({address.city.strip()})]
    if youth.school:
        names += _org_names(youth.school, "[school]", "school", own=True)
    if youth.employer:
        names += _org_names(youth.employer, "[werkgever]", "employer", own=True)
    if youth.phone:
        names.append(KnownName(youth.phone, "[telefoon]", "phone"))
    if youth.email:
        names.append(KnownName(youth.email, "[e-mail]", "email"))
    names += others
    return KnownTable([n for n in names if n.text.strip()], youth.birth_date, youth.started_on)
