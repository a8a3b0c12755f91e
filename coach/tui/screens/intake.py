"""The conversational intake: the warm story first, then the 13 domains, every word saved as it is typed."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.content import Content
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import ContentSwitcher, Footer, Header, SelectionList, Static, TextArea

from coach import paths
from coach.conversation.balance import WARM as WARM_TONE
from coach.conversation.engine import Conversation, Suggestion, tone_of
from coach.domain.domains import Content as PromptContent
from coach.domain.intake import NU_NIET, NVT, SECTIONS, TEXT_FIELDS, WARM, Intake
from coach.domain.model import Case
from coach.guides import domain_section
from coach.store.db import DatabaseError
from coach.store.intake import Edit, IntakeError, complete_intake, open_intake, save_edits
from coach.store.revisions import start_session
from coach.tui.autosave import Autosaver
from coach.tui.dialogs.intake_complete import CompleteIntakeDialog, complete_summary
from coach.tui.dialogs.section_picker import SectionPicker
from coach.tui.widgets.balance_meter import BalanceMeter
from coach.tui.widgets.coverage_bar import CoverageBar, legend
from coach.tui.widgets.domain_panel import PERSON_PREFIX, DomainPanel
from coach.tui.widgets.field_area import FieldArea
from coach.tui.widgets.question_box import question_content
from coach.tui.widgets.score_picker import ScorePicker
from coach.tui.widgets.suggestion_bar import SuggestionBar
from coach.tui.widgets.warm_panel import WarmPanel

if TYPE_CHECKING:
    from sqlite_utils import Database

WIDE = 120
SKIP_CYCLE = {None: NU_NIET, NU_NIET: NVT, NVT: None}
SKIP_WORDS = {NU_NIET: "nu niet", NVT: "niet van toepassing", None: "weer open"}


class IntakeScreen(Screen):
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
        self.db = db
        self.case = case
        self.content = content
        self.today = today
        self.conversation = Conversation(content)
        self.intake: Intake = open_intake(db, case.youth.id, today)
        self.session = start_session(db)
        self.tracker = self.conversation.new_tracker()
        self.section = self.intake.section
        self.field: str | None = self.intake.field
        self.questions: dict[str, int] = {self._question_key(self.section, self.field): self.intake.question}
        self.dismissed: set[str] = set()
        self.saved_count = 0
        self._dirty: dict[tuple[str, str], object] = {}
        self._position_dirty = False
        self._texts: dict[tuple[str, str], str] = {}
        self.autosaver = Autosaver(self, self._save)
        self._shown: dict[str, Content] = {}
        self._binding_state: tuple | None = None
        for kind, answer in self.intake.warm.items():
            self._texts[(WARM, kind)] = answer.text
            self.tracker.load(f"{WARM}.{kind}", answer.text, WARM_TONE)
        for key, entry in self.intake.domains.items():
            for name in TEXT_FIELDS:
                self._texts[(key, name)] = getattr(entry, name)
                self.tracker.load(f"{key}.{name}", getattr(entry, name), tone_of(key, name))

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
        yield Footer()

    def _panel(self, section: str) -> Widget:
        if section == WARM:
            return WarmPanel(self.intake, self.content.warm_kinds, id=f"s-{WARM}", classes="section-panel")
        return DomainPanel(
            self.intake.domains[section], self.content, self.case.network, id=f"s-{section}", classes="section-panel"
        )

    def on_mount(self) -> None:
        self.title = f"Intake · {self.case.youth.display_name}"
        self.query_one(ContentSwitcher).current = f"s-{self.section}"
        self._focus_field(self.section, self.field)
        self._refresh()

    def on_unmount(self) -> None:
        # Leaving by any way (Esc, quitting the app) stores what is still waiting.
        self.autosaver.flush()

    def on_screen_suspend(self) -> None:
        self.autosaver.flush()

    # --- where the coach is --------------------------------------------------------

    @staticmethod
    def _question_key(section: str, field: str | None) -> str:
        return f"{WARM}.{field}" if section == WARM and field else section

    def _current_question_key(self) -> str:
        if self.section == WARM:
            return self._question_key(WARM, self.conversation.warm_kind(self.field))
        return self.section

    def _focus_field(self, section: str, field: str | None) -> None:
        panel = self.query_one(f"#s-{section}")
        target: Widget | None = None
        if field:
            found = panel.query(f"#f-{section}-{field}")
            target = found.first() if found else None
            if target is None and field in ("score", "youth_score", "carriers"):
                target = self._choice_widget(panel, field)
        if target is None:
            target = panel.query(FieldArea).first()
        if isinstance(target, FieldArea):
            target.focus_at_end()
        else:
            target.focus()
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
        self.section = section
        self.field = field
        self._focus_field(section, field)
        self._position_dirty = True
        self.autosaver.touch()
        self._refresh()

    def on_descendant_focus(self, event) -> None:
        widget = event.widget
        field = None
        if isinstance(widget, FieldArea):
            field = widget.field
        elif isinstance(widget, ScorePicker):
            field = "youth_score" if widget.has_class("youth-score") else "score"
        elif isinstance(widget, SelectionList):
            field = "carriers"
        if field is not None and field != self.field:
            self.field = field
            self._position_dirty = True
            self.autosaver.touch()
            self._refresh()

    # --- typing and choosing --------------------------------------------------------

    @on(TextArea.Changed)
    def _text_changed(self, event: TextArea.Changed) -> None:
        area = event.text_area
        if not isinstance(area, FieldArea):
            return
        key = (area.section, area.field)
        if self._texts.get(key) == area.text:
            return
        self._texts[key] = area.text
        self._change(area.section, area.field, area.text)
        self.tracker.update(f"{area.section}.{area.field}", area.text, tone_of(area.section, area.field))
        self._refresh(text=area.text)

    @on(ScorePicker.Changed)
    def _score_changed(self, event: ScorePicker.Changed) -> None:
        event.stop()
        field = "youth_score" if event.picker.has_class("youth-score") else "score"
        self._change(self.section, field, event.score)
        panel = self.query_one(f"#s-{self.section}", DomainPanel)
        panel.show_difference()
        self._refresh()

    @on(SelectionList.SelectedChanged)
    def _carriers_changed(self, event: SelectionList.SelectedChanged) -> None:
        event.stop()
        chosen = list(event.selection_list.selected)
        kinds = tuple(value for value in chosen if not value.startswith(PERSON_PREFIX))
        names = tuple(value[len(PERSON_PREFIX) :] for value in chosen if value.startswith(PERSON_PREFIX))
        self._change(self.section, "carried_by", kinds)
        self._change(self.section, "carriers", names)
        self._refresh()

    def _change(self, section: str, field: str, value: object) -> None:
        """Apply an edit to what the screen shows now and queue it for the database."""
        if section == WARM:
            self.intake.warm[field].text = value
        else:
            setattr(self.intake.domains[section], field, value)
        self._dirty[(section, field)] = value
        self.autosaver.touch()

    def _save(self) -> None:
        edits = [Edit(section, field, value) for (section, field), value in self._dirty.items()]
        if not edits and not self._position_dirty:
            return
        position = (self.section, self.field, self.questions.get(self._current_question_key(), 0))
        try:
            save_edits(self.db, self.intake, edits, self.session, self.today, position)
        except DatabaseError:
            # Keep the edits and try again shortly: a locked or busy file is usually gone in a moment.
            self.notify("Opslaan lukte even niet; coach probeert het zo opnieuw.", severity="warning")
            self.autosaver.touch()
            return
        except IntakeError as error:
            self.notify(f"Niet opgeslagen: {error}.", severity="error")
        self._dirty.clear()
        self._position_dirty = False
        self.saved_count += 1
        if self.query("#saved"):
            self._show("#saved", Content.from_markup("[$text-success]✓[/] opgeslagen"))

    # --- what the assistant shows --------------------------------------------------

    def _refresh(self, text: str | None = None) -> None:
        """Coverage, question, suggestion and balance after any change (only what changed is redrawn)."""
        coverage = self.intake.coverage()
        self.query_one(CoverageBar).show(coverage, self.section, self.intake.warm_told)
        self._show("#legend", legend(coverage, compact=self.size.width < WIDE))
        self.query_one(BalanceMeter).show(self.tracker.balance)
        self._show("#question", self._question_content())
        if text is None:
            text = self._texts.get((self.section, self.field or ""), "")
        self.query_one(SuggestionBar).offer(self._suggestion(text))
        if self._dirty:
            self._show("#saved", Content.from_markup("[$foreground-muted]•[/] bewaren…"))
        # Redrawing the footer is costly: only when what it offers changes.
        state = (self.section, self.query_one(SuggestionBar).suggestion is not None, self.intake.completed)
        if state != self._binding_state:
            self._binding_state = state
            self.refresh_bindings()

    def _show(self, selector: str, content: Content) -> None:
        if self._shown.get(selector) != content:
            self._shown[selector] = content
            self.query_one(selector, Static).update(content)

    def _suggestion(self, text: str) -> Suggestion | None:
        signal = self.conversation.signal_suggestion(self.intake, self.section, text, self.dismissed)
        if signal is not None:
            return signal
        if self.section != WARM and self.tracker.suggest_warm:
            return self.conversation.warm_question(self.intake)
        return None

    def _question_content(self) -> Content:
        index = self.questions.get(self._current_question_key(), 0)
        if self.section == WARM:
            kind_key = self.conversation.warm_kind(self.field)
            head = f"Warm verhaal · {next(k.label for k in self.content.warm_kinds if k.key == kind_key)}"
        else:
            skip = self.intake.domains[self.section].skip
            head = self.conversation.label(self.section) + (f" · {SKIP_WORDS[skip]}" if skip else "")
        return question_content(head, index, self.conversation.questions(self.section, self.field))

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
        key = self._current_question_key()
        self.questions[key] = self.questions.get(key, 0) + 1
        self._position_dirty = True
        self.autosaver.touch()
        self._refresh()

    def action_pick_section(self) -> None:
        """Open the list of sections to jump to."""
        coverage = self.intake.coverage()
        warm_state = (
            "gescoord"
            if self.intake.warm_told == len(self.intake.warm)
            else ("besproken" if self.intake.warm_told else "nog_niet")
        )
        sections = [(WARM, f"Warm verhaal ({self.intake.warm_told} van {len(self.intake.warm)})", warm_state)]
        sections += [(d.key, d.label, coverage[d.key]) for d in self.content.domains]

        async def chosen(key: str | None) -> None:
            if key is not None:
                await self.go_to(key)

        self.app.push_screen(SectionPicker(sections, self.section), chosen)

    async def action_move(self, step: int) -> None:
        """To the next (or previous) section in the fixed order."""
        index = SECTIONS.index(self.section) + step
        if 0 <= index < len(SECTIONS):
            await self.go_to(SECTIONS[index])

    async def action_accept(self) -> None:
        """Take the suggestion: talk about the named domain, or ask the warm question."""
        suggestion = self.query_one(SuggestionBar).suggestion
        if suggestion is None:
            return
        if suggestion.kind == "signal" and suggestion.domain:
            await self.go_to(suggestion.domain, "notes")
            return
        self.tracker.acknowledge()
        kind_key = suggestion.warm_kind or self.content.warm_kinds[0].key
        kind = next(k for k in self.content.warm_kinds if k.key == kind_key)
        self.questions[self._question_key(WARM, kind_key)] = kind.questions.index(suggestion.text)
        await self.go_to(WARM, kind_key)

    def action_focus_score(self) -> None:
        """Jump to the coach's score: then one key 1–5 sets it."""
        if self.section != WARM:
            self.query_one(f"#score-{self.section}", ScorePicker).focus()

    def action_skip(self) -> None:
        """Cycle the domain: nu niet → niet van toepassing → open again."""
        if self.section == WARM:
            return
        entry = self.intake.domains[self.section]
        skip = SKIP_CYCLE[entry.skip]
        self._change(self.section, "skip", skip)
        self.query_one(f"#s-{self.section}", DomainPanel).show_skip(skip)
        self.notify(f"{self.conversation.label(self.section)}: {SKIP_WORDS[skip]}.", timeout=2)
        self._refresh()

    def action_escape(self) -> None:
        """Put a suggestion away first; otherwise leave (everything is saved)."""
        if self.query_one(SuggestionBar).put_away(self.dismissed, self.tracker):
            self._refresh()
            return
        self.autosaver.flush()
        self.dismiss()

    def action_complete(self) -> None:
        """Ask, then close the intake and store it as the baseline with today's date."""
        self.autosaver.flush()
        if self.intake.completed:
            self.notify("Deze intake is al afgerond; wat je nu wijzigt, komt ook in de nulmeting.", timeout=4)
            return
        summary = complete_summary(self.intake, len(self.conversation.unfollowed(self.intake)))

        def done(confirmed: bool | None) -> None:
            if not confirmed:
                return
            stored = complete_intake(self.db, self.intake, self.today, self.session)
            self.notify(f"Intake afgerond: {stored} leefgebieden in de nulmeting.", timeout=4)
            self.dismiss()

        self.app.push_screen(CompleteIntakeDialog(summary), done)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("focus_score", "skip") and self.section == WARM:
            return False
        if action == "accept" and self.is_mounted and self.query_one(SuggestionBar).suggestion is None:
            return False
        if action == "complete" and self.intake.completed:
            return False
        return True
