"""One sitting of an intake or a visit as the conversation sessions use it: what to continue, and where edits go.

The sessions in coach.conversation do not import the store (they are siblings
in the layers); the screens hand them one of these, which answers their
IntakeRecords and VisitRecords protocols. Opening reads only; the record is
created with the first edit.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from datetime import date, datetime
from typing import TYPE_CHECKING

from coach.domain.contact_input import FormErrors
from coach.domain.intake import Intake
from coach.domain.model import Agreement
from coach.domain.visit_outcome import VisitOutcome
from coach.domain.vocabulary import AgreementStatus
from coach.store.agreement_edits import AgreementEditError
from coach.store.agreements import agreements_of
from coach.store.contact_moves import ContactChangeError
from coach.store.intake import UNSAVED, Edit, complete_intake, draft_intake, latest_intake, save_edits
from coach.store.revisions import start_session
from coach.store.visits import (
    Visit,
    complete_visit,
    keep_preparation,
    open_visit,
    planned_visit,
    save_visit,
    start_visit,
    talked_about,
)

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
    """The visit to continue (one prepared and not yet completed) with what the preparation reads, and its writes.

    The note goes into the planned home visit near today (or one made with
    the first words); how the visit ends is the coach's choice: `complete`
    or `keep`. Store refusals come back as FormErrors, field by field.
    """

    def __init__(self, db: Database, youth_id: int, coach: str | None, today: date, at: datetime) -> None:
        self.db = db
        self.youth_id = youth_id
        self.coach = coach
        self.at = at
        self.intake: Intake | None = latest_intake(db, youth_id)
        self.visit: Visit | None = open_visit(db, youth_id)
        planned = planned_visit(db, youth_id, at) if self.visit is None else None
        self.planned_id: int | None = planned[0] if planned else None
        self._planned_at: datetime | None = planned[1] if planned else None
        self._planned_note = planned[2] if planned else ""
        self.talked: dict[str, date] = talked_about(db, youth_id)
        self.open_agreements: list[Agreement] = [
            a for a in agreements_of(db, youth_id) if a.status == AgreementStatus.OPEN
        ]
        self.session = start_session(db)

    @property
    def note(self) -> str:
        """The note typed so far in the visit being prepared (before it began: the planned visit's own note)."""
        return self.visit.note if self.visit else self._planned_note

    @property
    def contact_id(self) -> int | None:
        """The visit's planned contact, once the first words linked or made it."""
        return self.visit.contact_id if self.visit else None

    @property
    def planned_at(self) -> datetime | None:
        """When the visit is planned (its contact's moment); None while no visit was planned for it."""
        if self.visit is None:
            return self._planned_at
        was_planned = self.visit.planned_at != self.visit.started_at or self.planned_id is not None
        return self.visit.planned_at if was_planned else None

    def save(self, note: str, domains: Iterable[str]) -> None:
        """Store the note and the domains in it, linking (or making) the visit's planned contact the first time."""
        if self.visit is None:
            self.visit = start_visit(self.db, self.youth_id, self.at, self.coach, self.planned_id)
        save_visit(self.db, self.visit, note, domains, self.session)

    @contextmanager
    def _one_transaction(self, note: str, domains: Iterable[str]) -> Iterator[Visit]:
        """The note saved and what follows, in one transaction; refusals become FormErrors.

        A visit made inside is rolled back with it, so it is forgotten here
        too: the next save makes it again rather than writing into nothing.
        """
        before = self.visit
        try:
            with self.db.atomic():
                self.save(note, domains)
                assert self.visit is not None
                yield self.visit
        except (ContactChangeError, AgreementEditError) as error:
            self.visit = before
            raise FormErrors(_visit_fields(error.errors)) from error
        except BaseException:
            self.visit = before
            raise

    def complete(self, note: str, domains: Iterable[str], outcome: VisitOutcome, now: datetime) -> None:
        """Save the note and give the visit its outcome, with the afspraken, in one transaction."""
        with self._one_transaction(note, domains) as visit:
            complete_visit(
                self.db,
                visit,
                status=outcome.status,
                at=outcome.at,
                now=now,
                duration_min=outcome.duration_min,
                done=outcome.done,
                agreements=outcome.agreements,
            )

    def keep(self, note: str, domains: Iterable[str], now: datetime, at: datetime | None = None) -> None:
        """Keep the note as the preparation of the planned visit (at `at` when no visit was planned)."""
        with self._one_transaction(note, domains) as visit:
            keep_preparation(self.db, visit, now=now, at=at)


# The store names a contact's fields by column; the visit's dialog by what the coach fills in.
_FIELD_NAMES = {
    "at": "when",
    "duration_min": "duration",
    "text": "agreements",
    "owner": "agreements",
    "due": "agreements",
}


def _visit_fields(errors: dict[str, str]) -> dict[str, str]:
    return {_FIELD_NAMES.get(name, name): message for name, message in errors.items()}
