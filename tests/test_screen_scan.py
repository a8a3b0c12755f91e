"""The screen scan: Textual's default English and cut-off footers, on every stored snapshot and on live screens."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest
from helpers import wait_until
from screen_scan import assert_screen_clean, english_on_screen, footer_problems, screen_lines, screen_problems

from coach.tui.app import make_app
from coach.tui.dialogs.palette import NO_MATCHES, PLACEHOLDER
from coach.tui.screens.caseload import CaseloadScreen

SNAPSHOTS = Path(__file__).parent / "__snapshots__"
SVGS = sorted(SNAPSHOTS.rglob("*.svg")) if SNAPSHOTS.is_dir() else []


def test_the_scan_finds_textuals_english() -> None:
    lines = ["  > zoek", "  No matches found", "esc Dismiss menu"]
    assert len(english_on_screen(lines)) == 2
    # Dutch that merely contains an English word is not flagged.
    assert english_on_screen(["Keyserstraat 4 · Quitte-jam"]) == []


def test_the_scan_finds_a_footer_cut_off() -> None:
    assert footer_problems(["…", " ⏎ Openen  c Contact  q St▏^p Zoeken "])
    assert footer_problems(["…", " a Losla▏^p Zoekenp"])
    assert footer_problems(["…", " ⏎ Openen  c Contact  q Stoppen  F1 Hu"])
    assert footer_problems(["…", " ⏎ Openen  c Contact  q Stoppen      ▏^p Zoeken "]) == []
    assert footer_problems(["…", " ⏎ Openen  F1 Hulp "]) == []


def test_the_scan_reads_an_svg_screenshot() -> None:
    svg = (
        '<svg class="rich-terminal"><g><text class="r1" x="0" y="20" textLength="97.6" '
        'clip-path="url(#term-123-line-0)">No&#160;matches</text>'
        '<text class="r1" x="109.8" y="20" textLength="61" clip-path="url(#term-123-line-0)">found</text>'
        '<text class="r1" x="0" y="44" textLength="122" clip-path="url(#term-123-line-1)">q&#160;Stoppen&#160;</text>'
        "</g></svg>"
    )
    assert screen_lines(svg) == ["No matches found", "q Stoppen "]
    assert screen_problems(svg) == ["'No matches found' in 'No matches found'"]


@pytest.mark.skipif(not SVGS, reason="nog geen snapshots in tests/__snapshots__ (de integrator voegt ze toe)")
@pytest.mark.parametrize("svg", SVGS, ids=[str(p.relative_to(SNAPSHOTS)) for p in SVGS])
def test_every_snapshot_is_dutch_and_its_footer_fits(svg: Path) -> None:
    size = re.search(r"(\d+)x(\d+)", svg.name)  # test_snapshots.py names its sizes: [youth-80x24]
    width = int(size[1]) if size else None
    assert_screen_clean(svg.read_text(encoding="utf-8"), where=svg.name, width=width)


def test_a_last_line_is_cut_off_only_at_the_right_edge() -> None:
    hint = "   Typ wat je wilt · Esc: terug"
    assert screen_problems(f"x\n{hint}", width=80) == []
    assert screen_problems(f"x\n{hint}", width=len(hint)) == [f"footer runs off the screen: {hint!r}"]


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
async def test_the_caseload_is_dutch_and_its_footer_fits(case_db: Path, today: date, size: tuple[int, int]) -> None:
    app = make_app(case_db, today=today)
    async with app.run_test(size=size) as pilot:
        await wait_until(pilot, lambda: isinstance(app.screen, CaseloadScreen))
        await pilot.pause()
        assert_screen_clean(app.export_screenshot(), where=f"caseload {size}")


async def test_the_command_palette_says_in_dutch_that_nothing_matches(case_db: Path, today: date) -> None:
    app = make_app(case_db, today=today)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_until(pilot, lambda: isinstance(app.screen, CaseloadScreen))
        await pilot.press("ctrl+p", *"zqxjw")
        await wait_until(pilot, lambda: NO_MATCHES in "\n".join(screen_lines(app.export_screenshot())))
        lines = screen_lines(app.export_screenshot())
        assert any(PLACEHOLDER[:10] in line or "zqxjw" in line for line in lines)
        assert_screen_clean(app.export_screenshot(), where="command palette")


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
async def test_the_keys_panel_is_dutch(case_db: Path, today: date, size: tuple[int, int]) -> None:
    app = make_app(case_db, today=today)
    async with app.run_test(size=size) as pilot:
        app.open_youth(2)
        await wait_until(pilot, lambda: app.screen.query("#youth-body"))
        app.action_show_help_panel()
        await wait_until(pilot, lambda: app.screen.query("KeyPanel"))
        await pilot.pause()
        text = "\n".join(screen_lines(app.export_screenshot()))
        assert "Omhoog scrollen" in text or "Volgend veld" in text or "Stoppen" in text
        assert_screen_clean(app.export_screenshot(), where=f"keys panel {size}")


def test_every_key_textual_brings_has_dutch_words() -> None:
    import importlib

    import textual.widgets
    from textual.binding import Binding
    from textual.dom import DOMNode

    from coach.tui.dutch import BINDING_WORDS

    for name in textual.widgets.__all__:
        getattr(textual.widgets, name)  # loads every widget module
    importlib.import_module("textual.command")

    def subclasses(cls: type) -> list[type]:
        return [cls] + [s for sub in cls.__subclasses__() for s in subclasses(sub)]

    missing = set()
    for cls in subclasses(DOMNode):
        if not cls.__module__.startswith("textual"):
            continue
        for binding in cls.__dict__.get("BINDINGS", []):
            description = binding.description if isinstance(binding, Binding) else (binding[2:3] or [""])[0]
            if description and description not in BINDING_WORDS:
                missing.add(f"{cls.__name__}: {description}")
    assert not missing, "Dutch words needed in coach/tui/dutch.py for: " + ", ".join(sorted(missing))


async def test_the_handbook_footer_fits_at_80_columns(case_db: Path, today: date) -> None:
    # Its keys are drawn wider than the caseload's: a key once ran flush into the palette key ("F1 Hulp▏").
    from coach.tui.screens.guides import GuidesScreen

    app = make_app(case_db, today=today)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_until(pilot, lambda: isinstance(app.screen, CaseloadScreen))
        await pilot.press("f1")
        await wait_until(pilot, lambda: isinstance(app.screen, GuidesScreen))
        await pilot.pause(0.3)
        assert_screen_clean(app.export_screenshot(), where="handbook 80x24")
