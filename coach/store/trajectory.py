"""The trajectory in the database: phase changes, the afbouw plan, letting go, nazorg, reopening.

Each change that writes more than one row runs in one transaction, so a plan
is either accepted with all its planned contacts or not at all.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING

from coach.domain.model import PhaseEntry
from coach.domain.phases import current_phase
from coach.domain.taper import DEFAULT_TOLERANCE_DAYS, check_intervals, format_intervals
from coach.domain.trajectory import (
    CANCELLED_NOTE,
    NAZORG_CHECK_NOTE,
    NEW_TAPER_PLAN,
    NOT_YET,
    RELEASE,
    TAPER_STEP_NOTE,
    UNRECORDED_REASON,
    PlannedStep,
    ReleaseDecision,
    TaperPlan,
    TrajectoryRecord,
    cancel_reason,
    check_checkins,
    check_decision_day,
    check_phase_change,
    check_reopen,
    check_taper_moments,
    clean_note,
    clean_reason,
    clean_way_back,
    drop_reason,
    latest_release_entry,
    unknown_youth,
)
from coach.domain.vocabulary import ContactMode, ContactStatus, Initiator, Phase
from coach.store.rows import new_id

if TYPE_CHECKING:
    from sqlite_utils import Database


def _moment(value: datetime) -> str:
    return value.strftime("%Y-%m-%dT%H:%M")


def _phases(db: Database, youth_id: int) -> list[PhaseEntry]:
    rows = db.execute("SELECT phase, since, id, note FROM phases WHERE youth_id = ? ORDER BY id", [youth_id]).fetchall()
    if not rows and not db.execute("SELECT 1 FROM youths WHERE id = ?", [youth_id]).fetchone():
        raise unknown_youth(youth_id)
    return [PhaseEntry(phase, date.fromisoformat(since), id, note) for phase, since, id, note in rows]


# --- phase changes ------------------------------------------------------------------


def change_phase(db: Database, youth_id: int, phase: str, on: date, today: date, note: str | None = None) -> None:
    """Move the trajectory to `phase` on `on`, with a note; plans of the phase left end there.

    Leaving afbouw ends the afbouw plan; leaving nazorg (closing or reopening)
    ends the nazorg checks; letting go or closing drops every contact still
    planned. Those planned contacts from `on` are marked vervallen (never
    deleted, never counted as a cancellation), so the history stays whole.
    """
    with db.atomic():
        _change_phase(db, youth_id, phase, on, today, note)


def _change_phase(db: Database, youth_id: int, phase: str, on: date, today: date, note: str | None) -> None:
    phases = _phases(db, youth_id)
    note = clean_note(note)
    check_phase_change(phases, phase, on, today, note)
    current = current_phase(phases)
    why = cancel_reason(current, phase)
    if why is not None and current == Phase.AFBOUW:
        _end_taper_plans(db, youth_id, on, why)
    elif why is not None and current == Phase.NAZORG:
        _cancel_nazorg(db, youth_id, on, why)
    dropped = drop_reason(phase)
    if dropped is not None:
        _drop_planned(db, youth_id, on, dropped)
    db.execute(
        "INSERT INTO phases (youth_id, phase, since, note) VALUES (?, ?, ?, ?)", [youth_id, phase, on.isoformat(), note]
    )


def _cancel(db: Database, contact_ids: list[int], on: date, why: str) -> None:
    # Only contacts still planned after the change: what already happened stays as it was.
    text = CANCELLED_NOTE.format(why=why)
    for contact_id in contact_ids:
        db.execute(
            """UPDATE contacts SET status = ?,
                   note = CASE WHEN note IS NULL OR note = '' THEN ? ELSE note || char(10) || ? END
               WHERE id = ? AND status = ? AND at >= ?""",
            # Vervallen, not a cancellation: the plan changed, nobody said the contact off.
            [ContactStatus.VERVALLEN, text, text, contact_id, ContactStatus.GEPLAND, on.isoformat()],
        )


def _drop_planned(db: Database, youth_id: int, on: date, why: str) -> None:
    ids = [
        row[0]
        for row in db.execute(
            "SELECT id FROM contacts WHERE youth_id = ? AND status = ? AND at >= ?",
            [youth_id, ContactStatus.GEPLAND, on.isoformat()],
        )
    ]
    _cancel(db, ids, on, why)


def _end_taper_plans(db: Database, youth_id: int, on: date, why: str) -> None:
    ids = [
        row[0]
        for row in db.execute(
            """SELECT s.contact_id FROM taper_steps s JOIN taper_plans p ON p.id = s.plan_id
           WHERE p.youth_id = ? AND p.ended_on IS NULL AND s.contact_id IS NOT NULL""",
            [youth_id],
        )
    ]
    _cancel(db, ids, on, why)
    db.execute(
        "UPDATE taper_plans SET ended_on = ? WHERE youth_id = ? AND ended_on IS NULL", [on.isoformat(), youth_id]
    )


def _cancel_nazorg(db: Database, youth_id: int, on: date, why: str) -> None:
    ids = [
        row[0]
        for row in db.execute(
            """SELECT n.contact_id FROM nazorg_checks n JOIN release_decisions r ON r.id = n.release_id
           WHERE r.youth_id = ? AND n.contact_id IS NOT NULL""",
            [youth_id],
        )
    ]
    _cancel(db, ids, on, why)


def reopen(
    db: Database, youth_id: int, on: date, today: date, note: str | None = None, phase: str = Phase.BEGELEIDING
) -> None:
    """Take a let-go or closed trajectory back into coaching; every earlier phase and decision stays."""
    check_reopen(_current(db, youth_id))
    change_phase(db, youth_id, phase, on, today, note)


def _current(db: Database, youth_id: int) -> str:
    return current_phase(_phases(db, youth_id))


# --- afbouw ------------------------------------------------------------------------


def accept_taper_plan(
    db: Database,
    youth_id: int,
    *,
    on: date,
    today: date,
    intervals: tuple[int, ...],
    moments: list[datetime],
    mode: str = ContactMode.HUISBEZOEK,
    tolerance_days: int = DEFAULT_TOLERANCE_DAYS,
    note: str | None = None,
) -> int:
    """Enter afbouw (when not already in it) and plan its contacts, all in one transaction.

    Returns the plan's id. An earlier open plan ends and its remaining contacts are cancelled.
    """
    check_intervals(intervals)
    check_taper_moments(len(intervals), moments, on, tolerance_days)
    ordered = sorted(moments)
    with db.atomic():
        if _current(db, youth_id) != Phase.AFBOUW:
            _change_phase(db, youth_id, Phase.AFBOUW, on, today, note)
        else:
            _end_taper_plans(db, youth_id, on, NEW_TAPER_PLAN)
        plan_id = new_id(
            db.execute(
                "INSERT INTO taper_plans (youth_id, accepted_on, starts_on, intervals, tolerance_days) VALUES (?, ?, ?, ?, ?)",
                [youth_id, today.isoformat(), on.isoformat(), format_intervals(intervals), tolerance_days],
            )
        )
        for step, moment in enumerate(ordered, start=1):
            contact_id = _plan_contact(
                db, youth_id, moment, mode, TAPER_STEP_NOTE.format(step=step, steps=len(ordered))
            )
            db.execute(
                "INSERT INTO taper_steps (plan_id, planned_at, contact_id) VALUES (?, ?, ?)",
                [plan_id, _moment(moment), contact_id],
            )
    return plan_id


def _plan_contact(db: Database, youth_id: int, at: datetime, mode: str, note: str) -> int:
    return new_id(
        db.execute(
            "INSERT INTO contacts (youth_id, at, mode, status, initiated_by, note) VALUES (?, ?, ?, ?, ?, ?)",
            [youth_id, _moment(at), mode, ContactStatus.GEPLAND, Initiator.COACH, note],
        )
    )


# --- loslaten ------------------------------------------------------------------------


def record_release(
    db: Database,
    youth_id: int,
    *,
    on: date,
    today: date,
    reason: str,
    way_back: str | None,
    checkins: list[datetime],
    mode: str = ContactMode.TELEFOON,
    note: str | None = None,
) -> int:
    """Let go: the decision with its reason and the way back, phase nazorg, nazorg checks planned.

    One transaction; returns the decision's id.
    """
    reason = clean_reason(reason)
    way_back = clean_way_back(way_back)
    check_checkins(on, checkins)
    ordered = sorted(checkins)
    with db.atomic():
        _change_phase(db, youth_id, Phase.NAZORG, on, today, note or reason)
        release_id = new_id(
            db.execute(
                "INSERT INTO release_decisions (youth_id, decided_on, decision, reason, way_back) VALUES (?, ?, ?, ?, ?)",
                [youth_id, on.isoformat(), RELEASE, reason, way_back],
            )
        )
        for step, moment in enumerate(ordered, start=1):
            contact_id = _plan_contact(
                db, youth_id, moment, mode, NAZORG_CHECK_NOTE.format(step=step, steps=len(ordered))
            )
            db.execute(
                "INSERT INTO nazorg_checks (release_id, planned_at, contact_id) VALUES (?, ?, ?)",
                [release_id, _moment(moment), contact_id],
            )
    return release_id


def record_not_yet(db: Database, youth_id: int, *, on: date, today: date, reason: str) -> int:
    """The coach looked at letting go and decided not yet; the reason is kept."""
    reason = clean_reason(reason)
    check_decision_day(on, today)
    _phases(db, youth_id)  # the young person must exist
    with db.atomic():
        return new_id(
            db.execute(
                "INSERT INTO release_decisions (youth_id, decided_on, decision, reason) VALUES (?, ?, ?, ?)",
                [youth_id, on.isoformat(), NOT_YET, reason],
            )
        )


def update_way_back(db: Database, youth_id: int, text: str) -> None:
    """Change the way back of the latest letting go (the earlier text is kept as a revision).

    A trajectory that reached nazorg before its decision was recorded here (an
    imported case, say) gets a decision dated the day nazorg began, so its way
    back can still be written down.
    """
    way_back = clean_way_back(text)
    with db.atomic():
        row = db.execute(
            "SELECT id FROM release_decisions WHERE youth_id = ? AND decision = ? ORDER BY decided_on DESC, id DESC LIMIT 1",
            [youth_id, RELEASE],
        ).fetchone()
        if row is not None:
            db.execute("UPDATE release_decisions SET way_back = ? WHERE id = ?", [way_back, row[0]])
            return
        entry = latest_release_entry(_phases(db, youth_id))
        db.execute(
            "INSERT INTO release_decisions (youth_id, decided_on, decision, reason, way_back) VALUES (?, ?, ?, ?, ?)",
            [youth_id, entry.since.isoformat(), RELEASE, (entry.note or "").strip() or UNRECORDED_REASON, way_back],
        )


# --- reading ------------------------------------------------------------------------


def _planned_steps(db: Database, table: str, parent: str, parent_id: int) -> tuple[PlannedStep, ...]:
    """The planned moments (afbouw steps or nazorg checks) under one plan or decision, in time order."""
    rows = db.query(f"SELECT * FROM {table} WHERE {parent} = ? ORDER BY planned_at, id", [parent_id])
    return tuple(PlannedStep(datetime.fromisoformat(r["planned_at"]), r["contact_id"], r["id"]) for r in rows)


def load_trajectory(db: Database, youth_id: int) -> TrajectoryRecord:
    """The afbouw plans and release decisions of one young person, oldest first."""
    plans = []
    for row in db.query("SELECT * FROM taper_plans WHERE youth_id = ? ORDER BY id", [youth_id]):
        steps = _planned_steps(db, "taper_steps", "plan_id", row["id"])
        plans.append(
            TaperPlan(
                accepted_on=date.fromisoformat(row["accepted_on"]),
                starts_on=date.fromisoformat(row["starts_on"]),
                intervals=tuple(int(part) for part in row["intervals"].split(",")),
                steps=steps,
                tolerance_days=row["tolerance_days"],
                ended_on=date.fromisoformat(row["ended_on"]) if row["ended_on"] else None,
                id=row["id"],
            )
        )
    decisions = []
    for row in db.query("SELECT * FROM release_decisions WHERE youth_id = ? ORDER BY decided_on, id", [youth_id]):
        checks = _planned_steps(db, "nazorg_checks", "release_id", row["id"])
        decisions.append(
            ReleaseDecision(
                decided_on=date.fromisoformat(row["decided_on"]),
                decision=row["decision"],
                reason=row["reason"],
                way_back=row["way_back"],
                checks=checks,
                id=row["id"],
            )
        )
    return TrajectoryRecord(taper_plans=plans, decisions=decisions)
