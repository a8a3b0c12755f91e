"""The caseload: who is in an open trajectory, when they were last seen, what is overdue."""

from __future__ import annotations

from datetime import date

from sqlite_utils import Database
from textual.app import ComposeResult
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, Header, Static

from coach.domain.caseload import CaseloadEntry
from coach.domain.continuity import LET_OP, TE_LANG
from coach.store.caseload import caseload
from coach.store.cases import youth_ids
from coach.tui.widgets.caseload_table import CaseloadTable

ALL_CLOSED_TEXT = """\
[b]Geen jongeren in een lopend traject.[/b]

Alle trajecten in deze database zijn afgesloten. Een nieuwe jongere voeg je toe \
met [b]coach import BESTAND.json[/b]."""

EMPTY_TEXT = """\
[b]Nog geen jongeren in deze database.[/b]

Voeg jongeren toe met [b]coach import BESTAND.json[/b] (een of meer casusbestanden).

Eerst rondkijken? Start [b]coach demo[/b]: dat opent de app met fictieve jongeren, \
los van je eigen gegevens."""


class CaseloadScreen(Screen):
    """The weekly desk view, and the app's first screen."""

    def __init__(self, db: Database, today: date) -> None:
        super().__init__()
        self._db = db
        self._today = today
        self.entries: list[CaseloadEntry] = []

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(id="summary")
        yield CaseloadTable(id="caseload-table")
        yield Static(id="empty")
        yield Footer()

    def on_screen_resume(self) -> None:
        # Reload each time the screen comes back: another screen may have changed a case.
        self.reload()

    def reload(self) -> None:
        """Read the caseload again and show it."""
        self.entries = caseload(self._db, self._today)
        self.set_class(not self.entries, "-empty")
        self.query_one("#summary", Static).update(summary_line(self.entries))
        table = self.query_one(CaseloadTable)
        table.show(self.entries, self._today)
        # A hidden, empty table should neither take focus nor offer "Openen".
        table.disabled = not self.entries
        if self.entries:
            table.focus()
        else:
            text = ALL_CLOSED_TEXT if youth_ids(self._db) else EMPTY_TEXT
            self.query_one("#empty", Static).update(Content.from_markup(text))


def summary_line(entries: list[CaseloadEntry]) -> Content:
    """'8 jongeren · ● 2 te lang · ● 3 let op' (or that all is on course)."""
    if not entries:
        return Content("")
    count = len(entries)
    parts = [Content.from_markup("[b]$n[/b] " + ("jongere" if count == 1 else "jongeren"), n=str(count))]
    too_long = sum(entry.continuity == TE_LANG for entry in entries)
    attention = sum(entry.continuity == LET_OP for entry in entries)
    overdue = sum(entry.overdue_agreements > 0 for entry in entries)
    if too_long:
        parts.append(Content.from_markup("[$error]●[/] [b]$n[/b] te lang", n=str(too_long)))
    if attention:
        parts.append(Content.from_markup("[$warning]●[/] [b]$n[/b] let op", n=str(attention)))
    if overdue:
        parts.append(Content.from_markup("[b]$n[/b] met afspraken te laat", n=str(overdue)))
    if not (too_long or attention):
        parts.append(Content.from_markup("[$success]●[/] iedereen op koers"))
    return Content(" · ").join(parts)
