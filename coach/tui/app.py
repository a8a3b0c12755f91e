"""The coach app: bindings, styles and the first screen; screens do the rest."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from functools import cached_property, partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.command import CommandPalette
from textual.screen import Screen

from coach import clock
from coach.config import Config, load_config
from coach.domain.continuity import ContinuityRules
from coach.store.db import Connection, as_database
from coach.tui.anonymiser_setup import prepare_anonymiser
from coach.tui.commands import YouthCommands
from coach.tui.context import CoachContext
from coach.tui.locking import LockingApp, open_for_app
from coach.tui.screens.caseload import CaseloadScreen
from coach.tui.widgets.caseload_table import CaseloadTable

if TYPE_CHECKING:
    from sqlite_utils import Database

    from coach.content.model import Content

# How often the app looks whether the date has changed.
DATE_CHECK_SECONDS = 30
# Seconds after the first frame before deduce starts loading in the background.
WARM_AFTER = 0.5
DEMO_SUBTITLE = "Demo — fictieve jongeren, niet versleuteld"


class CoachApp(LockingApp):
    """The jongerencoach's terminal app."""

    CSS_PATH = "coach.tcss"
    TITLE = "coach"
    COMMANDS = App.COMMANDS | {YouthCommands}
    # The coach's own name from config.toml (`coach = "…"`): a new aanmelding's vaste coach.
    default_coach: str | None = None
    BINDINGS = [
        Binding("q", "quit", "Stoppen", id="app.quit", tooltip="Sluit coach af"),
        # Not a priority binding: in a text field "?" types a question mark; F1 works everywhere.
        Binding(
            "f1,question_mark",
            "help",
            "Hulp",
            id="app.help",
            key_display="F1",
            tooltip="Het stuk van het handboek dat bij dit scherm hoort",
        ),
        Binding(
            "ctrl+p",
            "command_palette",
            "Zoeken",
            id="app.command_palette",
            show=False,
            priority=True,
            tooltip="Zoek een jongere of een opdracht",
        ),
        Binding(
            "ctrl+l",
            "lock",
            "Vergrendelen",
            id="app.lock",
            show=False,
            priority=True,
            tooltip="Verberg alles tot je wachtwoord weer is getypt",
        ),
    ]

    def __init__(
        self,
        connection: Connection | None,
        today: date,
        content: Content | None = None,
        *,
        demo: bool = False,
        db_path: Path | None = None,
        passphrase: str | None = None,
        lock_after: float | None = None,
        backup_keep: int = 7,
        rules: ContinuityRules = ContinuityRules(),
        follow_clock: bool = False,
    ) -> None:
        super().__init__()
        # The open database, as opened by coach.store.db.open_connection; None until the
        # coach has typed the passphrase (see LockingApp).
        self.connection = connection
        self._database: Database | None = None
        self.today = today
        self._follow_clock = follow_clock
        if content is not None:
            self.content = content
        self.rules = rules
        self.demo = demo
        if demo:
            self.sub_title = DEMO_SUBTITLE
        self.setup_safety(db_path=db_path, passphrase=passphrase, lock_after=lock_after, backup_keep=backup_keep)

    @property
    def db(self) -> Database | None:
        """The open database as sqlite-utils' Database, made when first asked for.

        The caseload reads the plain connection, so the first screen paints
        without loading sqlite-utils; the screens that write use this.
        """
        if self._database is None and self.connection is not None:
            self._database = as_database(self.connection, self.passphrase)
        return self._database

    @property
    def database(self) -> Database:
        """The open database, for the screens (which are only shown once it is open)."""
        database = self.db
        if database is None:
            raise RuntimeError("The database is not open yet.")
        return database

    @property
    def context(self) -> CoachContext:
        """The app as its screens see it (and mypy checks that it is one)."""
        return self

    @cached_property
    def content(self) -> Content:
        """The domains, questions and texts from prompts/: read when first needed, as the caseload does not use them."""
        from coach.content.prompts import load_content

        return load_content()

    # Set by the `coach` command (not by tests): load deduce in the background once the first frame is up.
    warm_anonymiser = False

    def on_mount(self) -> None:
        if self.warm_anonymiser:
            # A moment after the first frame, so the worker's start does not compete with the caseload's paint.
            self.call_after_refresh(self.set_timer, WARM_AFTER, self._warm_anonymiser)
        if self._follow_clock:
            # Left open past midnight (or shut overnight), the app moves on to the new day:
            # a contact logged in the morning must not get yesterday's date.
            self.set_interval(DATE_CHECK_SECONDS, self.check_date)

    def _warm_anonymiser(self) -> None:
        from coach.tui.anonymiser_warm import start_warming

        if not start_warming():
            # Never built on this computer: build it now, in the background, so the first
            # intervision summary does not wait minutes for it.
            prepare_anonymiser(self, quiet=True)

    def check_date(self) -> None:
        """Take on the new date when the day has changed; the caseload is worked out again for it."""
        today = clock.today()
        if today == self.today:
            return
        self.today = today
        for screen in self.screen_stack:
            if isinstance(screen, CaseloadScreen):
                screen.new_day(today)
        self.daily_backup()

    def action_command_palette(self) -> None:
        """Open the command palette with a Dutch prompt."""
        if self.use_command_palette and not CommandPalette.is_open(self):
            from coach.tui.dialogs.palette import CoachPalette

            self.push_screen(CoachPalette())

    def get_default_screen(self) -> Screen[Any]:
        if self.connection is None:
            return Screen()  # stays blank under the passphrase screen
        return CaseloadScreen()

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        # Dutch names; no screenshot command, as a screenshot file would hold names.
        yield SystemCommand("Handboek", "Lees het handboek voor jongerencoaches", self.action_guides)
        yield SystemCommand(
            "Zoek in het handboek", "Zoek in alle stukken van het handboek", partial(self.action_guides, searching=True)
        )
        yield SystemCommand("Kleuren", "Kies een ander kleurthema", self.action_change_theme)
        yield SystemCommand(
            "Anonimiseerder klaarzetten",
            "Eenmalig voorbereiden, zodat intervisiesamenvattingen vlot gaan",
            partial(prepare_anonymiser, self),
        )
        if screen.query("HelpPanel"):
            yield SystemCommand("Toetsen", "Verberg de sneltoetsen", self.action_hide_help_panel)
        else:
            yield SystemCommand("Toetsen", "Toon de sneltoetsen van dit scherm", self.action_show_help_panel)
        yield SystemCommand("Stoppen", "Sluit coach af", self.action_quit)

    async def action_help(self) -> None:
        """Open the handbook at the section for the screen (or the intake domain) the coach is on."""
        from coach.tui.help import help_target
        from coach.tui.screens.guides import open_handbook

        await open_handbook(self, *help_target(self.screen_stack))

    async def action_guides(self, searching: bool = False) -> None:
        """Open the handbook where the coach left it (with the cursor in its search field if asked)."""
        from coach.tui.screens.guides import open_handbook

        await open_handbook(self, searching=searching)

    def on_caseload_table_chosen(self, message: CaseloadTable.Chosen) -> None:
        self.open_youth(message.youth_id)

    def open_youth(self, youth_id: int) -> None:
        """Show this young person's screen (replacing another young person's, if one is open)."""
        # Imported here, not at the top: the first screen (the caseload) paints without it.
        from coach.tui.screens.youth import YouthScreen, load_youth_file

        file = load_youth_file(self, youth_id, self.today)
        if file is None:
            self.notify("Deze jongere staat niet (meer) in de database.", severity="warning")
            return
        screen = YouthScreen(file, self.today, self.content)
        if isinstance(self.screen, YouthScreen):
            self.switch_screen(screen)
        else:
            self.push_screen(screen)

    def on_unmount(self) -> None:
        if self.connection is not None:
            self.connection.close()


def make_app(
    db_path: Path,
    *,
    today: date | None = None,
    content: Content | None = None,
    demo: bool = False,
    passphrase: str | None = None,
    lock_after: float | None = None,
    connection: Connection | None = None,
    config: Config | None = None,
) -> CoachApp:
    """The app as the CLI and the tests start it, with its database opened.

    An encrypted database without `passphrase` (or a new one) is opened in the
    app, which asks for it; `connection` is the database when the caller
    opened it already (the command line does, to report a broken file before
    the screen opens). `lock_after` (seconds) overrides the settings' idle
    time. Without `content` the app reads prompts/ when it first needs them.
    Without `today` the app follows the clock (COACH_TODAY fixes it), also
    past midnight; with it, that date stays. `config` is the settings when the
    caller read them already (the command line does, once per start).
    """
    if config is None:
        config = load_config()
    app = CoachApp(
        connection or open_for_app(db_path, passphrase, demo=demo),
        today or clock.today(),
        content,
        follow_clock=today is None,
        demo=demo,
        db_path=db_path,
        passphrase=passphrase,
        lock_after=lock_after if lock_after is not None else config.idle_lock_minutes * 60,
        backup_keep=config.backup_keep,
        rules=config.continuity_rules(),
    )
    app.default_coach = config.coach
    return app
