"""The warm handover: choose the young person's consent, write "wat werkt", review the overdrachtsdossier, save it.

The document is built by coach.reports.handover from what the store holds;
the coach edits it freely here before it is written (0600). Writing it is
recorded as a handover (and so in the audit trail) and shown on the young
person's screen. Without a consent that still counts nothing can be made:
the screen says so and opens the Gegevens form to record one.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import Button, Header, OptionList, Select, Static, TextArea
from textual.widgets.option_list import Option

from coach import paths
from coach.content.handover import load_handover_words
from coach.content.toml_source import PromptsError
from coach.domain.handover import (
    NO_CONSENT,
    NO_CONSENT_WHAT,
    CoachCard,
    HandoverData,
    HandoverRecord,
    consent_line,
    suggestion_texts,
    usable,
    what_works_suggestions,
)
from coach.domain.registration import Consent
from coach.domain.safe_text import visible, visible_in
from coach.reports.handover import handover_html, handover_markdown
from coach.store.errors import StoreError
from coach.store.handover import handovers_of, load_handover_data, record_dossier, save_what_works
from coach.store.registration import consents_of
from coach.tui.context import CoachContext, CoachScreen
from coach.tui.help import HelpTarget
from coach.tui.store_errors import report_store_error
from coach.tui.widgets.coach_footer import CoachFooter

if TYPE_CHECKING:
    from coach.config import Config

HELP_TARGET: HelpTarget = ("app.md", "een-warme-overdracht")
NO_CONSENT_HERE = NO_CONSENT_WHAT + ". Ctrl+T opent de gegevens van de jongere, waar je dat doet."
HTML_SUFFIXES = (".html", ".htm")


@dataclass
class HandoverFile:
    """What the handover screen shows, read in one go."""

    youth_id: int
    data: HandoverData
    consents: list[Consent]  # only those that still count (a withdrawn one never does)
    suggestions: list[str] = field(default_factory=list)
    handovers: list[HandoverRecord] = field(default_factory=list)


def _settings() -> Config | None:
    from coach.config import ConfigError, load_config

    try:
        return load_config()
    except ConfigError:
        return None  # the settings are checked at start; here the coach's name from the app will do


def coach_card(context: CoachContext, config: Config | None) -> CoachCard:
    """How the receiver reaches the coach: from the settings (only the name when they cannot be read)."""
    if config is None:
        return CoachCard(context.default_coach)
    return CoachCard(config.coach or context.default_coach, config.coach_phone, config.coach_email, config.organisation)


def load_handover_file(context: CoachContext, youth_id: int) -> HandoverFile | None:
    """Read what the handover draws on; None when the young person is no longer in the database.

    The settings are read afresh: contact details changed in config.toml count at once.
    """
    db = context.database
    config = _settings()
    data = load_handover_data(db, youth_id, coach_card(context, config))
    if data is None:
        return None
    try:
        words = load_handover_words(config.prompts if config else None)
    except PromptsError:
        words = ()  # no suggestions is better than no handover; the prompts check says what is wrong
    suggestions = what_works_suggestions(suggestion_texts(data.case), words)
    # Text from a case can hold terminal escapes: shown, never obeyed.
    return HandoverFile(
        youth_id,
        visible_in(data),
        visible_in(usable(consents_of(db, youth_id))),
        visible_in(suggestions),
        handovers_of(db, youth_id),
    )


def default_folder() -> Path:
    """Where the save dialog starts: the user's documents folder when there is one, else home."""
    from platformdirs import user_documents_dir

    folder = Path(user_documents_dir())
    return folder if folder.is_dir() else Path.home()


class HandoverScreen(CoachScreen[bool]):
    """Review and write the overdrachtsdossier; answers True when one was written (or a consent recorded)."""

    CSS_PATH = "handover.tcss"
    HELP_TARGET = HELP_TARGET
    # Side by side from 100 columns; below, "wat werkt" sits above the document.
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (100, "-wide")]
    BINDINGS = [
        Binding("escape", "back", "Terug", id="handover.back", tooltip="Terug naar de jongere ('wat werkt' blijft)"),
        Binding("ctrl+s", "save", "Opslaan", id="handover.save", tooltip="Het dossier als bestand bewaren"),
        Binding(
            "ctrl+r",
            "rebuild",
            "Opnieuw",
            id="handover.rebuild",
            tooltip="Het dossier opnieuw opbouwen (met 'wat werkt' en de gekozen toestemming)",
        ),
        Binding(
            "ctrl+t",
            "consent",
            "Toestemming",
            id="handover.consent",
            tooltip="Toestemming vastleggen in de gegevens van de jongere",
        ),
    ]

    def __init__(self, file: HandoverFile, today: date) -> None:
        super().__init__()
        self.file = file
        self._today = today
        self.changed = False
        self._edited = False  # the coach changed the document by hand: rebuild only when asked
        self._consent_id: object = None  # the consent chosen in the list (None: the newest)

    def help_target(self) -> HelpTarget:
        """The handbook's section on the handover."""
        return HELP_TARGET

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # Without a consent there is nothing to save or rebuild: the footer does not offer it.
        if action in ("save", "rebuild") and not self.file.consents:
            return False
        return True

    @property
    def consent(self) -> Consent | None:
        """The consent chosen (None when there is none that counts)."""
        if not self.file.consents:
            return None
        return next((c for c in self.file.consents if c.id == self._consent_id), self.file.consents[-1])

    def compose(self) -> ComposeResult:
        youth = self.file.data.case.youth
        yield Header()
        with Vertical(id="handover-body"):
            yield Static(f"Overdracht · {youth.display_name}", id="handover-title", markup=False)
            if self.file.handovers:
                yield Static(self.file.handovers[-1].line(), id="handover-earlier", markup=False)
            if self.file.consents:
                yield from self._review()
            else:
                yield Static(NO_CONSENT_HERE, id="handover-none", markup=False)
                with Horizontal(id="handover-buttons"):
                    yield Button("Toestemming vastleggen (Ctrl+T)", variant="primary", id="consent", compact=True)
                    yield Button("Terug (Esc)", id="back", compact=True)
        yield CoachFooter(compact=True)

    def _review(self) -> ComposeResult:
        # Content(...): text from the case is shown as it is, never read as markup.
        options = [(Content(consent_line(c)), c.id) for c in reversed(self.file.consents)]
        yield Select(options, value=self.file.consents[-1].id, allow_blank=False, id="handover-consent", compact=True)
        with Horizontal(id="handover-panes"):
            with Vertical(id="handover-left"):
                yield Static("Wat werkt (jouw woorden)", classes="handover-label")
                yield TextArea(self.file.data.what_works, id="what-works", soft_wrap=True)
                hint = (
                    "Uit je notities · Enter neemt over"
                    if self.file.suggestions
                    else "Geen voorstellen uit je notities"
                )
                yield Static(hint, classes="handover-label")
                yield OptionList(
                    *(Option(Content(text), id=str(index)) for index, text in enumerate(self.file.suggestions)),
                    id="suggestions",
                )
            with Vertical(id="handover-right"):
                yield Static("Het dossier · pas aan wat je wilt · Ctrl+S bewaart", classes="handover-label")
                yield TextArea(self._document(), id="handover-text", soft_wrap=True)
        with Horizontal(id="handover-buttons"):
            yield Button("Opslaan (Ctrl+S)", variant="primary", id="save", compact=True)
            yield Button("Terug (Esc)", id="back", compact=True)

    def on_mount(self) -> None:
        if self.file.consents:
            self.query_one("#what-works", TextArea).focus()
        else:
            self.query_one("#consent", Button).focus()

    def _document(self, what_works: str | None = None) -> str:
        consent = self.consent
        if consent is None:
            return ""
        data = self.file.data
        if what_works is not None:
            data = HandoverData(
                data.case, data.network, data.open_concerns, data.trajectory, what_works.strip(), data.coach
            )
        return handover_markdown(data, consent, self.context.content, self._today)

    # --- editing -------------------------------------------------------------------------

    @on(TextArea.Changed, "#handover-text")
    def _document_edited(self) -> None:
        text = self.query_one("#handover-text", TextArea).text
        self._edited = text != self._document(self._what_works())

    @on(TextArea.Changed, "#what-works")
    def _what_works_edited(self) -> None:
        if not self._edited:
            self._show(self._document(self._what_works()))

    @on(Select.Changed, "#handover-consent")
    def _consent_chosen(self, event: Select.Changed) -> None:
        if event.value == self._consent_id or (self._consent_id is None and event.value == self.file.consents[-1].id):
            return  # the list showing what was chosen already (as it does when it is first drawn)
        self._consent_id = event.value
        if self._edited:
            self.notify("Een andere toestemming: druk Ctrl+R om het dossier daarmee opnieuw op te bouwen.")
        else:
            self._show(self._document(self._what_works()))

    @on(OptionList.OptionSelected, "#suggestions")
    def _take_suggestion(self, event: OptionList.OptionSelected) -> None:
        area = self.query_one("#what-works", TextArea)
        line = f"- {self.file.suggestions[int(event.option.id or 0)]}"
        area.text = f"{area.text.rstrip()}\n{line}".lstrip("\n") if area.text.strip() else line
        area.focus()

    def _what_works(self) -> str:
        return self.query_one("#what-works", TextArea).text

    def _show(self, text: str) -> None:
        area = self.query_one("#handover-text", TextArea)
        if area.text != text:
            area.text = text
        self._edited = False

    def action_rebuild(self) -> None:
        """Build the document again from the chosen consent and 'wat werkt' (hand edits are replaced)."""
        if self.consent is None:
            return
        self._show(self._document(self._what_works()))
        self.notify("Het dossier is opnieuw opgebouwd.")

    # --- consent, saving, leaving ---------------------------------------------------------

    @on(Button.Pressed, "#consent")
    def action_consent(self) -> None:
        """Record a consent in the Gegevens form; afterwards read the consents again."""
        from coach.tui.screens.registration import open_details

        open_details(self, self.file.youth_id, lambda _id: self._reload(), focus="consent_to")

    def _reload(self) -> None:
        if self.consent is not None:
            self._keep_what_works()
        file = load_handover_file(self.context, self.file.youth_id)
        if file is None:
            self.dismiss(True)
            return
        self.changed = True
        self.file = file
        self._edited = False
        self._consent_id = None  # a consent just recorded is the newest: it is the one shown
        self.refresh(recompose=True)
        self.call_after_refresh(self.on_mount)

    def _keep_what_works(self) -> bool:
        try:
            save_what_works(self.context.database, self.file.youth_id, self._what_works())
        except StoreError as error:
            report_store_error(self, error)
            return False
        return True

    @on(Button.Pressed, "#save")
    def action_save(self) -> None:
        """Keep 'wat werkt', ask where, then write the document as the coach left it."""
        consent = self.consent
        if consent is None:
            self.notify(NO_CONSENT, severity="warning")
            return
        if not self._keep_what_works():
            return
        from coach.tui.dialogs.save_summary import SaveSummary

        text = self.query_one("#handover-text", TextArea).text
        name = self.file.data.case.youth.display_name
        default = default_folder() / f"overdracht-{self._today.isoformat()}.md"

        def chosen(path: Path | None) -> None:
            if path is not None:
                self._write(path, text, consent, name)

        dialog = SaveSummary(
            default,
            title="Overdrachtsdossier opslaan",
            hint="Eindigt de naam op .html, dan wordt het een afdrukbare webpagina. Alleen voor jou leesbaar (0600).",
        )
        self.app.push_screen(dialog, chosen)

    def _write(self, path: Path, text: str, consent: Consent, name: str) -> None:
        body = visible(text)
        if path.suffix.lower() in HTML_SUFFIXES:
            body = handover_html(body, f"Overdracht: {visible(name, multiline=False)}")
        try:
            paths.write_private(path, body)
        except OSError as error:
            reason = paths.reason(error)
            self.notify(f"Opslaan lukte niet ({reason}). Kies een andere map of naam.", severity="error")
            return
        try:
            record_dossier(
                self.context.database, self.file.youth_id, consent, today=self._today, coach=self.file.data.coach
            )
        except StoreError as error:
            report_store_error(self, error)
            return
        self.notify(f"Bewaard in {path}")
        self.dismiss(True)

    @on(Button.Pressed, "#back")
    def action_back(self) -> None:
        """Back to the young person; 'wat werkt' is kept."""
        if self.consent is not None:
            before = self.file.data.what_works
            if self._what_works().strip() != before.strip():
                if not self._keep_what_works():
                    return
                self.changed = True
        self.dismiss(self.changed)


def open_handover(screen: CoachScreen[Any], youth_id: int, done: Callable[[bool | None], None]) -> None:
    """Open the handover screen for this young person; `done(changed)` afterwards."""
    file = load_handover_file(screen.context, youth_id)
    if file is None:
        screen.notify("Deze jongere staat niet (meer) in de database.", severity="warning")
        return
    screen.app.push_screen(HandoverScreen(file, screen.context.today), done)
