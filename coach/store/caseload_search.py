"""Finding young people by a word in their name, a contact note or their warm story (FTS5)."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sqlite_utils import Database

    from coach.store.db import Connection

# Words as the FTS5 unicode61 tokenizer sees them: letters and digits; anything
# else (quotes, '*', '-', ':', brackets) separates words, so no user input can
# reach FTS5 as query syntax.
_WORD = re.compile(r"[^\W_]+")

# Shorter words, and the commonest Dutch words, are looked up in names only:
# in notes they would match nearly everyone and cost a scan of the whole index.
# (A longer word that starts with one, like 'eenzaam', is searched everywhere.)
NOTE_WORD_MIN = 3
COMMON_WORDS = frozenset(
    "aan als bij dan dat die dit een hem het hij had heb heeft hun ook maar met naar nog niet"
    " ons over tot uit van voor was wat wel wie zal zei zij zijn zou".split()
)

_NAMES_SQL = "SELECT rowid FROM youths_fts WHERE youths_fts MATCH :q"
_TEXTS_SQL = """
SELECT c.youth_id FROM contacts c WHERE c.id IN (SELECT rowid FROM contacts_fts WHERE contacts_fts MATCH :q)
UNION
SELECT w.youth_id FROM warm_story w WHERE w.id IN (SELECT rowid FROM warm_story_fts WHERE warm_story_fts MATCH :q)
"""


def search_words(text: str) -> list[str]:
    """The words of a search, lower-cased, each once, in the order typed."""
    return list(dict.fromkeys(word.casefold() for word in _WORD.findall(text)))


def find_youths(db: Database | Connection, text: str) -> set[int] | None:
    """Ids of young people for whom every word of `text` begins a word in their name, notes or warm story.

    Each word matches as a prefix ('schuld' finds 'schulden'), without regard
    to accents; short and very common words only in names. None when `text`
    holds no word at all (nothing to search for).
    """
    words = search_words(text)
    if not words:
        return None
    found: set[int] | None = None
    # The longest word first: it is usually the rarest, so later sets shrink fast.
    for word in sorted(words, key=len, reverse=True):
        ids = _ids_for(db, word)
        found = ids if found is None else found & ids
        if not found:
            return set()
    return found


def _ids_for(db: Database | Connection, word: str) -> set[int]:
    query = {"q": f'"{word}"*'}
    ids = {row[0] for row in db.execute(_NAMES_SQL, query)}
    if len(word) >= NOTE_WORD_MIN and word not in COMMON_WORDS:
        ids.update(row[0] for row in db.execute(_TEXTS_SQL, query))
    return ids


@dataclass(frozen=True)
class Found:
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
    long_words = [word for word in words if len(word) >= NOTE_WORD_MIN and word not in COMMON_WORDS]
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
