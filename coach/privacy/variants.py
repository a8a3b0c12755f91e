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


@functools.lru_cache(maxsize=64)
def _forms(names: tuple[Form, ...]) -> tuple[dict[str, list[Form]], frozenset[str], frozenset[str]]:
    """The one-word first names and surnames folded, by first letter; the set of them; their first letters."""
    by_initial: dict[str, list[Form]] = {}
    for form, label, kind, part in names:
        if part in ("first", "last") and " " not in form.strip() and len(form) >= 3:
            folded = _fold(form)
            by_initial.setdefault(folded[0], []).append((folded, label, kind, part))
    exact = frozenset(form for forms in by_initial.values() for form, _, _, _ in forms)
    return by_initial, exact, frozenset(by_initial)


@functools.lru_cache(maxsize=64)
def _initial_tokens(initials: frozenset[str]) -> re.Pattern[str]:
    """`_TOKEN` for words that open with one of `initials` (any case), in a plain-letter text."""
    letters = re.escape("".join(sorted(initials)))
    return re.compile(r"(?<![\w@.])(?i:[" + letters + r"])[^\W\d_]{2,}(?![\w@])")


def find_variants(text: str, names: Sequence[Form], taken: list[bool], ambiguous: str) -> list[Span]:
    """Spans for words that are a variant of a known person's first name or surname, with that person's label.

    A word that is a variant of two people's names gets the label `ambiguous`.
    """
    forms, exact, initials = _forms(tuple(names))
    if not forms:
        return []
    spans = []
    # In a plain-letter note only words opening with a name's first letter can be a variant: a scan for
    # those alone leaves far fewer words to look at (a folded "Şenol" needs the general scan).
    tokens = _initial_tokens(initials) if text.isascii() else _TOKEN
    for match in tokens.finditer(text):
        start, end = match.start(), match.end()
        token = match[0].lower()
        if not token.isascii():
            token = _fold(token)
        # Every variant keeps the name's first letter: most words need no distance at all.
        if token[0] not in initials or any(taken[start:end]):
            continue
        if token in exact or token in FUNCTION_WORDS or token in ROLE_WORDS or token in SUBJECT_VERBS:
            continue
        # Every variant keeps the first letter: only the names that share it are compared.
        labels = {(label, kind) for form, label, kind, part in forms[token[0]] if _matches(token, form, part)}
        if not labels:
            continue
        if len({label for label, _ in labels}) > 1:
            label, kind = ambiguous, sorted(kind for _, kind in labels)[0]
        else:
            label, kind = labels.pop()
        spans.append(Span(start, end, label, kind, "case"))
        taken[start:end] = [True] * (end - start)
    return spans
