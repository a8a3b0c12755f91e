"""Contacts after they are logged: read one with its links, edit it, give a planned one its outcome, move it, delete it.

A move (verzet) marks the old contact 'verzet' and plans a new one whose
`moved_from` points back, so both stay linked. Deleting asks for a reason,
kept in `removals` beside the audit trail's record. Every change is one
transaction; a changed note keeps its earlier text (revision triggers).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from coach.domain.contact_status import (
    DROPPED,
    HELD,
    MOVED,
    NEAR_WINDOW,
    NO_SHOW,
    OUTCOMES,
    PLANNED,
    ContactRecord,
    planned_near,
    to_complete,
)
from coach.domain.domains import DOMAIN_KEYS
from coach.domain.model import CONTACT_MODES, INITIATORS, STATUS_LABELS, Contact
from coach.domain.registration import check_text
from coach.store._rows import new_id

if TYPE_CHECKING:
    from sqlite_utils import Database

_MOMENT = "%Y-%m-%dT%H:%M"
NOTE_MAX = 1_000_000
REASON_MAX = 2000
_UNSET: Any = object()


class ContactChangeError(ValueError):
    """A change to a contact that cannot be made; `errors` maps each field to its Dutch message."""

    def __init__(self, errors: dict[str, str]):
        self.errors = errors
        super().__init__(" ".join(errors.values()))


def _record(db: Database, row: dict[str, Any]) -> ContactRecord:
    moved_to = db.execute(
        "SELECT id FROM contacts WHERE moved_from = ? ORDER BY id DESC LIMIT 1", [row["id"]]
    ).fetchone()
    domains = {r[0] for r in db.execute("SELECT domain FROM contact_domains WHERE contact_id = ?", [row["id"]])}
    contact = Contact(
        at=datetime.fromisoformat(row["at"]),
        mode=row["mode"],
        status=row["status"],
        id=row["id"],
        duration_min=row["duration_min"],
        initiated_by=row["initiated_by"],
        coach=row["coach"],
        note=row["note"],
    )
    return ContactRecord(
        contact,
        row["youth_id"],
        row["moved_from"],
        moved_to[0] if moved_to else None,
        tuple(k for k in DOMAIN_KEYS if k in domains),
    )


def get_contact(db: Database, contact_id: int) -> ContactRecord | None:
    """One contact with its links and domains, or None."""
    row = next(iter(db.query("SELECT * FROM contacts WHERE id = ?", [contact_id])), None)
    return None if row is None else _record(db, row)


def contacts_of(db: Database, youth_id: int) -> list[ContactRecord]:
    """Every contact of a young person with its links, newest first."""
    return [
        _record(db, row)
        for row in db.query("SELECT * FROM contacts WHERE youth_id = ? ORDER BY at DESC, id DESC", [youth_id])
    ]


def _existing(db: Database, contact_id: int) -> ContactRecord:
    record = get_contact(db, contact_id)
    if record is None:
        raise ContactChangeError({"contact": "Dit contact staat niet (meer) in de database."})
    return record


def _check_note(note: str | None) -> str | None:
    if note is None or not note.strip():
        return None
    if len(note) > NOTE_MAX:
        raise ContactChangeError({"note": f"Notitie: te lang ({len(note)} tekens); hoogstens {NOTE_MAX}."})
    problem = check_text("referral_reason", note)
    if problem:
        raise ContactChangeError({"note": "Notitie" + problem[problem.index(":") :]})
    return note


def _check_moment(status: str, at: datetime, now: datetime) -> None:
    if status in (HELD, NO_SHOW) and at > now:
        raise ContactChangeError(
            {"at": f"Wanneer: dit contact ligt in de toekomst en kan nog niet '{STATUS_LABELS[status].lower()}' zijn."}
        )


def edit_contact(
    db: Database,
    contact_id: int,
    *,
    now: datetime,
    at: datetime = _UNSET,
    mode: str = _UNSET,
    duration_min: int | None = _UNSET,
    initiated_by: str | None = _UNSET,
    coach: str | None = _UNSET,
    note: str | None = _UNSET,
    domains: Iterable[str] = _UNSET,
) -> ContactRecord:
    """Change what was recorded about a contact (only the fields given); returns it as now stored.

    The status is changed with `set_outcome` or `move_contact`, not here. The
    note's earlier text is kept as a revision (see contacts.note_history).
    """
    errors: dict[str, str] = {}
    if mode is not _UNSET and mode not in CONTACT_MODES:
        errors["mode"] = "Vorm: kies uit " + ", ".join(CONTACT_MODES) + "."
    if initiated_by is not _UNSET and initiated_by is not None and initiated_by not in INITIATORS:
        errors["initiated_by"] = "Initiatief: kies coach, jongere of netwerk."
    if duration_min is not _UNSET and duration_min is not None and not 0 <= duration_min <= 1440:
        errors["duration_min"] = "Duur: in minuten, van 0 tot en met 1440."
    if coach is not _UNSET and coach is not None:
        problem = check_text("coach", coach)
        if problem:
            errors["coach"] = "Coach" + problem[problem.index(":") :]
    domain_list = None if domains is _UNSET else list(dict.fromkeys(domains))
    if domain_list is not None and any(d not in DOMAIN_KEYS for d in domain_list):
        errors["domains"] = (
            "Leefgebieden: onbekend leefgebied " + ", ".join(d for d in domain_list if d not in DOMAIN_KEYS) + "."
        )
    if errors:
        raise ContactChangeError(errors)
    changes: dict[str, Any] = {}
    if at is not _UNSET:
        changes["at"] = at.strftime(_MOMENT)
    if mode is not _UNSET:
        changes["mode"] = mode
    if duration_min is not _UNSET:
        changes["duration_min"] = duration_min
    if initiated_by is not _UNSET:
        changes["initiated_by"] = initiated_by
    if coach is not _UNSET:
        changes["coach"] = (coach or "").strip() or None
    if note is not _UNSET:
        changes["note"] = _check_note(note)
    with db.atomic():
        record = _existing(db, contact_id)
        if at is not _UNSET:
            _check_moment(record.contact.status, at, now)
        if changes:
            db.execute(
                f"UPDATE contacts SET {', '.join(f'{c} = ?' for c in changes)} WHERE id = ?",
                [*changes.values(), contact_id],
            )
        if domain_list is not None:
            db.execute("DELETE FROM contact_domains WHERE contact_id = ?", [contact_id])
            db.conn.executemany(
                "INSERT INTO contact_domains (contact_id, domain) VALUES (?, ?)", [(contact_id, d) for d in domain_list]
            )
    return _existing(db, contact_id)


def set_outcome(
    db: Database,
    contact_id: int,
    status: str,
    *,
    now: datetime,
    note: str | None = _UNSET,
    duration_min: int | None = _UNSET,
    at: datetime = _UNSET,
) -> ContactRecord:
    """Give a planned contact its outcome (plaatsgevonden, niet_verschenen, afgezegd_*, vervallen).

    Optionally with the note, duration and the real moment (default: the
    planned one). Only a contact still 'gepland' can be completed; held or
    no-show cannot be in the future.
    """
    if status not in OUTCOMES:
        raise ContactChangeError(
            {
                "status": "Status: kies "
                + ", ".join(STATUS_LABELS[s].lower() for s in OUTCOMES)
                + " (verzetten gaat apart)."
            }
        )
    with db.atomic():
        record = _existing(db, contact_id)
        if record.contact.status != PLANNED:
            raise ContactChangeError(
                {
                    "status": f"Dit contact is al '{STATUS_LABELS.get(record.contact.status, record.contact.status).lower()}'; alleen een gepland contact krijgt een uitkomst."
                }
            )
        moment = record.contact.at if at is _UNSET else at
        extra: dict[str, Any] = {
            k: v for k, v in (("note", note), ("duration_min", duration_min), ("at", at)) if v is not _UNSET
        }
        _check_moment(status, moment, now)
        db.execute("UPDATE contacts SET status = ? WHERE id = ?", [status, contact_id])
        edit_contact(
            db,
            contact_id,
            now=now,
            **extra,
        )
    return _existing(db, contact_id)


def move_contact(
    db: Database, contact_id: int, new_at: datetime, *, now: datetime, note: str | None = None, mode: str | None = None
) -> int:
    """Move a planned contact to `new_at` (verzet): the old one becomes 'verzet', a new planned one links back.

    Returns the new contact's id. The new moment must be in the future and differ from the old one.
    """
    if new_at <= now:
        raise ContactChangeError({"at": "Nieuw moment: kies een moment in de toekomst."})
    if mode is not None and mode not in CONTACT_MODES:
        raise ContactChangeError({"mode": "Vorm: kies uit " + ", ".join(CONTACT_MODES) + "."})
    new_note = _check_note(note)
    with db.atomic():
        record = _existing(db, contact_id)
        old = record.contact
        if old.status != PLANNED:
            raise ContactChangeError({"status": "Alleen een gepland contact kan verzet worden."})
        if new_at == old.at:
            raise ContactChangeError({"at": "Nieuw moment: dat is hetzelfde moment; kies een ander."})
        db.execute("UPDATE contacts SET status = ? WHERE id = ?", [MOVED, contact_id])
        moved_to = new_id(
            db.execute(
                "INSERT INTO contacts (youth_id, at, mode, status, duration_min, initiated_by, coach, note, moved_from) "
                "VALUES (?, ?, ?, 'gepland', ?, ?, ?, ?, ?)",
                [
                    record.youth_id,
                    new_at.strftime(_MOMENT),
                    mode or old.mode,
                    old.duration_min,
                    old.initiated_by,
                    old.coach,
                    new_note if new_note is not None else old.note,
                    contact_id,
                ],
            )
        )
        # An afbouw step or nazorg check follows its contact to the new moment.
        for table in ("taper_steps", "nazorg_checks"):
            db.execute(
                f"UPDATE {table} SET contact_id = ?, planned_at = ? WHERE contact_id = ?",
                [moved_to, new_at.strftime(_MOMENT), contact_id],
            )
    return moved_to


def drop_contact(db: Database, contact_id: int, *, now: datetime) -> ContactRecord:
    """Mark a planned contact vervallen (a change of plan; never counted as a cancellation)."""
    return set_outcome(db, contact_id, DROPPED, now=now)


def delete_contact(db: Database, contact_id: int, reason: str, *, now: datetime) -> None:
    """Delete a contact (a mistake, a double); the reason is kept in `removals`, the audit trail records the delete.

    Its domains and visit go with it; agreements and plan steps keep their
    own rows with the link cleared; a contact it was moved to loses its back link.
    """
    reason = (reason or "").strip()
    if not reason:
        raise ContactChangeError({"reason": "Reden: schrijf kort op waarom dit contact weg moet."})
    if len(reason) > REASON_MAX:
        raise ContactChangeError({"reason": f"Reden: te lang; houd het onder de {REASON_MAX} tekens."})
    problem = check_text("referral_reason", reason)
    if problem:
        raise ContactChangeError({"reason": "Reden" + problem[problem.index(":") :]})
    with db.atomic():
        record = _existing(db, contact_id)
        db.execute(
            "INSERT INTO removals (youth_id, table_name, row_id, removed_at, reason) VALUES (?, 'contacts', ?, ?, ?)",
            [record.youth_id, contact_id, now.strftime("%Y-%m-%dT%H:%M:%S"), reason],
        )
        db.execute("DELETE FROM contacts WHERE id = ?", [contact_id])


def find_planned_near(
    db: Database, youth_id: int, at: datetime, window: timedelta = NEAR_WINDOW
) -> ContactRecord | None:
    """The planned contact of this young person closest to `at` (within `window`), to complete instead of adding one."""
    low, high = (at - window).strftime(_MOMENT), (at + window).strftime(_MOMENT)
    rows = list(
        db.query(
            "SELECT * FROM contacts WHERE youth_id = ? AND status = 'gepland' AND at BETWEEN ? AND ?",
            [youth_id, low, high],
        )
    )
    records = {row["id"]: _record(db, row) for row in rows}
    best = planned_near([r.contact for r in records.values()], at, window)
    return None if best is None or best.id is None else records[best.id]


def to_complete_of(db: Database, youth_id: int, now: datetime) -> list[ContactRecord]:
    """Past planned contacts without an outcome ("nog afronden"), oldest first."""
    rows = list(
        db.query(
            "SELECT * FROM contacts WHERE youth_id = ? AND status = 'gepland' AND at < ?",
            [youth_id, now.strftime(_MOMENT)],
        )
    )
    records = {row["id"]: _record(db, row) for row in rows}
    return [records[c.id] for c in to_complete([r.contact for r in records.values()], now) if c.id is not None]


def removal_reasons(db: Database, youth_id: int) -> list[tuple[str, int, str, str]]:
    """Why rows were removed from this young person's file: (table, row id, when, reason), oldest first."""
    return [
        (t, r, at, reason)
        for t, r, at, reason in db.execute(
            "SELECT table_name, row_id, removed_at, reason FROM removals WHERE youth_id = ? ORDER BY id", [youth_id]
        ).fetchall()
    ]
