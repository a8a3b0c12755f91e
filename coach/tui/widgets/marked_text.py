"""A read-only text with marked stretches (the anonymiser's replacements), a cursor and a selection."""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass

from rich.text import Text
from textual.widgets import TextArea
from textual.widgets.text_area import Document

_WORD = re.compile(r"[\w'’\-@.]+")


@dataclass(frozen=True)
class Mark:
    """A marked stretch of the text: [start, end) and the kind ('auto', 'manual', 'check' or 'current')."""

    start: int
    end: int
    kind: str = "auto"


class MarkedText(TextArea):
    """Shows a text with its marks highlighted; the coach moves, selects, and (when allowed) copies."""

    COMPONENT_CLASSES = {"marked-text--auto", "marked-text--manual", "marked-text--check", "marked-text--current"}
    # 'check': a word still to look at; 'current': the one the check key jumped to.
    DEFAULT_CSS = """
    MarkedText > .marked-text--auto { color: $text-warning; background: $warning-muted; text-style: bold; }
    MarkedText > .marked-text--manual { color: $text-error; background: $error-muted; text-style: bold; }
    MarkedText > .marked-text--check { text-style: underline; }
    MarkedText > .marked-text--current { color: $text; background: $accent; text-style: bold underline; }
    """

    @property
    def plain_document(self) -> Document:
        """The text as a Document, which maps between offsets and (row, column)."""
        document = self.document
        # Without a language or soft wrapping, TextArea keeps a plain Document.
        assert isinstance(document, Document)
        return document

    def __init__(self, *, copy_allowed: bool = True, id: str | None = None, classes: str | None = None) -> None:
        super().__init__("", read_only=True, soft_wrap=True, show_line_numbers=False, id=id, classes=classes)
        self.copy_allowed = copy_allowed
        self.marks: tuple[Mark, ...] = ()
        self._by_line: dict[int, list[tuple[int, int | None, str]]] = {}

    def show(self, text: str, marks: tuple[Mark, ...] | list[Mark] = ()) -> None:
        """Show this text with these marks, keeping the cursor roughly where it was."""
        cursor = self.cursor_location
        self.marks = tuple(marks)
        self.load_text(text)
        self._by_line = self._split(self.marks)
        self.refresh()
        last = self.document.line_count - 1
        row = min(cursor[0], last)
        self.cursor_location = (row, min(cursor[1], len(self.document.get_line(row))))

    def _split(self, marks: tuple[Mark, ...]) -> dict[int, list[tuple[int, int | None, str]]]:
        by_line: dict[int, list[tuple[int, int | None, str]]] = defaultdict(list)
        locate = self.plain_document.get_location_from_index
        for mark in marks:
            (row, col), (end_row, end_col) = locate(mark.start), locate(mark.end)
            if row == end_row:
                by_line[row].append((col, end_col, mark.kind))
                continue
            by_line[row].append((col, None, mark.kind))
            for middle in range(row + 1, end_row):
                by_line[middle].append((0, None, mark.kind))
            by_line[end_row].append((0, end_col, mark.kind))
        return dict(by_line)

    def get_line(self, line_index: int) -> Text:
        line = super().get_line(line_index)
        for start, end, kind in self._by_line.get(line_index, ()):
            line.stylize(self.get_component_rich_style(f"marked-text--{kind}", partial=True), start, end)
        return line

    def set_marks(self, marks: tuple[Mark, ...] | list[Mark]) -> None:
        """Change the marks on the same text (the check key moves its marker)."""
        self.marks = tuple(marks)
        self._by_line = self._split(self.marks)
        self.refresh()

    def follow(self, index: int) -> None:
        """Scroll so the place at this offset is in view (the other pane moved there)."""
        location = self.plain_document.get_location_from_index(min(index, len(self.text)))
        self.cursor_location = location
        self.scroll_cursor_visible(center=True, animate=False)

    def marked_at(self, index: int) -> Mark | None:
        """The mark covering this offset, if any."""
        return next((m for m in self.marks if m.start <= index < m.end), None)

    def chosen_range(self) -> tuple[int, int] | None:
        """The selected stretch as offsets, else the word under the cursor; None on blank space."""
        index = self.plain_document.get_index_from_location
        start, end = sorted((index(self.selection.start), index(self.selection.end)))
        if start != end:
            return start, end
        text = self.text
        for match in _WORD.finditer(text):
            if match.start() <= start <= match.end():
                word = match[0].rstrip(".-")
                return (match.start(), match.start() + len(word)) if word else None
        return None

    def action_copy(self) -> None:
        """Copy the selection, where copying is allowed (never from the source with names)."""
        if self.copy_allowed:
            super().action_copy()
        else:
            self.notify(
                "Uit de bron kopieer je niets: die bevat namen. Kopieer de samenvatting met k.", severity="warning"
            )
