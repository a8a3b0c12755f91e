"""The caseload's lines, built straight as segments, read exactly as Rich's Text would have drawn them.

The table skips Text for speed (a row holds some twenty pieces); these checks
hold it to what Text.truncate and Text.render make of the same pieces: the
same characters, the same styles, the same segments, for any text, width and
cut, wide characters and control codes included.
"""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st
from rich.console import Console
from rich.style import Style
from rich.text import Text

from coach.tui.widgets.caseload_table import Line

BASE = Style(color="white", bgcolor="black")
STYLES = (None, Style(bold=True), Style(color="red"), Style(color="green", italic=True))
CONSOLE = Console(width=400, color_system="truecolor")

# Names and marks as they come: plain letters, accents, wide characters, emoji, a control code.
TEXTS = st.text(alphabet=st.sampled_from("ab Zé·…●✕◌⇄李😀\t\x1b"), max_size=12)
PIECES = st.lists(st.tuples(TEXTS, st.sampled_from(STYLES)), max_size=6)
CELLS = st.lists(st.tuples(PIECES, st.integers(min_value=1, max_value=14)), min_size=1, max_size=5)


def as_text(cells: list[tuple[list[tuple[str, Style | None]], int]], width: int, gap: int) -> list[tuple[str, Style]]:
    """The line as the table drew it before: one Text per cell, cut with an ellipsis, joined, cut to the width."""
    line = Text(" ", no_wrap=True, end="")
    last = len(cells) - 1
    for position, (pieces, cell_width) in enumerate(cells):
        cell = Text(no_wrap=True, end="")
        for text, style in pieces:
            cell.append(text, style)
        cell.truncate(cell_width, overflow="ellipsis", pad=position < last)
        line.append_text(cell)
        if position < last:
            line.append(" " * gap)
    line.style = BASE
    line.truncate(width, overflow="crop", pad=True)
    # Text.render leaves a line's own style off when the line has no styled piece at all (Rich adds it
    # when it prints); the table's lines always carry it.
    return [(segment.text, segment.style or BASE) for segment in line.render(CONSOLE)]


def as_line(cells: list[tuple[list[tuple[str, Style | None]], int]], width: int, gap: int) -> list[tuple[str, Style]]:
    line = Line(" ")
    last = len(cells) - 1
    for position, (pieces, cell_width) in enumerate(cells):
        line.add_cell(pieces, cell_width, position < last)
        if position < last:
            line.add(" " * gap)
    return [(segment.text, segment.style) for segment in line.strip(width, BASE)]


@given(CELLS, st.integers(min_value=1, max_value=80), st.integers(min_value=1, max_value=2))
def test_a_line_is_drawn_as_text_would_draw_it(cells, width: int, gap: int) -> None:
    assert as_line(cells, width, gap) == as_text(cells, width, gap)


def test_a_cut_cell_ends_in_an_ellipsis_in_the_style_of_the_piece_it_cuts() -> None:
    name, dim = Style(color="red"), Style(dim=True)
    drawn = as_line([([("nr 4086 ", dim), ("Fatima", None)], 8), ([("Intake", None)], 6)], 20, 1)
    assert drawn == [(" ", BASE), ("nr 4086…", BASE + dim), (" Intake    ", BASE)]
    assert drawn == as_text([([("nr 4086 ", dim), ("Fatima", None)], 8), ([("Intake", None)], 6)], 20, 1)
    assert as_line([([("Sam", name)], 3), ([("Intake", None)], 6)], 6, 1) == [
        (" ", BASE),
        ("Sam", BASE + name),
        (" I", BASE),
    ]


def test_drawing_a_line_leaves_it_as_it_was() -> None:
    line = Line(" ")
    line.add_cell([("Sam", Style(bold=True))], 5, True)
    wide, narrow = line.strip(12, BASE), line.strip(4, BASE)
    assert (wide.cell_length, narrow.cell_length) == (12, 4)
    assert line.strip(12, BASE) == wide and line.strip(6, BASE).text == " Sam  "
