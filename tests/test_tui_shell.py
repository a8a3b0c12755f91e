"""The app shell driven with Pilot: caseload, a young person's screen, the command palette."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from helpers import shown_text, wait_until, youth_in_full
from textual.command import CommandList, CommandPalette
from textual.widgets import Static

from coach.domain.domains import DOMAIN_KEYS
from coach.domain.model import Agreement, Case, PhaseEntry, WarmStoryItem, Youth
from coach.store.cases import insert_cases
from coach.store.db import open_db
from coach.tui.app import DEMO_SUBTITLE, CoachApp, make_app
from coach.tui.screens.caseload import CaseloadScreen
from coach.tui.screens.youth import YouthScreen
from coach.tui.widgets.agreement_list import AgreementList
from coach.tui.widgets.caseload_table import CaseloadTable
from coach.tui.widgets.domain_scores import DomainRow, DomainScores
from coach.tui.widgets.warm_story import WarmStory
from coach.tui.widgets.youth_header import YouthHeader

SMALL, LARGE = (80, 24), (200, 50)
OPEN_NAMES = ["Daan de Vries", "Noor Bakker", "Samira El Amrani"]


def text_of(widget: Static) -> str:
    """The plain text a Static shows."""
    return str(widget.render())


def table_rows(app: CoachApp) -> list[list[str]]:
    """The caseload table's cells as plain text, row by row."""
    table = app.screen.query_one(CaseloadTable)
    return [table.row_cells(index) for index in range(table.row_count)]


@pytest.mark.parametrize("size", [SMALL, LARGE])
async def test_caseload_lists_open_trajectories_by_name(case_db: Path, today: date, size) -> None:
    app = make_app(case_db, today=today)
    async with app.run_test(size=size):
        assert isinstance(app.screen, CaseloadScreen)
        rows = table_rows(app)
        assert [row[0] for row in rows] == OPEN_NAMES  # the closed case (Mees) is not listed
        summary = text_of(app.screen.query_one("#summary", Static))
        assert "3 jongeren" in summary
        assert "● 1 te lang" in summary and "● 1 let op" in summary and "1 met afspraken te laat" in summary


async def test_caseload_row_shows_contact_facts(case_db: Path, today: date) -> None:
    app = make_app(case_db, today=today)
    async with app.run_test(size=LARGE):
        # Columns: name, phase, last contact, rhythm word, rhythm per week, next contact, agreements.
        daan, noor, samira = table_rows(app)
        assert daan[2] == "20 jan · 53 dagen"
        assert daan[3] == "● Te lang"
        assert daan[6] == "1 open · 1 te laat"
        assert noor[3] == "● Op koers"
        assert noor[5] == "di 24 mrt 10:00"
        assert samira[3] == "● Let op"
        assert samira[6] == "geen"


async def test_caseload_fits_80_columns(case_db: Path, today: date) -> None:
    app = make_app(case_db, today=today)
    async with app.run_test(size=SMALL):
        table = app.screen.query_one(CaseloadTable)
        assert table.virtual_size.width <= table.scrollable_content_region.width
        daan = table_rows(app)[0]
        assert daan[3] == "● Te lang"  # the word is there, not only the colour
        assert daan[6] == "1 · 1 te laat"


async def test_enter_opens_the_young_person_and_escape_returns(case_db: Path, today: date) -> None:
    app = make_app(case_db, today=today)
    async with app.run_test(size=SMALL) as pilot:
        await pilot.press("down", "enter")
        await pilot.pause()
        assert isinstance(app.screen, YouthScreen)
        header = text_of(app.screen.query_one(YouthHeader))
        assert header.splitlines()[0] == "Noor Bakker"
        assert "18 jaar" in header and "Begeleiding" in header and "Op koers" in header
        assert "4 dagen sinds laatste contact" in header
        assert "vaste coach: Eva" in header

        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, CaseloadScreen)
        assert app.screen.query_one(CaseloadTable).chosen_id == app.screen.entries[1].id


@pytest.mark.parametrize("size", [SMALL, LARGE])
async def test_warm_story_comes_before_the_domains(case_db: Path, today: date, size) -> None:
    app = make_app(case_db, today=today)
    async with app.run_test(size=size) as pilot:
        await pilot.press("down", "enter")
        await pilot.pause()
        screen = app.screen
        warm = screen.query_one(WarmStory)
        domains = screen.query_one(DomainScores)
        assert [type(w) for w in screen.query("WarmStory, DomainScores")] == [WarmStory, DomainScores]
        # Offsets inside the scrolling body: the warm story's section is higher up.
        warm_section, domain_section = warm.parent, domains.parent
        assert warm_section.parent is domain_section.parent
        assert warm_section.virtual_region.bottom <= domain_section.virtual_region.y
        assert warm.region.height > 0  # on screen without scrolling

        lines = [text_of(item) for item in warm.query(".warm-item")]
        assert "“Ik heb mijn zus elke dag naar school gebracht toen mama ziek was.”" in lines
        assert "Haar kat Mo en een eigen kamer." in lines  # not own words: no quotes
        kinds = [text_of(label) for label in warm.query(".warm-kind")]
        # Grouped by kind in the prompts' order, with the kind's label.
        assert kinds == [app.content.warm_kinds[i].label for i in (0, 1, 3)]


async def test_all_thirteen_domains_with_latest_scores(case_db: Path, today: date) -> None:
    app = make_app(case_db, today=today)
    async with app.run_test(size=LARGE) as pilot:
        await pilot.press("down", "enter")
        await pilot.pause()
        rows = list(app.screen.query(DomainRow))
        assert [row.domain for row in rows] == list(DOMAIN_KEYS)
        finance = rows[0]
        line = shown_text(finance)
        # The label, the latest score (2, not the earlier 1), its level, and the young person's own score.
        assert line.startswith(app.content.domain("financien").label)
        assert "██░░░ 2" in line and f" {app.content.level(2).label} " in line
        assert line.rstrip().endswith("jongere: 3")
        housing = rows[DOMAIN_KEYS.index("huisvesting")]
        assert housing.level == "nog niet gescoord" and "nog niet gescoord" in shown_text(housing)
        assert housing.has_class("-unscored")


async def test_te_lang_youth_shows_continuity_word_and_overdue_agreement(case_db: Path, today: date) -> None:
    app = make_app(case_db, today=today)
    async with app.run_test(size=SMALL) as pilot:
        await pilot.press("enter")  # Daan is the first row
        await pilot.pause()
        header = text_of(app.screen.query_one(YouthHeader))
        assert header.splitlines()[0] == "Daan de Vries"
        assert "● Te lang" in header and "53 dagen sinds laatste contact" in header
        overdue = app.screen.query_one(AgreementList).query(".-overdue")
        assert len(overdue) == 1
        assert "Afspraak maken bij de huisarts" in text_of(overdue.first())
        assert "te laat (13 dagen)" in text_of(overdue.first())


async def test_empty_warm_story_invites_the_first_question(case_db: Path, today: date) -> None:
    app = make_app(case_db, today=today)
    async with app.run_test(size=SMALL) as pilot:
        await pilot.press("enter")
        await pilot.pause()
        warm = app.screen.query_one(WarmStory)
        assert "Nog geen warm verhaal" in text_of(warm.query_one(".empty-hint"))
        assert app.content.warm_kinds[0].questions[0] in text_of(warm.query_one(".warm-item"))


async def test_empty_database_says_how_to_add_young_people(empty_db: Path, today: date) -> None:
    app = make_app(empty_db, today=today)
    async with app.run_test(size=SMALL):
        screen = app.screen
        assert isinstance(screen, CaseloadScreen)
        empty = screen.query_one("#empty", Static)
        assert empty.display and empty.region.height > 0
        assert not screen.query_one(CaseloadTable).display
        message = text_of(empty)
        assert "Nog geen jongeren" in message
        assert "coach import" in message and "coach demo" in message
        assert "Openen" not in [b.binding.description for b in screen.active_bindings.values()]


async def test_only_closed_trajectories_says_so(empty_db: Path, today: date) -> None:
    db = open_db(empty_db)
    insert_cases(db, [Case(Youth("Mees"), phases=[PhaseEntry("afgesloten", date(2025, 12, 1))])])
    db.close()
    app = make_app(empty_db, today=today)
    async with app.run_test(size=SMALL):
        message = text_of(app.screen.query_one("#empty", Static))
        assert "Geen jongeren in een lopend traject" in message
        assert "afgesloten" in message


async def test_text_with_brackets_is_shown_as_written(empty_db: Path, today: date) -> None:
    db = open_db(empty_db)
    [youth_id] = insert_cases(
        db,
        [
            Case(
                Youth("Iris", last_name="[b]Kok[/b]"),
                warm_story=[WarmStoryItem("trots", "Mijn [rood] fiets zelf gemaakt", own_words=True)],
                agreements=[Agreement(date(2026, 3, 1), "Formulier [A] invullen", "jongere", "open")],
            )
        ],
    )
    db.close()
    app = make_app(empty_db, today=today)
    async with app.run_test(size=SMALL) as pilot:
        assert table_rows(app)[0][0] == "Iris [b]Kok[/b]"
        app.open_youth(youth_id)
        await pilot.pause()
        assert text_of(app.screen.query_one(YouthHeader)).splitlines()[0] == "Iris [b]Kok[/b]"
        assert text_of(app.screen.query_one(WarmStory).query_one(".warm-item")) == "“Mijn [rood] fiets zelf gemaakt”"
        assert "Formulier [A] invullen" in text_of(app.screen.query_one(AgreementList).query_one(".list-item"))


async def test_command_palette_opens_a_young_person_by_name(case_db: Path, today: date) -> None:
    app = make_app(case_db, today=today)
    async with app.run_test(size=SMALL) as pilot:
        await pilot.press("ctrl+p")
        await wait_until(pilot, lambda: CommandPalette.is_open(app))
        await pilot.press(*"samira")
        palette_list = app.screen.query_one(CommandList)
        await wait_until(
            pilot,
            lambda: (
                palette_list.option_count > 0
                and "Open jongere: Samira El Amrani" in str(palette_list.get_option_at_index(0).prompt)
            ),
        )
        await pilot.press("enter")
        await wait_until(pilot, lambda: youth_in_full(app))
        assert text_of(app.screen.query_one(YouthHeader)).splitlines()[0] == "Samira El Amrani"

        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, CaseloadScreen)


async def test_opening_another_young_person_replaces_the_open_one(case_db: Path, today: date) -> None:
    app = make_app(case_db, today=today)
    async with app.run_test(size=SMALL) as pilot:
        ids = [entry.id for entry in app.screen.entries]
        app.open_youth(ids[0])
        await pilot.pause()
        app.open_youth(ids[2])
        await pilot.pause()
        assert app.screen.youth_id == ids[2]
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, CaseloadScreen)


async def test_demo_says_so_in_the_header(case_db: Path, today: date) -> None:
    app = make_app(case_db, today=today, demo=True)
    async with app.run_test(size=SMALL) as pilot:
        assert text_of(app.screen.query_one("HeaderTitle", Static)) == f"coach — {DEMO_SUBTITLE}"
        await pilot.press("enter")
        await pilot.pause()
        assert text_of(app.screen.query_one("HeaderTitle", Static)) == f"coach — {DEMO_SUBTITLE}"


async def test_no_demo_notice_on_real_data(case_db: Path, today: date) -> None:
    app = make_app(case_db, today=today)
    async with app.run_test(size=SMALL):
        assert text_of(app.screen.query_one("HeaderTitle", Static)) == "coach"


async def test_today_comes_from_coach_today(case_db: Path, monkeypatch) -> None:
    monkeypatch.setenv("COACH_TODAY", "2026-03-14")
    app = make_app(case_db)
    async with app.run_test(size=SMALL):
        assert app.today == date(2026, 3, 14)
        assert table_rows(app)[0][2] == "53 d"  # at 80 columns the days only


@pytest.mark.parametrize("size", [SMALL, LARGE])
async def test_every_young_person_opens_and_scrolls_without_errors(case_db: Path, today: date, size) -> None:
    app = make_app(case_db, today=today)
    async with app.run_test(size=size) as pilot:
        for _index, name in enumerate(OPEN_NAMES):
            await pilot.press("enter")
            await pilot.pause()
            screen = app.screen
            assert isinstance(screen, YouthScreen)
            assert text_of(screen.query_one(YouthHeader)).splitlines()[0] == name
            body = screen.query_one("#youth-body")
            assert body.virtual_size.width <= body.scrollable_content_region.width  # nothing cut off sideways
            await pilot.press("end")
            await pilot.pause()
            assert screen.query_one(AgreementList).region.height > 0  # the last section is reachable
            await pilot.press("escape", "down")
            await pilot.pause()
        assert isinstance(app.screen, CaseloadScreen)


def test_bindings_have_ids_and_dutch_descriptions() -> None:
    bindings = {binding.id: binding for binding in CoachApp.BINDINGS}
    assert bindings["app.quit"].key == "q" and bindings["app.quit"].description == "Stoppen"
    assert bindings["app.command_palette"].description == "Zoeken"
    assert all(b.id for b in [*CoachApp.BINDINGS, *YouthScreen.BINDINGS, *CaseloadTable.BINDINGS])


async def test_a_huge_note_without_line_breaks_shows_only_its_start(case_db: Path, today: date) -> None:
    from coach.tui.widgets.contact_list import ContactList

    db = open_db(case_db)
    noor = db.execute("SELECT id FROM youths WHERE first_name = 'Noor'").fetchone()[0]
    db.execute(
        "UPDATE contacts SET note = ? WHERE id = (SELECT max(id) FROM contacts WHERE youth_id = ? AND at < ?)",
        ["Geplakt uit de mail: " + "bla " * 250_000, noor, today.isoformat()],
    )
    db.conn.commit()
    db.close()
    app = make_app(case_db, today=today)
    async with app.run_test(size=SMALL) as pilot:
        await pilot.press("down", "enter")
        await pilot.pause()
        assert isinstance(app.screen, YouthScreen)
        lines = [text_of(item) for item in app.screen.query_one(ContactList).query(".list-item")]
        [huge] = [line for line in lines if "Geplakt uit de mail" in line]
        assert huge.split(" — ", 1)[1].startswith("Geplakt uit de mail: bla bla")
        assert len(huge) < 500


async def test_at_80_columns_the_youth_footer_shows_every_key_no_section_title_names(
    case_db: Path, today: date
) -> None:
    from textual.widgets import Footer

    app = make_app(case_db, today=today)
    async with app.run_test(size=SMALL) as pilot:
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, YouthScreen)
        footer = app.screen.query_one(Footer)
        shown = {
            key.key for key in footer.query("FooterKey") if key.region.width and key.region.right <= footer.region.right
        }
        assert {"escape", "c", "i", "v", "s", "l"} <= shown


async def test_the_file_below_the_first_screenful_follows_at_once_and_only_once(case_db: Path, today: date) -> None:
    # The youth screen paints its top sections first and mounts the rest right after (speed, #18);
    # a reload (after a save) must give the same screen, each section once, in the same order.
    sections = [
        "youth-header",
        "safety-banner",
        "warm-section",
        "trajectory-section",
        "domain-section",
        "progress-section",
        "intake-section",
        "network-section",
        "contact-section",
        "agreement-section",
    ]
    app = make_app(case_db, today=today)
    async with app.run_test(size=LARGE) as pilot:
        await pilot.press("down", "enter")
        await wait_until(pilot, lambda: isinstance(app.screen, YouthScreen) and app.screen.query(AgreementList))
        screen = app.screen

        def shown() -> list[str]:
            body = screen.query_one("#youth-body")
            return [child.id for child in body.children if child.id != "readiness-section"]

        assert shown() == sections
        await screen.reload()  # as after a save
        await wait_until(pilot, lambda: screen.query(AgreementList))
        await pilot.pause()
        assert shown() == sections
        assert app.screen.focused is screen.query_one("#youth-body")  # the keys keep working after it
