"""Move a planned contact (verzet) to a new moment, typed in Dutch; the old and the new one stay linked."""

from __future__ import annotations

from datetime import datetime

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Input, Label, Static

from coach.domain.contact_status import ContactRecord
from coach.domain.dutch_dates import FUTURE, DateInputError, parse_moment
from coach.store.contact_moves import ContactChangeError, move_contact
from coach.store.errors import StoreError
from coach.tui.context import CoachModal
from coach.tui.dialogs.confirm import close_or_ask
from coach.tui.formatting import moment
from coach.tui.store_errors import report_store_error
from coach.tui.widgets.refresh import update_if_changed


def read_new_moment(text: str, now: datetime) -> datetime:
    """The new moment of a moved contact: ahead of now, with a time (raises DateInputError)."""
    parsed = parse_moment(text, now, direction=FUTURE)
    if not parsed.has_time:
        raise DateInputError("Zet er een tijd bij, bijvoorbeeld di 10:00 of 17-3 14:30.")
    if parsed.at <= now:
        raise DateInputError("Het nieuwe moment ligt in de toekomst. Kies een latere dag of tijd.")
    return parsed.at


class ContactMoveDialog(CoachModal[int | None]):
    """Type the new moment; answers the new contact's id once moved."""

    CSS_PATH = "../screens/contact_view.tcss"
    BINDINGS = [
        Binding("ctrl+s", "save", "Verzetten", id="contact_move.save", priority=True),
        Binding("escape", "cancel", "Annuleren", id="contact_move.cancel"),
    ]

    def __init__(self, record: ContactRecord, now: datetime) -> None:
        super().__init__()
        self.record = record
        self._now = now

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-box", id="cm-box"):
            yield Static("Contact verzetten", classes="dialog-title")
            yield Static(
                f"Nu gepland: {moment(self.record.contact.at, self._now.date())}. "
                "Het oude moment blijft zichtbaar als 'verzet'.",
                classes="dialog-hint",
            )
            with Horizontal(classes="form-row"):
                yield Label("Nieuw moment", classes="form-label")
                yield Input(placeholder="bv. volgende week di 10:00", id="cm-when", compact=True)
            yield Static(id="cm-when-echo", classes="echo")
            yield Static(id="cm-when-error", classes="dialog-error")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Verzetten (Ctrl+S)", variant="primary", id="cm-save", compact=True)
                yield Button("Annuleren (Esc)", id="cm-cancel", compact=True)

    def on_mount(self) -> None:
        self.query_one("#cm-when", Input).focus()

    @on(Input.Changed, "#cm-when")
    def _echo(self) -> None:
        text = self.query_one("#cm-when", Input).value
        try:
            at = read_new_moment(text, self._now)
        except DateInputError:
            update_if_changed(self.query_one("#cm-when-echo", Static), "")
            return
        # On every key: an update lays out the whole dialog again, so only a changed line is shown anew.
        update_if_changed(self.query_one("#cm-when-echo", Static), f"→ {moment(at, self._now.date())}")
        update_if_changed(self.query_one("#cm-when-error", Static), "")
        self.query_one("#cm-when-error", Static).remove_class("-shown")

    @on(Input.Submitted, "#cm-when")
    def action_save(self) -> None:
        """Move the contact, or say what is wrong with the moment and change nothing."""
        try:
            at = read_new_moment(self.query_one("#cm-when", Input).value, self._now)
            new_id = move_contact(self.context.database, self.record.id, at, now=self._now)
        except (DateInputError, ContactChangeError) as error:
            self.query_one("#cm-when-error", Static).update(str(error))
            self.query_one("#cm-when-error", Static).add_class("-shown")
            self.query_one("#cm-when", Input).focus()
            return
        except StoreError as error:
            report_store_error(self, error)
            return
        self.notify(f"Verzet naar {moment(at, self._now.date())}.", title="Opgeslagen")
        self.dismiss(new_id)

    def action_cancel(self) -> None:
        """Close; with a moment typed, ask first."""
        close_or_ask(
            self,
            bool(self.query_one("#cm-when", Input).value.strip()),
            None,
            "Het nieuwe moment weggooien?",
            yes="Ja, weggooien",
        )

    @on(Button.Pressed, "#cm-save")
    def _save_pressed(self) -> None:
        self.action_save()

    @on(Button.Pressed, "#cm-cancel")
    def _cancel_pressed(self) -> None:
        self.action_cancel()
