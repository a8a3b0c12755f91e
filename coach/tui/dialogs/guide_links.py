"""A dialog listing the links in the guide being read, so they can be followed from the keyboard."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from coach.tui.context import CoachModal


class GuideLinks(CoachModal[str | None]):
    """Choose one of the guide's links (result: its href), or Esc for none."""

    CSS_PATH = "../screens/guides.tcss"
    BINDINGS = [
        Binding("escape", "cancel", "Sluiten", id="guide_links.cancel", tooltip="Terug naar het handboek"),
    ]

    def __init__(self, links: list[tuple[str, str]]) -> None:
        """`links` holds (label, href) pairs in the order they appear."""
        super().__init__()
        self._links = links

    def compose(self) -> ComposeResult:
        with Vertical(id="guide-links-box"):
            yield Static("Verwijzingen in dit stuk", classes="dialog-title")
            yield OptionList(*(Option(label, id=href) for label, href in self._links), id="guide-links-list")
            yield Static("Enter: ga erheen · Esc: sluiten", classes="dialog-hint")

    def on_mount(self) -> None:
        options = self.query_one(OptionList)
        options.highlighted = 0
        options.focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(event.option.id)

    def action_cancel(self) -> None:
        self.dismiss(None)
