"""Visits prepared with the assistant: the planned home visit their note goes into, and how a visit ends.

A visit's note lives in a planned (`gepland`) huisbezoek contact, linked by a
`visits` row: the one already planned near today when there is one, else one
made with the first words. Preparing never records a held visit; only
`complete_visit` (the coach's choice) gives the contact its outcome, and
`keep_preparation` leaves it planned with the note as the preparation.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING

from coach.domain.domains import DOMAIN_KEYS
from coach.domain.visit_outcome import VisitAgreement
from coach.domain.vocabulary import AgreementStatus, ContactMode, ContactStatus
from coach.store.agreement_edits import add_agreement, mark_agreement
from coach.store.contact_moves import edit_contact, set_outcome
from coach.store.revisions import EditSession, update_text
from coach.store.rows import new_id

if TYPE_CHECKING:
    from sqlite_utils import Database

_MOMENT = "%Y-%m-%dT%H:%M"
VISIT_MODE = ContactMode.HUISBEZOEK
#: A planned home visit this far back (not yet completed) or ahead is the one a preparation belongs to.
PLANNED_BEFORE = timedelta(hours=12)
PLANNED_AHEAD = timedelta(days=7)


@dataclass
class Visit:
    """A visit under way: its planned contact, when that is planned, and the note typed so far."""

    id: int
    youth_id: int
    contact_id: int
    started_at: datetime
    note: str = ""
    planned_at: datetime | None = None


def open_visit(db: Database, youth_id: int) -> Visit | None:
    """The visit prepared and not yet completed (its contact still planned), to continue it."""
    row = db.execute(
        "SELECT v.id, v.contact_id, v.started_at, coalesce(c.note, ''), c.at FROM visits v "
        "JOIN contacts c ON c.id = v.contact_id "
        "WHERE v.youth_id = ? AND c.status = ? ORDER BY v.id DESC LIMIT 1",
        [youth_id, ContactStatus.GEPLAND],
    ).fetchone()
    if row is None:
        return None
    return Visit(row[0], youth_id, row[1], datetime.fromisoformat(row[2]), row[3], datetime.fromisoformat(row[4]))


def planned_visit(db: Database, youth_id: int, now: datetime) -> tuple[int, datetime, str] | None:
    """The planned home visit near `now` (12 hours back to a week ahead) not yet prepared, closest first.

    With its note so far (written when it was planned, or carried over when it was moved), which the
    preparation goes on from rather than writing over.
    """
    rows = db.execute(
        "SELECT c.id, c.at, coalesce(c.note, '') FROM contacts c WHERE c.youth_id = ? AND c.status = ? AND c.mode = ? "
        "AND c.at BETWEEN ? AND ? AND NOT EXISTS (SELECT 1 FROM visits v WHERE v.contact_id = c.id)",
        [
            youth_id,
            ContactStatus.GEPLAND,
            VISIT_MODE,
            (now - PLANNED_BEFORE).strftime(_MOMENT),
            (now + PLANNED_AHEAD).strftime(_MOMENT),
        ],
    ).fetchall()
    found = [(contact_id, datetime.fromisoformat(at), note) for contact_id, at, note in rows]
    return min(found, key=lambda item: (abs(item[1] - now), item[1]), default=None)


def start_visit(
    db: Database, youth_id: int, at: datetime, coach: str | None = None, planned_id: int | None = None
) -> Visit:
    """Link the visit to the planned contact `planned_id`, or make a planned home visit at `at` for it."""
    with db.atomic():
        if planned_id is None:
            cursor = db.execute(
                "INSERT INTO contacts (youth_id, at, mode, status, coach, note) VALUES (?, ?, ?, ?, ?, '')",
                [youth_id, at.strftime(_MOMENT), VISIT_MODE, ContactStatus.GEPLAND, coach],
            )
            contact_id, planned_at, note = new_id(cursor), at, ""
        else:
            row = db.execute("SELECT at, coalesce(note, '') FROM contacts WHERE id = ?", [planned_id]).fetchone()
            contact_id, planned_at, note = planned_id, datetime.fromisoformat(row[0]), row[1]
        cursor = db.execute(
            "INSERT INTO visits (youth_id, contact_id, started_at) VALUES (?, ?, ?)",
            [youth_id, contact_id, at.strftime(_MOMENT)],
        )
    return Visit(new_id(cursor), youth_id, contact_id, at, note=note, planned_at=planned_at)


def save_visit(db: Database, visit: Visit, note: str, domains: Iterable[str], session: EditSession) -> None:
    """Store the note and the domains talked about, in one transaction."""
    wanted = [key for key in DOMAIN_KEYS if key in set(domains)]
    with db.atomic():
        update_text(db, session, "contacts", visit.contact_id, "note", note)
        db.execute(
            f"DELETE FROM contact_domains WHERE contact_id = ? AND domain NOT IN ({', '.join('?' * len(wanted))})",
            [visit.contact_id, *wanted],
        )
        db.conn.executemany(
            "INSERT OR IGNORE INTO contact_domains (contact_id, domain) VALUES (?, ?)",
            [(visit.contact_id, key) for key in wanted],
        )
    visit.note = note


def complete_visit(
    db: Database,
    visit: Visit,
    *,
    status: str,
    at: datetime,
    now: datetime,
    duration_min: int | None,
    done: Sequence[int] = (),
    agreements: Sequence[VisitAgreement] = (),
) -> None:
    """The visit ends: its planned contact gets its outcome, afspraken are ticked done and added, in one transaction.

    Raises the store's ContactChangeError or AgreementEditError (`errors` per
    field) and writes nothing when something does not fit.
    """
    with db.atomic():
        set_outcome(db, visit.contact_id, status, now=now, at=at, duration_min=duration_min)
        for agreement_id in done:
            mark_agreement(db, agreement_id, AgreementStatus.GEDAAN, on=at.date())
        for item in agreements:
            add_agreement(
                db,
                visit.youth_id,
                item.text,
                item.owner,
                made_on=at.date(),
                due=item.due,
                contact_id=visit.contact_id,
            )


def keep_preparation(db: Database, visit: Visit, *, now: datetime, at: datetime | None = None) -> None:
    """Leave the visit planned with its note as the preparation; `at` moves a visit made here (not a planned one)."""
    if at is not None and at != visit.planned_at:
        edit_contact(db, visit.contact_id, now=now, at=at)
        visit.planned_at = at


def prepared_for(db: Database, youth_id: int) -> datetime | None:
    """When the visit prepared (its note written, not yet completed) is planned; None when there is none."""
    visit = open_visit(db, youth_id)
    return visit.planned_at if visit is not None and visit.note.strip() else None


def talked_about(db: Database, youth_id: int) -> dict[str, date]:
    """Per domain, the last day a held contact was recorded as touching it."""
    rows = db.execute(
        "SELECT cd.domain, max(substr(c.at, 1, 10)) FROM contact_domains cd JOIN contacts c ON c.id = cd.contact_id "
        "WHERE c.youth_id = ? AND c.status = ? GROUP BY cd.domain",
        [youth_id, ContactStatus.PLAATSGEVONDEN],
    ).fetchall()
    return {domain: date.fromisoformat(day) for domain, day in rows}
