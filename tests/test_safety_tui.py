"""The safety prompt in intake, contact and visit notes, the marker during a running intake, the veiligheid screen."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from helpers import youth_in_full

from coach.store.db import open_db
from coach.store.safety import concerns_of, dismissals_of, open_concern
from coach.tui.app import make_app
from coach.tui.dialogs.safety_prompt import SafetyPrompt
from coach.tui.dialogs.section_picker import SectionPicker
from coach.tui.dialogs.visit_end import VisitEndDialog
from coach.tui.screens.contact_entry import ContactEntryScreen
from coach.tui.screens.intake import IntakeScreen
from coach.tui.screens.safety import SafetyScreen
from coach.tui.screens.visit_prep import VisitPrepScreen
from coach.tui.screens.youth import YouthScreen
from coach.tui.widgets.safety_banner import SafetyBanner

SMALL, LARGE = (80, 24), (120, 40)
NOOR, DAAN = 1, 2  # ids in the fixture database


@pytest.fixture(autouse=True)
def armed_at_once(monkeypatch):
    # The prompt takes no keys for a moment in real use; here it answers at once (one test checks the wait).
    monkeypatch.setattr(SafetyPrompt, "ARM_SECONDS", 0)


async def wait_until(pilot, condition: Callable[[], bool], tries: int = 80) -> None:
    for _ in range(tries):
        if condition():
            return
        await pilot.pause(0.05)
    raise AssertionError("condition never became true")


async def open_youth(app, pilot, youth_id: int) -> YouthScreen:
    app.open_youth(youth_id)
    await wait_until(pilot, lambda: youth_in_full(app))
    await pilot.pause()
    return app.screen


def banner_text(app) -> str:
    banner = app.screen.query_one(SafetyBanner)
    return str(banner.render()) if banner.has_class("-alarm") else ""


def read(case_db: Path, youth_id: int):
    db = open_db(case_db)
    try:
        return concerns_of(db, youth_id), dismissals_of(db, youth_id)
    finally:
        db.close()


async def test_intake_note_raises_the_prompt_and_a_score_of_one_marks_the_youth_at_once(case_db: Path, today: date):
    app = make_app(case_db, today=today)
    async with app.run_test(size=SMALL) as pilot:
        youth = await open_youth(app, pilot, DAAN)
        assert banner_text(app) == ""
        await pilot.press("i")
        await wait_until(pilot, lambda: isinstance(app.screen, IntakeScreen))
        await pilot.press("ctrl+g")
        await wait_until(pilot, lambda: isinstance(app.screen, SectionPicker))
        await pilot.press("5")
        await wait_until(pilot, lambda: isinstance(app.screen, IntakeScreen))
        intake = app.screen
        assert intake.section == "huiselijke_relaties"
        await pilot.press(*"heeft Jay vorige maand geslagen ")
        await wait_until(pilot, lambda: isinstance(app.screen, SafetyPrompt))
        prompt = app.screen
        assert prompt.hit.kind == "huiselijk_geweld" and prompt.hit.typed == "geslagen"
        shown = " ".join(str(w.render()) for w in prompt.query("Static"))
        assert "Veiligheid" in shown and "geslagen" in shown and "0800-2000" in shown
        # The prompt is never a domain suggestion: the suggestion bar does not name it.
        await pilot.press("g")  # no concern: recorded
        await wait_until(pilot, lambda: app.screen is intake)
        await pilot.press(*"en de rest.")  # typing goes on in the field; the same kind is not raised again
        await pilot.pause()
        assert app.screen is intake
        await pilot.press("ctrl+s")  # to the score
        await pilot.press("1")
        await pilot.pause(0.5)
        await pilot.press("escape")  # back, the intake still running
        await wait_until(pilot, lambda: app.screen is youth)
        await wait_until(pilot, lambda: "Acuut" in banner_text(app))
        assert "Huiselijke relaties" in banner_text(app)
        banner = app.screen.query_one(SafetyBanner)
        assert banner.region.y < app.screen.query_one("#warm-section").region.y  # above the warm story
    concerns, dismissed = read(case_db, DAAN)
    assert concerns == [] and [d["kind"] for d in dismissed] == ["huiselijk_geweld"]
    assert dismissed[0]["source"] == "intake" and dismissed[0]["heard"] == "geslagen"


async def test_a_signal_as_the_last_word_is_raised_when_typing_pauses(case_db: Path, today: date):
    app = make_app(case_db, today=today)
    async with app.run_test(size=SMALL) as pilot:
        await open_youth(app, pilot, DAAN)
        await pilot.press("i")
        await wait_until(pilot, lambda: isinstance(app.screen, IntakeScreen))
        intake = app.screen
        await pilot.press(*"Ze denkt aan zelfmoord")  # no space, no full stop: the coach stops typing here
        if app.screen is intake:
            intake.autosaver.flush()  # what the autosave does after a pause (unless it ran already)
        await wait_until(pilot, lambda: isinstance(app.screen, SafetyPrompt))
        assert app.screen.hit.kind == "suicidale_gedachten"


async def test_contact_note_prompt_opens_the_meldcode_steps(case_db: Path, today: date):
    app = make_app(case_db, today=today)
    async with app.run_test(size=SMALL) as pilot:
        await open_youth(app, pilot, DAAN)
        await pilot.press("c")
        await wait_until(pilot, lambda: isinstance(app.screen, ContactEntryScreen))
        app.screen.query_one("#note").focus()
        await pilot.press(*"Hij zegt dat hij aan zelfmoord denkt. ")
        await wait_until(pilot, lambda: isinstance(app.screen, SafetyPrompt))
        assert app.screen.hit.kind == "suicidale_gedachten"
        await pilot.press("m")
        await wait_until(pilot, lambda: isinstance(app.screen, SafetyScreen))
        screen = app.screen
        assert screen.concern is not None and screen.concern.kind == "suicidale_gedachten"
        numbers = str(screen.query_one("#safety-numbers").render())
        assert "112" in numbers and "0800-2000" in numbers and "0800-0113 of 113" in numbers
        await pilot.press("escape")
        await wait_until(pilot, lambda: isinstance(app.screen, ContactEntryScreen))
    concerns, _ = read(case_db, DAAN)
    assert [(c.kind, c.source, c.heard, c.open) for c in concerns] == [
        ("suicidale_gedachten", "contact", "zelfmoord", True)
    ]


async def test_visit_note_prompt_later_keeps_the_concern_open(case_db: Path, today: date):
    app = make_app(case_db, today=today)
    async with app.run_test(size=SMALL) as pilot:
        youth = await open_youth(app, pilot, NOOR)
        await pilot.press("v")
        await wait_until(pilot, lambda: isinstance(app.screen, VisitPrepScreen))
        await pilot.pause()
        await pilot.press(*"Ze sliep buiten in het park. ")
        await wait_until(pilot, lambda: isinstance(app.screen, SafetyPrompt))
        await pilot.press("escape")  # later: the concern stays open
        await wait_until(pilot, lambda: isinstance(app.screen, VisitPrepScreen))
        await pilot.press("escape")  # leaving a written preparation asks how: keep it for the visit to come
        await wait_until(pilot, lambda: isinstance(app.screen, VisitEndDialog))
        dialog = app.screen
        if dialog.query("#keep-when"):  # no visit planned close by: the dialog asks when it will be
            dialog.query_one("#keep-when").focus()
            await pilot.press(*"morgen 10:00")
        await pilot.click("#keep")
        await wait_until(pilot, lambda: app.screen is youth)
        await wait_until(pilot, lambda: "Acute dakloosheid" in banner_text(app))
    concerns, _ = read(case_db, NOOR)
    assert [(c.kind, c.source, c.open) for c in concerns] == [("acute_dakloosheid", "bezoek", True)]


async def test_no_second_prompt_for_a_kind_already_open(case_db: Path, today: date):
    db = open_db(case_db)
    open_concern(db, DAAN, "huiselijk_geweld", "Huiselijk geweld", "contact", today, "slaat")
    db.close()
    app = make_app(case_db, today=today)
    async with app.run_test(size=SMALL) as pilot:
        await open_youth(app, pilot, DAAN)
        await pilot.press("c")
        await wait_until(pilot, lambda: isinstance(app.screen, ContactEntryScreen))
        form = app.screen
        form.query_one("#note").focus()
        await pilot.press(*"Vader slaat hem nog steeds. ")
        await pilot.pause(0.3)
        assert app.screen is form
        await pilot.press(*"Hij wordt ook bedreigd. ")  # another kind is raised
        await wait_until(pilot, lambda: isinstance(app.screen, SafetyPrompt))
        assert app.screen.hit.kind == "bedreiging"


async def test_the_prompt_takes_no_keys_while_typing_goes_on(case_db: Path, today: date, monkeypatch):
    monkeypatch.setattr(SafetyPrompt, "ARM_SECONDS", 30)
    app = make_app(case_db, today=today)
    async with app.run_test(size=SMALL) as pilot:
        await open_youth(app, pilot, DAAN)
        await pilot.press("c")
        await wait_until(pilot, lambda: isinstance(app.screen, ContactEntryScreen))
        app.screen.query_one("#note").focus()
        await pilot.press(*"Vader slaat hem. ")
        await wait_until(pilot, lambda: isinstance(app.screen, SafetyPrompt))
        await pilot.press(*"mgl ")  # the next letters of the sentence
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, SafetyPrompt)
    assert read(case_db, DAAN) == ([], [])


async def click(pilot, selector: str) -> None:
    """A mouse click on a widget, scrolled into view first (at 80x24 the form is taller than the screen)."""
    screen = pilot.app.screen
    screen.query_one("#safety-body").scroll_to_widget(screen.query_one(selector), animate=False, immediate=True)
    await pilot.pause(0.1)
    await pilot.click(selector)


async def _fill(pilot, screen, who: str, note: str = "", facts: str = "", interpretation: str = "") -> None:
    screen.query_one("#safety-who").value = who
    for selector, text in (
        ("#safety-note", note),
        ("#safety-facts", facts),
        ("#safety-interpretation", interpretation),
    ):
        if text:
            screen.query_one(selector).text = text
    await pilot.pause()


@pytest.mark.parametrize("size", [SMALL, LARGE])
async def test_every_step_of_the_veiligheid_screen_by_keys_and_mouse(case_db: Path, today: date, size):
    app = make_app(case_db, today=today)
    async with app.run_test(size=size) as pilot:
        youth = await open_youth(app, pilot, DAAN)
        await pilot.press("z")
        await wait_until(pilot, lambda: isinstance(app.screen, SafetyScreen))
        screen = app.screen
        assert screen.concern is None and "geen zorg open" in str(screen.query_one("#safety-none").render())
        # Open a concern: the kind is required, said in Dutch.
        await click(pilot, "#safety-open")
        await pilot.pause()
        assert "Kies eerst" in str(screen.query_one("#safety-error").render())
        screen.query_one("#safety-kind").value = "bedreiging"
        await pilot.press("ctrl+s")  # by key, as the button
        await wait_until(pilot, lambda: screen.concern is not None)
        assert screen.step == 1
        # Step 1: facts apart from interpretation; an empty step is refused, a future date too.
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "stap 1" in str(screen.query_one("#safety-error").render())
        screen.query_one("#safety-date").value = "morgen"
        await _fill(pilot, screen, "Daan zelf", facts="Zei: ze wachten me op bij school.", interpretation="Bang.")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "toekomst" in str(screen.query_one("#safety-error").render())
        screen.query_one("#safety-date").value = "gisteren"
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: screen.step == 2)
        # Steps 2 to 4 by keys: fill in, Ctrl+S, the next step follows.
        for step, who in ((2, "collega Mo"), (3, "Daan en moeder"), (4, "team")):
            assert screen.step == step
            await _fill(pilot, screen, who, note=f"notitie {step}")
            await pilot.press("ctrl+s")
            await wait_until(pilot, lambda step=step: screen.step == step + 1)
        # By mouse: back to step 1, its facts are there; then on to step 5.
        await click(pilot, "#safety-step-1")
        await wait_until(pilot, lambda: screen.step == 1)
        assert screen.query_one("#safety-facts").text == "Zei: ze wachten me op bij school."
        await click(pilot, "#safety-step-5")
        await wait_until(pilot, lambda: screen.step == 5)
        # Step 5: a decision is needed before closing.
        await click(pilot, "#safety-close")
        await pilot.pause()
        assert "besluit" in str(screen.query_one("#safety-error").render())
        await _fill(pilot, screen, "leidinggevende", note="Melding gedaan, hulp loopt door.")
        screen.query_one("#safety-decision").query("RadioButton")[2].value = True
        await pilot.pause()
        await click(pilot, "#safety-close")
        await wait_until(pilot, lambda: screen.concern is None)
        await pilot.press("escape")
        await wait_until(pilot, lambda: app.screen is youth)
    concerns, _ = read(case_db, DAAN)
    (closed,) = concerns
    assert closed.kind == "bedreiging" and closed.source == "jongere" and not closed.open
    assert closed.decision == "hulp_en_melding" and closed.decision_note == "Melding gedaan, hulp loopt door."
    assert [s.step for s in closed.steps] == [1, 2, 3, 4, 5]
    assert closed.step(1).done_on == date.fromordinal(today.toordinal() - 1)
    assert closed.step(1).interpretation == "Bang." and closed.step(3).who == "Daan en moeder"
