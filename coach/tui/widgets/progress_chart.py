"""All 13 domains now against the baseline: paired bars, a sign for up or down, and the trend line."""

from __future__ import annotations

from datetime import date
from typing import Any

from textual.content import Content
from textual.widget import Widget

from coach.content.model import Content as PromptContent
from coach.domain.calendar_words import short_date
from coach.domain.model import Assessment
from coach.domain.trend import DOWN, SAME, UP, DomainChange, measurement_dates, sparkline, summary, whole_picture
from coach.tui.widgets.fitted import Fitted

# Sign and theme colour per direction: the sign carries the meaning, colour only helps.
SIGNS: dict[str | None, tuple[str, str]] = {
    UP: ("▲", "$success"),
    DOWN: ("▼", "$error"),
    SAME: ("=", "$foreground-muted"),
    None: (" ", "$foreground-muted"),
}
FILLED, EMPTY = "█", "░"
BASE_FILLED = "▒"
WIDE = 100  # from this width on, each score point takes two cells


def level_colour(score: int) -> str:
    """The theme colour of a score: low scores warn, high scores reassure."""
    return "$error" if score <= 2 else ("$warning" if score == 3 else "$success")


def score_bar(score: int | None, cell: int, *, baseline: bool) -> Content:
    """A bar of `score` points out of five, each point `cell` cells wide."""
    if score is None:
        return Content.from_markup("[$foreground-muted]$dots[/]", dots="·" * (5 * cell))
    filled = (BASE_FILLED if baseline else FILLED) * (score * cell)
    style = "$foreground-muted" if baseline else level_colour(score)
    return Content.from_markup(
        f"[{style}]$filled[/][$foreground-muted 40%]$empty[/]", filled=filled, empty=EMPTY * ((5 - score) * cell)
    )


def chart_line(change: DomainChange, label: str, cell: int, label_width: int, spark_width: int) -> Content:
    """'Financiën   ▒▒░░░ 1  ▲ +2  ███░░ 3  ▁▃▄' — the baseline, the change, now, the trend."""
    sign, colour = SIGNS[change.direction]
    delta = change.delta
    shown_delta = f"{delta:+d}" if delta not in (None, 0) and change.direction else ""
    line = Content(label[:label_width].ljust(label_width) + " ")
    line += score_bar(change.baseline, cell, baseline=True)
    line += Content(f" {change.baseline if change.baseline is not None else ' '}  ")
    line += Content.from_markup(f"[b {colour}]$sign[/] [{colour}]$delta[/] ", sign=sign, delta=shown_delta.ljust(2))
    line += score_bar(change.now, cell, baseline=False)
    line += Content.from_markup(" [b]$now[/]  ", now=str(change.now) if change.now is not None else " ")
    if spark_width > 0 and len(change.series) > 1:
        line += Content.from_markup("[$primary]$spark[/]", spark=sparkline(list(change.series), spark_width))
    return line


class ProgressChart(Widget):
    """The whole picture: each domain's first score (▒, dim) and latest score (█, coloured), side by side."""

    DEFAULT_CSS = """
    ProgressChart {
        height: auto;
        padding: 0 1;
    }
    """

    def __init__(self, assessments: list[Assessment], content: PromptContent, today: date, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._content = content
        self._today = today
        self.changes = whole_picture(assessments)
        self.dates = measurement_dates(assessments)
        # Kept, so each width is drawn once: Textual renders again after every layout.
        self._fitted = Fitted(self._chart)

    def render(self) -> Content | Fitted:
        if not self.dates:
            return Content.from_markup(
                "[$foreground-muted]Nog geen meting. Na de intake staat hier het begin, en na een vervolgmeting (m) hoe het veranderd is.[/]"
            )
        return self._fitted

    def _chart(self, width: int) -> Content:
        width = max(width, 40)
        cell = 2 if width >= WIDE else 1
        wide_labels = width >= 70
        labels = {d.key: (d.label if wide_labels else d.short) for d in self._content.domains}
        label_width = min(max(len(text) for text in labels.values()), 30 if wide_labels else 13)
        fixed = label_width + 1 + 5 * cell + 9 + 5 * cell + 5
        spark_width = max(0, min(len(self.dates), width - fixed - 1, 24))
        lines = [self._heading(label_width, cell)]
        lines += [chart_line(c, labels.get(c.domain, c.domain), cell, label_width, spark_width) for c in self.changes]
        lines.append(self._summary())
        return Content("\n").join(lines)

    def _heading(self, label_width: int, cell: int) -> Content:
        # Column heads over the baseline bar, the now bar and the trend line (see chart_line).
        text = " " * (label_width + 1) + "begin".ljust(5 * cell + 9) + "nu".ljust(5 * cell + 4) + "verloop"
        return Content.from_markup("[$foreground-muted]$text[/]", text=text)

    def _summary(self) -> Content:
        counts = summary(self.changes)
        first = self.dates[0]
        if len(self.dates) < 2:
            return Content.from_markup(
                "[$foreground-muted]Eén meting ($day): na een vervolgmeting (m) zie je hier wat er veranderd is.[/]",
                day=short_date(first, self._today),
            )
        parts = [
            f"{len(self.dates)} metingen sinds {short_date(first, self._today)}",
            f"▲ {counts[UP]} beter",
            f"▼ {counts[DOWN]} minder",
            f"= {counts[SAME]} gelijk",
        ]
        return Content.from_markup("[$foreground-muted]$text[/]", text=" · ".join(parts))
