"""A radio button, a checkbox and a selection list whose state reads without colour: a blank when off, a mark when on.

Textual draws the same glyph for on and off ("▐X▌", "▐●▌") and tells them
apart by colour only; a coach on a monochrome terminal (or colour-blind) could
not see which status is chosen or which domain is ticked.
"""

from __future__ import annotations

from typing import Any

from rich.segment import Segment
from textual.content import Content
from textual.strip import Strip
from textual.widgets import Checkbox, RadioButton, SelectionList
from textual.widgets.option_list import OptionDoesNotExist

RADIO_ON = "●"
CHECK_ON = "✓"
OFF = " "


class PlainRadio(RadioButton):
    """A radio button: ● when chosen, a blank when not."""

    @property
    def _button(self) -> Content:
        self.BUTTON_INNER = RADIO_ON if self.value else OFF
        return super()._button


class PlainCheck(Checkbox):
    """A checkbox: ✓ when ticked, a blank when not."""

    @property
    def _button(self) -> Content:
        self.BUTTON_INNER = CHECK_ON if self.value else OFF
        return super()._button


class PlainSelectionList(SelectionList[Any]):
    """A selection list whose ticked lines show ✓ and whose other lines show a blank box."""

    def render_line(self, y: int) -> Strip:
        strip = super().render_line(y)
        try:
            selection = self.get_option_at_index(self.scroll_offset.y + y)
        except OptionDoesNotExist:
            return strip
        segments = list(strip)
        # SelectionList draws [left side, inner mark, right side, space, *prompt]; swap only the mark.
        if len(segments) < 2:
            return strip
        inner = segments[1]
        mark = CHECK_ON if selection.value in self._selected else OFF
        segments[1] = Segment(mark, inner.style, inner.control)
        return Strip(segments, strip.cell_length)
