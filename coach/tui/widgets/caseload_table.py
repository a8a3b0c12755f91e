"""The caseload as a table that fits its width: full words when wide, abbreviations at 80 columns."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from rich.style import Style
from rich.text import Text
from textual.binding import Binding
from textual.events import Resize
from textual.message import Message
from textual.widgets import DataTable

from coach.domain.caseload import CaseloadEntry
from coach.domain.model import PHASE_LABELS
from coach.tui.formatting import (
    CONTINUITY_COLOURS,
    continuity_word,
    days_ago,
    moment,
    short_date,
)

# Below this width the table switches to short headers and compact cells.
COMPACT_BELOW = 110
NAME_MIN = 12


class CaseloadTable(DataTable):
    """One row per young person; Enter chooses the young person under the cursor."""

    BINDINGS = [
        Binding("enter", "select_cursor", "Openen", id="caseload.open", tooltip="Open deze jongere"),
    ]

    @dataclass
    class Chosen(Message):
        """The coach chose a young person to open."""

        youth_id: int

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes, cursor_type="row", zebra_stripes=True)
        self._entries: list[CaseloadEntry] = []
        self._today: date | None = None
        self._shown_width: int | None = None

    def show(self, entries: list[CaseloadEntry], today: date) -> None:
        """Fill the table, keeping the cursor on the same young person when possible."""
        self._entries = list(entries)
        self._today = today
        self._rebuild()

    @property
    def chosen_id(self) -> int | None:
        """The youth id of the row under the cursor."""
        if not self._entries or not self.is_valid_row_index(self.cursor_row):
            return None
        return self._entries[self.cursor_row].id

    def on_resize(self, event: Resize) -> None:
        if event.size.width != self._shown_width:
            self._rebuild()

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.post_message(self.Chosen(int(event.row_key.value)))

    def _rebuild(self) -> None:
        width = self.size.width
        if self._today is None or width == 0:
            return
        self._shown_width = width
        keep = self.chosen_id
        compact = width < COMPACT_BELOW
        headers = [
            Text(header)
            for header in (
                ("Naam", "Fase", "Laatst gezien", "Ritme", "Volgende", "Afspraken")
                if compact
                else ("Naam", "Fase", "Laatste contact", "Contactritme", "Volgende contact", "Open afspraken")
            )
        ]
        rows = [self._cells(entry, compact) for entry in self._entries]
        if compact:
            # One space between columns instead of two leaves the name room at 80 columns.
            self.cell_padding = 0
            for cell in [*headers, *(cell for row in rows for cell in row)]:
                cell.pad_left(1)
        else:
            self.cell_padding = 1
        widths = [max(cell.cell_len for cell in [header, *(row[i] for row in rows)]) for i, header in enumerate(headers)]
        # The name takes what the other columns leave; long names get an ellipsis.
        padding = 2 * self.cell_padding * len(headers)
        # A vertical scrollbar only appears when the rows do not fit (the header takes one line).
        scrollbar = self.styles.scrollbar_size_vertical if len(rows) + 1 > self.size.height else 0
        widths[0] = max(NAME_MIN, min(widths[0], width - padding - scrollbar - sum(widths[1:])))
        self.clear(columns=True)
        for header, column_width in zip(headers, widths):
            self.add_column(header, width=column_width)
        for entry, row in zip(self._entries, rows):
            self.add_row(*row, key=str(entry.id))
        if keep is not None:
            index = next((i for i, entry in enumerate(self._entries) if entry.id == keep), 0)
            self.move_cursor(row=index)

    def _colour(self, name: str) -> Style:
        return Style(color=self.app.theme_variables.get(name))

    def _cells(self, entry: CaseloadEntry, compact: bool) -> list[Text]:
        today = self._today
        assert today is not None
        dim = Style(dim=True)

        if entry.last_contact is not None:
            last = Text(f"{short_date(entry.last_contact, today)} · {days_ago(entry.days_since_contact, compact=compact)}")
        else:
            last = Text("nog geen", style=dim)
            if entry.days_since_contact is not None:
                last.append(f" · {days_ago(entry.days_since_contact, compact=compact)}")

        rhythm = Text(continuity_word(entry.continuity))
        if entry.continuity is not None:
            rhythm.stylize(self._colour(CONTINUITY_COLOURS[entry.continuity]), 0, 1)
            if entry.continuity != "ok":
                rhythm.stylize(Style(bold=True))

        if entry.next_contact is None:
            upcoming = Text("—" if compact else "niet gepland", style=dim)
        elif compact:
            upcoming = Text(short_date(entry.next_contact.date(), today))
        else:
            upcoming = Text(moment(entry.next_contact, today))

        if entry.open_agreements == 0:
            agreements = Text("geen", style=dim)
        else:
            agreements = Text(f"{entry.open_agreements}" if compact else f"{entry.open_agreements} open")
            if entry.overdue_agreements:
                agreements.append(" · ")
                agreements.append(f"{entry.overdue_agreements} te laat", style=self._colour("error") + Style(bold=True))

        cells = [Text(entry.name), Text(PHASE_LABELS.get(entry.phase, entry.phase)), last, rhythm, upcoming, agreements]
        for cell in cells:
            cell.no_wrap = True
            cell.overflow = "ellipsis"
        return cells
