"""Jump to any part of the conversation: the warm story or one of the 13 domains."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.events import Key
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from coach.domain.domains import DOMAIN_KEYS
from coach.domain.intake import STATE_LABELS, WARM
from coach.tui.context import CoachModal
from coach.tui.widgets.coverage_bar import STYLES, SYMBOLS

# Keys to jump with: w for the warm story, 1–9 and a–d for the 13 domains in their fixed order.
DOMAIN_SHORTCUTS = dict(zip(DOMAIN_KEYS, "123456789abcd", strict=False))


def shortcut(section: str) -> str:
    """The key in front of a section in the list."""
    return "w" if section == WARM else DOMAIN_SHORTCUTS.get(section, " ")


class SectionPicker(CoachModal[str | None]):
    """A list of sections with their state; Enter (or the key before a name) goes there, Esc stays."""

    CSS_PATH = "../screens/intake.tcss"
    BINDINGS = [Binding("escape", "cancel", "Blijven", id="picker.cancel")]

    def __init__(self, sections: list[tuple[str, str, str]], current: str, *, title: str = "Ga naar") -> None:
        """`sections`: (key, label, state) in order; the first may be the warm story."""
        super().__init__()
        self._sections = sections
        self._current = current
        self._title = title

    def compose(self) -> ComposeResult:
        options = []
        for key, label, state in self._sections:
            line = Content.from_markup(
                f"[b]$k[/]  [{STYLES[state]}]$sym[/] $label  [$foreground-muted]$state[/]",
                k=shortcut(key),
                sym=SYMBOLS[state],
                label=label,
                state="" if key == WARM else STATE_LABELS[state],
            )
            options.append(Option(line, id=key))
        with Vertical(id="picker-box"):
            yield Static(f"{self._title} — pijltjes en Enter, of de toets ervoor; Esc blijft", id="picker-title")
            yield OptionList(*options, id="picker-list")

    def on_mount(self) -> None:
        options = self.query_one(OptionList)
        keys = [key for key, _label, _state in self._sections]
        if self._current in keys:
            options.highlighted = keys.index(self._current)
        options.focus()

    def on_key(self, event: Key) -> None:
        char = (event.character or "").lower()
        for key, _label, _state in self._sections:
            if char and char == shortcut(key):
                event.stop()
                self.dismiss(key)
                return

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(event.option.id)

    def action_cancel(self) -> None:
        self.dismiss(None)
