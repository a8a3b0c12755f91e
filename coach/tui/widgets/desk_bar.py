"""The line above the table that says what it shows: which view, how many, in what order, filtered how."""

from __future__ import annotations

from typing import NamedTuple

from textual.content import Content
from textual.message import Message
from textual.widgets import Static

from coach.domain.desk import SORT_ORDERS, Chip
from coach.domain.this_week import WeekWindow
from coach.tui.formatting import weekday_date
from coach.tui.widgets.desk_totals import number


class DeskState(NamedTuple):
    """What the table shows, for the bar to put in words."""

    shown: int
    total: int
    sort: str
    chips: tuple[Chip, ...] = ()
    week: WeekWindow | None = None


def bar_content(state: DeskState) -> Content:
    """'Alle jongeren · 23 van 4.600 · op naam' then a chip per active filter part (click ✕ to drop it)."""
    if state.week is not None:
        start, end = state.week.start, state.week.end
        head = Content.from_markup(
            "[b]Deze week[/b] ($start – $end) · [b]$n[/b] om te zien, dringendst eerst",
            start=weekday_date(start, start),
            end=weekday_date(end, start),
            n=number(state.shown),
        )
    else:
        head = Content.from_markup("[b]Alle jongeren[/b]")
        if state.chips:
            head += Content.from_markup(" · [b]$n[/b] van $total", n=number(state.shown), total=number(state.total))
        head += Content(" · op " + SORT_ORDERS[state.sort].label.split(" (")[0].lower())
    if not state.chips:
        return head
    chips = [
        # The part is a field name of the filter (never typed text); the text goes in as a variable.
        Content.from_markup(f"[@click=drop('{chip.part}')][reverse] $text ✕ [/reverse][/]", text=chip.text)
        for chip in state.chips
    ]
    hint = Content.from_markup("[dim]x wist alle filters[/dim]")
    return Content.assemble(head, "\n", Content("Filter: "), Content(" ").join(chips), " ", hint)


class DeskBar(Static):
    """Says what the table shows, with the active filters as chips that can be clicked away."""

    class Dropped(Message):
        """The coach clicked a filter chip away; `part` is the filter field to clear."""

        def __init__(self, part: str) -> None:
            super().__init__()
            self.part = part

    def show(self, state: DeskState) -> None:
        """Show this state."""
        self.update(bar_content(state))

    def action_drop(self, part: str) -> None:
        self.post_message(self.Dropped(part))
