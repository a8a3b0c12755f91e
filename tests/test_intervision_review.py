"""The review screen's new parts, driven with Pilot: moment, domains, own texts, kept hiding, the check key, formatting."""

from __future__ import annotations

from pathlib import Path

import test_intervision_screen as screen_tests
from helpers import wait_until, youth_in_full
from test_intervision_screen import LARGE, SMALL, TODAY, FakeClient, leaks, open_review, put_cursor
from textual.widgets import Markdown, Select, SelectionList, TextArea

from coach.store.db import open_db
from coach.store.intervision import intervision_notes, scope_questions
from coach.tui.app import make_app
from coach.tui.widgets.marked_text import MarkedText

# The review screen's fixtures: one fictional case, the fake anonymiser client, no settings file.
db_path = screen_tests.db_path
fake = screen_tests.fake
no_settings = screen_tests.no_settings


def stored_notes(db_path: Path):
    db = open_db(db_path)
    try:
        return intervision_notes(db, 1)
    finally:
        db.close()


async def test_the_incident_method_asks_which_moment_newest_first_any_choosable(
    db_path: Path, fake: FakeClient
) -> None:
    app = make_app(db_path, today=TODAY)
    async with app.run_test(size=LARGE) as pilot:
        screen = await open_review(app, pilot)
        row = screen.query_one("#iv-moment-row")
        assert not row.display  # roddel is about the whole case, not one moment
        await pilot.press("m")
        await wait_until(pilot, lambda: screen.up_to_date and "## Het moment" in screen.summary.text)
        assert row.display
        moment = screen.query_one("#iv-moment", Select)
        assert moment.value == "newest" and "contact 2" in str(moment._options[0][0])
        assert "Week 9 · telefoon" in screen.summary.text.split("## Het moment")[1].split("##")[0]
        # With the mouse: open the picker and take the first contact.
        await pilot.click("#iv-moment")
        await pilot.pause()
        await pilot.press("down", "down", "enter")
        await wait_until(pilot, lambda: screen.up_to_date and screen.moment == 1)
        part = screen.summary.text.split("## Het moment")[1].split("\n## ")[0]
        assert "Week 1 · huisbezoek (60 min)" in part and "Daarvoor" not in part


async def test_marking_a_domain_shows_it_and_is_kept(db_path: Path, fake: FakeClient) -> None:
    app = make_app(db_path, today=TODAY)
    async with app.run_test(size=LARGE) as pilot:
        screen = await open_review(app, pilot)
        assert "- Werk en opleiding: 3" not in screen.summary.text  # one score of 3: only on the shared line
        assert "werk en opleiding 3" in screen.summary.text
        await pilot.press("w")
        domains = screen.query_one("#iv-domains", SelectionList)
        assert domains.region.height > 0
        domains.focus()
        domains.highlighted = [key for key in (o.value for o in domains._options)].index("werk_opleiding")
        await pilot.press("space")
        await wait_until(pilot, lambda: screen.up_to_date and "- Werk en opleiding: 3" in screen.summary.text)
        await pilot.press("escape")
        await wait_until(pilot, lambda: youth_in_full(app))
    assert stored_notes(db_path).domains == ("werk_opleiding",)


async def test_own_texts_start_as_suggestions_and_the_coachs_edit_is_anonymised_and_kept(
    db_path: Path, fake: FakeClient
) -> None:
    app = make_app(db_path, today=TODAY)
    async with app.run_test(size=SMALL) as pilot:
        screen = await open_review(app, pilot)
        await pilot.press("w")
        tried = screen.query_one("#iv-tried", TextArea)
        assert app.focused is tried and "Contact via:" in tried.text  # suggested from the data
        assert stored_notes(db_path).tried is None  # a suggestion is not the coach's text yet
        tried.load_text("")
        await pilot.press(*"Ik belde Karim van het werkplein.")
        await wait_until(pilot, lambda: screen.up_to_date and "Ik belde" in screen.summary.text)
        assert "Karim" not in screen.summary.text and leaks(screen.summary.text, db_path) == []
        await wait_until(pilot, lambda: stored_notes(db_path).tried == "Ik belde Karim van het werkplein.")


async def test_a_hidden_word_stays_hidden_the_next_time(db_path: Path, fake: FakeClient) -> None:
    app = make_app(db_path, today=TODAY)
    async with app.run_test(size=LARGE) as pilot:
        screen = await open_review(app, pilot)
        source = screen.query_one("#iv-source", MarkedText)
        put_cursor(source, source.text.index("woningcorporatie") + 3)
        await pilot.press("h")
        assert "woningcorporatie" not in screen.summary.text
        await pilot.press("escape")
        await wait_until(pilot, lambda: youth_in_full(app))
        assert stored_notes(db_path).hidden == ("woningcorporatie",)
        await pilot.press("s")
        second = await open_review_again(app, pilot)
        assert "woningcorporatie" not in second.summary.text and "[verborgen]" in second.summary.text
        await pilot.press("u")  # undoing it is kept too
        assert "woningcorporatie" in second.summary.text
    assert stored_notes(db_path).hidden == ()


PERIOD = "periode:laatste-3-maanden"  # kept by its name: tomorrow the same choice finds it again


def stored_scope_questions(db_path: Path) -> dict[str, str]:
    db = open_db(db_path)
    try:
        return scope_questions(db, 1)
    finally:
        db.close()


async def test_a_period_gets_its_own_question_and_the_case_keeps_its(
    db_path: Path, fake: FakeClient, quick_timers
) -> None:
    case_question = "Hoe krijg ik Sanne aan het werk?"
    own = "Wat maakt dat ik deze maanden alles regelde?"
    app = make_app(db_path, today=TODAY)
    async with app.run_test(size=SMALL) as pilot:
        screen = await open_review(app, pilot)
        field = screen.query_one("#iv-question", TextArea)
        assert field.border_title == "Je vraag aan de groep"
        screen.query_one("#iv-scope", Select).value = "m3"
        await wait_until(pilot, lambda: screen.up_to_date and screen.summary.scope.key == PERIOD)
        # No question of its own yet: the case's as a starting point, said quietly above the field.
        assert field.text == case_question and "hele traject; pas hem aan voor deze periode" in str(field.border_title)
        assert stored_scope_questions(db_path) == {}  # showing it is not writing it
        await pilot.press("e")
        field.clear()
        await pilot.press(*own)
        assert field.border_title == "Je vraag voor deze periode"
        await wait_until(pilot, lambda: stored_scope_questions(db_path) == {PERIOD: own})
        await wait_until(pilot, lambda: screen.up_to_date and f"**{own}**" in screen.summary.text)
        assert screen_tests.stored_question(db_path) == case_question
        # Back to the whole case: its own question, unchanged; and the period's comes back with the period.
        screen.query_one("#iv-scope", Select).value = "case"
        await wait_until(pilot, lambda: screen.up_to_date and screen.summary.scope.key is None)
        assert field.text == case_question and field.border_title == "Je vraag aan de groep"
        assert f"**{case_question.replace('Sanne', 'de jongere')}**" in screen.summary.text
        screen.query_one("#iv-scope", Select).value = "m3"
        await wait_until(pilot, lambda: field.text == own)
    assert screen_tests.stored_question(db_path) == case_question


async def open_review_again(app, pilot):
    from coach.tui.screens.intervision import IntervisionScreen

    await wait_until(pilot, lambda: isinstance(app.screen, IntervisionScreen))
    screen = app.screen
    await wait_until(pilot, lambda: screen.up_to_date)
    return screen


async def test_the_check_key_walks_every_capitalised_word_and_number_left(db_path: Path, fake: FakeClient) -> None:
    app = make_app(db_path, today=TODAY)
    async with app.run_test(size=SMALL) as pilot:
        screen = await open_review(app, pilot)
        pane = screen.query_one("#iv-summary", MarkedText)
        points = screen.summary.check_points()
        words = [screen.summary.text[a:b] for a, b in points]
        assert "Kennismaking" in words and "Sanne" not in words and "Karim" not in words
        await pilot.press("n")
        title = str(screen.query_one("#iv-summary-title").render())
        assert f"nalopen 1 van {len(points)}" in title
        assert pane.selected_text == words[0] and app.focused is pane
        assert any(m.kind == "current" and (m.start, m.end) == points[0] for m in pane.marks)
        await pilot.press("n")
        assert pane.selected_text == words[1] and f"nalopen 2 van {len(points)}" in str(
            screen.query_one("#iv-summary-title").render()
        )
        # The word the key is on can be hidden straight away; the count drops by one.
        await pilot.press("h")
        assert len(screen.summary.check_points()) < len(points)


async def test_v_shows_the_summary_formatted_not_as_raw_markdown(db_path: Path, fake: FakeClient) -> None:
    app = make_app(db_path, today=TODAY)
    async with app.run_test(size=SMALL) as pilot:
        screen = await open_review(app, pilot)
        assert not screen.query("#iv-formatted")  # mounted when first asked for
        await pilot.press("v")
        await pilot.pause()
        formatted = screen.query_one("#iv-formatted", Markdown)
        await wait_until(pilot, lambda: bool(formatted.query("MarkdownH1")))
        assert formatted.display and formatted.region.height > 5 and app.focused is formatted
        assert not screen.query_one("#iv-summary", MarkedText).display
        assert formatted.query("MarkdownH1") and len(formatted.query("MarkdownH2")) >= 5
        shown = "\n".join(str(block.render()) for block in formatted.query("MarkdownH2"))
        assert "##" not in shown and "De casus in het kort" in shown
        await pilot.press("v")
        assert not formatted.display and screen.query_one("#iv-summary", MarkedText).display
        # A new summary while formatted is shown is formatted too.
        await pilot.press("v", "m")
        await wait_until(pilot, lambda: screen.up_to_date and "## Het moment" in screen.summary.text)
        await wait_until(
            pilot, lambda: "Het moment" in "\n".join(str(b.render()) for b in formatted.query("MarkdownH2"))
        )
