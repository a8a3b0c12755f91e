"""Review before sharing: the anonymised intervision summary beside its source, every replacement marked.

Anonymising runs in a thread worker that talks to the anonymiser's worker
process (which loads deduce once, with progress shown), so the screen never
freezes. The coach hides more, edits the question, picks the method, what
the summary covers and (incident method) the moment, writes what they tried
and their own part, marks the domains to show, walks the words still to check
(n), and saves or copies: only ever the anonymised text. What the coach hid,
wrote and marked is kept with the young person for next time.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.message import Message
from textual.timer import Timer
from textual.widgets import Header, ProgressBar, SelectionList, Static, TextArea
from textual.worker import Worker, WorkerState, get_current_worker

from coach.content.intervision import intervision_content
from coach.content.model import Content
from coach.domain.model import Case
from coach.domain.trajectory import ReleaseDecision
from coach.privacy.known import person_names
from coach.reports.intervision_question import check_question
from coach.reports.summary import (
    CONTACT,
    Scope,
    Summary,
    SummaryError,
    default_filename,
    make_summary,
    question_key,
    scope_question,
    suggestions,
)
from coach.store import StoreError
from coach.store.intervision import (
    IntervisionNotes,
    intervision_notes,
    save_intervision_notes,
    save_intervision_question,
    save_scope_question,
)
from coach.store.trajectory import load_trajectory
from coach.tui.autosave import Autosaver
from coach.tui.context import CoachScreen
from coach.tui.store_errors import report_store_error
from coach.tui.widgets.body import Body
from coach.tui.widgets.coach_footer import CoachFooter
from coach.tui.widgets.plain_toggles import PlainSelectionList
from coach.tui.widgets.question_advice import QuestionAdvice, tips_text
from coach.tui.widgets.review_panes import ReviewPanes
from coach.tui.widgets.summary_choices import SummaryChoices

if TYPE_CHECKING:
    from coach.privacy.worker import AnonymiserClient

WIDE = 120
# Re-anonymise this long after the coach stops typing the question.
QUESTION_PAUSE = 0.6


def make_client() -> AnonymiserClient:
    """The anonymiser client this screen owns: the one warmed after the app's first frame, else a new one.

    Tests put their own here.
    """
    from coach.privacy.worker import AnonymiserClient
    from coach.tui.anonymiser_warm import take_client

    return take_client() or AnonymiserClient()


def default_method() -> str:
    """The team's method from the settings (roddel when the settings cannot be read)."""
    from coach.config import ConfigError, load_config

    try:
        return load_config().intervision_method
    except ConfigError:
        return "roddel"


def default_folder() -> Path:
    """Where the save dialog starts: the user's documents folder when there is one."""
    from platformdirs import user_documents_dir

    folder = Path(user_documents_dir())
    return folder if folder.is_dir() else Path.home()


@dataclass(frozen=True)
class _Request:
    generation: int
    method: str
    scope: Scope
    question: str
    hidden: tuple[str, ...]
    moment: int | None = None
    notes: IntervisionNotes = IntervisionNotes()


class IntervisionScreen(CoachScreen[None]):
    """The summary for the group on the left, the source with names on the right (one at a time when narrow)."""

    CSS_PATH = "intervision.tcss"
    BINDINGS = [
        Binding("escape", "back", "Terug", id="intervision.back", tooltip="Terug naar de jongere"),
        Binding("b", "flip", "Bron", id="intervision.flip", tooltip="Wissel tussen samenvatting en bron"),
        Binding(
            "h",
            "hide",
            "Verberg",
            id="intervision.hide",
            tooltip="Verberg de selectie (of het woord onder de cursor), overal in de samenvatting",
        ),
        Binding("u", "unhide", "Herstel", id="intervision.unhide", tooltip="Maak het laatste verbergen ongedaan"),
        Binding("o", "save", "Bewaar", id="intervision.save", tooltip="Bewaar de geanonimiseerde samenvatting"),
        Binding("k", "copy", "Kopieer", id="intervision.copy", tooltip="Kopieer de geanonimiseerde samenvatting"),
        Binding("e", "edit_question", "Vraag", id="intervision.question", tooltip="Schrijf of verbeter je leervraag"),
        Binding("m", "next_method", "Methode", id="intervision.method", tooltip="Wissel van intervisiemethode"),
        Binding("t", "tips", "Tips", id="intervision.tips", tooltip="Tips en voorbeelden voor een leervraag"),
        Binding(
            "n",
            "next_check",
            "Nalopen",
            id="intervision.next_check",
            tooltip="Volgende om te controleren: naar het volgende woord met een hoofdletter of getal",
        ),
        Binding(
            "w",
            "own_texts",
            "Eigen tekst",
            id="intervision.own",
            tooltip="Wat je al probeerde, je eigen aandeel en welke leefgebieden erin komen",
        ),
        Binding("v", "formatted", "Opgemaakt", id="intervision.formatted", tooltip="Toon de samenvatting opgemaakt"),
    ]

    class Progress(Message):
        """The anonymiser reports how far loading is."""

        def __init__(self, stage: str, fraction: float) -> None:
            super().__init__()
            self.stage = stage
            self.fraction = fraction

    class Ready(Message):
        """A summary is anonymised."""

        def __init__(self, generation: int, summary: Summary) -> None:
            super().__init__()
            self.generation = generation
            self.summary = summary

    def __init__(self, case: Case, content: Content, today: date) -> None:
        super().__init__()
        self.case = case
        self.content = content
        self.today = today
        self.words = intervision_content(content)
        wanted = default_method()
        self.method = wanted if wanted in self.words.keys else self.words.keys[0]
        self.scope = Scope()
        self.question = case.youth.intervision_question or ""
        # True while the field shows the case's question in a period or contact that has none of its own yet.
        self._borrowed = False
        self.hidden: tuple[str, ...] = ()
        self.moment: int | None = None
        # What the coach wrote and marked; loaded on mount, None texts follow the data.
        self.notes = IntervisionNotes()
        self._decisions: tuple[ReleaseDecision, ...] = ()
        self.summary: Summary | None = None
        self._generation = 0
        self._shown_generation = -1
        self._client: AnonymiserClient | None = None
        self._names = person_names(case)  # no word list needed: the screen opens at once
        self._question_timer: Timer | None = None
        self._closing = False
        self.autosaver = Autosaver(self, self._save_question)
        self.notes_saver = Autosaver(self, self._save_notes)

    @property
    def youth_id(self) -> int:
        """The young person this summary is about (a stored case always has an id)."""
        assert self.case.youth.id is not None
        return self.case.youth.id

    # --- layout -----------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        # The layout class before the widgets exist: set after mounting, it restyles them all (a third of a second).
        self.set_class(self.app.size.width >= WIDE, "-wide")
        yield Header()
        with Vertical(id="iv-top"):
            yield SummaryChoices(self.words, self.method, self.case, self.today, id="iv-choices")
            with Horizontal(id="iv-status-row"):
                yield Static("", id="iv-status")
                yield ProgressBar(total=100, show_eta=False, id="iv-progress")
            question = TextArea(
                self.question,
                soft_wrap=True,
                id="iv-question",
                placeholder="Je leervraag, over jezelf: 'Hoe kan ik …?' of 'Wat maakt dat ik …?'",
            )
            question.border_title = self._question_title()
            question.border_subtitle = "t: tips · Tab: verder"
            yield question
            yield QuestionAdvice(id="iv-advice")
        with Body(id="iv-tips"):
            yield Static(id="iv-tips-text")
        # Filled when the coach first opens it (w): fewer widgets make the first summary appear sooner.
        yield Body(id="iv-own")
        yield ReviewPanes(id="iv-panes")
        yield CoachFooter()

    def on_mount(self) -> None:
        self.title = "Intervisie · samenvatting"
        self.sub_title = "lees na voor je deelt"
        self._client = make_client()  # cheap: its process starts with the first request
        self._layout(self.size.width)
        self._show_method_tips()
        self._check_question()
        self._load_notes()
        panes = self.query_one(ReviewPanes)
        panes.wait("De samenvatting wordt gemaakt…")
        panes.text_pane.focus()
        self._request()

    def on_resize(self, event: events.Resize) -> None:
        self._layout(event.size.width)

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        self.set_class(event.widget.id == "iv-question", "-editing")

    def _layout(self, width: int) -> None:
        if self.has_class("-wide") != (width >= WIDE):
            self.set_class(width >= WIDE, "-wide")
        self.query_one(ReviewPanes).following = width >= WIDE

    def on_unmount(self) -> None:
        self.autosaver.flush()
        self.notes_saver.flush()
        self._closing = True
        self.workers.cancel_group(self, "anonymise")
        client, self._client = self._client, None
        if client is not None:
            # Kill first: a request still loading deduce would otherwise hold the client (and the app's exit).
            client.abort()
            client.close()  # the 1 GB worker process is gone with the screen

    def help_target(self) -> tuple[str, str | None]:
        """The handbook section on this screen (it links on to preparing intervision)."""
        return "app.md", "een-samenvatting-voor-intervisie"

    # --- anonymising ------------------------------------------------------------------

    def _request(self) -> None:
        self._generation += 1
        request = _Request(
            self._generation, self.method, self.scope, self.question, self.hidden, self.moment, self.notes
        )
        self._set_status("De samenvatting wordt bijgewerkt…" if self.summary else "De samenvatting wordt gemaakt…")
        self.refresh_bindings()
        self._anonymise(request)

    @work(thread=True, exclusive=True, exit_on_error=False, group="anonymise")
    def _anonymise(self, request: _Request) -> None:
        worker = get_current_worker()
        client = self._client
        if client is None:
            return  # the screen is closing

        def progress(stage: str, fraction: float) -> None:
            self.post_message(self.Progress(stage, fraction))

        from coach.tui.anonymiser_warm import follow

        stop = follow(progress)  # a client warmed in the background reports its loading here
        try:
            client.warm_up(progress)
        finally:
            stop()
        if worker.is_cancelled:
            return
        summary = make_summary(
            self.case,
            client,
            method=self.words.method(request.method),
            words=self.words,
            content=self.content,
            today=self.today,
            scope=request.scope,
            question=request.question,
            hidden=request.hidden,
            moment=request.moment,
            tried=request.notes.tried,
            own_part=request.notes.own_part,
            domains=request.notes.domains,
            decisions=self._decisions,
        )
        if not worker.is_cancelled:
            self.post_message(self.Ready(request.generation, summary))

    def on_intervision_screen_progress(self, message: Progress) -> None:
        bar = self.query_one(ProgressBar)
        done = message.fraction >= 1.0
        bar.set_class(done, "-done")
        bar.update(progress=round(message.fraction * 100))
        if not done:
            self._set_status(f"De anonimiseerder laden: {message.stage}…")

    def on_intervision_screen_ready(self, message: Ready) -> None:
        if message.generation != self._generation:
            return  # an older request; a newer one is on its way
        self._shown_generation = message.generation
        self.query_one(ProgressBar).add_class("-done")
        self._show(message.summary)

    @on(Worker.StateChanged)
    def _worker_changed(self, event: Worker.StateChanged) -> None:
        if self._closing or event.worker.is_cancelled:
            return
        if event.worker.group == "anonymise" and event.state == WorkerState.ERROR:
            # AnonymiserError and SummaryError carry a Dutch message without names.
            from coach.privacy.worker import AnonymiserError

            error = event.worker.error
            known = isinstance(error, (AnonymiserError, SummaryError))
            text = str(error) if known else f"Er ging iets mis bij het anonimiseren ({type(error).__name__})."
            self._set_status(text, problem=True)
            self.query_one(ProgressBar).add_class("-done")
            self.notify(text, severity="error", timeout=8)

    def _show(self, summary: Summary) -> None:
        self.summary = summary
        self.hidden = summary.hidden
        self.query_one(ReviewPanes).show(summary)
        manual = sum(1 for r in summary.replacements if r.source == "manual")
        status = f"{len(summary.replacements) - manual} vervangen" + (
            f", {manual} door jou verborgen" if manual else ""
        )
        self._set_status(status + ". Lees hem na: h verbergt wat nog herkenbaar is.")
        self.refresh_bindings()

    def _set_status(self, text: str, *, problem: bool = False) -> None:
        status = self.query_one("#iv-status", Static)
        status.set_class(problem, "-problem")
        status.update(text)

    @property
    def up_to_date(self) -> bool:
        """True when the summary on screen matches the latest choices and question."""
        return self.summary is not None and self._shown_generation == self._generation

    # --- choices and question --------------------------------------------------------

    def on_summary_choices_changed(self, message: SummaryChoices.Changed) -> None:
        if (message.method, message.scope, message.moment) == (self.method, self.scope, self.moment):
            return
        if message.method != self.method:
            self.method = message.method
            self._show_method_tips()
        if message.scope != self.scope:
            self.autosaver.flush()  # what was typed belongs to the scope it was typed in
            self._fill_suggestions(message.scope)
            self.scope = message.scope
            self._show_scope_question()
        self.moment = message.moment
        self._request()

    @on(TextArea.Changed, "#iv-question")
    def _question_changed(self, event: TextArea.Changed) -> None:
        text = event.text_area.text
        if text == self.question:
            return
        self.question = text
        if self._borrowed:
            self._borrowed = False  # from now on it is this scope's own question
            event.text_area.border_title = self._question_title()
        self._check_question()
        self.autosaver.touch()
        self._behind()

    def _question_title(self) -> str:
        """What the question field is for: the whole case, this period or contact, or the case's as a start."""
        if self.scope.key is None:
            return "Je vraag aan de groep"
        part = "dit contact" if self.scope.kind == CONTACT else "deze periode"
        if self._borrowed:
            return f"De leervraag van het hele traject; pas hem aan voor {part}"
        return f"Je vraag voor {part}"

    def _show_scope_question(self) -> None:
        """Put this scope's own question in the field, or the case's as a starting point (not saved until edited)."""
        question, own = scope_question(self.case, self.scope)
        self.question = question or ""
        self._borrowed = not own and self.scope.key is not None and bool(question)
        field = self.query_one("#iv-question", TextArea)
        with field.prevent(TextArea.Changed):
            field.load_text(self.question)
        field.border_title = self._question_title()
        self._check_question()

    def _check_question(self) -> None:
        self.query_one(QuestionAdvice).show(check_question(self.question, self.words.question, self._names))

    def _save_question(self) -> None:
        """Save the question for the scope on screen: the whole case's, or a period's or contact's own."""
        key = question_key(self.case, self.scope)
        # A contact's question stored by its place before ("contact:3") moves to its id in the same save.
        older = self.scope.key if key != self.scope.key else None
        try:
            if key is None:
                save_intervision_question(self.context.database, self.youth_id, self.question)
            else:
                save_scope_question(self.context.database, self.youth_id, key, self.question, replaces=older)
        except StoreError as error:
            report_store_error(self, error, kept="Je vraag staat nog in het veld.")
            return
        if older is not None:
            self.case.scope_questions.pop(older, None)
        if key is None:
            self.case.youth.intervision_question = self.question.strip() or None
        elif self.question.strip():
            self.case.scope_questions[key] = self.question.strip()
        else:
            self.case.scope_questions.pop(key, None)

    # --- the coach's own texts, domains and hidden words, kept per case ---------------------

    def _load_notes(self) -> None:
        try:
            self.notes = intervision_notes(self.context.database, self.youth_id)
            self._decisions = tuple(load_trajectory(self.context.database, self.youth_id).decisions)
        except StoreError as error:
            report_store_error(self, error, kept="De samenvatting wordt gemaakt zonder je eerdere keuzes.")
        self.hidden = self.notes.hidden

    def _own_panel(self) -> None:
        """Mount the fields for the coach's own texts and the domain marks, filled (once)."""
        panel = self.query_one("#iv-own", VerticalScroll)
        if panel.children:
            return
        tried = TextArea(soft_wrap=True, id="iv-tried")
        tried.border_title = "Wat ik al probeerde"
        own = TextArea(soft_wrap=True, id="iv-own-part")
        own.border_title = "Mijn eigen aandeel"
        for area in (tried, own):
            area.border_subtitle = "voorstel uit het dossier: pas het aan"
        domains = PlainSelectionList(
            *[(domain.label, domain.key, domain.key in self.notes.domains) for domain in self.content.domains],
            id="iv-domains",
        )
        domains.border_title = "Deze leefgebieden laat ik zien"
        domains.border_subtitle = "plus wat veranderde of 2 of lager scoort"
        panel.mount_all([tried, own, domains])
        self._fill_suggestions(self.scope, tried, own)

    def _fill_suggestions(self, scope: Scope, *areas: TextArea) -> None:
        """Put the coach's text in each field, or else what the data suggest for this scope."""
        if not areas:
            if not self.query("#iv-tried"):
                return  # not opened yet: filled when it is
            areas = (self.query_one("#iv-tried", TextArea), self.query_one("#iv-own-part", TextArea))
        try:
            tried, own_part = suggestions(self.case, scope, self.today)
        except SummaryError:
            tried = own_part = ""
        for area, own, suggested in zip(areas, (self.notes.tried, self.notes.own_part), (tried, own_part), strict=True):
            with area.prevent(TextArea.Changed):
                area.load_text(own if own is not None else suggested)

    @on(TextArea.Changed, "#iv-tried, #iv-own-part")
    def _own_text_changed(self, event: TextArea.Changed) -> None:
        text = event.text_area.text
        if event.text_area.id == "iv-tried":
            if text == self.notes.tried:
                return
            self.notes = replace(self.notes, tried=text)
        else:
            if text == self.notes.own_part:
                return
            self.notes = replace(self.notes, own_part=text)
        self.notes_saver.touch()
        self._behind()

    @on(SelectionList.SelectedChanged, "#iv-domains")
    def _domains_changed(self, event: SelectionList.SelectedChanged[str]) -> None:
        chosen = tuple(str(key) for key in event.selection_list.selected)
        if chosen == self.notes.domains:
            return
        self.notes = replace(self.notes, domains=chosen)
        self.notes_saver.touch()
        self._behind()

    def _behind(self) -> None:
        """What is on screen is now behind: make it again once the coach pauses."""
        self._generation += 1
        self.refresh_bindings()
        if self._question_timer is not None:
            self._question_timer.stop()
        self._question_timer = self.set_timer(QUESTION_PAUSE, self._request, name="question")

    def _keep_hidden(self, hidden: tuple[str, ...]) -> None:
        """Remember what the coach hid for this young person, for the next summary too."""
        self.notes = replace(self.notes, hidden=hidden)
        self._save_notes()

    def _save_notes(self) -> None:
        try:
            save_intervision_notes(self.context.database, self.youth_id, self.notes)
        except StoreError as error:
            report_store_error(self, error, kept="Wat je schreef staat nog op het scherm.")

    def _show_method_tips(self) -> None:
        method = self.words.method(self.method)
        self.query_one("#iv-tips-text", Static).update(tips_text(self.words.question, method.reminder, method.bring))

    # --- actions ----------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("save", "copy", "hide", "next_check") and not self.up_to_date:
            return None  # shown, but dimmed until the summary is ready
        if action == "unhide" and not self.hidden:
            return False  # only in the footer when there is something to undo
        if action == "flip" and self.has_class("-wide"):
            return False
        return True

    def _ready_or_say(self) -> bool:
        if self.up_to_date:
            return True
        if self._question_timer is not None:
            self._question_timer.stop()
            self._question_timer = None
            self._request()
        self.notify("Even geduld: de samenvatting wordt nog bijgewerkt.", severity="warning")
        return False

    def action_hide(self) -> None:
        """Hide the selection (or the word under the cursor) wherever it occurs."""
        if not self._ready_or_say() or self.summary is None:
            return
        chosen = self.query_one(ReviewPanes).chosen_source_range(self.focused)
        if chosen is None:
            self.notify("Zet de cursor op een woord of selecteer een stuk (Shift+pijltjes) en druk op h.")
            return
        start, end = chosen
        try:
            hidden = self.summary.hide(start, end)
        except SummaryError as error:
            self.notify(str(error), severity="warning")
            return
        if hidden is self.summary:
            self.notify("Dat stuk is al verborgen.")
            return
        self._show(hidden)
        self._keep_hidden(hidden.hidden)
        self.notify("Verborgen, overal waar het staat, ook de volgende keer. u maakt het ongedaan.")

    def action_unhide(self) -> None:
        """Undo the last hiding."""
        if self.summary is not None and self.summary.hidden:
            self._show(self.summary.unhide_last())
            self._keep_hidden(self.hidden)

    def action_next_check(self) -> None:
        """Jump to the next capitalised word or number someone wrote, so the coach checks each in turn."""
        if not self._ready_or_say():
            return
        if self.has_class("-formatted"):
            self.remove_class("-formatted")  # checking happens in the marked text
        self.remove_class("-source", "-tips", "-own")
        panes = self.query_one(ReviewPanes)
        panes.text_pane.focus()
        found = panes.next_check()
        if found is None:
            self.notify("Niets meer na te lopen: geen woorden met een hoofdletter of getallen over.")
            return
        number, count = found
        self._set_status(f"Nalopen: {number} van {count}. h verbergt het, n gaat naar het volgende.")

    def action_own_texts(self) -> None:
        """Show or hide the fields for what the coach tried, their own part and the domains to show."""
        self.toggle_class("-own")
        if self.has_class("-own"):
            self.remove_class("-tips")
            self._own_panel()
            self.call_after_refresh(lambda: self.query_one("#iv-tried", TextArea).focus())
        else:
            self.notes_saver.flush()
            self.query_one(ReviewPanes).text_pane.focus()

    def action_formatted(self) -> None:
        """Show the summary formatted, as the group reads it, or back to the marked text."""
        self.toggle_class("-formatted")
        panes = self.query_one(ReviewPanes)
        if self.has_class("-formatted"):
            formatted = panes.show_formatted()
            formatted.can_focus = True  # so the arrows and Page Down scroll it
            self.call_after_refresh(formatted.focus)
        else:
            panes.text_pane.focus()

    def action_save(self) -> None:
        """Save the anonymised summary to a file the coach picks."""
        if not self._ready_or_say():
            return
        from coach.tui.dialogs.save_summary import SaveSummary

        summary = self.summary

        def chosen(path: Path | None) -> None:
            if path is None or summary is None:
                return
            from coach.reports.summary import write_summary

            try:
                write_summary(summary, path)
            except OSError as error:
                self.notify(f"Opslaan lukte niet ({error.strerror}). Kies een andere map.", severity="error")
                return
            self.notify(f"Bewaard in {path}")

        self.app.push_screen(SaveSummary(default_folder() / default_filename(self.today)), chosen)

    def action_copy(self) -> None:
        """Copy the anonymised summary to the clipboard."""
        if not self._ready_or_say() or self.summary is None:
            return
        self.app.copy_to_clipboard(self.summary.text)
        self.notify("De geanonimiseerde samenvatting staat op het klembord.")

    def action_edit_question(self) -> None:
        """Put the cursor in the question."""
        self.query_one("#iv-question", TextArea).focus()

    def action_next_method(self) -> None:
        """Switch to the next method."""
        self.query_one(SummaryChoices).next_method()

    def action_tips(self) -> None:
        """Show or hide the tips for a learning question."""
        self.toggle_class("-tips")
        self.remove_class("-own")

    def action_flip(self) -> None:
        """On a narrow screen: show the source instead of the summary, or back."""
        self.toggle_class("-source")
        panes = self.query_one(ReviewPanes)
        (panes.source_pane if self.has_class("-source") else panes.text_pane).focus()

    def action_back(self) -> None:
        """Back to the young person (the question and own texts are saved)."""
        self.autosaver.flush()
        self.notes_saver.flush()
        self.dismiss()
