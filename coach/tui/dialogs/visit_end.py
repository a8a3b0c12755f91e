"""Leaving a visit's preparation: complete the visit, keep the note as its preparation, or go on preparing."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Button, Input, Static

from coach.conversation.visit_session import VisitEnding
from coach.domain.contact_input import FormErrors
from coach.store.errors import StoreError
from coach.tui.context import CoachModal
from coach.tui.formatting import moment
from coach.tui.store_errors import report_store_error
from coach.tui.widgets.body import Body

COMPLETE = "complete"
KEPT = "kept"


class VisitEndDialog(CoachModal[str | None]):
    """Ask how the visit ends; answers COMPLETE (the form comes next), KEPT (already stored) or None (go on)."""

    CSS_PATH = "../screens/visit_end.tcss"
    BINDINGS = [
        Binding("escape", "cancel", "Verder met voorbereiden", id="visit_end.cancel"),
    ]

    def __init__(self, name: str, ending: VisitEnding, today: date, keep: Callable[[str | None], datetime | None]):
        super().__init__()
        self._name = name
        self._ending = ending
        self._today = today
        self._keep = keep

    def compose(self) -> ComposeResult:
        planned = self._ending.planned_at
        with Body(id="visit-end-box"):
            yield Static(f"Bezoek aan {self._name}: hoe verder?", classes="dialog-title")
            if planned is not None:
                yield Static(f"Gepland huisbezoek: {moment(planned, self._today)}.", classes="dialog-hint")
            else:
                yield Static("Er staat geen huisbezoek gepland.", classes="dialog-hint")
            yield Button(
                "Bezoek afronden — het bezoek is geweest (of niet doorgegaan)",
                variant="primary",
                id="complete",
                compact=True,
            )
            yield Button("Bewaar als voorbereiding — het bezoek komt nog", id="keep", compact=True)
            if self._ending.asks_moment:
                yield Input(placeholder="Gepland voor (bv. morgen 10:00, vr 14:00)", id="keep-when", compact=True)
                yield Static(id="keep-when-error", classes="dialog-error")
            yield Button("Verder met voorbereiden (Esc)", id="cancel", compact=True)
            yield Static("Je aantekeningen blijven bewaard, wat je ook kiest.", classes="dialog-hint")

    def on_mount(self) -> None:
        self.query_one("#complete", Button).focus()

    @on(Button.Pressed, "#complete")
    def action_complete(self) -> None:
        """The visit has happened (or did not go ahead): fill in how, next."""
        self.dismiss(COMPLETE)

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        """Back to preparing; nothing changes."""
        self.dismiss(None)

    @on(Button.Pressed, "#keep")
    @on(Input.Submitted, "#keep-when")
    def action_keep(self) -> None:
        """Keep the note as the preparation of the planned visit (asking when, if none was planned)."""
        when = self.query_one("#keep-when", Input).value if self._ending.asks_moment else None
        try:
            self._keep(when)
        except FormErrors as error:
            message = error.errors.get("when") or " ".join(error.errors.values())
            if self._ending.asks_moment:
                self.query_one("#keep-when-error", Static).update(message)
                self.query_one("#keep-when", Input).focus()
            else:
                self.notify(message, severity="error")
            return
        except StoreError as error:
            report_store_error(self, error)
            return
        self.dismiss(KEPT)
