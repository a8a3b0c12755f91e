"""The practical basics of independent life as a checklist: space cycles nog open → geregeld → n.v.t."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from textual.binding import Binding
from textual.content import Content
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from coach.domain.release import DONE, NOT_APPLICABLE, OPEN, BasicItem

NEXT_STATE: dict[str | None, str] = {None: DONE, OPEN: DONE, DONE: NOT_APPLICABLE, NOT_APPLICABLE: OPEN}
# Sign, word and theme colour per state; sign and word carry the meaning.
STATE_MARKS: dict[str | None, tuple[str, str, str]] = {
    DONE: ("✓", "geregeld", "$success"),
    NOT_APPLICABLE: ("–", "n.v.t.", "$foreground-muted"),
    OPEN: ("○", "nog open", "$warning"),
    None: ("○", "", "$foreground-muted"),
}


def item_prompt(item: BasicItem) -> Content:
    """'✓ DigiD  geregeld' (the hint is shown apart, for the highlighted item)."""
    mark, word, colour = STATE_MARKS[item.state]
    line = Content.from_markup(f"[b {colour}]$mark[/] [b]$label[/b]", mark=mark, label=item.label)
    if word:
        line += Content.from_markup(f"  [{colour}]$word[/]", word=word)
    if item.custom:
        line += Content.from_markup("  [$foreground-muted](eigen punt)[/]")
    return line


class BasicsChecklist(OptionList):
    """One line per item; space or Enter moves it to the next state and tells the screen."""

    BINDINGS = [Binding("space", "cycle", "Afvinken", id="basics.cycle", tooltip="Nog open → geregeld → n.v.t.")]

    @dataclass
    class Ticked(Message):
        """An item got a new state."""

        checklist: BasicsChecklist
        item: BasicItem
        state: str

        @property
        def control(self) -> BasicsChecklist:
            return self.checklist

    def __init__(self, items: list[BasicItem], **kwargs: Any) -> None:
        super().__init__(*(Option(item_prompt(item), id=item.key) for item in items), **kwargs)
        self.items = {item.key: item for item in items}

    def action_cycle(self) -> None:
        """Move the highlighted item to its next state."""
        item = self._highlighted_item()
        if item is None:
            return
        state = NEXT_STATE[item.state]
        self.set_state(item.key, state)
        self.post_message(self.Ticked(self, self.items[item.key], state))

    def set_state(self, key: str, state: str | None) -> None:
        """Show an item in a new state."""
        item = self.items[key]
        self.items[key] = BasicItem(item.key, item.label, state, item.custom, item.hint)
        self.replace_option_prompt(key, item_prompt(self.items[key]))

    def _on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        # Enter ticks too: the list is for ticking, not for opening anything.
        event.stop()
        self.action_cycle()

    def hint(self) -> str:
        """What the highlighted item means, from the prompts."""
        item = self._highlighted_item()
        if item is None:
            return ""
        return f"{item.label}: {item.hint}" if item.hint else item.label

    def _highlighted_item(self) -> BasicItem | None:
        if self.highlighted is None:
            return None
        key = self.get_option_at_index(self.highlighted).id
        return self.items[key] if key is not None else None

    def add_item(self, item: BasicItem) -> None:
        """Add the coach's own item at the end and highlight it."""
        self.items[item.key] = item
        self.add_option(Option(item_prompt(item), id=item.key))
        self.highlighted = self.option_count - 1
