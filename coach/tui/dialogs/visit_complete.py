"""Completing a visit: when, how long, what happened, open afspraken ticked done, new ones made."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.widget import Widget
from textual.widgets import Button, Checkbox, Input, RadioSet, Static

from coach.conversation.visit_session import VisitEnding
from coach.domain.contact_input import FormErrors
from coach.domain.visit_outcome import VISIT_OUTCOMES, VisitEndInput, VisitOutcome
from coach.domain.vocabulary import ContactStatus
from coach.store.errors import StoreError
from coach.tui.context import CoachModal
from coach.tui.dialogs.confirm import close_or_ask
from coach.tui.store_errors import report_store_error
from coach.tui.widgets.agreement_list import agreement_line
from coach.tui.widgets.body import Body
from coach.tui.widgets.new_agreements import NewAgreements
from coach.tui.widgets.plain_toggles import PlainCheck, PlainRadio

# The form's fields in the order they are shown: focus goes to the first one in error.
FIELDS = ("when", "duration", "status", "done", "agreements")


class VisitCompleteDialog(CoachModal[VisitOutcome | None]):
    """The 'Bezoek afronden' form; ctrl+s completes (one transaction), Esc goes back to preparing."""

    CSS_PATH = "../screens/visit_end.tcss"
    BINDINGS = [
        Binding("ctrl+s", "save", "Afronden", id="visit_complete.save"),
        Binding("escape", "back", "Terug", id="visit_complete.back"),
    ]

    def __init__(
        self,
        name: str,
        ending: VisitEnding,
        today: date,
        complete: Callable[[VisitEndInput], VisitOutcome],
        *,
        owners: dict[int, str] | None = None,
    ) -> None:
        super().__init__()
        self._owners = owners or {}
        self._name = name
        self._ending = ending
        self._today = today
        self._complete = complete
        self._start = VisitEndInput(when=ending.when)

    def compose(self) -> ComposeResult:
        with Body(id="visit-complete-box"):
            yield Static(f"Bezoek afronden · {self._name}", classes="dialog-title")
            yield Static("Wanneer", classes="field-label")
            yield Input(self._ending.when, placeholder="bv. nu, vandaag 10:00, gisteren 14:00", id="when", compact=True)
            yield Static(id="when-error", classes="dialog-error")
            yield Static("Duur in minuten (mag leeg)", classes="field-label")
            yield Input(placeholder="bv. 45", id="duration", compact=True)
            yield Static(id="duration-error", classes="dialog-error")
            yield Static("Hoe ging het?", classes="field-label")
            with RadioSet(id="status", compact=True):
                for status in VISIT_OUTCOMES:
                    yield PlainRadio(
                        ContactStatus(status).label, value=status == ContactStatus.PLAATSGEVONDEN, id=f"s-{status}"
                    )
            yield Static(id="status-error", classes="dialog-error")
            yield Static("Open afspraken · vink aan wat gedaan is", classes="field-label")
            if not self._ending.open_agreements:
                yield Static("Geen open afspraken.", classes="dialog-hint")
            for agreement in self._ending.open_agreements:
                yield PlainCheck(
                    agreement_line(agreement, self._today, self._owners.get(agreement.id or 0)),
                    id=f"done-{agreement.id}",
                    classes="done",
                    compact=True,
                )
            yield Static(id="done-error", classes="dialog-error")
            yield Static("Nieuwe afspraken", classes="field-label")
            yield NewAgreements([], self._today, id="agreements")
            yield Static(id="agreements-error", classes="dialog-error")
            with Horizontal(id="visit-complete-buttons"):
                yield Button("Bezoek afronden (ctrl+s)", variant="primary", id="save", compact=True)
                yield Button("Terug naar voorbereiden (Esc)", id="back", compact=True)

    def on_mount(self) -> None:
        for name in FIELDS:
            self._error(name, "")
        self.query_one("#when", Input).focus()

    @property
    def form(self) -> VisitEndInput:
        """The form as filled in now."""
        pressed = self.query_one("#status", RadioSet).pressed_button
        status = pressed.id.removeprefix("s-") if pressed is not None and pressed.id else ""
        done = [
            int(box.id.removeprefix("done-")) for box in self.query(".done").results(Checkbox) if box.value and box.id
        ]
        return VisitEndInput(
            when=self.query_one("#when", Input).value,
            duration=self.query_one("#duration", Input).value,
            status=status,
            done=done,
            agreements=self.query_one(NewAgreements).items,
        )

    @on(Button.Pressed, "#save")
    def action_save(self) -> None:
        """Complete the visit as filled in; wrong fields say what is wrong and nothing is stored."""
        for name in FIELDS:
            self._error(name, "")
        try:
            outcome = self._complete(self.form)
        except FormErrors as error:
            for name, message in error.errors.items():
                target = name if name in FIELDS else "when"
                self._error(target, message)
            first = next((name for name in FIELDS if name in error.errors), "when")
            self._focus_field(first)
            return
        except StoreError as error:
            report_store_error(self, error)
            return
        self.dismiss(outcome)

    def _error(self, name: str, message: str) -> None:
        # An empty message takes no line, so the form stays short enough for 24 rows.
        label = self.query_one(f"#{name}-error", Static)
        label.update(message)
        label.display = bool(message)

    def _focus_field(self, name: str) -> None:
        widget: Widget | None = None
        if name == "done":
            widget = next(iter(self.query(".done").results(Checkbox)), None)
        elif name == "agreements":
            widget = self.query_one("#agreement-text", Input)
        else:
            widget = self.query_one(f"#{name}")
        if widget is not None:
            widget.focus()
            widget.scroll_visible()

    @on(Button.Pressed, "#back")
    def action_back(self) -> None:
        """Back to preparing; asks first when something was filled in here."""
        close_or_ask(
            self,
            self.form != self._start,
            None,
            "Wat je hier invulde weggooien? Je aantekeningen blijven bewaard.",
            yes="Ja, weggooien",
        )
