"""'Nog afronden' in deze week: planned contacts from before today that never got an outcome."""

from __future__ import annotations

import json
from datetime import date, datetime

from helpers import make_case

from coach.cli import run
from coach.domain.caseload import make_entry
from coach.domain.model import Contact
from coach.domain.this_week import ReasonKind, reasons_for, this_week
from coach.store import open_db
from coach.store.caseload import caseload, caseload_entry
from coach.store.cases import insert_cases

MONDAY = date(2026, 3, 9)


def entry(to_complete: int = 0, first: datetime | None = None, **kw):
    facts = {
        "id": 1,
        "name": "Sanne",
        "phase": "begeleiding",
        "last_held": datetime(2026, 3, 6, 10),
        "started_on": date(2026, 1, 1),
        "next_planned": None,
        "open_agreements": 0,
        "overdue_agreements": 0,
        "today": MONDAY,
    }
    return make_entry(**{**facts, **kw}, to_complete=to_complete, first_to_complete=first)


def test_one_planned_contact_without_outcome_is_a_reason() -> None:
    reasons = reasons_for(entry(1, datetime(2026, 3, 5, 14)), MONDAY)
    assert [(r.kind, r.text) for r in reasons] == [
        (ReasonKind.NOG_AFRONDEN, "gepland contact van do 5 mrt nog afronden")
    ]


def test_several_name_the_count_and_the_oldest() -> None:
    [reason] = reasons_for(entry(3, datetime(2026, 2, 24, 9)), MONDAY)
    assert reason.text == "3 geplande contacten nog afronden (oudste di 24 feb)"


def test_nothing_to_complete_is_no_reason() -> None:
    assert reasons_for(entry(), MONDAY) == ()
    assert this_week([entry()], MONDAY) == []


def test_it_ranks_after_late_agreements_and_before_a_plain_planned_contact() -> None:
    busy = entry(1, datetime(2026, 3, 5, 14), overdue_agreements=1, next_planned=datetime(2026, 3, 11, 10))
    assert [r.kind for r in reasons_for(busy, MONDAY)] == [
        ReasonKind.AFSPRAAK_TE_LAAT,
        ReasonKind.NOG_AFRONDEN,
        ReasonKind.GEPLAND,
    ]


def _db(tmp_path):
    db = open_db(tmp_path / "coach.db")
    insert_cases(
        db,
        [
            make_case(
                "Sanne",
                started_on=date(2026, 1, 5),
                contacts=[
                    Contact(datetime(2026, 3, 6, 10), "huisbezoek", "plaatsgevonden"),
                    Contact(datetime(2026, 3, 2, 10), "telefoon", "gepland"),  # never completed
                    Contact(datetime(2026, 3, 4, 10), "telefoon", "gepland"),  # never completed
                    Contact(datetime(2026, 3, 9, 8, 0), "telefoon", "gepland"),  # today: not yet
                    Contact(datetime(2026, 3, 3, 10), "kantoor", "vervallen"),
                    Contact(datetime(2026, 3, 3, 11), "kantoor", "verzet"),
                ],
            ),
            make_case(
                "Bas",
                started_on=date(2026, 1, 5),
                contacts=[Contact(datetime(2026, 3, 6, 10), "huisbezoek", "plaatsgevonden")],
            ),
        ],
    )
    return db


def test_the_caseload_counts_them_from_the_store(tmp_path) -> None:
    db = _db(tmp_path)
    sanne = caseload_entry(db, 1, MONDAY)
    bas = caseload_entry(db, 2, MONDAY)
    assert sanne is not None and bas is not None
    assert (sanne.to_complete, sanne.first_to_complete) == (2, datetime(2026, 3, 2, 10))
    assert (bas.to_complete, bas.first_to_complete) == (0, None)
    assert [e.to_complete for e in caseload(db, MONDAY)] == [0, 2]  # Bas, Sanne
    db.close()


def test_coach_caseload_deze_week_shows_the_reason(tmp_path, monkeypatch, capsys) -> None:
    _db(tmp_path).close()
    monkeypatch.setenv("COACH_DB", str(tmp_path / "coach.db"))
    monkeypatch.setenv("COACH_TODAY", MONDAY.isoformat())
    monkeypatch.delenv("COACH_PROMPTS", raising=False)
    assert run(["caseload", "--deze-week", "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    [sanne] = [row for row in rows if row["name"] == "Sanne"]
    assert {"kind": "nog_afronden", "text": "2 geplande contacten nog afronden (oudste ma 2 mrt)"} in sanne["deze_week"]
    assert run(["caseload", "--deze-week"]) == 0
    assert "nog afronden" in capsys.readouterr().out
