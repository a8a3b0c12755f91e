"""Logging a contact by keyboard: when, how, who, a note, domains, new agreements and the next contact.

The form opens on the note, with the moment now, the status plaatsgevonden and
the kind of contact used last with this young person, so a plain log is `c`,
the note, Ctrl+S. Dutch date input is read live and shown back ("→ di 3 mrt
14:00"). What is typed is kept as a draft at least once a second, also while
typing without a pause, and keeps the moment the form was opened, so an
interrupted coach loses nothing and "nu" stays the moment it meant; saving
stores everything in one transaction, or nothing.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.timer import Timer
from textual.widget import Widget
from textual.widgets import Button, Header, Input, Label, Select, Static, TextArea

from coach import clock
from coach.content.model import Content as PromptContent
from coach.conversation.signals import SignalFinder
from coach.domain.contact_input import ContactInput, FormErrors, ReadContact, read_contact, read_next, read_when
from coach.domain.contact_status import NEW_STATUSES
from coach.domain.dutch_dates import DateInputError, ParsedMoment
from coach.domain.model import CONTACT_MODES, INITIATORS, MODE_LABELS, STATUS_LABELS, Case
from coach.domain.vocabulary import ContactMode, ContactStatus
from coach.store.cases import load_case
from coach.store.contact_moves import ContactChangeError, complete_planned, find_planned_near
from coach.store.contacts import ContactError, add_contact, discard_draft, last_mode, load_draft, save_draft
from coach.store.errors import StoreError
from coach.tui.context import CoachScreen
from coach.tui.dialogs.confirm import Confirm
from coach.tui.dialogs.contact_planned_near import PlannedNearDialog
from coach.tui.formatting import moment, weekday_date
from coach.tui.help import HelpTarget
from coach.tui.screens.safety import listen
from coach.tui.store_errors import report_store_error
from coach.tui.widgets.body import Body
from coach.tui.widgets.coach_footer import CoachFooter
from coach.tui.widgets.domain_picker import DomainPicker
from coach.tui.widgets.new_agreements import NewAgreements
from coach.tui.widgets.refresh import update_if_changed

if TYPE_CHECKING:
    from sqlite_utils import Database

DRAFT_DELAY = 0.5
# Typing without a pause never postpones the draft longer than this (seconds since the first unsaved change).
DRAFT_MAX_WAIT = 1.0
# The draft remembers when its form was opened, so "nu" or "gisteren" keep meaning what they meant then.
OPENED_AT = "opened_at"
INITIATOR_LABELS = {"coach": "Coach", "jongere": "Jongere", "netwerk": "Netwerk"}
# The widget that gets the focus when a field's value is wrong.
FIELD_WIDGETS = {
    "when": "#when",
    "status": "#status",
    "mode": "#mode",
    "duration": "#duration",
    "initiated_by": "#initiated-by",
    "next": "#next",
    "domains": "#domains",
}


def echo(parsed: ParsedMoment, today: date) -> str:
    """'→ di 3 mrt 14:00', or '→ di 3 mrt (zonder tijd)'."""
    if parsed.has_time:
        return f"→ {moment(parsed.at, today)}"
    return f"→ {weekday_date(parsed.day, today)} (zonder tijd)"


class ContactEntryScreen(CoachScreen[int | None]):
    """The contact form for one young person; returns the new contact's id, or None when left unsaved."""

    CSS_PATH = "contact_entry.tcss"
    BINDINGS = [
        Binding("ctrl+s", "save", "Opslaan", id="contact.save", priority=True, tooltip="Contact opslaan"),
        Binding("escape", "leave", "Terug", id="contact.back", tooltip="Terug; wat je typte blijft als concept"),
        # In this form q is a letter, never "stop": nothing typed may get lost by a stray key.
        Binding("q", "stay", "Blijven", id="contact.no_quit", show=False),
    ]

    def __init__(
        self,
        case: Case,
        content: PromptContent,
        now: datetime,
        draft: tuple[dict[str, Any], datetime] | None = None,
        mode: str | None = None,
    ) -> None:
        """`draft` is the saved draft and when it was saved (see store.contacts.load_draft), if any;
        `mode` the kind of contact to start with (the one used last with this young person)."""
        super().__init__()
        self.case = case
        self._now = now
        self._finder = SignalFinder(content)
        self._domain_labels = {domain.key: domain.label for domain in content.domains}
        assert case.youth.id is not None
        self.youth_id: int = case.youth.id
        self._blank = ContactInput(held_by=case.youth.coach or "")
        if mode is not None and ContactMode.has(mode):
            self._blank.mode = mode
        self.restored_from: datetime | None = draft[1] if draft else None
        self.form = ContactInput.from_dict(draft[0]) if draft else ContactInput(**self._blank.as_dict())
        self._timer: Timer | None = None
        self._pending_since: float | None = None  # monotonic time of the first change not yet in the draft
        self._snapshot: ContactInput | None = None
        self._done = False

    @property
    def _db(self) -> Database:
        """The open database, from the app's context."""
        return self.context.database

    @property
    def today(self) -> date:
        """The day the form counts from."""
        return self._now.date()

    def help_target(self) -> HelpTarget:
        """The handbook section on the contact rhythm and typing dates."""
        return ("continuiteit.md", "hoe-coach-het-contactritme-beoordeelt")

    # --- building the form ---------------------------------------------------------

    def compose(self) -> ComposeResult:
        form = self.form
        yield Header()
        with Body(id="contact-form"):
            yield Static(self._title(), id="contact-title")
            with Horizontal(classes="form-row"):
                yield Label("Wanneer", classes="form-label")
                yield Input(form.when, placeholder="nu, gisteren 14:00, di 10:30, 12-3", id="when", compact=True)
                yield Static(id="when-echo", classes="echo")
            yield Static(id="when-error", classes="field-error")
            with Horizontal(classes="form-row"):
                yield Label("Status", classes="form-label")
                yield Select(
                    [(STATUS_LABELS[s], s) for s in NEW_STATUSES],
                    value=form.status,
                    allow_blank=False,
                    id="status",
                    compact=True,
                )
                yield Label("Vorm", classes="form-label -inner")
                yield Select(
                    [(MODE_LABELS[m], m) for m in CONTACT_MODES],
                    value=form.mode,
                    allow_blank=False,
                    id="mode",
                    compact=True,
                )
            with Horizontal(classes="form-row"):
                yield Label("Duur (min)", classes="form-label")
                yield Input(form.duration, placeholder="bv. 45", restrict=r"\d{0,4}", id="duration", compact=True)
                yield Label("Initiatief", classes="form-label -inner")
                yield Select(
                    [(INITIATOR_LABELS[i], i) for i in INITIATORS],
                    value=form.initiated_by,
                    allow_blank=False,
                    id="initiated-by",
                    compact=True,
                )
            yield Static(id="duration-error", classes="field-error")
            with Horizontal(classes="form-row"):
                yield Label("Gevoerd door", classes="form-label")
                yield Input(form.held_by, placeholder="naam (leeg: de vaste coach)", id="held-by", compact=True)
            yield Label("Notitie (met *schuin*, **vet** en - lijstjes)", classes="form-heading")
            yield TextArea(
                form.note, id="note", compact=True, placeholder="Wat speelde er, wat ging goed, wat spraken jullie af?"
            )
            yield Label("Leefgebieden die aan bod kwamen", classes="form-heading")
            yield DomainPicker(self._domain_labels, self._finder, form.domains, id="domain-picker")
            yield Label("Nieuwe afspraken", classes="form-heading")
            yield NewAgreements(form.agreements, self.today, id="new-agreements")
            with Horizontal(classes="form-row"):
                yield Label("Volgend contact", classes="form-label")
                yield Input(form.next, placeholder="bv. volgende week di 10:00", id="next", compact=True)
                yield Static(id="next-echo", classes="echo")
            yield Static(id="next-error", classes="field-error")
            with Horizontal(id="contact-buttons"):
                yield Button("Opslaan (Ctrl+S)", variant="primary", id="save")
                yield Button("Terug (Esc)", id="back")
                yield Button("Concept wissen", variant="error", id="discard")
        yield CoachFooter()

    def _title(self) -> Content:
        title = Content.from_markup("[b]Contact vastleggen[/b] · $name", name=self.case.youth.display_name)
        if self.restored_from is not None:
            title = title + Content.styled(f"  (concept van {self.restored_from:%d-%m %H:%M})", "$text-warning")
        return title

    def on_mount(self) -> None:
        self._echo_when()
        self._echo_next()
        self.query_one(DomainPicker).suggest_from(self.form.note)
        note = self.query_one("#note", TextArea)
        note.focus()
        note.move_cursor(note.document.end)  # a restored draft goes on where it stopped

    def collect(self) -> ContactInput:
        """The form as it stands now, including an agreement typed but not yet added."""
        return ContactInput(
            when=self.query_one("#when", Input).value,
            status=str(self.query_one("#status", Select).value),
            mode=str(self.query_one("#mode", Select).value),
            duration=self.query_one("#duration", Input).value,
            initiated_by=str(self.query_one("#initiated-by", Select).value),
            held_by=self.query_one("#held-by", Input).value,
            note=self.query_one("#note", TextArea).text,
            domains=self.query_one(DomainPicker).selected,
            agreements=self.query_one(NewAgreements).items,
            next=self.query_one("#next", Input).value,
        )

    # --- live feedback -----------------------------------------------------------------

    def _put(self, selector: str, text: str) -> None:
        """Show text in a Static, only when it changed: every update lays out the whole form again."""
        update_if_changed(self.query_one(selector, Static), text)

    def _show_error(self, name: str, message: str | None) -> None:
        if self.query(f"#{name}-error"):
            self._put(f"#{name}-error", message or "")
            self.query_one(f"#{name}-error").set_class(bool(message), "-shown")

    def _when(self) -> ParsedMoment:
        status = str(self.query_one("#status", Select).value)
        return read_when(self.query_one("#when", Input).value, status, self._now)

    def _echo_when(self) -> None:
        try:
            parsed = self._when()
        except DateInputError as error:
            self._put("#when-echo", "")
            self._show_error("when", str(error) if self.query_one("#when", Input).value.strip() else None)
            return
        self._put("#when-echo", echo(parsed, self.today))
        self._show_error("when", None)

    def _echo_next(self) -> None:
        try:
            after = self._when().at
        except DateInputError:
            after = self._now
        try:
            parsed = read_next(self.query_one("#next", Input).value, after, self._now)
        except DateInputError as error:
            self._put("#next-echo", "")
            self._show_error("next", str(error))
            return
        self._put("#next-echo", echo(parsed, self.today) if parsed else "")
        self._show_error("next", None)

    # --- events ---------------------------------------------------------------------------

    @on(Input.Changed, "#when, #next")
    @on(Select.Changed, "#status")
    def _moment_changed(self) -> None:
        # The status decides which way a weekday points: back for a held contact, ahead for a planned one.
        self._echo_when()
        self._echo_next()
        self._schedule_draft()

    @on(Input.Changed, "#duration")
    def _duration_changed(self) -> None:
        self._show_error("duration", None)
        self._schedule_draft()

    @on(TextArea.Changed, "#note")
    def _note_changed(self) -> None:
        self.query_one(DomainPicker).suggest_from(self.query_one("#note", TextArea).text)
        listen(self, self.youth_id, self.case.youth.display_name, "contact", self.query_one("#note", TextArea).text)
        self._schedule_draft()

    @on(Input.Changed, "#held-by")
    @on(Select.Changed, "#mode, #initiated-by")
    @on(DomainPicker.Changed)
    @on(NewAgreements.Changed)
    def _other_changed(self) -> None:
        self._schedule_draft()

    @on(Input.Submitted, "#when, #duration, #held-by, #next")
    def _next_field(self) -> None:
        self.focus_next()

    @on(Button.Pressed, "#save")
    def _save_pressed(self) -> None:
        self.action_save()

    @on(Button.Pressed, "#back")
    def _back_pressed(self) -> None:
        self.action_leave()

    @on(Button.Pressed, "#discard")
    def _discard_pressed(self) -> None:
        self.app.push_screen(
            Confirm("Dit concept wissen? Wat je in dit formulier typte, is dan weg.", yes="Ja, wissen"),
            self._discard,
        )

    # --- the draft --------------------------------------------------------------------------

    def _schedule_draft(self) -> None:
        if self._done or not self.is_mounted:
            return
        # Read the widgets now, while they are there; the timer (or leaving) stores this snapshot.
        self._snapshot = self.collect()
        started = time.monotonic()
        if self._timer is not None and self._pending_since is not None:
            if started - self._pending_since >= DRAFT_MAX_WAIT - DRAFT_DELAY:
                return  # steady typing: let the waiting timer store it, so at most a second is ever unsaved
            self._timer.stop()
        else:
            self._pending_since = started
        self._timer = self.set_timer(DRAFT_DELAY, self.save_draft_now)

    def save_draft_now(self) -> None:
        """Keep what is typed (and no draft while the form is still as it was opened, empty)."""
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
        self._pending_since = None
        if self._done or self._snapshot is None:
            return
        try:
            if self._snapshot == self._blank:
                discard_draft(self._db, self.youth_id)
            else:
                body = {**self._snapshot.as_dict(), OPENED_AT: self._now.isoformat(timespec="seconds")}
                save_draft(self._db, self.youth_id, body, clock.now())
        except StoreError as error:
            report_store_error(self, error)  # the form still holds it all; the next change tries again

    async def _discard(self, sure: bool | None) -> None:
        if not sure:
            return
        if self._timer is not None:
            self._timer.stop()
        discard_draft(self._db, self.youth_id)
        self.form = ContactInput(**self._blank.as_dict())
        self._snapshot, self.restored_from = None, None
        await self.recompose()
        self.on_mount()
        self.notify("Concept gewist.")

    # --- saving and leaving ------------------------------------------------------------------

    def action_save(self) -> None:
        """Check every field; store all of it in one transaction, or show what to fix and store nothing."""
        try:
            read = read_contact(self.collect(), self._now)
        except FormErrors as problem:
            self._show_errors(problem.errors)
            return
        # A contact near a planned one is most likely that one: offer to complete it instead of adding a second.
        planned = None
        if read.contact.status != ContactStatus.GEPLAND:
            try:
                planned = find_planned_near(self._db, self.youth_id, read.contact.at)
            except StoreError as error:
                report_store_error(self, error)
                return
        if planned is None:
            self._store(read)
            return
        planned_id = planned.id

        def chosen(choice: str | None) -> None:
            if choice is not None:
                self._store(read, planned_id if choice == "complete" else None)

        self.app.push_screen(PlannedNearDialog(planned, self.today), chosen)

    def _store(self, read: ReadContact, planned_id: int | None = None) -> None:
        """Store the contact in one transaction: as a new one, or as the outcome of the planned contact `planned_id`."""
        try:
            if planned_id is not None:
                contact_id = complete_planned(
                    self._db,
                    planned_id,
                    read.contact,
                    now=self._now,
                    domains=read.domains,
                    agreements=read.agreements,
                    next_contact=read.next_contact,
                ).id
            else:
                contact_id = add_contact(
                    self._db,
                    self.youth_id,
                    read.contact,
                    domains=read.domains,
                    agreements=read.agreements,
                    next_contact=read.next_contact,
                )
        except ContactChangeError as error:
            self.notify(" ".join(error.errors.values()), title="Niet opgeslagen", severity="error")
            return
        except ContactError as error:
            self.notify(str(error), title="Niet opgeslagen", severity="error")
            return
        except StoreError as error:
            report_store_error(self, error)
            return
        self._done = True
        if self._timer is not None:
            self._timer.stop()
        self.notify(self._saved_message(read), title="Opgeslagen")
        self.dismiss(contact_id)

    def _saved_message(self, read: ReadContact) -> str:
        parts = [f"Contact van {moment(read.contact.at, self.today)} vastgelegd"]
        count = len(read.agreements)
        if count:
            parts.append(f"{count} {'afspraak' if count == 1 else 'afspraken'}")
        if read.next_contact is not None:
            parts.append(f"volgend contact {moment(read.next_contact.at, self.today)}")
        return ", ".join(parts) + "."

    def _show_errors(self, errors: dict[str, str]) -> None:
        first: Widget | None = None
        for name, message in errors.items():
            if name.startswith("agreement-"):
                agreements = self.query_one(NewAgreements)
                agreements.show_message(message, invalid=True)
                widget: Widget = agreements.query_one("#pending" if agreements.has_pending else "#agreement-due")
            else:
                self._show_error(name, message)
                widget = self.query_one(FIELD_WIDGETS.get(name, "#when"))
            first = first or widget
        self.notify("Nog niet opgeslagen: " + next(iter(errors.values())), title="Kijk even na", severity="warning")
        if first is not None:
            first.focus()
            self.query_one("#contact-form", VerticalScroll).scroll_to_widget(first)

    def action_leave(self) -> None:
        """Go back; what was typed stays as a draft for the next time the form opens."""
        if not self._done:
            self._snapshot = self.collect()
            self.save_draft_now()
            if self._snapshot != self._blank:
                self.notify("Je concept is bewaard. Met c ga je verder waar je was.", title="Nog niet opgeslagen")
        self._done = True
        self.dismiss(None)

    def action_stay(self) -> None:
        self.notify("Opslaan met Ctrl+S, terug met Esc (je concept blijft bewaard).")

    def on_unmount(self) -> None:
        # Also when the app closes with the form open: keep what was typed.
        if not self._done:
            self.save_draft_now()


def open_contact_entry(screen: CoachScreen[Any], youth_id: int, on_saved: Callable[[int], None] | None = None) -> None:
    """From `screen`, open the contact form for this young person; `on_saved` gets the new contact's id after saving."""
    context = screen.context
    case = load_case(context.database, youth_id)
    if case is None:
        screen.notify("Deze jongere staat niet (meer) in de database.", severity="warning")
        return

    def done(contact_id: int | None) -> None:
        if contact_id is not None and on_saved is not None:
            on_saved(contact_id)

    now = datetime.combine(context.today, clock.now().time())
    draft = load_draft(context.database, youth_id)
    if draft is not None:
        now = draft_opened_at(draft[0]) or draft[1]
    mode = last_mode(context.database, youth_id)
    screen.app.push_screen(ContactEntryScreen(case, context.content, now, draft, mode), done)


def draft_opened_at(body: dict[str, Any]) -> datetime | None:
    """When the form of a saved draft was opened (None for a draft from before this was kept)."""
    value = body.get(OPENED_AT)
    if not isinstance(value, str):
        return None
    try:
        return datetime.fromisoformat(value)
    except ValueError:
        return None
