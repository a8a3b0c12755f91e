"""The lock: everything hidden until the passphrase is typed again (also the way in at start)."""

from __future__ import annotations

from collections.abc import Callable

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Input, Static

from coach.tui.context import CoachScreen

# Checks a typed passphrase: None when it opens, else a Dutch message.
Check = Callable[[str], "str | None"]

LOCKED_TITLE = "coach is vergrendeld"
LOCKED_HINT = "Niemand kan meekijken. Typ je wachtwoord en druk op Enter om verder te gaan."
OPEN_TITLE = "Welkom terug"
OPEN_HINT = "Je gegevens zijn versleuteld. Typ je wachtwoord en druk op Enter."
NO_PASSPHRASE_HINT = (
    "Deze database heeft geen wachtwoord (de demo), dus het scherm is alleen verborgen. "
    "Druk op Enter om verder te gaan."
)
FORGOTTEN = "Wachtwoord kwijt? Zonder wachtwoord kan niemand erbij, ook wij niet; vraag je beheerder naar een back-up."


class LockScreen(CoachScreen[bool]):
    """Hides the app; dismisses with True once `check` accepts the passphrase (or on Enter without one)."""

    CSS_PATH = "safety.tcss"
    BINDINGS = [
        Binding("escape", "nothing", show=False, id="lock.escape"),
        Binding("enter", "open_plain", "Verder", id="lock.enter", show=False),
    ]

    def __init__(self, check: Check | None, *, title: str = LOCKED_TITLE, hint: str | None = None) -> None:
        super().__init__()
        self._check = check
        self._title = title
        self._hint = hint or (LOCKED_HINT if check else NO_PASSPHRASE_HINT)
        self.failures = 0

    def compose(self) -> ComposeResult:
        with Vertical(id="lock-box"):
            yield Static(self._title, id="lock-title")
            yield Static(self._hint, id="lock-hint")
            if self._check is not None:
                yield Input(password=True, placeholder="wachtwoord", id="lock-input")
            yield Static("", id="lock-error")

    def on_mount(self) -> None:
        if self._check is not None:
            self.query_one("#lock-input", Input).focus()

    def action_nothing(self) -> None:
        """Escape does not get past the lock."""

    def action_open_plain(self) -> None:
        """Without a passphrase, Enter is enough to go on."""
        if self._check is None:
            self.dismiss(True)

    @on(Input.Submitted, "#lock-input")
    def _submitted(self, event: Input.Submitted) -> None:
        assert self._check is not None
        problem = self._check(event.value)
        field = self.query_one("#lock-input", Input)
        field.clear()
        if problem is None:
            self.dismiss(True)
            return
        self.failures += 1
        if self.failures >= 3:
            problem = f"{problem}\n{FORGOTTEN}"
        self.query_one("#lock-error", Static).update(problem)
        self.set_focus(field)
