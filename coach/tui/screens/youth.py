"""One young person's file, read-only: warm story first, then domains, network, contacts, agreements."""

from __future__ import annotations

from datetime import date

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Header, Static

from coach.domain.caseload import CaseloadEntry
from coach.domain.domains import Content
from coach.domain.model import Case
from coach.tui.formatting import short_date
from coach.tui.widgets.agreement_list import AgreementList
from coach.tui.widgets.contact_list import ContactList
from coach.tui.widgets.domain_scores import DomainScores
from coach.tui.widgets.network_list import NetworkList
from coach.tui.widgets.warm_story import WarmStory
from coach.tui.widgets.youth_header import YouthHeader


class YouthScreen(Screen):
    """The young person's screen; Esc goes back to where the coach came from."""

    BINDINGS = [
        Binding("escape", "back", "Terug", id="youth.back", tooltip="Terug naar de caseload"),
    ]

    def __init__(self, case: Case, entry: CaseloadEntry, today: date, content: Content) -> None:
        super().__init__()
        self.case = case
        self.entry = entry
        self._today = today
        self._content = content

    @property
    def youth_id(self) -> int | None:
        """The id of the young person shown."""
        return self.case.youth.id

    def compose(self) -> ComposeResult:
        case, today = self.case, self._today
        yield Header()
        with VerticalScroll(id="youth-body"):
            yield YouthHeader(case, self.entry, today, id="youth-header")
            with Vertical(classes="section", id="warm-section"):
                yield Static("Warm verhaal", classes="section-title")
                yield WarmStory(case.warm_story, self._content.warm_kinds, id="warm-story")
            with Vertical(classes="section", id="domain-section"):
                yield Static(self._domains_title(), classes="section-title")
                yield DomainScores(case.assessments, self._content, id="domain-scores")
            with Vertical(classes="section", id="network-section"):
                yield Static("Netwerk", classes="section-title")
                yield NetworkList(case.network, id="network")
            with Vertical(classes="section", id="contact-section"):
                yield Static("Contactmomenten", classes="section-title")
                yield ContactList(case.contacts, today, id="contacts")
            with Vertical(classes="section", id="agreement-section"):
                yield Static("Afspraken", classes="section-title")
                yield AgreementList(case.agreements, today, id="agreements")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#youth-body").focus()

    def action_back(self) -> None:
        self.dismiss()

    def _domains_title(self) -> str:
        dates = [item.date for item in self.case.assessments if item.score is not None]
        if not dates:
            return "Leefgebieden"
        return f"Leefgebieden · laatst gescoord {short_date(max(dates), self._today)}"
