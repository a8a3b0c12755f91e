"""'Toe aan afbouw?': the handbook's promise that the caseload shows who may be ready for afbouw."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from helpers import wait_until
from screen_scan import screen_lines

from coach.content.prompts import load_content
from coach.domain.caseload import make_entry
from coach.domain.release import Criterion, may_taper
from coach.domain.this_week import TAPER_TEXT, ReasonKind, reasons_for
from coach.store.db import open_db
from coach.tui.app import make_app
from coach.tui.desk import ready_to_taper
from coach.tui.screens.caseload import CaseloadScreen
from coach.tui.widgets.caseload_columns import TAPER_MARK, TAPER_MARK_COMPACT
from coach.tui.widgets.caseload_table import CaseloadTable


def criteria(*met: bool | None) -> list[Criterion]:
    return [Criterion(f"c{i}", value, "") for i, value in enumerate(met)]


def test_may_taper_when_nothing_speaks_against_it_and_most_is_met() -> None:
    assert may_taper(criteria(True, True, True, True, None, None, None))
    assert not may_taper(criteria(True, True, True, True, True, True, False))  # one ✗ is enough to wait
    assert not may_taper(criteria(True, True, True, None, None, None, None))  # too little known


def entry(phase: str) -> object:
    return make_entry(
        id=7,
        name="Bo",
        phase=phase,
        last_held=None,
        started_on=date(2026, 1, 1),
        next_planned=None,
        open_agreements=0,
        overdue_agreements=0,
        today=date(2026, 3, 14),
    )


def test_deze_week_gets_a_quiet_afbouw_line_only_in_begeleiding() -> None:
    today = date(2026, 3, 14)
    begeleiding = reasons_for(entry("begeleiding"), today, may_taper=True)
    assert begeleiding[-1].kind == ReasonKind.AFBOUW and begeleiding[-1].text == TAPER_TEXT
    assert ReasonKind.AFBOUW not in {r.kind for r in reasons_for(entry("afbouw"), today, may_taper=True)}
    assert ReasonKind.AFBOUW not in {r.kind for r in reasons_for(entry("begeleiding"), today)}


def test_ready_to_taper_reads_the_file_and_says_no_for_an_acute_domain(case_db: Path) -> None:
    db = open_db(case_db)
    # Noor Bakker (1) scored 1 on Financiën in January: not ready.
    assert ready_to_taper(db, 1, load_content(), date(2026, 3, 14)) is False
    assert ready_to_taper(db, 999, load_content(), date(2026, 3, 14)) is False
    db.close()


@pytest.mark.parametrize(("size", "mark"), [((80, 24), TAPER_MARK_COMPACT), ((160, 40), TAPER_MARK)])
async def test_the_caseload_marks_who_may_be_ready_in_words(
    case_db: Path, today: date, monkeypatch: pytest.MonkeyPatch, size, mark
) -> None:
    asked: list[int] = []

    def ready(db, youth_id, content, day):
        asked.append(youth_id)
        return youth_id == 1

    monkeypatch.setattr("coach.tui.screens.caseload.ready_to_taper", ready)
    app = make_app(case_db, today=today)
    async with app.run_test(size=size) as pilot:
        await wait_until(pilot, lambda: isinstance(app.screen, CaseloadScreen) and app.screen.desk.may_taper)
        await pilot.pause()
        screen = app.screen
        phases = {e.id: e.phase for e in screen.entries}
        assert asked and all(phases[youth_id] == "begeleiding" for youth_id in asked)
        table = screen.query_one(CaseloadTable)
        lines = [table.render_line(y).text for y in range(table.scrollable_content_region.height)]
        marked = [line for line in lines if mark in line]
        # The mark stays in sight even where a narrow column cuts the name.
        assert len(marked) == 1 and "Noor B" in marked[0]
        await pilot.press("w")
        await pilot.pause()
        reasons = screen.desk.week_items()[1].reasons
        assert reasons[-1].kind == ReasonKind.AFBOUW  # last: a question to raise, never the most urgent
        assert "afbouw?" in "\n".join(screen_lines(app.export_screenshot()))
