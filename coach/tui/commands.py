"""Command palette commands: jump to a young person by name."""

from __future__ import annotations

from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider

from coach.domain.caseload import CaseloadEntry
from coach.store.caseload import caseload
from coach.tui.context import CoachContext, context_of

PREFIX = "Open jongere: "


class YouthCommands(Provider):
    """'Open jongere: <naam>' for every young person in an open trajectory."""

    @property
    def context(self) -> CoachContext:
        """The app's database, date and rules."""
        return context_of(self.app)

    async def startup(self) -> None:
        context = self.context
        self._entries: list[CaseloadEntry] = caseload(context.database, context.today, context.rules)

    def _open(self, youth_id: int) -> None:
        self.context.open_youth(youth_id)

    async def discover(self) -> Hits:
        for entry in self._entries:
            yield DiscoveryHit(
                PREFIX + entry.name, partial(self._open, entry.id), help="Naar het overzicht van deze jongere"
            )

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for entry in self._entries:
            text = PREFIX + entry.name
            score = matcher.match(text)
            if score > 0:
                yield Hit(
                    score,
                    matcher.highlight(text),
                    partial(self._open, entry.id),
                    text=text,
                    help="Naar het overzicht van deze jongere",
                )
