"""Safety first: the signal words of acute unsafety, the five meldcode steps and the numbers at hand.

This is a class apart from the domain signal words (coach/conversation/signals.py):
a domain signal is an offer to talk about a life domain; a safety signal asks the
coach to stop and think about the meldcode. The words live in prompts/veiligheid.toml.

Matching is stricter than for domain signals, as a false alarm costs trust:

- case and accents do not matter ("Suïcide" = "suicide");
- a cue word matches a whole typed word: "slaat" finds "slaat", not "slaatje";
  a cue word ending in ``*`` matches every word that starts with it
  ("mishandel*" finds "mishandeld", "mishandeling");
- a cue of several words finds them in order, with up to two other words in
  between ("wil er niet meer zijn" also finds "wil er eigenlijk niet meer zijn");
- a small typo in a long word (seven letters or more) is forgiven: one letter
  missing, one extra, two swapped, or one hit on a neighbouring key
  ("zelfmoort", "zelfmord", "suicdie");
- ordinary phrases ("slaat nergens op", "een slag om de arm") are never a signal,
  even where a cue would match inside them.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from coach.domain.vocabulary import Vocabulary

_WORD = re.compile(r"\w+", re.UNICODE)
# Words of a phrase may have this many other words between them.
MAX_GAP = 2
# From this many letters on, a cue word forgives one typo.
FUZZY_FROM = 7

# Neighbouring keys on a QWERTY keyboard: a slip to one of them is a typo, other swaps are other words.
_ROWS = ("qwertyuiop", "asdfghjkl", "zxcvbnm")


def _neighbours() -> dict[str, frozenset[str]]:
    near: dict[str, set[str]] = {}
    for row_index, row in enumerate(_ROWS):
        for col, char in enumerate(row):
            around = near.setdefault(char, set())
            for other_row in (row_index - 1, row_index, row_index + 1):
                if not 0 <= other_row < len(_ROWS):
                    continue
                for other_col in (col - 1, col, col + 1):
                    if 0 <= other_col < len(_ROWS[other_row]):
                        around.add(_ROWS[other_row][other_col])
            around.discard(char)
    return {char: frozenset(chars) for char, chars in near.items()}


_NEAR = _neighbours()


def fold(word: str) -> str:
    """Lowercase and without accents: the form words are compared in."""
    decomposed = unicodedata.normalize("NFKD", word.casefold())
    return "".join(char for char in decomposed if not unicodedata.combining(char))


@dataclass(frozen=True)
class Token:
    """A typed word in folded form, and where it stands in the text."""

    folded: str
    start: int
    end: int


def tokens(text: str) -> list[Token]:
    """Every word of the text, folded, with its position."""
    return [Token(fold(match.group()), match.start(), match.end()) for match in _WORD.finditer(text)]


def one_typo(typed: str, cue: str) -> bool:
    """Is `typed` the cue with exactly one slip: a letter missing, added, two swapped, or a neighbouring key?"""
    if typed == cue or typed[:1] != cue[:1]:
        return False
    lt, lc = len(typed), len(cue)
    if abs(lt - lc) > 1:
        return False
    if lt == lc:
        diffs = [i for i in range(lt) if typed[i] != cue[i]]
        if len(diffs) == 1:
            return typed[diffs[0]] in _NEAR.get(cue[diffs[0]], frozenset())
        return (
            len(diffs) == 2
            and diffs[1] == diffs[0] + 1
            and typed[diffs[0]] == cue[diffs[1]]
            and typed[diffs[1]] == cue[diffs[0]]
        )
    longer, shorter = (typed, cue) if lt > lc else (cue, typed)
    for i in range(len(longer)):
        if longer[:i] + longer[i + 1 :] == shorter:
            return True
    return False


@dataclass(frozen=True)
class CueWord:
    """One word of a cue: its folded form, and whether any ending may follow (``*``)."""

    text: str
    prefix: bool

    def matches(self, typed: str) -> bool:
        """Does the typed (folded) word match, typos in long words forgiven?"""
        cue = self.text
        if self.prefix:
            if typed.startswith(cue):
                return True
            if len(cue) < FUZZY_FROM:
                return False
            return any(one_typo(typed[:size], cue) for size in (len(cue) - 1, len(cue), len(cue) + 1))
        if typed == cue:
            return True
        return len(cue) >= FUZZY_FROM and one_typo(typed, cue)


def parse_cue(cue: str) -> tuple[CueWord, ...]:
    """A cue as written in veiligheid.toml ("wil* er niet meer zijn") as its words."""
    words: list[CueWord] = []
    for raw in cue.split():
        prefix = raw.endswith("*")
        folded = " ".join(match.group() for match in _WORD.finditer(fold(raw.rstrip("*"))))
        for part in folded.split():
            words.append(CueWord(part, False))
        if prefix and words:
            words[-1] = CueWord(words[-1].text, True)
    return tuple(words)


def _phrase_at(words: Sequence[Token], first: int, cue: tuple[CueWord, ...]) -> int | None:
    """The last token index of the cue when it starts at words[first] (small gaps allowed), else None."""
    if not cue[0].matches(words[first].folded):
        return None
    position = first
    for word in cue[1:]:
        for step in range(1, MAX_GAP + 2):
            if position + step < len(words) and word.matches(words[position + step].folded):
                position += step
                break
        else:
            return None
    return position


@dataclass(frozen=True)
class SafetyKind:
    """A kind of unsafety: its key, its label, the help line to show, and the cues that point to it."""

    key: str
    label: str
    help: str
    signals: tuple[str, ...]


@dataclass(frozen=True)
class SafetyHit:
    """A safety signal found in a text: its kind, and the words as they were typed."""

    kind: str
    label: str
    typed: str
    start: int
    end: int


class SafetyCues:
    """The safety signal words of every kind, and the ordinary phrases that are never a signal."""

    def __init__(self, kinds: Sequence[SafetyKind], ordinary: Sequence[str] = ()) -> None:
        self.kinds = tuple(kinds)
        self.ordinary = tuple(ordinary)
        cues = [(kind, parse_cue(cue)) for kind in self.kinds for cue in kind.signals]
        # Longer cues first, so a phrase wins over a word it contains.
        cues.sort(key=lambda item: -len(item[1]))
        self._ordinary = [parse_cue(phrase) for phrase in self.ordinary]
        # Looked up by first letter (a typo never changes the first letter): the note is scanned on every key.
        self._by_letter: dict[str, list[tuple[SafetyKind, tuple[CueWord, ...]]]] = {}
        for kind, cue in cues:
            if cue:
                self._by_letter.setdefault(cue[0].text[:1], []).append((kind, cue))
        self._ordinary_by_letter: dict[str, list[tuple[CueWord, ...]]] = {}
        for phrase in self._ordinary:
            if phrase:
                self._ordinary_by_letter.setdefault(phrase[0].text[:1], []).append(phrase)

    def kind(self, key: str) -> SafetyKind | None:
        """The kind with this key, or None (a concern kept from an organisation's older list)."""
        return next((kind for kind in self.kinds if kind.key == key), None)

    def label(self, key: str) -> str:
        """The kind's label; an unknown key is shown as itself, made readable."""
        kind = self.kind(key)
        return kind.label if kind is not None else key.replace("_", " ").capitalize()

    def may_continue(self, text: str, hit: SafetyHit) -> bool:
        """Could the words of the hit still grow into an ordinary phrase ("slaat" … "nergens op")?"""
        words = tokens(text[hit.start : hit.end])
        if not words:
            return False
        last = words[-1].folded
        return any(word.matches(last) for phrase in self._ordinary for word in phrase[:-1])

    def find(self, text: str) -> list[SafetyHit]:
        """Every safety signal in the text, in the order it was typed; a word belongs to one signal at most."""
        words = tokens(text)
        if not words:
            return []
        used: set[int] = set()
        for first, token in enumerate(words):
            for phrase in self._ordinary_by_letter.get(token.folded[:1], ()):
                last = _phrase_at(words, first, phrase)
                if last is not None:
                    used.update(range(first, last + 1))
        hits: list[SafetyHit] = []
        for first, token in enumerate(words):
            if first in used:
                continue
            for kind, cue in self._by_letter.get(token.folded[:1], ()):
                last = _phrase_at(words, first, cue)
                # A cue's own words must be free; words skipped in between may be anything.
                if last is None or last in used:
                    continue
                used.update(range(first, last + 1))
                start, end = words[first].start, words[last].end
                hits.append(SafetyHit(kind.key, kind.label, text[start:end], start, end))
                break
        return hits


# --- the meldcode ---------------------------------------------------------------------


@dataclass(frozen=True)
class MeldcodeStep:
    """One of the five steps, in our own words: what to do, and what to write down."""

    number: int
    title: str
    what: str
    who_label: str
    questions: tuple[str, ...] = ()


MELDCODE_STEPS: tuple[MeldcodeStep, ...] = (
    MeldcodeStep(
        1,
        "Signalen vastleggen",
        "Schrijf op wat je zag en hoorde, met de datum en van wie het komt. Houd feiten apart van wat je "
        "ervan denkt: 'zei dat haar vader haar sloeg' is een feit, 'ze is bang thuis' een indruk.",
        "Bron (wie vertelde het, of waar zag je het)",
    ),
    MeldcodeStep(
        2,
        "Overleggen",
        "Bespreek het met een collega of je aandachtsfunctionaris. Twijfel je, vraag dan Veilig Thuis om advies "
        "(0800-2000); dat kan zonder namen te noemen.",
        "Met wie overlegd",
    ),
    MeldcodeStep(
        3,
        "In gesprek gaan",
        "Praat met de jongere (en waar het past met ouders of verzorgers) over wat je zag en hoorde. Zeg wat je "
        "zorg is en luister naar hun kant. Sla dit alleen over als het gesprek iemand in gevaar brengt.",
        "Met wie gesproken",
    ),
    MeldcodeStep(
        4,
        "Wegen",
        "Weeg met wat je nu weet hoe ernstig en hoe acuut het is. Gebruik de vragen hieronder; bij twijfel "
        "vraag je Veilig Thuis om advies.",
        "Met wie gewogen",
        (
            "Heb ik na de eerste drie stappen nog een vermoeden van geweld of onveiligheid?",
            "Is het acuut onveilig, of gaat het al langer zo (structureel)? Dan melden.",
            "Kan ik (of een collega-hulpverlener) zelf passende hulp bieden of regelen?",
            "Doen de jongere en de mensen om hen heen mee met die hulp?",
            "Stopt de onveiligheid daardoor snel genoeg en blijvend?",
        ),
    ),
    MeldcodeStep(
        5,
        "Beslissen",
        "Besluit: hulp organiseren, een melding doen bij Veilig Thuis, of allebei. Bij acute of structurele "
        "onveiligheid meld je altijd. Leg vast wat je besloot en waarom.",
        "Met wie besloten",
    ),
)
STEP_COUNT = len(MELDCODE_STEPS)


class Decision(Vocabulary):
    """How a concern is closed (stored in safety_concerns.decision)."""

    HULP = "hulp"
    MELDING = "melding"
    HULP_EN_MELDING = "hulp_en_melding"
    GEEN_ZORG = "geen_zorg"

    @property
    def label(self) -> str:
        """The decision in a coach's words."""
        return DECISION_LABELS[self]


DECISION_LABELS: dict[str, str] = {
    Decision.HULP: "Hulp georganiseerd",
    Decision.MELDING: "Melding gedaan bij Veilig Thuis",
    Decision.HULP_EN_MELDING: "Hulp georganiseerd én gemeld bij Veilig Thuis",
    Decision.GEEN_ZORG: "Na afweging geen zorg meer",
}


class ConcernStatus(Vocabulary):
    """Whether a concern is still being worked on."""

    OPEN = "open"
    GESLOTEN = "gesloten"


class SafetySource(Vocabulary):
    """Where a concern or a dismissed signal came from."""

    INTAKE = "intake"
    CONTACT = "contact"
    BEZOEK = "bezoek"
    JONGERE = "jongere"  # opened by hand from the young person's screen
    SAMEN = "samen"  # typed by the young person in samen invullen, raised once the coach is back

    @property
    def label(self) -> str:
        """Where, in a coach's words."""
        return {
            "intake": "intake",
            "contact": "contactmoment",
            "bezoek": "huisbezoek",
            "jongere": "dossier",
            "samen": "samen invullen",
        }[self]


@dataclass(frozen=True)
class HelpNumber:
    """A number a coach must have at hand."""

    name: str
    number: str
    when: str


HELP_NUMBERS: tuple[HelpNumber, ...] = (
    HelpNumber("112", "112", "direct gevaar: politie, ambulance, brandweer"),
    HelpNumber("Veilig Thuis", "0800-2000", "advies of melden bij geweld thuis; gratis, dag en nacht"),
    HelpNumber("113 Zelfmoordpreventie", "0800-0113 of 113", "bij gedachten aan zelfdoding; dag en nacht"),
)


@dataclass(frozen=True)
class StepRecord:
    """What was done in one step: when, with whom, a note; step 1 also facts apart from interpretation."""

    step: int
    done_on: date
    who: str = ""
    note: str = ""
    facts: str = ""
    interpretation: str = ""


@dataclass(frozen=True)
class Concern:
    """A safety concern about a young person, open until closed with a decision."""

    id: int
    youth_id: int
    kind: str
    label: str
    opened_on: date
    source: str
    heard: str
    status: str
    steps: tuple[StepRecord, ...] = ()
    closed_on: date | None = None
    decision: str | None = None
    decision_note: str = ""

    @property
    def open(self) -> bool:
        """Still being worked on."""
        return self.status == ConcernStatus.OPEN

    @property
    def current_step(self) -> int:
        """The first step not yet recorded (STEP_COUNT + 1 when all five are, or once closed)."""
        if not self.open:
            return STEP_COUNT + 1
        done = {record.step for record in self.steps}
        return next((n for n in range(1, STEP_COUNT + 1) if n not in done), STEP_COUNT + 1)

    def step(self, number: int) -> StepRecord | None:
        """The record of step `number`, if it was kept."""
        return next((record for record in self.steps if record.step == number), None)

    def as_json(self) -> dict[str, object]:
        """The concern as the CLI contract's JSON object (kind, step and dates; no notes)."""
        return {
            "id": self.id,
            "kind": self.kind,
            "label": self.label,
            "opened_on": self.opened_on.isoformat(),
            "source": self.source,
            "status": self.status,
            "current_step": min(self.current_step, STEP_COUNT) if self.open else None,
            "steps": [{"step": record.step, "date": record.done_on.isoformat()} for record in self.steps],
            "closed_on": self.closed_on.isoformat() if self.closed_on else None,
            "decision": self.decision,
        }


@dataclass(frozen=True)
class SafetyState:
    """What the young person's screen and the caseload show at the top: open concerns and domains scored 1."""

    concerns: tuple[Concern, ...] = ()
    acute_domains: tuple[str, ...] = ()

    @property
    def alarm(self) -> bool:
        """Something acute or an open concern: shown first, everywhere."""
        return bool(self.concerns or self.acute_domains)
