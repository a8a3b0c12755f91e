"""One young person's file, read-only: warm story first, then domains, network, contacts, agreements."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.widget import Widget
from textual.widgets import Header, Static

from coach.content.model import Content
from coach.domain.agreements import own_share, own_share_by_month
from coach.domain.caseload import CaseloadEntry
from coach.domain.continuity import assess
from coach.domain.handover import HandoverRecord
from coach.domain.intake import Intake
from coach.domain.model import Case, current_phase
from coach.domain.network import NetworkMember
from coach.domain.registration import CoachChange
from coach.domain.release import Criterion
from coach.domain.safe_text import visible_in
from coach.domain.safety import SafetyState
from coach.domain.trajectory import READINESS_PHASES, TrajectoryRecord
from coach.reports.readiness import case_readiness, readiness_basics
from coach.store.agreement_edits import owner_names
from coach.store.agreements import set_agreement_status
from coach.store.audit import record_access
from coach.store.caseload import caseload_entry
from coach.store.cases import load_case
from coach.store.handover import handovers_of
from coach.store.intake import latest_intake
from coach.store.network import network_of
from coach.store.registration import coach_changes_of
from coach.store.release import release_facts
from coach.store.safety import safety_state
from coach.store.trajectory import load_trajectory
from coach.store.visits import prepared_for
from coach.tui import trajectory_flow
from coach.tui.context import CoachContext, CoachScreen
from coach.tui.dialogs.agreement_edit import open_agreement
from coach.tui.dialogs.confirm import Confirm
from coach.tui.formatting import short_date
from coach.tui.handover_commands import HandoverCommands
from coach.tui.help import HelpTarget
from coach.tui.screens.contact_entry import open_contact_entry
from coach.tui.screens.measurement import MeasurementScreen
from coach.tui.screens.release import ReleaseScreen, load_release_file
from coach.tui.screens.safety import open_safety
from coach.tui.widgets.agreement_list import AgreementList
from coach.tui.widgets.agreement_share import AgreementShare
from coach.tui.widgets.coach_footer import CoachFooter
from coach.tui.widgets.contact_list import ContactList
from coach.tui.widgets.domain_scores import DomainScores
from coach.tui.widgets.intake_section import IntakeSection
from coach.tui.widgets.network_list import NetworkList
from coach.tui.widgets.prepared_visit import PreparedVisit
from coach.tui.widgets.rhythm_strip import RhythmStrip
from coach.tui.widgets.safety_banner import SafetyBanner
from coach.tui.widgets.trajectory_sections import progress_sections, trajectory_section
from coach.tui.widgets.warm_story import WarmStory
from coach.tui.widgets.youth_header import YouthHeader


@dataclass
class YouthFile:
    """Everything the young person's screen shows, read in one go."""

    case: Case
    entry: CaseloadEntry
    trajectory: TrajectoryRecord
    intake: Intake | None
    readiness: list[Criterion] | None  # None: not in a phase where readiness is shown
    network: list[NetworkMember]
    coach_changes: list[CoachChange] = field(default_factory=list)  # oldest first
    agreement_owners: dict[int, str] = field(default_factory=dict)  # afspraak id → the network person doing it
    prepared_for: datetime | None = None  # a visit prepared (v) and not yet completed
    safety: SafetyState = field(default_factory=SafetyState)  # open concerns and acute scores, for the banner
    handovers: list[HandoverRecord] = field(default_factory=list)  # dossiers made, case sent or received; oldest first


def load_youth_file(context: CoachContext, youth_id: int, today: date, *, opened: bool = True) -> YouthFile | None:
    """Read one young person's file as of `today`; None when they are no longer in the database.

    Opening the file is a read of the case and goes in the audit trail (who, when; never what);
    a reload after the coach's own change (opened=False) is not a new read.
    """
    db = context.database
    # Text from a case can hold terminal escapes, which Textual passes to the terminal as they are.
    case = visible_in(load_case(db, youth_id))
    entry = visible_in(caseload_entry(db, youth_id, today, context.rules)) if case is not None else None
    if case is None or entry is None:
        return None
    if opened:
        record_access(db, "app", youth_id)
    readiness = None
    if current_phase(case.phases) in READINESS_PHASES:
        facts = release_facts(db, youth_id, readiness_basics(context.content))
        readiness = case_readiness(case, facts, context.content, today)
    return YouthFile(
        case,
        entry,
        load_trajectory(db, youth_id),
        latest_intake(db, youth_id),
        readiness,
        network=visible_in(network_of(db, youth_id)),
        coach_changes=coach_changes_of(db, youth_id),
        agreement_owners=owner_names(db, youth_id),
        prepared_for=prepared_for(db, youth_id),
        safety=safety_state(db, youth_id),
        handovers=visible_in(handovers_of(db, youth_id)),
    )


class YouthScreen(CoachScreen[None]):
    """The young person's screen; Esc goes back to where the coach came from."""

    HELP_TARGET: HelpTarget = ("app.md", "het-scherm-van-een-jongere")

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
        # Named in the header ("g: gegevens"), as the footer is full at 80 columns.
        Binding("g", "details", "Gegevens", id="youth.details", show=False, tooltip="Gegevens bekijken en wijzigen"),
        Binding("n", "network", "Netwerk", id="youth.network", show=False, tooltip="Het netwerk: toevoegen, wijzigen"),
        Binding("f", "agreement", "Afspraak", id="youth.agreement", show=False, tooltip="Een nieuwe afspraak"),
        Binding("z", "safety", "Zorg/veiligheid", id="youth.safety", tooltip="Meldcode-stappen en de nummers"),
        # Named in the handover line and the palette ("Overdracht"), as the footer is full at 80 columns.
        Binding(
            "o",
            "handover",
            "Overdracht",
            id="youth.handover",
            show=False,
            tooltip="Een warm overdrachtsdossier maken, met toestemming van de jongere",
        ),
        # Named in the title of the domains ("j: samen invullen"), as the footer is full at 80 columns.
        Binding(
            "j",
            "samen",
            "Samen",
            id="youth.samen",
            show=False,
            tooltip="Samen invullen: de laptop naar de jongere, die zelf de leefgebieden invult",
        ),
    ]
    COMMANDS = {HandoverCommands}

    def __init__(self, file: YouthFile, today: date, content: Content) -> None:
        super().__init__()
        self.file = file
        self._today = today
        self._content = content

    @property
    def case(self) -> Case:
        """The young person's case as last read."""
        return self.file.case

    @property
    def entry(self) -> CaseloadEntry:
        """Their caseload line as last read (phase, last contact, continuity)."""
        return self.file.entry

    @property
    def youth_id(self) -> int:
        """The id of the young person shown."""
        return self.file.entry.id

    def help_target(self) -> HelpTarget:
        """The handbook's section on this screen."""
        return self.HELP_TARGET

    def compose(self) -> ComposeResult:
        case, today = self.case, self._today
        yield Header()
        with VerticalScroll(id="youth-body"):
            yield YouthHeader(case, self.entry, today, coach_changes=self.file.coach_changes, id="youth-header")
            yield SafetyBanner(self.file.safety, self._content, today, id="safety-banner")
            if self.file.handovers:
                yield Static(self._handover_line(), id="handover-line", markup=False)
            with Vertical(classes="section", id="warm-section"):
                yield Static("Warm verhaal", classes="section-title")
                yield WarmStory(case.warm_story, self._content.warm_kinds, case.typed_by_youth, id="warm-story")
            yield trajectory_section(case, self.file.trajectory, today)
        yield CoachFooter(compact=True)  # compact: more of the keys fit at 80 columns

    def _below_the_fold(self) -> list[Widget]:
        """The sections under the first screenful: mounted after it is painted (see on_mount)."""
        case, today, rules = self.case, self._today, self.context.rules
        return [
            Vertical(
                Static(self._domains_title(), classes="section-title"),
                DomainScores(
                    case.assessments,
                    self._content,
                    self.file.intake,
                    own=case.self_assessments,
                    own_date=short_date(case.self_assessments[-1].date, today) if case.self_assessments else "",
                    id="domain-scores",
                ),
                classes="section",
                id="domain-section",
            ),
            *progress_sections(case, self.file.readiness, self._content, today),
            IntakeSection(self.file.intake, self._content, today, classes="section", id="intake-section"),
            Vertical(
                Static("Netwerk · n: toevoegen of wijzigen", classes="section-title"),
                NetworkList(self.file.network, id="network"),
                classes="section",
                id="network-section",
            ),
            Vertical(
                Static("Contactmomenten · Tab kiest er een, Enter opent het", classes="section-title"),
                RhythmStrip(case, assess(case, today, rules), today, rules, id="rhythm"),
                ContactList(case.contacts, today, id="contacts"),
                PreparedVisit(self.file.prepared_for, today, id="prepared-visit"),
                classes="section",
                id="contact-section",
            ),
            Vertical(
                Static("Afspraken · f: nieuw · Enter: openen · spatie: gedaan · d: vervallen", classes="section-title"),
                AgreementList(case.agreements, today, self.file.agreement_owners, id="agreements"),
                AgreementShare(
                    own_share(case.agreements, today),
                    own_share_by_month(case.agreements, today),
                    case.youth.nickname or case.youth.first_name,
                    id="agreement-share",
                ),
                classes="section",
                id="agreement-section",
            ),
        ]

    async def _mount_below_the_fold(self) -> None:
        if self.query("#domain-section"):
            return  # mounted already (an earlier call, before a reload, came later than it)
        await self.query_one("#youth-body", VerticalScroll).mount_all(self._below_the_fold())

    def on_mount(self) -> None:
        self.query_one("#youth-body").focus()
        # Every widget costs styling and layout; the file of a young person holds some 170. The first
        # screenful is painted with the top sections only, the rest is mounted right after it.
        self.call_after_refresh(self._mount_below_the_fold)

    def action_back(self) -> None:
        self.dismiss()

    def action_measure(self) -> None:
        """Score the domains again, starting from the last scores; afterwards show the case as it is now."""
        context = self.context
        screen = MeasurementScreen(self.case, context.content, context.today)
        self.app.push_screen(screen, self._back_if_changed)

    def action_handover(self) -> None:
        """The warm handover: choose the consent, review the overdrachtsdossier and save it."""
        from coach.tui.screens.handover import open_handover

        open_handover(self, self.youth_id, self._back_if_changed)

    def _handover_line(self) -> str:
        # Only the newest: where the case came from or went to last is what the coach needs to see.
        return f"{self.file.handovers[-1].line()} · o: overdracht"

    def action_safety(self) -> None:
        """Zorg en veiligheid: the meldcode steps for an open concern, or open one."""
        open_safety(self, self.youth_id, self.case.youth.display_name, done=self._back_if_changed)

    def action_phase(self) -> None:
        """Change the phase: afbouw proposes a plan, nazorg asks for the decision to let go."""
        trajectory_flow.start_phase_change(self)

    def action_release(self) -> None:
        """Readiness to let go: the evidence, the checklist, and the decision."""
        context = self.context
        file = load_release_file(context.database, self.case, context.content, context.today)
        screen = ReleaseScreen(self.case, file, context.content, context.today)
        self.app.push_screen(screen, self._back_if_changed)

    def action_audit(self) -> None:
        """Show the audit trail of this file: what changed and when, not the content."""
        from coach.store.audit import audit_for_youth
        from coach.tui.screens.audit import AuditScreen

        youth = self.case.youth
        name = " ".join(part for part in (youth.nickname or youth.first_name, youth.last_name) if part)
        self.app.push_screen(AuditScreen(name, audit_for_youth(self.context.database, self.youth_id)))

    def action_details(self) -> None:
        """Open the Gegevens form; after a change, show the case as it is now."""
        from coach.tui.screens.registration import open_details

        open_details(self, self.youth_id, lambda _id: self.reload_soon())

    def action_log_contact(self) -> None:
        """Open the contact form; after saving, show the case as it is now."""
        open_contact_entry(self, self.youth_id, lambda _id: self.reload_soon())

    def action_network(self) -> None:
        """The network, mapped: add, change or remove people; afterwards show the case as it is now."""
        from coach.tui.screens.network import NetworkScreen

        youth = self.case.youth
        screen = NetworkScreen(self.youth_id, youth.nickname or youth.first_name, list(self.file.network))
        self.app.push_screen(screen, self._back_if_changed)

    def on_network_list_open_requested(self) -> None:
        self.action_network()

    def action_intake(self) -> None:
        """Open (or continue) the intake; afterwards show the case as it is now."""
        from coach.tui.screens.intake import IntakeScreen

        screen = IntakeScreen(self.context.database, self.case, self._content, self._today)
        self.app.push_screen(screen, self._back_from)

    def action_visit(self) -> None:
        """Prepare (or continue) today's visit; afterwards show the case as it is now."""
        from coach.tui.screens.visit_prep import VisitPrepScreen

        screen = VisitPrepScreen(self.context.database, self.case, self._content, self._today)
        self.app.push_screen(screen, self._back_from)

    def action_samen(self) -> None:
        """Turn the laptop around: the young person fills in their own answers; afterwards show the case as it is now."""
        from coach.tui.screens.samen import open_samen

        open_samen(self, self.case, self._content, self._today, self._back_from)

    def action_intervision(self) -> None:
        """Make the anonymised summary for intervision and review it before sharing."""
        from coach.tui.screens.intervision import IntervisionScreen

        self.app.push_screen(IntervisionScreen(self.case, self._content, self._today))

    def _back_from(self, _result: Any) -> None:
        self.reload_soon()

    def _back_if_changed(self, changed: bool | None) -> None:
        if changed:
            self.reload_soon()

    def reload_soon(self) -> None:
        """Read and show the case again, in a worker (after another screen wrote to it)."""
        self.run_worker(self.reload(), exclusive=True)

    async def reload(self) -> None:
        """Read the case again from the database and show it."""
        file = load_youth_file(self.context, self.youth_id, self._today, opened=False)
        if file is None:
            return
        self.file = file
        await self.recompose()
        self.query_one("#youth-body").focus()  # recompose drops the focus; keys should keep working
        self.call_after_refresh(self._mount_below_the_fold)  # the rest after the first paint, as on opening

    def on_contact_list_opened(self, message: ContactList.Opened) -> None:
        """Open the chosen contact in full; after a change, show the case as it is now."""
        from coach.tui.screens.contact_view import open_contact_view

        open_contact_view(self, message.contact_id, self.case.youth.display_name, self.reload_soon)

    def action_agreement(self, agreement_id: int | None = None) -> None:
        """A new afspraak (f), or one opened (Enter / a click) to change or mark; afterwards show the case as it is now."""
        open_agreement(self, self.case, self._today, self.reload_soon, agreement_id)

    def on_agreement_list_opened(self, message: AgreementList.Opened) -> None:
        self.action_agreement(message.agreement.id)

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
        stored = set_agreement_status(self.context.database, agreement_id, status, self._today)
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
            return "Leefgebieden · j: samen invullen"
        return f"Leefgebieden · laatst gescoord {short_date(max(dates), self._today)} · j: samen invullen"
