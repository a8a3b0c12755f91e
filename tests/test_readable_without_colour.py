"""Every on/off or chosen state reads without colour: marks that change, and a theme checked for red/green blindness."""

from __future__ import annotations

import ast
from pathlib import Path

from textual.app import App, ComposeResult
from textual.theme import BUILTIN_THEMES
from textual.widgets import RadioSet
from textual.widgets.selection_list import Selection

from coach.domain.continuity import CONTINUITY_LABELS
from coach.tui.app import CoachApp
from coach.tui.formatting import CONTINUITY_COLOURS, continuity_word
from coach.tui.widgets.plain_toggles import PlainCheck, PlainRadio, PlainSelectionList

TUI = Path(__file__).parent.parent / "coach" / "tui"

# Machado, Oliveira & Fernandes (2009), severity 1.0, on linear RGB: how a protanope and a deuteranope see a colour.
PROTANOPIA = ((0.152286, 1.052583, -0.204868), (0.114503, 0.786281, 0.099216), (-0.003882, -0.048116, 1.051998))
DEUTERANOPIA = ((0.367322, 0.860646, -0.227968), (0.280085, 0.672501, 0.047413), (-0.011820, 0.042940, 0.968881))
# CIE L* difference that reads as clearly lighter or darker, also on a dim laptop screen.
CLEARLY_DIFFERENT = 15.0


def _linear(hex_colour: str) -> tuple[float, float, float]:
    value = hex_colour.lstrip("#")
    channels = [int(value[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    r, g, b = (c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
    return r, g, b


def lightness(hex_colour: str, matrix: tuple[tuple[float, ...], ...] | None = None) -> float:
    """CIE L* of the colour, as seen through `matrix` (None: normal vision)."""
    rgb = _linear(hex_colour)
    if matrix is not None:
        rgb = tuple(min(1.0, max(0.0, sum(m * c for m, c in zip(row, rgb, strict=True)))) for row in matrix)  # type: ignore[assignment]
    y = 0.2126 * rgb[0] + 0.7152 * rgb[1] + 0.0722 * rgb[2]
    return 116 * y ** (1 / 3) - 16 if y > 0.008856 else 903.3 * y


def test_red_and_green_of_the_theme_differ_in_lightness_for_red_green_blindness() -> None:
    theme = BUILTIN_THEMES[CoachApp.theme._default]  # type: ignore[attr-defined]
    assert theme.success and theme.error
    for matrix in (None, PROTANOPIA, DEUTERANOPIA):
        assert abs(lightness(theme.success, matrix) - lightness(theme.error, matrix)) >= CLEARLY_DIFFERENT


def test_continuity_never_rests_on_colour_alone() -> None:
    # Green ("op koers") and orange ("let op") look alike to a protanope; so every status also has its own word.
    theme = BUILTIN_THEMES[CoachApp.theme._default]  # type: ignore[attr-defined]
    assert abs(lightness(theme.success, PROTANOPIA) - lightness(theme.warning, PROTANOPIA)) < CLEARLY_DIFFERENT
    words = {continuity_word(status) for status in CONTINUITY_COLOURS}
    assert len(words) == len(CONTINUITY_COLOURS) == len(CONTINUITY_LABELS)


class Toggles(App[None]):
    def compose(self) -> ComposeResult:
        yield PlainSelectionList(Selection("Werk", "werk", True), Selection("Wonen", "wonen"), id="domains")
        with RadioSet():
            yield PlainRadio("Afbouw", id="r-afbouw")
            yield PlainRadio("Afgesloten", value=True, id="r-afgesloten")
        yield PlainCheck("Gedaan", id="done")


async def test_ticked_and_chosen_show_a_mark_unticked_shows_none() -> None:
    app = Toggles()
    async with app.run_test(size=(60, 12)) as pilot:
        domains = app.query_one(PlainSelectionList)
        lines = [domains.render_line(y).text for y in range(2)]
        assert lines[0].startswith("▐✓▌ Werk") and lines[1].startswith("▐ ▌ Wonen")
        assert "▐ ▌" in app.query_one("#r-afbouw", PlainRadio).render().plain
        assert "▐●▌" in app.query_one("#r-afgesloten", PlainRadio).render().plain
        check = app.query_one("#done", PlainCheck)
        assert "▐ ▌" in check.render().plain
        check.toggle()
        await pilot.pause()
        assert "▐✓▌" in check.render().plain
        domains.select("wonen")
        await pilot.pause()
        assert domains.render_line(1).text.startswith("▐✓▌ Wonen")


def test_no_screen_uses_a_toggle_that_shows_state_by_colour_only() -> None:
    bare = {"RadioButton", "Checkbox", "SelectionList"}
    found = []
    for path in TUI.rglob("*.py"):
        if path.name == "plain_toggles.py":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call):
                func = node.func.value if isinstance(node.func, ast.Subscript) else node.func
                if isinstance(func, ast.Name) and func.id in bare:
                    found.append(f"{path.name}:{node.lineno} {func.id}")
    assert not found, "use PlainRadio / PlainCheck / PlainSelectionList: " + ", ".join(found)
