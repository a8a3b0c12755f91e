"""Agreements: open ones first (soonest due first, overdue marked), then recently closed; each can be opened or marked."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import ScrollableContainer, Vertical
from textual.content import Content
from textual.message import Message
from textual.widgets import Static

from coach.domain.model import Agreement
from coach.tui.formatting import day_count, short_date

CLOSED_SHOWN = 3
CLOSED_WORDS = {"gedaan": "✓ gedaan", "vervallen": "✗ vervallen"}


def order_agreements(agreements: list[Agreement]) -> tuple[list[Agreement], list[Agreement]]:
    """(open ones by due date, undated last; closed ones newest first)."""
    open_ = sorted((a for a in agreements if a.status == "open"), key=lambda a: (a.due is None, a.due or a.made_on))
    closed = sorted((a for a in agreements if a.status != "open"), key=lambda a: (a.made_on, a.id or 0), reverse=True)
    return open_, closed


def is_overdue(agreement: Agreement, today: date) -> bool:
    """Open and its due date has passed."""
    return agreement.status == "open" and agreement.due is not None and agreement.due < today


def agreement_line(agreement: Agreement, today: date, owner: str | None = None) -> Content:
    """'⚠ te laat (2 dagen) · Belt de woningcorporatie · jongere · vóór 12 mrt'; `owner` names a network person.

    The mark (te laat, gedaan, vervallen) comes first, so a line cut off at 80 columns still shows it.
    """
    line = Content.from_markup(
        "$text · [$foreground-muted]$owner[/]", text=agreement.text, owner=owner or agreement.owner
    )
    if agreement.status != "open":
        return Content(f"{CLOSED_WORDS.get(agreement.status, agreement.status)} · ") + line
    if agreement.due is not None:
        line = line + Content(f" · vóór {short_date(agreement.due, today)}")
    if agreement.due is not None and is_overdue(agreement, today):
        late = day_count((today - agreement.due).days)
        line = Content.from_markup("[b $error]⚠ te laat ($late)[/] · ", late=late) + line
    return line


class AgreementItem(Static, can_focus=True):
    """One agreement; focusable so it can be opened, marked done or dropped; a click opens it."""

    def __init__(self, agreement: Agreement, today: date, owner: str | None = None, **kwargs: Any) -> None:
        super().__init__(agreement_line(agreement, today, owner), **kwargs)
        self.agreement = agreement

    def on_click(self) -> None:
        self.focus()
        self.post_message(AgreementList.Opened(self.agreement))


class AgreementList(Vertical):
    """Open agreements, then the last few closed ones; space marks done (or opens again), d drops one."""

    BINDINGS = [
        Binding("enter", "open", "Openen", id="agreement.open", tooltip="Open deze afspraak om te wijzigen"),
        Binding(
            "space",
            "toggle_done",
            "Gedaan",
            id="agreement.done",
            tooltip="Markeer deze afspraak als gedaan (nog eens: weer open)",
        ),
        Binding("d", "drop", "Vervallen", id="agreement.drop", tooltip="Laat deze afspraak vervallen (vraagt eerst)"),
        Binding("down,j", "move(1)", "Volgende", id="agreement.next", show=False),
        Binding("up,k", "move(-1)", "Vorige", id="agreement.previous", show=False),
    ]

    @dataclass
    class StatusChosen(Message):
        """The coach chose a new status for an agreement (the screen stores it, asking first when dropping)."""

        agreement: Agreement
        status: str

    @dataclass
    class Opened(Message):
        """The coach opened an agreement (Enter or a click) to change or mark it."""

        agreement: Agreement

    def __init__(
        self, agreements: list[Agreement], today: date, owners: dict[int, str] | None = None, **kwargs: Any
    ) -> None:
        super().__init__(**kwargs)
        self._agreements = agreements
        self._today = today
        self._owners = owners or {}

    def compose(self) -> ComposeResult:
        open_, closed = order_agreements(self._agreements)
        if not (open_ or closed):
            yield Static("Nog geen afspraken vastgelegd.", classes="empty-hint")
            return
        if not open_:
            yield Static("Geen open afspraken.", classes="empty-hint list-item")
        for agreement in open_:
            classes = "list-item -overdue" if is_overdue(agreement, self._today) else "list-item"
            yield AgreementItem(
                agreement, self._today, self._owner(agreement), classes=classes, id=f"agreement-{agreement.id}"
            )
        for agreement in closed[:CLOSED_SHOWN]:
            yield AgreementItem(
                agreement,
                self._today,
                self._owner(agreement),
                classes="list-item -closed",
                id=f"agreement-{agreement.id}",
            )

    def _owner(self, agreement: Agreement) -> str | None:
        return self._owners.get(agreement.id) if agreement.id is not None else None

    async def show(self, agreements: list[Agreement], today: date, owners: dict[int, str] | None = None) -> None:
        """Show these agreements instead, keeping the focus on the same agreement when it is still listed.

        `owners` None keeps the owners shown; nothing is built again when everything reads the same.
        """
        owners = self._owners if owners is None else owners
        if (agreements, today, owners) == (self._agreements, self._today, self._owners):
            return
        focused = self._focused_item()
        keep = focused.agreement.id if focused else None
        self._agreements, self._today, self._owners = agreements, today, owners
        await self.recompose()
        if keep is not None:
            found = self.query(f"#agreement-{keep}")
            if found:
                found.first().focus()

    def _focused_item(self) -> AgreementItem | None:
        focused = self.screen.focused
        return focused if isinstance(focused, AgreementItem) and focused.parent is self else None

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # Only offer marking while an agreement has the focus.
        if action in ("toggle_done", "drop", "open"):
            item = self._focused_item()
            if item is None or (action == "drop" and item.agreement.status == "vervallen"):
                return None
        return True

    def action_open(self) -> None:
        item = self._focused_item()
        if item is not None:
            self.post_message(self.Opened(item.agreement))

    def action_toggle_done(self) -> None:
        item = self._focused_item()
        if item is not None:
            status = "open" if item.agreement.status != "open" else "gedaan"
            self.post_message(self.StatusChosen(item.agreement, status))

    def action_drop(self) -> None:
        item = self._focused_item()
        if item is not None and item.agreement.status != "vervallen":
            self.post_message(self.StatusChosen(item.agreement, "vervallen"))

    def action_move(self, step: int) -> None:
        items = list(self.query(AgreementItem))
        item = self._focused_item()
        if item is None or not items:
            return
        index = items.index(item) + step
        if 0 <= index < len(items):
            items[index].focus()
        else:
            # Past the first or last agreement, arrows scroll the page again.
            scroller = next((node for node in self.ancestors if isinstance(node, ScrollableContainer)), None)
            if scroller is not None and scroller.can_focus:
                scroller.focus()
