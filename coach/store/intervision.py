"""What the coach keeps for intervision with the young person: the question, own texts, chosen domains, hidden words."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from coach.store import StoreError

if TYPE_CHECKING:
    from sqlite_utils import Database

_GONE = "Deze jongere staat niet (meer) in de database; {what} is niet bewaard."
# The longest text kept in a free field, and the most domains or hidden words kept.
TEXT_MAX = 4000
LIST_MAX = 200


@dataclass(frozen=True)
class IntervisionNotes:
    """The coach's own words for the summary: None means 'not written yet' (the app suggests a text)."""

    tried: str | None = None
    own_part: str | None = None
    domains: tuple[str, ...] = ()  # the domain keys the coach marked to show
    hidden: tuple[str, ...] = ()  # the stretches the coach hid by hand, as written in the notes


def save_intervision_question(db: Database, youth_id: int, question: str) -> None:
    """Store the question (an empty one clears it); StoreError when the young person is gone."""
    value = question.strip() or None
    with db.atomic():
        cursor = db.execute("UPDATE youths SET intervision_question = ? WHERE id = ?", [value, youth_id])
        if cursor.rowcount == 0:
            raise StoreError(_GONE.format(what="de vraag"))


def intervision_question(db: Database, youth_id: int) -> str | None:
    """The stored question, or None."""
    row = db.execute("SELECT intervision_question FROM youths WHERE id = ?", [youth_id]).fetchone()
    return row[0] if row else None


# A scope key as the reports layer makes it (coach.reports.summary.Scope.key): a period or one contact.
# "contact-id:17" names a contact by its id; the older "contact:3" by its place among the case's contacts
# (read still, and replaced by the id key when the coach saves the question again).
_SCOPE_KEY = re.compile(
    r"periode:(?:\d{4}-\d{2}-\d{2}:\d{4}-\d{2}-\d{2}|laatste-[1-9]\d*-maanden)|contact(?:-id)?:[1-9]\d*"
)
CONTACT_ID_KEY = re.compile(r"contact-id:(?P<id>[1-9]\d*)")


def contact_key(contact_id: int) -> str:
    """The scope key of one contact's own question: "contact-id:17"."""
    return f"contact-id:{contact_id}"


def _check_scope(scope: str) -> None:
    if not _SCOPE_KEY.fullmatch(scope):
        # A programming error, not the coach's: the key is never typed by hand.
        raise ValueError("not a scope key")


def scope_questions(db: Database, youth_id: int) -> dict[str, str]:
    """The questions written for a period or one contact of this case: scope key -> question."""
    rows = db.execute(
        "SELECT scope, question FROM intervision_period_questions WHERE youth_id = ? ORDER BY id", [youth_id]
    ).fetchall()
    return {scope: question for scope, question in rows}


def scope_question(db: Database, youth_id: int, scope: str) -> str | None:
    """The question written for this scope (a period or one contact), or None: then the case's question applies."""
    _check_scope(scope)
    row = db.execute(
        "SELECT question FROM intervision_period_questions WHERE youth_id = ? AND scope = ?", [youth_id, scope]
    ).fetchone()
    return row[0] if row else None


def save_scope_question(db: Database, youth_id: int, scope: str, question: str, *, replaces: str | None = None) -> None:
    """Store the question for one scope; an empty one removes it (the case's question applies again).

    `replaces`: an older key of the same scope (a contact's "contact:3" before it had "contact-id:17"),
    removed in the same transaction. The case's own question (youths.intervision_question) is left as it is.
    StoreError when the young person is gone or the question is too long.
    """
    _check_scope(scope)
    if replaces is not None:
        _check_scope(replaces)
    value = question.strip()
    if len(value) > TEXT_MAX:
        raise StoreError(
            f"De vraag is te lang ({len(value)} tekens); houd het onder de {TEXT_MAX}. Er is niets bewaard."
        )
    with db.atomic():
        if db.execute("SELECT 1 FROM youths WHERE id = ?", [youth_id]).fetchone() is None:
            raise StoreError(_GONE.format(what="de vraag"))
        if replaces is not None and replaces != scope:
            db.execute(
                "DELETE FROM intervision_period_questions WHERE youth_id = ? AND scope = ?", [youth_id, replaces]
            )
        if not value:
            db.execute("DELETE FROM intervision_period_questions WHERE youth_id = ? AND scope = ?", [youth_id, scope])
            return
        db.execute(
            """
            INSERT INTO intervision_period_questions (youth_id, scope, question) VALUES (?, ?, ?)
            ON CONFLICT (youth_id, scope) DO UPDATE SET question = excluded.question
            """,
            [youth_id, scope, value],
        )


def _list(raw: str | None) -> tuple[str, ...]:
    try:
        value = json.loads(raw or "[]")
    except ValueError:
        return ()  # a damaged list is read as empty: the coach marks again, nothing else is lost
    return tuple(str(item) for item in value if isinstance(item, str)) if isinstance(value, list) else ()


def intervision_notes(db: Database, youth_id: int) -> IntervisionNotes:
    """The coach's intervision notes for this young person (empty when none are kept)."""
    row = db.execute(
        "SELECT tried, own_part, domains, hidden FROM intervision_notes WHERE youth_id = ?", [youth_id]
    ).fetchone()
    if row is None:
        return IntervisionNotes()
    return IntervisionNotes(row[0], row[1], _list(row[2]), _list(row[3]))


def _clean_text(text: str | None, what: str) -> str | None:
    if text is None:
        return None
    if len(text) > TEXT_MAX:
        raise StoreError(f"{what} is te lang ({len(text)} tekens); houd het onder de {TEXT_MAX}. Er is niets bewaard.")
    return text


def _clean_list(items: tuple[str, ...] | list[str], what: str) -> str:
    cleaned = list(dict.fromkeys(item.strip() for item in items if item and item.strip()))
    if len(cleaned) > LIST_MAX:
        raise StoreError(f"Te veel {what} ({len(cleaned)}); er is niets bewaard.")
    return json.dumps(cleaned, ensure_ascii=False)


def save_intervision_notes(db: Database, youth_id: int, notes: IntervisionNotes) -> None:
    """Store the notes whole (a text of None: not written, the app suggests one); StoreError when the young person is gone.

    An empty text is kept as written: the coach cleared the suggestion on purpose.
    """
    tried = _clean_text(notes.tried, "Wat je al probeerde")
    own_part = _clean_text(notes.own_part, "Je eigen aandeel")
    domains = _clean_list(notes.domains, "leefgebieden")
    hidden = _clean_list(notes.hidden, "verborgen woorden")
    with db.atomic():
        if db.execute("SELECT 1 FROM youths WHERE id = ?", [youth_id]).fetchone() is None:
            raise StoreError(_GONE.format(what="je tekst voor intervisie"))
        db.execute(
            """
            INSERT INTO intervision_notes (youth_id, tried, own_part, domains, hidden) VALUES (?, ?, ?, ?, ?)
            ON CONFLICT (youth_id) DO UPDATE SET
                tried = excluded.tried, own_part = excluded.own_part,
                domains = excluded.domains, hidden = excluded.hidden
            """,
            [youth_id, tried, own_part, domains, hidden],
        )
