"""What a contact's status means: which count as held, missed or cancelled, and which still need an outcome.

`vervallen` (dropped by a change of plan, usually by the app itself when
afbouw or nazorg ends) and `verzet` (moved; the new contact carries on) are
never a cancellation or a no-show: they are left out of every count.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, NamedTuple

from coach.domain.vocabulary import ContactStatus

if TYPE_CHECKING:  # the caseload needs the statuses, not the case model (it costs the app's start)
    from coach.domain.model import Contact

# Short names for the members, as the rules below read them; the vocabulary itself is ContactStatus.
PLANNED = ContactStatus.GEPLAND
HELD = ContactStatus.PLAATSGEVONDEN
NO_SHOW = ContactStatus.NIET_VERSCHENEN
CANCELLED_BY_YOUTH = ContactStatus.AFGEZEGD_JONGERE
CANCELLED_BY_COACH = ContactStatus.AFGEZEGD_COACH
MOVED = ContactStatus.VERZET
DROPPED = ContactStatus.VERVALLEN

#: Every status in the order a form offers them.
STATUSES: tuple[ContactStatus, ...] = (PLANNED, HELD, NO_SHOW, CANCELLED_BY_YOUTH, CANCELLED_BY_COACH, MOVED, DROPPED)
#: What a new contact can be, in the order a form offers them: verzet and vervallen only come from a
#: move or a change of plan.
NEW_STATUSES: tuple[ContactStatus, ...] = (HELD, NO_SHOW, CANCELLED_BY_YOUTH, CANCELLED_BY_COACH, PLANNED)
#: A contact that was said off in advance (by either side).
CANCELLED: frozenset[str] = frozenset({CANCELLED_BY_YOUTH, CANCELLED_BY_COACH})
#: The outcomes a planned contact can be given directly (verzet goes through a move, which makes a new contact).
OUTCOMES: tuple[ContactStatus, ...] = (HELD, NO_SHOW, CANCELLED_BY_YOUTH, CANCELLED_BY_COACH, DROPPED)
#: Statuses that count in summaries, strips and continuity: what happened or was meant to and did not.
COUNTED: frozenset[str] = frozenset({HELD, NO_SHOW, CANCELLED_BY_YOUTH, CANCELLED_BY_COACH})
#: Statuses that were never counted at all: a change of plan, or moved on to a new contact.
NOT_COUNTED: frozenset[str] = frozenset({PLANNED, MOVED, DROPPED})

#: The version-1 status (no longer in ContactStatus) that is read as the young person's cancellation.
V1_CANCELLED = "afgezegd"


def is_cancellation(status: str) -> bool:
    """True for a cancellation by the young person or the coach (never for vervallen or verzet)."""
    return status in CANCELLED


def is_counted(status: str) -> bool:
    """True when a contact with this status counts as held, missed or cancelled."""
    return status in COUNTED


class ContactCounts(NamedTuple):
    """How many contacts were held, missed and cancelled (by whom); vervallen and verzet are left out."""

    held: int = 0
    no_show: int = 0
    cancelled_by_youth: int = 0
    cancelled_by_coach: int = 0

    @property
    def cancelled(self) -> int:
        """Cancellations by either side."""
        return self.cancelled_by_youth + self.cancelled_by_coach

    @property
    def not_held(self) -> int:
        """Contacts that were meant to happen and did not."""
        return self.no_show + self.cancelled


def count_contacts(contacts: Iterable[Contact]) -> ContactCounts:
    """Count held, no-show and cancelled contacts; planned, verzet and vervallen ones are not counted."""
    tally = {status: 0 for status in COUNTED}
    for contact in contacts:
        if contact.status in tally:
            tally[contact.status] += 1
    return ContactCounts(tally[HELD], tally[NO_SHOW], tally[CANCELLED_BY_YOUTH], tally[CANCELLED_BY_COACH])


def needs_outcome(contact: Contact, now: datetime) -> bool:
    """True for a planned contact whose moment has passed without an outcome ("nog afronden")."""
    return contact.status == PLANNED and contact.at < now


def to_complete(contacts: Iterable[Contact], now: datetime) -> list[Contact]:
    """Past planned contacts without an outcome, oldest first: the ones marked "nog afronden"."""
    return sorted((c for c in contacts if needs_outcome(c, now)), key=lambda c: c.at)


#: How far from a planned contact a logged one is taken to be that contact.
NEAR_WINDOW = timedelta(hours=12)


def planned_near(contacts: Iterable[Contact], at: datetime, window: timedelta = NEAR_WINDOW) -> Contact | None:
    """The planned contact closest to `at` within `window` (the earlier one on a tie), or None.

    A coach logging a visit near a planned one is offered to complete that
    one instead of adding a second line.
    """
    near = [c for c in contacts if c.status == PLANNED and abs(c.at - at) <= window]
    return min(near, key=lambda c: (abs(c.at - at), c.at), default=None)


def status_after_v1(status: str) -> str:
    """The status a version-1 status is read as: 'afgezegd' was the young person's cancellation."""
    return CANCELLED_BY_YOUTH if status == V1_CANCELLED else status


class ContactRecord(NamedTuple):
    """A stored contact with its links: the contact it was moved from, and the one it was moved to."""

    contact: Contact
    youth_id: int
    moved_from: int | None = None
    moved_to: int | None = None
    domains: tuple[str, ...] = ()

    @property
    def id(self) -> int:
        """The contact's id (a stored contact always has one)."""
        assert self.contact.id is not None
        return self.contact.id
