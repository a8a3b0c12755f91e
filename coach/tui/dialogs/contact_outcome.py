"""Give a planned contact its outcome: plaatsgevonden, niet verschenen, afgezegd (by whom) or vervallen.

Optionally with how long it took and a note; all in one transaction
(set_outcome). Moving a contact (verzet) is its own dialog, since it makes a
new contact.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.widgets import Button, Input, Label, RadioSet, Static, TextArea

from coach.domain.contact_status import DROPPED, OUTCOMES, ContactRecord
from coach.store.contact_moves import ContactChangeError, set_outcome
from coach.store.errors import StoreError
from coach.tui.context import CoachModal
from coach.tui.dialogs.confirm import close_or_ask
from coach.tui.dialogs.contact_edit import read_duration
from coach.tui.formatting import moment
from coach.tui.store_errors import report_store_error
from coach.tui.widgets.body import Body
from coach.tui.widgets.contact_list import status_text
from coach.tui.widgets.plain_toggles import PlainRadio

HINTS = {DROPPED: " (plan gewijzigd; telt niet als afzegging)"}


class ContactOutcomeDialog(CoachModal[bool]):
    """Pick the outcome (and optionally duur and notitie); answers True once stored."""

    CSS_PATH = "../screens/contact_view.tcss"
    BINDINGS = [
        Binding("ctrl+s", "save", "Opslaan", id="contact_outcome.save", priority=True),
        Binding("escape", "cancel", "Annuleren", id="contact_outcome.cancel"),
    ]

    def __init__(self, record: ContactRecord, now: datetime) -> None:
        super().__init__()
        self.record = record
        self._now = now
        contact = record.contact
        self._start = ("" if contact.duration_min is None else str(contact.duration_min), contact.note or "")

    def compose(self) -> ComposeResult:
        contact = self.record.contact
        with Body(classes="dialog-box", id="co-box"):
            yield Static("Contact afronden", classes="dialog-title")
            yield Static(f"Gepland: {moment(contact.at, self._now.date())}. Hoe is het gegaan?", classes="dialog-hint")
            with RadioSet(id="co-status"):
                for index, status in enumerate(OUTCOMES):
                    label = status_text(status) + HINTS.get(status, "")
                    yield PlainRadio(label, value=index == 0, id=f"co-{status}")
            yield Static(id="co-status-error", classes="dialog-error")
            with Horizontal(classes="form-row"):
                yield Label("Duur (min)", classes="form-label")
                yield Input(self._start[0], placeholder="bv. 45", id="co-duration", compact=True)
            yield Static(id="co-duration-error", classes="dialog-error")
            yield Label("Notitie", classes="form-heading")
            yield TextArea(self._start[1], id="co-note", compact=True)
            yield Static(id="co-note-error", classes="dialog-error")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Opslaan (Ctrl+S)", variant="primary", id="co-save", compact=True)
                yield Button("Annuleren (Esc)", id="co-cancel", compact=True)

    def on_mount(self) -> None:
        self.query_one(RadioSet).focus()

    @property
    def chosen(self) -> str:
        """The outcome picked."""
        pressed = self.query_one(RadioSet).pressed_index
        return OUTCOMES[max(pressed, 0)]

    @property
    def dirty(self) -> bool:
        """True when something was typed."""
        typed = (self.query_one("#co-duration", Input).value, self.query_one("#co-note", TextArea).text)
        return typed != self._start or self.query_one(RadioSet).pressed_index != 0

    def _show(self, field: str, message: str | None) -> None:
        error = self.query_one(f"#co-{field}-error", Static)
        error.update(message or "")
        error.set_class(bool(message), "-shown")

    def action_save(self) -> None:
        """Store the outcome, or show what to fix and store nothing."""
        errors: dict[str, str] = {}
        extra: dict[str, Any] = {}
        try:
            duration = read_duration(self.query_one("#co-duration", Input).value)
            if duration != self.record.contact.duration_min:
                extra["duration_min"] = duration
        except ValueError as error:
            errors["duration"] = str(error)
        note = self.query_one("#co-note", TextArea).text
        if note != self._start[1]:
            extra["note"] = note
        if not errors:
            try:
                set_outcome(self.context.database, self.record.id, self.chosen, now=self._now, **extra)
            except ContactChangeError as error:
                names = {"duration_min": "duration", "note": "note"}
                errors = {names.get(name, "status"): message for name, message in error.errors.items()}
            except StoreError as error:
                report_store_error(self, error)
                return
        for field in ("status", "duration", "note"):
            self._show(field, errors.get(field))
        if errors:
            first = next(f for f in ("status", "duration", "note") if f in errors)
            self.query_one({"status": "#co-status", "duration": "#co-duration", "note": "#co-note"}[first]).focus()
            self.notify("Nog niet opgeslagen: " + errors[first], title="Kijk even na", severity="warning")
            return
        self.notify(f"Afgerond: {status_text(self.chosen)}.", title="Opgeslagen")
        self.dismiss(True)

    def action_cancel(self) -> None:
        """Close; with something typed, ask first."""
        close_or_ask(self, self.dirty, False, "Wat je koos en typte weggooien?", yes="Ja, weggooien")

    @on(Button.Pressed, "#co-save")
    def _save_pressed(self) -> None:
        self.action_save()

    @on(Button.Pressed, "#co-cancel")
    def _cancel_pressed(self) -> None:
        self.action_cancel()
