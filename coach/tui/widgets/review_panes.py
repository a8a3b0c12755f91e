"""The summary beside its source, every replacement marked; the coach's cursor moves both together.

The summary shows either as marked text (to check and hide) or formatted, as the group will read it.
The check key walks the words still to look at: capitalised words and numbers someone wrote.
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Markdown, Static, TextArea
from textual.widgets.text_area import Selection

from coach.reports.summary import Summary
from coach.tui.widgets.marked_text import Mark, MarkedText


class ReviewPanes(Horizontal):
    """Left the anonymised summary (it may be copied), right the source with names (it may not)."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.summary: Summary | None = None
        self.following = True  # keep the other pane in step (only sensible side by side)
        self.checks: list[tuple[int, int]] = []  # words still to look at, in the text
        self.check_at: int | None = None  # which of them the check key is on
        self._formatted_text: str | None = None  # still to render in the formatted view

    TITLE = "Samenvatting · zo gaat hij de deur uit"

    def compose(self) -> ComposeResult:
        with Vertical(id="iv-summary-box", classes="iv-pane"):
            yield Static(self.TITLE, classes="iv-pane-title", id="iv-summary-title")
            yield MarkedText(id="iv-summary")
            # The formatted view (a Markdown widget) is mounted when first asked for: it slows the first paint.
        with Vertical(id="iv-source-box", classes="iv-pane"):
            yield Static("Bron · met namen, alleen voor jou", classes="iv-pane-title")
            yield MarkedText(copy_allowed=False, id="iv-source")

    @property
    def text_pane(self) -> MarkedText:
        """The anonymised summary."""
        return self.query_one("#iv-summary", MarkedText)

    @property
    def source_pane(self) -> MarkedText:
        """The source, with names."""
        return self.query_one("#iv-source", MarkedText)

    @property
    def formatted(self) -> Markdown | None:
        """The summary as formatted text, once it was shown."""
        found = self.query("#iv-formatted")
        return found.first(Markdown) if found else None

    def wait(self, message: str) -> None:
        """Show a message instead of a summary (while it is being made)."""
        self.text_pane.show(message)
        self.source_pane.show("")
        self._formatted_text = message
        if self.formatted is not None and self.formatted.display:
            self.show_formatted()

    def show(self, summary: Summary) -> None:
        """Show this summary and its source, the replacements marked in both."""
        self.summary = summary
        kind = {True: "manual", False: "auto"}
        marks = summary.replacements
        self.checks = summary.check_points()
        self.check_at = None
        self.text_pane.show(summary.text, self._text_marks())
        self.source_pane.show(
            summary.review_source(), [Mark(r.start, r.end, kind[r.source == "manual"]) for r in marks]
        )
        self._formatted_text = summary.text
        if self.formatted is not None and self.formatted.display:
            self.show_formatted()
        self._title()

    def show_formatted(self) -> Markdown:
        """Render the summary as formatted text; only when it is shown, as rendering a long text takes a while."""
        formatted = self.formatted
        if formatted is None:
            formatted = Markdown(self._formatted_text, id="iv-formatted")
            self.query_one("#iv-summary-box").mount(formatted)
        elif self._formatted_text is not None:
            formatted.update(self._formatted_text)
        self._formatted_text = None
        return formatted

    def _text_marks(self) -> list[Mark]:
        if self.summary is None:
            return []
        marks = [
            Mark(r.out_start, r.out_end, "manual" if r.source == "manual" else "auto")
            for r in self.summary.replacements
        ]
        for index, (start, end) in enumerate(self.checks):
            marks.append(Mark(start, end, "current" if index == self.check_at else "check"))
        return marks

    def _title(self) -> None:
        title = self.TITLE
        if self.checks and self.check_at is not None:
            title = f"Samenvatting · nalopen {self.check_at + 1} van {len(self.checks)} (n: volgende)"
        elif self.checks:
            title = f"Samenvatting · {len(self.checks)} om na te lopen (n)"
        self.query_one("#iv-summary-title", Static).update(title)

    def next_check(self) -> tuple[int, int] | None:
        """Move the marker and the cursor to the next word to look at; (number, count), or None when there are none."""
        if not self.checks:
            return None
        self.check_at = 0 if self.check_at is None else (self.check_at + 1) % len(self.checks)
        start, end = self.checks[self.check_at]
        pane = self.text_pane
        pane.set_marks(self._text_marks())
        locate = pane.plain_document.get_location_from_index
        pane.selection = Selection(locate(start), locate(end))
        pane.scroll_cursor_visible(center=True, animate=False)
        self._title()
        return self.check_at + 1, len(self.checks)

    def chosen_source_range(self, focused: object) -> tuple[int, int] | None:
        """The stretch of the source the coach picked: in the focused pane, else in the summary."""
        if self.summary is None:
            return None
        pane = focused if isinstance(focused, MarkedText) else self.text_pane
        chosen = pane.chosen_range()
        if chosen is None:
            return None
        return chosen if pane is self.source_pane else self.summary.source_range(*chosen)

    @on(TextArea.SelectionChanged)
    def _follow(self, event: TextArea.SelectionChanged) -> None:
        """Keep the other pane at the same place, so the coach reads both side by side."""
        pane = event.text_area
        if not isinstance(pane, MarkedText) or self.summary is None or not pane.has_focus or not self.following:
            return
        index = pane.plain_document.get_index_from_location(pane.cursor_location)
        if pane is self.text_pane:
            self.source_pane.follow(self.summary.source_range(index, index)[0])
        else:
            self.text_pane.follow(self.summary.text_position(index))
