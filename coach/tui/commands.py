"""Command palette commands: jump to a young person by name."""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING, cast

from textual.command import DiscoveryHit, Hit, Hits, Provider

from coach.domain.caseload import CaseloadEntry
from coach.store.caseload import caseload

if TYPE_CHECKING:
    from coach.tui.app import CoachApp

PREFIX = "Open jongere: "


class YouthCommands(Provider):
    """'Open jongere: <naam>' for every young person in an open trajectory."""

    async def startup(self) -> None:
        app = cast("CoachApp", self.app)
        self._entries: list[CaseloadEntry] = caseload(app.db, app.today, app.rules)

    def _open(self, youth_id: int) -> None:
        cast("CoachApp", self.app).open_youth(youth_id)

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
