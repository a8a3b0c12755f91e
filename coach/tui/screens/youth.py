"""One young person's file, read-only: warm story first, then domains, network, contacts, agreements."""

from __future__ import annotations

from datetime import date

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Header, Static

from coach.content.model import Content
from coach.domain.agreements import own_share, own_share_by_month
from coach.domain.caseload import CaseloadEntry
from coach.domain.continuity import assess
from coach.domain.model import Case
from coach.store.agreements import set_agreement_status
from coach.store.caseload import caseload_entry
from coach.store.cases import load_case
from coach.store.intake import latest_intake
from coach.tui import trajectory_flow
from coach.tui.formatting import short_date
from coach.tui.screens.confirm import Confirm
from coach.tui.screens.contact_entry import open_contact_entry
from coach.tui.widgets.agreement_list import AgreementList
from coach.tui.widgets.agreement_share import AgreementShare
from coach.tui.widgets.contact_list import ContactList
from coach.tui.widgets.domain_scores import DomainScores
from coach.tui.widgets.intake_section import IntakeSection
from coach.tui.widgets.network_list import NetworkList
from coach.tui.widgets.rhythm_strip import RhythmStrip
from coach.tui.widgets.trajectory_sections import progress_sections, trajectory_section
from coach.tui.widgets.warm_story import WarmStory
from coach.tui.widgets.youth_header import YouthHeader


class YouthScreen(Screen):
    """The young person's screen; Esc goes back to where the coach came from."""

    CSS_PATH = ["youth.tcss", "trajectory.tcss"]  # the trajectory's widgets show on this screen too
    # The keys that no section title names come first: at 80 columns the footer cuts off
    # the last ones, and those (p, m, a) are named in the titles of their sections.
    BINDINGS = [
        Binding("escape", "back", "Terug", id="youth.back", tooltip="Terug naar de caseload"),
        Binding("c", "log_contact", "Contact", id="youth.log_contact", tooltip="Leg een contactmoment vast"),
        Binding(
            "i", "intake", "Intake", id="youth.intake", tooltip="Het intakegesprek: warm verhaal en 13 leefgebieden"
        ),
        Binding("v", "visit", "Bezoek", id="youth.visit", tooltip="Bereid het volgende bezoek voor en houd het"),
        Binding(
            "s",
            "intervision",
            "Intervisie",
            id="youth.intervision",
            tooltip="Samenvatting voor intervisie: zonder namen, met je leervraag",
        ),
        Binding("l", "audit", "Logboek", id="youth.audit", tooltip="Wat er in dit dossier is veranderd, en wanneer"),
        Binding("p", "phase", "Fase", id="youth.phase", tooltip="Fase wijzigen: afbouw, loslaten, heropenen"),
        Binding("m", "measure", "Meting", id="youth.measure", tooltip="Vervolgmeting: de leefgebieden opnieuw scoren"),
        Binding("a", "release", "Loslaten", id="youth.release", tooltip="Klaar om los te laten? Checklist en besluit"),
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
            yield trajectory_section(self.app.db, case, today)
            with Vertical(classes="section", id="domain-section"):
                yield Static(self._domains_title(), classes="section-title")
                yield DomainScores(case.assessments, self._content, id="domain-scores")
            yield from progress_sections(self.app.db, case, self._content, today)
            yield IntakeSection(
                latest_intake(self.app.db, case.youth.id), self._content, today, classes="section", id="intake-section"
            )
            with Vertical(classes="section", id="network-section"):
                yield Static("Netwerk", classes="section-title")
                yield NetworkList(case.network, id="network")
            with Vertical(classes="section", id="contact-section"):
                yield Static("Contactmomenten", classes="section-title")
                yield RhythmStrip(case, assess(case, today, self.app.rules), today, self.app.rules, id="rhythm")
                yield ContactList(case.contacts, today, id="contacts")
            with Vertical(classes="section", id="agreement-section"):
                yield Static("Afspraken · Tab kiest er een, spatie: gedaan, d: vervallen", classes="section-title")
                yield AgreementList(case.agreements, today, id="agreements")
                yield AgreementShare(
                    own_share(case.agreements, today),
                    own_share_by_month(case.agreements, today),
                    case.youth.nickname or case.youth.first_name,
                    id="agreement-share",
                )
        yield Footer(compact=True)  # compact: more of the keys fit at 80 columns

    def on_mount(self) -> None:
        self.query_one("#youth-body").focus()

    def action_back(self) -> None:
        self.dismiss()

    def action_measure(self) -> None:
        """Score the domains again, starting from the last scores."""
        trajectory_flow.start_measurement(self)

    def action_phase(self) -> None:
        """Change the phase: afbouw proposes a plan, nazorg asks for the decision to let go."""
        trajectory_flow.start_phase_change(self)

    def action_release(self) -> None:
        """Readiness to let go: the evidence, the checklist, and the decision."""
        trajectory_flow.start_release(self)

    def action_audit(self) -> None:
        """Show the audit trail of this file: what changed and when, not the content."""
        from coach.store.audit import audit_for_youth
        from coach.tui.screens.audit import AuditScreen

        youth = self.case.youth
        name = " ".join(part for part in (youth.nickname or youth.first_name, youth.last_name) if part)
        self.app.push_screen(AuditScreen(name, audit_for_youth(self.app.db, self.youth_id)))

    def action_log_contact(self) -> None:
        """Open the contact form; after saving, show the case as it is now."""
        if self.youth_id is not None:
            open_contact_entry(self.app, self.youth_id, lambda _id: self.run_worker(self.reload(), exclusive=True))

    def action_intake(self) -> None:
        """Open (or continue) the intake; afterwards show the case as it is now."""
        from coach.tui.screens.intake import IntakeScreen

        screen = IntakeScreen(self.app.db, self.case, self._content, self._today)
        self.app.push_screen(screen, lambda _result: self.run_worker(self.reload(), exclusive=True))

    def action_visit(self) -> None:
        """Prepare (or continue) today's visit; afterwards show the case as it is now."""
        from coach.tui.screens.visit_prep import VisitPrepScreen

        screen = VisitPrepScreen(self.app.db, self.case, self._content, self._today)
        self.app.push_screen(screen, lambda _result: self.run_worker(self.reload(), exclusive=True))

    def action_intervision(self) -> None:
        """Make the anonymised summary for intervision and review it before sharing."""
        from coach.tui.screens.intervision import IntervisionScreen

        self.app.push_screen(IntervisionScreen(self.case, self._content, self._today))

    async def reload(self) -> None:
        """Read the case again from the database and show it."""
        db = self.app.db
        case = load_case(db, self.youth_id) if self.youth_id is not None else None
        entry = caseload_entry(db, self.youth_id, self._today, self.app.rules) if case is not None else None
        if case is None or entry is None:
            return
        self.case, self.entry = case, entry
        await self.recompose()
        self.query_one("#youth-body").focus()  # recompose drops the focus; keys should keep working

    def on_agreement_list_status_chosen(self, message: AgreementList.StatusChosen) -> None:
        """Store a done / reopened agreement at once; ask before dropping one."""
        agreement = message.agreement
        if message.status != "vervallen":
            self.run_worker(self._mark(agreement.id, message.status), exclusive=True, group="agreements")
            return

        def answered(sure: bool | None) -> None:
            if sure:
                self.run_worker(self._mark(agreement.id, "vervallen"), exclusive=True, group="agreements")

        self.app.push_screen(Confirm(f"Afspraak '{agreement.text}' laten vervallen?", yes="Ja, vervallen"), answered)

    async def _mark(self, agreement_id: int | None, status: str) -> None:
        if agreement_id is None:
            return
        stored = set_agreement_status(self.app.db, agreement_id, status, self._today)
        words = {"gedaan": "Gedaan", "vervallen": "Vervallen", "open": "Weer open"}
        self.notify(f"{words[status]}: {stored.text}")
        self.case.agreements = [stored if a.id == agreement_id else a for a in self.case.agreements]
        await self.query_one(AgreementList).show(self.case.agreements, self._today)
        self.query_one(AgreementShare).show(
            own_share(self.case.agreements, self._today),
            own_share_by_month(self.case.agreements, self._today),
            self.case.youth.nickname or self.case.youth.first_name,
        )

    def _domains_title(self) -> str:
        dates = [item.date for item in self.case.assessments if item.score is not None]
        if not dates:
            return "Leefgebieden"
        return f"Leefgebieden · laatst gescoord {short_date(max(dates), self._today)}"
