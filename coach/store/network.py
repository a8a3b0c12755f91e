"""The network in the database: add, change and remove people around a young person.

Each change is one transaction; changed texts keep their earlier value in
`revisions` (triggers from m001 and m009). Removing someone keeps the reason
in `removals` beside the audit trail's record of the delete.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import fields, replace
from datetime import datetime
from typing import TYPE_CHECKING, Any

from coach.domain.network import NetworkMember, check_member
from coach.domain.registration import clean_text
from coach.store._rows import new_id

if TYPE_CHECKING:
    from sqlite_utils import Database

_COLUMNS = ("name", "relation", "kind", "organisation", "role", "phone", "email", "seen_as", "may_contact", "note")
EDITABLE: tuple[str, ...] = _COLUMNS


class NetworkError(ValueError):
    """A network change that cannot be made; `errors` maps each field to its Dutch message."""

    def __init__(self, errors: Mapping[str, str]):
        self.errors = dict(errors)
        super().__init__(" ".join(self.errors.values()))


def _cleaned(member: NetworkMember) -> NetworkMember:
    texts: dict[str, Any] = {
        f.name: clean_text(getattr(member, f.name)) for f in fields(member) if isinstance(getattr(member, f.name), str)
    }
    texts["name"] = texts.get("name") or ""
    texts["relation"] = texts.get("relation") or ""
    texts["kind"] = member.kind
    return replace(member, **texts)


def _values(member: NetworkMember) -> list[Any]:
    return [
        int(member.may_contact) if name == "may_contact" and member.may_contact is not None else getattr(member, name)
        for name in _COLUMNS
    ]


def _check(member: NetworkMember) -> NetworkMember:
    member = _cleaned(member)
    errors = check_member(member)
    if errors:
        raise NetworkError(errors)
    return member


def add_person(db: Database, youth_id: int, member: NetworkMember) -> int:
    """Add someone to the young person's network; returns their id. Raises NetworkError, writing nothing."""
    member = _check(member)
    with db.atomic():
        if not db.execute("SELECT 1 FROM youths WHERE id = ?", [youth_id]).fetchone():
            raise NetworkError({"youth": "Deze jongere staat niet (meer) in de database."})
        return new_id(
            db.execute(
                f"INSERT INTO network (youth_id, {', '.join(_COLUMNS)}) VALUES (?, {', '.join('?' * len(_COLUMNS))})",
                [youth_id, *_values(member)],
            )
        )


def _from_row(row: Mapping[str, Any], staying: bool = False) -> NetworkMember:
    return NetworkMember(
        name=row["name"],
        relation=row["relation"],
        kind=row["kind"],
        id=row["id"],
        organisation=row["organisation"],
        role=row["role"],
        phone=row["phone"],
        email=row["email"],
        seen_as=row["seen_as"],
        may_contact=None if row["may_contact"] is None else bool(row["may_contact"]),
        note=row["note"],
        staying=staying,
    )


def get_person(db: Database, person_id: int) -> NetworkMember | None:
    """One person of a network, or None."""
    row = next(iter(db.query("SELECT * FROM network WHERE id = ?", [person_id])), None)
    if row is None:
        return None
    staying = db.execute("SELECT 1 FROM staying_network WHERE network_id = ?", [person_id]).fetchone() is not None
    return _from_row(row, staying)


def network_of(db: Database, youth_id: int) -> list[NetworkMember]:
    """Everyone in the young person's network, in the order they were added."""
    staying = {r[0] for r in db.execute("SELECT network_id FROM staying_network WHERE youth_id = ?", [youth_id])}
    return [
        _from_row(row, row["id"] in staying)
        for row in db.query("SELECT * FROM network WHERE youth_id = ? ORDER BY id", [youth_id])
    ]


def update_person(db: Database, person_id: int, changes: Mapping[str, Any]) -> tuple[str, ...]:
    """Change some fields of one person; returns the fields that really changed (earlier texts kept)."""
    unknown = [name for name in changes if name not in EDITABLE]
    if unknown:
        raise NetworkError({name: f"{name}: dit gegeven bestaat niet." for name in unknown})
    with db.atomic():
        current = get_person(db, person_id)
        if current is None:
            raise NetworkError({"person": "Deze persoon staat niet (meer) in het netwerk."})
        updated = _check(replace(current, **dict(changes)))
        before, after = (
            dict(zip(_COLUMNS, _values(current), strict=True)),
            dict(zip(_COLUMNS, _values(updated), strict=True)),
        )
        changed = tuple(name for name in _COLUMNS if before[name] != after[name])
        if changed:
            db.execute(
                f"UPDATE network SET {', '.join(f'{c} = ?' for c in changed)} WHERE id = ?",
                [after[c] for c in changed] + [person_id],
            )
    return changed


def remove_person(db: Database, person_id: int, reason: str, *, now: datetime) -> None:
    """Remove someone from the network, keeping why in `removals` (the audit trail records the delete).

    Agreements they owned keep their text; their owner link is cleared.
    """
    reason = (reason or "").strip()
    if not reason:
        raise NetworkError({"reason": "Reden: schrijf kort op waarom deze persoon eruit gaat."})
    if len(reason) > 2000:
        raise NetworkError({"reason": "Reden: te lang; houd het onder de 2000 tekens."})
    with db.atomic():
        row = db.execute("SELECT youth_id FROM network WHERE id = ?", [person_id]).fetchone()
        if row is None:
            raise NetworkError({"person": "Deze persoon staat niet (meer) in het netwerk."})
        db.execute(
            "INSERT INTO removals (youth_id, table_name, row_id, removed_at, reason) VALUES (?, 'network', ?, ?, ?)",
            [row[0], person_id, now.strftime("%Y-%m-%dT%H:%M:%S"), reason],
        )
        db.execute("DELETE FROM network WHERE id = ?", [person_id])
