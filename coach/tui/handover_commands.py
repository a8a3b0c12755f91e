"""The command palette on a young person's screen: "Overdracht" opens the warm handover."""

from __future__ import annotations

from textual.command import DiscoveryHit, Hit, Hits, Provider

TITLE = "Overdracht"
HELP = "Een warm overdrachtsdossier voor de volgende professional, met toestemming van de jongere"


class HandoverCommands(Provider):
    """'Overdracht' for the young person on screen (the screen the palette was opened from)."""

    def _open(self) -> None:
        # The youth screen's own action: the palette knows the screen, not its class (no import circle).
        action = getattr(self.screen, "action_handover", None)
        if action is not None:
            action()

    async def discover(self) -> Hits:
        yield DiscoveryHit(TITLE, self._open, help=HELP)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for text in (TITLE, "Overdrachtsdossier maken"):
            score = matcher.match(text)
            if score > 0:
                yield Hit(score, matcher.highlight(text), self._open, text=text, help=HELP)
                return
