"""The warm handover in the database: "wat werkt", the handovers made and received, and a case sent or received whole.

Sending a case is one transaction: the handover is recorded, the case file
is exported and handed to the caller's `deliver` (which encrypts and writes
it), then the trajectory is closed ("overgedragen aan …") and the receiver
becomes the vaste coach (a coach change). When delivering fails, nothing of
it is kept. Receiving validates the file like `coach import` and records
where the case came from.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from coach.domain.handover import (
    CoachCard,
    HandoverData,
    HandoverRecord,
    check_what_works,
    sender_note,
)
from coach.domain.model import PhaseEntry
from coach.domain.phases import current_phase
from coach.domain.registration import Consent
from coach.domain.vocabulary import HandoverKind, Phase
from coach.store.errors import StoreError
from coach.store.rows import new_id

if TYPE_CHECKING:
    from sqlite_utils import Database

_GONE = "Deze jongere staat niet (meer) in de database; {what} is niet bewaard."


def what_works(db: Database, youth_id: int) -> str:
    """The coach's "wat werkt" for this young person ('' when not written yet)."""
    row = db.execute("SELECT what_works FROM handover_notes WHERE youth_id = ?", [youth_id]).fetchone()
    return row[0] if row else ""


def save_what_works(db: Database, youth_id: int, text: str) -> None:
    """Keep the coach's "wat werkt" (earlier versions stay in the history); StoreError when it cannot be."""
    text = text.strip()
    problem = check_what_works(text)
    if problem:
        raise StoreError(problem)
    with db.atomic():
        if not db.execute("SELECT 1 FROM youths WHERE id = ?", [youth_id]).fetchone():
            raise StoreError(_GONE.format(what="wat werkt"))
        db.execute(
            "INSERT INTO handover_notes (youth_id, what_works) VALUES (?, ?) "
            "ON CONFLICT (youth_id) DO UPDATE SET what_works = excluded.what_works "
            "WHERE what_works IS NOT excluded.what_works",
            [youth_id, text],
        )


def record_handover(db: Database, youth_id: int, record: HandoverRecord) -> int:
    """Write one handover (made, sent or received); returns its id. The audit trail gets it by trigger."""
    return new_id(
        db.execute(
            "INSERT INTO handovers (youth_id, kind, made_on, counterpart, organisation, consent_id, parts, coach, note) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                youth_id,
                HandoverKind(record.kind),
                record.made_on.isoformat(),
                record.counterpart,
                record.organisation,
                record.consent_id,
                ",".join(record.parts),
                record.coach,
                record.note,
            ],
        )
    )


def handovers_of(db: Database, youth_id: int) -> list[HandoverRecord]:
    """Every handover of this young person, oldest first."""
    return [
        HandoverRecord(
            r["kind"],
            date.fromisoformat(r["made_on"]),
            r["counterpart"],
            r["organisation"],
            r["consent_id"],
            tuple(p for p in r["parts"].split(",") if p),
            r["coach"],
            r["note"],
            r["id"],
        )
        for r in db.query("SELECT * FROM handovers WHERE youth_id = ? ORDER BY made_on, id", [youth_id])
    ]


def load_handover_data(db: Database, youth_id: int, coach: CoachCard) -> HandoverData | None:
    """Everything the overdrachtsdossier may draw on; None when the young person is not (or no longer) there."""
    from coach.store.cases import load_case
    from coach.store.network import network_of
    from coach.store.safety import concerns_of
    from coach.store.trajectory import load_trajectory

    case = load_case(db, youth_id)
    if case is None:
        return None
    return HandoverData(
        case,
        network=tuple(network_of(db, youth_id)),
        open_concerns=tuple(concerns_of(db, youth_id, open_only=True)),
        trajectory=load_trajectory(db, youth_id),
        what_works=what_works(db, youth_id),
        coach=coach,
    )


def record_dossier(db: Database, youth_id: int, consent: Consent, *, today: date, coach: CoachCard) -> int:
    """Record that an overdrachtsdossier was written under this consent (and that the case was read for it)."""
    from coach.store.audit import record_access

    with db.atomic():
        record_access(db, "handover", youth_id)
        return record_handover(
            db,
            youth_id,
            HandoverRecord(
                HandoverKind.DOSSIER,
                today,
                consent.given_to,
                consent.organisation,
                consent.id,
                consent.parts,
                coach.name,
            ),
        )


def send_case(
    db: Database,
    youth_id: int,
    consent: Consent,
    *,
    today: date,
    coach: CoachCard,
    deliver: Callable[[dict[str, Any]], None],
) -> None:
    """Hand the whole case over to a colleague, all or nothing.

    In one transaction: the handover is recorded (so the receiver reads where
    it came from), the case file is exported as it is (open, with its own
    coach), the trajectory is closed with "overgedragen aan …", the receiver
    becomes the vaste coach, and last the file is passed to `deliver`. An
    exception from `deliver` undoes all of it.
    """
    from coach.store.audit import record_access
    from coach.store.casefile_v2 import export_case_v2
    from coach.store.registration import update_details
    from coach.store.trajectory import change_phase

    to = f"{consent.given_to} ({consent.organisation})" if consent.organisation else consent.given_to
    with db.atomic():
        record_handover(
            db,
            youth_id,
            HandoverRecord(
                HandoverKind.OVERGEDRAGEN,
                today,
                consent.given_to,
                consent.organisation,
                consent.id,
                consent.parts,
                coach.name,
                sender_note(coach),
            ),
        )
        data = export_case_v2(db, youth_id)
        if data is None:
            raise StoreError(_GONE.format(what="de overdracht"))
        record_access(db, "transfer", youth_id)
        if _current_phase(db, youth_id) != Phase.AFGESLOTEN:
            change_phase(db, youth_id, Phase.AFGESLOTEN, today, today, f"Overgedragen aan {to}.")
        update_details(db, youth_id, {"coach": consent.given_to}, today=today, note=f"Overgedragen aan {to}.")
        # Last: a file is only written when everything else holds (and undone with it when writing fails).
        deliver(data)


def _current_phase(db: Database, youth_id: int) -> str:
    rows = db.execute("SELECT phase, since, id FROM phases WHERE youth_id = ? ORDER BY id", [youth_id]).fetchall()
    return current_phase([PhaseEntry(phase, date.fromisoformat(since), row_id) for phase, since, row_id in rows])


def receive_cases(db: Database, items: list[tuple[Any, Path, bool]], *, today: date) -> list[int]:
    """Import parsed case files, each (data, path, received); returns the new ids, all or nothing.

    Validated like `coach import` (CaseFileError lists every problem and
    nothing is written). A case `received` from a colleague (a transfer
    file) also gets a handover record saying whom it came from: the sender
    the file names, else its vaste coach.
    """
    from coach.store.casefile import CaseFileError, CaseFileProblem, case_from_dict, validate
    from coach.store.casefile_v2 import insert_case_v2, is_v2, validate_v2
    from coach.store.cases import insert_cases

    problems: list[CaseFileProblem] = []
    refs: set[str] = set()
    for data, source, _received in items:
        found = validate_v2(data, str(source)) if is_v2(data) else validate(data, str(source))
        problems += found
        ref = None if found else data["youth"].get("ref")
        if ref is not None and (ref in refs or db.execute("SELECT 1 FROM youths WHERE ref = ?", [ref]).fetchone()):
            problems.append(
                CaseFileProblem(
                    str(source), "$.youth.ref", f"ref {ref!r} is al in gebruik; dit dossier staat er al in."
                )
            )
        if ref is not None:
            refs.add(ref)
    if problems:
        raise CaseFileError(problems)
    ids: list[int] = []
    with db.atomic():
        for data, _source, received in items:
            youth_id = insert_case_v2(db, data) if is_v2(data) else insert_cases(db, [case_from_dict(data)])[0]
            if received:
                record = _received_from(data, today)
                record_handover(db, youth_id, record)
                _receiver_is_the_coach(db, youth_id, data, record, today)
            ids.append(youth_id)
    return ids


def _receiver_is_the_coach(
    db: Database, youth_id: int, data: dict[str, Any], record: HandoverRecord, today: date
) -> None:
    # The colleague the case was sent to is its vaste coach from now on: a continuity event, as in the app.
    sent = [item for item in data.get("handovers", []) if item.get("kind") == HandoverKind.OVERGEDRAGEN]
    receiver = sent[-1].get("counterpart") if sent else None
    before = data["youth"].get("coach")
    if not receiver or receiver == before:
        return
    db.execute("UPDATE youths SET coach = ? WHERE id = ?", [receiver, youth_id])
    db.execute(
        "INSERT INTO coach_changes (youth_id, changed_on, from_coach, to_coach, note) VALUES (?, ?, ?, ?, ?)",
        [youth_id, today.isoformat(), before, receiver, f"Ontvangen van {record.counterpart}."],
    )


def _received_from(data: dict[str, Any], today: date) -> HandoverRecord:
    sent = [item for item in data.get("handovers", []) if item.get("kind") == HandoverKind.OVERGEDRAGEN]
    last = sent[-1] if sent else {}
    sender = last.get("coach") or data["youth"].get("coach") or "een collega"
    return HandoverRecord(HandoverKind.ONTVANGEN, today, sender, None, None, (), sender, last.get("note"))
