"""The first start: choose the passphrase that encrypts the coach's database (typed twice)."""

from __future__ import annotations

from collections.abc import Callable

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Button, Input, Static

from coach.privacy.passphrase import ADVICE, confirmation_problem, passphrase_problem
from coach.tui.context import CoachScreen

INTRO = (
    "Wat je over jongeren vastlegt, wordt versleuteld. Kies een wachtwoord dat alleen jij kent: coach vraagt "
    "het bij elke start en na een tijdje niets doen. Kwijt is kwijt, niemand kan het terughalen."
)


class FirstRunScreen(CoachScreen[bool]):
    """Asks the new passphrase twice; `create` makes the database (None) or says what went wrong."""

    CSS_PATH = "safety.tcss"

    def __init__(self, create: Callable[[str], str | None]) -> None:
        super().__init__()
        self._create = create

    def compose(self) -> ComposeResult:
        with Vertical(id="lock-box"):
            yield Static("Welkom bij coach", id="lock-title")
            yield Static(INTRO, id="lock-hint")
            yield Static(ADVICE, classes="lock-advice")
            yield Input(password=True, placeholder="wachtwoord", id="first-passphrase")
            yield Input(password=True, placeholder="nog een keer", id="first-again")
            yield Static("", id="lock-error")
            yield Button("Beginnen", variant="primary", id="first-create")

    def on_mount(self) -> None:
        self.query_one("#first-passphrase", Input).focus()

    @on(Input.Submitted, "#first-passphrase")
    def _first_done(self) -> None:
        # At once, not on the next tick: what is typed right after Enter belongs in the second field.
        self.set_focus(self.query_one("#first-again", Input))

    @on(Input.Submitted, "#first-again")
    @on(Button.Pressed, "#first-create")
    def _submit(self) -> None:
        first = self.query_one("#first-passphrase", Input)
        again = self.query_one("#first-again", Input)
        problem = passphrase_problem(first.value) or confirmation_problem(first.value, again.value)
        if problem is None:
            problem = self._create(first.value)
        if problem is None:
            self.dismiss(True)
            return
        self.query_one("#lock-error", Static).update(problem)
        first.clear()
        again.clear()
        self.set_focus(first)
