"""A score given in a running intake shows on the young person's screen at once, marked 'voorlopig' until finished."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from helpers import wait_until, youth_in_full
from textual.widgets import Static

from coach.domain.caseload import CaseloadEntry
from coach.store.caseload import caseload_entry
from coach.store.db import open_db
from coach.store.intake import latest_intake
from coach.tui.app import CoachApp, make_app
from coach.tui.dialogs.section_picker import SectionPicker
from coach.tui.screens.intake import IntakeScreen
from coach.tui.widgets.domain_scores import DomainRow, DomainScores
from coach.tui.widgets.score_picker import ScorePicker
from coach.tui.widgets.youth_header import header_content

SAMIRA = 3  # in the fixture database: no intake yet


def row(app: CoachApp, domain: str) -> DomainRow:
    return next(r for r in app.screen.query_one(DomainScores).query(DomainRow) if r.domain == domain)


def level_text(app: CoachApp, domain: str) -> str:
    return row(app, domain).level


def entry_now(app: CoachApp) -> CaseloadEntry:
    entry = caseload_entry(app.db, SAMIRA, app.today, app.rules)
    assert entry is not None
    return entry


async def test_a_running_intake_score_shows_as_voorlopig_until_the_intake_is_finished(
    case_db: Path, today: date
) -> None:
    app = make_app(case_db, today=today)
    async with app.run_test(size=(80, 24)) as pilot:
        app.open_youth(SAMIRA)
        await wait_until(pilot, lambda: youth_in_full(app))
        assert "voorlopig" not in level_text(app, "financien")

        await pilot.press("i")
        await wait_until(pilot, lambda: isinstance(app.screen, IntakeScreen))
        await pilot.press("ctrl+g")
        await wait_until(pilot, lambda: isinstance(app.screen, SectionPicker))
        await pilot.press("1")  # financiën
        await wait_until(pilot, lambda: isinstance(app.screen, IntakeScreen) and app.screen.section == "financien")
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: isinstance(app.focused, ScorePicker))
        await pilot.press("1")  # acute
        await pilot.press("escape")
        await wait_until(pilot, lambda: youth_in_full(app))
        # Shown at once, with the word, not only a colour; the intake is still running.
        await wait_until(pilot, lambda: "voorlopig" in level_text(app, "financien"))
        assert row(app, "financien").score == 1
        assert app.content.level(1).label in level_text(app, "financien")
        assert "voorlopig" not in level_text(app, "werk_opleiding")
        db = open_db(case_db)
        running = latest_intake(db, SAMIRA)
        db.close()
        assert running is not None and not running.completed and running.domains["financien"].score == 1

        await pilot.press("i")
        await wait_until(pilot, lambda: isinstance(app.screen, IntakeScreen))
        await pilot.press("ctrl+r")
        await wait_until(pilot, lambda: app.screen.__class__.__name__ == "CompleteIntakeDialog")
        await pilot.press("enter")
        await wait_until(pilot, lambda: app.screen.__class__.__name__ == "Confirm")
        await pilot.press("n")  # the phase stays as it is
        await wait_until(pilot, lambda: youth_in_full(app))
        # Finished: the score is the baseline now, and the mark is gone.
        await wait_until(pilot, lambda: "voorlopig" not in level_text(app, "financien"))
        assert row(app, "financien").score == 1
        # The header says what the database says now, not what it said before the intake.
        shown = str(app.screen.query_one("#youth-header", Static).render())
        assert shown == str(header_content(app.screen.case, entry_now(app), app.today))
    db = open_db(case_db)
    finished = latest_intake(db, SAMIRA)
    db.close()
    assert finished is not None and finished.completed
