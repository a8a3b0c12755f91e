"""How common a word is in Dutch, from wordfreq's list (imported on first use: not at app start)."""

from __future__ import annotations

import functools
import re
import unicodedata


@functools.lru_cache(maxsize=16384)
def zipf(word: str) -> float:
    """wordfreq's Zipf frequency of `word` in Dutch (about 7 for "de", 3 for a rare word, 0 for none).

    Names count too ("Bakker" is a common surname and a baker), so a high figure
    says a word *can* be the everyday word, not that it is.
    """
    from wordfreq import zipf_frequency

    return float(zipf_frequency(word.lower(), "nl"))


def common(word: str, threshold: float = 4.0) -> bool:
    """True when `word` is an everyday Dutch word (Zipf at or above `threshold`)."""
    return zipf(word) >= threshold


_SUFFIXES = ("er", "ere", "e", "en", "s", "t", "d", "je", "tje", "ste")


def dutchish(word: str) -> bool:
    """True when a word wordfreq hardly knows is still plainly Dutch: an inflection of a common word
    ("zelfstandiger"), a compound of two ("schuldhulp", "zitmaaier"), or an abbreviation without a
    vowel ("jgd"). A name is none of these: "pawel", "sekou"."""
    lowered = word.lower()
    if not any(ch in "aeiouyàáâäèéêëìíîïòóôöùúûü" for ch in lowered):
        return True
    if any(lowered.endswith(s) and len(lowered) - len(s) >= 4 and zipf(lowered[: -len(s)]) >= 3.5 for s in _SUFFIXES):
        return True
    return len(lowered) >= 7 and any(
        zipf(lowered[:i]) >= 3.0 and zipf(lowered[i:]) >= 3.0 for i in range(3, len(lowered) - 2)
    )


# Letters NFKD does not split into a base letter and an accent: "Yıldız" is written "yildiz", "Łukasz" "lukasz".
_UNSPLIT = str.maketrans(
    {"ı": "i", "ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "đ": "d", "Đ": "D", "ß": "ss", "æ": "ae", "Æ": "Ae", "œ": "oe"}
)


def fold_letters(text: str) -> str:
    """`text` without accents, the way a hurried note writes a name: "Naïma" -> "Naima", "Yıldız" -> "Yildiz"."""
    if text.isascii():
        return text
    decomposed = unicodedata.normalize("NFKD", text.translate(_UNSPLIT))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


# Facts about one note that many rules ask, worked out once: a rule whose regex needs nine digits
# or the word "kenteken" skips its scan of the whole note when they are not there (most notes).
_NO_DIGITS = str.maketrans("", "", "0123456789")
_ANY_DIGIT = re.compile(r"\d")
_LETTER_WORD = re.compile(r"[^\W\d_]+")


@functools.lru_cache(maxsize=8)
def digit_count(text: str) -> int:
    """How many digits `text` holds (any script's, as the regexes' \\d counts them)."""
    if text.isascii():
        return len(text) - len(text.translate(_NO_DIGITS))
    return len(_ANY_DIGIT.findall(text))


@functools.lru_cache(maxsize=8)
def lowered(text: str) -> str:
    """`text` in lowercase, once per note."""
    return text.lower()


@functools.lru_cache(maxsize=8)
def letter_words(text: str) -> frozenset[str]:
    """Every run of letters in `text`, lowercase ("14mrt." holds "mrt"; "Kerk-straat" "kerk" and "straat")."""
    return frozenset(_LETTER_WORD.findall(lowered(text)))
