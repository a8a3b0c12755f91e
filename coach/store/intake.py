"""Intakes in the database: what was said per domain, the warm story, where the coach was, the baseline."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from coach.domain.domains import DOMAIN_KEYS, SCORES
from coach.domain.intake import (
    CARRIERS,
    SECTIONS,
    SKIPS,
    TEXT_FIELDS,
    WARM,
    DomainEntry,
    Intake,
    WarmAnswer,
    quoted,
    split_own_words,
)
from coach.domain.model import WARM_KINDS
from coach.store.revisions import EditSession, update_text
from coach.store.rows import first_int, new_id

if TYPE_CHECKING:
    from sqlite_utils import Database

# The fields of a domain the screen may change, besides the texts.
CHOICE_FIELDS: tuple[str, ...] = ("carried_by", "carriers", "score", "youth_score", "skip")
_ASSESSED = ("score", "youth_score", "going_well", "concerns", "wish")


@dataclass(frozen=True)
class Edit:
    """One change typed or chosen: in a section (warm or a domain key), one field, its new value."""

    section: str
    field: str
    value: Any


class IntakeError(ValueError):
    """An edit that cannot be stored; the message is Dutch."""


def latest_intake(db: Database, youth_id: int) -> Intake | None:
    """The young person's most recent intake, completed or not."""
    row = db.execute(
        "SELECT id FROM intakes WHERE youth_id = ? ORDER BY started_on DESC, id DESC LIMIT 1", [youth_id]
    ).fetchone()
    return load_intake(db, row[0]) if row else None


# The id of an intake not stored yet: opening the screen writes nothing, the first edit creates the record.
UNSAVED = 0

_WARM_TO_CONTINUE = (
    "SELECT kind, max(id) FROM warm_story WHERE youth_id = ? AND kind IN ({}) "
    "AND id NOT IN (SELECT warm_story_id FROM intake_warm) GROUP BY kind".format(", ".join("?" * len(WARM_KINDS)))
)


def open_intake(db: Database, youth_id: int, today: date) -> Intake:
    """The intake to continue: the latest one, or a new one starting with the warm story."""
    intake = draft_intake(db, youth_id, today)
    if intake.id == UNSAVED:
        with db.atomic():
            _create(db, intake)
    return intake


def draft_intake(db: Database, youth_id: int, today: date) -> Intake:
    """The intake to continue, or a new one (id UNSAVED) that is only read here: save_edits creates it."""
    found = latest_intake(db, youth_id)
    if found is not None:
        return found
    intake = Intake(id=UNSAVED, youth_id=youth_id, started_on=today)
    # The warm story told before (an imported case, say) is continued, not typed again:
    # the latest item of each kind becomes this intake's answer.
    for kind, story_id in db.execute(_WARM_TO_CONTINUE, [youth_id, *WARM_KINDS]).fetchall():
        row = db.execute("SELECT text, own_words FROM warm_story WHERE id = ?", [story_id]).fetchone()
        text = quoted(row[0]) if row[1] else row[0]
        intake.warm[kind] = WarmAnswer(kind, text, bool(row[1]), story_id)
    return intake


@contextmanager
def _creating(intake: Intake) -> Iterator[None]:
    """A draft whose first write is rolled back stays a draft, so the next save creates it again."""
    unsaved = intake.id == UNSAVED
    try:
        yield
    except BaseException:
        if unsaved:
            intake.id = UNSAVED
        raise


def _create(db: Database, intake: Intake) -> None:
    """Store a drafted intake (inside the caller's transaction) with the warm story it continues."""
    cursor = db.execute(
        "INSERT INTO intakes (youth_id, started_on, section) VALUES (?, ?, ?)",
        [intake.youth_id, intake.started_on.isoformat(), WARM],
    )
    assert cursor.lastrowid is not None
    intake.id = cursor.lastrowid
    db.conn.executemany(
        "INSERT INTO intake_warm (intake_id, kind, warm_story_id) VALUES (?, ?, ?)",
        [(intake.id, a.kind, a.warm_story_id) for a in intake.warm.values() if a.warm_story_id is not None],
    )


def load_intake(db: Database, intake_id: int) -> Intake:
    """One intake with all its domains and warm-story answers."""
    row = next(db.query("SELECT * FROM intakes WHERE id = ?", [intake_id]), None)
    if row is None:
        raise KeyError(intake_id)
    intake = Intake(
        id=row["id"],
        youth_id=row["youth_id"],
        started_on=date.fromisoformat(row["started_on"]),
        completed_on=date.fromisoformat(row["completed_on"]) if row["completed_on"] else None,
        section=row["section"] if row["section"] in SECTIONS else WARM,
        field=row["field"],
        question=row["question"],
    )
    for item in db.query("SELECT * FROM intake_domains WHERE intake_id = ?", [intake_id]):
        if item["domain"] in intake.domains:
            intake.domains[item["domain"]] = _entry(item)
    for item in db.query(
        "SELECT iw.kind, w.id, w.text, w.own_words FROM intake_warm iw JOIN warm_story w ON w.id = iw.warm_story_id "
        "WHERE iw.intake_id = ?",
        [intake_id],
    ):
        text = quoted(item["text"]) if item["own_words"] else item["text"]
        intake.warm[item["kind"]] = WarmAnswer(item["kind"], text, bool(item["own_words"]), item["id"])
    return intake


def _entry(row: dict[str, Any]) -> DomainEntry:
    return DomainEntry(
        domain=row["domain"],
        notes=row["notes"],
        going_well=row["going_well"],
        concerns=row["concerns"],
        wish=row["wish"],
        carried_by=tuple(json.loads(row["carried_by"])),
        carriers=tuple(json.loads(row["carriers"])),
        score=row["score"],
        youth_score=row["youth_score"],
        skip=row["skip"],
        touched_on=date.fromisoformat(row["touched_on"]) if row["touched_on"] else None,
    )


def save_edits(
    db: Database,
    intake: Intake,
    edits: Iterable[Edit],
    session: EditSession,
    today: date,
    position: tuple[str, str | None, int] | None = None,
) -> None:
    """Store typed and chosen changes (and where the coach is) in one transaction.

    `intake` is updated to match. Raises IntakeError (and stores nothing) on a
    value that does not fit.
    """
    edits = list(edits)
    for edit in edits:
        _check(edit)
    with _creating(intake), db.atomic():
        if intake.id == UNSAVED:
            _create(db, intake)
        for edit in edits:
            if edit.section == WARM:
                _save_warm(db, intake, edit.field, edit.value, session, today)
            else:
                _save_domain(db, intake, edit, session, today)
        if position is not None:
            section, field, question = position
            db.execute(
                "UPDATE intakes SET section = ?, field = ?, question = ? WHERE id = ?",
                [section, field, max(question, 0), intake.id],
            )
    if position is not None:
        intake.section, intake.field, intake.question = position[0], position[1], max(position[2], 0)


def _check(edit: Edit) -> None:
    if edit.section == WARM:
        if edit.field not in WARM_KINDS or not isinstance(edit.value, str):
            raise IntakeError(f"onbekend onderdeel van het warme verhaal: {edit.field}")
        return
    if edit.section not in DOMAIN_KEYS:
        raise IntakeError(f"onbekend leefgebied: {edit.section}")
    name, value = edit.field, edit.value
    if name in TEXT_FIELDS:
        ok = isinstance(value, str)
    elif name in ("score", "youth_score"):
        ok = value is None or (isinstance(value, int) and not isinstance(value, bool) and value in SCORES)
    elif name == "skip":
        ok = value is None or value in SKIPS
    elif name == "carried_by":
        ok = isinstance(value, (tuple, list)) and all(item in CARRIERS for item in value)
    elif name == "carriers":
        ok = isinstance(value, (tuple, list)) and all(isinstance(item, str) and item.strip() for item in value)
    else:
        ok = False
    if not ok:
        raise IntakeError(f"'{value}' past niet in {name} van {edit.section}")


def _domain_row(db: Database, intake: Intake, domain: str) -> int:
    db.execute(
        "INSERT INTO intake_domains (intake_id, youth_id, domain) VALUES (?, ?, ?) "
        "ON CONFLICT (intake_id, domain) DO NOTHING",
        [intake.id, intake.youth_id, domain],
    )
    return first_int(
        db.execute("SELECT id FROM intake_domains WHERE intake_id = ? AND domain = ?", [intake.id, domain]).fetchone()
    )


def _save_domain(db: Database, intake: Intake, edit: Edit, session: EditSession, today: date) -> None:
    row_id = _domain_row(db, intake, edit.section)
    entry = intake.domains[edit.section]
    if edit.field in TEXT_FIELDS:
        update_text(db, session, "intake_domains", row_id, edit.field, edit.value)
        value: Any = edit.value
    elif edit.field in ("carried_by", "carriers"):
        value = tuple(edit.value)
        db.execute(f"UPDATE intake_domains SET {edit.field} = ? WHERE id = ?", [json.dumps(list(value)), row_id])
    else:
        value = edit.value
        db.execute(f"UPDATE intake_domains SET {edit.field} = ? WHERE id = ?", [value, row_id])
    setattr(entry, edit.field, value)
    if entry.has_content or entry.skip:
        entry.touched_on = today
        db.execute("UPDATE intake_domains SET touched_on = ? WHERE id = ?", [today.isoformat(), row_id])
    if intake.completed_on is not None and edit.field in _ASSESSED:
        _sync_assessment(db, intake, edit.section, intake.completed_on, session)


def _save_warm(db: Database, intake: Intake, kind: str, typed: str, session: EditSession, today: date) -> None:
    answer = intake.warm[kind]
    text, own_words = split_own_words(typed)
    link = db.execute(
        "SELECT warm_story_id FROM intake_warm WHERE intake_id = ? AND kind = ?", [intake.id, kind]
    ).fetchone()
    if link is None and text:
        cursor = db.execute(
            "INSERT INTO warm_story (youth_id, kind, text, own_words, recorded_on) VALUES (?, ?, ?, ?, ?)",
            [intake.youth_id, kind, text, int(own_words), today.isoformat()],
        )
        warm_story_id = new_id(cursor)
        db.execute(
            "INSERT INTO intake_warm (intake_id, kind, warm_story_id) VALUES (?, ?, ?)",
            [intake.id, kind, warm_story_id],
        )
        answer.warm_story_id = warm_story_id
        session.had_text[("warm_story", warm_story_id, "text")] = False  # new in this sitting
    elif link is not None:
        # Emptying the field keeps the old text as a revision, then removes the item.
        update_text(db, session, "warm_story", link[0], "text", text)
        if text:
            db.execute("UPDATE warm_story SET own_words = ? WHERE id = ?", [int(own_words), link[0]])
        else:
            db.execute("DELETE FROM warm_story WHERE id = ?", [link[0]])
            answer.warm_story_id = None
    answer.text, answer.own_words = typed, own_words


def complete_intake(db: Database, intake: Intake, on: date, session: EditSession) -> int:
    """Close the intake and store it as the baseline assessment dated `on`; returns the domains stored."""
    if intake.completed:
        return 0
    stored = 0
    with _creating(intake), db.atomic():
        if intake.id == UNSAVED:
            _create(db, intake)
        db.execute("UPDATE intakes SET completed_on = ? WHERE id = ?", [on.isoformat(), intake.id])
        intake.completed_on = on
        for key in DOMAIN_KEYS:
            if _sync_assessment(db, intake, key, on, session):
                stored += 1
    return stored


def _sync_assessment(db: Database, intake: Intake, domain: str, completed_on: date, session: EditSession) -> bool:
    """Write the domain into the baseline assessment dated `completed_on` (creating its row when there is something to store)."""
    entry = intake.domains[domain]
    values = {
        "score": entry.score,
        "youth_score": entry.youth_score,
        "going_well": entry.going_well.strip() or None,
        "concerns": entry.concerns.strip() or None,
        "wish": entry.wish.strip() or None,
    }
    row_id = _domain_row(db, intake, domain)
    found = db.execute("SELECT assessment_id FROM intake_domains WHERE id = ?", [row_id]).fetchone()[0]
    if found is None:
        if not any(value is not None for value in values.values()):
            return False
        cursor = db.execute(
            "INSERT INTO assessments (youth_id, date, domain, score, youth_score, going_well, concerns, wish) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [intake.youth_id, completed_on.isoformat(), domain, *values.values()],
        )
        assessment_id = new_id(cursor)
        db.execute("UPDATE intake_domains SET assessment_id = ? WHERE id = ?", [assessment_id, row_id])
        for name in ("going_well", "concerns", "wish"):
            session.had_text[("assessments", assessment_id, name)] = False  # new in this sitting
        return True
    db.execute(
        "UPDATE assessments SET score = ?, youth_score = ? WHERE id = ?",
        [values["score"], values["youth_score"], found],
    )
    for name in ("going_well", "concerns", "wish"):
        update_text(db, session, "assessments", found, name, values[name])
    return True
