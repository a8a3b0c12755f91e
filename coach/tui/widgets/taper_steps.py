"""The afbouw plan as it goes: each planned contact, and whether it happened on time, early, late or not."""

from __future__ import annotations

from datetime import date
from typing import Any

from textual.content import Content
from textual.widgets import Static

from coach.domain.calendar_words import moment
from coach.domain.model import Contact
from coach.domain.taper import EARLY, LATE, MISSED, ON_TIME, UPCOMING, StepCheck, check_steps
from coach.domain.trajectory import TaperPlan
from coach.tui.widgets.refresh import update_if_changed

# Sign and theme colour per kind; the words carry the meaning, colour only helps.
STEP_MARKS: dict[str, tuple[str, str]] = {
    ON_TIME: ("✓", "$success"),
    EARLY: ("◂", "$warning"),
    LATE: ("▸", "$warning"),
    MISSED: ("✗", "$error"),
    UPCOMING: ("·", "$accent"),
}


def plan_content(plan: TaperPlan, checks: list[StepCheck], today: date) -> Content:
    """A heading with the intervals, then one line per step."""
    weeks = ", ".join(str(n) for n in plan.intervals)
    deviations = sum(check.is_deviation for check in checks)
    heading = f"Afbouwplan: {len(checks)} contacten, {weeks} weken uit elkaar"
    if deviations:
        heading += f" · {deviations} afwijking{'en' if deviations != 1 else ''}"
    lines = [Content.from_markup("[b]$heading[/b]", heading=heading)]
    for check in checks:
        mark, colour = STEP_MARKS[check.kind]
        line = Content.from_markup(
            f" [b {colour}]$mark[/] $when [{colour}]$label[/]",
            mark=mark,
            when=moment(check.planned, today).ljust(17),
            label=check.label,
        )
        if check.held is not None and check.kind != ON_TIME:
            line += Content.from_markup("  [$foreground-muted](geweest op $held)[/]", held=moment(check.held, today))
        lines.append(line)
    return Content("\n").join(lines)


class TaperSteps(Static):
    """The active afbouw plan, step by step, deviations marked."""

    DEFAULT_CSS = """
    TaperSteps {
        height: auto;
        padding: 0 1;
    }
    """

    def __init__(self, plan: TaperPlan, contacts: list[Contact], today: date, **kwargs: Any) -> None:
        self.checks = _checks(plan, contacts, today)
        super().__init__(plan_content(plan, self.checks, today), **kwargs)

    def show(self, plan: TaperPlan, contacts: list[Contact], today: date) -> None:
        """Show the plan against these contacts; nothing is redrawn when it reads the same."""
        self.checks = _checks(plan, contacts, today)
        update_if_changed(self, plan_content(plan, self.checks, today))


def _checks(plan: TaperPlan, contacts: list[Contact], today: date) -> list[StepCheck]:
    return check_steps(
        [s.planned_at for s in plan.steps], contacts, plan.starts_on, today, tolerance_days=plan.tolerance_days
    )
