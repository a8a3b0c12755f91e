"""Removing someone from the network asks why; the reason is kept beside the audit trail's record."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Input, Static

from coach import clock
from coach.domain.network import NetworkMember
from coach.domain.registration import check_text
from coach.store.errors import StoreError
from coach.store.network import NetworkError, remove_person
from coach.tui.context import CoachModal
from coach.tui.store_errors import report_store_error


class RemovePerson(CoachModal[bool]):
    """Ask for the reason, then remove the person; answers True when they were removed."""

    CSS_PATH = "../screens/network.tcss"
    BINDINGS = [
        Binding("escape", "keep", "Niet verwijderen", id="network.remove_no", tooltip="Niets veranderen"),
        Binding("ctrl+s", "remove", "Verwijderen", id="network.remove_yes", priority=True, tooltip="Verwijderen"),
    ]

    def __init__(self, member: NetworkMember) -> None:
        super().__init__()
        self.member = member

    def compose(self) -> ComposeResult:
        with Vertical(id="remove-box"):
            yield Static(f"{self.member.name} ({self.member.relation}) uit het netwerk halen?", id="remove-question")
            yield Static("Waarom? De reden blijft bewaard bij het logboek.", classes="form-heading")
            yield Input(placeholder="bv. verhuisd, geen contact meer, dubbel ingevoerd", id="reason", compact=True)
            yield Static(id="reason-error", classes="field-error")
            with Horizontal(id="remove-buttons"):
                yield Button("Verwijderen", variant="error", id="yes")
                yield Button("Niet verwijderen (Esc)", id="no")

    def on_mount(self) -> None:
        self.query_one("#reason", Input).focus()

    @on(Input.Changed, "#reason")
    def _typed(self) -> None:
        self._error("")

    @on(Input.Submitted, "#reason")
    @on(Button.Pressed, "#yes")
    def action_remove(self) -> None:
        reason = self.query_one("#reason", Input).value
        # The store checks empty and too long; stray control characters are caught here, as in every form.
        problem = check_text("referral_reason", reason)
        if problem:
            self._error("Reden" + problem[problem.index(":") :])
            return
        if self.member.id is None:
            self.dismiss(False)
            return
        try:
            remove_person(self.context.database, self.member.id, reason, now=clock.now())
        except NetworkError as error:
            message = error.errors.get("reason")
            if message is None:  # someone else removed them already
                self.notify(" ".join(error.errors.values()), severity="warning")
                self.dismiss(True)
                return
            self._error(message)
            return
        except StoreError as error:
            report_store_error(self, error)
            return
        self.notify(f"{self.member.name} is uit het netwerk gehaald.", title="Verwijderd")
        self.dismiss(True)

    @on(Button.Pressed, "#no")
    def action_keep(self) -> None:
        self.dismiss(False)

    def _error(self, message: str) -> None:
        error = self.query_one("#reason-error", Static)
        error.update(message)
        error.set_class(bool(message), "-shown")
        if message:
            self.query_one("#reason", Input).focus()
