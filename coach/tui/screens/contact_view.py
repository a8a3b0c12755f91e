"""One contact in full: read it, change what was recorded, give a planned one its outcome, move, drop or delete it.

Opened from the contact list on the young person's screen. Every change is
made in a dialog (coach/tui/dialogs/contact_*.py) as one transaction; the
screen then reads the contact again, so what it shows is what is stored.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import Button, Collapsible, Header, Static, TextArea

from coach import clock
from coach.domain.contact_status import PLANNED, ContactRecord, needs_outcome
from coach.domain.model import INITIATORS, MODE_LABELS
from coach.domain.safe_text import visible_in
from coach.store.contact_moves import ContactChangeError, drop_contact, get_contact
from coach.store.contacts import note_history
from coach.store.errors import StoreError
from coach.tui.context import CoachContext, CoachScreen
from coach.tui.dialogs.confirm import Confirm
from coach.tui.dialogs.contact_delete import ContactDeleteDialog
from coach.tui.dialogs.contact_edit import ContactEditDialog
from coach.tui.dialogs.contact_move import ContactMoveDialog
from coach.tui.dialogs.contact_outcome import ContactOutcomeDialog
from coach.tui.formatting import moment
from coach.tui.help import HelpTarget
from coach.tui.store_errors import report_store_error
from coach.tui.widgets.body import Body
from coach.tui.widgets.coach_footer import CoachFooter
from coach.tui.widgets.contact_list import TO_COMPLETE_MARK, status_text

HELP_TARGET: HelpTarget = ("app.md", "een-contact-openen-afronden-of-verzetten")
INITIATOR_WORDS: dict[str, str] = {initiator: initiator.label for initiator in INITIATORS}


@dataclass(frozen=True)
class ContactFile:
    """A contact with what the screen shows beside it: whose it is, earlier notes, the contacts it is linked to."""

    record: ContactRecord
    name: str
    history: list[tuple[str, str]]
    moved_from: ContactRecord | None
    moved_to: ContactRecord | None


def replaced_on(stamp: str, today: date) -> str:
    """When a note's earlier text was replaced, as the app writes moments ('di 3 mrt 14:00')."""
    try:
        return moment(datetime.fromisoformat(stamp), today)
    except ValueError:
        return stamp  # an odd stamp from an imported file: shown as it is


def context_now(context: CoachContext) -> datetime:
    """The clock's time on the app's day (the same 'now' the contact form uses)."""
    return datetime.combine(context.today, clock.now().time())


def load_contact_file(context: CoachContext, contact_id: int, name: str = "") -> ContactFile | None:
    """Read one contact with its links and note history; None when it is no longer in the database."""
    db = context.database
    record = get_contact(db, contact_id)
    if record is None:
        return None
    linked_from = get_contact(db, record.moved_from) if record.moved_from is not None else None
    linked_to = get_contact(db, record.moved_to) if record.moved_to is not None else None
    # Shown with escapes made visible, never obeyed by the terminal.
    return visible_in(ContactFile(record, name, note_history(db, contact_id), linked_from, linked_to))


class ContactViewScreen(CoachScreen[bool]):
    """A contact in full; answers True when something was changed (the youth screen then reads again)."""

    CSS_PATH = "contact_view.tcss"
    BINDINGS = [
        Binding("escape", "back", "Terug", id="contact_view.back", tooltip="Terug naar de jongere"),
        Binding("b", "edit", "Bewerken", id="contact_view.edit", tooltip="Moment, vorm, duur, leefgebieden, notitie"),
        Binding(
            "u", "outcome", "Afronden", id="contact_view.outcome", tooltip="Geef dit geplande contact zijn uitkomst"
        ),
        Binding("z", "move", "Verzetten", id="contact_view.move", tooltip="Verzet dit contact naar een ander moment"),
        Binding(
            "x", "drop", "Vervallen", id="contact_view.drop", tooltip="Laat dit contact vervallen (plan gewijzigd)"
        ),
        Binding(
            "delete", "delete", "Verwijderen", id="contact_view.delete", tooltip="Verwijder dit contact, met reden"
        ),
        Binding(
            "g",
            "linked",
            "Gekoppeld",
            id="contact_view.linked",
            tooltip="Open het contact waar dit naar (of van) verzet is",
            show=False,  # the button names it; the footer at 80 columns is full
        ),
    ]

    def __init__(self, file: ContactFile) -> None:
        super().__init__()
        self.file = file
        self.changed = False

    @property
    def record(self) -> ContactRecord:
        """The contact as last read."""
        return self.file.record

    def help_target(self) -> HelpTarget:
        """The handbook section on opening, completing and moving a contact."""
        return HELP_TARGET

    # --- what it shows -------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        contact = self.record.contact
        planned = contact.status == PLANNED
        yield Header()
        with Body(id="contact-view"):
            yield Static(Content.from_markup("[b]Contact[/b] · $name", name=self.file.name or "jongere"), id="cv-title")
            yield Static(self._details(), id="cv-details")
            yield Static("Notitie", classes="cv-heading")
            if contact.note:
                yield TextArea(contact.note, read_only=True, soft_wrap=True, compact=True, id="cv-note")
            else:
                yield Static("Nog geen notitie.", classes="empty-hint", id="cv-note-empty")
            if self.file.history:
                yield Static(f"Eerdere versies ({len(self.file.history)})", classes="cv-heading", id="cv-history-title")
                with Vertical(id="cv-history"):
                    for replaced_at, text in reversed(self.file.history):
                        when = replaced_on(replaced_at, self.context.today)
                        with Collapsible(title=f"Tot {when}", collapsed=True, classes="cv-version"):
                            yield Static(Content(text or "(leeg)"), classes="cv-version-text")
            # Two rows, so every button fits at 80 columns: the status changes, then the rest.
            with Horizontal(classes="cv-buttons", id="cv-status-buttons"):
                yield Button("Afronden (u)", id="cv-outcome", compact=True, disabled=not planned)
                yield Button("Verzetten (z)", id="cv-move", compact=True, disabled=not planned)
                yield Button("Vervallen (x)", id="cv-drop", compact=True, disabled=not planned)
            linked = self._linked()
            if linked is not None:
                word = "verzet naar" if linked is self.file.moved_to else "verzet van"
                yield Button(
                    f"Open het contact {word} {moment(linked.contact.at, self.context.today)} (g)",
                    id="cv-linked",
                    compact=True,
                )
            with Horizontal(classes="cv-buttons", id="cv-other-buttons"):
                yield Button("Bewerken (b)", id="cv-edit", compact=True)
                yield Button("Verwijderen (Del)", id="cv-delete", variant="error", compact=True)
                yield Button("Terug (Esc)", id="cv-back", compact=True)
            if not planned:
                yield Static(
                    "Alleen een gepland contact kan nog afgerond, verzet of geschrapt worden.",
                    classes="empty-hint",
                    id="cv-hint",
                )
        yield CoachFooter(compact=True)

    def _details(self) -> Content:
        contact, today, file = self.record.contact, self.context.today, self.file
        rows: list[tuple[str, Content | str]] = [
            ("Wanneer", moment(contact.at, today)),
            ("Vorm", MODE_LABELS.get(contact.mode, contact.mode)),
        ]
        status = Content(status_text(contact.status))
        if needs_outcome(contact, context_now(self.context)):
            status = status + Content.styled(f" · {TO_COMPLETE_MARK}", "bold $warning")
        rows.append(("Status", status))
        if file.moved_to is not None:
            rows.append(("Verzet naar", moment(file.moved_to.contact.at, today)))
        if file.moved_from is not None:
            rows.append(("Verzet van", moment(file.moved_from.contact.at, today)))
        rows.append(("Duur", f"{contact.duration_min} min" if contact.duration_min is not None else "—"))
        if contact.initiated_by:
            rows.append(("Initiatief", INITIATOR_WORDS.get(contact.initiated_by, contact.initiated_by)))
        if contact.coach:
            rows.append(("Gevoerd door", contact.coach))
        labels = {domain.key: domain.label for domain in self.context.content.domains}
        rows.append(("Leefgebieden", ", ".join(labels.get(d, d) for d in self.record.domains) or "—"))
        lines = [Content.assemble((f"{label:<13}", "$text-muted"), value) for label, value in rows]
        return Content("\n").join(lines)

    def on_mount(self) -> None:
        self.query_one("#contact-view").focus()

    async def reload(self) -> None:
        """Read the contact again and show it; back to the young person when it is gone."""
        file = load_contact_file(self.context, self.record.id, self.file.name)
        if file is None:
            self.dismiss(True)
            return
        self.file = file
        await self.recompose()
        self.query_one("#contact-view").focus()

    # --- changes ---------------------------------------------------------------------------

    def _linked(self) -> ContactRecord | None:
        """The contact this one was moved to, else the one it was moved from."""
        return self.file.moved_to or self.file.moved_from

    async def action_linked(self) -> None:
        """Show the linked contact on this screen (Esc still goes back to the young person)."""
        linked = self._linked()
        if linked is None:
            return
        file = load_contact_file(self.context, linked.id, self.file.name)
        if file is None:
            self.notify("Dat contact staat niet (meer) in de database.", severity="warning")
            return
        self.file = file
        await self.recompose()
        self.query_one("#contact-view").focus()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "linked" and self._linked() is None:
            return False
        # Completing, moving and dropping are for a planned contact only: dimmed in the footer otherwise.
        if action in ("outcome", "move", "drop") and self.record.contact.status != PLANNED:
            return None
        return True

    def _after(self, changed: object) -> None:
        if changed:
            self.changed = True
            self.run_worker(self.reload(), exclusive=True, group="contact-view")

    def action_back(self) -> None:
        self.dismiss(self.changed)

    def action_edit(self) -> None:
        labels = {domain.key: domain.label for domain in self.context.content.domains}
        self.app.push_screen(ContactEditDialog(self.record, labels, context_now(self.context)), self._after)

    def action_outcome(self) -> None:
        self.app.push_screen(ContactOutcomeDialog(self.record, context_now(self.context)), self._after)

    def action_move(self) -> None:
        self.app.push_screen(ContactMoveDialog(self.record, context_now(self.context)), self._after)

    def action_delete(self) -> None:
        self.app.push_screen(ContactDeleteDialog(self.record, context_now(self.context)), self._after)

    def action_drop(self) -> None:
        when = moment(self.record.contact.at, self.context.today)

        def answered(sure: bool | None) -> None:
            if not sure:
                return
            try:
                drop_contact(self.context.database, self.record.id, now=context_now(self.context))
            except ContactChangeError as error:
                self.notify(str(error), title="Niet gewijzigd", severity="warning")
                return
            except StoreError as error:
                report_store_error(self, error)
                return
            self.notify(f"Het contact van {when} is vervallen; het telt niet als afzegging.")
            self._after(True)

        question = (
            f"Het contact van {when} laten vervallen? Dat is een wijziging van plan: "
            "het telt niet als afzegging of niet verschenen."
        )
        self.app.push_screen(Confirm(question, yes="Ja, laten vervallen"), answered)

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        actions = {
            "cv-edit": self.action_edit,
            "cv-outcome": self.action_outcome,
            "cv-move": self.action_move,
            "cv-drop": self.action_drop,
            "cv-delete": self.action_delete,
            "cv-back": self.action_back,
        }
        if event.button.id == "cv-linked":
            self.run_worker(self.action_linked(), exclusive=True, group="contact-view")
            return
        action = actions.get(event.button.id or "")
        if action is not None:
            action()


def open_contact_view(
    screen: CoachScreen[Any], contact_id: int, name: str, on_changed: Callable[[], None] | None = None
) -> None:
    """From `screen`, open this contact of `name`; `on_changed` runs after the coach changed it."""
    file = load_contact_file(screen.context, contact_id, name)
    if file is None:
        screen.notify("Dit contact staat niet (meer) in de database.", severity="warning")
        return

    def done(changed: bool | None) -> None:
        if changed and on_changed is not None:
            on_changed()

    screen.app.push_screen(ContactViewScreen(file), done)
