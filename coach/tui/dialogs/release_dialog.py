"""The coach's decision on letting go: the reason, and on letting go the way back and the nazorg checks."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.content import Content
from textual.widgets import Button, Input, Static, TextArea

from coach.domain.calendar_words import moment, short_date
from coach.domain.dutch_dates import PAST, DateInputError, parse_day
from coach.domain.taper import MAX_MONTHS, TaperError, format_intervals, parse_intervals, propose_nazorg
from coach.domain.trajectory import NOT_YET, RELEASE
from coach.tui.context import CoachModal
from coach.tui.widgets.body import Body


@dataclass(frozen=True)
class ReleaseChoice:
    """What the coach decided: loslaten or nog_niet, on a day, why; the way back and checks on letting go."""

    decision: str
    on: date
    reason: str
    way_back: str | None = None
    checkins: tuple[datetime, ...] = ()


class ReleaseDialog(CoachModal[ReleaseChoice | None]):
    """Letting go (or not yet): the coach writes the reason; letting go also asks for the way back."""

    CSS_PATH = "../screens/trajectory.tcss"
    BINDINGS = [
        Binding("ctrl+s", "submit", "Vastleggen", id="release.submit"),
        Binding("escape", "cancel", "Annuleren", id="release.cancel"),
    ]

    def __init__(
        self,
        decision: str,
        today: date,
        *,
        on: date | None = None,
        reason: str = "",
        months: tuple[int, ...] = (1, 3),
        way_back_prompt: str = "Als het weer lastig wordt, dan…",
        name: str = "",
    ) -> None:
        super().__init__()
        self.decision = decision
        self._today = today
        self._on = on or today
        self._reason = reason
        self.months = months
        self._prompt = way_back_prompt
        self._name = name
        self.checkins: list[datetime] = propose_nazorg(self._on, months) if decision == RELEASE else []

    def compose(self) -> ComposeResult:
        letting_go = self.decision == RELEASE
        title = "Loslaten" if letting_go else "Nog niet loslaten"
        with Body(id="release-box", classes="dialog-box"):
            yield Static(f"{title} · {self._name}" if self._name else title, classes="dialog-title")
            yield Static(
                "Jij besluit: waarom nu, de weg terug, en de nazorgchecks."
                if letting_go
                else "Jij besluit. Schrijf op wat nog nodig is.",
                classes="dialog-hint",
            )
            with Horizontal(classes="dialog-row"):
                yield Static("Datum", classes="dialog-label -short")
                yield Input(
                    placeholder=f"vandaag ({short_date(self._on, self._today)})", id="release-date", compact=True
                )
                if letting_go:
                    yield Static("Nazorg na", classes="dialog-label -short")
                    yield Input(format_intervals(self.months), id="release-months", compact=True)
                    yield Static("maanden", classes="dialog-label -unit")
            if letting_go:
                yield Static(self._checks_content(), id="release-checks")
            yield Static("Waarom nu loslaten?" if letting_go else "Waarom nog niet?", classes="dialog-label-top")
            yield TextArea(self._reason, id="release-reason", classes="dialog-text")
            if letting_go:
                yield Static(f"De weg terug: “{self._prompt}”", classes="dialog-label-top")
                yield TextArea(
                    id="release-way-back",
                    classes="dialog-text",
                    placeholder="…app of bel je je coach, of loop je binnen bij het jongerenloket.",
                )
            yield Static(id="release-error", classes="dialog-error")
            with Horizontal(classes="dialog-buttons"):
                yield Button(
                    "Loslaten" if letting_go else "Vastleggen", variant="primary", id="release-ok", compact=True
                )
                yield Button("Annuleren", id="release-cancel", compact=True)

    def on_mount(self) -> None:
        self.query_one("#release-reason", TextArea).focus()

    def _checks_content(self) -> Content:
        shown = Content(" · ").join(
            Content.from_markup("[b]$when[/b]", when=moment(at, self._today)) for at in self.checkins
        )
        return Content("Nazorgchecks: ") + shown

    def _day(self) -> date:
        text = self.query_one("#release-date", Input).value.strip()
        return parse_day(text, self._today, direction=PAST) if text else self._on

    @on(Input.Changed)
    def _recompute(self) -> bool:
        """Plan the checks again from the date and the months; False (with a message) when either is wrong."""
        if self.decision != RELEASE:
            return True
        error = self.query_one("#release-error", Static)
        try:
            months = parse_intervals(self.query_one("#release-months", Input).value, unit="maanden", maximum=MAX_MONTHS)
            self.checkins = propose_nazorg(self._day(), months)
        except (TaperError, DateInputError) as problem:
            error.update(str(problem))
            return False
        error.update("")
        self.query_one("#release-checks", Static).update(self._checks_content())
        return True

    @on(Button.Pressed, "#release-ok")
    def action_submit(self) -> None:
        """Check what was written and hand the decision back."""
        error = self.query_one("#release-error", Static)
        try:
            day = self._day()
        except DateInputError as problem:
            error.update(str(problem))
            return
        if day > self._today:
            error.update("De datum ligt in de toekomst. Leg het besluit vast op de dag zelf.")
            return
        reason = self.query_one("#release-reason", TextArea).text.strip()
        if not reason:
            error.update("Schrijf kort de reden op; dat hoort bij het besluit.")
            self.query_one("#release-reason", TextArea).focus()
            return
        if self.decision != RELEASE:
            self.dismiss(ReleaseChoice(NOT_YET, day, reason))
            return
        if not self._recompute():
            return
        way_back = self.query_one("#release-way-back", TextArea).text.strip() or None
        self.dismiss(ReleaseChoice(RELEASE, day, reason, way_back, tuple(self.checkins)))

    @on(Button.Pressed, "#release-cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)

    def help_target(self) -> tuple[str, str | None]:
        """The handbook on the way back, or on the signs of being ready."""
        return ("afbouw-loslaten.md", "de-weg-terug" if self.decision == RELEASE else "signalen-van-klaar-zijn")
