"""Agreements of one young person: add one, mark it done or dropped (or open again), and the own share over time."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from coach.domain.agreements import MonthShare, OwnShare, own_share, own_share_by_month
from coach.domain.model import Agreement
from coach.domain.vocabulary import AgreementOwner, AgreementStatus
from coach.store.rows import new_id

if TYPE_CHECKING:
    from sqlite_utils import Database


class AgreementError(ValueError):
    """An agreement change that cannot be made; the message is Dutch and says why."""


def _from_row(row: dict[str, Any]) -> Agreement:
    return Agreement(
        made_on=date.fromisoformat(row["made_on"]),
        text=row["text"],
        owner=row["owner"],
        status=row["status"],
        id=row["id"],
        due=date.fromisoformat(row["due"]) if row["due"] else None,
    )


def agreements_of(db: Database, youth_id: int) -> list[Agreement]:
    """All agreements of a young person, in the order they were made."""
    return [_from_row(row) for row in db.query("SELECT * FROM agreements WHERE youth_id = ? ORDER BY id", [youth_id])]


def add_agreement(
    db: Database,
    youth_id: int,
    text: str,
    owner: str,
    made_on: date,
    due: date | None = None,
    contact_id: int | None = None,
) -> int:
    """Store a new open agreement; returns its id."""
    if not text.strip():
        raise AgreementError("Een afspraak zonder tekst kan niet: schrijf op wie wat doet.")
    if not AgreementOwner.has(owner):
        raise AgreementError(f"Wie doet het? Kies uit: {', '.join(AgreementOwner)}.")
    with db.atomic():
        cursor = db.execute(
            "INSERT INTO agreements (youth_id, made_on, text, owner, due, status, contact_id) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            [
                youth_id,
                made_on.isoformat(),
                text.strip(),
                owner,
                due.isoformat() if due else None,
                AgreementStatus.OPEN,
                contact_id,
            ],
        )
    return new_id(cursor)


def set_agreement_status(db: Database, agreement_id: int, status: str, on: date) -> Agreement:
    """Mark an agreement gedaan or vervallen on `on`, or open it again; returns it as now stored."""
    if not AgreementStatus.has(status):
        raise AgreementError(f"Onbekende status '{status}'. Kies uit: {', '.join(AgreementStatus)}.")
    closed_on = None if status == AgreementStatus.OPEN else on.isoformat()
    with db.atomic():
        cursor = db.execute(
            "UPDATE agreements SET status = ?, closed_on = ? WHERE id = ?", [status, closed_on, agreement_id]
        )
        if cursor.rowcount == 0:
            raise AgreementError("Deze afspraak staat niet (meer) in de database.")
    row = next(db.query("SELECT * FROM agreements WHERE id = ?", [agreement_id]))
    return _from_row(row)


def closed_on(db: Database, agreement_id: int) -> date | None:
    """The day an agreement was marked done or dropped (None while open, or when closed before this was kept)."""
    row = db.execute("SELECT closed_on FROM agreements WHERE id = ?", [agreement_id]).fetchone()
    return date.fromisoformat(row[0]) if row and row[0] else None


def youth_share(db: Database, youth_id: int, today: date, months: int = 6) -> tuple[OwnShare, list[MonthShare]]:
    """The young person's own share of agreements in total and per month of making, the last `months` months."""
    agreements = agreements_of(db, youth_id)
    return own_share(agreements, today), own_share_by_month(agreements, today, months)
