"""Loslaten readiness of one case, from the facts its caller loaded, shown as rich text."""

from __future__ import annotations

from datetime import date

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from coach.content.model import Content
from coach.content.release import release_content
from coach.domain.model import Case
from coach.domain.release import BasicDefinition, Criterion, ReleaseFacts, ReleaseRules, release_readiness
from coach.domain.trajectory import READINESS_PHASES, TrajectoryRecord
from coach.domain.vocabulary import ContactStatus, Phase

# A sign beside each colour, so the meaning never rests on colour alone.
MARKS: dict[bool | None, tuple[str, str]] = {True: ("✓", "green"), False: ("✗", "red"), None: ("?", "yellow")}


def readiness_basics(content: Content) -> tuple[BasicDefinition, ...]:
    """The basics checklist to load the release facts with (store.release.release_facts)."""
    return release_content(content).basics


def case_readiness(case: Case, facts: ReleaseFacts, content: Content, today: date) -> list[Criterion]:
    """The readiness criteria of this case, built from its file and its release facts.

    Args:
        facts: the case's release facts, loaded with `readiness_basics(content)`.
    """
    release = release_content(content)
    labels = {domain.key: domain.label for domain in content.domains}
    return release_readiness(
        case.assessments,
        case.agreements,
        case.network,
        facts,
        today,
        domain_labels=labels,
        rules=ReleaseRules(stable_weeks=release.stable_weeks),
    )


def readiness_renderable(criteria: list[Criterion]) -> Table:
    """One block per criterion: the sign and the criterion, the evidence beneath it."""
    table = Table.grid(padding=(0, 1))
    table.add_column(no_wrap=True)
    table.add_column(ratio=1)
    for criterion in criteria:
        mark, style = MARKS[criterion.met]
        table.add_row(
            Text(mark, style=f"bold {style}"), Text.assemble((criterion.label, "bold"), "\n", criterion.evidence)
        )
    return table


def met_count(criteria: list[Criterion]) -> str:
    """'4 van 7 in orde, 2 nog onbekend'."""
    met = sum(c.met is True for c in criteria)
    unknown = sum(c.met is None for c in criteria)
    text = f"{met} van {len(criteria)} in orde"
    return text + (f", {unknown} nog onbekend" if unknown else "")


def nazorg_renderable(record: TrajectoryRecord, case: Case) -> Group | None:
    """The latest letting go: the reason, the agreed way back and the nazorg checks."""
    release = record.last_release
    if release is None:
        return None
    statuses = {contact.id: contact.status for contact in case.contacts}
    lines = [Text.assemble("Losgelaten op ", (release.decided_on.strftime("%d-%m-%Y"), "bold"), f": {release.reason}")]
    way_back = release.way_back or "nog niet vastgelegd"
    lines.append(Text.assemble(("De weg terug: ", "bold"), (way_back, "" if release.way_back else "dim")))
    for check in release.checks:
        stored = statuses.get(check.contact_id) or ""
        status = ContactStatus.label_of(stored) if ContactStatus.has(stored) else ""
        lines.append(
            Text(f"Nazorgcheck {check.planned_at:%d-%m-%Y %H:%M}" + (f" · {status.lower()}" if status else ""))
        )
    return Group(*lines)


def trajectory_parts(
    record: TrajectoryRecord, case: Case, phase: str, readiness: list[Criterion]
) -> list[RenderableType]:
    """What `coach show` adds after the agreements: readiness in begeleiding/afbouw, the way back in nazorg.

    Args:
        record: the case's trajectory, as store.trajectory.load_trajectory reads it.
    """
    parts: list[RenderableType] = []
    if phase in READINESS_PHASES:
        parts += [Text(""), Text(f"Klaar om los te laten? ({met_count(readiness)})", style="bold underline")]
        parts.append(readiness_renderable(readiness))
    if phase == Phase.NAZORG:
        nazorg = nazorg_renderable(record, case)
        if nazorg is not None:
            parts += [Text(""), Text("Nazorg", style="bold underline"), nazorg]
    return parts
