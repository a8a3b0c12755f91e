"""Leaving samen invullen: only the coach, with the passphrase, gets back to the rest of the app."""

from __future__ import annotations

from collections.abc import Callable

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Button, Input, Static

from coach.tui.context import CoachModal

# Checks a typed passphrase: None when it is right, else a Dutch message.
Check = Callable[[str], "str | None"]

TITLE = "Terug naar je coach"
HINT = "Dit deel is voor je coach. Je coach typt het wachtwoord en drukt op Enter."
NO_PASSPHRASE = (
    "In een echte database vraagt coach hier het wachtwoord van de coach, zodat de jongere niet "
    "verder kan kijken. Deze database heeft geen wachtwoord (zoals de demo): druk op Enter om terug te gaan."
)
STAY = "Verder met invullen"


class SamenLeave(CoachModal[bool]):
    """Dismisses with True once `check` accepts the passphrase (or on Enter without one); Esc: stay."""

    CSS_PATH = "../screens/samen.tcss"
    BINDINGS = [
        Binding("escape", "stay", STAY, id="samen_leave.stay", tooltip="Terug naar samen invullen"),
        Binding("enter", "leave_plain", "Terug", id="samen_leave.enter", show=False),
    ]

    def __init__(self, check: Check | None) -> None:
        super().__init__()
        self._check = check
        self.failures = 0

    def compose(self) -> ComposeResult:
        with Vertical(id="leave-box"):
            yield Static(TITLE, id="leave-title")
            yield Static(HINT if self._check else NO_PASSPHRASE, id="leave-hint")
            if self._check is not None:
                yield Input(password=True, placeholder="wachtwoord van de coach", id="leave-input")
            yield Static("", id="leave-error")
            stay = Button(f"{STAY} (Esc)", id="leave-stay")
            # Never focused: without a passphrase Enter must reach the leave binding (Esc or a click stays).
            stay.can_focus = False
            yield stay

    def on_mount(self) -> None:
        if self._check is not None:
            self.query_one("#leave-input", Input).focus()

    def action_stay(self) -> None:
        """Back to the young person's part, nothing changed."""
        self.dismiss(False)

    @on(Button.Pressed, "#leave-stay")
    def _stay_pressed(self) -> None:
        self.dismiss(False)

    def action_leave_plain(self) -> None:
        """Without a passphrase, Enter is enough to go back."""
        if self._check is None:
            self.dismiss(True)

    @on(Input.Submitted, "#leave-input")
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        assert self._check is not None
        problem = self._check(event.value)
        field = self.query_one("#leave-input", Input)
        field.clear()
        if problem is None:
            self.dismiss(True)
            return
        self.failures += 1
        self.query_one("#leave-error", Static).update(problem)
        self.set_focus(field)
