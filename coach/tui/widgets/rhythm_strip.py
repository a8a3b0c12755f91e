"""The contact rhythm week by week: one mark per week, months above, so gaps and tapering show at a glance."""

from __future__ import annotations

from datetime import date
from typing import Any

from textual.content import Content
from textual.events import Resize
from textual.widgets import Static

from coach.domain.case_continuity import Continuity
from coach.domain.continuity import CANCELLED, HELD, NO_SHOW, PLANNED, ContinuityRules
from coach.domain.model import Case
from coach.domain.rhythm import GAP, MARK_LABELS, SYMBOLS, RhythmWeek, contact_events, weekly_rhythm
from coach.tui.formatting import MONTHS, day_count
from coach.tui.widgets.refresh import update_if_changed

# Theme variables per mark; the legend carries the meaning, colour only helps.
MARK_STYLES: dict[str, str] = {
    HELD: "bold $success",
    NO_SHOW: "bold $warning",
    CANCELLED: "$foreground-muted",
    PLANNED: "$accent",
    GAP: "$foreground-muted",
}
TOO_LONG_STYLE = "bold $error"
WEEKS_MIN, WEEKS_MAX, AHEAD = 8, 26, 2
INDENT = 1
CELL = 2  # each week takes a mark and a space


def weeks_for_width(width: int) -> int:
    """How many past weeks fit in `width` cells (at least 8, at most about half a year)."""
    return max(WEEKS_MIN, min(WEEKS_MAX, (width - INDENT) // CELL - AHEAD))


def month_line(weeks: list[RhythmWeek]) -> str:
    """Month abbreviations above the first week that starts in each month."""
    line = [" "] * (INDENT + CELL * len(weeks) + 4)
    previous = None
    free_from = 0
    for index, week in enumerate(weeks):
        month = (week.start.year, week.start.month)
        if month != previous:
            column = INDENT + CELL * index
            label = MONTHS[week.start.month - 1]
            if column >= free_from:
                line[column : column + len(label)] = label
                free_from = column + len(label) + 1
            previous = month
    return "".join(line).rstrip()


def strip_line(weeks: list[RhythmWeek]) -> Content:
    """The marks, one per week; this week underlined, a gap grown too long in the error colour."""
    parts: list[tuple[str, str] | str] = [" " * INDENT]
    for week in weeks:
        style = TOO_LONG_STYLE if week.too_long and week.mark != HELD else MARK_STYLES[week.mark]
        if week.current:
            style += " underline reverse"
        parts.append((week.symbol, style))
        parts.append(" ")
    return Content.assemble(*parts)


def legend() -> Content:
    """What each mark means."""
    parts: list[tuple[str, str] | str] = [" " * INDENT]
    for mark in (HELD, NO_SHOW, CANCELLED, PLANNED, GAP):
        parts.append((SYMBOLS[mark], MARK_STYLES[mark]))
        parts.append((f" {MARK_LABELS[mark]}  ", "$foreground-muted"))
    return Content.assemble(*parts)


def summary(continuity: Continuity) -> Content:
    """'Verwacht: elke 14 dagen een contact' and the signals worth a look."""
    lines: list[Content] = []
    if continuity.interval is not None:
        lines.append(Content(f"Verwacht in deze fase: contact om de {day_count(continuity.interval)} of vaker."))
    for signal in continuity.signals:
        lines.append(Content.assemble(("⚠ ", "bold $warning"), signal.text))
    return Content("\n").join(lines)


class RhythmStrip(Static):
    """Held, no-show, cancelled and planned contacts over the last months, week by week."""

    def __init__(
        self, case: Case, continuity: Continuity, today: date, rules: ContinuityRules = ContinuityRules(), **kwargs: Any
    ) -> None:
        super().__init__(**kwargs)
        self._case = case
        self._continuity = continuity
        self._today = today
        self._rules = rules
        self._shown_weeks = 0
        self.weeks: list[RhythmWeek] = []

    def on_mount(self) -> None:
        self._draw(self.size.width or 80)

    def show(self, case: Case, continuity: Continuity, today: date) -> None:
        """Show this case's rhythm instead; nothing is redrawn when it reads the same."""
        self._case, self._continuity, self._today = case, continuity, today
        if self.is_mounted:
            self._draw(self.size.width or 80)

    def on_resize(self, event: Resize) -> None:
        if weeks_for_width(event.size.width) != self._shown_weeks:
            self._draw(event.size.width)

    def _draw(self, width: int) -> None:
        self._shown_weeks = weeks_for_width(width)
        case = self._case
        self.weeks = weekly_rhythm(
            contact_events(case.contacts),
            self._today,
            weeks=self._shown_weeks,
            ahead=AHEAD,
            phases=case.phases,
            started_on=case.youth.started_on,
            rules=self._rules,
        )
        lines = [Content(month_line(self.weeks)), strip_line(self.weeks), legend()]
        extra = summary(self._continuity)
        if extra.plain:
            lines.append(extra)
        update_if_changed(self, Content("\n").join(lines))
