"""Lines drawn for the width Textual lays them out at, for widgets whose text depends on their width."""

from __future__ import annotations

from collections.abc import Callable

from textual.content import Content
from textual.css.styles import RulesMap
from textual.strip import Strip
from textual.style import Style
from textual.visual import RenderOptions, Visual


class Fitted(Visual):
    """What `draw(width)` gives, drawn at the width Textual hands over when it measures and paints.

    A widget returns this from `render()` instead of reading `self.size` there. Textual asks an
    auto-height widget for its height while it is still laying the screen out; `self.size` then
    makes the compositor lay out the whole screen once more, inside that layout. On the young
    person's screen that cost about a third of its opening time, and the width read was the old one.
    """

    def __init__(self, draw: Callable[[int], Content]) -> None:
        self._draw = draw
        self._drawn: tuple[int, Content] | None = None

    def content_at(self, width: int) -> Content:
        """The lines for `width` cells, drawn once per width."""
        if self._drawn is None or self._drawn[0] != width:
            self._drawn = (width, self._draw(width))
        return self._drawn[1]

    def render_strips(self, width: int, height: int | None, style: Style, options: RenderOptions) -> list[Strip]:
        return self.content_at(width).render_strips(width, height, style, options)

    def get_optimal_width(self, rules: RulesMap, container_width: int) -> int:
        return container_width

    def get_height(self, rules: RulesMap, width: int) -> int:
        return self.content_at(width).get_height(rules, width)
