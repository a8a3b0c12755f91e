"""One sitting of an intake or a visit as the conversation sessions use it: what to continue, and where edits go.

The sessions in coach.conversation do not import the store (they are siblings
in the layers); the screens hand them one of these, which answers their
IntakeRecords and VisitRecords protocols. Opening reads only; the record is
created with the first edit.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date, datetime
from typing import TYPE_CHECKING

from coach.domain.intake import Intake
from coach.store.intake import UNSAVED, Edit, complete_intake, draft_intake, latest_intake, save_edits
from coach.store.revisions import start_session
from coach.store.visits import Visit, save_visit, start_visit, talked_about, todays_visit

if TYPE_CHECKING:
    from sqlite_utils import Database


class IntakeSitting:
    """The intake to continue (a draft when there is none) and the store's writes for it, in one sitting."""

    def __init__(self, db: Database, youth_id: int, today: date) -> None:
        self.db = db
        self.today = today
        self.intake = draft_intake(db, youth_id, today)
        self.session = start_session(db)  # reads only: where this sitting's revisions begin

    @property
    def stored(self) -> bool:
        """The intake has a record (a new one gets it with its first edit)."""
        return self.intake.id != UNSAVED

    def save(self, changes: Mapping[tuple[str, str], object], position: tuple[str, str | None, int]) -> None:
        """Store the changes and where the coach is; IntakeError (a ValueError) stores nothing."""
        edits = [Edit(section, name, value) for (section, name), value in changes.items()]
        save_edits(self.db, self.intake, edits, self.session, self.today, position)

    def complete(self) -> int:
        """Close the intake as the baseline dated today; the number of domains stored."""
        return complete_intake(self.db, self.intake, self.today, self.session)


class VisitSitting:
    """Today's visit to continue (if one began) with what the preparation reads, and the note's writes."""

    def __init__(self, db: Database, youth_id: int, coach: str | None, today: date, at: datetime) -> None:
        self.db = db
        self.youth_id = youth_id
        self.coach = coach
        self.at = at
        self.intake: Intake | None = latest_intake(db, youth_id)
        self.visit: Visit | None = todays_visit(db, youth_id, today)
        self.talked: dict[str, date] = talked_about(db, youth_id)
        self.session = start_session(db)

    @property
    def note(self) -> str:
        """The note typed so far in today's visit ('' before it began)."""
        return self.visit.note if self.visit else ""

    @property
    def contact_id(self) -> int | None:
        """The visit's held contact, once the first words made it."""
        return self.visit.contact_id if self.visit else None

    def save(self, note: str, domains: Iterable[str]) -> None:
        """Store the note and the domains in it, making the visit's contact the first time."""
        if self.visit is None:
            self.visit = start_visit(self.db, self.youth_id, self.at, self.coach)
        save_visit(self.db, self.visit, note, domains, self.session)
