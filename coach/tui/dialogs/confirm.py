"""A yes/no question before something that cannot simply be taken back."""

from __future__ import annotations

from typing import TypeVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Static

from coach.tui.context import CoachModal

ResultT = TypeVar("ResultT")


class Confirm(CoachModal[bool]):
    """Ask once; j (or the yes button) confirms, Esc or n keeps things as they are."""

    CSS_PATH = "../screens/confirm.tcss"
    BINDINGS = [
        Binding("escape,n", "answer(False)", "Nee", id="confirm.no", tooltip="Niets veranderen"),
        Binding("j,y", "answer(True)", "Ja", id="confirm.yes", tooltip="Ja, doe het"),
    ]

    def __init__(self, question: str, yes: str = "Ja", no: str = "Nee, laat staan") -> None:
        super().__init__()
        self._question = question
        self._yes = yes
        self._no = no

    def compose(self) -> ComposeResult:
        with Vertical(id="confirm-box"):
            yield Static(self._question, id="confirm-question")
            with Horizontal(id="confirm-buttons"):
                yield Button(self._yes, variant="warning", id="yes")
                yield Button(self._no, id="no")
            yield Static("j: ja · n of Esc: nee", id="confirm-keys")

    def on_mount(self) -> None:
        # The safe answer has the focus, so a stray Enter changes nothing.
        self.query_one("#no", Button).focus()

    @on(Button.Pressed, "#yes")
    def _yes_pressed(self) -> None:
        self.dismiss(True)

    @on(Button.Pressed, "#no")
    def _no_pressed(self) -> None:
        self.dismiss(False)

    def action_answer(self, answer: bool) -> None:
        self.dismiss(answer)


def close_or_ask(
    dialog: CoachModal[ResultT],
    typed: bool,
    result: ResultT,
    question: str,
    yes: str = "Ja, weggooien",
    no: str = "Nee, laat staan",
) -> None:
    """Close `dialog` with `result`; when something was typed (`typed`), ask first, so a stray Esc throws nothing away."""
    if not typed:
        dialog.dismiss(result)
        return

    def answered(sure: bool | None) -> None:
        if sure:
            dialog.dismiss(result)

    dialog.app.push_screen(Confirm(question, yes=yes, no=no), answered)
