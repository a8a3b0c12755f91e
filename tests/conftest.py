"""Shared fixtures: a small file database with a few fictional young people."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest

from coach.domain.model import (
    Agreement,
    Assessment,
    Case,
    Contact,
    NetworkPerson,
    PhaseEntry,
    WarmStoryItem,
    Youth,
)
from coach.store.cases import insert_cases
from coach.store.db import open_db

# The date the fixture cases are written against (pass it as `today`).
FIXTURE_TODAY = date(2026, 3, 14)


def small_caseload() -> list[Case]:
    """Four fictional cases: on course, too long unseen, needing attention, and one closed."""
    noor = Case(
        youth=Youth("Noor", last_name="Bakker", birth_date=date(2007, 6, 2), coach="Eva", started_on=date(2026, 1, 8)),
        network=[
            NetworkPerson("Riet", "oma", "informeel"),
            NetworkPerson("Karim Aydin", "jobcoach", "professioneel", organisation="Werkplein"),
        ],
        warm_story=[
            WarmStoryItem("trots", "Ik heb mijn zus elke dag naar school gebracht toen mama ziek was.", own_words=True),
            WarmStoryItem("belangrijk", "Haar kat Mo en een eigen kamer.", own_words=False),
            WarmStoryItem("droom", "Ooit een eigen kapsalon.", own_words=True),
        ],
        assessments=[
            Assessment(date(2026, 1, 8), "financien", score=1),
            Assessment(date(2026, 3, 10), "financien", score=2, youth_score=3),
            Assessment(date(2026, 3, 10), "werk_opleiding", score=3),
        ],
        contacts=[
            Contact(datetime(2026, 1, 8, 15, 0), "huisbezoek", "plaatsgevonden", note="Kennismaking aan de keukentafel.\nMoeder was erbij."),
            Contact(datetime(2026, 3, 10, 14, 0), "wandeling", "plaatsgevonden", note="Rondje park, over de stage gepraat."),
            Contact(datetime(2026, 3, 24, 10, 0), "huisbezoek", "gepland"),
        ],
        agreements=[
            Agreement(date(2026, 3, 10), "Stagebrief naar de kapsalon sturen", "jongere", "open", due=date(2026, 3, 20)),
            Agreement(date(2026, 1, 8), "Toeslag uitzoeken", "coach", "gedaan"),
        ],
        phases=[PhaseEntry("intake", date(2026, 1, 8)), PhaseEntry("begeleiding", date(2026, 2, 1))],
    )
    daan = Case(
        youth=Youth("Daniël", nickname="Daan", last_name="de Vries", birth_date=date(2004, 11, 20), coach="Eva",
                    started_on=date(2025, 10, 1)),
        contacts=[Contact(datetime(2026, 1, 20, 11, 0), "telefoon", "plaatsgevonden", note="Kort gebeld.")],
        agreements=[Agreement(date(2026, 1, 20), "Afspraak maken bij de huisarts", "jongere", "open", due=date(2026, 3, 1))],
        phases=[PhaseEntry("begeleiding", date(2025, 10, 15))],
    )
    samira = Case(
        youth=Youth("Samira", last_name="El Amrani", birth_date=date(2008, 2, 29), coach="Eva", started_on=date(2026, 2, 20)),
        contacts=[
            Contact(datetime(2026, 3, 3, 16, 0), "kantoor", "plaatsgevonden"),
            Contact(datetime(2026, 3, 17, 10, 0), "huisbezoek", "gepland"),
        ],
        phases=[PhaseEntry("intake", date(2026, 2, 20))],
    )
    mees = Case(
        youth=Youth("Mees", last_name="Jansen", started_on=date(2024, 5, 1)),
        phases=[PhaseEntry("begeleiding", date(2024, 5, 1)), PhaseEntry("afgesloten", date(2025, 12, 1))],
    )
    return [noor, daan, samira, mees]


@pytest.fixture
def case_db(tmp_path: Path) -> Path:
    """A database file holding `small_caseload()`."""
    path = tmp_path / "coach.db"
    db = open_db(path)
    insert_cases(db, small_caseload())
    db.close()
    return path


@pytest.fixture
def empty_db(tmp_path: Path) -> Path:
    """A database file with the schema and no young people."""
    path = tmp_path / "empty.db"
    open_db(path).close()
    return path


@pytest.fixture
def today() -> date:
    """The date the fixture cases are written against."""
    return FIXTURE_TODAY
