"""Recent contactmomenten, newest first, with what is already planned on top."""

from __future__ import annotations

from datetime import date
from typing import Any

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Static

from coach.domain.model import MODE_LABELS, STATUS_LABELS, Contact
from coach.tui.formatting import moment

RECENT = 5
STATUS_STYLES = {
    "niet_verschenen": "$warning",
    "afgezegd_jongere": "$foreground-muted",
    "afgezegd_coach": "$foreground-muted",
    "verzet": "$foreground-muted",
    "vervallen": "$foreground-muted",
    "gepland": "$accent",
}


def split_contacts(contacts: list[Contact], today: date, limit: int = RECENT) -> tuple[list[Contact], list[Contact]]:
    """(planned from today on, soonest first; the latest `limit` others, newest first)."""
    upcoming = sorted((c for c in contacts if c.status == "gepland" and c.at.date() >= today), key=lambda c: c.at)
    rest = sorted((c for c in contacts if c not in upcoming), key=lambda c: c.at, reverse=True)
    return upcoming, rest[:limit]


# More than the widest screen shows of one line.
PREVIEW_CHARS = 400


def contact_line(contact: Contact, today: date) -> Content:
    """'di 10 mrt 14:00 · Huisbezoek · Plaatsgevonden — first line of the note'."""
    style = STATUS_STYLES.get(contact.status, "")
    status = STATUS_LABELS.get(contact.status, contact.status)
    line = Content.from_markup(
        "$when · $mode · " + (f"[{style}]$status[/]" if style else "$status"),
        when=moment(contact.at, today),
        mode=MODE_LABELS.get(contact.mode, contact.mode),
        status=status,
    )
    # Only the start of the note: the line is cut at the screen's edge anyway, and a
    # pasted text of a megabyte without line breaks would otherwise be laid out whole.
    note = (contact.note or "").strip()[:PREVIEW_CHARS].splitlines()
    if note:
        line = line + Content.from_markup(" — [$foreground-muted]$note[/]", note=note[0])
    return line


class ContactList(Vertical):
    """Planned contacts, then the most recent ones."""

    def __init__(self, contacts: list[Contact], today: date, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._contacts = contacts
        self._today = today

    def compose(self) -> ComposeResult:
        upcoming, recent = split_contacts(self._contacts, self._today)
        if not (upcoming or recent):
            yield Static("Nog geen contactmomenten vastgelegd.", classes="empty-hint")
            return
        for contact in upcoming + recent:
            yield Static(contact_line(contact, self._today), classes="list-item")
        hidden = len(self._contacts) - len(upcoming) - len(recent)
        if hidden > 0:
            yield Static(f"en {hidden} eerdere", classes="empty-hint list-item")
