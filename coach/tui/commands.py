"""Command palette commands: jump to a young person by name, or register a new one."""

from __future__ import annotations

from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider

from coach.domain.caseload import CaseloadEntry
from coach.domain.safe_text import visible_in
from coach.store.caseload import caseload
from coach.tui.context import CoachContext, context_of

PREFIX = "Open jongere: "
REGISTER = "Nieuwe jongere aanmelden"
REGISTER_HELP = "Het aanmeldformulier: naam, geboortedatum, wie aanmeldde en waarom"
SAMEN = "Samen invullen"
SAMEN_HELP = "De laptop naar de jongere: zelf de leefgebieden en het warme verhaal invullen"


class YouthCommands(Provider):
    """'Nieuwe jongere aanmelden', and 'Open jongere: <naam>' for every young person in an open trajectory."""

    @property
    def context(self) -> CoachContext:
        """The app's database, date and rules."""
        return context_of(self.app)

    async def startup(self) -> None:
        context = self.context
        # Names from the database are shown with escapes made visible, never obeyed by the terminal.
        self._entries: list[CaseloadEntry] = visible_in(caseload(context.database, context.today, context.rules))

    def _open(self, youth_id: int) -> None:
        self.context.open_youth(youth_id)

    def _register(self) -> None:
        from coach.tui.screens.registration import open_registration  # only when asked for

        open_registration(self.app)

    def _samen(self) -> None:
        getattr(self.screen, "action_samen")()  # noqa: B009 - the youth screen is not imported here (the palette loads first)

    @property
    def _on_youth(self) -> bool:
        # Samen invullen belongs to one young person: offered on their screen only.
        return hasattr(self.screen, "action_samen")

    async def discover(self) -> Hits:
        if self._on_youth:
            yield DiscoveryHit(SAMEN, self._samen, help=SAMEN_HELP)
        yield DiscoveryHit(REGISTER, self._register, help=REGISTER_HELP)
        for entry in self._entries:
            yield DiscoveryHit(
                PREFIX + entry.name, partial(self._open, entry.id), help="Naar het overzicht van deze jongere"
            )

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        if self._on_youth and (score := matcher.match(SAMEN)) > 0:
            yield Hit(score, matcher.highlight(SAMEN), self._samen, text=SAMEN, help=SAMEN_HELP)
        score = matcher.match(REGISTER)
        if score > 0:
            yield Hit(score, matcher.highlight(REGISTER), self._register, text=REGISTER, help=REGISTER_HELP)
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
