"""Telling the coach that the database could not be used, without losing what they typed.

Every screen that saves catches `StoreError` and hands it here; the screen
itself stays as it is, its fields still filled, so saving again later works.
"""

from __future__ import annotations

from collections.abc import Callable

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


def offer_retry(target: Widget, error: StoreError, retry: Callable[[], None]) -> None:
    """For a change whose dialog has closed: say what is wrong and offer to store the same answers again.

    What the coach chose and typed lives on in `retry`, so nothing needs typing twice.
    """
    from coach.tui.screens.confirm import Confirm

    def answered(again: bool | None) -> None:
        if again:
            retry()
        else:
            report_store_error(target, error, kept="Er is niets veranderd.")

    question = f"{error.message}\n\nJe keuze is nog niet bewaard. Nu opnieuw proberen?"
    target.app.push_screen(Confirm(question, yes="Opnieuw proberen", no="Nee, laat maar"), answered)
