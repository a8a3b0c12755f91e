"""The summary beside its source, every replacement marked; the coach's cursor moves both together."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Static, TextArea

from coach.reports.summary import Summary
from coach.tui.widgets.marked_text import Mark, MarkedText


class ReviewPanes(Horizontal):
    """Left the anonymised summary (it may be copied), right the source with names (it may not)."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.summary: Summary | None = None
        self.following = True  # keep the other pane in step (only sensible side by side)

    def compose(self) -> ComposeResult:
        with Vertical(id="iv-summary-box", classes="iv-pane"):
            yield Static("Samenvatting · zo gaat hij de deur uit", classes="iv-pane-title")
            yield MarkedText(id="iv-summary")
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

    def wait(self, message: str) -> None:
        """Show a message instead of a summary (while it is being made)."""
        self.text_pane.show(message)
        self.source_pane.show("")

    def show(self, summary: Summary) -> None:
        """Show this summary and its source, the replacements marked in both."""
        self.summary = summary
        kind = {True: "manual", False: "auto"}
        marks = summary.replacements
        self.text_pane.show(summary.text, [Mark(r.out_start, r.out_end, kind[r.source == "manual"]) for r in marks])
        self.source_pane.show(
            summary.review_source(), [Mark(r.start, r.end, kind[r.source == "manual"]) for r in marks]
        )

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
