"""The trajectory's sections on the young person's screen: timeline and plan, progress, readiness."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from textual.containers import Vertical
from textual.widget import Widget
from textual.widgets import Static

from coach.content.model import Content as PromptContent
from coach.domain.calendar_words import short_date
from coach.domain.model import PHASE_LABELS, Case
from coach.domain.phases import current_phase
from coach.domain.release import Criterion
from coach.domain.trajectory import TrajectoryRecord
from coach.reports.readiness import met_count
from coach.tui.widgets.nazorg_panel import NazorgPanel
from coach.tui.widgets.progress_chart import ProgressChart
from coach.tui.widgets.readiness_list import ReadinessList
from coach.tui.widgets.taper_steps import TaperSteps
from coach.tui.widgets.trajectory_timeline import TrajectoryTimeline


def trajectory_section(case: Case, record: TrajectoryRecord, today: date) -> Vertical:
    """'Traject': the timeline; in afbouw the plan step by step; in nazorg the way back and the checks."""
    phase = current_phase(case.phases)
    since = max((p.since for p in case.phases), default=None)
    title = f"Traject · {PHASE_LABELS[phase]}" + (f" sinds {short_date(since, today)}" if since else "")
    children: list[Widget] = [
        Static(title + " · p: fase wijzigen", classes="section-title"),
        TrajectoryTimeline(case.phases, today, id="timeline"),
    ]
    plan = record.active_plan
    if phase == "afbouw" and plan is not None:
        children.append(TaperSteps(plan, case.contacts, today, id="taper-steps"))
    release = record.last_release
    # In nazorg the way back always shows, even before it is written down; once closed, only when there is one.
    if phase == "nazorg" or (phase == "afgesloten" and release is not None):
        children.append(NazorgPanel(release, case.contacts, today, id="nazorg", classes="-way-back"))
    return Vertical(*children, classes="section", id="trajectory-section")


def progress_sections(
    case: Case, readiness: list[Criterion] | None, content: PromptContent, today: date
) -> Iterator[Vertical]:
    """'Voortgang': all domains now against the start; the readiness when given (in begeleiding and afbouw)."""
    yield Vertical(
        Static("Voortgang · begin en nu per leefgebied · m: vervolgmeting", classes="section-title"),
        ProgressChart(case.assessments, content, today, id="progress"),
        classes="section",
        id="progress-section",
    )
    if readiness is not None:
        yield Vertical(
            Static(f"Klaar om los te laten? · {met_count(readiness)} · a: loslaten", classes="section-title"),
            ReadinessList(readiness, id="youth-readiness"),
            classes="section",
            id="readiness-section",
        )
