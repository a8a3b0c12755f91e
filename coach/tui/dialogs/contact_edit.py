"""Change what was recorded about a contact: moment, vorm, duur, leefgebieden and the note.

Only what the coach changed is written, in one transaction (edit_contact);
the note's earlier text stays readable as an earlier version. A wrong field
gets its message beside it, the focus goes there, and nothing is written.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.widget import Widget
from textual.widgets import Button, Input, Label, Select, SelectionList, Static, TextArea

from coach.domain.contact_input import MAX_MINUTES, when_direction
from coach.domain.contact_status import HELD, NO_SHOW, ContactRecord
from coach.domain.dutch_dates import DateInputError, parse_moment
from coach.domain.model import CONTACT_MODES, MODE_LABELS
from coach.store.contact_moves import ContactChangeError, edit_contact
from coach.store.errors import StoreError
from coach.tui.context import CoachModal
from coach.tui.dialogs.confirm import close_or_ask
from coach.tui.formatting import moment
from coach.tui.store_errors import report_store_error
from coach.tui.widgets.body import Body
from coach.tui.widgets.plain_toggles import PlainSelectionList
from coach.tui.widgets.refresh import update_if_changed

# The store's field names → the dialog's field (its input and its error line).
FIELDS = {"at": "when", "mode": "mode", "duration_min": "duration", "domains": "domains", "note": "note"}
ORDER = ("when", "mode", "duration", "note", "domains")
INPUT_FORMAT = "%d-%m-%Y %H:%M"


def read_duration(text: str) -> int | None:
    """Minutes from the duration field (empty: none); raises ValueError with a Dutch message."""
    text = text.strip().removesuffix("min").strip()
    if not text:
        return None
    if not text.isdecimal() or int(text) > MAX_MINUTES:
        raise ValueError(f"Schrijf de duur in hele minuten, bijvoorbeeld 45 (hooguit {MAX_MINUTES}).")
    return int(text)


class ContactEditDialog(CoachModal[bool]):
    """The contact's fields to change; answers True once the change is stored."""

    CSS_PATH = "../screens/contact_view.tcss"
    BINDINGS = [
        Binding("ctrl+s", "save", "Opslaan", id="contact_edit.save", priority=True),
        Binding("escape", "cancel", "Annuleren", id="contact_edit.cancel"),
    ]

    def __init__(self, record: ContactRecord, domain_labels: dict[str, str], now: datetime) -> None:
        super().__init__()
        self.record = record
        self._labels = domain_labels
        self._now = now
        contact = record.contact
        self._start = {
            "when": contact.at.strftime(INPUT_FORMAT),
            "mode": contact.mode,
            "duration": "" if contact.duration_min is None else str(contact.duration_min),
            "domains": list(record.domains),
            "note": contact.note or "",
        }

    def compose(self) -> ComposeResult:
        start = self._start
        with Body(classes="dialog-box", id="ce-box"):
            yield Static("Contact bewerken", classes="dialog-title")
            with Horizontal(classes="form-row"):
                yield Label("Wanneer", classes="form-label")
                yield Input(str(start["when"]), id="ce-when", compact=True)
                yield Static(id="ce-when-echo", classes="echo")
            yield Static(id="ce-when-error", classes="dialog-error")
            with Horizontal(classes="form-row"):
                yield Label("Vorm", classes="form-label")
                yield Select(
                    [(MODE_LABELS[m], m) for m in CONTACT_MODES],
                    value=start["mode"] if start["mode"] in CONTACT_MODES else CONTACT_MODES[0],
                    allow_blank=False,
                    id="ce-mode",
                    compact=True,
                )
            yield Static(id="ce-mode-error", classes="dialog-error")
            with Horizontal(classes="form-row"):
                yield Label("Duur (min)", classes="form-label")
                yield Input(str(start["duration"]), placeholder="bv. 45", id="ce-duration", compact=True)
            yield Static(id="ce-duration-error", classes="dialog-error")
            yield Label("Notitie", classes="form-heading")
            yield TextArea(str(start["note"]), id="ce-note", compact=True)
            yield Static(id="ce-note-error", classes="dialog-error")
            yield Label("Leefgebieden die aan bod kwamen", classes="form-heading")
            yield PlainSelectionList(
                *[(label, key, key in self.record.domains) for key, label in self._labels.items()],
                id="ce-domains",
                compact=True,
            )
            yield Static(id="ce-domains-error", classes="dialog-error")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Opslaan (Ctrl+S)", variant="primary", id="ce-save", compact=True)
                yield Button("Annuleren (Esc)", id="ce-cancel", compact=True)

    def on_mount(self) -> None:
        self._echo()
        self.query_one("#ce-note", TextArea).focus()

    # --- reading the fields ------------------------------------------------------------------

    def values(self) -> dict[str, Any]:
        """The fields as they stand now."""
        return {
            "when": self.query_one("#ce-when", Input).value,
            "mode": str(self.query_one("#ce-mode", Select).value),
            "duration": self.query_one("#ce-duration", Input).value,
            "domains": [k for k in self._labels if k in set(self.query_one("#ce-domains", SelectionList).selected)],
            "note": self.query_one("#ce-note", TextArea).text,
        }

    @property
    def dirty(self) -> bool:
        """True when anything differs from the contact as opened."""
        return self.values() != self._start

    def _moment(self, text: str) -> datetime:
        status = self.record.contact.status
        parsed = parse_moment(text, self._now, direction=when_direction(status))
        if status in (HELD, NO_SHOW) and parsed.at > self._now:
            raise DateInputError("Dit contact ligt dan in de toekomst; kies een moment dat al geweest is.")
        return parsed.at

    @on(Input.Changed, "#ce-when")
    def _echo(self) -> None:
        text = self.query_one("#ce-when", Input).value
        try:
            at = self._moment(text)
        except DateInputError as error:
            update_if_changed(self.query_one("#ce-when-echo", Static), "")
            self._show("when", str(error) if text.strip() else None)
            return
        # On every key: an update lays out the whole dialog again, so only a changed line is shown anew.
        update_if_changed(self.query_one("#ce-when-echo", Static), f"→ {moment(at, self._now.date())}")
        self._show("when", None)

    def _show(self, field: str, message: str | None) -> None:
        error = self.query_one(f"#ce-{field}-error", Static)
        update_if_changed(error, message or "")
        error.set_class(bool(message), "-shown")

    # --- saving --------------------------------------------------------------------------------

    def action_save(self) -> None:
        """Check every field; store only what changed, in one transaction, or show what to fix."""
        now = self.values()
        errors: dict[str, str] = {}
        changes: dict[str, Any] = {}
        try:
            at = self._moment(now["when"])
            if at != self.record.contact.at:
                changes["at"] = at
        except DateInputError as error:
            errors["when"] = str(error)
        try:
            duration = read_duration(now["duration"])
            if duration != self.record.contact.duration_min:
                changes["duration_min"] = duration
        except ValueError as error:
            errors["duration"] = str(error)
        if now["mode"] != self.record.contact.mode:
            changes["mode"] = now["mode"]
        if now["note"] != self._start["note"]:
            changes["note"] = now["note"]
        if tuple(now["domains"]) != self.record.domains:
            changes["domains"] = now["domains"]
        if not errors and changes:
            try:
                edit_contact(self.context.database, self.record.id, now=self._now, **changes)
            except ContactChangeError as error:
                errors = {FIELDS.get(name, "when"): message for name, message in error.errors.items()}
            except StoreError as error:
                report_store_error(self, error)
                return
        for field in ORDER:
            self._show(field, errors.get(field))
        if errors:
            first = next(f for f in ORDER if f in errors)
            widget: Widget = self.query_one(f"#ce-{first}")
            widget.focus()
            self.query_one("#ce-box", VerticalScroll).scroll_to_widget(widget)
            self.notify("Nog niet opgeslagen: " + errors[first], title="Kijk even na", severity="warning")
            return
        if changes:
            self.notify("Contact bijgewerkt.", title="Opgeslagen")
        self.dismiss(bool(changes))

    def action_cancel(self) -> None:
        """Close; with changed fields, ask first."""
        close_or_ask(self, self.dirty, False, "Je wijzigingen weggooien?", yes="Ja, weggooien")

    @on(Button.Pressed, "#ce-save")
    def _save_pressed(self) -> None:
        self.action_save()

    @on(Button.Pressed, "#ce-cancel")
    def _cancel_pressed(self) -> None:
        self.action_cancel()
