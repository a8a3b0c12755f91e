"""The story's balance: warm answers against answers about problems, as a small calm bar."""

from __future__ import annotations

from textual.content import Content
from textual.widget import Widget

from coach.conversation.balance import Balance

WIDTH = 10


class BalanceMeter(Widget):
    """'warm ▮▮▮▮▯▯▯▯▯▯ probleem': the share of warm answers; the counts are in the tooltip."""

    DEFAULT_CSS = """
    BalanceMeter {
        width: auto;
        height: 1;
    }
    """

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.balance = Balance()

    def show(self, balance: Balance) -> None:
        """Show these counts."""
        if balance != self.balance:
            self.balance = balance
            self.tooltip = f"{balance.warm} warme en {balance.problem} probleemantwoorden"
            self.refresh(layout=True)

    def render(self) -> Content:
        share = self.balance.warm_share
        if share is None:
            return Content.from_markup("[$foreground-muted]warm · probleem: nog niets[/]")
        warm = round(share * WIDTH)
        return Content.from_markup(
            "[$text-success]warm[/] [$success]$w[/][$foreground-muted]$p[/] probleem",
            w="▮" * warm,
            p="▯" * (WIDTH - warm),
        )
