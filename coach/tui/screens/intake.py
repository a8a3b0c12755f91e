"""The conversational intake: the warm story first, then the 13 domains, every word saved as it is typed."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.content import Content
from textual.widget import Widget
from textual.widgets import ContentSwitcher, Header, SelectionList, Static, TextArea

from coach import paths
from coach.content.guides import domain_section
from coach.content.model import Content as PromptContent
from coach.conversation.intake_session import SKIP_WORDS, IntakeSession
from coach.domain.intake import SECTIONS, WARM
from coach.domain.model import Case
from coach.domain.phases import current_phase
from coach.domain.self_assessment import latest_self
from coach.domain.trajectory import TrajectoryError
from coach.domain.vocabulary import Phase
from coach.store.errors import StoreError
from coach.store.sittings import IntakeSitting
from coach.store.trajectory import change_phase
from coach.tui.autosave import Autosaver
from coach.tui.context import CoachScreen
from coach.tui.dialogs.confirm import Confirm
from coach.tui.dialogs.intake_complete import CompleteIntakeDialog, complete_summary
from coach.tui.dialogs.section_picker import SectionPicker
from coach.tui.screens.safety import raise_pending, settle
from coach.tui.store_errors import report_store_error
from coach.tui.widgets.balance_meter import BalanceMeter
from coach.tui.widgets.coach_footer import CoachFooter
from coach.tui.widgets.coverage_bar import CoverageBar, legend
from coach.tui.widgets.domain_panel import PERSON_PREFIX, DomainPanel
from coach.tui.widgets.field_area import FieldArea
from coach.tui.widgets.question_box import question_content
from coach.tui.widgets.refresh import update_if_changed
from coach.tui.widgets.score_picker import ScorePicker
from coach.tui.widgets.suggestion_bar import SuggestionBar
from coach.tui.widgets.warm_panel import WarmPanel

if TYPE_CHECKING:
    from sqlite_utils import Database

WIDE = 120

# Phases in which finishing the intake means coaching starts.
BEFORE_COACHING = (Phase.AANMELDING, Phase.INTAKE)


class IntakeScreen(CoachScreen[None]):
    """Guides the coach through the conversation; Esc leaves, and it continues where it was."""

    CSS_PATH = "intake.tcss"
    BINDINGS = [
        Binding(
            "ctrl+g", "pick_section", "Ga naar", id="intake.pick", tooltip="Kies een leefgebied of het warme verhaal"
        ),
        Binding("ctrl+n", "next_question", "Vraag", id="intake.next_question", tooltip="Een andere vraag"),
        Binding("ctrl+s", "focus_score", "Score", id="intake.score", tooltip="Naar de score (dan één toets 1–5)"),
        Binding("ctrl+t", "skip", "Overslaan", id="intake.skip", tooltip="Nu niet → niet van toepassing → weer open"),
        Binding("ctrl+r", "complete", "Afronden", id="intake.complete", tooltip="Bewaar als nulmeting"),
        Binding("escape", "escape", "Terug", id="intake.back"),
        # Offered in the suggestion line itself, so not repeated in the footer.
        Binding("ctrl+o", "accept", "Ja, doen", id="intake.accept", show=False, tooltip="Neem het voorstel over"),
        Binding("ctrl+down", "move(1)", "Volgende", id="intake.next_section", show=False),
        Binding("ctrl+up", "move(-1)", "Vorige", id="intake.previous_section", show=False),
    ]

    def __init__(self, db: Database, case: Case, content: PromptContent, today: date) -> None:
        super().__init__()
        self.case = case
        self.content = content
        if case.youth.id is None:
            raise ValueError("an intake belongs to a young person in the database")
        self.autosaver = Autosaver(self, self._save)
        # Reads only: a new intake is stored with its first edit.
        self.session = IntakeSession(content, IntakeSitting(db, case.youth.id, today), self.autosaver.touch)
        self.intake = self.session.intake
        self._binding_state: tuple[str, bool, bool] | None = None

    @property
    def section(self) -> str:
        """The section on screen now."""
        return self.session.section

    # --- layout ------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield Header()
        yield CoverageBar({d.key: d.short for d in self.content.domains}, id="coverage")
        yield Static(id="question")
        yield SuggestionBar(id="suggestion")
        with ContentSwitcher(id="sections"):
            yield self._panel(self.section)
        with Horizontal(id="intake-status"):
            yield Static(id="legend")
            yield BalanceMeter(id="balance")
            yield Static(id="saved")
        yield CoachFooter()

    def _panel(self, section: str) -> Widget:
        if section == WARM:
            return WarmPanel(self.intake, self.content.warm_kinds, id=f"s-{WARM}", classes="section-panel")
        own = latest_self(self.case.self_assessments).get(section)  # what they filled in themselves, if anything
        return DomainPanel(
            self.intake.domains[section],
            self.content,
            self.case.network,
            own,
            id=f"s-{section}",
            classes="section-panel",
        )

    def on_mount(self) -> None:
        self.title = f"Intake · {self.case.youth.display_name}"
        self.query_one(ContentSwitcher).current = f"s-{self.section}"
        self._focus_field(self.section, self.session.field)
        self._refresh()

    def on_unmount(self) -> None:
        # Leaving by any way (Esc, quitting the app) stores what is still waiting.
        self.autosaver.flush()

    def on_screen_suspend(self) -> None:
        self.autosaver.flush()

    # --- where the coach is --------------------------------------------------------

    def _focus_field(self, section: str, field: str | None) -> None:
        panel = self.query_one(f"#s-{section}")
        target: Widget | None = None
        if field:
            found = panel.query(f"#f-{section}-{field}")
            target = found.first() if found else None
            if target is None and field in ("score", "youth_score", "carriers"):
                target = self._choice_widget(panel, field)
        fields = panel.query(FieldArea)
        first = fields.first() if fields else None
        target = target or first
        if target is None:
            return
        # Scrolling is left to us, not to focus(): on a section's first field the panel opens at its
        # top (the domain's intro stays in view), elsewhere just far enough to show the field. Either
        # way the same place every time, however quickly the new panel was laid out.
        if isinstance(target, FieldArea):
            target.focus_at_end(scroll_visible=False)
        else:
            target.focus(scroll_visible=False)
        if target is first:
            panel.scroll_home(animate=False, immediate=True)
        else:
            target.scroll_visible(animate=False)

    @staticmethod
    def _choice_widget(panel: Widget, field: str) -> Widget | None:
        selector = {"score": ".coach-score", "youth_score": ".youth-score", "carriers": ".carriers"}[field]
        found = panel.query(selector)
        return found.first() if found else None

    async def go_to(self, section: str, field: str | None = None) -> None:
        """Show a section (mounting it the first time) and focus its field."""
        if section not in SECTIONS:
            return
        self.autosaver.flush()
        switcher = self.query_one(ContentSwitcher)
        if not switcher.query(f"#s-{section}"):
            await switcher.mount(self._panel(section))
        switcher.current = f"s-{section}"
        self.session.go_to(section, field)
        self._focus_field(section, field)
        self._refresh()

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        widget = event.widget
        field = None
        if isinstance(widget, FieldArea):
            field = widget.field
        elif isinstance(widget, ScorePicker):
            field = "youth_score" if widget.has_class("youth-score") else "score"
        elif isinstance(widget, SelectionList):
            field = "carriers"
        if field is not None and self.session.focus_moved(field):
            self._refresh()

    # --- typing and choosing --------------------------------------------------------

    @on(TextArea.Changed)
    def _text_changed(self, event: TextArea.Changed) -> None:
        area = event.text_area
        if not isinstance(area, FieldArea):
            return
        if self.session.type_text(area.section, area.field, area.text):
            self._refresh(text=area.text)
            raise_pending(self, self.case.youth.id or 0, self.case.youth.display_name, "intake", self.session.safety)

    @on(ScorePicker.Changed)
    def _score_changed(self, event: ScorePicker.Changed) -> None:
        event.stop()
        self.session.set_score(event.score, youth=event.picker.has_class("youth-score"))
        panel = self.query_one(f"#s-{self.section}", DomainPanel)
        panel.show_difference()
        self._refresh()

    @on(SelectionList.SelectedChanged)
    def _carriers_changed(self, event: SelectionList.SelectedChanged[str]) -> None:
        event.stop()
        chosen = [str(value) for value in event.selection_list.selected]
        kinds = tuple(value for value in chosen if not value.startswith(PERSON_PREFIX))
        names = tuple(value[len(PERSON_PREFIX) :] for value in chosen if value.startswith(PERSON_PREFIX))
        self.session.set_carriers(kinds, names)
        self._refresh()

    def _save(self) -> None:
        youth, text = self.case.youth, self.session.text(self.section, self.session.field or "")
        settle(self, youth.id or 0, youth.display_name, "intake", self.session.safety, text)
        try:
            saved = self.session.save()
        except StoreError:
            # Keep the edits and try again shortly: a locked or busy file is usually gone in a moment.
            self.notify("Opslaan lukte even niet; coach probeert het zo opnieuw.", severity="warning")
            self.autosaver.touch()
            return
        if saved is None:
            return
        if saved.rejected:
            self.notify(f"Niet opgeslagen: {saved.rejected}.", severity="error")
        if self.query("#saved"):
            self._show("#saved", Content.from_markup("[$text-success]✓[/] opgeslagen"))

    # --- what the assistant shows --------------------------------------------------

    def _refresh(self, text: str | None = None) -> None:
        """Coverage, question, suggestion and balance after any change (only what changed is redrawn)."""
        session = self.session
        coverage = self.intake.coverage()
        self.query_one(CoverageBar).show(coverage, self.section, self.intake.warm_told)
        self._show("#legend", legend(coverage, compact=self.size.width < WIDE))
        self.query_one(BalanceMeter).show(session.tracker.balance)
        self._show("#question", question_content(*session.question()))
        if text is None:
            text = session.text(self.section, session.field or "")
        self.query_one(SuggestionBar).offer(session.offer(text))
        if session.unsaved_edits:
            self._show("#saved", Content.from_markup("[$foreground-muted]•[/] bewaren…"))
        # Redrawing the footer is costly: only when what it offers changes.
        state = (self.section, session.suggestion is not None, session.completed)
        if state != self._binding_state:
            self._binding_state = state
            self.refresh_bindings()

    def _show(self, selector: str, content: Content) -> None:
        update_if_changed(self.query_one(selector, Static), content)

    def help_target(self) -> tuple[str, str | None]:
        """The handbook page (and section) for what is on screen now."""
        if self.section == WARM:
            return "warm-verhaal.md", None
        try:
            return domain_section(paths.guides_dir(), self.section)
        except (KeyError, FileNotFoundError):
            return "intake.md", None

    # --- actions ---------------------------------------------------------------------

    def action_next_question(self) -> None:
        """Offer the next question of this section (or warm kind)."""
        self.session.next_question()
        self._refresh()

    def action_pick_section(self) -> None:
        """Open the list of sections to jump to."""

        async def chosen(key: str | None) -> None:
            if key is not None:
                await self.go_to(key)

        self.app.push_screen(SectionPicker(self.session.section_choices(), self.section), chosen)

    async def action_move(self, step: int) -> None:
        """To the next (or previous) section in the fixed order."""
        target = self.session.step(step)
        if target is not None:
            await self.go_to(target)

    async def action_accept(self) -> None:
        """Take the suggestion: talk about the named domain, or ask the warm question."""
        target = self.session.accept()
        if target is not None:
            await self.go_to(*target)

    def action_focus_score(self) -> None:
        """Jump to the coach's score: then one key 1–5 sets it."""
        if self.session.can_score:
            self.query_one(f"#score-{self.section}", ScorePicker).focus()

    def action_skip(self) -> None:
        """Cycle the domain: nu niet → niet van toepassing → open again."""
        if not self.session.can_score:
            return
        skip = self.session.skip()
        self.query_one(f"#s-{self.section}", DomainPanel).show_skip(skip)
        self.notify(f"{self.session.conversation.label(self.section)}: {SKIP_WORDS[skip]}.", timeout=2)
        self._refresh()

    def action_escape(self) -> None:
        """Put a suggestion away first; otherwise leave (everything is saved)."""
        if self.session.put_away():
            self._refresh()
            return
        self.autosaver.flush()
        self.dismiss()

    def action_complete(self) -> None:
        """Ask, then close the intake and store it as the baseline with today's date."""
        self.autosaver.flush()
        if self.session.completed:
            self.notify("Deze intake is al afgerond; wat je nu wijzigt, komt ook in de nulmeting.", timeout=4)
            return
        signals = [
            f"{self.content.domain(s.domain).label} ('{s.typed}')"
            for s in self.session.conversation.unfollowed(self.intake)
        ]
        summary = complete_summary(self.intake, signals)

        def done(confirmed: bool | None) -> None:
            if not confirmed:
                return
            stored = self.session.complete()
            self.notify(f"Intake afgerond: {stored} leefgebieden in de nulmeting.", timeout=4)
            phase = current_phase(self.case.phases)
            if phase not in BEFORE_COACHING:
                self.dismiss()
                return
            # The intake is done, so coaching starts: without this the header kept saying "Aanmelding".
            question = (
                f"De fase staat nog op {Phase(phase).label.lower()}. "
                "Nu de intake af is: vanaf vandaag naar begeleiding?"
            )
            self.app.push_screen(Confirm(question, yes="Ja, begeleiding", no="Nee, zo laten"), self._to_coaching)

        self.app.push_screen(CompleteIntakeDialog(summary), done)

    def _to_coaching(self, sure: bool | None) -> None:
        """Move the trajectory on to begeleiding (through intake, from an aanmelding) in one transaction."""
        if sure:
            db, youth_id, today = self.context.database, self.case.youth.id, self.context.today
            assert youth_id is not None
            try:
                with db.atomic():
                    if current_phase(self.case.phases) == Phase.AANMELDING:
                        change_phase(db, youth_id, Phase.INTAKE, today, today)
                    change_phase(db, youth_id, Phase.BEGELEIDING, today, today, "Intake afgerond.")
            except TrajectoryError as error:
                self.notify(str(error), severity="error")
            except StoreError as error:
                report_store_error(self.app, error, kept="De intake is afgerond; de fase is niet veranderd.")
            else:
                self.notify("De begeleiding is begonnen.", timeout=4)
        self.dismiss()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("focus_score", "skip") and not self.session.can_score:
            return False
        if action == "accept" and self.is_mounted and self.session.suggestion is None:
            return False
        if action == "complete" and self.session.completed:
            return False
        return True
