"""Logging a contact close to a planned one: complete that planned one, or add a separate contact?"""

from __future__ import annotations

from datetime import date
from typing import Literal

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Static

from coach.domain.contact_status import ContactRecord
from coach.domain.model import MODE_LABELS
from coach.tui.context import CoachModal
from coach.tui.formatting import moment

Choice = Literal["complete", "separate"]


def planned_question(planned: ContactRecord, today: date) -> str:
    """'Je had op di 10 mrt 14:00 een huisbezoek gepland. Dit contact daarmee afronden?'."""
    contact = planned.contact
    mode = MODE_LABELS.get(contact.mode, contact.mode).lower()
    return f"Je had op {moment(contact.at, today)} een {mode} gepland. Dit contact daarmee afronden?"


class PlannedNearDialog(CoachModal[Choice | None]):
    """Three ways out: complete the planned one (the default), log a separate contact, or back to the form (Esc)."""

    CSS_PATH = "../screens/confirm.tcss"
    DEFAULT_CSS = "PlannedNearDialog { align: center middle; }"
    BINDINGS = [
        Binding("escape", "back", "Terug", id="planned_near.back", tooltip="Terug naar het formulier"),
        Binding("j,y", "choose('complete')", "Afronden", id="planned_near.complete"),
        Binding("n", "choose('separate')", "Apart", id="planned_near.separate"),
    ]

    def __init__(self, planned: ContactRecord, today: date) -> None:
        super().__init__()
        self.planned = planned
        self._today = today

    def compose(self) -> ComposeResult:
        with Vertical(id="confirm-box"):
            yield Static(planned_question(self.planned, self._today), id="confirm-question")
            with Horizontal(id="confirm-buttons"):
                yield Button("Ja, daarmee afronden", variant="primary", id="complete")
                yield Button("Nee, apart vastleggen", id="separate")
            yield Static("j: afronden · n: apart · Esc: terug naar het formulier", id="confirm-keys")

    def on_mount(self) -> None:
        self.query_one("#complete", Button).focus()

    @on(Button.Pressed, "#complete")
    def _complete(self) -> None:
        self.dismiss("complete")

    @on(Button.Pressed, "#separate")
    def _separate(self) -> None:
        self.dismiss("separate")

    def action_choose(self, choice: Choice) -> None:
        self.dismiss(choice)

    def action_back(self) -> None:
        self.dismiss(None)
