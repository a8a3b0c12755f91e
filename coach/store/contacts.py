"""Logging contacts: a contact with its domains, new agreements and the next planned contact, in one go.

Also editing a contact's note (earlier texts are kept by the revision
triggers) and the draft of the contact form, so nothing typed is lost.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import datetime
from typing import TYPE_CHECKING, Any

from coach.domain.agreements import NewAgreement
from coach.domain.domains import DOMAIN_KEYS
from coach.domain.model import Contact
from coach.domain.vocabulary import AgreementOwner, AgreementStatus, ContactMode, ContactStatus, Initiator
from coach.store.rows import new_id

if TYPE_CHECKING:
    from sqlite_utils import Database

_MOMENT = "%Y-%m-%dT%H:%M"


class ContactError(ValueError):
    """A contact that cannot be stored as given; the message is Dutch and says what to change."""


def _check_contact(contact: Contact) -> None:
    if not ContactMode.has(contact.mode):
        raise ContactError(f"Onbekende vorm '{contact.mode}'. Kies uit: {', '.join(ContactMode)}.")
    if not ContactStatus.has(contact.status):
        raise ContactError(f"Onbekende status '{contact.status}'. Kies uit: {', '.join(ContactStatus)}.")
    if contact.initiated_by is not None and not Initiator.has(contact.initiated_by):
        raise ContactError(f"Onbekend initiatief '{contact.initiated_by}'. Kies uit: {', '.join(Initiator)}.")
    if contact.duration_min is not None and not 0 <= contact.duration_min <= 1440:
        raise ContactError("De duur is in minuten, van 0 tot en met 1440.")


def _contact_row(youth_id: int, contact: Contact) -> dict[str, Any]:
    return {
        "youth_id": youth_id,
        "at": contact.at.strftime(_MOMENT),
        "mode": contact.mode,
        "status": contact.status,
        "duration_min": contact.duration_min,
        "initiated_by": contact.initiated_by,
        "coach": (contact.coach or "").strip() or None,
        "note": contact.note if (contact.note or "").strip() else None,
    }


def _insert(db: Database, table: str, row: dict[str, Any]) -> int:
    columns = list(row)
    cursor = db.execute(
        f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})",
        [row[c] for c in columns],
    )
    return new_id(cursor)


def add_contact(
    db: Database,
    youth_id: int,
    contact: Contact,
    *,
    domains: Iterable[str] = (),
    agreements: Iterable[NewAgreement] = (),
    next_contact: Contact | None = None,
    from_form: bool = True,
) -> int:
    """Store a contact, the domains it touched, its new agreements and the next planned contact.

    All in one transaction, which also clears the form's draft when the contact
    comes from that form (`from_form`; a contact logged from the command line
    leaves a half-typed note in the app alone): either all of it is saved or
    nothing is. Returns the new contact's id.
    """
    domains = list(dict.fromkeys(domains))
    agreements = list(agreements)
    _check_contact(contact)
    if next_contact is not None:
        _check_contact(next_contact)
    unknown = [d for d in domains if d not in DOMAIN_KEYS]
    if unknown:
        raise ContactError(f"Onbekend leefgebied: {', '.join(unknown)}.")
    for agreement in agreements:
        if not agreement.text.strip():
            raise ContactError("Een afspraak zonder tekst kan niet: schrijf op wie wat doet.")
        if not AgreementOwner.has(agreement.owner):
            raise ContactError(f"Wie doet het? Kies uit: {', '.join(AgreementOwner)}.")
    with db.atomic():
        if not db.execute("SELECT 1 FROM youths WHERE id = ?", [youth_id]).fetchone():
            raise ContactError("Deze jongere staat niet (meer) in de database.")
        contact_id = _insert(db, "contacts", _contact_row(youth_id, contact))
        db.conn.executemany(
            "INSERT INTO contact_domains (contact_id, domain) VALUES (?, ?)", [(contact_id, d) for d in domains]
        )
        made_on = contact.at.date().isoformat()
        for agreement in agreements:
            _insert(
                db,
                "agreements",
                {
                    "youth_id": youth_id,
                    "made_on": made_on,
                    "text": agreement.text.strip(),
                    "owner": agreement.owner,
                    "due": agreement.due.isoformat() if agreement.due else None,
                    "status": AgreementStatus.OPEN,
                    "contact_id": contact_id,
                },
            )
        if next_contact is not None:
            _insert(db, "contacts", _contact_row(youth_id, next_contact))
        if from_form:
            db.execute("DELETE FROM contact_drafts WHERE youth_id = ?", [youth_id])
    return contact_id


def contact_domains(db: Database, contact_id: int) -> list[str]:
    """The domains a contact touched, in the fixed domain order."""
    found = {row[0] for row in db.execute("SELECT domain FROM contact_domains WHERE contact_id = ?", [contact_id])}
    return [key for key in DOMAIN_KEYS if key in found]


def update_note(db: Database, contact_id: int, note: str) -> None:
    """Replace a contact's note; the trigger keeps the earlier text as a revision."""
    with db.atomic():
        cursor = db.execute("UPDATE contacts SET note = ? WHERE id = ?", [note if note.strip() else None, contact_id])
        if cursor.rowcount == 0:
            raise ContactError("Dit contact staat niet (meer) in de database.")


def note_history(db: Database, contact_id: int) -> list[tuple[str, str]]:
    """Earlier texts of a contact's note as (replaced at, text), oldest first."""
    return [
        (row[0], row[1])
        for row in db.execute(
            "SELECT replaced_at, text FROM revisions WHERE table_name = 'contacts' AND row_id = ? AND field = 'note' "
            "ORDER BY id",
            [contact_id],
        )
    ]


# --- the form's draft -----------------------------------------------------------------


def last_mode(db: Database, youth_id: int) -> str | None:
    """The kind of contact (huisbezoek, telefoon, …) of the latest contact that was not only planned."""
    row = db.execute(
        "SELECT mode FROM contacts WHERE youth_id = ? AND status NOT IN (?, ?, ?) ORDER BY at DESC, id DESC LIMIT 1",
        [youth_id, ContactStatus.GEPLAND, ContactStatus.VERZET, ContactStatus.VERVALLEN],
    ).fetchone()
    return str(row[0]) if row is not None else None


def save_draft(db: Database, youth_id: int, body: dict[str, Any], saved_at: datetime) -> None:
    """Keep what is typed in the contact form for this young person (one draft per young person)."""
    with db.atomic():
        db.execute(
            "INSERT INTO contact_drafts (youth_id, body, saved_at) VALUES (?, ?, ?) "
            "ON CONFLICT(youth_id) DO UPDATE SET body = excluded.body, saved_at = excluded.saved_at",
            [youth_id, json.dumps(body, ensure_ascii=False), saved_at.strftime("%Y-%m-%dT%H:%M:%S")],
        )


def load_draft(db: Database, youth_id: int) -> tuple[dict[str, Any], datetime] | None:
    """The saved draft and when it was saved, or None."""
    row = db.execute("SELECT body, saved_at FROM contact_drafts WHERE youth_id = ?", [youth_id]).fetchone()
    if row is None:
        return None
    try:
        body = json.loads(row[0])
    except json.JSONDecodeError:
        return None
    return (body, datetime.fromisoformat(row[1])) if isinstance(body, dict) else None


def discard_draft(db: Database, youth_id: int) -> None:
    """Throw the draft away (the coach chose to)."""
    with db.atomic():
        db.execute("DELETE FROM contact_drafts WHERE youth_id = ?", [youth_id])
