"""How common a word is in Dutch, from wordfreq's list (imported on first use: not at app start)."""

from __future__ import annotations

import functools


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
