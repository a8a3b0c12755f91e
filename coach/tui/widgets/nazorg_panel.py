"""Nazorg at a glance: the agreed way back to help, and the check-ins planned after letting go."""

from __future__ import annotations

from datetime import date
from typing import Any

from textual.content import Content
from textual.widgets import Static

from coach.domain.calendar_words import moment, short_date
from coach.domain.model import STATUS_LABELS, Contact
from coach.domain.trajectory import ReleaseDecision
from coach.tui.widgets.refresh import update_if_changed


def nazorg_content(release: ReleaseDecision | None, contacts: list[Contact], today: date) -> Content:
    """The way back first (it is what the young person holds on to), then the reason and the checks."""
    statuses = {contact.id: contact.status for contact in contacts}
    lines = [Content.from_markup("[b]De weg terug[/b] [$foreground-muted](afgesproken met de jongere)[/]")]
    if release is None:
        lines.append(
            Content.from_markup("  [$warning]Nog niet vastgelegd.[/] Spreek het af en leg het vast met [b]a[/b].")
        )
        return Content("\n").join(lines)
    if release.way_back:
        lines += [Content.from_markup("  $line", line=line) for line in release.way_back.splitlines() if line.strip()]
    else:
        lines.append(
            Content.from_markup("  [$warning]Nog niet vastgelegd.[/] Spreek het af en leg het vast met [b]a[/b].")
        )
    lines.append(
        Content.from_markup(
            "[$foreground-muted]Losgelaten op $day: $reason[/]",
            day=short_date(release.decided_on, today),
            reason=release.reason.splitlines()[0] if release.reason else "",
        )
    )
    for check in release.checks:
        status = statuses.get(check.contact_id)
        word = STATUS_LABELS.get(status, "") if status else ""
        style = "$accent" if status == "gepland" else "$foreground-muted"
        lines.append(
            Content.from_markup(
                f" • Nazorgcheck $when  [{style}]$word[/]", when=moment(check.planned_at, today), word=word.lower()
            )
        )
    return Content("\n").join(lines)


class NazorgPanel(Static):
    """The latest letting go, as nazorg shows it."""

    DEFAULT_CSS = """
    NazorgPanel {
        height: auto;
        padding: 0 1;
    }
    """

    def __init__(self, release: ReleaseDecision | None, contacts: list[Contact], today: date, **kwargs: Any) -> None:
        super().__init__(nazorg_content(release, contacts, today), **kwargs)
        self.release = release

    def show(self, release: ReleaseDecision | None, contacts: list[Contact], today: date) -> None:
        """Show this letting go against these contacts; nothing is redrawn when it reads the same."""
        self.release = release
        update_if_changed(self, nazorg_content(release, contacts, today))
