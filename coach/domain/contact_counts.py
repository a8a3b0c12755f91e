"""Which contacts count as held, missed or cancelled: the one rule the reports count through.

A contact the app itself called off (a change of plan: afbouw stopped, the
trajectory reopened) is nobody's cancellation and is never counted. The
newer status vocabulary calls that "vervallen"; an older database writes
"afgezegd" with the note "Vervallen: …" (see coach.domain.trajectory). Both
are read here, so the counting works before and after that migration.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from coach.domain.model import Contact
from coach.domain.trajectory import CANCELLED_NOTE

HELD = "plaatsgevonden"
NO_SHOW = "niet_verschenen"
PLANNED = "gepland"
APP_CANCELLED = "vervallen"
# Cancelled by someone: the old single status and the two newer ones.
CANCELLED_BY_SOMEONE = frozenset({"afgezegd", "afgezegd_jongere", "afgezegd_coach", "verzet"})
_APP_NOTE_START = CANCELLED_NOTE.split("{", 1)[0]  # "Vervallen: "


def app_cancelled(contact: Contact) -> bool:
    """True when the app called this contact off itself (a change of plan, not anyone's cancellation)."""
    status = str(contact.status)
    if status == APP_CANCELLED:
        return True
    return status == "afgezegd" and (contact.note or "").lstrip().startswith(_APP_NOTE_START)


def counts(contact: Contact) -> bool:
    """True when the contact belongs in a count of what happened: not planned, not called off by the app."""
    return str(contact.status) != PLANNED and not app_cancelled(contact)


@dataclass(frozen=True)
class ContactCounts:
    """Held, no-show and cancelled contacts (app cancellations and planned ones left out)."""

    held: int = 0
    no_show: int = 0
    cancelled: int = 0

    @property
    def not_held(self) -> int:
        """Contacts that did not go ahead (no-show or cancelled by someone)."""
        return self.no_show + self.cancelled


def count_contacts(contacts: Iterable[Contact]) -> ContactCounts:
    """Count what happened to these contacts, through `counts` (so never an app cancellation)."""
    held = no_show = cancelled = 0
    for contact in contacts:
        if not counts(contact):
            continue
        status = str(contact.status)
        if status == HELD:
            held += 1
        elif status == NO_SHOW:
            no_show += 1
        elif status in CANCELLED_BY_SOMEONE:
            cancelled += 1
    return ContactCounts(held, no_show, cancelled)
