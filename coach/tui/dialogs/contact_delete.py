"""Delete a contact (a mistake, a double) after asking why; the reason is kept with the audit trail."""

from __future__ import annotations

from datetime import datetime

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Input, Static

from coach.domain.contact_status import ContactRecord
from coach.store.contact_moves import ContactChangeError, delete_contact
from coach.store.errors import StoreError
from coach.tui.context import CoachModal
from coach.tui.dialogs.confirm import close_or_ask
from coach.tui.formatting import moment
from coach.tui.store_errors import report_store_error
from coach.tui.widgets.contact_list import status_text


class ContactDeleteDialog(CoachModal[bool]):
    """Ask for the reason, then delete; answers True once deleted."""

    CSS_PATH = "../screens/contact_view.tcss"
    BINDINGS = [Binding("escape", "cancel", "Annuleren", id="contact_delete.cancel")]

    def __init__(self, record: ContactRecord, now: datetime) -> None:
        super().__init__()
        self.record = record
        self._now = now

    def compose(self) -> ComposeResult:
        contact = self.record.contact
        with Vertical(classes="dialog-box", id="cd-box"):
            yield Static("Contact verwijderen", classes="dialog-title")
            yield Static(
                f"{moment(contact.at, self._now.date())} · {status_text(contact.status)}. "
                "Verwijderen is voor een vergissing of een dubbel contact; het logboek houdt bij dat het weg is, "
                "met je reden.",
                classes="dialog-hint",
            )
            yield Input(placeholder="Reden, bv. dubbel ingevoerd", id="cd-reason", compact=True)
            yield Static(id="cd-reason-error", classes="dialog-error")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Verwijderen", variant="error", id="cd-delete", compact=True)
                yield Button("Annuleren (Esc)", id="cd-cancel", compact=True)

    def on_mount(self) -> None:
        self.query_one("#cd-reason", Input).focus()

    @on(Input.Submitted, "#cd-reason")
    @on(Button.Pressed, "#cd-delete")
    def delete(self) -> None:
        """Delete with the reason given, or say what is missing and delete nothing."""
        reason = self.query_one("#cd-reason", Input).value
        try:
            delete_contact(self.context.database, self.record.id, reason, now=self._now)
        except ContactChangeError as error:
            self.query_one("#cd-reason-error", Static).update(" ".join(error.errors.values()))
            self.query_one("#cd-reason-error", Static).add_class("-shown")
            self.query_one("#cd-reason", Input).focus()
            return
        except StoreError as error:
            report_store_error(self, error)
            return
        self.notify("Contact verwijderd; de reden staat in het logboek.", title="Verwijderd")
        self.dismiss(True)

    @on(Button.Pressed, "#cd-cancel")
    def action_cancel(self) -> None:
        """Close without deleting; with a reason typed, ask first."""
        close_or_ask(
            self,
            bool(self.query_one("#cd-reason", Input).value.strip()),
            False,
            "Niet verwijderen, en je reden weggooien?",
            yes="Ja, niet verwijderen",
        )
