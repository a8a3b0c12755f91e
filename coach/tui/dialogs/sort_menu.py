"""A small menu to pick how the caseload is ordered."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from coach.domain.desk import SORT_ORDERS
from coach.tui.context import CoachModal


class SortMenu(CoachModal[str | None]):
    """Choose a sort order with the arrows and Enter (or its first letter); Esc keeps the current one."""

    CSS_PATH = "../screens/desk_menus.tcss"
    BINDINGS = [
        Binding("escape,s", "dismiss(None)", "Terug", id="sort.back", tooltip="Sorteren zoals het was"),
    ]

    def __init__(self, current: str) -> None:
        super().__init__()
        self._current = current

    def compose(self) -> ComposeResult:
        with Vertical(id="sort-box", classes="desk-dialog"):
            yield Static("Sorteren op", classes="dialog-title")
            yield OptionList(
                *(
                    Option(("• " if key == self._current else "  ") + order.label, id=key)
                    for key, order in SORT_ORDERS.items()
                ),
                id="sort-options",
            )
            yield Static("↑↓ kiezen · Enter sorteren · Esc terug", classes="dialog-hint")

    def on_mount(self) -> None:
        options = self.query_one(OptionList)
        options.highlighted = options.get_option_index(self._current)

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)
