"""The calm, clearly marked prompt when a safety signal is heard in a note: what was heard, and the next step."""

from __future__ import annotations

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import Button, Static

from coach.domain.safety import SafetyHit
from coach.tui.context import CoachModal

# What the prompt answers.
STEPS, KEEP, DISMISS = "steps", "keep", "dismiss"


class SafetyPrompt(CoachModal[str]):
    """Heard: "…". m opens the meldcode steps, g records that it is no concern, Esc keeps it open for later.

    The prompt comes up while the coach may still be typing; for a moment it
    takes no keys at all, so the next letters of a sentence cannot answer it.
    """

    CSS_PATH = "../screens/veiligheid.tcss"
    # Seconds before keys count (tests set 0).
    ARM_SECONDS = 1.2
    BINDINGS = [
        Binding("m", "answer('steps')", "Meldcode-stappen", id="safety_prompt.steps"),
        Binding("g", "answer('dismiss')", "Geen zorg", id="safety_prompt.dismiss"),
        Binding("escape,l", "answer('keep')", "Later", id="safety_prompt.keep"),
    ]

    def __init__(self, hit: SafetyHit, help_line: str) -> None:
        super().__init__()
        self.hit = hit
        self._help = help_line
        self.armed = self.ARM_SECONDS <= 0

    def compose(self) -> ComposeResult:
        with Vertical(id="safety-prompt-box"):
            yield Static(
                Content.from_markup("[b]! Veiligheid[/b] · $label", label=self.hit.label), id="safety-prompt-title"
            )
            yield Static(
                Content.from_markup("Je schreef: [i]“$typed”[/i]. Sta je er even bij stil?", typed=self.hit.typed),
                id="safety-prompt-heard",
            )
            yield Static(self._help, id="safety-prompt-help")
            with Horizontal(id="safety-prompt-buttons"):
                yield Button("Open de meldcode-stappen", variant="warning", id="safety-steps", disabled=not self.armed)
                yield Button("Later", id="safety-keep", disabled=not self.armed)
                yield Button("Geen zorg, sluit", id="safety-dismiss", disabled=not self.armed)
            yield Static(
                "m: meldcode-stappen · l of Esc: later, de zorg blijft open · g: geen zorg (wordt vastgelegd)",
                id="safety-prompt-keys",
            )

    def on_mount(self) -> None:
        if not self.armed:
            self.set_timer(self.ARM_SECONDS, self._arm)

    def _arm(self) -> None:
        self.armed = True
        for button in self.query(Button):
            button.disabled = False
        self.query_one("#safety-keep", Button).focus()

    async def _on_key(self, event: events.Key) -> None:
        # Until armed, the letters of a sentence still being typed fall here and are dropped.
        if not self.armed:
            event.stop()
            event.prevent_default()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return self.armed

    @on(Button.Pressed, "#safety-steps")
    def _steps(self) -> None:
        self.dismiss(STEPS)

    @on(Button.Pressed, "#safety-keep")
    def _keep(self) -> None:
        self.dismiss(KEEP)

    @on(Button.Pressed, "#safety-dismiss")
    def _dismiss(self) -> None:
        self.dismiss(DISMISS)

    def action_answer(self, answer: str) -> None:
        self.dismiss(answer)
