"""Recent contactmomenten, newest first, with what still needs an outcome and what is planned on top.

Every row is focusable: Enter or a click opens the contact (the screen
listening for `ContactList.Opened` shows it in full).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.message import Message
from textual.widgets import Static

from coach import clock
from coach.domain.contact_status import needs_outcome
from coach.domain.model import MODE_LABELS, STATUS_LABELS, Contact
from coach.domain.vocabulary import ContactStatus
from coach.tui.formatting import moment
from coach.tui.widgets.refresh import update_if_changed

RECENT = 5
# Theme variables per status; the mark and the word carry the meaning, colour only helps.
# Verzet and vervallen are a change of plan, not a cancellation: quiet, never the warning colour.
STATUS_STYLES: dict[str, str] = {
    ContactStatus.NIET_VERSCHENEN: "$warning",
    ContactStatus.AFGEZEGD_JONGERE: "$foreground-muted",
    ContactStatus.AFGEZEGD_COACH: "$foreground-muted",
    ContactStatus.VERZET: "$foreground-muted",
    ContactStatus.VERVALLEN: "$foreground-muted",
    ContactStatus.GEPLAND: "$accent",
}
# One mark per status, the same as the rhythm strip's where the strip has one.
STATUS_MARKS: dict[str, str] = {
    ContactStatus.PLAATSGEVONDEN: "●",
    ContactStatus.NIET_VERSCHENEN: "✕",
    ContactStatus.AFGEZEGD_JONGERE: "○",
    ContactStatus.AFGEZEGD_COACH: "○",
    ContactStatus.GEPLAND: "◌",
    ContactStatus.VERZET: "→",
    ContactStatus.VERVALLEN: "–",
}
TO_COMPLETE_MARK = "⚑ nog afronden"


def status_text(status: str) -> str:
    """'● Plaatsgevonden', '→ Verzet': the mark and the word, readable without colour."""
    mark = STATUS_MARKS.get(status, "·")
    return f"{mark} {STATUS_LABELS.get(status, status)}"


def split_contacts(
    contacts: list[Contact], today: date, limit: int = RECENT, now: datetime | None = None
) -> tuple[list[Contact], list[Contact], list[Contact]]:
    """(past planned ones without an outcome, oldest first; planned ones still ahead, soonest first;
    the latest `limit` others, newest first)."""
    now = now or datetime.combine(today, datetime.min.time())
    open_ = sorted((c for c in contacts if needs_outcome(c, now)), key=lambda c: c.at)
    upcoming = sorted((c for c in contacts if c.status == ContactStatus.GEPLAND and c not in open_), key=lambda c: c.at)
    rest = sorted((c for c in contacts if c not in open_ and c not in upcoming), key=lambda c: c.at, reverse=True)
    return open_, upcoming, rest[:limit]


# More than the widest screen shows of one line.
PREVIEW_CHARS = 400


def contact_line(contact: Contact, today: date, *, to_complete: bool = False) -> Content:
    """'di 10 mrt 14:00 · Huisbezoek · ● Plaatsgevonden — first line of the note'."""
    style = STATUS_STYLES.get(contact.status, "")
    status = status_text(contact.status)
    line = Content.from_markup(
        "$when · $mode · " + (f"[{style}]$status[/]" if style else "$status"),
        when=moment(contact.at, today),
        mode=MODE_LABELS.get(contact.mode, contact.mode),
        status=status,
    )
    if to_complete:
        line = line + Content.from_markup(" · [b $warning]$mark[/]", mark=TO_COMPLETE_MARK)
    # Only the start of the note: the line is cut at the screen's edge anyway, and a
    # pasted text of a megabyte without line breaks would otherwise be laid out whole.
    note = (contact.note or "").strip()[:PREVIEW_CHARS].splitlines()
    if note:
        line = line + Content.from_markup(" — [$foreground-muted]$note[/]", note=note[0])
    return line


class ContactItem(Static, can_focus=True):
    """One contact; Enter or a click opens it."""

    DEFAULT_CSS = """
    ContactItem:hover { background: $boost; }
    ContactItem:focus { background: $accent 30%; text-style: bold; }
    ContactItem.-to-complete { border-left: outer $warning; }
    """

    def __init__(self, contact: Contact, today: date, *, to_complete: bool = False, **kwargs: Any) -> None:
        super().__init__(contact_line(contact, today, to_complete=to_complete), **kwargs)
        self.contact = contact
        self.to_complete = to_complete

    def show(self, contact: Contact, today: date, *, to_complete: bool = False) -> None:
        """Show this version of the contact; nothing is redrawn when it reads the same."""
        self.contact, self.to_complete = contact, to_complete
        update_if_changed(self, contact_line(contact, today, to_complete=to_complete))
        self.set_class(to_complete, "-to-complete")


class MoreItem(Static, can_focus=True):
    """'en 15 eerdere': Enter or a click shows them all, so every contact can be opened."""

    DEFAULT_CSS = """
    MoreItem:hover { background: $boost; }
    MoreItem:focus { background: $accent 30%; text-style: bold; }
    """


class ContactList(Vertical):
    """Contacts still to complete, then planned ones, then the most recent ones; Enter opens one."""

    BINDINGS = [
        Binding(
            "enter", "open", "Openen", id="contact_list.open", tooltip="Open dit contact: lezen, wijzigen, afronden"
        ),
        Binding("down,j", "move(1)", "Volgende", id="contact_list.next", show=False),
        Binding("up,k", "move(-1)", "Vorige", id="contact_list.previous", show=False),
    ]

    @dataclass
    class Opened(Message):
        """The coach chose a contact to open."""

        contact_id: int

    def __init__(self, contacts: list[Contact], today: date, now: datetime | None = None, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._contacts = contacts
        self._today = today
        # The clock's time on the app's day: a contact planned this morning is "nog afronden" by the afternoon.
        self._now = now or datetime.combine(today, clock.now().time())
        self._limit: int | None = RECENT

    def _rows(self, contacts: list[Contact], today: date, now: datetime) -> tuple[list[tuple[Contact, bool]], int]:
        """The rows, each a contact and whether it is still to complete, and how many contacts are left out."""
        limit = len(contacts) if self._limit is None else self._limit
        open_, upcoming, recent = split_contacts(contacts, today, limit, now=now)
        rows = [(contact, True) for contact in open_] + [(contact, False) for contact in upcoming + recent]
        return rows, len(contacts) - len(rows)

    def _item(self, contact: Contact, to_complete: bool) -> ContactItem:
        classes = "list-item -to-complete" if to_complete else "list-item"
        return ContactItem(contact, self._today, to_complete=to_complete, classes=classes, id=f"contact-{contact.id}")

    @staticmethod
    def _more_text(hidden: int) -> str:
        return f"en {hidden} eerdere · Enter: toon ze"

    def compose(self) -> ComposeResult:
        rows, hidden = self._rows(self._contacts, self._today, self._now)
        if not rows:
            yield Static("Nog geen contactmomenten vastgelegd.", classes="empty-hint")
            return
        for contact, to_complete in rows:
            yield self._item(contact, to_complete)
        if hidden > 0:
            yield MoreItem(self._more_text(hidden), classes="empty-hint list-item", id="contacts-more")

    def _focused_item(self) -> ContactItem | None:
        focused = self.screen.focused
        return focused if isinstance(focused, ContactItem) and focused.parent is self else None

    async def show(self, contacts: list[Contact], today: date) -> None:
        """Show these contacts instead, in the rows already there: a new contact adds one, the rest move.

        All of them stay listed when the coach asked for all. Nothing is redrawn when the rows read
        the same; the clock alone can change them (planned this morning: 'nog afronden').
        """
        now = datetime.combine(today, clock.now().time())
        rows, hidden = self._rows(contacts, today, now)
        if (today, rows, hidden) == (self._today, *self._rows(self._contacts, self._today, self._now)):
            return
        self._contacts, self._today, self._now = contacts, today, now
        items = {item.contact.id: item for item in self.children if isinstance(item, ContactItem)}
        if not rows or not items or any(contact.id is None for contact, _ in rows):
            await self.recompose()  # to or from 'nog geen contactmomenten': built anew
            return
        wanted = {contact.id for contact, _ in rows}
        gone = [item for contact_id, item in items.items() if contact_id not in wanted]
        if gone:
            await self.remove_children(gone)
        mounting = []
        for place, (contact, to_complete) in enumerate(rows):  # the rows before `place` are in order already
            item = items.get(contact.id)
            if item is None:
                item = self._item(contact, to_complete)
                mounting.append(self.mount(item, before=place) if place < len(self.children) else self.mount(item))
            else:
                item.show(contact, today, to_complete=to_complete)
                if self.children.index(item) != place:
                    self.move_child(item, before=place)
        more = next((item for item in self.children if isinstance(item, MoreItem)), None)
        if hidden <= 0:
            if more is not None:
                await more.remove()
        elif more is not None:
            update_if_changed(more, self._more_text(hidden))
        else:
            mounting.append(
                self.mount(MoreItem(self._more_text(hidden), classes="empty-hint list-item", id="contacts-more"))
            )
        for done in mounting:
            await done

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # Enter and the arrows act on a contact only while one has the focus.
        more = isinstance(self.screen.focused, MoreItem) and self.screen.focused.parent is self
        if action in ("open", "move") and more:
            return True
        if action in ("open", "move") and self._focused_item() is None:
            return None if action == "open" else False
        return True

    async def show_all(self) -> None:
        """List every contact, not only the latest; the focus goes to the first one that was hidden."""
        shown = len(self.query(ContactItem))
        self._limit = None
        await self.recompose()
        items = list(self.query(ContactItem))
        if shown < len(items):
            items[shown].focus()

    async def action_open(self) -> None:
        if isinstance(self.screen.focused, MoreItem) and self.screen.focused.parent is self:
            await self.show_all()
            return
        item = self._focused_item()
        if item is not None and item.contact.id is not None:
            self.post_message(self.Opened(item.contact.id))

    def action_move(self, step: int) -> None:
        items: list[Static] = [*self.query(ContactItem), *self.query(MoreItem)]
        focused = self.screen.focused
        if focused not in items:
            return
        index = max(0, min(len(items) - 1, items.index(focused) + step))
        items[index].focus()

    async def on_click(self, event: events.Click) -> None:
        if isinstance(event.widget, MoreItem):
            await self.show_all()
            return
        widget = event.widget
        while widget is not None and widget is not self and not isinstance(widget, ContactItem):
            widget = widget.parent  # type: ignore[assignment]
        if isinstance(widget, ContactItem) and widget.contact.id is not None:
            widget.focus()
            self.post_message(self.Opened(widget.contact.id))
