"""Aanmelding in the database: register a young person in one transaction, change details later, coach changes.

Every changed detail keeps its earlier value in `revisions` (triggers from
migration m009); a change of vaste coach is also written to `coach_changes`,
a continuity event readable per young person.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from datetime import date
from typing import TYPE_CHECKING, Any

from coach.domain.registration import (
    DETAIL_FIELDS,
    CoachChange,
    Consent,
    ConsentInput,
    DetailRevision,
    Registration,
    RegistrationError,
    check_consent,
    check_registration,
    cleaned,
    merged,
)
from coach.store._rows import new_id

if TYPE_CHECKING:
    from sqlite_utils import Database

_DATE_FIELDS = ("birth_date", "registered_on")


def _row(registration: Registration) -> dict[str, Any]:
    row: dict[str, Any] = {}
    for name in DETAIL_FIELDS:
        value = getattr(registration, name)
        row[name] = value.isoformat() if isinstance(value, date) else value
    row["has_address"] = int(registration.has_address)
    return row


def _youth_exists(db: Database, youth_id: int) -> None:
    if not db.execute("SELECT 1 FROM youths WHERE id = ?", [youth_id]).fetchone():
        raise RegistrationError({"youth": "Deze jongere staat niet (meer) in de database."})


def _insert_consent(db: Database, youth_id: int, consent: ConsentInput) -> int:
    return new_id(
        db.execute(
            "INSERT INTO consents (youth_id, given_to, organisation, role, parts, given_on, note) VALUES (?, ?, ?, ?, ?, ?, ?)",
            [
                youth_id,
                consent.given_to.strip(),
                (consent.organisation or "").strip() or None,
                (consent.role or "").strip() or None,
                ",".join(dict.fromkeys(consent.parts)),
                consent.given_on.isoformat(),
                (consent.note or "").strip() or None,
            ],
        )
    )


def register_youth(db: Database, registration: Registration, *, today: date) -> int:
    """Register a young person (aanmelding) with their consent, in phase aanmelding; returns the new id.

    One transaction: the details, the phase entry (since the aanmelddatum) and
    the consent are all saved or none is. Raises RegistrationError (field ->
    Dutch message) and writes nothing when a field is wrong. Questions such as
    an unusual age are the caller's to ask before calling.
    """
    registration = cleaned(registration)
    check = check_registration(registration, today)
    if not check.ok:
        raise RegistrationError(check.errors)
    row = _row(registration)
    with db.atomic():
        youth_id: int = new_id(
            db.execute(
                f"INSERT INTO youths ({', '.join(row)}) VALUES ({', '.join('?' * len(row))})", list(row.values())
            )
        )
        db.execute(
            "INSERT INTO phases (youth_id, phase, since) VALUES (?, 'aanmelding', ?)",
            [youth_id, row["registered_on"]],
        )
        if registration.consent is not None:
            _insert_consent(db, youth_id, registration.consent)
    return youth_id


def _parse(name: str, value: Any) -> Any:
    return date.fromisoformat(value) if name in _DATE_FIELDS and value else value


def load_registration(db: Database, youth_id: int) -> Registration | None:
    """The young person's details as now stored (consent left out: see `consents_of`), or None."""
    row = next(iter(db.query("SELECT * FROM youths WHERE id = ?", [youth_id])), None)
    if row is None:
        return None
    values = {name: _parse(name, row.get(name)) for name in DETAIL_FIELDS}
    if values["registered_on"] is None:
        # A case from before the aanmelding was kept (imported): the first phase entered, else the start.
        first = db.execute("SELECT min(since) FROM phases WHERE youth_id = ?", [youth_id]).fetchone()[0]
        values["registered_on"] = _parse("registered_on", first or row.get("started_on")) or None
    return Registration(**values)


def update_details(
    db: Database, youth_id: int, changes: Mapping[str, Any], *, today: date, note: str | None = None
) -> tuple[str, ...]:
    """Change some details; returns the names of the fields that really changed.

    Every earlier value is kept as a revision. A new vaste coach is also
    recorded as a coach change dated `today` (with `note`, e.g. why). The whole
    result is checked as at the aanmelding; nothing is written on an error.
    """
    with db.atomic():
        current = load_registration(db, youth_id)
        if current is None:
            raise RegistrationError({"youth": "Deze jongere staat niet (meer) in de database."})
        updated = cleaned(merged(current, changes))
        errors = dict(check_registration(updated, today).errors)
        if updated.registered_on is None and current.registered_on is None:
            # A case imported without any date: its other details can still be changed.
            errors.pop("registered_on", None)
        if errors:
            raise RegistrationError(errors)
        before, after = _row(current), _row(updated)
        changed = tuple(name for name in DETAIL_FIELDS if before[name] != after[name])
        if not changed:
            return ()
        columns = list(changed) + ["has_address"]
        db.execute(
            f"UPDATE youths SET {', '.join(f'{c} = ?' for c in columns)} WHERE id = ?",
            [after[c] for c in columns] + [youth_id],
        )
        if "coach" in changed:
            db.execute(
                "INSERT INTO coach_changes (youth_id, changed_on, from_coach, to_coach, note) VALUES (?, ?, ?, ?, ?)",
                [youth_id, today.isoformat(), current.coach, updated.coach, (note or "").strip() or None],
            )
    return changed


def detail_history(db: Database, youth_id: int, field: str | None = None) -> list[DetailRevision]:
    """Earlier values of the young person's details (or of one field), oldest first."""
    sql = "SELECT field, text, replaced_at FROM revisions WHERE table_name = 'youths' AND row_id = ?"
    params: list[Any] = [youth_id]
    if field is not None:
        sql += " AND field = ?"
        params.append(field)
    return [DetailRevision(f, t, at) for f, t, at in db.execute(sql + " ORDER BY id", params).fetchall()]


def coach_changes_of(db: Database, youth_id: int) -> list[CoachChange]:
    """Every change of vaste coach, oldest first."""
    return [
        CoachChange(date.fromisoformat(r["changed_on"]), r["from_coach"], r["to_coach"], r["id"], r["note"])
        for r in db.query("SELECT * FROM coach_changes WHERE youth_id = ? ORDER BY changed_on, id", [youth_id])
    ]


def record_coach_change(
    db: Database, youth_id: int, to_coach: str | None, *, today: date, note: str | None = None
) -> bool:
    """Make `to_coach` the vaste coach from today; False when it already was (nothing written)."""
    return bool(update_details(db, youth_id, {"coach": to_coach}, today=today, note=note))


def add_consent(db: Database, youth_id: int, consent: ConsentInput, *, today: date) -> int:
    """Record a consent to share; returns its id. Raises RegistrationError on a wrong field."""
    consent = replace(consent, given_to=(consent.given_to or "").strip())
    errors = check_consent(consent, today)
    if errors:
        raise RegistrationError(errors)
    with db.atomic():
        _youth_exists(db, youth_id)
        return _insert_consent(db, youth_id, consent)


def withdraw_consent(db: Database, consent_id: int, *, on: date) -> None:
    """The young person withdrew this consent on `on` (the record stays)."""
    with db.atomic():
        if db.execute("UPDATE consents SET withdrawn_on = ? WHERE id = ?", [on.isoformat(), consent_id]).rowcount == 0:
            raise RegistrationError({"consent": "Deze toestemming staat niet (meer) in de database."})


def consents_of(db: Database, youth_id: int) -> list[Consent]:
    """Every consent of a young person, oldest first (withdrawn ones included)."""
    return [
        Consent(
            r["given_to"],
            date.fromisoformat(r["given_on"]),
            tuple(p for p in r["parts"].split(",") if p),
            r["id"],
            r["organisation"],
            r["role"],
            r["note"],
            date.fromisoformat(r["withdrawn_on"]) if r["withdrawn_on"] else None,
        )
        for r in db.query("SELECT * FROM consents WHERE youth_id = ? ORDER BY given_on, id", [youth_id])
    ]
