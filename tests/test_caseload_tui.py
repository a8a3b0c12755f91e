"""The caseload as the weekly desk, driven with Pilot: sort, filter, search, 'deze week', totals, the virtual table."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from helpers import wait_until, youth_in_full
from textual.widgets import OptionList, Static

from coach.demo.generator import build_demo
from coach.store.db import open_db
from coach.tui.app import CoachApp, make_app
from coach.tui.dialogs.filter_menu import FilterMenu
from coach.tui.dialogs.sort_menu import SortMenu
from coach.tui.screens.caseload import FIRST_ROWS, CaseloadScreen
from coach.tui.widgets.caseload_table import CaseloadTable
from coach.tui.widgets.search_field import SearchField

SMALL, LARGE = (80, 24), (200, 50)
BY_NAME = ["Daan de Vries", "Noor Bakker", "Samira El Amrani"]


def table(app: CoachApp) -> CaseloadTable:
    return app.screen.query_one(CaseloadTable)


def names(app: CoachApp) -> list[str]:
    return [row.name for row in table(app).rows]


def text_of(app: CoachApp, selector: str) -> str:
    return str(app.screen.query_one(selector, Static).render())


def footer_keys(app: CoachApp) -> list[str]:
    """The descriptions of the keys the footer shows, left to right."""
    return [key.description for key in app.screen.query("FooterKey") if key.display]


def painted(table: CaseloadTable) -> list[str]:
    """The table's lines as the coach sees them."""
    return [table.render_line(y).text for y in range(table.scrollable_content_region.height)]


async def search(pilot, text: str) -> None:
    await pilot.press("slash", *text)
    await searched(pilot)


async def searched(pilot) -> None:
    """Wait for the search to run: it does once typing pauses, for what the field holds then."""
    screen = pilot.app.screen
    field = screen.query_one(SearchField)
    await wait_until(pilot, lambda: screen.desk.filter.search == field.value)


# --- sorting ----------------------------------------------------------------------------------


async def test_sort_menu_orders_by_rhythm(case_db: Path, today: date) -> None:
    app = make_app(case_db, today=today)
    async with app.run_test(size=SMALL) as pilot:
        assert names(app) == BY_NAME
        await pilot.press("s")
        assert isinstance(app.screen, SortMenu)
        assert app.screen.query_one(OptionList).highlighted == 0  # the current order, marked
        await pilot.press("down", "enter")
        await pilot.pause()
        assert isinstance(app.screen, CaseloadScreen)
        assert names(app) == ["Daan de Vries", "Samira El Amrani", "Noor Bakker"]  # te lang, let op, op koers
        assert table(app).header_cells()[3] == "Ritme ▾"
        assert "op contactritme" in text_of(app, "#desk-bar")


async def test_escape_leaves_the_order_as_it_was(case_db: Path, today: date) -> None:
    app = make_app(case_db, today=today)
    async with app.run_test(size=SMALL) as pilot:
        await pilot.press("s", "down", "escape")
        await pilot.pause()
        assert isinstance(app.screen, CaseloadScreen) and names(app) == BY_NAME


async def test_clicking_a_header_sorts_by_that_column(case_db: Path, today: date) -> None:
    app = make_app(case_db, today=today)
    async with app.run_test(size=LARGE) as pilot:
        layout = table(app).table_layout
        x = 1
        for column, width in layout.columns:
            if column.key == "next":
                break
            x += width + layout.gap
        await pilot.click(CaseloadTable, offset=(x + 1, 0))
        await pilot.pause()
        assert names(app) == ["Samira El Amrani", "Noor Bakker", "Daan de Vries"]  # 17 mrt, 24 mrt, none
        assert table(app).header_cells()[5] == "Volgende contact ▾"


async def test_sorting_keeps_the_cursor_on_the_same_young_person(case_db: Path, today: date) -> None:
    app = make_app(case_db, today=today)
    async with app.run_test(size=SMALL) as pilot:
        await pilot.press("down")  # Noor
        chosen = table(app).chosen_id
        await pilot.press("s", "down", "enter")
        await pilot.pause()
        assert table(app).chosen_id == chosen and table(app).cursor_row == 2


# --- filtering --------------------------------------------------------------------------------


async def test_filter_menu_shows_the_count_and_the_chips_say_why_rows_are_missing(case_db: Path, today: date) -> None:
    app = make_app(case_db, today=today)
    async with app.run_test(size=SMALL) as pilot:
        await pilot.press("f")
        assert isinstance(app.screen, FilterMenu)
        assert text_of(app, "#filter-count") == "Met deze keuze: 3 van 3 jongeren"
        await pilot.press("down", "down", "enter")  # the third phase: Begeleiding
        await pilot.pause()
        assert text_of(app, "#filter-count") == "Met deze keuze: 2 van 3 jongeren"
        options = app.screen.query_one(OptionList)
        # What is painted, not only the prompt: "[x]" once vanished as markup, so ticked looked like unticked.
        painted_options = [options.render_line(y).text for y in range(options.size.height)]
        assert any("[x] Begeleiding" in line for line in painted_options)
        assert any("[ ] Intake" in line for line in painted_options)
        await pilot.press("down", "down", "down", "enter")  # Contactritme: Te lang
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, CaseloadScreen)
        assert names(app) == ["Daan de Vries"]
        bar = text_of(app, "#desk-bar")
        assert "1 van 3" in bar and "fase Begeleiding" in bar and "ritme te lang" in bar


async def test_a_chip_clicked_away_and_x_clear_the_filters(case_db: Path, today: date) -> None:
    app = make_app(case_db, today=today)
    async with app.run_test(size=LARGE) as pilot:
        screen = app.screen
        await pilot.press("f", "down", "down", "enter", "down", "down", "down", "enter", "escape")
        await pilot.pause()
        assert names(app) == ["Daan de Vries"]
        # Line 2 of the bar: "Filter:  fase Begeleiding ✕  ritme te lang ✕ ..."; click the first chip.
        await pilot.click("#desk-bar", offset=(12, 1))
        await pilot.pause()
        assert not screen.filter.phases and screen.filter.continuity == {"te_lang"}
        assert "fase" not in text_of(app, "#desk-bar")
        await pilot.press("x")
        await pilot.pause()
        assert names(app) == BY_NAME and screen.filter.is_empty
        assert "Filter" not in text_of(app, "#desk-bar")


async def test_single_choice_groups_hold_one_choice(case_db: Path, today: date) -> None:
    app = make_app(case_db, today=today)
    async with app.run_test(size=SMALL) as pilot:
        await pilot.press("f")
        options = app.screen.query_one(OptionList)
        options.highlighted = options.get_option_index("seen:7")
        await pilot.press("enter")
        options.highlighted = options.get_option_index("seen:28")
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen.filter.not_seen_days == 28
        assert "( ) langer dan 7" in str(options.get_option("seen:7").prompt)
        await pilot.press("escape")
        await pilot.pause()
        assert names(app) == ["Daan de Vries"]  # 53 days unseen


async def test_a_filter_that_leaves_nobody_says_so(case_db: Path, today: date) -> None:
    app = make_app(case_db, today=today)
    async with app.run_test(size=SMALL) as pilot:
        await pilot.press("f")
        options = app.screen.query_one(OptionList)
        options.highlighted = options.get_option_index("phase:nazorg")
        await pilot.press("enter", "escape")
        await pilot.pause()
        assert table(app).row_count == 0
        assert "Niemand gevonden. x wist de filters" in painted(table(app))[1]


# --- search -----------------------------------------------------------------------------------


async def test_search_finds_a_name_and_a_word_only_in_a_note_and_escape_clears(case_db: Path, today: date) -> None:
    app = make_app(case_db, today=today)
    async with app.run_test(size=SMALL) as pilot:
        screen = app.screen
        assert not any(row.display for row in screen.query("#search-row"))  # none yet, or hidden
        await search(pilot, "sam")
        assert screen.query_one("#search-row").display
        assert names(app) == ["Samira El Amrani"]
        await pilot.press(*["backspace"] * 3)
        await pilot.press(*"stage")  # only in one of Noor's contact notes
        await searched(pilot)
        assert names(app) == ["Noor Bakker"]
        assert "zoek “stage”" in text_of(app, "#desk-bar")
        await pilot.press("escape")
        await pilot.pause()
        assert names(app) == BY_NAME and screen.query_one(SearchField).value == ""
        assert not screen.query_one("#search-row").display and table(app).has_focus


async def test_typing_in_the_search_field_never_triggers_keys_of_the_screen(case_db: Path, today: date) -> None:
    app = make_app(case_db, today=today)
    async with app.run_test(size=SMALL) as pilot:
        await search(pilot, "sqwfx")
        assert app.is_running and isinstance(app.screen, CaseloadScreen)  # no quit, no sort menu, no filter
        assert app.screen.query_one(SearchField).value == "sqwfx"
        assert not app.screen.week_view and table(app).row_count == 0


async def test_quotes_and_stars_in_a_search_are_harmless(case_db: Path, today: date) -> None:
    app = make_app(case_db, today=today)
    async with app.run_test(size=SMALL) as pilot:
        await search(pilot, '"*')
        assert table(app).row_count == 0
        assert "Typ een naam of een woord" in painted(table(app))[1]
        await pilot.press("backspace", "backspace", *'"noor*')
        await searched(pilot)
        assert names(app) == ["Noor Bakker"]


async def test_enter_in_the_search_field_opens_the_one_match_or_goes_to_the_results(case_db: Path, today: date) -> None:
    app = make_app(case_db, today=today)
    async with app.run_test(size=SMALL) as pilot:
        # Nothing typed, all three shown: Enter puts the cursor on the list.
        await pilot.press("slash", "enter")
        await pilot.pause()
        assert isinstance(app.screen, CaseloadScreen) and len(names(app)) == 3 and table(app).has_focus
        # One match: Enter opens it at once, typed fast (before the search pause).
        await pilot.press("slash", *"daan", "enter")
        await wait_until(pilot, lambda: youth_in_full(app))
        desk = app.screen_stack[-2]
        assert isinstance(desk, CaseloadScreen)
        assert app.screen.youth_id == next(e.id for e in desk.entries if e.name == "Daan de Vries")
        await pilot.press("escape")
        await pilot.pause()
        # Back on the desk the search still stands.
        assert names(app) == ["Daan de Vries"] and "zoek “daan”" in text_of(app, "#desk-bar")


# --- deze week and totals ---------------------------------------------------------------------


@pytest.mark.parametrize("size", [SMALL, LARGE])
async def test_deze_week_lists_whom_to_see_and_why(case_db: Path, today: date, size) -> None:
    app = make_app(case_db, today=today)
    async with app.run_test(size=size) as pilot:
        await pilot.press("w")
        await pilot.pause()
        assert app.screen.week_view
        assert names(app) == ["Daan de Vries", "Samira El Amrani", "Noor Bakker"]
        assert text_of(app, "#desk-bar").startswith("Deze week (za 14 mrt – vr 20 mrt) · 3 om te zien")
        why = [cells[-1] for cells in (table(app).row_cells(i) for i in range(3))]
        assert why == [
            "te lang niet gezien: 53 dagen · 1 afspraak te laat",
            "11 dagen niet gezien · huisbezoek di 17 mrt 10:00",
            "een afspraak moet af zijn: vr 20 mrt",
        ]
        # The full reasons of the highlighted young person stand below the table.
        await pilot.press("down")
        await pilot.pause()
        assert text_of(app, "#row-detail") == "Samira El Amrani: 11 dagen niet gezien · huisbezoek di 17 mrt 10:00"
        descriptions = [b.binding.description for b in app.screen.active_bindings.values()]
        assert "Iedereen" in descriptions and "Deze week" not in descriptions
        await pilot.press("w")
        await pilot.pause()
        assert not app.screen.week_view and names(app) == BY_NAME
        assert not app.screen.query_one("#row-detail").display


async def test_deze_week_at_80_columns_keeps_the_reasons_whole_below_the_table(case_db: Path, today: date) -> None:
    app = make_app(case_db, today=today)
    async with app.run_test(size=SMALL) as pilot:
        await pilot.press("w")
        await pilot.pause()
        assert [column.key for column, _ in table(app).table_layout.columns] == ["name", "rhythm", "why"]
        detail = app.screen.query_one("#row-detail")
        assert "te lang niet gezien: 53 dagen · 1 afspraak te laat" in str(detail.render())
        assert detail.region.height >= 1


async def test_deze_week_at_80_columns_shows_the_way_back_where_sorting_stood(case_db: Path, today: date) -> None:
    app = make_app(case_db, today=today)
    async with app.run_test(size=SMALL) as pilot:
        await wait_until(pilot, lambda: footer_keys(app))
        assert "Sorteer" in footer_keys(app)
        await pilot.press("w")
        await wait_until(pilot, lambda: "Iedereen" in footer_keys(app))
        # 'Deze week' has its own order (the most urgent on top): s sorts nothing there, and says nothing.
        assert "Sorteer" not in footer_keys(app)
        await pilot.press("s")
        await pilot.pause()
        assert isinstance(app.screen, CaseloadScreen) and app.screen.week_view
        await pilot.press("w")
        await wait_until(pilot, lambda: "Sorteer" in footer_keys(app))
        assert not app.screen.week_view


async def test_totals_per_phase_and_rhythm_stay_whatever_the_filter(case_db: Path, today: date) -> None:
    app = make_app(case_db, today=today)
    async with app.run_test(size=SMALL) as pilot:
        summary = text_of(app, "#summary")
        assert summary.splitlines() == [
            "3 jongeren · ● 1 te lang · ● 1 let op · 1 met afspraken te laat",
            "Intake 1 · Begeleiding 2",
        ]
        await search(pilot, "noor")
        assert text_of(app, "#summary") == summary


# --- the virtual table ------------------------------------------------------------------------


async def test_cursor_keys_and_mouse(case_db: Path, today: date) -> None:
    app = make_app(case_db, today=today)
    async with app.run_test(size=SMALL) as pilot:
        t = table(app)
        await pilot.press("end")
        assert t.cursor_row == 2
        await pilot.press("up")
        assert t.cursor_row == 1
        await pilot.press("home")
        assert t.cursor_row == 0
        await pilot.press("pagedown")
        assert t.cursor_row == 2
        await pilot.press("pageup", "up")
        assert t.cursor_row == 0
        await pilot.click(CaseloadTable, offset=(3, 3))  # the third row (the header is line 0)
        assert t.cursor_row == 2 and isinstance(app.screen, CaseloadScreen)
        await pilot.click(CaseloadTable, offset=(3, 3))  # a second click on the chosen row opens it
        await wait_until(pilot, lambda: youth_in_full(app))
        assert app.screen.youth_id == t.rows[2].id


@pytest.mark.parametrize("size", [SMALL, LARGE])
async def test_every_column_fits_and_only_names_get_an_ellipsis(case_db: Path, today: date, size) -> None:
    app = make_app(case_db, today=today)
    async with app.run_test(size=size):
        t = table(app)
        lines = painted(t)
        assert len(lines[0]) <= t.scrollable_content_region.width
        assert lines[0].split() == [word for cell in t.header_cells() for word in cell.split()]
        for index in range(t.row_count):
            cells = t.row_cells(index)
            for cell in cells[1:]:
                assert cell in lines[index + 1], f"{cell!r} cut off in {lines[index + 1]!r}"


@pytest.fixture
def big_db(tmp_path: Path) -> Path:
    path = tmp_path / "big.db"
    db = open_db(path)
    build_demo(db, youths=150, seed=3, today=date(2026, 3, 14))
    db.close()
    return path


async def test_a_big_caseload_paints_first_rows_then_loads_all_and_draws_only_what_shows(big_db: Path) -> None:
    app = make_app(big_db, today=date(2026, 3, 14))
    asked: list[list[int]] = []
    async with app.run_test(size=SMALL) as pilot:
        t = table(app)
        await wait_until(pilot, lambda: len(app.screen.entries) > FIRST_ROWS)
        total = len(app.screen.entries)
        assert t.row_count == total and names(app) == sorted(names(app), key=str.casefold)
        source = t.rhythm_source

        def counting(ids, weeks, ahead):
            asked.append(ids)
            return source(ids, weeks, ahead)

        t.rhythm_source = counting
        t.clear_rhythm()
        await pilot.press("end")
        await pilot.pause()
        visible = t.scrollable_content_region.height - 1
        assert t.cursor_row == total - 1
        assert t.rows[-1].name[:10] in painted(t)[-1]  # (after a mark such as "! acuut", when there is one)
        # Rhythm strips are read for the rows on screen only, never for the whole caseload.
        assert asked and all(len(ids) <= visible for ids in asked)


async def test_the_desk_stays_as_left_after_visiting_a_young_person(case_db: Path, today: date) -> None:
    app = make_app(case_db, today=today)
    async with app.run_test(size=SMALL) as pilot:
        await pilot.press("s", "down", "enter", "w", "w")
        await pilot.pause()
        await pilot.press("down", "enter")
        await wait_until(pilot, lambda: youth_in_full(app))
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen.sort_key == "ritme" and table(app).cursor_row == 1


async def test_the_caseload_is_read_again_only_as_far_as_needed(case_db: Path, today: date) -> None:
    app = make_app(case_db, today=today)
    async with app.run_test(size=SMALL) as pilot:
        screen = app.screen
        reloads: list[int] = []
        original = screen.desk.load
        screen.desk.load = lambda: (reloads.append(1), original())[1]
        await pilot.press("s", "down", "enter", "f", "enter", "escape")
        await pilot.pause()
        assert reloads == [] and screen.sort_key == "ritme" and screen.filter.phases == {"aanmelding"}
        await pilot.press("x", "enter")
        await wait_until(pilot, lambda: youth_in_full(app))
        await pilot.press("escape")
        await pilot.pause()
        assert reloads == []  # only looked at a young person: nothing to read again
        await pilot.press("enter")
        await wait_until(pilot, lambda: youth_in_full(app))
        app.db.execute("UPDATE agreements SET status = 'gedaan' WHERE text = 'Afspraak maken bij de huisarts'")
        await pilot.press("escape")
        await pilot.pause()
        # Something was written meanwhile: the audit trail says whose file, only that row is read again.
        assert reloads == []
        daan = next(entry for entry in screen.entries if entry.name == "Daan de Vries")
        assert daan.overdue_agreements == 0 and "met afspraken te laat" not in text_of(app, "#summary")
        await pilot.press("enter")
        await wait_until(pilot, lambda: youth_in_full(app))
        app.db.execute("INSERT INTO settings (key, value) VALUES ('iets', 'anders')")
        await pilot.press("escape")
        await pilot.pause()
        assert reloads == [1]  # a change that belongs to no young person: everything is read again


async def test_while_searching_the_line_below_says_where_the_words_were_found(case_db: Path, today: date) -> None:
    app = make_app(case_db, today=today)
    async with app.run_test(size=SMALL) as pilot:
        await search(pilot, "park stage")
        assert names(app) == ["Noor Bakker"]
        await pilot.pause()
        assert text_of(app, "#row-detail") == "Noor Bakker · notitie van 10 mrt: Rondje park, over de stage gepraat."
        await pilot.press("ctrl+u", *"samira")
        await searched(pilot)
        assert text_of(app, "#row-detail") == "Samira El Amrani: gevonden in de naam"


async def test_two_young_people_with_the_same_name_are_told_apart_by_their_number(case_db: Path, today: date) -> None:
    from helpers import make_case

    from coach.store.cases import insert_cases

    db = open_db(case_db)
    insert_cases(db, [make_case("Noor", last_name="Bakker", started_on=date(2026, 1, 5))])
    db.close()
    app = make_app(case_db, today=today)
    async with app.run_test(size=SMALL) as pilot:
        await wait_until(pilot, lambda: len(names(app)) == 4)
        noors = [row.id for row in table(app).rows if row.name == "Noor Bakker"]
        assert len(noors) == 2
        lines = painted(table(app))
        for youth_id in noors:
            assert any(f"nr {youth_id} Noor Bakker" in line for line in lines), lines
        # A name that does not repeat stays as it is.
        assert any(line.lstrip().startswith("Daan de Vries") for line in lines)
