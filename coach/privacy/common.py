"""How common a word is in Dutch, from wordfreq's list (imported on first use: not at app start)."""

from __future__ import annotations

import functools
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
