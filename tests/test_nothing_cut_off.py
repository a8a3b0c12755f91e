"""Nothing cut off at 80×24 and 120×40: the footer with an afspraak in focus, the contact form's domains, a youth score."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from helpers import shown_text, wait_until, youth_in_full
from rich.cells import cell_len
from screen_scan import assert_screen_clean, screen_lines
from textual.app import App, ComposeResult
from textual.widgets import Input, Static

from coach.domain.self_assessment import SelfAssessment
from coach.tui.app import make_app
from coach.tui.screens.contact_entry import ContactEntryScreen
from coach.tui.widgets.agreement_list import AgreementItem
from coach.tui.widgets.coach_footer import CoachFooter, FooterKey  # Textual keeps FooterKey in a private module
from coach.tui.widgets.domain_scores import DomainRow
from coach.tui.widgets.intake_overview import OverviewRow, youth_text
from coach.tui.widgets.plain_toggles import PlainSelectionList
from coach.tui.widgets.score_picker import ScorePicker

DAAN = 2
YOUTH_CSS = Path(__file__).parent.parent / "coach" / "tui" / "screens" / "youth.tcss"


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
async def test_the_youth_footer_fits_also_with_an_afspraak_in_focus(case_db: Path, today: date, size) -> None:
    app = make_app(case_db, today=today)
    async with app.run_test(size=size) as pilot:
        app.open_youth(DAAN)
        await wait_until(pilot, lambda: youth_in_full(app))
        await pilot.pause()
        assert_screen_clean(app.export_screenshot(), where=f"youth {size}")
        next(iter(app.screen.query(AgreementItem))).focus()
        await pilot.pause()
        await pilot.pause()
        footer = app.screen.query_one(CoachFooter)
        assert footer.query(".-command-palette")  # the palette key stays on the right
        assert_screen_clean(app.export_screenshot(), where=f"youth with an afspraak in focus {size}")
        # Help is always among the keys shown.
        assert any(key.action == "help" for key in footer.query("FooterKey"))


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
async def test_all_thirteen_domains_in_sight_in_the_contact_form(case_db: Path, today: date, size) -> None:
    app = make_app(case_db, today=today)
    async with app.run_test(size=size) as pilot:
        await pilot.press("c")
        await wait_until(pilot, lambda: isinstance(app.screen, ContactEntryScreen))
        await pilot.pause()
        domains = app.screen.query_one("#domains", PlainSelectionList)
        assert domains.option_count == 13 and domains.size.height >= 13
        # The open dropdown says "Menu sluiten", not "Dismiss menu".
        app.screen.query_one("#status").focus()
        await pilot.press("enter")
        await pilot.pause()
        shot = app.export_screenshot()
        assert "Menu sluiten" in "\n".join(screen_lines(shot))
        assert_screen_clean(shot, where="contact form with an open dropdown")


class Row(App[None]):
    CSS_PATH = str(YOUTH_CSS)

    def compose(self) -> ComposeResult:
        yield OverviewRow("Financiën", 1, "Schulden groeien", youth_text(1, 3), domain="financien", state="gescoord")


async def test_the_youth_score_with_its_difference_is_not_cut_off() -> None:
    app = Row()
    async with app.run_test(size=(80, 10)):
        youth = app.query_one(".domain-youth", Static)
        assert youth.size.width >= cell_len("jongere: 3 (+2)")


async def test_the_footer_keeps_its_keys_until_they_change(
    case_db: Path, today: date, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Textual announces the bindings after every focus move; the keys are only built again when they differ."""
    restyled: list[FooterKey] = []
    update_node_styles = FooterKey.update_node_styles

    def noting(key: FooterKey, animate: bool = True) -> None:
        restyled.append(key)
        update_node_styles(key, animate)

    monkeypatch.setattr(FooterKey, "update_node_styles", noting)
    app = make_app(case_db, today=today)
    async with app.run_test(size=(80, 24)) as pilot:
        app.open_youth(DAAN)
        await wait_until(pilot, lambda: youth_in_full(app))
        footer = app.screen.query_one(CoachFooter)
        before = list(footer.query("FooterKey"))
        app.screen.refresh_bindings()
        await pilot.pause()
        await pilot.pause()
        assert list(footer.query("FooterKey")) == before  # the very same widgets: nothing rebuilt
        # An afspraak in focus brings its own keys, and the footer shows them.
        next(iter(app.screen.query(AgreementItem))).focus()
        await wait_until(pilot, lambda: list(footer.query("FooterKey")) != before)
        assert {key.action for key in footer.query("FooterKey")} != {key.action for key in before}
        # A key is styled once, as it is mounted, already as compact as its footer: never restyled for it.
        assert restyled == []
        assert all(key.has_class("-compact") == footer.compact for key in footer.query("FooterKey"))


class Domains(App[None]):
    def compose(self) -> ComposeResult:
        own = SelfAssessment(date(2026, 12, 1), "ggz", score=4, talk=True)
        yield DomainRow(
            "Geestelijke gezondheid", 2, "Voldoende zelfredzaam", None, domain="ggz", provisional=True, own=own
        )
        yield DomainRow("Financiën", None, "nog niet gescoord", None, domain="financien")


@pytest.mark.parametrize("width", [80, 120])
async def test_a_domain_row_cuts_the_level_name_not_the_young_persons_score(width: int) -> None:
    app = Domains()
    async with app.run_test(size=(width, 6)):
        first, second = (shown_text(row) for row in app.query(DomainRow))
        assert first.startswith("Geestelijke gezondheid") and "██░░░ 2" in first
        assert "voorlopig: " in first and first.endswith("zelf: 4 (+2) ◆")
        assert len(first) <= app.query(DomainRow).first().size.width
        assert "voorlopig: Voldoende …" in first  # longer than its column: cut, and it says so
        assert "····· " in second and "nog niet gescoord" in second
        # Without colour the unscored level still reads: it is in words, and italic in the stylesheet.
        assert app.query(DomainRow).last().has_class("-unscored")


class Picker(App[None]):
    def compose(self) -> ComposeResult:
        yield Input(id="first")  # takes the focus, so the picker shows its compact line
        yield ScorePicker("Score", 2, labels={2: "Niet zelfredzaam"}, anchors={2: "Weinig of onzeker inkomen."})


async def test_the_score_pickers_hint_wraps_instead_of_being_cut_off() -> None:
    app = Picker()
    async with app.run_test(size=(50, 12)):
        picker = app.query_one(ScorePicker)
        line = shown_text(picker)
        assert "(Tab of ctrl+s: met uitleg)" in line
        # The line is wider than the picker: it takes the lines it needs, inside the border.
        assert len(line) > picker.content_size.width
        assert picker.content_size.height >= 2
