"""A search field that says when typing has paused, so a search runs once per pause, not per key."""

from __future__ import annotations

from textual.message import Message
from textual.timer import Timer
from textual.widgets import Input

# Long enough to let a word be typed, short enough to feel live.
PAUSE = 0.2


class SearchField(Input):
    """Input that posts `Settled` after a short pause in typing."""

    class Settled(Message):
        """Typing paused; `value` is what is in the field now."""

        def __init__(self, value: str) -> None:
            super().__init__()
            self.value = value

    _timer: Timer | None = None

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input is not self:
            return
        if self._timer is not None:
            self._timer.stop()
        self._timer = self.set_timer(PAUSE, self._settle)

    def stop_waiting(self) -> None:
        """Forget the pending pause: the caller searches for the value itself (on Enter)."""
        if self._timer is not None:
            self._timer.stop()
            self._timer = None

    def settle_now(self) -> None:
        """Post `Settled` at once (on Enter, or when cleared)."""
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
        self._settle()

    def _settle(self) -> None:
        self._timer = None
        self.post_message(self.Settled(self.value))
