"""The form for one person in the young person's network: add someone, or change what is known about them.

Every field is checked with the network's own rules (coach.domain.network);
a wrong one gets its Dutch message under it and the focus goes to the first
of them. Saving is one transaction in the store; Esc with changes asks first.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Literal

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.suggester import SuggestFromList
from textual.widget import Widget
from textual.widgets import Button, Input, Label, Select, Static

from coach.domain.network import (
    CARE,
    GROUP_LABELS,
    INFORMAL,
    PROFESSIONAL,
    RELATIONS,
    SCHOOL_WORK,
    SEEN_AS,
    SEEN_AS_LABELS,
    SEEN_AS_SYMBOLS,
    NetworkMember,
    check_member,
    group_of,
)
from coach.store.errors import StoreError
from coach.store.network import NetworkError, add_person, update_person
from coach.tui.context import CoachModal
from coach.tui.dialogs.confirm import close_or_ask
from coach.tui.store_errors import report_store_error
from coach.tui.widgets.body import Body
from coach.tui.widgets.refresh import update_if_changed

#: What the form answers: saved, the coach wants to remove this person, or nothing changed.
FormResult = Literal["saved", "remove"] | None

UNKNOWN = "onbekend"
KIND_CHOICES = [
    ("informeel (familie, vrienden, buren)", INFORMAL),
    ("professioneel (hulpverlening, school, werk)", PROFESSIONAL),
]
SEEN_AS_CHOICES = [(f"{SEEN_AS_SYMBOLS[w]} {SEEN_AS_LABELS[w]}", w) for w in SEEN_AS] + [("nog niet gevraagd", UNKNOWN)]
CONTACT_CHOICES = [("ja, mag benaderd worden", "ja"), ("nee, niet benaderen", "nee"), ("nog niet gevraagd", UNKNOWN)]
# The fields in the order the form shows them: the focus goes to the first one in error.
FIELDS = ("name", "relation", "kind", "organisation", "role", "phone", "email", "seen_as", "may_contact", "note")
WIDGET_IDS = {name: name.replace("_", "-") for name in FIELDS}


@dataclass(frozen=True)
class PersonInput:
    """The form as typed: plain strings, so 'changed or not' is a simple comparison."""

    name: str = ""
    relation: str = ""
    kind: str = INFORMAL
    organisation: str = ""
    role: str = ""
    phone: str = ""
    email: str = ""
    seen_as: str = UNKNOWN
    may_contact: str = UNKNOWN
    note: str = ""

    @classmethod
    def of(cls, member: NetworkMember | None) -> PersonInput:
        """The form filled from a stored person (or empty for a new one)."""
        if member is None:
            return cls()
        return cls(
            name=member.name,
            relation=member.relation,
            kind=member.kind,
            organisation=member.organisation or "",
            role=member.role or "",
            phone=member.phone or "",
            email=member.email or "",
            seen_as=member.seen_as or UNKNOWN,
            may_contact=UNKNOWN if member.may_contact is None else ("ja" if member.may_contact else "nee"),
            note=member.note or "",
        )

    def member(self, person_id: int | None = None) -> NetworkMember:
        """The person this form describes, texts stripped and empty ones left out."""

        def text(value: str) -> str | None:
            return value.strip() or None

        return NetworkMember(
            name=self.name.strip(),
            relation=self.relation.strip(),
            kind=self.kind,
            id=person_id,
            organisation=text(self.organisation),
            role=text(self.role),
            phone=text(self.phone),
            email=text(self.email),
            seen_as=None if self.seen_as == UNKNOWN else self.seen_as,
            may_contact=None if self.may_contact == UNKNOWN else self.may_contact == "ja",
            note=text(self.note),
        )


class PersonForm(CoachModal[FormResult]):
    """Add someone to (or change someone in) the network of one young person."""

    CSS_PATH = "../screens/network.tcss"
    BINDINGS = [
        Binding("ctrl+s", "save", "Opslaan", id="network.save", priority=True, tooltip="Deze persoon opslaan"),
        Binding(
            "escape", "leave", "Terug", id="network.form_back", tooltip="Terug; met wijzigingen vraag ik het eerst"
        ),
    ]

    def __init__(self, youth_id: int, youth_name: str, member: NetworkMember | None = None) -> None:
        super().__init__()
        self.youth_id = youth_id
        self.youth_name = youth_name
        self.person = member
        self.start = PersonInput.of(member)

    def compose(self) -> ComposeResult:
        form = self.start
        title = f"Iemand in het netwerk van {self.youth_name}" if self.person is None else f"{form.name} wijzigen"
        with Body(id="person-form"):
            yield Static(title, id="person-title")
            yield from self._row("Naam", Input(form.name, placeholder="bv. Ria, tante Fatima, mw. de Haas", id="name"))
            with Horizontal(classes="form-row"):
                yield Label("Relatie", classes="form-label")
                yield Input(
                    form.relation,
                    placeholder="typ, of kies rechts",
                    suggester=SuggestFromList(list(RELATIONS), case_sensitive=False),
                    id="relation",
                    compact=True,
                )
                yield Select(
                    [(f"{name} ({GROUP_LABELS[group].lower()})", name) for name, group in RELATIONS.items()],
                    prompt="veelvoorkomend…",
                    id="relation-pick",
                    compact=True,
                )
            echo = Static(self._group_echo(form.relation, form.kind), id="relation-echo", classes="echo")
            echo.display = bool(form.relation.strip())  # an empty line would push the form down
            yield echo
            yield Static(id="relation-error", classes="field-error")
            yield from self._row("Soort", Select(KIND_CHOICES, value=form.kind, allow_blank=False, id="kind"))
            yield from self._row(
                "Organisatie", Input(form.organisation, placeholder="bv. Wijkteam Oost", id="organisation")
            )
            yield from self._row(
                "Rol", Input(form.role, placeholder="bv. woonbegeleider (als de relatie dat niet zegt)", id="role")
            )
            yield from self._row("Telefoon", Input(form.phone, placeholder="bv. 06-12345678", id="phone"))
            yield from self._row("E-mail", Input(form.email, placeholder="bv. naam@voorbeeld.nl", id="email"))
            yield from self._row(
                "Voor de jongere",
                Select(SEEN_AS_CHOICES, value=form.seen_as, allow_blank=False, id="seen-as"),
            )
            yield from self._row(
                "Benaderen?",
                Select(CONTACT_CHOICES, value=form.may_contact, allow_blank=False, id="may-contact"),
            )
            yield from self._row(
                "Notitie", Input(form.note, placeholder="kort, bv. 'belt liever na 17 uur'", id="note")
            )
            with Horizontal(id="person-buttons"):
                yield Button("Opslaan (Ctrl+S)", variant="primary", id="save")
                yield Button("Terug (Esc)", id="back")
                if self.person is not None:
                    yield Button("Verwijderen…", variant="error", id="remove")

    def _row(self, label: str, field: Widget) -> ComposeResult:
        if isinstance(field, (Input, Select)):
            field.compact = True
        with Horizontal(classes="form-row"):
            yield Label(label, classes="form-label")
            yield field
        yield Static(id=f"{field.id}-error", classes="field-error")

    def on_mount(self) -> None:
        self.query_one("#name", Input).focus()

    # --- reading the form ----------------------------------------------------------------

    def collect(self) -> PersonInput:
        """The form as it stands now."""

        def value(widget_id: str) -> str:
            widget = self.query_one(f"#{widget_id}")
            if isinstance(widget, Select):
                return str(widget.value)
            assert isinstance(widget, Input)
            return widget.value

        return PersonInput(**{name: value(WIDGET_IDS[name]) for name in FIELDS})

    @staticmethod
    def _group_echo(relation: str, kind: str) -> str:
        if not relation.strip():
            return ""
        return f"→ getekend bij {GROUP_LABELS[group_of(relation, kind)]}"

    @on(Input.Changed, "#relation")
    @on(Select.Changed, "#kind")
    def _relation_changed(self) -> None:
        form = self.collect()
        text = self._group_echo(form.relation, form.kind)
        echo = self.query_one("#relation-echo", Static)
        update_if_changed(echo, text)  # on every key: an update would lay out the whole form again
        echo.display = bool(text)

    @on(Select.Changed, "#relation-pick")
    def _relation_picked(self, event: Select.Changed) -> None:
        if event.value is Select.BLANK:
            return
        relation = str(event.value)
        self.query_one("#relation", Input).value = relation
        # A relation from the list says which kind of person this is; the coach can still change it.
        kind = PROFESSIONAL if RELATIONS[relation] == CARE else INFORMAL
        if RELATIONS[relation] != SCHOOL_WORK:  # a mentor or a colleague can be either
            self.query_one("#kind", Select).value = kind

    @on(Input.Changed)
    @on(Select.Changed)
    def _clear_error(self, event: Input.Changed | Select.Changed) -> None:
        widget_id = event.control.id or ""
        if widget_id == "relation-pick":
            widget_id = "relation"
        self._show_errors({}, only=widget_id)

    def _show_errors(self, errors: dict[str, str], only: str | None = None) -> None:
        for name in FIELDS:
            widget_id = WIDGET_IDS[name]
            if only is not None and widget_id != only:
                continue
            error = self.query_one(f"#{widget_id}-error", Static)
            update_if_changed(error, errors.get(name, ""))  # cleared on every key, mostly already empty
            error.set_class(name in errors, "-shown")

    # --- saving and leaving -------------------------------------------------------------

    def action_save(self) -> None:
        form = self.collect()
        member = form.member(self.person.id if self.person else None)
        errors = check_member(member)
        if not errors:
            try:
                self._store(member)
            except NetworkError as error:
                errors = error.errors
            except StoreError as error:
                report_store_error(self, error)
                return
        if errors:
            self._show_errors(errors)
            first = next((name for name in FIELDS if name in errors), None)
            if first is not None:
                self.query_one(f"#{WIDGET_IDS[first]}").focus()
            else:  # the young person or the person is gone: say so
                self.notify(" ".join(errors.values()), severity="error", title="Niet bewaard")
            return
        self.notify(f"{member.name} staat in het netwerk.", title="Opgeslagen")
        self.dismiss("saved")

    def _store(self, member: NetworkMember) -> None:
        db = self.context.database
        if self.person is None or self.person.id is None:
            add_person(db, self.youth_id, member)
        else:
            changes = {name: getattr(member, name) for name in FIELDS}
            update_person(db, self.person.id, changes)
            self.person = replace(self.person, **changes)

    def action_leave(self) -> None:
        close_or_ask(
            self,
            self.collect() != self.start,
            None,
            "Wat je hebt getypt weggooien?",
            yes="Ja, weggooien",
            no="Nee, verder",
        )

    def action_stay(self) -> None:
        self.notify("Opslaan met Ctrl+S, terug met Esc.")

    @on(Button.Pressed, "#save")
    def _save_pressed(self) -> None:
        self.action_save()

    @on(Button.Pressed, "#back")
    def _back_pressed(self) -> None:
        self.action_leave()

    @on(Button.Pressed, "#remove")
    def _remove_pressed(self) -> None:
        self.dismiss("remove")
