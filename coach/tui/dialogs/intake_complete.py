"""Asking before an intake is closed and stored as the baseline measurement."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Static

from coach.domain.intake import NOT_YET, NU_NIET, NVT, SCORED, TOUCHED, Intake
from coach.tui.context import CoachModal


def complete_summary(intake: Intake, open_signals: list[str]) -> str:
    """What the intake holds, said before it is closed; `open_signals` names each signal ("Huisvesting ('huur')")."""
    counts = intake.counts()
    signals = f" ({len(open_signals)}): " + ", ".join(open_signals) + "." if open_signals else ": geen."
    return (
        f"Warm verhaal: {intake.warm_told} van {len(intake.warm)} verteld.\n"
        f"Leefgebieden: {counts[SCORED]} gescoord, {counts[TOUCHED]} besproken zonder score, "
        f"{counts[NU_NIET] + counts[NVT]} overgeslagen, {counts[NOT_YET]} nog niet.\n"
        f"Signalen nog niet besproken{signals}\n\n"
        "De scores worden bewaard als nulmeting van vandaag. Je kunt daarna nog aanvullen."
    )


class CompleteIntakeDialog(CoachModal[bool]):
    """'Intake afronden?' with what is in it; Enter confirms, Esc goes back to the conversation."""

    CSS_PATH = "../screens/intake.tcss"
    BINDINGS = [Binding("escape", "cancel", "Terug", id="complete.cancel")]

    def __init__(self, summary: str) -> None:
        super().__init__()
        self._summary = summary

    def compose(self) -> ComposeResult:
        with Vertical(id="complete-box"):
            yield Static("Intake afronden?", id="complete-title")
            yield Static(self._summary, id="complete-summary")
            with Horizontal(id="complete-buttons"):
                yield Button("Afronden", variant="primary", id="complete-yes")
                yield Button("Nog niet", id="complete-no")

    def on_mount(self) -> None:
        self.query_one("#complete-yes", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(event.button.id == "complete-yes")

    def action_cancel(self) -> None:
        self.dismiss(False)
