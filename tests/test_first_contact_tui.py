"""A young person in aanmelding, never seen: the caseload, 'deze week' and their screen speak of the first contact."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest
from helpers import wait_until, youth_in_full
from textual.widgets import Static

from coach.domain.registration import Registration
from coach.store.db import open_db
from coach.store.registration import register_youth
from coach.tui.app import CoachApp, make_app
from coach.tui.widgets.caseload_table import CaseloadTable

SMALL, LARGE = (80, 24), (200, 50)
REGISTERED = date(2026, 3, 14)  # a Saturday; the first contact is due seven days on, za 21 mrt


def register_sam(case_db: Path) -> int:
    db = open_db(case_db)
    youth_id = register_youth(
        db, Registration(first_name="Sam", last_name="Aanmelder", registered_on=REGISTERED), today=REGISTERED
    )
    db.close()
    return youth_id


def row_of(app: CoachApp, youth_id: int) -> tuple[int, list[str]]:
    table = app.screen.query_one(CaseloadTable)
    index = next(i for i, row in enumerate(table.rows) if row.id == youth_id)
    return index, table.row_cells(index)


@pytest.mark.parametrize(
    ("days", "rhythm", "last", "header", "why"),
    [
        (
            0,
            "Op koers",
            "nog geen · t/m 21 mrt",
            "nog geen contact, uiterlijk 21 mrt",
            "eerste contact uiterlijk za 21 mrt",
        ),
        (
            7,
            "Op koers",
            "nog geen · t/m 21 mrt",
            "nog geen contact, uiterlijk vandaag",
            "eerste contact uiterlijk vandaag",
        ),
        (
            8,
            "Let op",
            "nog geen · t/m 21 mrt",
            "eerste contact 1 dag te laat",
            "eerste contact 1 dag te laat (uiterlijk za 21 mrt)",
        ),
    ],
)
async def test_the_first_contact_on_day_one_the_deadline_and_the_day_after(
    case_db: Path, days: int, rhythm: str, last: str, header: str, why: str
) -> None:
    youth_id = register_sam(case_db)
    app = make_app(case_db, today=REGISTERED + timedelta(days=days))
    async with app.run_test(size=LARGE) as pilot:
        await wait_until(pilot, lambda: any(row.id == youth_id for row in app.screen.query_one(CaseloadTable).rows))
        _, cells = row_of(app, youth_id)
        assert last in cells and f"● {rhythm}" in cells
        assert not any("Te lang" in cell for cell in cells)

        await pilot.press("w")  # deze week
        await wait_until(pilot, lambda: app.screen.week_view)
        _, cells = row_of(app, youth_id)
        assert cells[-1] == why

        app.open_youth(youth_id)
        await wait_until(pilot, lambda: youth_in_full(app))
        text = str(app.screen.query_one("#youth-header", Static).render())
        assert f"● {rhythm}" in text and header in text
        assert "Te lang" not in text and "sinds laatste contact" not in text


async def test_at_80_columns_the_row_says_nog_geen_and_op_koers(case_db: Path) -> None:
    youth_id = register_sam(case_db)
    app = make_app(case_db, today=REGISTERED)
    async with app.run_test(size=SMALL) as pilot:
        await wait_until(pilot, lambda: any(row.id == youth_id for row in app.screen.query_one(CaseloadTable).rows))
        _, cells = row_of(app, youth_id)
        assert "nog geen" in cells and "● Op koers" in cells
