"""The command palette in Dutch: its prompt, and what it says when nothing matches."""

from __future__ import annotations

from rich.align import Align
from rich.text import Text
from textual.command import CommandList, CommandPalette
from textual.widgets.option_list import Option

PLACEHOLDER = "Zoek een jongere of een opdracht…"
NO_MATCHES = "Niets gevonden"


class CoachPalette(CommandPalette):
    """Textual's command palette, speaking Dutch.

    Textual (8.2) writes "No matches found" inside `_start_no_matches_countdown`
    and offers no setting for it; this replaces only that text, keeping
    Textual's wait (so the message does not flicker while results come in).
    """

    def __init__(self) -> None:
        super().__init__(id="--command-palette", placeholder=PLACEHOLDER)

    def _start_no_matches_countdown(self, search_value: str) -> None:
        self._stop_no_matches_countdown()

        def show_no_matches() -> None:
            if search_value:
                self.query_one(CommandList).add_option(
                    Option(Align.center(Text(NO_MATCHES, style="not bold")), disabled=True, id=self._NO_MATCHES)
                )
                self._list_visible = True
            else:
                self._list_visible = False

        self._no_matches_timer = self.set_timer(self._NO_MATCHES_COUNTDOWN, show_no_matches)
