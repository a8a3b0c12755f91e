"""The intake's result: the warm story first, then the 13 domains with scores, then open signals."""

from __future__ import annotations

from datetime import date
from typing import Any

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import Static

from coach.content.model import Content as PromptContent
from coach.conversation.signals import Signal
from coach.domain.intake import NU_NIET, NVT, STATE_LABELS, TOUCHED, Intake
from coach.tui.formatting import short_date
from coach.tui.widgets.score_bar import ScoreBar


def status_line(intake: Intake, today: date) -> str:
    """'Afgerond 14 mrt · 9 gescoord · 2 overgeslagen' or 'Loopt nog, begonnen 8 jan · ...'."""
    counts = intake.counts()
    done = (
        f"Afgerond {short_date(intake.completed_on, today)} (nulmeting)"
        if intake.completed_on
        else f"Loopt nog, begonnen {short_date(intake.started_on, today)}"
    )
    parts = [done, f"{counts['gescoord']} van 13 gescoord"]
    if counts[TOUCHED]:
        parts.append(f"{counts[TOUCHED]} besproken zonder score")
    skipped = counts[NU_NIET] + counts[NVT]
    if skipped:
        parts.append(f"{skipped} overgeslagen")
    return " · ".join(parts)


def youth_text(score: int | None, youth_score: int | None) -> Content:
    """'jongere: 4 (+2)' with the difference, which is worth a conversation."""
    if youth_score is None:
        return Content("")
    if score is None or youth_score == score:
        return Content(f"jongere: {youth_score}")
    return Content.from_markup(
        "jongere: $s [b $text-warning]($d)[/]", s=str(youth_score), d=f"{youth_score - score:+d}"
    )


class OverviewRow(Horizontal):
    """One domain: label, score bar, level or state, the young person's own score."""

    def __init__(self, label: str, score: int | None, level: str, youth: Content, *, domain: str, state: str) -> None:
        super().__init__(classes=f"domain-row -{state}" + ("" if score is not None else " -unscored"))
        self.domain = domain
        self.state = state
        self._parts = (label, score, level, youth)

    def compose(self) -> ComposeResult:
        label, score, level, youth = self._parts
        yield Static(label, markup=False, classes="domain-label")
        yield ScoreBar(score)
        yield Static(level, markup=False, classes="domain-level")
        yield Static(youth, classes="domain-youth")


class IntakeOverview(Vertical):
    """Everything the intake gathered, in the method's order."""

    DEFAULT_CSS = """
    IntakeOverview {
        height: auto;
    }
    IntakeOverview .domain-youth {
        width: 16;
    }
    """

    def __init__(
        self, intake: Intake, content: PromptContent, signals: list[Signal], today: date, **kwargs: Any
    ) -> None:
        super().__init__(**kwargs)
        self.intake = intake
        self._content = content
        self.signals = signals
        self._today = today

    def compose(self) -> ComposeResult:
        intake, content = self.intake, self._content
        yield Static(status_line(intake, self._today), classes="overview-status")
        yield Static("Warm verhaal", classes="group-label overview-warm-title")
        told = [(kind, intake.warm[kind.key]) for kind in content.warm_kinds if intake.warm[kind.key].text.strip()]
        if not told:
            yield Static("Nog niets verteld.", classes="empty-hint list-item")
        for kind, answer in told:
            text = answer.text.strip()
            yield Static(
                Content.from_markup("[b]$label[/] — $text", label=kind.label, text=text),
                classes="list-item overview-warm" + (" -own-words" if answer.own_words else ""),
            )
        yield Static("Leefgebieden", classes="group-label")
        for domain in content.domains:
            entry = intake.domains[domain.key]
            state = entry.state
            if entry.score is None:  # not scored yet: nu niet, n.v.t., nog niet or besproken
                level = STATE_LABELS[state]
            else:
                level = content.level(entry.score).label
            yield OverviewRow(
                domain.label,
                entry.score,
                level,
                youth_text(entry.score, entry.youth_score),
                domain=domain.key,
                state=state,
            )
        yield Static("Signalen, nog niet besproken", classes="group-label")
        if not self.signals:
            yield Static("Geen: alles wat genoemd werd, is aan bod geweest.", classes="empty-hint list-item")
        for signal in self.signals:
            label = content.domain(signal.domain).label
            where = "warm verhaal" if signal.source in ("warm", None) else content.domain(signal.source).label
            yield Static(
                Content.from_markup(
                    "'$typed' (bij $where) → [b]$label[/]", typed=signal.typed, where=where, label=label
                ),
                classes="list-item overview-signal",
            )
