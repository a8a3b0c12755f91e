"""New agreements made during a contact: typed one by one (what, who, by when), saved with the contact."""

from __future__ import annotations

from datetime import date
from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.message import Message
from textual.widgets import Input, Select, Static

from coach.domain.contact_input import AgreementInput
from coach.domain.dutch_dates import FUTURE, DateInputError, parse_day
from coach.domain.model import OWNERS
from coach.tui.formatting import short_date, weekday_date
from coach.tui.widgets.refresh import update_if_changed

OWNER_LABELS = {"jongere": "Jongere", "coach": "Coach", "netwerk": "Netwerk"}


class PendingAgreement(Static, can_focus=True):
    """A new agreement waiting to be saved with the contact; Delete takes it out again."""

    BINDINGS = [Binding("delete,backspace", "remove", "Weghalen", id="contact.remove_agreement")]

    def __init__(self, item: AgreementInput, today: date) -> None:
        due = ""
        if item.due.strip():
            try:
                due = f" · vóór {short_date(parse_day(item.due, today), today)}"
            except DateInputError:
                due = f" · vóór {item.due} (?)"
        super().__init__(
            Content.from_markup(
                "• $text · [$foreground-muted]$owner[/]$due", text=item.text, owner=item.owner, due=due
            ),
            classes="pending-agreement",
        )
        self.item = item

    def action_remove(self) -> None:
        self.post_message(NewAgreements.Remove(self.item))


class NewAgreements(Vertical):
    """The list of new agreements and the row to type the next one; Enter adds it."""

    class Changed(Message):
        """An agreement was added, removed or is being typed."""

    class Remove(Message):
        """Take this pending agreement out again."""

        def __init__(self, item: AgreementInput) -> None:
            super().__init__()
            self.item = item

    def __init__(self, items: list[AgreementInput], today: date, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._items = [item for item in items if item.text.strip()]
        self._today = today

    def compose(self) -> ComposeResult:
        yield Vertical(id="pending")
        with Horizontal(classes="form-row"):
            yield Input(placeholder="Wie doet wat? Enter voegt toe", id="agreement-text", compact=True)
            yield Select(
                [(OWNER_LABELS[o], o) for o in OWNERS],
                value="jongere",
                allow_blank=False,
                id="agreement-owner",
                compact=True,
            )
            yield Input(placeholder="vóór (bv. vr)", id="agreement-due", compact=True)
        yield Static(id="agreement-echo", classes="echo -below")

    async def on_mount(self) -> None:
        await self._show_pending()

    @property
    def items(self) -> list[AgreementInput]:
        """The new agreements, including one typed but not yet added (so nothing typed is lost)."""
        typed = self.query_one("#agreement-text", Input).value
        items = list(self._items)
        if typed.strip():
            items.append(
                AgreementInput(
                    typed,
                    str(self.query_one("#agreement-owner", Select).value),
                    self.query_one("#agreement-due", Input).value,
                )
            )
        return items

    @property
    def has_pending(self) -> bool:
        """True when agreements were added to the list."""
        return bool(self._items)

    def show_message(self, text: str, *, invalid: bool = False) -> None:
        """Show a line under the row: the due date understood, or what is wrong."""
        echo = self.query_one("#agreement-echo", Static)
        update_if_changed(echo, text)  # on every key of the due date
        echo.set_class(invalid, "-invalid")

    def _read_due(self) -> bool:
        text = self.query_one("#agreement-due", Input).value
        if not text.strip():
            self.show_message("")
            return True
        try:
            due = parse_day(text, self._today, direction=FUTURE)
        except DateInputError as error:
            self.show_message(str(error), invalid=True)
            return False
        self.show_message(f"vóór {weekday_date(due, self._today)}")
        return True

    @on(Input.Changed, "#agreement-due")
    def _due_changed(self, event: Input.Changed) -> None:
        event.stop()
        self._read_due()
        self.post_message(self.Changed())

    @on(Input.Changed, "#agreement-text")
    @on(Select.Changed, "#agreement-owner")
    def _typed(self, event: Message) -> None:
        event.stop()
        self.post_message(self.Changed())

    @on(Input.Submitted, "#agreement-text, #agreement-due")
    async def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        await self.add_typed()

    async def add_typed(self) -> None:
        """Move the typed agreement into the list (when it has a text and a readable due date)."""
        text_input = self.query_one("#agreement-text", Input)
        due_input = self.query_one("#agreement-due", Input)
        if not text_input.value.strip():
            text_input.focus()
            return
        if not self._read_due():
            due_input.focus()
            return
        owner = str(self.query_one("#agreement-owner", Select).value)
        self._items.append(AgreementInput(text_input.value.strip(), owner, due_input.value.strip()))
        text_input.value = ""
        due_input.value = ""
        await self._show_pending()
        text_input.focus()
        self.post_message(self.Changed())

    @on(Remove)
    async def _remove(self, event: Remove) -> None:
        event.stop()
        self._items = [item for item in self._items if item is not event.item]
        await self._show_pending()
        self.query_one("#agreement-text", Input).focus()
        self.post_message(self.Changed())

    async def _show_pending(self) -> None:
        pending = self.query_one("#pending", Vertical)
        await pending.remove_children()
        await pending.mount_all([PendingAgreement(item, self._today) for item in self._items])
