"""The young person's network, mapped: who is around them, how they see them, whom the coach may contact.

The picture (coach.tui.widgets.network_list) groups people the way an ecogram
does; here each person can be chosen to change or remove, and someone new added.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.content import Content
from textual.widgets import Button, Header, Static

from coach.domain.network import NetworkMember
from coach.domain.safe_text import visible_in
from coach.store.errors import StoreError
from coach.store.network import network_of
from coach.tui.context import CoachScreen
from coach.tui.dialogs.network_person import FormResult, PersonForm
from coach.tui.dialogs.network_remove import RemovePerson
from coach.tui.help import HelpTarget
from coach.tui.store_errors import report_store_error
from coach.tui.widgets.body import Body
from coach.tui.widgets.coach_footer import CoachFooter
from coach.tui.widgets.network_list import NetworkList, PersonCard

if TYPE_CHECKING:
    from sqlite_utils import Database

KEYS_HINT = "↑↓: kies iemand · Enter of klik: wijzigen · x: verwijderen · a: toevoegen"
LEGEND = "+ steun · ± wisselend · − lastig: zo ziet de jongere deze persoon"


def load_network(db: Database, youth_id: int) -> list[NetworkMember]:
    """Everyone in the young person's network, in the order they were added."""
    return visible_in(network_of(db, youth_id))


class NetworkScreen(CoachScreen[bool]):
    """The network of one young person; answers True when something was added, changed or removed."""

    CSS_PATH = "network.tcss"
    HELP_TARGET: HelpTarget = ("app.md", "het-netwerk-in-kaart")
    BINDINGS = [
        Binding("escape", "back", "Terug", id="network.back", tooltip="Terug naar de jongere"),
        Binding("a", "add", "Toevoegen", id="network.add", tooltip="Iemand aan het netwerk toevoegen"),
        Binding("e", "edit", "Wijzigen", id="network.edit", tooltip="De gekozen persoon wijzigen"),
        Binding("x,delete", "remove", "Verwijderen", id="network.remove", tooltip="De gekozen persoon verwijderen"),
        Binding("down,j", "app.focus_next", "Volgende", id="network.next", show=False),
        Binding("up,k", "app.focus_previous", "Vorige", id="network.previous", show=False),
    ]

    def __init__(self, youth_id: int, youth_name: str, members: list[NetworkMember]) -> None:
        super().__init__()
        self.youth_id = youth_id
        self.youth_name = youth_name
        self.members = members
        self.changed = False

    def help_target(self) -> HelpTarget:
        """The handbook's section on the network."""
        return self.HELP_TARGET

    def compose(self) -> ComposeResult:
        yield Header()
        with Body(id="network-body"):
            yield Static(Content.from_markup("[b]Netwerk[/b] · $name", name=self.youth_name), id="network-title")
            yield Static(KEYS_HINT, id="network-keys")
            yield NetworkList(
                self.members,
                compact=False,
                selectable=True,
                empty="Nog niemand in het netwerk. Met a of de knop hieronder voeg je iemand toe.",
                id="network-map",
            )
            yield Static(LEGEND, id="network-legend")
            with Horizontal(id="network-buttons"):
                yield Button("Iemand toevoegen (a)", variant="primary", id="add")
                yield Button("Terug (Esc)", id="back")
        yield CoachFooter(compact=True)

    def on_mount(self) -> None:
        self._focus_person(None)

    def _focus_person(self, person_id: int | None) -> None:
        cards = list(self.query(PersonCard))
        chosen = next((card for card in cards if card.member.id == person_id), cards[0] if cards else None)
        if chosen is not None:
            chosen.focus()
        else:
            self.query_one("#add", Button).focus()

    @property
    def chosen(self) -> NetworkMember | None:
        """The person that has the focus, if any."""
        focused = self.focused
        return focused.member if isinstance(focused, PersonCard) else None

    # --- actions ------------------------------------------------------------------------

    def action_back(self) -> None:
        self.dismiss(self.changed)

    def action_add(self) -> None:
        self.app.push_screen(PersonForm(self.youth_id, self.youth_name), lambda result: self._after_form(result, None))

    def action_edit(self) -> None:
        member = self.chosen
        if member is None:
            self.notify("Kies eerst iemand (Tab of ↑↓), of voeg iemand toe met a.")
            return
        self._edit(member)

    def action_remove(self) -> None:
        member = self.chosen
        if member is None:
            self.notify("Kies eerst wie eruit moet (Tab of ↑↓).")
            return
        self._remove(member)

    def on_person_card_chosen(self, message: PersonCard.Chosen) -> None:
        self._edit(message.member)

    def _edit(self, member: NetworkMember) -> None:
        form = PersonForm(self.youth_id, self.youth_name, member)
        self.app.push_screen(form, lambda result: self._after_form(result, member))

    def _remove(self, member: NetworkMember) -> None:
        def done(removed: bool | None) -> None:
            if removed:
                self.changed = True
                self.run_worker(self.reload(), exclusive=True)

        self.app.push_screen(RemovePerson(member), done)

    def _after_form(self, result: FormResult, member: NetworkMember | None) -> None:
        if result == "remove" and member is not None:
            self._remove(member)
        elif result == "saved":
            self.changed = True
            self.run_worker(self.reload(member.id if member else -1), exclusive=True)

    @on(Button.Pressed, "#add")
    def _add_pressed(self) -> None:
        self.action_add()

    @on(Button.Pressed, "#back")
    def _back_pressed(self) -> None:
        self.action_back()

    async def reload(self, focus_id: int | None = None) -> None:
        """Read the network again and draw it; the focus goes to `focus_id` (-1: the newest person)."""
        try:
            members = load_network(self.context.database, self.youth_id)
        except StoreError as error:
            report_store_error(self, error, kept="Wat je zag is misschien niet meer actueel.")
            return
        self.members = members
        # Only the people change: the list is drawn anew, the rest of the screen stays as it is.
        await self.query_one(NetworkList).show(members)
        if focus_id == -1 and members:
            focus_id = max((m.id for m in members if m.id is not None), default=None)
        self._focus_person(focus_id)
