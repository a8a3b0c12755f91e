"""Locking by idle time: a watch on input events, and saving what is typed before the lock."""

from __future__ import annotations

from collections.abc import Callable
from time import monotonic
from typing import Any

from textual.app import App

# What editors call their "keep what is typed now" method. A screen or
# widget holding unsaved typing defines one; the lock calls it first.
SAVE_METHODS = ("save_now", "save_draft_now")


def save_everything(app: App[Any]) -> int:
    """Ask every screen and widget with unsaved typing to save it now; returns how many did."""
    saved = 0
    for screen in app.screen_stack:
        for node in (screen, *screen.query("*")):
            for name in SAVE_METHODS:
                method = getattr(node, name, None)
                if callable(method):
                    method()
                    saved += 1
                    break
    return saved


class IdleWatch:
    """Calls `on_idle` once nothing was typed or clicked for `seconds` (None: never)."""

    def __init__(self, app: App[Any], seconds: float | None, on_idle: Callable[[], None]) -> None:
        self._app = app
        self.seconds = seconds or None
        self._on_idle = on_idle
        self._last = monotonic()

    def start(self) -> None:
        """Begin watching; checks a few times per idle period."""
        if self.seconds:
            self._app.set_interval(min(max(self.seconds / 5, 0.05), 15), self._check, name="idle-lock")

    def touch(self) -> None:
        """The coach did something: the idle time starts again."""
        self._last = monotonic()

    def _check(self) -> None:
        if self.seconds and monotonic() - self._last >= self.seconds:
            self._last = monotonic()
            self._on_idle()
