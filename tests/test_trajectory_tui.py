"""The trajectory driven with Pilot: measurement, afbouw plan, letting go, nazorg in the caseload, reopening."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from helpers import Notices, shown_text, wait_until, youth_in_full
from textual.widgets import Button, Input, TextArea

from coach.store.db import open_db
from coach.tui.app import CoachApp, make_app
from coach.tui.dialogs.confirm import Confirm
from coach.tui.dialogs.phase_dialog import PhaseDialog
from coach.tui.dialogs.release_dialog import ReleaseDialog
from coach.tui.dialogs.taper_dialog import TaperDialog
from coach.tui.screens.caseload import CaseloadScreen
from coach.tui.screens.measurement import MeasurementScreen
from coach.tui.screens.release import ReleaseScreen
from coach.tui.screens.youth import YouthScreen
from coach.tui.widgets.basics_checklist import BasicsChecklist
from coach.tui.widgets.caseload_table import CaseloadTable
from coach.tui.widgets.nazorg_panel import NazorgPanel
from coach.tui.widgets.plain_toggles import PlainRadio
from coach.tui.widgets.progress_chart import ProgressChart
from coach.tui.widgets.readiness_list import ReadinessList
from coach.tui.widgets.score_picker import ScorePicker
from coach.tui.widgets.taper_steps import TaperSteps
from coach.tui.widgets.trajectory_timeline import TrajectoryTimeline

SMALL, LARGE = (80, 24), (200, 50)
NOOR, DAAN, SAMIRA = 1, 2, 3  # ids in conftest.small_caseload()


def rows(db_path: Path, sql: str, params=()) -> list[tuple]:
    db = open_db(db_path)
    try:
        return [tuple(row) for row in db.execute(sql, params).fetchall()]
    finally:
        db.close()


async def open_youth(app: CoachApp, pilot, youth_id: int) -> YouthScreen:
    """Open a young person as the command palette does, once the caseload has settled."""
    await wait_until(pilot, lambda: isinstance(app.screen, CaseloadScreen) and app.screen.query(CaseloadTable))
    await pilot.pause()
    app.open_youth(youth_id)
    await wait_until(pilot, lambda: isinstance(app.screen, YouthScreen) and app.screen.query(TrajectoryTimeline))
    return app.screen


def text(widget) -> str:
    return shown_text(widget)


def fully_visible(app: CoachApp, selector: str) -> bool:
    """The widget lies wholly inside the terminal (not cut off by a too-tall dialog)."""
    region = app.screen.query_one(selector).region
    width, height = app.size
    return region.height > 0 and region.y >= 0 and region.bottom <= height and region.right <= width


# --- follow-up measurement ---------------------------------------------------------------


async def test_follow_up_measurement_is_prefilled_and_saved(case_db: Path, today: date) -> None:
    app = make_app(case_db, today=today)
    async with app.run_test(size=SMALL) as pilot:
        youth = await open_youth(app, pilot, NOOR)
        await pilot.press("m")
        await wait_until(pilot, lambda: isinstance(app.screen, MeasurementScreen))
        screen = app.screen
        # Prefilled with the last scores, with the intake's score picker and this domain's anchors.
        assert screen.scores["financien"] == 2 and screen.scores["werk_opleiding"] == 3
        assert screen.scores["justitie"] is None
        picker = screen.query_one("#score-financien", ScorePicker)
        assert picker.score == 2 and "Niet zelfredzaam" in text(screen.query_one("#anchor-financien"))
        await pilot.press("4")
        await pilot.pause()
        assert "4 · Voldoende zelfredzaam" in text(screen.query_one("#anchor-financien"))
        await pilot.press("ctrl+s")  # as in the intake: to the score, which then explains all five
        await pilot.pause()
        assert picker.has_focus and "Acute problematiek" in text(picker)
        await pilot.press("shift+tab", "down", "5")  # back to the list; Werk en opleiding 5
        await pilot.pause()
        assert screen.scores["financien"] == 4 and screen.scores["werk_opleiding"] == 5
        assert "2 → 4" in str(screen.query_one("#measurement-list").get_option("financien").prompt)
        await pilot.press("ctrl+r")
        await wait_until(pilot, lambda: app.screen is youth and youth.query("#progress"))
        stored = rows(
            case_db,
            "SELECT domain, score FROM assessments WHERE youth_id = ? AND date = ? ORDER BY domain",
            [NOOR, today.isoformat()],
        )
        assert stored == [("financien", 4), ("werk_opleiding", 5)]
        # The whole picture now shows Financiën from its first score 1 to 4, going up.
        chart = youth.query_one(ProgressChart)
        change = {c.domain: c for c in chart.changes}["financien"]
        assert (change.baseline, change.now, change.direction) == (1, 4, "up")
        assert "▲ +3" in text(chart)


async def test_leaving_an_unsaved_measurement_asks_and_stores_nothing(case_db: Path, today: date) -> None:
    app = make_app(case_db, today=today)
    async with app.run_test(size=SMALL) as pilot:
        await open_youth(app, pilot, NOOR)
        await pilot.press("m")
        await wait_until(pilot, lambda: isinstance(app.screen, MeasurementScreen))
        await pilot.press("1", "escape")
        await wait_until(pilot, lambda: isinstance(app.screen, Confirm))
        await pilot.press("n")  # stay
        await wait_until(pilot, lambda: isinstance(app.screen, MeasurementScreen))
        await pilot.press("escape")
        await wait_until(pilot, lambda: isinstance(app.screen, Confirm))
        await pilot.press("j")
        await wait_until(pilot, lambda: youth_in_full(app))
    assert rows(
        case_db, "SELECT COUNT(*) FROM assessments WHERE youth_id = ? AND date = ?", [NOOR, today.isoformat()]
    ) == [(0,)]


async def test_a_measurement_without_any_score_is_refused(case_db: Path, today: date, notices: Notices) -> None:
    app = make_app(case_db, today=today)
    async with app.run_test(size=SMALL) as pilot:
        await open_youth(app, pilot, DAAN)  # never scored
        await pilot.press("m")
        await wait_until(pilot, lambda: isinstance(app.screen, MeasurementScreen))
        await pilot.press("ctrl+r")
        await pilot.pause()
        assert isinstance(app.screen, MeasurementScreen)  # still here, with a Dutch message
        assert notices.any_with("nog niets gescoord")
    assert rows(case_db, "SELECT COUNT(*) FROM assessments WHERE youth_id = ?", [DAAN]) == [(0,)]


# --- afbouw ------------------------------------------------------------------------------


async def choose_phase(app: CoachApp, pilot, phase: str, note: str = "") -> None:
    await pilot.press("p")
    await wait_until(pilot, lambda: isinstance(app.screen, PhaseDialog))
    await pilot.click(f"#to-{phase}")
    if note:
        app.screen.query_one("#phase-note", Input).value = note
    await pilot.click("#phase-ok")


@pytest.mark.parametrize("size", [SMALL, LARGE])
async def test_move_to_afbouw_and_accept_the_adjusted_plan(case_db: Path, today: date, size) -> None:
    app = make_app(case_db, today=today)
    async with app.run_test(size=size) as pilot:
        await open_youth(app, pilot, NOOR)
        await choose_phase(app, pilot, "afbouw", "Werkt drie maanden, eigen ritme.")
        await wait_until(pilot, lambda: isinstance(app.screen, TaperDialog))
        dialog = app.screen
        # 14 mrt 2026 is a Saturday: the default 1, 2, 3, 4 weeks land on Mondays.
        assert "ma 23 mrt 10:00" in text(dialog.query_one("#taper-schedule"))
        assert fully_visible(app, "#taper-ok")
        dialog.query_one("#taper-weeks", Input).value = "2, 4"
        await pilot.pause()
        schedule = text(dialog.query_one("#taper-schedule"))
        assert "ma 30 mrt 10:00" in schedule and "ma 27 apr 10:00" in schedule and "23 mrt" not in schedule
        await pilot.click("#taper-ok")
        await wait_until(pilot, lambda: isinstance(app.screen, YouthScreen) and app.screen.query(TaperSteps))
        steps = text(app.screen.query_one(TaperSteps))
        assert "2, 4 weken" in steps and "ma 30 mrt 10:00" in steps
        assert "Afbouw" in text(app.screen.query_one(TrajectoryTimeline))
    assert rows(
        case_db, "SELECT phase, since, note FROM phases WHERE youth_id = ? ORDER BY id DESC LIMIT 1", [NOOR]
    ) == [("afbouw", "2026-03-14", "Werkt drie maanden, eigen ritme.")]
    assert rows(case_db, "SELECT intervals FROM taper_plans WHERE youth_id = ?", [NOOR]) == [("2, 4",)]
    assert rows(
        case_db, "SELECT at, status FROM contacts WHERE youth_id = ? AND note LIKE 'Afbouw:%' ORDER BY at", [NOOR]
    ) == [("2026-03-30T10:00", "gepland"), ("2026-04-27T10:00", "gepland")]


async def test_wrong_intervals_keep_the_dialog_open_and_write_nothing(case_db: Path, today: date) -> None:
    app = make_app(case_db, today=today)
    async with app.run_test(size=SMALL) as pilot:
        await open_youth(app, pilot, NOOR)
        await choose_phase(app, pilot, "afbouw")
        await wait_until(pilot, lambda: isinstance(app.screen, TaperDialog))
        app.screen.query_one("#taper-weeks", Input).value = "1, nul"
        await pilot.pause()
        assert "'nul' is geen heel getal" in text(app.screen.query_one("#taper-error"))
        await pilot.click("#taper-ok")
        await pilot.pause()
        assert isinstance(app.screen, TaperDialog)
        await pilot.press("escape")
        await wait_until(pilot, lambda: youth_in_full(app))
    assert rows(case_db, "SELECT phase FROM phases WHERE youth_id = ? ORDER BY id DESC LIMIT 1", [NOOR]) == [
        ("begeleiding",)
    ]
    assert rows(case_db, "SELECT COUNT(*) FROM taper_plans") == [(0,)]


async def test_a_phase_date_in_the_future_is_refused_in_the_dialog(case_db: Path, today: date) -> None:
    app = make_app(case_db, today=today)
    async with app.run_test(size=SMALL) as pilot:
        await open_youth(app, pilot, NOOR)
        await pilot.press("p")
        await wait_until(pilot, lambda: isinstance(app.screen, PhaseDialog))
        assert [b.id for b in app.screen.query("RadioButton")] == ["to-afbouw", "to-nazorg", "to-afgesloten"]
        app.screen.query_one("#phase-date", Input).value = "20-3-2026"
        await pilot.click("#phase-ok")
        await pilot.pause()
        assert isinstance(app.screen, PhaseDialog)
        assert "toekomst" in text(app.screen.query_one("#phase-error"))


# --- loslaten and nazorg -------------------------------------------------------------------


async def let_go(app: CoachApp, pilot, way_back: str) -> None:
    await choose_phase(app, pilot, "nazorg", "Werkt vast, vertrouwt het zelf.")
    await wait_until(pilot, lambda: isinstance(app.screen, ReleaseDialog))
    dialog = app.screen
    assert dialog.query_one("#release-reason", TextArea).text == "Werkt vast, vertrouwt het zelf."
    dialog.query_one("#release-way-back", TextArea).text = way_back
    await pilot.click("#release-ok")
    await wait_until(pilot, lambda: isinstance(app.screen, YouthScreen) and app.screen.query(NazorgPanel))


async def test_letting_go_records_the_decision_and_plans_nazorg(case_db: Path) -> None:
    today = date(2026, 3, 25)
    app = make_app(case_db, today=today)
    async with app.run_test(size=LARGE) as pilot:
        await open_youth(app, pilot, NOOR)
        await let_go(app, pilot, "Belt Eva, of loopt binnen bij het jongerenloket.")
        panel = text(app.screen.query_one(NazorgPanel))
        assert "De weg terug" in panel and "Belt Eva, of loopt binnen bij het jongerenloket." in panel
        assert "Nazorgcheck ma 27 apr 10:00" in panel and "Nazorgcheck do 25 jun 10:00" in panel
        assert not app.screen.query(ReadinessList)  # readiness belongs to begeleiding and afbouw
        # The nazorg check is the next contact on the caseload.
        await pilot.press("escape")
        await wait_until(pilot, lambda: isinstance(app.screen, CaseloadScreen))
        entry = next(e for e in app.screen.entries if e.id == NOOR)
        assert entry.phase == "nazorg" and entry.next_contact.isoformat() == "2026-04-27T10:00:00"
        table = app.screen.query_one(CaseloadTable)
        row = next(table.row_cells(i) for i in range(table.row_count) if table.row_cells(i)[0] == "Noor Bakker")
        assert any("27 apr" in cell for cell in row)
    assert rows(
        case_db, "SELECT decision, decided_on, reason, way_back FROM release_decisions WHERE youth_id = ?", [NOOR]
    ) == [
        (
            "loslaten",
            "2026-03-25",
            "Werkt vast, vertrouwt het zelf.",
            "Belt Eva, of loopt binnen bij het jongerenloket.",
        )
    ]
    assert rows(
        case_db, "SELECT at FROM contacts WHERE youth_id = ? AND note LIKE 'Nazorgcheck%' ORDER BY at", [NOOR]
    ) == [("2026-04-27T10:00",), ("2026-06-25T10:00",)]


async def test_letting_go_without_a_reason_is_refused(case_db: Path, today: date) -> None:
    app = make_app(case_db, today=today)
    async with app.run_test(size=SMALL) as pilot:
        await open_youth(app, pilot, NOOR)
        await choose_phase(app, pilot, "nazorg")
        await wait_until(pilot, lambda: isinstance(app.screen, ReleaseDialog))
        assert fully_visible(app, "#release-ok")
        await pilot.click("#release-ok")
        await pilot.pause()
        assert isinstance(app.screen, ReleaseDialog)
        assert "reden" in text(app.screen.query_one("#release-error"))
    assert rows(case_db, "SELECT COUNT(*) FROM release_decisions") == [(0,)]


async def test_reopening_keeps_the_history(case_db: Path) -> None:
    today = date(2026, 3, 25)
    app = make_app(case_db, today=today)
    async with app.run_test(size=LARGE) as pilot:
        await open_youth(app, pilot, NOOR)
        await let_go(app, pilot, "Belt Eva.")
        await pilot.press("p")
        await wait_until(pilot, lambda: isinstance(app.screen, PhaseDialog))
        assert "Heropenen: begeleiding" in str(app.screen.query_one("#to-begeleiding").label)
        await pilot.click("#to-begeleiding")
        app.screen.query_one("#phase-note", Input).value = "Baan kwijt; belde zelf."
        await pilot.click("#phase-ok")
        await wait_until(pilot, lambda: isinstance(app.screen, YouthScreen) and not app.screen.query(NazorgPanel))
        timeline = app.screen.query_one(TrajectoryTimeline)
        assert [span.phase for span in timeline.spans] == ["intake", "begeleiding", "nazorg", "begeleiding"]
        assert "↺ heropend" in text(timeline)
        assert app.screen.query(ReadinessList)  # back in begeleiding: readiness shows again
    assert rows(case_db, "SELECT phase FROM phases WHERE youth_id = ? ORDER BY id", [NOOR]) == [
        ("intake",),
        ("begeleiding",),
        ("nazorg",),
        ("begeleiding",),
    ]
    assert rows(case_db, "SELECT COUNT(*) FROM release_decisions WHERE youth_id = ?", [NOOR]) == [(1,)]
    assert rows(
        case_db, "SELECT status FROM contacts WHERE youth_id = ? AND note LIKE 'Nazorgcheck%' ORDER BY at", [NOOR]
    ) == [("vervallen",), ("vervallen",)]


async def test_in_nazorg_no_move_is_chosen_in_advance(case_db: Path) -> None:
    # From nazorg the first move is "afgesloten": Enter alone must not end the trajectory.
    app = make_app(case_db, today=date(2026, 3, 25))
    async with app.run_test(size=SMALL) as pilot:
        await open_youth(app, pilot, NOOR)
        await let_go(app, pilot, "Belt Eva.")
        await pilot.press("p")
        await wait_until(pilot, lambda: isinstance(app.screen, PhaseDialog))
        radios = list(app.screen.query(PlainRadio))
        assert radios and not any(radio.value for radio in radios)
        assert all("▐ ▌" in radio.render().plain for radio in radios)  # nothing looks chosen, colour or not
        await pilot.click("#phase-ok")
        await pilot.pause()
        assert isinstance(app.screen, PhaseDialog)
        assert "Kies eerst een fase" in text(app.screen.query_one("#phase-error"))
    assert rows(case_db, "SELECT phase FROM phases WHERE youth_id = ? ORDER BY id DESC LIMIT 1", [NOOR]) == [
        ("nazorg",)
    ]


# --- the readiness screen --------------------------------------------------------------------


async def test_readiness_shows_in_begeleiding_but_not_in_intake(case_db: Path, today: date) -> None:
    app = make_app(case_db, today=today)
    async with app.run_test(size=SMALL) as pilot:
        youth = await open_youth(app, pilot, NOOR)
        readiness = youth.query_one(ReadinessList)
        assert len(readiness.criteria) == 7
        assert "Financiën 2" in " ".join(text(s) for s in readiness.query(".readiness-evidence"))
        await pilot.press("escape")
        await wait_until(pilot, lambda: isinstance(app.screen, CaseloadScreen))
        samira = await open_youth(app, pilot, SAMIRA)
        await wait_until(pilot, lambda: app.screen is samira and samira.query(TrajectoryTimeline))
        assert not samira.query(ReadinessList)


async def test_release_screen_records_basics_confidence_and_who_stays(case_db: Path, today: date) -> None:
    app = make_app(case_db, today=today)
    async with app.run_test(size=SMALL) as pilot:
        await open_youth(app, pilot, NOOR)
        await pilot.press("a")
        await wait_until(pilot, lambda: isinstance(app.screen, ReleaseScreen))
        screen = app.screen
        checklist = screen.query_one(BasicsChecklist)
        assert checklist.has_focus
        await pilot.press("space", "down", "space", "space")  # DigiD geregeld, ID-bewijs n.v.t.
        new = screen.query_one("#basic-new", Input)
        new.focus()
        new.value = "Rijbewijs"
        await pilot.press("enter")
        screen.query_one("#confidence-score", Input).value = "4"
        screen.query_one("#confidence-words", Input).value = "Ik kan het wel"
        await pilot.click("#confidence-save")
        staying = screen.query_one("#staying")
        staying.select(staying.get_option_at_index(0).value)  # Riet, oma: informal, listed first
        await pilot.pause()
        await wait_until(
            pilot, lambda: "✓ Eigen vertrouwen" in " ".join(text(s) for s in screen.query(".readiness-criterion"))
        )
        assert "Blijft erbij: oma (Riet)" in " ".join(text(s) for s in screen.query(".readiness-evidence"))
        await pilot.press("escape")
        await wait_until(pilot, lambda: youth_in_full(app))
    assert rows(case_db, "SELECT key, state, custom FROM basics WHERE youth_id = ? ORDER BY id", [NOOR]) == [
        ("digid", "geregeld", 0),
        ("id_bewijs", "nvt", 0),
        ("eigen_rijbewijs", "open", 1),
    ]
    assert rows(case_db, "SELECT score, words FROM confidence WHERE youth_id = ?", [NOOR]) == [(4, "Ik kan het wel")]
    assert rows(case_db, "SELECT n.relation FROM staying_network s JOIN network n ON n.id = s.network_id") == [("oma",)]


async def test_not_yet_is_recorded_with_its_reason(case_db: Path, today: date) -> None:
    app = make_app(case_db, today=today)
    async with app.run_test(size=LARGE) as pilot:
        await open_youth(app, pilot, NOOR)
        await pilot.press("a")
        await wait_until(pilot, lambda: isinstance(app.screen, ReleaseScreen))
        app.screen.query_one("#decide-not-yet", Button).scroll_visible(animate=False)
        await pilot.pause()
        await pilot.click("#decide-not-yet")
        await wait_until(pilot, lambda: isinstance(app.screen, ReleaseDialog))
        assert not app.screen.query("#release-way-back")  # only letting go asks for the way back
        app.screen.query_one("#release-reason", TextArea).text = "Schulden nog niet rond."
        await pilot.click("#release-ok")
        await wait_until(pilot, lambda: isinstance(app.screen, ReleaseScreen))
        assert "Nog niet loslaten: Schulden nog niet rond." in text(app.screen.query_one("#decisions"))
    assert rows(case_db, "SELECT decision, reason FROM release_decisions") == [("nog_niet", "Schulden nog niet rond.")]
    assert rows(case_db, "SELECT phase FROM phases WHERE youth_id = ? ORDER BY id DESC LIMIT 1", [NOOR]) == [
        ("begeleiding",)
    ]


@pytest.mark.parametrize("size", [SMALL, LARGE])
async def test_the_chart_and_timeline_fit_the_width(case_db: Path, today: date, size) -> None:
    app = make_app(case_db, today=today)
    async with app.run_test(size=size) as pilot:
        youth = await open_youth(app, pilot, NOOR)
        for widget in (youth.query_one(ProgressChart), youth.query_one(TrajectoryTimeline)):
            lines = text(widget).splitlines()
            assert max(len(line) for line in lines) <= widget.content_region.width
        chart = text(youth.query_one(ProgressChart))
        assert "begin" in chart and "nu" in chart and "2 metingen sinds 8 jan" in chart
        assert "▒" in chart and "█" in chart  # baseline and now drawn side by side
