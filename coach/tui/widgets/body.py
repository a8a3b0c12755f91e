"""The scrolling body of a screen or dialog: it takes the focus so the coach can scroll it by keys."""

from __future__ import annotations

from textual.containers import VerticalScroll
from textual.widget import Widget


def restyle_alone(widget: Widget) -> None:
    """Restyle `widget` for a change of its focus, but not what lies inside it (see Body)."""
    widget.app.stylesheet.update_nodes([widget], animate=True)


class Body(VerticalScroll):
    """A `VerticalScroll` that restyles only itself when it gains or loses the focus.

    Textual restyles a widget and everything inside it on a change of focus, for rules that style
    the inside by the outside's focus (`Body:focus Label`). No rule of ours or Textual's does that
    for a scrolling body (tests/test_stylesheets.py keeps it so), so restyling its content is
    wasted: on the young person's screen some 130 widgets, each time the focus enters or leaves.
    """

    def watch_has_focus(self, has_focus: bool) -> None:
        restyle_alone(self)
