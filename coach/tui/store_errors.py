"""Telling the coach that the database could not be used, without losing what they typed.

Every screen that saves catches `StoreError` and hands it here; the screen
itself stays as it is, its fields still filled, so saving again later works.
"""

from __future__ import annotations

from textual.app import App
from textual.widget import Widget

from coach.store.errors import DatabaseBusy, StoreError

KEPT = "Wat je typte staat er nog; probeer het zo opnieuw."
TITLE = "Niet bewaard"


def report_store_error(target: App[object] | Widget, error: StoreError, *, kept: str = KEPT) -> None:
    """Show the error's Dutch message and what became of the coach's input.

    A busy database is a passing thing (a warning); the rest needs the
    coach to act (an error), so it stays on screen longer.
    """
    busy = isinstance(error, DatabaseBusy)
    target.notify(
        f"{error.message} {kept}",
        title=TITLE,
        severity="warning" if busy else "error",
        timeout=8 if busy else 15,
    )
