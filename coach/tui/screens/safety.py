"""Zorg en veiligheid: the five steps of the meldcode in our own words, each kept with date, who and a note.

Opened with z from the young person's screen, or from the prompt when a safety
signal is heard in a note. The numbers that must be at hand stand at the top.
A concern stays open (and shown on the young person's screen, in the caseload
and first in 'deze week') until it is closed with a decision in step 5.
"""

from __future__ import annotations

import weakref
from collections.abc import Callable
from datetime import date, datetime, time
from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Button, Header, Input, Label, RadioSet, Select, Static, TextArea

from coach.conversation.safety import SafetyWatch
from coach.domain.dutch_dates import DateInputError, parse_moment
from coach.domain.safe_text import visible_in
from coach.domain.safety import (
    DECISION_LABELS,
    HELP_NUMBERS,
    MELDCODE_STEPS,
    STEP_COUNT,
    Concern,
    Decision,
    SafetyHit,
    SafetySource,
    StepRecord,
)
from coach.store.errors import StoreError
from coach.store.safety import (
    SafetyError,
    acute_domains,
    close_concern,
    concern,
    concerns_of,
    dismiss_signal,
    dismissals_of,
    open_concern,
    save_step,
)
from coach.tui.context import CoachScreen, context_of
from coach.tui.dialogs.safety_prompt import DISMISS, KEEP, STEPS, SafetyPrompt
from coach.tui.formatting import short_date
from coach.tui.help import HelpTarget
from coach.tui.store_errors import report_store_error
from coach.tui.widgets.body import Body
from coach.tui.widgets.coach_footer import CoachFooter
from coach.tui.widgets.plain_toggles import PlainRadio


def numbers_content() -> Content:
    """The numbers at hand, one line each: 112, Veilig Thuis, 113."""
    return Content("\n").join(
        Content.from_markup("[b]$number[/b] · $when", number=n.number, when=n.when)
        if n.name == n.number
        else Content.from_markup("$name [b]$number[/b] · $when", name=n.name, number=n.number, when=n.when)
        for n in HELP_NUMBERS
    )


def numbers_line() -> Content:
    """The numbers on one line, kept in view above the steps however far the coach scrolls."""
    return Content.from_markup(
        "[b]112[/b] · Veilig Thuis [b]0800-2000[/b] · 113 Zelfmoordpreventie [b]0800-0113[/b] of [b]113[/b]"
    )


def _typed_day(text: str, today: date) -> date:
    """A typed date ("vandaag", "3-12", "12 maart"), never in the future; DateInputError (Dutch) otherwise."""
    if not text.strip():
        return today
    day = parse_moment(text, datetime.combine(today, time(12))).day
    if day > today:
        raise DateInputError("Deze datum ligt in de toekomst. Schrijf op wanneer het gebeurde.")
    return day


def _date_text(day: date) -> str:
    return f"{day.day}-{day.month}-{day.year}"


class SafetyScreen(CoachScreen[bool]):
    """The veiligheid screen for one young person; answers True when something was stored."""

    CSS_PATH = "veiligheid.tcss"
    HELP_TARGET: HelpTarget = ("veiligheid.md", None)
    BINDINGS = [
        Binding("escape", "back", "Terug", id="safety.back", tooltip="Terug; wat vastgelegd is blijft bewaard"),
        Binding("ctrl+s", "save", "Stap vastleggen", id="safety.save", priority=True, tooltip="Deze stap bewaren"),
    ]

    def __init__(self, youth_id: int, name: str, concern_id: int | None = None) -> None:
        super().__init__()
        self.youth_id = youth_id
        self.name_shown = name
        self.concern_id = concern_id
        self.concern: Concern | None = None
        self.others: list[Concern] = []
        self.acute: list[str] = []
        self.step = 1
        self.changed = False
        self._loaded = False

    def help_target(self) -> HelpTarget:
        """The handbook chapter on safety and the meldcode."""
        return self.HELP_TARGET

    # --- reading ---------------------------------------------------------------------------

    def load(self) -> None:
        """Read the concern shown (the one asked for, else the oldest open one) and the acute domains."""
        db = self.context.database
        open_ones = visible_in(concerns_of(db, self.youth_id, open_only=True))
        shown = concern(db, self.concern_id) if self.concern_id is not None else None
        if shown is None or not shown.open:
            shown = open_ones[0] if open_ones else None
        self.concern = shown
        self.concern_id = shown.id if shown else None
        self.others = [c for c in open_ones if shown is None or c.id != shown.id]
        self.acute = acute_domains(db, self.youth_id)
        if shown is not None:
            self.step = min(shown.current_step, STEP_COUNT)
        self._loaded = True

    # --- drawing ---------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        if not self._loaded:
            self.load()
        yield Header()
        yield Static(numbers_line(), id="safety-numbers-bar")
        with Body(id="safety-body"):
            yield Static(f"Zorg en veiligheid · {self.name_shown}", id="safety-title")
            yield Static(numbers_content(), id="safety-numbers")
            if self.acute:
                labels = ", ".join(self._domain_label(key) for key in self.acute)
                yield Static(Content.from_markup("[b]! Acuut[/b] · score 1: $labels", labels=labels), id="safety-acute")
            if self.concern is None:
                yield from self._compose_new()
            else:
                yield from self._compose_concern(self.concern)
        yield CoachFooter(compact=True)

    def _domain_label(self, key: str) -> str:
        try:
            return self.context.content.domain(key).label
        except KeyError:
            return key

    def _compose_new(self) -> ComposeResult:
        yield Static(
            "Er staat geen zorg open. Maak je je zorgen over de veiligheid van de jongere? Open dan hier een zorg "
            "en loop de stappen van de meldcode.",
            id="safety-none",
        )
        kinds = [(kind.label, kind.key) for kind in self.context.content.safety.kinds]
        with Vertical(id="safety-form"):
            yield Label("Waar gaat de zorg over?", classes="safety-label")
            yield Select(kinds, prompt="Kies een soort", id="safety-kind", allow_blank=True)
            yield Static(id="safety-error")
            with Horizontal(id="safety-actions"):
                yield Button("Zorg openen", variant="warning", id="safety-open")

    def _compose_concern(self, shown: Concern) -> ComposeResult:
        today = self.context.today
        source = SafetySource(shown.source).label if SafetySource.has(shown.source) else shown.source
        heard = f" · gehoord: “{shown.heard}”" if shown.heard else ""
        yield Static(
            Content.from_markup(
                "[b]! Open zorg: $label[/b] · sinds $since ($source)$heard",
                label=shown.label,
                since=short_date(shown.opened_on, today),
                source=source,
                heard=heard,
            ),
            id="safety-concern",
        )
        if self.others:
            yield Static(f"Er staan nog {len(self.others)} andere zorgen open; die zie je na het sluiten van deze.")
        with Vertical(id="safety-steps-list"):
            for step in MELDCODE_STEPS:
                record = shown.step(step.number)
                mark = "✓" if record else ("→" if step.number == shown.current_step else "·")
                when = f" · {short_date(record.done_on, today)}" if record else ""
                button = Button(f"{mark} {step.number}. {step.title}{when}", id=f"safety-step-{step.number}")
                button.set_class(step.number == self.step, "-current")
                yield button
        yield from self._compose_step(shown)

    def _compose_step(self, shown: Concern) -> ComposeResult:
        step = MELDCODE_STEPS[self.step - 1]
        record = shown.step(step.number)
        today = self.context.today
        with Vertical(id="safety-form"):
            yield Static(Content.from_markup("[b]Stap $n van 5 · $title[/b]", n=str(step.number), title=step.title))
            yield Static(step.what, id="safety-what")
            if step.questions:
                yield Static("\n".join(f"• {q}" for q in step.questions), classes="safety-questions")
            yield Label("Datum", classes="safety-label")
            yield Input(_date_text(record.done_on if record else today), id="safety-date")
            yield Label(step.who_label, classes="safety-label")
            yield Input(record.who if record else "", id="safety-who")
            if step.number == 1:
                yield Label("Feiten: wat zag of hoorde je, zo letterlijk mogelijk", classes="safety-label")
                yield TextArea(record.facts if record else "", id="safety-facts", compact=True)
                yield Label("Wat denk je ervan (je interpretatie, apart van de feiten)", classes="safety-label")
                yield TextArea(record.interpretation if record else "", id="safety-interpretation", compact=True)
            else:
                yield Label("Notitie", classes="safety-label")
                yield TextArea(record.note if record else "", id="safety-note", compact=True)
            if step.number == STEP_COUNT:
                yield Label("Besluit", classes="safety-label")
                with RadioSet(id="safety-decision"):
                    for decision in Decision:
                        yield PlainRadio(DECISION_LABELS[decision], name=decision.value)
            yield Static(id="safety-error")
            with Horizontal(id="safety-actions"):
                yield Button("Stap vastleggen (Ctrl+S)", variant="primary", id="safety-save")
                if step.number == STEP_COUNT:
                    yield Button("Besluit vastleggen en zorg sluiten", variant="warning", id="safety-close")

    def on_mount(self) -> None:
        first = self.query("#safety-kind, #safety-date")
        if first:
            first.first().focus()

    # --- acting ----------------------------------------------------------------------------

    def _error(self, message: str) -> None:
        self.query_one("#safety-error", Static).update(message)

    async def _redraw(self) -> None:
        self.load()
        await self.recompose()
        self.on_mount()

    @on(Button.Pressed, "#safety-steps-list Button")
    async def _step_chosen(self, event: Button.Pressed) -> None:
        assert event.button.id is not None
        self.step = int(event.button.id.rsplit("-", 1)[1])
        await self.recompose()
        self.on_mount()

    async def show_step(self, number: int) -> None:
        """Show step `number`'s form (for keys and tests as for a click on the step)."""
        self.step = max(1, min(STEP_COUNT, number))
        await self.recompose()
        self.on_mount()

    @on(Button.Pressed, "#safety-open")
    async def _open_pressed(self) -> None:
        kind = self.query_one("#safety-kind", Select).value
        if not isinstance(kind, str):
            self._error("Kies eerst waar de zorg over gaat.")
            return
        label = self.context.content.safety.label(kind)
        try:
            self.concern_id = open_concern(
                self.context.database, self.youth_id, kind, label, SafetySource.JONGERE, self.context.today
            )
        except StoreError as error:
            report_store_error(self, error)
            return
        self.changed = True
        await self._redraw()

    @on(Button.Pressed, "#safety-save")
    async def _save_pressed(self) -> None:
        await self.action_save()

    async def action_save(self) -> None:
        """Keep the step shown: its date, who, and what was written."""
        if self.concern is None:
            await self._open_pressed()
            return
        record = self._record()
        if record is None:
            return
        try:
            save_step(self.context.database, self.concern.id, record)
        except SafetyError as error:
            self._error(str(error))
            return
        except StoreError as error:
            report_store_error(self, error)
            return
        self.changed = True
        self.notify(f"Stap {record.step} vastgelegd.", timeout=2)
        await self._redraw()

    def _record(self) -> StepRecord | None:
        try:
            day = _typed_day(self.query_one("#safety-date", Input).value, self.context.today)
        except DateInputError as error:
            self._error(str(error))
            return None

        def text(selector: str) -> str:
            found = self.query(selector)
            return found.first(TextArea).text if found else ""

        return StepRecord(
            self.step,
            day,
            self.query_one("#safety-who", Input).value,
            text("#safety-note"),
            text("#safety-facts"),
            text("#safety-interpretation"),
        )

    @on(Button.Pressed, "#safety-close")
    async def _close_pressed(self) -> None:
        if self.concern is None:
            return
        pressed = self.query_one("#safety-decision", RadioSet).pressed_button
        if pressed is None:
            self._error("Kies eerst een besluit.")
            return
        record = self._record()
        if record is None:
            return
        db = self.context.database
        try:
            if record.who.strip() or record.note.strip():
                save_step(db, self.concern.id, record)
            close_concern(db, self.concern.id, pressed.name or "", record.done_on, record.note)
        except SafetyError as error:
            self._error(str(error))
            return
        except StoreError as error:
            report_store_error(self, error)
            return
        self.changed = True
        self.notify(f"Zorg gesloten: {DECISION_LABELS[pressed.name or '']}.")
        self.concern_id = None
        await self._redraw()

    def action_back(self) -> None:
        self.dismiss(self.changed)


# --- opening it, and the prompt ---------------------------------------------------------


def open_safety(
    screen: Screen[Any],
    youth_id: int,
    name: str,
    concern_id: int | None = None,
    done: Callable[[bool | None], None] | None = None,
) -> None:
    """From `screen`, show the veiligheid screen for this young person (at this concern when given)."""
    screen.app.push_screen(SafetyScreen(youth_id, name, concern_id), done)


def already_answered(db: Any, youth_id: int, hit: SafetyHit, today: date) -> bool:
    """A concern of this kind is open already, or these words were judged no concern today (a note reopened)."""
    try:
        if any(c.kind == hit.kind for c in concerns_of(db, youth_id, open_only=True)):
            return True
        return any(
            d["kind"] == hit.kind and d["heard"] == hit.typed and d["dismissed_on"] == today.isoformat()
            for d in dismissals_of(db, youth_id)
        )
    except StoreError:
        return False  # when in doubt, ask


def raise_safety_prompt(screen: Screen[Any], youth_id: int, name: str, source: str, hit: SafetyHit) -> None:
    """Show the prompt for a heard signal and store the answer: a concern (opened now) or a dismissal."""
    context = context_of(screen.app)
    if already_answered(context.database, youth_id, hit, context.today):
        return
    kind = context.content.safety.kind(hit.kind)
    help_line = kind.help if kind is not None else ""

    def answered(answer: str | None) -> None:
        db = context.database
        try:
            if answer == DISMISS:
                dismiss_signal(db, youth_id, hit.kind, hit.typed, source, context.today)
                screen.notify("Vastgelegd: geen zorg. Je kunt gewoon verder typen.", timeout=3)
                return
            concern_id = open_concern(db, youth_id, hit.kind, hit.label, source, context.today, hit.typed)
        except StoreError as error:
            report_store_error(screen, error)
            return
        if answer == STEPS:
            open_safety(screen, youth_id, name, concern_id)
        else:
            assert answer in (KEEP, None)
            screen.notify(f"De zorg ({hit.label}) staat open; z op het scherm van de jongere opent de stappen.")

    screen.app.push_screen(SafetyPrompt(hit, help_line), answered)


def raise_pending(screen: Screen[Any], youth_id: int, name: str, source: str, watch: SafetyWatch) -> None:
    """Raise the prompt for the signal the watch heard, if any (once per kind per sitting).

    Only over the screen the coach is on: a screen being left keeps the signal for when it is back.
    """
    if not screen.is_current:
        return
    hit = watch.take()
    if hit is not None:
        raise_safety_prompt(screen, youth_id, name, source, hit)


def settle(screen: Screen[Any], youth_id: int, name: str, source: str, watch: SafetyWatch, text: str) -> None:
    """After a pause in typing (the autosave): a signal in the last word typed counts too."""
    if screen.is_current:
        watch.hear(text, final=True)
        raise_pending(screen, youth_id, name, source, watch)


_WATCHES: weakref.WeakKeyDictionary[Screen[Any], SafetyWatch] = weakref.WeakKeyDictionary()


def listen(screen: Screen[Any], youth_id: int, name: str, source: str, text: str) -> None:
    """For a note field without a session (the contact form): hear `text`, and raise the prompt when due."""
    watch = _WATCHES.get(screen)
    if watch is None:
        watch = _WATCHES[screen] = SafetyWatch(context_of(screen.app).content.safety)
    watch.hear(text)
    raise_pending(screen, youth_id, name, source, watch)
