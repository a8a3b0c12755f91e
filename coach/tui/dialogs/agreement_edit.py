"""One afspraak on its own: add it, or open it to change the text, who does it and by when, or mark it.

Opened from the young person's screen with f (a new one) or Enter / a click
on an afspraak. Saving is one transaction; wrong input gets a Dutch message
at its field and stores nothing; Esc with changes asks before throwing them away.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.widget import Widget
from textual.widgets import Button, Input, Select, Static

from coach.domain.agreement_form import owner_choices, owner_value, read_due, read_owner
from coach.domain.calendar_words import short_date, weekday_date
from coach.domain.contact_input import FormErrors
from coach.domain.model import Case, NetworkPerson
from coach.domain.vocabulary import AgreementStatus
from coach.store.agreement_edits import (
    AgreementEditError,
    AgreementRecord,
    add_agreement,
    edit_agreement,
    get_agreement,
    mark_agreement,
)
from coach.store.errors import StoreError
from coach.store.revisions import revisions_of
from coach.tui.context import CoachModal, CoachScreen
from coach.tui.dialogs.confirm import close_or_ask
from coach.tui.formatting import day_count
from coach.tui.store_errors import report_store_error
from coach.tui.widgets.agreement_list import is_overdue
from coach.tui.widgets.body import Body

# The form's fields in the order shown: the focus goes to the first one in error.
FIELDS = ("text", "owner", "due")
#: What the dialog answers, for the screen's message: the afspraak's id and what happened to it.
Done = tuple[int, str]


def due_text(due: date | None) -> str:
    """A stored due date as the field shows it again ('12-3-2026')."""
    return f"{due.day}-{due.month}-{due.year}" if due else ""


class AgreementDialog(CoachModal[Done | None]):
    """Add or edit one afspraak; ctrl+s saves, the status buttons mark it gedaan, vervallen or open again."""

    CSS_PATH = "../screens/agreement.tcss"
    BINDINGS = [
        Binding("ctrl+s", "save", "Bewaren", id="agreement_dialog.save"),
        Binding("escape", "cancel", "Annuleren", id="agreement_dialog.cancel"),
    ]

    def __init__(
        self,
        youth_id: int,
        name: str,
        network: Sequence[NetworkPerson],
        today: date,
        record: AgreementRecord | None = None,
        earlier: Sequence[str] = (),
    ) -> None:
        super().__init__()
        self._youth_id = youth_id
        self._name = name
        self._network = list(network)
        self._today = today
        self.record = record
        self._earlier = list(earlier)
        agreement = record.agreement if record else None
        self._choices = owner_choices(self._network)
        owner = owner_value(agreement.owner, record.owner_network_id) if agreement and record else "jongere"
        if owner not in {value for _label, value in self._choices}:
            owner = agreement.owner if agreement else "jongere"
        self._start = (agreement.text if agreement else "", owner, due_text(agreement.due if agreement else None))

    def compose(self) -> ComposeResult:
        agreement = self.record.agreement if self.record else None
        text, owner, due = self._start
        with Body(id="agreement-box"):
            title = "Nieuwe afspraak" if agreement is None else "Afspraak"
            yield Static(f"{title} · {self._name}", classes="dialog-title")
            if agreement is not None:
                yield Static(self._state_line(), id="agreement-state", classes="dialog-hint")
            yield Static("Wat is afgesproken?", classes="field-label")
            yield Input(text, placeholder="Wie doet wat, bv. 'Belt de woningcorporatie'", id="text", compact=True)
            yield Static(id="text-error", classes="dialog-error")
            if self._earlier:
                yield Static(f"Eerdere tekst: {self._earlier[-1]}", classes="dialog-hint", id="earlier")
            yield Static("Wie doet het?", classes="field-label")
            yield Select(self._choices, value=owner, allow_blank=False, id="owner", compact=True)
            yield Static(id="owner-error", classes="dialog-error")
            yield Static("Klaar vóór (mag leeg)", classes="field-label")
            yield Input(due, placeholder="bv. morgen, vrijdag, over 2 weken, 12 maart", id="due", compact=True)
            yield Static(id="due-error", classes="dialog-error")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Bewaren (ctrl+s)", variant="primary", id="save", compact=True)
                if agreement is not None and agreement.status == AgreementStatus.OPEN:
                    yield Button("✓ Gedaan", variant="success", id="mark-gedaan", compact=True)
                    yield Button("✗ Vervallen", variant="warning", id="mark-vervallen", compact=True)
                elif agreement is not None:
                    yield Button("Weer open", id="mark-open", compact=True)
                yield Button("Annuleren (Esc)", id="cancel", compact=True)

    def on_mount(self) -> None:
        for name in FIELDS:
            self._error(name, "")
        self._echo_due(self._start[2])
        self.query_one("#text", Input).focus()

    def _state_line(self) -> str:
        assert self.record is not None
        agreement = self.record.agreement
        made = f"gemaakt {short_date(agreement.made_on, self._today)}"
        if agreement.status == AgreementStatus.OPEN:
            late = ""
            if is_overdue(agreement, self._today) and agreement.due is not None:
                late = f" · ⚠ te laat ({day_count((self._today - agreement.due).days)})"
            return f"○ open{late} · {made}"
        closed = f" op {short_date(self.record.closed_on, self._today)}" if self.record.closed_on else ""
        mark = "✓" if agreement.status == AgreementStatus.GEDAAN else "✗"
        return f"{mark} {AgreementStatus(agreement.status).label.lower()}{closed} · {made}"

    def _echo_due(self, text: str) -> None:
        # Say at once which day was understood (muted), or what is wrong with it.
        try:
            due = read_due(text, self._today)
        except FormErrors as error:
            self._error("due", error.errors["due"])
            return
        self._error("due", f"vóór {weekday_date(due, self._today)}" if due else "", invalid=False)

    @on(Input.Changed, "#due")
    def _due_changed(self, event: Input.Changed) -> None:
        self._echo_due(event.value)

    @property
    def form(self) -> tuple[str, str, str]:
        """(text, owner choice, due) as typed now."""
        owner = self.query_one("#owner", Select).value
        return (self.query_one("#text", Input).value, str(owner), self.query_one("#due", Input).value)

    @property
    def changed(self) -> bool:
        """Something was typed or chosen since the dialog opened."""
        return self.form != self._start

    @on(Input.Submitted, "#text, #due")
    @on(Button.Pressed, "#save")
    def action_save(self) -> None:
        """Store the afspraak as filled in (one transaction)."""
        self._store(None)

    @on(Button.Pressed, ".dialog-buttons Button")
    def _mark_pressed(self, event: Button.Pressed) -> None:
        if event.button.id and event.button.id.startswith("mark-"):
            self._store(event.button.id.removeprefix("mark-"))

    def _store(self, status: str | None) -> None:
        for name in FIELDS:
            self._error(name, "")
        text, owner_choice, due_typed = self.form
        try:
            done = self._write(text, owner_choice, due_typed, status)
        except (FormErrors, AgreementEditError) as error:
            self._show_errors(error.errors)
            return
        except StoreError as error:
            report_store_error(self, error)
            return
        self.dismiss(done)

    def _write(self, text: str, owner_choice: str, due_typed: str, status: str | None) -> Done:
        errors: dict[str, str] = {}
        owner, network_id, due = "", None, None
        for read in (lambda: read_owner(owner_choice), lambda: read_due(due_typed, self._today)):
            try:
                value = read()
            except FormErrors as error:
                errors.update(error.errors)
                continue
            if isinstance(value, tuple):
                owner, network_id = value
            else:
                due = value
        if not text.strip():
            errors["text"] = "Afspraak: schrijf op wie wat doet."
        if errors:
            raise FormErrors(errors)
        db = self.context.database
        with db.atomic():
            if self.record is None:
                new = add_agreement(
                    db, self._youth_id, text, owner, made_on=self._today, due=due, owner_network_id=network_id
                )
                return new, "toegevoegd"
            agreement_id = self.record.agreement.id
            assert agreement_id is not None
            if self.changed:
                edit_agreement(db, agreement_id, text=text, owner=owner, owner_network_id=network_id, due=due)
            if status is None:
                return agreement_id, "bewaard"
            mark_agreement(db, agreement_id, status, on=self._today)
            return agreement_id, "weer open" if status == AgreementStatus.OPEN else status

    def _error(self, name: str, message: str, *, invalid: bool = True) -> None:
        # An empty message takes no line, so the form stays short enough for 24 rows.
        label = self.query_one(f"#{name}-error", Static)
        label.update(message)
        label.display = bool(message)
        label.set_class(not invalid, "-echo")

    def _show_errors(self, errors: dict[str, str]) -> None:
        for name, message in errors.items():
            target = name if name in FIELDS else "text"
            self._error(target, message)
        first = next((name for name in FIELDS if name in errors), "text")
        widget: Widget = self.query_one(f"#{first}")
        widget.focus()
        widget.scroll_visible()

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        """Close; asks first when something was changed."""
        close_or_ask(self, self.changed, None, "Wat je hier veranderde weggooien?", yes="Ja, weggooien")


WORDS = {
    "toegevoegd": "Afspraak toegevoegd",
    "bewaard": "Afspraak bewaard",
    "gedaan": "✓ Afspraak gedaan",
    "vervallen": "✗ Afspraak vervallen",
    "weer open": "Afspraak weer open",
}


def open_agreement(
    screen: CoachScreen[Any],
    case: Case,
    today: date,
    after: Callable[[], None],
    agreement_id: int | None = None,
) -> None:
    """Show the afspraak dialog over `screen` (a new one, or `agreement_id` read afresh); `after` runs once stored."""
    youth_id = case.youth.id
    assert youth_id is not None
    record, earlier = None, []
    if agreement_id is not None:
        db = screen.context.database
        try:
            record = get_agreement(db, agreement_id)
            earlier = revisions_of(db, "agreements", agreement_id, "text")
        except StoreError as error:
            report_store_error(screen, error, kept="")
            return
        if record is None:
            screen.notify("Deze afspraak staat niet (meer) in de database.", severity="warning")
            after()
            return

    def stored(done: Done | None) -> None:
        if done is not None:
            screen.notify(WORDS.get(done[1], "Afspraak bewaard"))
            after()

    dialog = AgreementDialog(youth_id, case.youth.display_name, case.network, today, record, earlier)
    screen.app.push_screen(dialog, stored)
