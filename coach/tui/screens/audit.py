"""The audit trail of one young person: what changed in their file, and when (never what it said)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.widgets import DataTable, Header, Static

from coach.reports.record_labels import ACTION_LABELS, field_label, record_label
from coach.store.audit import AuditEntry
from coach.tui.context import CoachScreen
from coach.tui.widgets.coach_footer import CoachFooter

INTRO = (
    "Elke wijziging in dit dossier wordt bijgehouden: wat en wanneer, niet de inhoud. "
    "Het logboek kan niet worden aangepast."
)


class AuditScreen(CoachScreen[None]):
    """The young person's audit trail, newest first; Esc goes back."""

    CSS_PATH = "safety.tcss"
    BINDINGS = [Binding("escape", "back", "Terug", id="audit.back", tooltip="Terug naar de jongere")]

    def __init__(self, name: str, entries: list[AuditEntry]) -> None:
        super().__init__()
        self._name = name
        self.entries = entries

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(
            Content.from_markup("[b]Logboek van $name[/b]\n$intro", name=self._name, intro=INTRO), id="audit-intro"
        )
        yield DataTable(id="audit-table", cursor_type="row", zebra_stripes=True)
        yield Static("Nog niets vastgelegd.", id="audit-empty")
        yield CoachFooter()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_columns("wanneer", "wat", "onderdeel", "velden")
        for entry in self.entries:
            table.add_row(
                f"{entry.at:%d-%m-%Y %H:%M}",
                ACTION_LABELS.get(entry.action, entry.action),
                record_label(entry.table),
                ", ".join(field_label(field) for field in entry.fields),
            )
        self.set_class(not self.entries, "-empty")
        table.focus()

    def action_back(self) -> None:
        self.dismiss()
