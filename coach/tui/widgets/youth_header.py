"""Who this is at a glance: name, age, phase, contact rhythm, the fixed coach (and since when: continuity)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from textual.content import Content
from textual.widgets import Static

from coach.domain.caseload import CaseloadEntry
from coach.domain.continuity import CONTINUITY_LABELS
from coach.domain.model import PHASE_LABELS, Case, age_on
from coach.domain.registration import CoachChange
from coach.tui.formatting import CONTINUITY_COLOURS, MARKER, day_count, days_ago, short_date
from coach.tui.widgets.refresh import update_if_changed


class YouthHeader(Static):
    """Name; then age, phase and continuity; then the fixed coach (since when, who before) and start date."""

    def __init__(
        self, case: Case, entry: CaseloadEntry, today: date, *, coach_changes: Sequence[CoachChange] = (), **kwargs: Any
    ) -> None:
        super().__init__(header_content(case, entry, today, coach_changes), **kwargs)

    def show(self, case: Case, entry: CaseloadEntry, today: date, coach_changes: Sequence[CoachChange] = ()) -> None:
        """Show these facts instead; nothing is redrawn when they read the same."""
        update_if_changed(self, header_content(case, entry, today, coach_changes))


def coach_since(changes: Sequence[CoachChange], today: date) -> str:
    """' sinds 3 mrt; daarvoor Anna' after the latest change of vaste coach ('' when it never changed)."""
    if not changes:
        return ""
    last = changes[-1]
    text = f" sinds {short_date(last.changed_on, today)}"
    if last.from_coach:
        text += f"; daarvoor {last.from_coach}"
    return text


def header_content(case: Case, entry: CaseloadEntry, today: date, coach_changes: Sequence[CoachChange] = ()) -> Content:
    """The header's text."""
    youth = case.youth
    parts: list[Content] = []
    age = age_on(youth.birth_date, today)
    if age is not None:
        parts.append(Content(f"{age} jaar"))
    parts.append(Content.from_markup("[b]$phase[/b]", phase=PHASE_LABELS.get(entry.phase, entry.phase)))
    days, status = entry.days_since_contact, entry.continuity
    if status is not None:
        parts.append(
            Content.from_markup(
                f"[${CONTINUITY_COLOURS[status]}]{MARKER}[/] [b]$word[/b]", word=CONTINUITY_LABELS[status]
            )
        )
    if entry.first_contact_due is not None:
        parts.append(Content(first_contact_words(entry.first_contact_due, today)))
    elif entry.last_contact is None:
        parts.append(Content("nog geen contact" + (f" ({day_count(days)} in traject)" if days else "")))
    elif days is not None:
        parts.append(Content(f"{days_ago(days)} gezien" if days <= 1 else f"{day_count(days)} sinds laatste contact"))
    about: list[Content] = []
    since = coach_since(coach_changes, today)
    if youth.coach:
        about.append(Content.from_markup("vaste coach: [b]$coach[/b]$since", coach=youth.coach, since=since))
    elif coach_changes:
        about.append(Content("geen vaste coach" + since))
    if youth.started_on:
        about.append(Content(f"in traject sinds {short_date(youth.started_on, today)}"))
    name = Content.from_markup("[b]$name[/b]", name=youth.display_name)
    lines = [name, Content(" · ").join(parts)]
    about.append(Content.from_markup("[dim]g: gegevens[/dim]"))
    lines.append(Content(" · ").join(about))
    return Content("\n").join(lines)


def first_contact_words(due: date, today: date) -> str:
    """'nog geen contact, uiterlijk 21 mrt' (or '… uiterlijk vandaag'), or 'eerste contact 2 dagen te laat'.

    Short, so that with age, phase and status it stays on one line at 80 columns.
    """
    late = (today - due).days
    if late > 0:
        return f"eerste contact {day_count(late)} te laat"
    return f"nog geen contact, uiterlijk {'vandaag' if late == 0 else short_date(due, today)}"
