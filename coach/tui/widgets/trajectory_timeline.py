"""The trajectory as a timeline: one bar with each phase as long as it lasted, then the phases listed."""

from __future__ import annotations

from datetime import date
from typing import Any

from textual.content import Content
from textual.widget import Widget

from coach.domain.calendar_words import short_date
from coach.domain.model import PhaseEntry
from coach.domain.trajectory import PhaseSpan, timeline
from coach.tui.widgets.fitted import Fitted

# Theme colour per phase; the names beside them carry the meaning.
PHASE_COLOURS: dict[str, str] = {
    "aanmelding": "$secondary-muted",
    "intake": "$secondary",
    "begeleiding": "$primary",
    "afbouw": "$accent",
    "nazorg": "$success",
    "afgesloten": "$panel-lighten-2",
}


def span_length(span: PhaseSpan, today: date) -> str:
    """'3 weken', '5 dagen', '4 maanden'."""
    days = span.days(today)
    if days == 0:
        return "net begonnen" if span.until is None else "1 dag"
    if days < 14:
        return "1 dag" if days == 1 else f"{days} dagen"
    if days < 70:
        return f"{days // 7} weken"
    months = round(days / 30.4)
    return "1 maand" if months == 1 else f"{months} maanden"


def bar_widths(spans: list[PhaseSpan], today: date, width: int) -> list[int]:
    """Cells per span, proportional to its days, each at least 1, together exactly `width`."""
    if not spans or width <= 0:
        return []
    if width < len(spans):
        return [1] * len(spans)
    days = [max(span.days(today), 1) for span in spans]
    total = sum(days)
    widths = [max(1, (d * width) // total) for d in days]
    # Hand the rounding rest to the longest spans so the bar fills the line.
    order = sorted(range(len(spans)), key=lambda i: days[i], reverse=True)
    index = 0
    while sum(widths) < width:
        widths[order[index % len(order)]] += 1
        index += 1
    while sum(widths) > width:
        largest = max(range(len(widths)), key=lambda i: widths[i])
        widths[largest] -= 1
    return widths


class TrajectoryTimeline(Widget):
    """A proportional bar of the phases, then one line per phase with its dates and note."""

    DEFAULT_CSS = """
    TrajectoryTimeline {
        height: auto;
        padding: 0 1;
    }
    """

    def __init__(self, phases: list[PhaseEntry], today: date, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.spans = timeline(phases)
        # Kept, so each width is drawn once: Textual renders again after every layout.
        self._fitted = Fitted(self._timeline)
        self._today = today

    def render(self) -> Content | Fitted:
        if not self.spans:
            return Content.from_markup("[$foreground-muted]Nog geen fasen vastgelegd.[/]")
        return self._fitted

    def _timeline(self, width: int) -> Content:
        width = max(width, 10)
        periods = [self._period(span) for span in self.spans]
        period_width = max(len(text) for text in periods) + 2
        lines = [self._bar(width)]
        lines += [
            self._line(span, period, period_width, width) for span, period in zip(self.spans, periods, strict=False)
        ]
        return Content("\n").join(lines)

    def _period(self, span: PhaseSpan) -> str:
        end = "nu" if span.until is None else short_date(span.until, self._today)
        return f"{short_date(span.since, self._today)} – {end}"

    def _bar(self, width: int) -> Content:
        parts: list[Content] = []
        for span, cells in zip(self.spans, bar_widths(self.spans, self._today, width), strict=False):
            label = span.label if cells >= len(span.label) + 2 else span.label[: max(cells - 1, 0)]
            text = f" {label}".ljust(cells)[:cells]
            style = f"$text on {PHASE_COLOURS.get(span.phase, '$panel')}" + (" bold" if span.current else "")
            parts.append(Content.styled(text, style))
        return Content("").join(parts)

    def _line(self, span: PhaseSpan, period: str, period_width: int, width: int) -> Content:
        colour = PHASE_COLOURS.get(span.phase, "$panel")
        label = span.label.ljust(12)
        line = Content.from_markup(
            f"[{colour}]■[/] [b]$label[/b]" if span.current else f"[{colour}]■[/] $label", label=label
        )
        line += Content(period.ljust(period_width))
        line += Content.from_markup("[$foreground-muted]$length[/]", length=span_length(span, self._today).ljust(11))
        if span.reopened:
            line += Content.from_markup("[b $warning]↺ heropend[/] ")
        note = (span.note or "").strip().splitlines()
        room = width - line.cell_length
        if note and room > 10:
            text = note[0] if len(note[0]) <= room else note[0][: room - 1] + "…"
            line += Content.from_markup("[$foreground-muted]$note[/]", note=text)
        return line
