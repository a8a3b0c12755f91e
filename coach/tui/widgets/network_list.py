"""The people around the young person as a small ecogram in text: a box per group, marks as symbol and word.

The same picture serves the young person's screen (compact: one line a person,
only the groups that have someone) and the network screen (two lines a person,
every group, so an empty corner of the young person's world shows too). How the
young person sees someone is a symbol and a word ("+ steun"), and whether the
coach may contact them is written out, so nothing depends on colour.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from typing import Any

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.message import Message
from textual.widget import Widget
from textual.widgets import Static

from coach.domain.network import (
    GROUP_LABELS,
    GROUPS,
    SEEN_AS,
    SEEN_AS_LABELS,
    SEEN_AS_SYMBOLS,
    NetworkMember,
    grouped,
)

MAY_CONTACT = "mag benaderd worden"
DO_NOT_CONTACT = "niet benaderen"
# Room for the widest support mark ("± wisselend") and a space, so names line up in a box.
MARK_WIDTH = max(len(f"{SEEN_AS_SYMBOLS[word]} {SEEN_AS_LABELS[word]}") for word in SEEN_AS) + 1
# The narrowest a group box may be before the picture uses fewer columns.
BOX_WIDTH = {True: 30, False: 36}


def who(member: NetworkMember, compact: bool = False) -> str:
    """'Ria · moeder', 'Karim Aydin · jobcoach, Werkplein' (the role added when it says more).

    Compact: without the organisation, and the role instead of a relation it makes more precise.
    """
    relation = member.relation
    if member.role and member.role.casefold() != relation.casefold():
        relation = member.role if compact else f"{relation} ({member.role})"
    detail = relation if compact else ", ".join(p for p in (relation, member.organisation) if p)
    return " · ".join(part for part in (member.name, detail) if part)


def contact_words(member: NetworkMember, compact: bool = False) -> str:
    """'mag benaderd worden · 06-12345678', 'niet benaderen', or '' when not asked yet (compact: no e-mail)."""
    if member.may_contact is None:
        return ""
    if not member.may_contact:
        return DO_NOT_CONTACT
    return " · ".join(part for part in (MAY_CONTACT, member.phone, None if compact else member.email) if part)


def person_lines(member: NetworkMember, compact: bool) -> Content:
    """Who the person is and whether the coach may contact them (the support mark is drawn beside it).

    Compact (the youth screen): one line. Full (the network screen): who on the
    first line, whether to contact them on the second.
    """
    contact = contact_words(member, compact)
    if compact:
        rest = f" · {contact}" if contact else ""
        return Content.from_markup("[b]$who[/b]$rest", who=who(member, compact=True), rest=rest)
    return Content.from_markup("[b]$who[/b]\n$second", who=who(member), second=contact or "benaderen: niet gevraagd")


def summary(members: Sequence[NetworkMember]) -> str:
    """'4 mensen · + steun 2 · ± wisselend 1 · − lastig 1' (the marks nobody has are left out)."""
    count = len(members)
    parts = [f"{count} {'persoon' if count == 1 else 'mensen'}"]
    for word in SEEN_AS:
        n = sum(1 for member in members if member.seen_as == word)
        if n:
            parts.append(f"{SEEN_AS_SYMBOLS[word]} {SEEN_AS_LABELS[word]} {n}")
    return " · ".join(parts)


class PersonCard(Horizontal):
    """One person in a group box: the support mark in its own column, then who they are.

    On the network screen it can be chosen with Enter or a click.
    """

    BINDINGS = [Binding("enter", "choose", "Wijzigen", id="network.choose", show=False)]

    class Chosen(Message):
        """The coach chose this person (Enter or a click)."""

        def __init__(self, member: NetworkMember) -> None:
            super().__init__()
            self.member = member

    def __init__(
        self, member: NetworkMember, compact: bool, selectable: bool, marks: bool = True, **kwargs: Any
    ) -> None:
        classes = " ".join(["person", f"-{member.seen_as}" if member.seen_as else "", kwargs.pop("classes", "")])
        super().__init__(classes=classes.strip(), **kwargs)
        self.member = member
        self.compact = compact
        self.marks = marks
        self.can_focus = selectable
        self.set_class(selectable, "-selectable")

    def compose(self) -> ComposeResult:
        if self.marks:  # nobody in the picture has a mark: no empty column for one
            yield Static(self.member.seen_as_mark, classes="person-mark")
        yield Static(person_lines(self.member, self.compact), classes="person-who")

    @property
    def text(self) -> str:
        """What the card says, as plain text (mark and who)."""
        return " ".join(str(static.render()) for static in self.query(Static)).strip()

    def action_choose(self) -> None:
        self.post_message(self.Chosen(self.member))

    def on_click(self, event: events.Click) -> None:
        if self.can_focus:
            event.stop()
            self.focus()
            self.post_message(self.Chosen(self.member))


class NetworkList(Widget):
    """The network drawn as group boxes in as many columns as fit (two at 80 columns, three or more wider).

    Where the people cannot be chosen one by one (the youth screen), a click anywhere on the
    picture asks to open the network screen (OpenRequested), so the mouse gets there too.
    """

    class OpenRequested(Message):
        """The coach clicked the picture to work on the network."""

    DEFAULT_CSS = """
    NetworkList {
        height: auto;
    }
    NetworkList > #network-summary {
        height: auto;
        padding: 0 1;
        color: $text-muted;
    }
    NetworkList > #network-columns {
        height: auto;
    }
    NetworkList .network-column {
        width: 1fr;
        height: auto;
        margin: 0 1 0 0;
    }
    NetworkList .group-box {
        height: auto;
        border: round $primary 50%;
        border-title-color: $text;
        border-title-style: bold;
        padding: 0 1;
    }
    NetworkList .person {
        height: auto;
    }
    NetworkList .person-mark {
        width: 12;  /* MARK_WIDTH */
        height: auto;
    }
    NetworkList .person-who {
        width: 1fr;
        height: auto;
    }
    NetworkList .person.-selectable {
        border-left: blank;
    }
    NetworkList .person:focus {
        border-left: thick $accent;
        background: $primary 30%;
        text-style: bold;
    }
    NetworkList .person.-steun {
        color: $text-success;
    }
    NetworkList .person.-lastig {
        color: $text-error;
    }
    """

    def __init__(
        self,
        members: Sequence[NetworkMember],
        *,
        compact: bool = True,
        selectable: bool = False,
        empty: str = "Nog niemand uit het netwerk vastgelegd.",
        **kwargs: Any,
    ) -> None:
        super().__init__(**kwargs)
        self._members = list(members)
        self.compact = compact
        self.selectable = selectable
        self._empty = empty
        self._columns = 2  # until the first resize says how wide it is

    @property
    def members(self) -> list[NetworkMember]:
        """The people shown."""
        return list(self._members)

    async def show(self, members: Sequence[NetworkMember]) -> None:
        """Show these people instead, in as many columns as fit; nothing is built again when they are the same."""
        if list(members) == self._members:
            return
        self._members = list(members)
        self._columns = self._fitting(self.size.width)
        await self.recompose()

    def compose(self) -> ComposeResult:
        if not self._members:
            yield Static(self._empty, classes="empty-hint")
            return
        yield Static(summary(self._members), id="network-summary")
        by_group: dict[str, list[NetworkMember]] = {group: [] for group in GROUPS} | dict(grouped(self._members))
        marks = any(member.seen_as for member in self._members)
        present = [(group, members) for group, members in by_group.items() if members]
        with Horizontal(id="network-columns"):
            for column in columns_of(present, self._columns, 1 if self.compact else 2):
                with Vertical(classes="network-column"):
                    for group, members in column:
                        box = Vertical(classes="group-box", id=f"group-{group}")
                        box.border_title = f"{GROUP_LABELS[group]} ({len(members)})"
                        with box:
                            for member in members:
                                yield PersonCard(member, self.compact, self.selectable, marks, id=f"person-{member.id}")
        # The youth screen shows who is there; the network screen also names the empty corners, in one line.
        missing = [GROUP_LABELS[group] for group, members in by_group.items() if not members]
        if missing and not self.compact:
            yield Static("Nog niemand bij: " + ", ".join(missing), id="network-missing", classes="empty-hint")

    def _fitting(self, width: int) -> int:
        groups = len({member.group for member in self._members})
        return max(1, min(groups, 3, width // BOX_WIDTH[self.compact])) if width > 0 else self._columns

    def on_click(self, event: events.Click) -> None:
        if not self.selectable:
            event.stop()
            self.post_message(self.OpenRequested())

    async def on_resize(self, event: events.Resize) -> None:
        columns = self._fitting(event.size.width)
        if columns == self._columns:
            return
        self._columns = columns
        focused = self.screen.focused
        chosen = focused.member.id if isinstance(focused, PersonCard) else None
        await self.recompose()
        if chosen is not None:
            for card in self.query(PersonCard):
                if card.member.id == chosen:
                    card.focus()


def columns_of(
    groups: list[tuple[str, list[NetworkMember]]], count: int, lines_each: int
) -> list[list[tuple[str, list[NetworkMember]]]]:
    """The groups split into `count` columns, in order, as evenly tall as can be (an ecogram reads left to right:
    home and family first, help last)."""
    count = max(1, min(count, len(groups)))
    heights = [2 + lines_each * len(members) for _group, members in groups]
    best: tuple[int, tuple[int, ...]] | None = None
    for cuts in itertools.combinations(range(1, len(groups)), count - 1):
        bounds = (0, *cuts, len(groups))
        tallest = max(sum(heights[a:b]) for a, b in itertools.pairwise(bounds))
        if best is None or tallest < best[0]:
            best = (tallest, bounds)
    bounds = best[1] if best else (0, len(groups))
    return [groups[a:b] for a, b in itertools.pairwise(bounds)]
