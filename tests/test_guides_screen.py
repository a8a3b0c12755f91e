"""The handbook in the app, driven with Pilot: guides, search, links, and the help key on each screen."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import wait_until
from textual.app import ComposeResult
from textual.command import CommandList
from textual.geometry import Offset
from textual.screen import Screen
from textual.widgets import Input, Markdown, OptionList, Static, TextArea
from textual.widgets.markdown import MarkdownBlock

from coach.content.guides import Hit, domain_section, headings, plain_text, search, slugify
from coach.tui.app import CoachApp, make_app
from coach.tui.dialogs.guide_links import GuideLinks
from coach.tui.help import FALLBACK, help_target
from coach.tui.screens.caseload import CaseloadScreen
from coach.tui.screens.guides import HANDBOOK, GuidesScreen, link_choices, section_titles
from coach.tui.screens.youth import YouthScreen
from coach.tui.widgets.guide_hits import GuideHits, hit_prompt
from coach.tui.widgets.guide_viewer import GuideViewer

GUIDES = Path(__file__).resolve().parents[1] / "guides"
SMALL, LARGE = (80, 24), (200, 50)


# --- helpers ----------------------------------------------------------------------------


def handbook(app: CoachApp) -> GuidesScreen:
    """The handbook screen, which must be the one showing."""
    assert isinstance(app.screen, GuidesScreen), f"niet het handboek maar {type(app.screen).__name__}"
    return app.screen


def heading(viewer: GuideViewer, title: str) -> MarkdownBlock:
    """The heading widget with this text in the viewer's document."""
    # Textual exports no heading class; a type selector matches its subclasses by name (MarkdownH1, ...).
    found = [h for h in viewer.document.query("MarkdownHeader") if str(h.render()).strip() == title]
    assert found, f"kop {title!r} staat niet in het getoonde stuk"
    return found[0]


def title_of_slug(guide: str, slug: str) -> str:
    """The heading text of a section, from the guide file itself."""
    return next(t for _level, t, s in headings((GUIDES / guide).read_text(encoding="utf-8")) if s == slug)


def at_top(viewer: GuideViewer, title: str) -> bool:
    """Whether the heading is scrolled to the top of the viewer (or into view, at the end of the guide)."""
    header = heading(viewer, title)
    top = header.region.y - header.styles.margin.top
    if top == viewer.content_region.y:
        return True
    return viewer.scroll_y >= viewer.max_scroll_y and viewer.content_region.contains_region(header.region)


async def assert_shows(pilot, guide: str, slug: str | None) -> None:
    """The handbook shows this guide's text, scrolled to this section (or to its top)."""
    screen = handbook(pilot.app)
    viewer = screen.viewer
    await wait_until(pilot, lambda: viewer.guide == guide)
    assert viewer.document.source == (GUIDES / guide).read_text(encoding="utf-8")
    assert viewer.slug == slug
    if slug is None:
        await wait_until(pilot, lambda: viewer.scroll_y == 0)
    else:
        title = title_of_slug(guide, slug)
        await wait_until(pilot, lambda: at_top(viewer, title))
    guide_list = screen.query_one("#guide-list", OptionList)
    assert guide_list.get_option_at_index(guide_list.highlighted).id == guide


def link_offset(viewer: GuideViewer, text: str) -> tuple[MarkdownBlock, Offset]:
    """Where the link text is drawn: the block it is in and the offset of its first letter."""
    for block in viewer.document.query(MarkdownBlock):
        if block.children:
            continue
        for y in range(block.size.height):
            line = block.render_line(y).text
            if text in line:
                return block, Offset(line.index(text) + 1, y)
    raise AssertionError(f"link {text!r} niet gevonden")


async def search_for(pilot, words: str) -> GuideHits:
    """Type words in the handbook's search field and wait for the hits."""
    await pilot.press("slash", *words)
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    return handbook(pilot.app).query_one(GuideHits)


class NoteScreen(Screen):
    """A stand-in screen with a text field that names its own help section."""

    def __init__(self, target: tuple[str, str | None]) -> None:
        super().__init__()
        self.target = target

    def compose(self) -> ComposeResult:
        yield TextArea(id="note")

    def help_target(self) -> tuple[str, str | None]:
        return self.target


# --- the help key on each main screen ---------------------------------------------------------


@pytest.mark.parametrize("key", ["f1", "question_mark"])
@pytest.mark.parametrize("size", [SMALL, LARGE])
async def test_help_on_the_caseload_opens_its_section_and_escape_returns(case_db, today, key, size) -> None:
    app = make_app(case_db, today=today)
    async with app.run_test(size=size) as pilot:
        caseload = app.screen
        assert isinstance(caseload, CaseloadScreen)
        await pilot.press(key)
        await assert_shows(pilot, "app.md", "de-caseload")
        assert handbook(app).sub_title == "De app gebruiken"

        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is caseload


async def test_help_on_the_young_persons_screen(case_db, today) -> None:
    app = make_app(case_db, today=today)
    async with app.run_test(size=SMALL) as pilot:
        await pilot.press("down", "enter")
        await pilot.pause()
        youth = app.screen
        assert isinstance(youth, YouthScreen)
        await pilot.press("question_mark")
        await assert_shows(pilot, "app.md", "het-scherm-van-een-jongere")

        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is youth


async def test_help_during_an_intake_opens_the_domain_in_focus(case_db, today) -> None:
    app = make_app(case_db, today=today)
    async with app.run_test(size=LARGE) as pilot:
        await pilot.press("down", "enter")
        await pilot.pause()
        await pilot.press("i")
        await wait_until(pilot, lambda: type(app.screen).__name__ == "IntakeScreen")
        intake = app.screen
        await intake.go_to("financien")
        await wait_until(pilot, lambda: isinstance(app.focused, TextArea))

        await pilot.press("question_mark")  # in a text field: a question mark, no help
        await pilot.pause()
        assert app.screen is intake
        assert app.focused.text.endswith("?")

        await pilot.press("f1")
        assert domain_section(GUIDES, "financien") == ("intake.md", "financiën")  # an accented anchor
        await assert_shows(pilot, "intake.md", "financiën")

        await pilot.press("escape")
        await wait_until(pilot, lambda: app.screen is intake)
        assert intake.section == "financien"


async def test_a_screen_names_its_own_section_and_question_mark_types_in_its_text_field(case_db, today) -> None:
    app = make_app(case_db, today=today)
    async with app.run_test(size=SMALL) as pilot:
        note = NoteScreen(("afbouw-loslaten.md", slugify("Signalen van klaar zijn")))
        await app.push_screen(note)
        note.query_one(TextArea).focus()
        await pilot.press("question_mark", "question_mark")
        await pilot.pause()
        assert app.screen is note
        assert note.query_one(TextArea).text == "??"

        await pilot.press("f1")  # F1 works from inside a text field
        await assert_shows(pilot, "afbouw-loslaten.md", "signalen-van-klaar-zijn")
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is note and note.query_one(TextArea).text == "??"


async def test_a_help_target_that_does_not_exist_shows_the_index(case_db, today, notices) -> None:
    app = make_app(case_db, today=today)
    async with app.run_test(size=SMALL) as pilot:
        await app.push_screen(NoteScreen(("bestaat-niet.md", None)))
        await pilot.press("f1")
        await assert_shows(pilot, "index.md", None)
        assert notices.any_with("niet gevonden")


async def test_a_missing_section_shows_the_top_of_the_guide(case_db, today) -> None:
    app = make_app(case_db, today=today)
    async with app.run_test(size=SMALL) as pilot:
        await app.push_screen(NoteScreen(("privacy.md", "bestaat-niet")))
        await pilot.press("f1")
        await assert_shows(pilot, "privacy.md", None)


async def test_help_on_the_handbook_itself_opens_how_to_use_it(case_db, today) -> None:
    app = make_app(case_db, today=today)
    async with app.run_test(size=SMALL) as pilot:
        await pilot.press("f1")
        await assert_shows(pilot, "app.md", "de-caseload")
        await pilot.press("f1")
        await assert_shows(pilot, "index.md", "zo-gebruik-je-dit-handboek")
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, CaseloadScreen)  # not a second handbook on the stack


def test_default_help_targets_exist_in_the_handbook() -> None:
    for target in [CaseloadScreen.HELP_TARGET, YouthScreen.HELP_TARGET, GuidesScreen.help_target(None), FALLBACK]:  # type: ignore[arg-type]
        guide, slug = target
        text = (GUIDES / guide).read_text(encoding="utf-8")
        if slug is not None:
            assert slug in {s for _level, _title, s in headings(text)}, target


def test_help_falls_through_screens_without_help_to_the_one_below() -> None:
    class Plain(Screen):
        pass

    caseload = CaseloadScreen.__new__(CaseloadScreen)  # only its type matters here
    assert help_target([caseload, Plain()]) == CaseloadScreen.HELP_TARGET
    assert help_target([caseload, NoteScreen(("huisbezoek.md", None))]) == ("huisbezoek.md", None)
    assert help_target([Plain()]) == FALLBACK


# --- the handbook screen ---------------------------------------------------------------------


async def test_palette_opens_the_handbook_and_its_search(case_db, today) -> None:
    app = make_app(case_db, today=today)
    async with app.run_test(size=LARGE) as pilot:
        await pilot.press("ctrl+p", *"zoek in het handboek")
        await wait_until(pilot, lambda: app.screen.query_one(CommandList).option_count > 0)
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(app.screen, GuidesScreen))
        await assert_shows(pilot, "index.md", None)
        assert isinstance(app.focused, Input) and app.focused.id == "guide-search"


async def test_switching_guides_from_the_list(case_db, today) -> None:
    app = make_app(case_db, today=today)
    async with app.run_test(size=SMALL) as pilot:
        await pilot.press("f1")
        await assert_shows(pilot, "app.md", "de-caseload")
        restyled: list[object] = []
        update_nodes = app.stylesheet.update_nodes

        def counting(nodes, animate: bool = False) -> None:
            nodes = list(nodes)
            restyled.extend(nodes)
            update_nodes(nodes, animate)

        app.stylesheet.update_nodes = counting  # type: ignore[method-assign]
        await pilot.press("slash", "tab")  # from the search field to the list of guides
        assert app.focused.id == "guide-list"
        # The text lost the focus: it is restyled, not each of the blocks it is made of.
        blocks = list(handbook(app).viewer.document.query(MarkdownBlock))
        assert len(blocks) > 50 and not set(map(id, blocks)) & set(map(id, restyled))
        await pilot.press("home", "down", "down", "enter")
        await assert_shows(pilot, "warm-verhaal.md", None)
        assert handbook(app).sub_title == "Het warme verhaal"
        assert isinstance(app.focused, Markdown)  # ready to read and scroll


async def test_search_lists_guide_section_and_line_and_enter_jumps_to_an_accented_section(case_db, today) -> None:
    app = make_app(case_db, today=today)
    async with app.run_test(size=LARGE) as pilot:
        await pilot.press("f1")
        await assert_shows(pilot, "app.md", "de-caseload")
        hits = await search_for(pilot, "financien")
        screen = handbook(app)
        expected = search(GUIDES, "financien")
        assert hits.option_count == len(expected) > 1
        assert screen.query_one("#guides-side").has_class("-searching")
        assert not screen.query_one("#guide-list").display and hits.display
        assert str(screen.query_one("#search-status", Static).render()) == f"{len(expected)} plekken"
        # Each hit names guide and section, and shows the line.
        first = str(hits.get_option_at_index(0).prompt)
        titles = section_titles(GUIDES)
        place = titles[expected[0].guide][""]
        assert first.startswith(place) and plain_text(expected[0].line) in first

        target = next(i for i, hit in enumerate(expected) if (hit.guide, hit.slug) == ("intake.md", "financiën"))
        await pilot.press("enter")  # from the field to the hits
        assert app.focused is hits
        await pilot.press(*["down"] * target, "enter")
        await assert_shows(pilot, "intake.md", "financiën")
        assert isinstance(app.focused, Markdown)


async def test_on_80_columns_the_hits_lie_over_the_text_and_the_jump_lands_on_the_section(case_db, today) -> None:
    app = make_app(case_db, today=today)
    async with app.run_test(size=SMALL) as pilot:
        await pilot.press("f1")
        await assert_shows(pilot, "app.md", "de-caseload")
        screen = handbook(app)
        text_width = screen.viewer.document.region.width
        hits = await search_for(pilot, "financien")
        await pilot.press("enter")
        await pilot.pause()
        assert app.focused is hits
        side = screen.query_one("#guides-side")
        assert hits.region.width > side.region.width  # room to read the lines
        assert screen.viewer.document.region.width == text_width  # the text did not reflow

        expected = search(GUIDES, "financien")
        target = next(i for i, hit in enumerate(expected) if hit.guide == "app.md")
        await pilot.press(*["down"] * target, "enter")
        await assert_shows(pilot, "app.md", expected[target].slug)
        assert hits.region.width <= side.region.width


async def test_search_without_hits_and_clearing_it(case_db, today) -> None:
    app = make_app(case_db, today=today)
    async with app.run_test(size=SMALL) as pilot:
        await pilot.press("f1")
        hits = await search_for(pilot, "xyzzy")
        screen = handbook(app)
        assert hits.option_count == 0
        assert "Niets gevonden" in str(screen.query_one("#search-status", Static).render())
        await pilot.press("enter")  # nothing to go to: the cursor stays in the field
        assert isinstance(app.focused, Input)

        await pilot.press(*["backspace"] * 5)
        await pilot.pause()
        assert not screen.query_one("#guides-side").has_class("-searching")
        assert screen.query_one("#guide-list").display and not hits.display
        assert screen.viewer.guide == "app.md"  # backspace in the field deletes, it does not go back


async def test_too_many_hits_are_capped_with_a_hint(case_db, today) -> None:
    app = make_app(case_db, today=today)
    async with app.run_test(size=SMALL) as pilot:
        await pilot.press("f1")
        hits = await search_for(pilot, "e")
        assert hits.option_count == 50
        assert "typ een woord meer" in str(handbook(app).query_one("#search-status", Static).render())


async def test_question_mark_in_the_search_field_types_and_f1_still_helps(case_db, today) -> None:
    app = make_app(case_db, today=today)
    async with app.run_test(size=SMALL) as pilot:
        await pilot.press("f1")
        await assert_shows(pilot, "app.md", "de-caseload")
        await pilot.press("slash", *"wat nu", "question_mark")
        await pilot.pause()
        screen = handbook(app)
        assert screen.query_one("#guide-search", Input).value == "wat nu?"
        assert screen.viewer.guide == "app.md"  # no help opened
        await pilot.press("f1")
        await assert_shows(pilot, "index.md", "zo-gebruik-je-dit-handboek")


async def test_clicking_a_link_opens_the_other_guide_at_its_anchor_and_backspace_returns(case_db, today) -> None:
    app = make_app(case_db, today=today)
    async with app.run_test(size=LARGE) as pilot:
        await pilot.press("f1")
        await assert_shows(pilot, "app.md", "de-caseload")
        viewer = handbook(app).viewer
        block, offset = link_offset(viewer, "afgesproken ritme")  # → continuiteit.md#het-contactritme
        await pilot.click(block, offset=offset)
        await assert_shows(pilot, "continuiteit.md", "het-contactritme")

        await pilot.press("backspace")
        await assert_shows(pilot, "app.md", "de-caseload")


async def test_following_a_link_from_the_keyboard(case_db, today) -> None:
    app = make_app(case_db, today=today)
    async with app.run_test(size=SMALL) as pilot:
        await pilot.press("f1")
        await assert_shows(pilot, "app.md", "de-caseload")
        await pilot.press("l")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, GuideLinks)
        links = dialog.query_one(OptionList)
        ids = [links.get_option_at_index(i).id for i in range(links.option_count)]
        target = ids.index("warm-verhaal.md#waarom-het-eerst-komt")
        label = str(links.get_option_at_index(target).prompt)
        assert label == "Het warme verhaal › Waarom het eerst komt"
        await pilot.press(*["down"] * target, "enter")
        await assert_shows(pilot, "warm-verhaal.md", "waarom-het-eerst-komt")

        await pilot.press("l", "escape")  # Esc closes the list, not the handbook
        await pilot.pause()
        assert handbook(app).viewer.guide == "warm-verhaal.md"


async def test_links_to_the_web_or_outside_the_handbook_are_not_followed(case_db, today, notices) -> None:
    app = make_app(case_db, today=today)
    async with app.run_test(size=SMALL) as pilot:
        await pilot.press("f1")
        await assert_shows(pilot, "app.md", "de-caseload")
        document = handbook(app).viewer.document
        for href in ("https://example.org/", "../README.md", "bestaat-niet.md#iets"):
            document.post_message(Markdown.LinkClicked(document, href))
            await pilot.pause()
        await assert_shows(pilot, "app.md", "de-caseload")
        messages = notices
        assert any("internet" in m for m in messages)
        assert sum("niet gevonden" in m for m in messages) == 2


async def test_contents_folds_away_at_80_columns_and_comes_back_with_t(case_db, today) -> None:
    app = make_app(case_db, today=today)
    async with app.run_test(size=SMALL) as pilot:
        await pilot.press("f1")
        await assert_shows(pilot, "app.md", "de-caseload")
        screen = handbook(app)
        viewer = screen.viewer
        assert not viewer.table_of_contents.display
        assert viewer.document.region.width >= 50  # the text gets the room
        await pilot.press("t")
        await pilot.pause()
        assert viewer.table_of_contents.display and viewer.table_of_contents.region.width > 0
        assert not screen.query_one("#guides-side").display  # the contents takes the list's place
        await pilot.press("t")
        await pilot.pause()
        assert screen.query_one("#guides-side").display


async def test_contents_is_shown_on_a_wide_screen(case_db, today) -> None:
    app = make_app(case_db, today=today)
    async with app.run_test(size=LARGE) as pilot:
        await pilot.press("f1")
        await assert_shows(pilot, "app.md", "de-caseload")
        viewer = handbook(app).viewer
        assert viewer.table_of_contents.region.width > 0
        assert handbook(app).query_one("#guides-side").region.width > 0
        assert viewer.document.region.width >= 80


async def test_the_handbook_keeps_its_place_and_search_between_visits(case_db, today) -> None:
    app = make_app(case_db, today=today)
    async with app.run_test(size=SMALL) as pilot:
        await pilot.press("f1")
        first = handbook(app)
        await search_for(pilot, "roddelmethode")
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, CaseloadScreen)

        await pilot.press("ctrl+p", *"handboek")
        await wait_until(pilot, lambda: app.screen.query_one(CommandList).option_count > 0)
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(app.screen, GuidesScreen))
        assert app.screen is first is app.get_screen(HANDBOOK)
        assert first.query_one("#guide-search", Input).value == "roddelmethode"
        assert first.viewer.guide == "app.md"


def test_link_choices_label_each_link_by_guide_and_section() -> None:
    titles = section_titles(GUIDES)
    text = "[a](intake.md) [b](#tweede) [c](intake.md) [d](https://example.org) [e](weg.md#x)"
    choices = link_choices(text, "houding.md", {**titles, "houding.md": {"": "Houding", "tweede": "Tweede"}})
    assert choices == [("De integrale intake", "intake.md"), ("Houding › Tweede", "#tweede")]


def test_a_hit_shows_place_and_plain_line_with_the_words_marked() -> None:
    hit = Hit("intervisie.md", "welke-methode-past", "de **roddelmethode**, als je vastzit")
    prompt = hit_prompt(hit, "Intervisie voorbereiden", "Welke methode past", "Roddel")
    assert prompt.plain == "Intervisie voorbereiden › Welke methode past\nde roddelmethode, als je vastzit"
    marked = [prompt.plain[span.start : span.end] for span in prompt.spans if "accent" in str(span.style)]
    assert marked == ["roddel"]
