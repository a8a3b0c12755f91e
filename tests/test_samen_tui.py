"""Samen invullen in the app: the walk by keys and by mouse, nothing of the coach's on any page, the way out.

Every page of the mode is scanned for every note text of the case (contact, intake,
network, safety, agreements, phases, intervision, consent) and another young person's
name; one hit fails the test.
"""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path

from helpers import make_case, shown_text, wait_until, youth_in_full
from rich.console import Console
from safety_helpers import PASSPHRASE
from textual.command import CommandPalette
from textual.widgets import Button, Input, Static, TextArea

from coach.conversation.samen_session import PAGES
from coach.domain.model import Assessment
from coach.domain.safety import StepRecord
from coach.store.cases import insert_cases
from coach.store.db import open_db
from coach.store.safety import open_concern, save_step
from coach.store.self_assessment import self_assessments_of
from coach.tui.app import make_app
from coach.tui.dialogs.samen_leave import NO_PASSPHRASE, SamenLeave
from coach.tui.screens.samen import SamenScreen
from coach.tui.screens.youth import YouthScreen
from coach.tui.widgets.domain_scores import DomainRow

TODAY = date(2026, 3, 14)
# Every text of the coach's in the case carries this word; the other young person is Zwaluwina.
CANARY = "kanarie"
FORBIDDEN = (CANARY, "zwaluwina", "lastig")


def plant(path: Path, passphrase: str | None = None) -> int:
    """A database with Sanne, whose every coach's note holds the canary word, and another young person."""
    case = make_case("Sanne", full=True, intervision_question="Kanarie leervraag")
    for contact in case.contacts:
        contact.note = f"Kanarie contactnotitie {contact.at:%d-%m}"
    for person in case.network:
        person.note = "Kanarie netwerknotitie"
    for agreement in case.agreements:
        agreement.text = "Kanarie afspraak"
    for phase in case.phases:
        phase.note = "Kanarie fasenotitie"
    for item in case.warm_story:
        item.text = "Kanarie warm verhaal zoals de coach het opschreef"
    case.assessments = [
        Assessment(
            date(2026, 1, 10), "financien", score=2, youth_score=3, concerns="Kanarie zorg", wish="Kanarie wens"
        ),
        Assessment(date(2026, 1, 10), "huisvesting", score=4, going_well="Kanarie gaat goed"),
    ]
    other = make_case("Zwaluwina", full=True, last_name="Merel")
    db = open_db(path, passphrase=passphrase)
    youth_id, _other_id = insert_cases(db, [case, other])
    intake = db.execute(
        "INSERT INTO intakes (youth_id, started_on, section) VALUES (?, '2026-01-03', 'financien')", [youth_id]
    ).lastrowid
    db.execute(
        "INSERT INTO intake_domains (intake_id, youth_id, domain, notes, concerns) "
        "VALUES (?, ?, 'financien', 'Kanarie intakenotitie', 'Kanarie intakezorg')",
        [intake, youth_id],
    )
    db.execute("UPDATE network SET seen_as = 'lastig' WHERE youth_id = ?", [youth_id])
    db.execute(
        "INSERT INTO intervision_notes (youth_id, tried, own_part) VALUES (?, 'Kanarie geprobeerd', 'Kanarie eigen deel')",
        [youth_id],
    )
    db.execute(
        "INSERT INTO consents (youth_id, given_to, given_on, note) VALUES (?, 'Wijkteam', '2026-01-02', 'Kanarie toestemming')",
        [youth_id],
    )
    concern = open_concern(db, youth_id, "bedreiging", "Bedreiging", "contact", date(2026, 3, 1), "Kanarie gehoord")
    save_step(db, concern, StepRecord(1, date(2026, 3, 1), "Kanarie collega", "Kanarie meldcode", "Kanarie feit", ""))
    db.close()
    return youth_id


def _plain(app) -> str:
    """What the terminal shows of the top screen now, without colour."""
    update = app.screen._compositor.render_update(full=True)
    buffer = io.StringIO()
    Console(file=buffer, color_system=None, width=app.size.width).print(update)
    return buffer.getvalue()


def shown(app) -> str:
    """The words on screen and in every widget of the mode's screens (also what is scrolled out of view)."""
    parts = [_plain(app)]
    stack = app.screen_stack
    first = next(index for index, screen in enumerate(stack) if isinstance(screen, SamenScreen))
    for screen in stack[first:]:
        for widget in screen.query("*"):
            if isinstance(widget, Button):
                parts.append(str(widget.label))
            elif isinstance(widget, Static):
                parts.append(str(widget.render()))
            elif isinstance(widget, TextArea):
                parts.append(widget.text)
            elif isinstance(widget, Input):
                parts.append(widget.value)
    return "\n".join(parts)


def assert_nothing_of_the_coach(app, where: str) -> None:
    text = shown(app).casefold()
    hits = [word for word in FORBIDDEN if word in text]
    assert not hits, f"{where}: {hits} op het scherm van de jongere"


async def open_mode(pilot, app, youth_id: int) -> SamenScreen:
    await pilot.pause()
    if not isinstance(app.screen, YouthScreen):
        app.open_youth(youth_id)
    await wait_until(pilot, lambda: youth_in_full(app))
    await pilot.press("j")
    await wait_until(pilot, lambda: isinstance(app.screen, SamenScreen))
    screen = app.screen
    assert isinstance(screen, SamenScreen)
    return screen


async def test_every_page_shows_nothing_of_the_coach(tmp_path):
    # The DOM is scanned as well as the screen, so what is scrolled out of view at 80×24 counts too.
    size = (80, 24)
    path = tmp_path / "coach.db"
    youth_id = plant(path)
    app = make_app(path, today=TODAY)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        app.open_youth(youth_id)
        await wait_until(pilot, lambda: youth_in_full(app))
        assert CANARY in _plain(app).casefold()  # the coach's own screen shows them: the scan can see a hit
        screen = await open_mode(pilot, app, youth_id)
        for page in PAGES:
            screen.session.go_to(page)
            await screen._redraw()
            await pilot.pause()
            assert_nothing_of_the_coach(app, page)
        await pilot.press("c")  # the coach's scores beside theirs: numbers only
        await wait_until(pilot, lambda: screen.session.show_coach)
        assert "2 je coach" in shown(app)
        assert_nothing_of_the_coach(app, "plaatje met de scores van de coach")
        await pilot.press("escape")
        await wait_until(pilot, lambda: isinstance(app.screen, SamenLeave))
        assert_nothing_of_the_coach(app, "vertrekken")


async def test_the_walk_by_keys_reaches_the_database_and_the_coach_sees_it(tmp_path, quick_timers):
    path = tmp_path / "coach.db"
    youth_id = plant(path)
    app = make_app(path, today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_mode(pilot, app, youth_id)
        session = screen.session
        assert "Hoi Sanne!" in shown(app)
        await pilot.press("enter")  # Beginnen
        await wait_until(pilot, lambda: session.warm_kind == "trots" and isinstance(app.focused, TextArea))
        await pilot.press(*"Mijn diploma")
        await pilot.press("enter")  # Enter goes on (a new line is not needed for a few sentences)
        await wait_until(pilot, lambda: session.warm_kind == "belangrijk")
        await pilot.press("tab", "tab", "enter")  # or by Tab to "Verder →"
        await wait_until(pilot, lambda: session.warm_kind == "droom")
        await pilot.press("enter")
        await wait_until(pilot, lambda: session.domain == "financien")
        assert "Hoe gaat het met geld?" in shown(app)
        await pilot.press("4")
        await wait_until(pilot, lambda: "✓ jouw antwoord" in str(app.screen.query_one("#answer-4", Button).label))
        await pilot.press("p")  # wants to talk about it
        await wait_until(pilot, lambda: str(app.screen.query_one("#samen-talk", Button).label).startswith("✓ p"))
        buttons = list(app.screen.query(Button))
        await pilot.press("right")  # on to work and school
        await wait_until(pilot, lambda: session.domain == "werk_opleiding")
        # The next domain fills in the page already drawn: its question, and no answer marked yet.
        assert list(app.screen.query(Button)) == buttons
        await wait_until(pilot, lambda: session.content.questions["werk_opleiding"].question in shown(app))
        assert "Hoe gaat het met geld?" not in shown(app) and "✓" not in shown(app)
        assert app.focused is app.screen.query_one("#answer-1", Button)
        await pilot.press("s", "right")  # skipped
        await wait_until(pilot, lambda: session.domain == "tijdsbesteding")
        await pilot.press("down", "down", "enter")  # arrows and Enter pick the third answer
        await wait_until(pilot, lambda: session.answer("tijdsbesteding") is not None)
        assert session.answer("tijdsbesteding").score == 3
        await pilot.press("left")
        await wait_until(pilot, lambda: session.domain == "werk_opleiding")
        await pilot.press(*["right"] * 12)
        await wait_until(pilot, lambda: session.page == "plaatje")
        picture = shown(app)
        assert "Geld" in picture and "4 het gaat goed" in picture and "◆ praten" in picture
        assert "overgeslagen" in picture
        assert "▒" not in picture and "je coach ·" not in picture  # the coach's scores stay hidden until c
        await pilot.press("c")
        await wait_until(pilot, lambda: "hier kijken jullie anders naar" in shown(app))
        assert "fout" not in shown(app)
        await pilot.press("escape")
        await wait_until(pilot, lambda: isinstance(app.screen, SamenLeave))
        assert NO_PASSPHRASE.split(":")[0] in shown(app)  # the demo (no passphrase) says what a real one asks
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(app.screen, YouthScreen) and app.screen.is_current)
        await wait_until(pilot, lambda: app.screen.query(DomainRow) and app.screen.case.self_assessments)
        row = next(r for r in app.screen.query(DomainRow) if r.domain == "financien")
        assert row.own == "zelf: 4 (+2) ◆" and shown_text(row).endswith("zelf: 4 (+2) ◆")
        own = str(app.screen.query_one(".domain-own", Static).render())
        assert "door de jongere zelf ingevuld" in own and "wil praten over: Geld" in own
        story = [str(item.render()) for item in app.screen.query(".warm-item").results(Static)]
        assert "“Mijn diploma” (door de jongere zelf ingevuld)" in story
        await pilot.press("i")  # the intake shows their own answer under the scores too
        await wait_until(pilot, lambda: app.screen.query(".own-answer"))
        own_answers = [str(w.render()) for w in app.screen.query(".own-answer").results(Static)]
        assert "Zelf ingevuld door de jongere (14-3-2026): een 4; wil hier graag over praten." in own_answers
    db = open_db(path)
    stored = {a.domain: (a.score, a.skipped, a.talk) for a in self_assessments_of(db, youth_id)}
    assert stored == {
        "financien": (4, False, True),
        "werk_opleiding": (None, True, False),
        "tijdsbesteding": (3, False, False),
    }
    warm = db.execute("SELECT kind, text, own_words, by_youth FROM warm_story WHERE by_youth = 1").fetchall()
    assert warm == [("trots", "Mijn diploma", 1, 1)]


async def test_the_walk_by_mouse(tmp_path, quick_timers):
    path = tmp_path / "coach.db"
    youth_id = plant(path)
    app = make_app(path, today=TODAY)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_mode(pilot, app, youth_id)
        session = screen.session
        await pilot.click("#samen-next")
        await wait_until(pilot, lambda: session.warm_kind == "trots")
        for _ in range(3):
            await pilot.click("#samen-next")
            await pilot.pause()
        await wait_until(pilot, lambda: session.domain == "financien")
        await pilot.click("#answer-2")
        await wait_until(pilot, lambda: session.answer("financien") is not None)
        await pilot.click("#samen-talk")
        await wait_until(pilot, lambda: session.answer("financien").talk)
        await pilot.click("#samen-next")
        await wait_until(pilot, lambda: session.domain == "werk_opleiding")
        await pilot.click("#samen-skip")
        await wait_until(pilot, lambda: session.answer("werk_opleiding") is not None)
        session.go_to("plaatje")
        await screen._redraw()
        await wait_until(pilot, lambda: screen.query("#samen-coach"))
        await pilot.click("#samen-coach")
        await wait_until(pilot, lambda: session.show_coach)
        assert "jullie zien het hetzelfde" not in shown(app)  # 2 and 2: the same, no starter line
        await pilot.click("#samen-coach")
        await wait_until(pilot, lambda: not session.show_coach)
    db = open_db(path)
    stored = {a.domain: (a.score, a.skipped, a.talk) for a in self_assessments_of(db, youth_id)}
    assert stored == {"financien": (2, False, True), "werk_opleiding": (None, True, False)}


async def test_leaving_needs_the_passphrase_and_the_app_keys_are_off(tmp_path):
    path = tmp_path / "coach.db"
    youth_id = plant(path, passphrase=PASSPHRASE)
    app = make_app(path, today=TODAY, passphrase=PASSPHRASE)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_mode(pilot, app, youth_id)
        await pilot.press("ctrl+p")
        await pilot.pause()
        assert not CommandPalette.is_open(app)
        for key in ("f1", "question_mark", "q", "ctrl+q", "ctrl+l"):
            await pilot.press(key)
            await pilot.pause()
            assert app.is_running and app.screen is screen and not app.locked, key
        await pilot.press("escape")
        await wait_until(pilot, lambda: isinstance(app.screen, SamenLeave))
        dialog = app.screen
        await pilot.press("ctrl+p", "f1")  # not from the dialog either
        await pilot.pause()
        assert not CommandPalette.is_open(app) and app.screen is dialog
        field = dialog.query_one("#leave-input", Input)
        field.value = "niet het goede"
        await pilot.press("enter")
        await wait_until(pilot, lambda: "klopt niet" in shown(app))
        assert app.screen is dialog and field.value == ""
        await pilot.press("escape")  # back to filling in
        await wait_until(pilot, lambda: app.screen is screen)
        await pilot.press("escape")
        await wait_until(pilot, lambda: isinstance(app.screen, SamenLeave))
        app.screen.query_one("#leave-input", Input).value = PASSPHRASE
        await pilot.press("enter")
        await wait_until(pilot, lambda: youth_in_full(app))
        await pilot.press("ctrl+p")  # the coach's keys are back, and the palette offers samen invullen here
        await wait_until(pilot, lambda: CommandPalette.is_open(app))
        await pilot.press(*"Samen invullen")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(app.screen, SamenScreen))


async def test_a_safety_signal_they_type_reaches_the_coach_only_after_leaving(tmp_path, quick_timers):
    from coach.tui.dialogs.safety_prompt import SafetyPrompt

    path = tmp_path / "coach.db"
    youth_id = plant(path)
    app = make_app(path, today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_mode(pilot, app, youth_id)
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(app.focused, TextArea))
        await pilot.press(*"Mijn vader sloeg me. ")
        await wait_until(pilot, lambda: not screen.session.pending)  # saved as their words
        await pilot.pause(0.2)
        assert app.screen is screen  # no prompt over their screen
        await pilot.press("escape")
        await wait_until(pilot, lambda: isinstance(app.screen, SamenLeave))
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(app.screen, SafetyPrompt))
        assert isinstance(app.screen_stack[-2], YouthScreen)
