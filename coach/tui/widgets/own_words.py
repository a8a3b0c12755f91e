"""The field where the young person types their own words: Enter goes on to the next question."""

from __future__ import annotations

from textual.binding import Binding
from textual.widgets import TextArea


class OwnWords(TextArea):
    """A soft-wrapping text field; Enter means "verder" (a few sentences need no new lines)."""

    BINDINGS = [
        # A priority binding: a TextArea would otherwise take Enter as a new line.
        Binding(
            "enter", "screen.step(1)", "Verder", id="own_words.next", priority=True, tooltip="Naar de volgende vraag"
        ),
    ]

    def on_mount(self) -> None:
        # Continuing what they typed before: the cursor goes to the end, not before their first word.
        self.move_cursor(self.document.end)
