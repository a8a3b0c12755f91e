"""Follow-up visits prepared by the assistant: the held contact they write into, and its domains."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING

from coach.domain.domains import DOMAIN_KEYS
from coach.domain.vocabulary import ContactMode, ContactStatus
from coach.store.revisions import EditSession, update_text
from coach.store.rows import new_id

if TYPE_CHECKING:
    from sqlite_utils import Database

_MOMENT = "%Y-%m-%dT%H:%M"
VISIT_MODE = ContactMode.HUISBEZOEK


@dataclass
class Visit:
    """A visit under way: its contact (held, now) and the note typed so far."""

    id: int
    youth_id: int
    contact_id: int
    started_at: datetime
    note: str = ""


def todays_visit(db: Database, youth_id: int, today: date) -> Visit | None:
    """The visit started today for this young person, to continue it."""
    row = db.execute(
        "SELECT v.id, v.contact_id, v.started_at, coalesce(c.note, '') FROM visits v "
        "JOIN contacts c ON c.id = v.contact_id "
        "WHERE v.youth_id = ? AND substr(v.started_at, 1, 10) = ? ORDER BY v.id DESC LIMIT 1",
        [youth_id, today.isoformat()],
    ).fetchone()
    if row is None:
        return None
    return Visit(row[0], youth_id, row[1], datetime.fromisoformat(row[2]), row[3])


def start_visit(db: Database, youth_id: int, at: datetime, coach: str | None = None) -> Visit:
    """Create the held contact (a home visit at `at`) that the visit's note goes into."""
    with db.atomic():
        cursor = db.execute(
            "INSERT INTO contacts (youth_id, at, mode, status, coach, note) VALUES (?, ?, ?, ?, ?, '')",
            [youth_id, at.strftime(_MOMENT), VISIT_MODE, ContactStatus.PLAATSGEVONDEN, coach],
        )
        contact_id = new_id(cursor)
        cursor = db.execute(
            "INSERT INTO visits (youth_id, contact_id, started_at) VALUES (?, ?, ?)",
            [youth_id, contact_id, at.strftime(_MOMENT)],
        )
    return Visit(new_id(cursor), youth_id, contact_id, at)


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


def talked_about(db: Database, youth_id: int) -> dict[str, date]:
    """Per domain, the last day a held contact was recorded as touching it."""
    rows = db.execute(
        "SELECT cd.domain, max(substr(c.at, 1, 10)) FROM contact_domains cd JOIN contacts c ON c.id = cd.contact_id "
        "WHERE c.youth_id = ? AND c.status = ? GROUP BY cd.domain",
        [youth_id, ContactStatus.PLAATSGEVONDEN],
    ).fetchall()
    return {domain: date.fromisoformat(day) for domain, day in rows}
