"""What the summary is laid out for and what it covers: the method, the whole case, a period or one contact, and
for the incident method the moment it centres on (the newest by default, any contact choosable)."""

from __future__ import annotations

from datetime import date

from dateutil.relativedelta import relativedelta
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.widgets import Select, Static

from coach.content.model import IntervisionContent
from coach.domain.calendar_words import week_of
from coach.domain.model import MODE_LABELS, Case
from coach.reports.summary import Scope, default_moment, moment_choices, numbered_contacts, trajectory_start

PERIODS = {"m1": ("De laatste maand", 1), "m3": ("De laatste 3 maanden", 3), "m6": ("Het laatste half jaar", 6)}


def scope_options(case: Case, today: date) -> list[tuple[str, str]]:
    """The whole trajectory, recent periods, then every contact (newest first)."""
    options = [("Het hele traject", "case")] + [(label, key) for key, (label, _months) in PERIODS.items()]
    start = trajectory_start(case, today)
    contacts = numbered_contacts(case)
    for number in range(len(contacts), 0, -1):
        contact = contacts[number - 1]
        mode = MODE_LABELS.get(contact.mode, contact.mode).lower()
        options.append((f"Contact {number} · {week_of(contact.at.date(), start)} · {mode}", f"c{number}"))
    return options


NEWEST = "newest"


def moment_options(case: Case, scope: Scope, today: date) -> list[tuple[str, str]]:
    """'The newest' first (what the method takes unasked), then every contact in the scope, newest first."""
    start = trajectory_start(case, today)
    newest = default_moment(case, scope, today)
    options = [(f"Nieuwste (contact {newest})" if newest else "Nieuwste", NEWEST)]
    for number, contact in moment_choices(case, scope, today):
        mode = MODE_LABELS.get(contact.mode, contact.mode).lower()
        options.append((f"Contact {number} · {week_of(contact.at.date(), start)} · {mode}", f"c{number}"))
    return options


def scope_of(value: str, today: date) -> Scope:
    """The Scope behind an option's value."""
    if value in PERIODS:
        months = PERIODS[value][1]
        return Scope.period(today - relativedelta(months=months), today, months=months)
    if value.startswith("c") and value[1:].isdecimal():
        return Scope.one_contact(int(value[1:]))
    return Scope()


class SummaryChoices(Vertical):
    """Compact pickers (the moment's only for a method about one moment); tells its screen when one changes."""

    class Changed(Message):
        """The method, the scope or the moment was changed."""

        def __init__(self, method: str, scope: Scope, moment: int | None = None) -> None:
            super().__init__()
            self.method = method
            self.scope = scope
            self.moment = moment

    def __init__(
        self, words: IntervisionContent, method: str, case: Case, today: date, *, id: str | None = None
    ) -> None:
        super().__init__(id=id)
        self._words = words
        self._method = method
        self._case = case
        self._today = today
        self._moments_for: Scope | None = None  # the scope the moment options were made for

    def compose(self) -> ComposeResult:
        with Horizontal(classes="iv-choice-row"):
            yield Static("Methode", classes="iv-label")
            yield Select(
                [(m.label, m.key) for m in self._words.methods],
                value=self._method,
                allow_blank=False,
                compact=True,
                id="iv-method",
            )
            yield Static("Over", classes="iv-label")
            yield Select(
                scope_options(self._case, self._today), value="case", allow_blank=False, compact=True, id="iv-scope"
            )
        with Horizontal(classes="iv-choice-row", id="iv-moment-row"):
            yield Static("Moment", classes="iv-label")
            # Filled when the method asks for a moment: a long caseload of contacts slows the first paint.
            yield Select(
                [("Nieuwste", NEWEST)],
                value=NEWEST,
                allow_blank=False,
                compact=True,
                id="iv-moment",
            )

    def on_mount(self) -> None:
        self._show_moment()

    def _show_moment(self) -> None:
        shown = self._words.method(self.method).focus == "moment"
        self.query_one("#iv-moment-row").display = shown
        if shown and self._moments_for is None:
            self._fill_moments()

    def _fill_moments(self) -> None:
        """The moments to choose from for the current scope, the newest again by default."""
        moments = self.query_one("#iv-moment", Select)
        with moments.prevent(Select.Changed):
            moments.set_options(moment_options(self._case, self.scope, self._today))
            moments.value = NEWEST
        self._moments_for = self.scope

    @property
    def moment(self) -> int | None:
        """The contact the incident method centres on (numbered as in numbered_contacts); None: the newest."""
        value = str(self.query_one("#iv-moment", Select).value)
        return int(value[1:]) if value.startswith("c") and value[1:].isdecimal() else None

    def choose_moment(self, number: int | None) -> None:
        """Pick this contact as the moment (None: the newest)."""
        self.query_one("#iv-moment", Select).value = NEWEST if number is None else f"c{number}"

    @property
    def method(self) -> str:
        """The chosen method's key."""
        return str(self.query_one("#iv-method", Select).value)

    @property
    def scope(self) -> Scope:
        """The chosen scope."""
        return scope_of(str(self.query_one("#iv-scope", Select).value), self._today)

    def next_method(self) -> None:
        """Pick the next method (after the last, the first)."""
        keys = self._words.keys
        self.query_one("#iv-method", Select).value = keys[(keys.index(self.method) + 1) % len(keys)]

    @on(Select.Changed)
    def _changed(self, event: Select.Changed) -> None:
        event.stop()
        if event.select.id == "iv-scope":
            # Another stretch of time: the moments to choose from follow (now, or when next shown).
            self._moments_for = None
        self._show_moment()
        self.post_message(self.Changed(self.method, self.scope, self.moment))
