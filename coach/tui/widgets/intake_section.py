"""The intake on the young person's screen: its state, open signals, and the whole overview to unfold."""

from __future__ import annotations

from datetime import date
from typing import Any

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Collapsible, Static

from coach.content.model import Content as PromptContent
from coach.conversation.engine import Conversation
from coach.domain.intake import Intake
from coach.tui.widgets.intake_overview import IntakeOverview, status_line

NO_INTAKE = "Nog geen intake. Druk op [b]i[/b] om te beginnen — met het warme verhaal."


class IntakeSection(Vertical):
    """'Intake' with its status line, signals not followed up, and the overview (folded)."""

    DEFAULT_CSS = """
    IntakeSection {
        height: auto;
    }
    IntakeSection Collapsible {
        padding: 0;
        border: none;
    }
    """

    def __init__(self, intake: Intake | None, content: PromptContent, today: date, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.intake = intake
        self._content = content
        self._today = today

    async def show(self, intake: Intake | None, today: date) -> None:
        """Show this intake instead, the overview still open if the coach opened it; nothing is built again when the same."""
        if (intake, today) == (self.intake, self._today):
            return
        opened = any(not overview.collapsed for overview in self.query(Collapsible))
        self.intake, self._today = intake, today
        await self.recompose()
        for overview in self.query(Collapsible):
            overview.collapsed = not opened

    def compose(self) -> ComposeResult:
        yield Static("Intake", classes="section-title")
        if self.intake is None:
            yield Static(Content.from_markup(NO_INTAKE), classes="empty-hint")
            return
        signals = Conversation(self._content).unfollowed(self.intake)
        yield Static(status_line(self.intake, self._today) + " · i gaat verder", classes="list-item intake-status")
        if signals:
            parts = [
                Content.from_markup(
                    "[b]$label[/] ('$typed')", label=self._content.domain(s.domain).label, typed=s.typed
                )
                for s in signals
            ]
            yield Static(
                Content("Signalen, nog niet besproken: ") + Content(", ").join(parts), classes="list-item intake-signal"
            )
        with Collapsible(title="Het hele intake-overzicht", collapsed=True, id="intake-collapsible"):
            yield IntakeOverview(self.intake, self._content, signals, self._today, id="intake-overview")
