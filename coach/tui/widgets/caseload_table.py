"""The caseload as a virtual table: only the rows on screen are drawn, so 5,000 young people open at once.

Built on the Line API (`ScrollView.render_line`): a fixed header line, one
line per young person, a row cursor, column widths computed from the width
alone (never by measuring every cell), a compact layout at 80 columns and a
wide one on a big screen.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from typing import Any

from rich.cells import cell_len, set_cell_size
from rich.control import strip_control_codes
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.cache import LRUCache
from textual.geometry import Region, Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from coach.domain.caseload import CaseloadEntry
from coach.domain.rhythm import RhythmWeek
from coach.tui.widgets.caseload_columns import (
    CASELOAD_COLUMNS,
    STRIP_WEEKS,
    TAPER_MARK,
    CellContext,
    Column,
    Layout,
    compute_layout,
    repeated_names,
)

SORT_MARK = " ▾"
LINE_CACHE = 1000

# (youth ids, past weeks, weeks ahead) -> rhythm weeks per youth id.
RhythmSource = Callable[[list[int], int, int], dict[int, list[RhythmWeek]]]

STYLE_KEYS = (
    "dim",
    "bold",
    "ok",
    "let_op",
    "te_lang",
    "late",
    "too_long",
    "plaatsgevonden",
    "niet_verschenen",
    "afgezegd",
    "gepland",
    "gap",
)


class CaseloadTable(ScrollView, can_focus=True, inherit_bindings=False):
    """One line per young person; Enter (or a second click) chooses the one under the cursor."""

    BINDINGS = [
        Binding("enter", "choose", "Openen", id="caseload.open", tooltip="Open deze jongere"),
        Binding("up", "move(-1)", "Omhoog", id="caseload.up", show=False),
        Binding("down", "move(1)", "Omlaag", id="caseload.down", show=False),
        Binding("pageup", "page(-1)", "Pagina omhoog", id="caseload.page_up", show=False),
        Binding("pagedown", "page(1)", "Pagina omlaag", id="caseload.page_down", show=False),
        Binding("home", "jump(0)", "Eerste", id="caseload.first", show=False),
        Binding("end", "jump(-1)", "Laatste", id="caseload.last", show=False),
    ]

    COMPONENT_CLASSES = {
        "caseload-table--header",
        "caseload-table--cursor",
        "caseload-table--stripe",
        "caseload-table--empty",
        *(f"caseload-table--{key}" for key in STYLE_KEYS),
    }

    DEFAULT_CSS = """
    CaseloadTable {
        background: $surface;
        overflow-x: hidden;
        scrollbar-size-vertical: 1;
        & > .caseload-table--header { text-style: bold; background: $panel; }
        & > .caseload-table--cursor {
            background: $block-cursor-blurred-background;
            color: $block-cursor-blurred-foreground;
        }
        &:focus > .caseload-table--cursor {
            background: $block-cursor-background;
            color: $block-cursor-foreground;
            text-style: bold;
        }
        & > .caseload-table--stripe { background: $surface-lighten-1 50%; }
        & > .caseload-table--empty { color: $text-muted; text-style: italic; }
        & > .caseload-table--dim { color: $text-muted; }
        & > .caseload-table--bold { text-style: bold; }
        & > .caseload-table--ok { color: $success; }
        & > .caseload-table--let_op { color: $warning; }
        & > .caseload-table--te_lang { color: $error; text-style: bold; }
        & > .caseload-table--late { color: $text-error; text-style: bold; }
        & > .caseload-table--plaatsgevonden { color: $success; }
        & > .caseload-table--niet_verschenen { color: $error; }
        & > .caseload-table--afgezegd { color: $warning; }
        & > .caseload-table--gepland { color: $primary; }
        & > .caseload-table--gap { color: $text-muted; }
        & > .caseload-table--too_long { color: $error; }
    }
    """

    class Chosen(Message):
        """The coach chose a young person to open."""

        def __init__(self, youth_id: int) -> None:
            super().__init__()
            self.youth_id = youth_id

    class Highlighted(Message):
        """The cursor came to rest on another young person (None: the table is empty)."""

        def __init__(self, youth_id: int | None) -> None:
            super().__init__()
            self.youth_id = youth_id

    class HeaderClicked(Message):
        """The coach clicked a column header (to sort by it)."""

        def __init__(self, column: str) -> None:
            super().__init__()
            self.column = column

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self._rows: list[CaseloadEntry] = []
        self._columns: tuple[Column, ...] = CASELOAD_COLUMNS
        self._columns_drawn: tuple[Column, ...] = CASELOAD_COLUMNS
        self._today: date | None = None
        self._cursor = 0
        self._empty_text = ""
        self._repeated: frozenset[str] = frozenset()
        self._may_taper: frozenset[int] = frozenset()
        self._longest_name = 0
        self._layout: Layout | None = None
        self._layout_stale = True
        # Drawn lines by what they show (the row's facts, stripe, cursor, rhythm marks), so a
        # reload or a new order with the same facts draws nothing anew.
        self._lines: LRUCache[tuple[Any, ...], Strip] = LRUCache(LINE_CACHE)
        self._styles: dict[str, Style] | None = None
        self._rhythm: dict[int, list[RhythmWeek]] = {}
        self.rhythm_source: RhythmSource | None = None
        self.sorted_column: str | None = "name"

    # --- data -----------------------------------------------------------------------------

    def show(
        self,
        rows: Sequence[CaseloadEntry],
        today: date,
        *,
        columns: Sequence[Column] = CASELOAD_COLUMNS,
        keep: int | None = None,
        top: bool = False,
        empty_text: str = "",
    ) -> None:
        """Show these rows; the cursor stays on young person `keep` (or the chosen one) when still there.

        With `top` the cursor goes to the first row instead.
        """
        keep = None if top else self.chosen_id if keep is None else keep
        self._rows = list(rows)
        self._today = today
        self._columns = tuple(columns)
        self._empty_text = empty_text
        repeated = repeated_names(self._rows)
        self._measure_names()
        if repeated != self._repeated:
            self._repeated = repeated
            self._lines.clear()  # a name that now repeats (or no longer does) reads differently
        if self._columns is not self._columns_drawn:
            self._lines.clear()  # other columns, other lines
            self._columns_drawn = self._columns
        self._layout_stale = True
        index = next((i for i, row in enumerate(self._rows) if row.id == keep), 0) if keep is not None else 0
        self._cursor = min(index, max(len(self._rows) - 1, 0))
        self._update_virtual_size()
        self._scroll_to_cursor(center=True)
        self.refresh()
        self.post_message(self.Highlighted(self.chosen_id))

    def mark_taper(self, youth_ids: frozenset[int]) -> None:
        """Mark these young people "toe aan afbouw?" (and no others)."""
        if youth_ids != self._may_taper:
            self._may_taper = youth_ids
            self._lines.clear()
            self._measure_names()
            self._layout_stale = True
            self.refresh()

    def _measure_names(self) -> None:
        """The widest name cell, with a number or an afbouw mark beside it, for the name column's width."""
        extra = len(f" · {TAPER_MARK}")
        self._longest_name = max(
            (
                len(row.name)
                + (len(f"nr {row.id} ") if row.name in self._repeated else 0)
                + (extra if row.id in self._may_taper else 0)
                for row in self._rows
            ),
            default=0,
        )

    def clear_rhythm(self) -> None:
        """Forget the loaded rhythm strips (after contacts changed)."""
        self._rhythm.clear()
        self.refresh()

    def forget_rhythm(self, youth_ids: set[int]) -> None:
        """Forget the rhythm strips of these young people (their contacts changed)."""
        for youth_id in youth_ids:
            self._rhythm.pop(youth_id, None)
        self.refresh()

    @property
    def row_count(self) -> int:
        """How many rows the table holds."""
        return len(self._rows)

    @property
    def rows(self) -> list[CaseloadEntry]:
        """The rows in the order shown."""
        return list(self._rows)

    @property
    def cursor_row(self) -> int:
        """The index of the row under the cursor."""
        return self._cursor

    @property
    def chosen_row(self) -> CaseloadEntry | None:
        """The row under the cursor."""
        return self._rows[self._cursor] if self._rows else None

    @property
    def chosen_id(self) -> int | None:
        """The youth id of the row under the cursor."""
        return self._rows[self._cursor].id if self._rows else None

    @property
    def table_layout(self) -> Layout:
        """The columns and widths for the current width."""
        width = self.scrollable_content_region.width
        if self._layout is None or self._layout_stale or self._layout.width != width:
            layout = compute_layout(self._columns, width, self._longest_name)
            if layout != self._layout:
                self._lines.clear()
            self._layout, self._layout_stale = layout, False
        return self._layout

    def row_cells(self, index: int) -> list[str]:
        """The plain text of each visible cell of a row, as the coach reads it (for tests and checks)."""
        context = self._cell_context()
        return [
            "".join(text for text, _ in column.cell(self._rows[index], context))
            for column, _ in self.table_layout.columns
        ]

    def header_cells(self) -> list[str]:
        """The plain text of each header."""
        return [self._header_title(column) for column, _ in self.table_layout.columns]

    # --- cursor and keys ------------------------------------------------------------------

    def move_cursor(self, index: int) -> None:
        """Put the cursor on row `index` (clamped) and scroll it into view."""
        if not self._rows:
            return
        index = max(0, min(index, len(self._rows) - 1))
        if index != self._cursor:
            old, self._cursor = self._cursor, index
            self._refresh_row(old)
            self._refresh_row(index)
            self.post_message(self.Highlighted(self.chosen_id))
        self._scroll_to_cursor()

    def action_move(self, step: int) -> None:
        self.move_cursor(self._cursor + step)

    def action_page(self, direction: int) -> None:
        self.move_cursor(self._cursor + direction * max(self._page_height - 1, 1))

    def action_jump(self, index: int) -> None:
        self.move_cursor(len(self._rows) - 1 if index < 0 else index)

    def action_choose(self) -> None:
        if self.chosen_id is not None:
            self.post_message(self.Chosen(self.chosen_id))

    async def _on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None:
            return
        event.stop()
        if offset.y == 0:
            column = self.table_layout.column_at(offset.x)
            if column is not None:
                self.post_message(self.HeaderClicked(column.key))
            return
        index = int(self.scroll_offset.y) + offset.y - 1
        if not 0 <= index < len(self._rows):
            return
        if index == self._cursor or event.chain > 1:
            self.move_cursor(index)
            self.action_choose()
        else:
            self.move_cursor(index)

    @property
    def _page_height(self) -> int:
        return max(self.scrollable_content_region.height - 1, 1)

    def _scroll_to_cursor(self, center: bool = False) -> None:
        top, height = int(self.scroll_offset.y), self._page_height
        if center and not top <= self._cursor < top + height:
            self.scroll_to(y=max(self._cursor - height // 2, 0), animate=False)
        elif self._cursor < top:
            self.scroll_to(y=self._cursor, animate=False)
        elif self._cursor >= top + height:
            self.scroll_to(y=self._cursor - height + 1, animate=False)

    def _refresh_row(self, index: int) -> None:
        self.refresh_line(index + 1)

    # --- drawing --------------------------------------------------------------------------

    def on_resize(self, event: events.Resize) -> None:
        self._update_virtual_size()
        self._scroll_to_cursor()

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._styles = None
        self._lines.clear()

    def _update_virtual_size(self) -> None:
        self.virtual_size = Size(self.scrollable_content_region.width, len(self._rows) + 1)

    def _cell_context(self) -> CellContext:
        assert self._today is not None
        return CellContext(self._today, self.table_layout.compact, self._rhythm, self._repeated, self._may_taper)

    def _style(self, key: str | None) -> Style | None:
        if key is None:
            return None
        if self._styles is None:
            self._line_style("base")
        assert self._styles is not None
        return self._styles.get(key)

    def _header_title(self, column: Column) -> str:
        title = column.title(self.table_layout.compact)
        return title + SORT_MARK if column.key == self.sorted_column else title

    def render_lines(self, crop: Region) -> list[Strip]:
        self._load_rhythm()
        return super().render_lines(crop)

    def _load_rhythm(self) -> None:
        """Fetch the rhythm strips of the rows on screen that are not loaded yet (one query)."""
        layout = self.table_layout
        if self.rhythm_source is None or not any(column.key == "strip" for column, _ in layout.columns):
            return
        top = int(self.scroll_offset.y)
        visible = self._rows[top : top + self._page_height]
        missing = [row.id for row in visible if row.id not in self._rhythm]
        if missing:
            weeks, ahead = STRIP_WEEKS[layout.compact]
            self._rhythm.update(self.rhythm_source(missing, weeks, ahead))

    def render_line(self, y: int) -> Strip:
        layout = self.table_layout
        if y == 0:
            return self._header_line(layout)
        index = int(self.scroll_offset.y) + y - 1
        if index >= len(self._rows):
            if index == 0 and self._empty_text:
                return self._strip(Text(" " + self._empty_text, no_wrap=True, end=""), layout.width, "empty")
            return Strip.blank(layout.width, self._line_style("base"))
        is_cursor = index == self._cursor
        row = self._rows[index]
        weeks = self._rhythm.get(row.id)
        marks = tuple((week.mark, week.too_long) for week in weeks) if weeks is not None else None
        key = (row, index % 2, is_cursor, marks)
        strip = self._lines.get(key)
        if strip is None:
            strip = self._row_line(index, layout, is_cursor)
            self._lines.set(key, strip)
        return strip

    def _line_style(self, kind: str) -> Style:
        """The style of a whole line: base, header, cursor, stripe or empty (cached until the styles change)."""
        if self._styles is None:
            self._styles = {k: self.get_component_rich_style(f"caseload-table--{k}", partial=True) for k in STYLE_KEYS}
        key = f"line:{kind}"
        if key not in self._styles:
            base = self.rich_style
            self._styles[key] = (
                base if kind == "base" else base + self.get_component_rich_style(f"caseload-table--{kind}")
            )
        return self._styles[key]

    def _strip(self, line: Text, width: int, kind: str) -> Strip:
        """One strip for a whole line: the line style beneath, the cells' own styles on top."""
        line.style = self._line_style(kind)
        line.truncate(width, overflow="crop", pad=True)
        return Strip(line.render(self.app.console), width)

    def _header_line(self, layout: Layout) -> Strip:
        line = Text(" ", no_wrap=True, end="")
        last = len(layout.columns) - 1
        for position, (column, width) in enumerate(layout.columns):
            cell = Text(self._header_title(column), no_wrap=True, end="")
            cell.truncate(width, overflow="ellipsis", pad=position < last)
            line.append_text(cell)
            if position < last:
                line.append(" " * layout.gap)
        return self._strip(line, layout.width, "header")

    def _row_line(self, index: int, layout: Layout, is_cursor: bool) -> Strip:
        row = self._rows[index]
        context = CellContext(
            self._today or date.today(), layout.compact, self._rhythm, self._repeated, self._may_taper
        )
        # Pieces straight to segments, the way Text renders them: a row holds some twenty pieces (the
        # rhythm strip one per week), and building a Text of them took most of a first paint's table.
        line = Line(" ")
        last = len(layout.columns) - 1
        for position, (column, width) in enumerate(layout.columns):
            line.add_cell([(text, self._style(key)) for text, key in column.cell(row, context)], width, position < last)
            if position < last:
                line.add(" " * layout.gap)
        base = self._line_style("cursor" if is_cursor else "stripe" if index % 2 else "base")
        return line.strip(layout.width, base)


class Line:
    """One table line as runs of text, cut and padded as Rich's Text.truncate would, rendered as Text renders.

    A run with a style is one segment (as a span is); text without a style of its
    own joins the run of unstyled text before it. Cuts go through Rich's own
    set_cell_size on the whole cell or line, so wide and zero-width characters
    fall where Text puts them.
    """

    def __init__(self, text: str = "") -> None:
        self._runs: list[tuple[str, Style | None]] = []
        self._length = 0
        self.add(text)

    def add(self, text: str, style: Style | None = None) -> None:
        """Add text, on the line's own style (None) or with a style of its own."""
        if not text:
            return  # as Text.append: no span, no segment
        if style is None and self._runs and self._runs[-1][1] is None:
            self._runs[-1] = (self._runs[-1][0] + text, None)
        else:
            self._runs.append((text, style))
        self._length += cell_len(text)

    def add_cell(self, pieces: Sequence[tuple[str, Style | None]], width: int, pad: bool) -> None:
        """A cell of `width` cells: cut with "…" when it holds more (in the style of the piece cut), padded when `pad`."""
        texts = [strip_control_codes(text) for text, _ in pieces]
        plain = "".join(texts)
        length = cell_len(plain)
        if length <= width:
            for text, (_, style) in zip(texts, pieces, strict=True):
                self.add(text, style)
            if pad and length < width:
                self.add(" " * (width - length))
            return
        kept = set_cell_size(plain, width - 1)
        start = 0
        for text, (_, style) in zip(texts, pieces, strict=True):
            end = start + len(text)
            if start <= len(kept) < end:  # the piece the cut falls in carries the ellipsis
                self.add(kept[start:] + "…", style)
                return
            self.add(kept[start:end], style)
            start = end

    def strip(self, width: int, base: Style) -> Strip:
        """The line, cropped or padded to `width` cells, on the `base` style (the line itself stays as it is)."""
        if self._length > width:
            runs = self._cropped(width)
        elif self._length < width:
            padded = Line()
            padded._runs = list(self._runs)
            padded.add(" " * (width - self._length))  # joins the unstyled text before it, as Text's padding does
            runs = padded._runs
        else:
            runs = self._runs
        return Strip([Segment(text, base if style is None else base + style) for text, style in runs], width)

    def _cropped(self, width: int) -> list[tuple[str, Style | None]]:
        """The runs cut to `width` cells, where Text.truncate cuts the same text."""
        kept = set_cell_size("".join(text for text, _ in self._runs), width)
        runs, start = [], 0
        for text, style in self._runs:
            if part := kept[start : start + len(text)]:
                runs.append((part, style))
            start += len(text)
        return runs
