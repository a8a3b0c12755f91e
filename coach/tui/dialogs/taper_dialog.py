"""The proposed afbouw plan: its dates shown, the intervals adjustable, then accepted (or skipped)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.content import Content
from textual.widgets import Button, Input, Select, Static

from coach.domain.calendar_words import moment, short_date
from coach.domain.model import CONTACT_MODES, MODE_LABELS
from coach.domain.taper import TaperError, format_intervals, parse_intervals, propose_taper
from coach.tui.context import CoachModal
from coach.tui.widgets.body import Body

TIME_FORMAT = "%H:%M"


@dataclass(frozen=True)
class TaperChoice:
    """An accepted plan (intervals, moments, mode), or `moments` empty: afbouw without a plan."""

    intervals: tuple[int, ...]
    moments: tuple[datetime, ...]
    mode: str = "huisbezoek"

    @property
    def planned(self) -> bool:
        """True when the coach accepted a schedule."""
        return bool(self.moments)


def schedule_content(moments: list[datetime], intervals: tuple[int, ...], today: date) -> Content:
    """'1. di 17 mrt 10:00  na 1 week' per planned contact."""
    lines = []
    for index, (at, weeks) in enumerate(zip(moments, intervals, strict=False), start=1):
        after = "na 1 week" if weeks == 1 else f"na {weeks} weken"
        lines.append(
            Content.from_markup(
                " $n. [b]$when[/b]  [$foreground-muted]$after[/]", n=str(index), when=moment(at, today), after=after
            )
        )
    return Content("\n").join(lines)


def parse_time(text: str) -> time:
    """'10:00' or '9.30' → a time; a TaperError when it is not a time of day."""
    cleaned = text.strip().replace(".", ":").replace("u", ":00").rstrip(":")
    try:
        hours, _, minutes = cleaned.partition(":")
        return time(int(hours), int(minutes or 0))
    except ValueError:
        raise TaperError(f"'{text}' is geen tijd. Schrijf bijvoorbeeld 10:00 of 9.30.") from None


class TaperDialog(CoachModal[TaperChoice | None]):
    """Shows the dates of the proposed plan; changing the weeks or the time shows the new dates at once."""

    CSS_PATH = "../screens/trajectory.tcss"
    BINDINGS = [Binding("escape", "cancel", "Annuleren", id="taper.cancel")]

    def __init__(self, start: date, today: date, intervals: tuple[int, ...], *, entering: bool = True) -> None:
        super().__init__()
        self._start = start
        self._today = today
        self.intervals = intervals
        self._entering = entering
        self.moments: list[datetime] = propose_taper(start, intervals)

    def compose(self) -> ComposeResult:
        with Body(id="taper-box", classes="dialog-box"):
            yield Static(f"Afbouwplan · start {short_date(self._start, self._today)}", classes="dialog-title")
            yield Static(
                "Steeds iets langer tussen de contacten, zodat het vertrouwen van de jongere in zichzelf "
                "groeit. Pas de weken aan als dat beter past.",
                classes="dialog-hint",
            )
            with Horizontal(classes="dialog-row"):
                yield Static("Weken ertussen", classes="dialog-label")
                yield Input(format_intervals(self.intervals), id="taper-weeks", compact=True)
            with Horizontal(classes="dialog-row"):
                yield Static("Tijd", classes="dialog-label")
                yield Input("10:00", id="taper-time", compact=True)
            with Horizontal(classes="dialog-row"):
                yield Static("Soort contact", classes="dialog-label")
                yield Select(
                    [(MODE_LABELS[m], m) for m in CONTACT_MODES],
                    value="huisbezoek",
                    allow_blank=False,
                    id="taper-mode",
                    compact=True,
                )
            yield Static(schedule_content(self.moments, self.intervals, self._today), id="taper-schedule")
            yield Static(id="taper-error", classes="dialog-error")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Plan vastleggen", variant="primary", id="taper-ok", compact=True)
                if self._entering:
                    yield Button("Zonder plan", id="taper-skip", compact=True)
                yield Button("Annuleren", id="taper-cancel", compact=True)

    def on_mount(self) -> None:
        self.query_one("#taper-weeks", Input).focus()

    @on(Input.Changed)
    def _recompute(self) -> bool:
        """Read the weeks and time again and show the dates; False (with a message) when they are wrong."""
        error = self.query_one("#taper-error", Static)
        try:
            intervals = parse_intervals(self.query_one("#taper-weeks", Input).value)
            at = parse_time(self.query_one("#taper-time", Input).value)
        except TaperError as problem:
            error.update(str(problem))
            return False
        self.intervals, self.moments = intervals, propose_taper(self._start, intervals, at)
        error.update("")
        self.query_one("#taper-schedule", Static).update(schedule_content(self.moments, intervals, self._today))
        return True

    @on(Button.Pressed, "#taper-ok")
    @on(Input.Submitted)
    def _accept(self) -> None:
        if self._recompute():
            mode = self.query_one("#taper-mode", Select).value
            self.dismiss(TaperChoice(self.intervals, tuple(self.moments), str(mode)))

    @on(Button.Pressed, "#taper-skip")
    def _skip(self) -> None:
        self.dismiss(TaperChoice(self.intervals, ()))

    @on(Button.Pressed, "#taper-cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)

    def help_target(self) -> tuple[str, str | None]:
        """The handbook on tapering in steps."""
        return "afbouw-loslaten.md", "afbouwen-in-stappen"
