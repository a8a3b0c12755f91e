"""Aanmelding and Gegevens: one form for a new young person's details, and for changing them later.

New (from the caseload, `n`): every field of the aanmelding, saved in one
transaction with `register_youth`; the young person then opens on their own
screen. Changing (from the young person's screen, `g`): the same form filled
in, saved with `save_details`, so each earlier value is kept as a revision
(shown as "eerder: …" under its field) and a new vaste coach is recorded as
a coach change. Wrong input gets a message at its field and nothing is
written; an unusual age or postcode asks "klopt dit?" first.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any

from textual import on
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.widget import Widget
from textual.widgets import Button, Header, Input, Label, SelectionList, Static, TextArea

from coach.domain.model import age_on
from coach.domain.registration import (
    CONSENT_PARTS,
    CoachChange,
    Consent,
    DetailRevision,
    Registration,
    RegistrationError,
)
from coach.domain.registration_input import (
    CONSENT_PART_LABELS,
    ReadRegistration,
    RegistrationInput,
    changed_details,
    read_date,
    read_registration,
    written_date,
)
from coach.store.errors import StoreError
from coach.store.registration import (
    coach_changes_of,
    consents_of,
    detail_history,
    load_registration,
    register_youth,
    save_details,
)
from coach.tui.context import CoachScreen, context_of
from coach.tui.dialogs.confirm import Confirm
from coach.tui.formatting import short_date
from coach.tui.help import HelpTarget
from coach.tui.store_errors import report_store_error
from coach.tui.widgets.body import Body
from coach.tui.widgets.coach_footer import CoachFooter
from coach.tui.widgets.plain_toggles import PlainSelectionList
from coach.tui.widgets.refresh import update_if_changed

if TYPE_CHECKING:
    from sqlite_utils import Database


@dataclass(frozen=True)
class FormField:
    """One field of the form: its name in RegistrationInput, its label, a hint, and how it is typed."""

    name: str
    label: str
    placeholder: str = ""
    kind: str = "line"  # line, date, text (several lines) or parts (a choice of several)


@dataclass(frozen=True)
class FormSection:
    """A heading and its fields."""

    title: str
    fields: tuple[FormField, ...]


SECTIONS: tuple[FormSection, ...] = (
    FormSection(
        "Jongere",
        (
            FormField("first_name", "Voornaam *", "verplicht"),
            FormField("last_name", "Achternaam"),
            FormField("nickname", "Roepnaam", "hoe de jongere genoemd wil worden"),
            FormField("birth_date", "Geboortedatum", "12 maart 2008 of 12-3-2008", "date"),
        ),
    ),
    FormSection(
        "Bereikbaar",
        (
            FormField("phone", "Telefoon", "06-12345678"),
            FormField("email", "E-mail", "naam@voorbeeld.nl"),
            FormField("street", "Straat en huisnummer"),
            FormField("postcode", "Postcode", "1234 AB"),
            FormField("city", "Plaats"),
        ),
    ),
    FormSection(
        "School en werk",
        (
            FormField("school", "School/opleiding"),
            FormField("employer", "Werk"),
        ),
    ),
    FormSection(
        "Aanmelding",
        (
            FormField("referred_by", "Aangemeld door", "wie meldde aan (naam of rol)"),
            FormField("referrer_org", "Organisatie", "van wie aanmeldde"),
            FormField("referral_reason", "Reden van aanmelding", "waarom nu, in de woorden van wie aanmeldde", "text"),
            FormField("registered_on", "Aanmelddatum", "vandaag, gisteren, 3-3", "date"),
            FormField("coach", "Vaste coach", "naam van de vaste coach"),
        ),
    ),
    FormSection(
        "Toestemming om te delen",
        (
            FormField("consent_to", "Met wie", "naam of rol, bv. moeder of school"),
            FormField("consent_org", "Organisatie", "als het om een organisatie gaat"),
            FormField("consent_on", "Datum", "leeg: vandaag", "date"),
            FormField("consent_parts", "Welke delen", kind="parts"),
        ),
    ),
)
FORM_FIELDS: tuple[FormField, ...] = tuple(item for section in SECTIONS for item in section.fields)

# Field names of the checks (coach.domain.registration) -> the form field that shows their message.
ERROR_FIELDS: dict[str, str] = {
    "consent.given_to": "consent_to",
    "consent.organisation": "consent_org",
    "consent.given_on": "consent_on",
    "consent.parts": "consent_parts",
    "consent.role": "consent_to",
    "consent.note": "consent_to",
}


def part_prompt(part: str, chosen: bool) -> str:
    """A consent part as listed: a ✓ before a chosen one, as the tick box shows it only in colour."""
    return f"{'✓' if chosen else ' '} {CONSENT_PART_LABELS[part]}"


def widget_id(name: str) -> str:
    """The id of a field's input widget."""
    return "reg-" + name.replace("_", "-")


@dataclass
class DetailsFile:
    """What the form needs to change a young person's details: as stored now, and what came before."""

    youth_id: int
    registration: Registration
    history: dict[str, list[DetailRevision]] = field(default_factory=dict)
    consents: list[Consent] = field(default_factory=list)
    coach_changes: list[CoachChange] = field(default_factory=list)


def load_details(db: Database, youth_id: int) -> DetailsFile | None:
    """Read a young person's details, their earlier values, consents and coach changes; None when gone."""
    registration = load_registration(db, youth_id)
    if registration is None:
        return None
    history: dict[str, list[DetailRevision]] = {}
    for revision in detail_history(db, youth_id):
        history.setdefault(revision.field, []).append(revision)
    return DetailsFile(youth_id, registration, history, consents_of(db, youth_id), coach_changes_of(db, youth_id))


def earlier_text(revisions: list[DetailRevision], today: date) -> str:
    """'eerder: Anna (tot 3 mrt) · Bram (tot 12 jan)', newest first, at most three."""
    parts = []
    for revision in reversed(revisions[-3:]):
        shown = revision.text if len(revision.text) <= 40 else revision.text[:39] + "…"
        shown = " ".join(shown.split())
        try:
            until = f" (tot {short_date(date.fromisoformat(revision.replaced_at[:10]), today)})"
        except ValueError:
            until = ""
        parts.append(shown + until)
    more = f" en {len(revisions) - 3} eerder" if len(revisions) > 3 else ""
    return "eerder: " + " · ".join(parts) + more


def consent_line(consent: Consent, today: date) -> str:
    """One recorded consent as a line: with whom, which parts, since when (withdrawn said in words)."""
    parts = ", ".join(CONSENT_PART_LABELS.get(part, part).lower() for part in consent.parts)
    who = consent.given_to + (f" ({consent.organisation})" if consent.organisation else "")
    line = f"{who}: {parts}, sinds {short_date(consent.given_on, today)}"
    if consent.withdrawn_on is not None:
        return f"✕ {line}; ingetrokken {short_date(consent.withdrawn_on, today)}"
    return f"✓ {line}"


DEMO_NOTICE = (
    "Dit is de demo: oefen gerust met een verzonnen jongere. Een echte jongere meld je aan in je eigen, "
    "versleutelde database: start coach zonder demo."
)


class RegistrationScreen(CoachScreen[int | None]):
    """The aanmelding form (new) or the Gegevens form (`details` given); returns the young person's id once saved."""

    CSS_PATH = "registration.tcss"
    BINDINGS = [
        Binding("ctrl+s", "save", "Opslaan", id="registration.save", priority=True, tooltip="Gegevens opslaan"),
        Binding("escape", "leave", "Terug", id="registration.back", tooltip="Terug; vraagt eerst als je iets typte"),
        # In this form q is a letter, never "stop": nothing typed may get lost by a stray key.
        Binding("q", "stay", "Blijven", id="registration.no_quit", show=False),
    ]

    def __init__(
        self, form: RegistrationInput, today: date, details: DetailsFile | None = None, *, focus: str = "first_name"
    ) -> None:
        super().__init__()
        self.start = form
        self._focus = focus  # the field the cursor starts in (the handover opens at the consent)
        self._today = today
        self.details = details
        self.saved_id: int | None = None
        self._shown_errors: set[str] = set()
        self._error_values: dict[str, object] = {}  # each field's value when its message was shown

    @property
    def editing(self) -> bool:
        """True when changing the details of a young person already registered."""
        return self.details is not None

    def help_target(self) -> HelpTarget:
        """The handbook's section on the young person's screen (where the details live)."""
        return ("app.md", "het-scherm-van-een-jongere")

    # --- building the form ---------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield Header()
        with Body(id="registration-form"):
            yield Static(self._title(), id="registration-title", markup=False)
            yield Static("Tab: volgend veld · Ctrl+S: opslaan · Esc: terug · * is verplicht", id="registration-keys")
            if self.context.demo and not self.editing:
                # A demo file is plain and rebuilt at will: no place for a real young person's details.
                yield Static(DEMO_NOTICE, id="registration-demo", markup=False)
            for section in SECTIONS:
                yield Label(self._section_title(section), classes="form-heading")
                if section.title.startswith("Toestemming") and self.details is not None:
                    yield from self._consents()
                for item in section.fields:
                    yield from self._field(item)
            with Horizontal(id="registration-buttons"):
                yield Button("Opslaan (Ctrl+S)", variant="primary", id="save")
                yield Button("Terug (Esc)", id="back")
        yield CoachFooter()

    def _title(self) -> str:
        if self.details is None:
            return "Nieuwe jongere aanmelden"
        registration = self.details.registration
        name = " ".join(
            part for part in (registration.nickname or registration.first_name, registration.last_name) if part
        )
        return f"Gegevens van {name}"

    def _section_title(self, section: FormSection) -> str:
        if section.title.startswith("Toestemming") and self.details is not None:
            return "Nieuwe toestemming om te delen (leeg laten als er niets bij komt)"
        return section.title

    def _consents(self) -> ComposeResult:
        assert self.details is not None
        lines = [consent_line(consent, self._today) for consent in self.details.consents]
        yield Static("\n".join(lines) or "Nog geen toestemming vastgelegd.", id="reg-consents", markup=False)

    def _field(self, item: FormField) -> ComposeResult:
        value = getattr(self.start, item.name)
        ident = widget_id(item.name)
        if item.kind == "text":
            yield Label(item.label, classes="form-heading -field")
            yield TextArea(
                value, id=ident, compact=True, soft_wrap=True, tab_behavior="focus", placeholder=item.placeholder
            )
        elif item.kind == "parts":
            yield Label(item.label + " (spatie kiest)", classes="form-heading -field")
            yield PlainSelectionList(
                *((part_prompt(part, part in value), part, part in value) for part in CONSENT_PARTS),
                id=ident,
                compact=True,
            )
        else:
            with Horizontal(classes="form-row"):
                yield Label(item.label, classes="form-label")
                yield Input(value, placeholder=item.placeholder, id=ident, compact=True)
                if item.kind == "date":
                    yield Static(id=f"{ident}-echo", classes="echo", markup=False)
        yield Static(id=f"{ident}-error", classes="field-error", markup=False)
        revisions = self.details.history.get(item.name) if self.details is not None else None
        if revisions:
            yield Static(earlier_text(revisions, self._today), id=f"{ident}-history", classes="history", markup=False)

    def on_mount(self) -> None:
        for item in FORM_FIELDS:
            if item.kind == "date":
                self._echo(item.name)
        field = self.query_one(f"#{widget_id(self._focus)}", Input)
        field.focus()
        field.scroll_visible(animate=False)

    # --- reading the form ----------------------------------------------------------------

    def collect(self) -> RegistrationInput:
        """The form as it stands now."""
        values: dict[str, Any] = {}
        for item in FORM_FIELDS:
            widget = self.query_one(f"#{widget_id(item.name)}")
            if isinstance(widget, TextArea):
                values[item.name] = widget.text
            elif isinstance(widget, SelectionList):
                chosen = set(widget.selected)
                values[item.name] = tuple(part for part in CONSENT_PARTS if part in chosen)
            elif isinstance(widget, Input):
                values[item.name] = widget.value
        return RegistrationInput(**values)

    def _echo(self, name: str) -> None:
        """Show a typed date back in words ('→ 12 maart 2008 · 18 jaar'), or what is wrong with it."""
        ident = widget_id(name)
        text = self.query_one(f"#{ident}", Input).value
        key = {"consent_on": "consent.given_on"}.get(name, name)
        try:
            day = read_date(key, text, self._today)
        except RegistrationError as error:
            update_if_changed(self.query_one(f"#{ident}-echo", Static), "")
            self._set_error(name, next(iter(error.errors.values())))
            return
        self._set_error(name, None)
        if day is None:
            update_if_changed(self.query_one(f"#{ident}-echo", Static), "")
            return
        echo = "→ " + written_date(day)
        age = age_on(day, self._today)
        if name == "birth_date" and age is not None and day <= self._today:
            echo += f" · {age} jaar"
        # On every key: an update lays out the whole form again, so only a changed line is shown anew.
        update_if_changed(self.query_one(f"#{ident}-echo", Static), echo)

    @on(Input.Changed)
    def _changed(self, event: Input.Changed) -> None:
        name = next((item.name for item in FORM_FIELDS if widget_id(item.name) == event.input.id), None)
        if name is None or self._error_values.get(name) == event.value:
            return  # not changed since its message was shown (a late event): the message stays
        if any(item.name == name and item.kind == "date" for item in FORM_FIELDS):
            self._echo(name)
        elif name in self._shown_errors:
            self._set_error(name, None)

    @on(SelectionList.SelectedChanged)
    def _parts_changed(self, event: SelectionList.SelectedChanged[str]) -> None:
        parts = event.selection_list
        chosen = set(parts.selected)
        for index, part in enumerate(CONSENT_PARTS):
            parts.replace_option_prompt_at_index(index, part_prompt(part, part in chosen))
        if "consent_parts" in self._shown_errors and chosen:
            self._set_error("consent_parts", None)

    @on(Input.Submitted)
    def _next_field(self) -> None:
        self.focus_next()

    # --- messages at the fields ----------------------------------------------------------

    def _set_error(self, name: str, message: str | None) -> None:
        ident = widget_id(name)
        error = self.query_one(f"#{ident}-error", Static)
        update_if_changed(error, f"✕ {message}" if message else "")
        error.set_class(bool(message), "-shown")
        self.query_one(f"#{ident}").set_class(bool(message), "-invalid")
        if message:
            self._shown_errors.add(name)
            widget = self.query_one(f"#{ident}")
            self._error_values[name] = widget.value if isinstance(widget, Input) else None
        else:
            self._shown_errors.discard(name)
            self._error_values.pop(name, None)

    def _show_errors(self, errors: dict[str, str]) -> None:
        for name in list(self._shown_errors):
            self._set_error(name, None)
        first: Widget | None = None
        for key, message in errors.items():
            name = ERROR_FIELDS.get(key, key)
            if not any(item.name == name for item in FORM_FIELDS):
                continue
            self._set_error(name, message)
            first = first or self.query_one(f"#{widget_id(name)}")
        self.notify("Nog niet opgeslagen: " + next(iter(errors.values())), title="Kijk even na", severity="warning")
        if first is not None:
            self._go_to(first)

    def _go_to(self, widget: Widget) -> None:
        widget.focus()
        self.query_one("#registration-form", VerticalScroll).scroll_to_widget(widget, animate=False)

    # --- saving and leaving --------------------------------------------------------------

    def action_save(self) -> None:
        """Check every field; ask about anything unusual; then store it all in one transaction."""
        form = self.collect()
        require_date = self.details is None or self.details.registration.registered_on is not None
        try:
            read = read_registration(form, self._today, require_date=require_date)
        except RegistrationError as error:
            self._show_errors(error.errors)
            return
        for name in list(self._shown_errors):
            self._set_error(name, None)
        if not read.questions:
            self._store(read)
            return

        def answered(sure: bool | None) -> None:
            if sure:
                self._store(read)
            else:
                name = next(iter(read.questions))
                self._go_to(self.query_one(f"#{widget_id(name)}"))

        question = "\n".join(read.questions.values()) + "\n\nToch zo opslaan?"
        self.app.push_screen(Confirm(question, yes="Ja, klopt", no="Nee, aanpassen"), answered)

    def _store(self, read: ReadRegistration) -> None:
        db = self.context.database
        try:
            if self.details is None:
                youth_id = register_youth(db, read.registration, today=self._today)
                message = f"{read.registration.first_name.strip()} is aangemeld."
            else:
                youth_id = self.details.youth_id
                changes = changed_details(self.details.registration, read.registration)
                if self.details.registration.registered_on is None and read.registration.registered_on is None:
                    changes.pop("registered_on", None)
                if not changes and read.registration.consent is None:
                    self.notify("Er is niets veranderd.")
                    self.saved_id = None
                    self.dismiss(None)
                    return
                save_details(db, youth_id, changes, today=self._today, consent=read.registration.consent)
                message = self._changed_message(changes, read)
        except RegistrationError as error:
            self._show_errors(error.errors)
            return
        except StoreError as error:
            report_store_error(self, error)
            return
        self.saved_id = youth_id
        self.notify(message, title="Opgeslagen")
        self.dismiss(youth_id)

    def _changed_message(self, changes: dict[str, Any], read: ReadRegistration) -> str:
        labels = {item.name: item.label.rstrip(" *").lower() for item in FORM_FIELDS}
        parts = [labels.get(name, name) for name in changes]
        if read.registration.consent is not None:
            parts.append("nieuwe toestemming")
        text = "Bijgewerkt: " + ", ".join(parts) + "."
        if "coach" in changes:
            text += f" Vaste coach sinds vandaag: {changes['coach'] or 'niemand'}."
        return text

    def action_leave(self) -> None:
        """Go back; when something was typed, ask first whether to throw it away."""
        if self.collect() == self.start:
            self.dismiss(None)
            return

        def answered(sure: bool | None) -> None:
            if sure:
                self.dismiss(None)

        self.app.push_screen(
            Confirm("Wat je typte is nog niet opgeslagen. Weggooien?", yes="Ja, weggooien", no="Nee, verder typen"),
            answered,
        )

    def action_stay(self) -> None:
        self.notify("Opslaan met Ctrl+S, terug met Esc.")

    @on(Button.Pressed, "#save")
    def _save_pressed(self) -> None:
        self.action_save()

    @on(Button.Pressed, "#back")
    def _back_pressed(self) -> None:
        self.action_leave()


def new_registration_form(today: date, coach: str | None) -> RegistrationInput:
    """An empty aanmelding: today as the aanmelddatum, the coach from the settings, consent for everything."""
    return RegistrationInput(registered_on=written_date(today), coach=coach or "")


def open_registration(app: App[Any]) -> None:
    """Open the aanmelding (from the caseload or the command palette); once saved, open the new young person."""
    context = context_of(app)

    def done(youth_id: int | None) -> None:
        if youth_id is not None:
            context.open_youth(youth_id)

    form = new_registration_form(context.today, context.default_coach)
    app.push_screen(RegistrationScreen(form, context.today), done)


def open_details(
    screen: CoachScreen[Any], youth_id: int, on_saved: Callable[[int], None], *, focus: str = "first_name"
) -> None:
    """From `screen` (the young person's), open the Gegevens form at field `focus`; `on_saved` after a change."""
    context = screen.context
    try:
        details = load_details(context.database, youth_id)
    except StoreError as error:
        report_store_error(screen, error, kept="Er is niets veranderd.")
        return
    if details is None:
        screen.notify("Deze jongere staat niet (meer) in de database.", severity="warning")
        return

    def done(saved: int | None) -> None:
        if saved is not None:
            on_saved(saved)

    form = RegistrationInput.from_registration(details.registration)
    screen.app.push_screen(RegistrationScreen(form, context.today, details, focus=focus), done)
