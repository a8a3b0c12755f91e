"""One young person's file, read-only: warm story first, then domains, network, contacts, agreements."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, TypeVar

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.css.query import NoMatches
from textual.widget import AwaitMount, Widget
from textual.widgets import Header, Static

from coach.content.model import Content
from coach.domain.agreements import own_share, own_share_by_month
from coach.domain.case_continuity import assess
from coach.domain.caseload import CaseloadEntry
from coach.domain.handover import HandoverRecord
from coach.domain.intake import Intake
from coach.domain.model import Case
from coach.domain.network import NetworkMember
from coach.domain.phases import current_phase
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
from coach.tui.widgets.body import Body
from coach.tui.widgets.coach_footer import CoachFooter
from coach.tui.widgets.contact_list import ContactList
from coach.tui.widgets.domain_scores import DomainScores
from coach.tui.widgets.intake_section import IntakeSection
from coach.tui.widgets.nazorg_panel import NazorgPanel
from coach.tui.widgets.network_list import NetworkList
from coach.tui.widgets.prepared_visit import PreparedVisit
from coach.tui.widgets.refresh import update_if_changed
from coach.tui.widgets.rhythm_strip import RhythmStrip
from coach.tui.widgets.safety_banner import SafetyBanner
from coach.tui.widgets.taper_steps import TaperSteps
from coach.tui.widgets.trajectory_sections import progress_sections, trajectory_section
from coach.tui.widgets.warm_story import WarmStory
from coach.tui.widgets.youth_header import YouthHeader

W = TypeVar("W", bound=Widget)


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
        self._lower: AwaitMount | None = None  # the sections below the first screenful, once mounting
        self._lower_mounted = asyncio.Event()
        self._showing = asyncio.Lock()  # one reload at a time: each shows what changed since the one before

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
        with Body(id="youth-body"):
            yield YouthHeader(case, self.entry, today, coach_changes=self.file.coach_changes, id="youth-header")
            yield SafetyBanner(self.file.safety, self._content, today, id="safety-banner")
            if self.file.handovers:
                yield Static(self._handover_line(), id="handover-line", markup=False)
            with Vertical(classes="section", id="warm-section"):
                yield Static("Warm verhaal", classes="section-title")
                yield WarmStory(case.warm_story, self._content.warm_kinds, case.typed_by_youth, id="warm-story")
            yield trajectory_section(case, self.file.trajectory, today)
        yield CoachFooter(compact=True)  # compact: more of the keys fit at 80 columns

    def _domain_section(self) -> Vertical:
        case, today = self.case, self._today
        return Vertical(
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
        )

    def _below_the_fold(self) -> list[Widget]:
        """The sections under the first screenful: mounted after it is painted (see on_mount)."""
        case, today, rules = self.case, self._today, self.context.rules
        return [
            self._domain_section(),
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
        if self._lower is None:
            self._lower = self.query_one("#youth-body", VerticalScroll).mount_all(self._below_the_fold())
        await self._lower
        self._lower_mounted.set()

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
        self.run_worker(self.reload(), group="reload")

    async def reload(self) -> None:
        """Read the case again from the database and show what changed, in the widgets on screen.

        Building the screen anew cost more than the coach's wait allows (#18) and lost the
        place and the focus; the sections whose data is the same are left as they are.
        """
        async with self._showing:
            file = load_youth_file(self.context, self.youth_id, self._today, opened=False)
            if file is None:
                return
            # Set before the first await: the lower sections, when mounted meanwhile, are built from it.
            shown, self.file = self.file, file
            with self.app.batch_update():  # one frame with every change, never half of them
                await self._show_top(shown, file)
                if self._lower is not None:
                    # Built from an older file when this reload came before they were mounted.
                    await self._lower_mounted.wait()
                    await self._show_lower(shown, file)
            self.check_idle()  # the batch held back this screen's update; an idle screen paints what changed
            if self.focused is None:
                self._body.focus()  # keys should keep working

    # The parts are found by id among their parent's children: a query walks all of the
    # screen's some 300 widgets, and a save asks for a dozen parts.

    @property
    def _body(self) -> VerticalScroll:
        return self.get_child_by_id("youth-body", VerticalScroll)

    def _part(self, section: str, part: str, kind: type[W]) -> W:
        return self._body.get_child_by_id(section).get_child_by_id(part, kind)

    async def _show_top(self, shown: YouthFile, file: YouthFile) -> None:
        case, today, body = file.case, self._today, self._body
        body.get_child_by_id("youth-header", YouthHeader).show(case, file.entry, today, file.coach_changes)
        body.get_child_by_id("safety-banner", SafetyBanner).show(file.safety, self._content, today)
        await self._show_handover_line()
        await self._part("warm-section", "warm-story", WarmStory).show(case.warm_story, case.typed_by_youth)
        section = body.get_child_by_id("trajectory-section")
        if (shown.case.phases, shown.trajectory) != (case.phases, file.trajectory):
            await self._replace([section], [trajectory_section(case, file.trajectory, today)])
            return
        # The same parts: the plan's steps and the way back are checked against the contacts.
        plan, release = file.trajectory.active_plan, file.trajectory.last_release
        for part in section.children:
            if isinstance(part, TaperSteps) and plan is not None:
                part.show(plan, case.contacts, today)
            elif isinstance(part, NazorgPanel):
                part.show(release, case.contacts, today)

    async def _show_handover_line(self) -> None:
        body = self._body
        found = _child(body, "handover-line")
        if not self.file.handovers:
            if found is not None:
                await found.remove()
        elif isinstance(found, Static):
            update_if_changed(found, self._handover_line())
        else:
            line = Static(self._handover_line(), id="handover-line", markup=False)
            await body.mount(line, after=body.get_child_by_id("safety-banner"))

    async def _show_lower(self, shown: YouthFile, file: YouthFile) -> None:
        case, old, today, body = file.case, shown.case, self._today, self._body
        scores = (old.assessments, old.self_assessments, shown.intake)
        if scores != (case.assessments, case.self_assessments, file.intake):
            await self._replace([body.get_child_by_id("domain-section")], [self._domain_section()])
        if (old.assessments, shown.readiness) != (case.assessments, file.readiness):
            progress = [part for part in (_child(body, "progress-section"), _child(body, "readiness-section")) if part]
            await self._replace(progress, list(progress_sections(case, file.readiness, self._content, today)))
        await body.get_child_by_id("intake-section", IntakeSection).show(file.intake, today)
        await self._part("network-section", "network", NetworkList).show(file.network)
        rhythm = self._part("contact-section", "rhythm", RhythmStrip)
        rhythm.show(case, assess(case, today, self.context.rules), today)
        await self._part("contact-section", "contacts", ContactList).show(case.contacts, today)
        self._part("contact-section", "prepared-visit", PreparedVisit).show(file.prepared_for, today)
        await self._show_agreements()

    async def _show_agreements(self) -> None:
        case, today = self.case, self._today
        agreements = self._part("agreement-section", "agreements", AgreementList)
        await agreements.show(case.agreements, today, self.file.agreement_owners)
        self._part("agreement-section", "agreement-share", AgreementShare).show(
            own_share(case.agreements, today),
            own_share_by_month(case.agreements, today),
            case.youth.nickname or case.youth.first_name,
        )

    async def _replace(self, old: list[Widget], new: list[Widget]) -> None:
        """Put the `new` sections where the `old` ones stand."""
        body = self._body
        focused = self.focused
        at = body.children.index(old[0])
        await body.remove_children(old)
        if at < len(body.children):
            await body.mount_all(new, before=at)
        else:
            await body.mount_all(new)
        if focused is not None and not focused.is_attached:
            body.focus()  # it was in a section built again; the keys keep working from the top

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
        async with self._showing:
            self.case.agreements = [stored if a.id == agreement_id else a for a in self.case.agreements]
            await self._show_agreements()

    def _domains_title(self) -> str:
        dates = [item.date for item in self.case.assessments if item.score is not None]
        if not dates:
            return "Leefgebieden · j: samen invullen"
        return f"Leefgebieden · laatst gescoord {short_date(max(dates), self._today)} · j: samen invullen"


def _child(parent: Widget, child_id: str) -> Widget | None:
    """The child of `parent` with this id, if there is one."""
    try:
        return parent.get_child_by_id(child_id)
    except NoMatches:
        return None
