"""What makes a good passphrase for the database, in the coach's words."""

from __future__ import annotations

import hmac
import unicodedata

MIN_LENGTH = 8

ADVICE = "Een zin van een paar woorden is sterk en makkelijk te onthouden, bijvoorbeeld 'fiets naar de markt om 8'."


def passphrase_problem(candidate: str) -> str | None:
    """A Dutch sentence saying what is wrong with a new passphrase, or None when it will do."""
    if not candidate.strip():
        return f"Het wachtwoord is leeg. {ADVICE}"
    if any(unicodedata.category(char) == "Cc" for char in candidate):
        return "Het wachtwoord bevat een onzichtbaar stuurteken. Typ het opnieuw, zonder Tab of Enter erin."
    if len(candidate) < MIN_LENGTH:
        return f"Het wachtwoord is te kort: gebruik minstens {MIN_LENGTH} tekens. {ADVICE}"
    return None


def confirmation_problem(first: str, second: str) -> str | None:
    """A Dutch sentence when the two typings differ, or None when they match."""
    if first != second:
        return "De twee wachtwoorden zijn niet hetzelfde. Typ het nog eens, twee keer precies gelijk."
    return None


def same_passphrase(candidate: str, known: str) -> bool:
    """Compare in constant time, so the comparison itself tells nothing."""
    return hmac.compare_digest(candidate.encode("utf-8"), known.encode("utf-8"))
