"""A radio button and a checkbox whose state reads without colour: an empty box when off, a mark when on.

Textual draws the same glyph for on and off and tells them apart by colour
only; a coach on a monochrome terminal (or colour-blind) could not see which
status is chosen or which afspraak is ticked.
"""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Checkbox, RadioButton


class PlainRadio(RadioButton):
    """A radio button: ● when chosen, a blank when not."""

    @property
    def _button(self) -> Content:
        self.BUTTON_INNER = "●" if self.value else " "
        return super()._button


class PlainCheck(Checkbox):
    """A checkbox: ✓ when ticked, a blank when not."""

    @property
    def _button(self) -> Content:
        self.BUTTON_INNER = "✓" if self.value else " "
        return super()._button
