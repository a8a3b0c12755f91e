"""Variants of the names the case knows: clipped ("abdel"), diminutive ("Femmetje") and misspelt ("Femek").

The exact forms are found in `known.py`; this finds the words that are not
one of them but plainly mean the same person, and gives them the same label,
so one person stays one person in the summary. rapidfuzz measures the
distance; it and wordfreq are imported here, when a text is anonymised, never
at the app's start.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass

from coach.privacy.common import fold_letters, zipf
from coach.privacy.result import Span
from coach.privacy.wordlists import FUNCTION_WORDS, ROLE_WORDS, SUBJECT_VERBS

# One known form: (text, label, kind, part) with part "first" or "last" (see known.KnownName).
Form = tuple[str, str, str, str]

_TOKEN = re.compile(r"(?<![\w@.])[^\W\d_]{3,}(?![\w@])")
# Dutch diminutive and pet-name endings, longest first: Femmetje, Sanneke, Jantje, Pietje, Bobby.
_DIMINUTIVES = ("etje", "tje", "pje", "kje", "je", "ke", "ie", "y", "o")
# A word this common is the word, however close it comes to a name ("dan" is no Daniël, "wil" no Willem).
_COMMON_VARIANT = 4.7
_COMMON_TYPO = 3.0
_RUNS = re.compile(r"(.)\1+")


def _squeeze(word: str) -> str:
    """Runs of one letter as one: "rezaa" and "Reza", "bill" and "Bil(al)", "anas" and "Anass" compare alike."""
    return _RUNS.sub(r"\1", word)


def _fold(text: str) -> str:
    return fold_letters(text).lower()


@functools.lru_cache(maxsize=65536)
def _matches(token: str, form: str, part: str) -> bool:
    """True when `token` (folded, lowercase) is a clipped, diminutive or misspelt form of `form`.

    Cached: the same words meet the same names in note after note.
    """
    from rapidfuzz.distance import OSA

    if token[0] != form[0] or token == form:
        return False
    squeezed, form_squeezed = _squeeze(token), _squeeze(form)
    if squeezed == form_squeezed:
        return zipf(token) < _COMMON_VARIANT  # "rezaa", "Anas" for Anass
    if part == "first" and len(form) >= 5:
        # Clipped: "abdel" for Abdelkader, "jay" for Jayden, "bill" for Bilal; doubled: "juju" for Jurgen.
        clipped = len(squeezed) >= 3 and len(squeezed) <= len(form_squeezed) - 2 and form_squeezed.startswith(squeezed)
        doubled = len(token) == 4 and token[:2] == token[2:] and form.startswith(token[:2])
        if (clipped or doubled) and zipf(token) < _COMMON_VARIANT:
            return True
    if part == "first":
        for ending in _DIMINUTIVES:
            stem = token[: -len(ending)]
            if not token.endswith(ending) or len(stem) < 3:
                continue
            close = (
                stem == form
                or (len(form) >= 5 and OSA.distance(stem, form, score_cutoff=1) <= 1)
                or (len(form) >= 5 and form.startswith(stem))  # "zeyno" for Zeynep
                or (len(form) >= 5 and len(_squeeze(stem)) >= 3 and form.startswith(_squeeze(stem)))  # "kimmy"
            )
            if close and zipf(token) < _COMMON_VARIANT:
                return True
    if len(form) >= 5 and len(token) >= 4 and OSA.distance(token, form, score_cutoff=1) <= 1:
        return zipf(token) < _COMMON_TYPO  # "Femek" for Femke, "pria" for Priya
    return False


# Spellings of one name across languages and transliterations, made alike: "Joesoef" and "Yusuf",
# "Shaima" and "Chaima", "Noor", "Noer" and "Nour", "Sophie" and "Sofie", "Sasja" and "Sasha".
# Applied in this order to a folded, lowercase word (so "sch" is settled before "ch").
_SPELLINGS = (
    ("sch", "s"),
    ("sh", "s"),
    ("sj", "s"),
    ("ch", "s"),
    ("ph", "f"),
    ("ck", "k"),
    ("c", "k"),
    ("q", "k"),
    ("x", "ks"),
    ("dh", "d"),
    ("th", "t"),
    ("oe", "u"),
    ("ou", "u"),
    ("oo", "u"),
    ("ie", "i"),
    ("ij", "i"),
    ("y", "i"),
    ("j", "i"),
    ("w", "v"),
)
# The letters a word may open with when its spelling key opens with the key's letter ("Joesoef" -> i).
_KEY_OPENERS = {"i": "ijy", "k": "kcq", "s": "sc", "f": "fp", "u": "uo", "v": "vw", "d": "d", "t": "t"}
# A spelling variant this common is the word ("look" is no Luuk).
_COMMON_SPELLING = 4.0
_COMMON_LONG_SPELLING = 4.5  # "sophie" (4.2) is the name Sofie spelt another way
_ABJAD = re.compile(r"[\u0590-\u05ff\u0600-\u06ff\u0750-\u077f]")
_SKELETON_DROP = str.maketrans("", "", "aeiouwy'`")


@functools.lru_cache(maxsize=65536)
def spelling_key(word: str) -> str:
    """One key for the spellings of a name (folded, lowercase, letters only): "Joesoef" and "Yusuf" -> "iusuf"."""
    key = word
    for old, new in _SPELLINGS:
        if old in key:
            key = key.replace(old, new)
    key = _squeeze(key)
    return key[:-1] if len(key) > 3 and key.endswith("h") else key  # "Sarah" and "Sara"


def skeleton(word: str) -> str:
    """A name's consonants, as a script without vowels writes it: "نور" (nwr) and "Nour" -> "nr"."""
    key = _squeeze(word.translate(_SKELETON_DROP))
    return key[:-1] if len(key) > 2 and key.endswith("h") else key  # a final ة (h): "أميرة" is Amira


def _latin(token: str) -> str:
    """A word in another script in Latin letters ("Саша" -> "sasha"), by anyascii (imported only for such words)."""
    from anyascii import anyascii

    return "".join(ch for ch in anyascii(token).lower() if ch.isalpha())


@dataclass(frozen=True)
class _Forms:
    """A case's one-word first names and surnames, folded and ready to compare with a note's words."""

    by_initial: dict[str, list[Form]]
    exact: dict[str, list[Form]]
    by_key: dict[str, list[Form]]
    by_skeleton: dict[str, list[Form]]
    openers: frozenset[str]


@functools.lru_cache(maxsize=64)
def _forms(names: tuple[Form, ...]) -> _Forms:
    """The forms by first letter, by themselves, by spelling key and by skeleton; and the letters a variant opens with."""
    by_initial: dict[str, list[Form]] = {}
    exact: dict[str, list[Form]] = {}
    by_key: dict[str, list[Form]] = {}
    by_skeleton: dict[str, list[Form]] = {}
    openers: set[str] = set()
    for form, label, kind, part in names:
        if part in ("first", "last") and " " not in form.strip() and len(form) >= 3:
            folded = _fold(form)
            item = (folded, label, kind, part)
            by_initial.setdefault(folded[0], []).append(item)
            exact.setdefault(folded, []).append(item)
            key = spelling_key(folded)
            by_key.setdefault(key, []).append(item)
            if len(skeleton(folded)) >= 2:
                by_skeleton.setdefault(skeleton(folded), []).append(item)
            openers.add(folded[0])
            openers.update(_KEY_OPENERS.get(key[0], ""))
    return _Forms(by_initial, exact, by_key, by_skeleton, frozenset(openers))


@functools.lru_cache(maxsize=64)
def _initial_tokens(initials: frozenset[str]) -> re.Pattern[str]:
    """`_TOKEN` for words that open with one of `initials` (any case), in a plain-letter text."""
    letters = re.escape("".join(sorted(initials)))
    return re.compile(r"(?<![\w@.])(?i:[" + letters + r"])[^\W\d_]{2,}(?![\w@])")


def _labels(token: str, forms: _Forms, other_script: bool, abjad: bool) -> set[tuple[str, str]]:
    """The (label, kind) of every known person `token` is a variant of."""
    if other_script and token in forms.exact:
        return {(label, kind) for _, label, kind, _ in forms.exact[token]}  # "Саша" is Sasha
    labels = {
        (label, kind) for form, label, kind, part in forms.by_initial.get(token[0], ()) if _matches(token, form, part)
    }
    if not labels and token not in forms.exact:
        key = spelling_key(token)
        same = forms.by_key.get(key, ())
        # A short key meets everyday words more often ("look" and Luuk): it asks for a rarer word.
        if same and zipf(token) < (_COMMON_SPELLING if len(key) < 4 else _COMMON_LONG_SPELLING):
            labels = {(label, kind) for _, label, kind, _ in same}
    if not labels and abjad:
        labels = {(label, kind) for _, label, kind, _ in forms.by_skeleton.get(skeleton(token), ())}
    return labels


def find_variants(text: str, names: Sequence[Form], taken: list[bool], ambiguous: str) -> list[Span]:
    """Spans for words that are a variant of a known person's first name or surname, with that person's label:
    clipped, diminutive, misspelt, spelt another way, or written in another script.

    A word that is a variant of two people's names gets the label `ambiguous`.
    """
    forms = _forms(tuple(names))
    if not forms.exact:
        return []
    spans = []
    # In a plain-letter note only words opening with a letter a variant may open with can be one: a scan
    # for those alone leaves far fewer words to look at (a folded "Şenol" needs the general scan).
    tokens = _initial_tokens(forms.openers) if text.isascii() else _TOKEN
    for match in tokens.finditer(text):
        start, end = match.start(), match.end()
        token = match[0].lower()
        other_script = abjad = False
        if not token.isascii():
            token = _fold(token)
            if not token.isascii():
                abjad = _ABJAD.search(token) is not None
                token = _latin(token)
                other_script = True
                if len(token) < 2:
                    continue
        # A script without vowels may open with another letter ("'myrh" for Amira): only its skeleton counts.
        if not other_script and (
            token in forms.exact or token in FUNCTION_WORDS or token in ROLE_WORDS or token in SUBJECT_VERBS
        ):
            continue
        if (token[0] not in forms.openers and not abjad) or True in taken[start:end]:
            continue
        labels = _labels(token, forms, other_script, abjad)
        if not labels:
            continue
        if len({label for label, _ in labels}) > 1:
            label, kind = ambiguous, sorted(kind for _, kind in labels)[0]
        else:
            label, kind = labels.pop()
        spans.append(Span(start, end, label, kind, "case"))
        taken[start:end] = [True] * (end - start)
    return spans
