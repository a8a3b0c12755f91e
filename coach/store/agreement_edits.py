"""Afspraken on their own: add, edit, mark done or dropped, with an owner (jongere, coach, or a network person).

`coach.store.agreements` stays the reader and the status switch; this module
adds what the youth screen needs beyond a contact: an owner from the network
(`owner_network_id`, migration m009) and edits that keep the earlier text.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from coach.domain.model import AGREEMENT_STATUSES, OWNERS, Agreement
from coach.domain.registration import check_text
from coach.store._rows import new_id

if TYPE_CHECKING:
    from sqlite_utils import Database

TEXT_MAX = 2000
_UNSET: Any = object()


class AgreementEditError(ValueError):
    """An afspraak that cannot be saved; `errors` maps each field to its Dutch message."""

    def __init__(self, errors: dict[str, str]):
        self.errors = errors
        super().__init__(" ".join(errors.values()))


@dataclass(frozen=True)
class AgreementRecord:
    """A stored afspraak with its network owner, source contact and closing day."""

    agreement: Agreement
    youth_id: int
    owner_network_id: int | None = None
    contact_id: int | None = None
    closed_on: date | None = None


def _check(db: Database, youth_id: int, text: str, owner: str, owner_network_id: int | None) -> dict[str, str]:
    errors: dict[str, str] = {}
    if not text.strip():
        errors["text"] = "Afspraak: schrijf op wie wat doet."
    elif len(text.strip()) > TEXT_MAX:
        errors["text"] = f"Afspraak: te lang ({len(text.strip())} tekens); hoogstens {TEXT_MAX}."
    else:
        problem = check_text("referral_reason", text)
        if problem:
            errors["text"] = "Afspraak" + problem[problem.index(":") :]
    if owner not in OWNERS:
        errors["owner"] = "Wie doet het: kies jongere, coach of iemand uit het netwerk."
    elif owner_network_id is not None:
        if owner != "netwerk":
            errors["owner"] = "Wie doet het: een persoon uit het netwerk hoort bij 'netwerk'."
        else:
            row = db.execute("SELECT youth_id FROM network WHERE id = ?", [owner_network_id]).fetchone()
            if row is None or row[0] != youth_id:
                errors["owner"] = "Wie doet het: deze persoon staat niet (meer) in het netwerk van deze jongere."
    return errors


def add_agreement(
    db: Database,
    youth_id: int,
    text: str,
    owner: str,
    *,
    made_on: date,
    due: date | None = None,
    owner_network_id: int | None = None,
    contact_id: int | None = None,
) -> int:
    """Store a new open afspraak; returns its id. Raises AgreementEditError and writes nothing on bad input."""
    with db.atomic():
        if not db.execute("SELECT 1 FROM youths WHERE id = ?", [youth_id]).fetchone():
            raise AgreementEditError({"youth": "Deze jongere staat niet (meer) in de database."})
        errors = _check(db, youth_id, text, owner, owner_network_id)
        if due is not None and due < made_on:
            errors["due"] = "Wanneer klaar: ligt vóór de dag van de afspraak; kies een latere dag."
        if errors:
            raise AgreementEditError(errors)
        return new_id(
            db.execute(
                "INSERT INTO agreements (youth_id, made_on, text, owner, due, status, contact_id, owner_network_id) "
                "VALUES (?, ?, ?, ?, ?, 'open', ?, ?)",
                [
                    youth_id,
                    made_on.isoformat(),
                    text.strip(),
                    owner,
                    due.isoformat() if due else None,
                    contact_id,
                    owner_network_id,
                ],
            )
        )


def get_agreement(db: Database, agreement_id: int) -> AgreementRecord | None:
    """One afspraak with its links, or None."""
    row = next(iter(db.query("SELECT * FROM agreements WHERE id = ?", [agreement_id])), None)
    return None if row is None else _record(row)


def agreements_with_owners(db: Database, youth_id: int) -> list[AgreementRecord]:
    """Every afspraak of a young person with its links, in the order they were made."""
    return [_record(row) for row in db.query("SELECT * FROM agreements WHERE youth_id = ? ORDER BY id", [youth_id])]


def _record(row: dict[str, Any]) -> AgreementRecord:
    agreement = Agreement(
        made_on=date.fromisoformat(row["made_on"]),
        text=row["text"],
        owner=row["owner"],
        status=row["status"],
        id=row["id"],
        due=date.fromisoformat(row["due"]) if row["due"] else None,
    )
    return AgreementRecord(
        agreement,
        row["youth_id"],
        row["owner_network_id"],
        row["contact_id"],
        date.fromisoformat(row["closed_on"]) if row["closed_on"] else None,
    )


def edit_agreement(
    db: Database,
    agreement_id: int,
    *,
    text: str = _UNSET,
    owner: str = _UNSET,
    owner_network_id: int | None = _UNSET,
    due: date | None = _UNSET,
) -> AgreementRecord:
    """Change an afspraak's text, owner or due date (only what is given); the earlier text is kept as a revision."""
    with db.atomic():
        record = get_agreement(db, agreement_id)
        if record is None:
            raise AgreementEditError({"agreement": "Deze afspraak staat niet (meer) in de database."})
        new_text = record.agreement.text if text is _UNSET else text
        new_owner = record.agreement.owner if owner is _UNSET else owner
        new_network = record.owner_network_id if owner_network_id is _UNSET else owner_network_id
        if owner is not _UNSET and owner != "netwerk" and owner_network_id is _UNSET:
            new_network = None  # someone else does it now
        new_due = record.agreement.due if due is _UNSET else due
        errors = _check(db, record.youth_id, new_text, new_owner, new_network)
        if new_due is not None and new_due < record.agreement.made_on:
            errors["due"] = "Wanneer klaar: ligt vóór de dag van de afspraak; kies een latere dag."
        if errors:
            raise AgreementEditError(errors)
        db.execute(
            "UPDATE agreements SET text = ?, owner = ?, owner_network_id = ?, due = ? WHERE id = ?",
            [new_text.strip(), new_owner, new_network, new_due.isoformat() if new_due else None, agreement_id],
        )
    result = get_agreement(db, agreement_id)
    assert result is not None
    return result


def mark_agreement(db: Database, agreement_id: int, status: str, *, on: date) -> AgreementRecord:
    """Mark an afspraak gedaan or vervallen on `on`, or 'open' again."""
    if status not in AGREEMENT_STATUSES:
        raise AgreementEditError({"status": "Status: kies open, gedaan of vervallen."})
    with db.atomic():
        closed = None if status == "open" else on.isoformat()
        if (
            db.execute(
                "UPDATE agreements SET status = ?, closed_on = ? WHERE id = ?", [status, closed, agreement_id]
            ).rowcount
            == 0
        ):
            raise AgreementEditError({"agreement": "Deze afspraak staat niet (meer) in de database."})
    result = get_agreement(db, agreement_id)
    assert result is not None
    return result
