"""What loslaten readiness weighs beyond the case file: confidence, daytime activity, basics, who stays."""

from __future__ import annotations

import re
import unicodedata
from datetime import date
from typing import TYPE_CHECKING

from coach.domain.release import (
    ACTIVITY_KINDS,
    ACTIVITY_LABELS,
    BASIC_STATES,
    Activity,
    BasicDefinition,
    BasicItem,
    Confidence,
    ReleaseFacts,
    merge_basics,
)
from coach.domain.trajectory import TrajectoryError
from coach.store.rows import new_id

if TYPE_CHECKING:
    from sqlite_utils import Database

WORDS_MAX = 500
LABEL_MAX = 60


def _youth_exists(db: Database, youth_id: int) -> None:
    if not db.execute("SELECT 1 FROM youths WHERE id = ?", [youth_id]).fetchone():
        raise TrajectoryError(f"Er is geen jongere met nummer {youth_id}.")


def _not_future(day: date, today: date) -> None:
    if day > today:
        raise TrajectoryError("De datum ligt in de toekomst. Kies vandaag of een dag ervoor.")


def record_confidence(
    db: Database, youth_id: int, *, on: date, today: date, score: int | None, words: str | None
) -> int:
    """What the young person said when asked how sure they are to manage alone (1–5 and/or words)."""
    words = (words or "").strip() or None
    if score is None and words is None:
        raise TrajectoryError("Vul een cijfer van 1 tot en met 5 in, of de woorden van de jongere (of allebei).")
    if score is not None and score not in (1, 2, 3, 4, 5):
        raise TrajectoryError(f"{score} is geen cijfer van 1 tot en met 5.")
    if words is not None and len(words) > WORDS_MAX:
        raise TrajectoryError(f"Dat is te lang ({len(words)} tekens); houd het onder de {WORDS_MAX}.")
    _not_future(on, today)
    _youth_exists(db, youth_id)
    with db.atomic():
        return new_id(
            db.execute(
                "INSERT INTO confidence (youth_id, asked_on, score, words) VALUES (?, ?, ?, ?)",
                [youth_id, on.isoformat(), score, words],
            )
        )


def record_activity(
    db: Database, youth_id: int, *, kind: str, since: date, today: date, description: str | None = None
) -> int:
    """Work, school or another daytime activity the young person started on `since`."""
    if kind not in ACTIVITY_KINDS:
        raise TrajectoryError(
            f"'{kind}' kan niet; kies uit: {', '.join(ACTIVITY_LABELS[k].lower() for k in ACTIVITY_KINDS)}."
        )
    description = (description or "").strip() or None
    if description is not None and len(description) > LABEL_MAX * 2:
        raise TrajectoryError(f"De omschrijving is te lang; houd het onder de {LABEL_MAX * 2} tekens.")
    _not_future(since, today)
    _youth_exists(db, youth_id)
    with db.atomic():
        return new_id(
            db.execute(
                "INSERT INTO activities (youth_id, kind, description, since) VALUES (?, ?, ?, ?)",
                [youth_id, kind, description, since.isoformat()],
            )
        )


def end_activity(db: Database, activity_id: int, *, until: date, today: date) -> None:
    """The activity stopped on `until` (a job ended, school left)."""
    _not_future(until, today)
    row = db.execute("SELECT since FROM activities WHERE id = ?", [activity_id]).fetchone()
    if row is None:
        raise TrajectoryError("Deze dagbesteding bestaat niet (meer).")
    if until < date.fromisoformat(row[0]):
        raise TrajectoryError("De einddatum ligt vóór de begindatum. Kies een latere dag.")
    with db.atomic():
        db.execute("UPDATE activities SET until = ? WHERE id = ?", [until.isoformat(), activity_id])


def set_basic(db: Database, youth_id: int, key: str, label: str, state: str | None, today: date) -> None:
    """Tick a checklist item: 'open', 'geregeld', 'nvt', or None to clear it."""
    if state is not None and state not in BASIC_STATES:
        raise TrajectoryError(f"'{state}' kan niet; kies uit: {', '.join(BASIC_STATES)}.")
    _youth_exists(db, youth_id)
    with db.atomic():
        db.execute(
            """INSERT INTO basics (youth_id, key, label, state, updated_on) VALUES (?, ?, ?, ?, ?)
               ON CONFLICT (youth_id, key) DO UPDATE SET state = excluded.state, updated_on = excluded.updated_on""",
            [youth_id, key, label, state, today.isoformat()],
        )


def _key_for(label: str) -> str:
    plain = unicodedata.normalize("NFKD", label).encode("ascii", "ignore").decode().lower()
    return "eigen_" + (re.sub(r"[^a-z0-9]+", "_", plain).strip("_") or "punt")


def add_basic(
    db: Database, youth_id: int, label: str, today: date, definitions: tuple[BasicDefinition, ...] = ()
) -> str:
    """Add the coach's own item to this young person's checklist; returns its key."""
    label = " ".join(label.split())
    if not label:
        raise TrajectoryError("Vul in wat er geregeld moet worden, bijvoorbeeld: rijbewijs.")
    if len(label) > LABEL_MAX:
        raise TrajectoryError(f"Houd het kort: hoogstens {LABEL_MAX} tekens (nu {len(label)}).")
    _youth_exists(db, youth_id)
    taken = {d.label.casefold() for d in definitions}
    taken |= {row[0].casefold() for row in db.execute("SELECT label FROM basics WHERE youth_id = ?", [youth_id])}
    if label.casefold() in taken:
        raise TrajectoryError(f"'{label}' staat al op de lijst.")
    key = base = _key_for(label)
    number = 2
    while db.execute("SELECT 1 FROM basics WHERE youth_id = ? AND key = ?", [youth_id, key]).fetchone():
        key, number = f"{base}_{number}", number + 1
    with db.atomic():
        db.execute(
            "INSERT INTO basics (youth_id, key, label, state, custom, updated_on) VALUES (?, ?, ?, 'open', 1, ?)",
            [youth_id, key, label, today.isoformat()],
        )
    return key


def set_staying(db: Database, youth_id: int, network_id: int, stays: bool) -> None:
    """Mark whether this person of the network stays around after letting go."""
    row = db.execute("SELECT youth_id FROM network WHERE id = ?", [network_id]).fetchone()
    if row is None or row[0] != youth_id:
        raise TrajectoryError("Deze persoon hoort niet (meer) bij het netwerk van deze jongere.")
    with db.atomic():
        if stays:
            db.execute(
                "INSERT OR IGNORE INTO staying_network (network_id, youth_id) VALUES (?, ?)", [network_id, youth_id]
            )
        else:
            db.execute("DELETE FROM staying_network WHERE network_id = ?", [network_id])


def release_facts(db: Database, youth_id: int, definitions: tuple[BasicDefinition, ...] = ()) -> ReleaseFacts:
    """Confidence, activities, the merged basics checklist and who stays, for one young person."""
    confidence = [
        Confidence(date.fromisoformat(r["asked_on"]), r["score"], r["words"], r["id"])
        for r in db.query("SELECT * FROM confidence WHERE youth_id = ? ORDER BY asked_on, id", [youth_id])
    ]
    activities = [
        Activity(
            r["kind"],
            date.fromisoformat(r["since"]),
            r["description"],
            date.fromisoformat(r["until"]) if r["until"] else None,
            r["id"],
        )
        for r in db.query("SELECT * FROM activities WHERE youth_id = ? ORDER BY since, id", [youth_id])
    ]
    stored = [
        BasicItem(r["key"], r["label"], r["state"], bool(r["custom"]))
        for r in db.query("SELECT * FROM basics WHERE youth_id = ? ORDER BY id", [youth_id])
    ]
    staying = {row[0] for row in db.execute("SELECT network_id FROM staying_network WHERE youth_id = ?", [youth_id])}
    return ReleaseFacts(confidence, activities, merge_basics(definitions, stored), staying)
