"""The coach app: bindings, styles and the first screen; screens do the rest."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Iterable

from sqlite_utils import Database
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.command import CommandPalette
from textual.screen import Screen

from coach import clock
from coach.conversation.prompts import load_content
from coach.domain.domains import Content
from coach.store.cases import load_case
from coach.store.caseload import caseload_entry
from coach.store.db import open_db
from coach.tui.commands import YouthCommands
from coach.tui.screens.caseload import CaseloadScreen
from coach.tui.screens.youth import YouthScreen
from coach.tui.widgets.caseload_table import CaseloadTable

DEMO_SUBTITLE = "Demo — fictieve jongeren, niet versleuteld"


class CoachApp(App):
    """The jongerencoach's terminal app."""

    CSS_PATH = "coach.tcss"
    TITLE = "coach"
    COMMANDS = App.COMMANDS | {YouthCommands}
    # "?" and "f1" stay free for the help screen (the coach's handbook).
    BINDINGS = [
        Binding("q", "quit", "Stoppen", id="app.quit", tooltip="Sluit coach af"),
        Binding("ctrl+p", "command_palette", "Zoeken", id="app.command_palette", show=False, priority=True,
                tooltip="Zoek een jongere of een opdracht"),
    ]

    def __init__(self, db: Database, today: date, content: Content, *, demo: bool = False) -> None:
        super().__init__()
        self.db = db
        self.today = today
        self.content = content
        self.demo = demo
        if demo:
            self.sub_title = DEMO_SUBTITLE

    def action_command_palette(self) -> None:
        """Open the command palette with a Dutch prompt."""
        if self.use_command_palette and not CommandPalette.is_open(self):
            self.push_screen(CommandPalette(id="--command-palette", placeholder="Zoek een jongere of een opdracht…"))

    def get_default_screen(self) -> Screen:
        return CaseloadScreen(self.db, self.today)

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        # Dutch names; no screenshot command, as a screenshot file would hold names.
        yield SystemCommand("Kleuren", "Kies een ander kleurthema", self.action_change_theme)
        if screen.query("HelpPanel"):
            yield SystemCommand("Toetsen", "Verberg de sneltoetsen", self.action_hide_help_panel)
        else:
            yield SystemCommand("Toetsen", "Toon de sneltoetsen van dit scherm", self.action_show_help_panel)
        yield SystemCommand("Stoppen", "Sluit coach af", self.action_quit)

    def on_caseload_table_chosen(self, message: CaseloadTable.Chosen) -> None:
        self.open_youth(message.youth_id)

    def open_youth(self, youth_id: int) -> None:
        """Show this young person's screen (replacing another young person's, if one is open)."""
        case = load_case(self.db, youth_id)
        entry = caseload_entry(self.db, youth_id, self.today)
        if case is None or entry is None:
            self.notify("Deze jongere staat niet (meer) in de database.", severity="warning")
            return
        screen = YouthScreen(case, entry, self.today, self.content)
        if isinstance(self.screen, YouthScreen):
            self.switch_screen(screen)
        else:
            self.push_screen(screen)

    def on_unmount(self) -> None:
        self.db.close()


def make_app(
    db_path: Path, *, today: date | None = None, content: Content | None = None, demo: bool = False
) -> CoachApp:
    """The app as the CLI and the tests start it: database opened, content loaded, date fixed."""
    return CoachApp(
        open_db(db_path),
        today or clock.today(),
        content or load_content(),
        demo=demo,
    )
