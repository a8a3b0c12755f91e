"""Choose the next phase of the trajectory, its date and a note; only allowed moves are offered."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.widgets import Button, Input, RadioSet, Static

from coach.domain.calendar_words import short_date
from coach.domain.dutch_dates import PAST, DateInputError, parse_day
from coach.domain.model import PHASE_LABELS, PhaseEntry
from coach.domain.phases import current_phase
from coach.domain.trajectory import NOTE_MAX, TrajectoryError, allowed_next, check_phase_change, is_reopen
from coach.domain.vocabulary import Phase
from coach.tui.context import CoachModal
from coach.tui.widgets.body import Body
from coach.tui.widgets.plain_toggles import PlainRadio

# What each move means, in the coach's words.
MOVE_HINTS: dict[str, str] = {
    "intake": "het intakegesprek begint",
    "begeleiding": "de begeleiding loopt (weer)",
    "afbouw": "minder contact; je krijgt een afbouwplan",
    "nazorg": "loslaten, met de weg terug en nazorgchecks",
    "afgesloten": "het traject stopt",
}

# Moves that end the coaching: never chosen in advance, so Enter alone cannot close a trajectory.
DESTRUCTIVE = frozenset({Phase.AFGESLOTEN})


@dataclass(frozen=True)
class PhaseChange:
    """The coach's choice: the new phase, the day it starts, and a note."""

    phase: str
    on: date
    note: str | None


def move_label(current: str, phase: str) -> str:
    """'Afbouw — minder contact…', or 'Heropenen: begeleiding' for the way back."""
    if is_reopen(current, phase):
        return f"Heropenen: {PHASE_LABELS[phase].lower()} — de geschiedenis blijft bewaard"
    return f"{PHASE_LABELS[phase]} — {MOVE_HINTS[phase]}"


class PhaseDialog(CoachModal[PhaseChange | None]):
    """Pick one of the allowed phases, a date (default today) and a short note; Esc keeps things as they are."""

    CSS_PATH = "../screens/trajectory.tcss"
    BINDINGS = [Binding("escape", "cancel", "Annuleren", id="phase.cancel")]

    def __init__(self, name: str, phases: list[PhaseEntry], today: date) -> None:
        super().__init__()
        self._name = name
        self._phases = phases
        self._today = today
        self.current = current_phase(phases)
        self.moves = allowed_next(self.current)

    def compose(self) -> ComposeResult:
        since = max((p.since for p in self._phases), default=None)
        now = PHASE_LABELS[self.current] + (f" sinds {short_date(since, self._today)}" if since else "")
        with Body(id="phase-box", classes="dialog-box"):
            yield Static(f"Fase wijzigen · {self._name}", classes="dialog-title")
            yield Static(f"Nu: {now}", classes="dialog-hint")
            with RadioSet(id="phase-choice"):
                for index, phase in enumerate(self.moves):
                    # Only a harmless first move is chosen for the coach; ending the trajectory never is.
                    preselect = index == 0 and phase not in DESTRUCTIVE
                    yield PlainRadio(move_label(self.current, phase), value=preselect, id=f"to-{phase}")
            yield Input(placeholder="Datum: vandaag (of bv. 12-3, gisteren)", id="phase-date", compact=True)
            yield Input(placeholder="Notitie (waarom nu?)", max_length=NOTE_MAX, id="phase-note", compact=True)
            yield Static(id="phase-error", classes="dialog-error")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Verder", variant="primary", id="phase-ok", compact=True)
                yield Button("Annuleren", id="phase-cancel", compact=True)

    def on_mount(self) -> None:
        self.query_one(RadioSet).focus()

    @property
    def chosen(self) -> str | None:
        """The phase whose radio button is pressed, or None while the coach has not chosen."""
        pressed = self.query_one(RadioSet).pressed_button
        return (pressed.id or "to-").removeprefix("to-") if pressed else None

    def _fail(self, message: str) -> None:
        self.query_one("#phase-error", Static).update(message)

    @on(Button.Pressed, "#phase-ok")
    @on(Input.Submitted)
    def _submit(self) -> None:
        text = self.query_one("#phase-date", Input).value.strip()
        chosen = self.chosen
        if chosen is None:
            self._fail("Kies eerst een fase: ↑↓ en spatie of Enter.")
            self.query_one(RadioSet).focus()
            return
        try:
            day = parse_day(text, self._today, direction=PAST) if text else self._today
            note = self.query_one("#phase-note", Input).value.strip() or None
            check_phase_change(self._phases, chosen, day, self._today, note)
        except (DateInputError, TrajectoryError) as error:
            self._fail(str(error))
            return
        self.dismiss(PhaseChange(chosen, day, note))

    @on(Button.Pressed, "#phase-cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)

    def help_target(self) -> tuple[str, str | None]:
        """Afbouw and letting go are what this dialog is mostly about."""
        return "afbouw-loslaten.md", None
