"""The loslaten readiness checklist: each criterion with a sign, and the evidence beneath it."""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Static

from coach.domain.release import Criterion

# Sign and theme colour per state; the sign carries the meaning, colour only helps.
MARKS: dict[bool | None, tuple[str, str]] = {
    True: ("✓", "$success"),
    False: ("✗", "$error"),
    None: ("?", "$warning"),
}


def criterion_line(criterion: Criterion) -> Content:
    """'✓ Geen leefgebied op 1 of 2'."""
    mark, colour = MARKS[criterion.met]
    return Content.from_markup(f"[b {colour}]$mark[/] [b]$label[/b]", mark=mark, label=criterion.label)


class ReadinessList(Vertical):
    """The seven criteria as the coach weighs them, the evidence indented beneath; the coach decides."""

    DEFAULT_CSS = """
    ReadinessList {
        height: auto;
        padding: 0 1;
    }
    ReadinessList > .readiness-evidence {
        padding: 0 0 0 2;
        color: $text-muted;
    }
    """

    def __init__(self, criteria: list[Criterion], **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.criteria = criteria

    def compose(self) -> ComposeResult:
        for criterion in self.criteria:
            state = {True: "-met", False: "-not-met", None: "-unknown"}[criterion.met]
            yield Static(criterion_line(criterion), classes=f"readiness-criterion {state}")
            yield Static(criterion.evidence, markup=False, classes="readiness-evidence")

    async def show(self, criteria: list[Criterion]) -> None:
        """Show criteria computed again (after a change)."""
        self.criteria = criteria
        await self.recompose()
