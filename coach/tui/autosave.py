"""Debounced saving: typed text reaches the database shortly after a pause, and never later than a second."""

from __future__ import annotations

from collections.abc import Callable
from time import monotonic

from textual.message_pump import MessagePump
from textual.timer import Timer

# Save this long after the last keystroke...
IDLE = 0.3
# ...but never later than this after the first unsaved one, however fast the coach types.
LIMIT = 0.8


class Autosaver:
    """Calls `save` once typing pauses (IDLE) or the oldest change gets old (LIMIT)."""

    # The delays every screen's saver uses unless it passes its own; class attributes so a test
    # can shorten them for all screens at once instead of sleeping through them.
    idle: float = IDLE
    limit: float = LIMIT

    def __init__(
        self, host: MessagePump, save: Callable[[], None], idle: float | None = None, limit: float | None = None
    ) -> None:
        self._host = host
        self._save = save
        self._idle = type(self).idle if idle is None else idle
        self._limit = type(self).limit if limit is None else limit
        self._timer: Timer | None = None
        self._first: float | None = None

    @property
    def pending(self) -> bool:
        """A change is waiting to be saved."""
        return self._first is not None

    def touch(self) -> None:
        """Something changed: (re)start the countdown."""
        now = monotonic()
        if self._first is None:
            self._first = now
        if self._timer is not None:
            self._timer.stop()
        # Never zero: Textual's timers divide by their interval.
        delay = max(0.01, min(self._idle, self._first + self._limit - now))
        self._timer = self._host.set_timer(delay, self._fire, name="autosave")

    def flush(self) -> None:
        """Save now if anything is waiting (leaving a screen, closing the app)."""
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
        if self._first is not None:
            self._fire()

    def _fire(self) -> None:
        self._timer = None
        self._first = None
        self._save()
