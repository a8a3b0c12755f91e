"""Finding young people by a word in their name, a contact note or their warm story (FTS5)."""

from __future__ import annotations

import re
import unicodedata
from datetime import date
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from sqlite_utils import Database

    from coach.store.db import Connection

# Words as the FTS5 unicode61 tokenizer sees them: letters and digits; anything
# else (quotes, '*', '-', ':', brackets) separates words, so no user input can
# reach FTS5 as query syntax.
_WORD = re.compile(r"[^\W_]+")

# Words shorter than this are looked up in names only: the search runs while the coach
# types, and 'd' or 'de' on the way to 'Daan' would otherwise match nearly everyone's notes.
# (A longer word that starts with one, like 'dekking', is searched everywhere.)
NOTE_WORD_MIN = 3

# One document per young person in an open trajectory (m015): names, and notes with the warm
# story. Every word must begin a word there, so one MATCH of all words answers the search.
_SEARCH_SQL = "SELECT rowid FROM _open_texts WHERE _open_texts MATCH :q"


def search_words(text: str) -> list[str]:
    """The words of a search, lower-cased, each once, in the order typed."""
    return list(dict.fromkeys(word.casefold() for word in _WORD.findall(text)))


def names_only(text: str) -> list[str]:
    """The words of a search that are looked for in names only (too short to search notes while typing)."""
    return [word for word in search_words(text) if len(word) < NOTE_WORD_MIN]


def find_youths(db: Database | Connection, text: str) -> set[int] | None:
    """Ids of young people in an open trajectory for whom every word of `text` begins a word in their
    name, notes or warm story.

    Each word matches as a prefix ('schuld' finds 'schulden'), without regard
    to accents; short words only in names. None when `text` holds no word at
    all (nothing to search for). Closed cases are not searched: the caseload
    shows open ones only.
    """
    words = search_words(text)
    if not words:
        return None
    # Each word is letters and digits only, so quoted it is a plain prefix, never FTS5 syntax.
    query = " AND ".join(f'name : "{word}"*' if len(word) < NOTE_WORD_MIN else f'"{word}"*' for word in words)
    return {row[0] for row in db.execute(_SEARCH_SQL, {"q": query})}


class Found(NamedTuple):
    """Where a search turned up for one young person: 'naam', 'notitie' or 'warm verhaal', with a piece of text."""

    where: str
    day: date | None = None
    excerpt: str = ""


def _fold(text: str) -> str:
    # The same folding as the FTS5 tokenizer: no accents, no case.
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c)).casefold()


def _matches(text: str, words: list[str]) -> int | None:
    """Where the first searched word starts in `text`, if every word begins a word of it."""
    folded = _fold(text)
    tokens = [(match.start(), match.group()) for match in _WORD.finditer(folded)]
    first = None
    for word in words:
        hits = [start for start, token in tokens if token.startswith(word)]
        if not hits:
            return None
        first = hits[0] if first is None else min(first, hits[0])
    return first


def _excerpt(text: str, at: int, width: int = 70) -> str:
    start = max(0, min(at, len(text)) - width // 3)
    piece = text[start : start + width]
    return ("…" if start else "") + piece + ("…" if start + width < len(text) else "")


def where_found(db: Database | Connection, youth_id: int, text: str) -> Found | None:
    """Why this young person turned up in a search: the name, or the newest note or warm-story line that matches."""
    words = [_fold(word) for word in search_words(text)]
    if not words:
        return None
    name = db.execute("SELECT first_name, last_name, nickname FROM youths WHERE id = ?", [youth_id]).fetchone()
    if name and _matches(" ".join(part or "" for part in name), words) is not None:
        return Found("naam")
    long_words = [word for word in words if len(word) >= NOTE_WORD_MIN]
    if not long_words:
        return None
    notes = db.execute(
        "SELECT at, note FROM contacts WHERE youth_id = ? AND note IS NOT NULL AND note != '' ORDER BY at DESC",
        [youth_id],
    )
    for at, note in notes:
        flat = " ".join(note.split())
        if (where := _matches(flat, long_words)) is not None:
            return Found("notitie", date.fromisoformat(at[:10]), _excerpt(flat, where))
    for (story,) in db.execute("SELECT text FROM warm_story WHERE youth_id = ? ORDER BY id", [youth_id]):
        flat = " ".join(story.split())
        if (where := _matches(flat, long_words)) is not None:
            return Found("warm verhaal", None, _excerpt(flat, where))
    return None
