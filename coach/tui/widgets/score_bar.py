"""A self-reliance score 1–5 as five small blocks and the number."""

from __future__ import annotations

from textual.content import Content
from textual.reactive import reactive
from textual.widget import Widget

FILLED, EMPTY = "█", "░"
MAX_SCORE = 5


class ScoreBar(Widget):
    """'███░░ 3'; dim dots when the domain has no score yet."""

    DEFAULT_CSS = """
    ScoreBar {
        width: 8;
        height: 1;
    }
    """

    score: reactive[int | None] = reactive(None)

    def __init__(self, score: int | None = None, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.set_reactive(ScoreBar.score, score)

    def render(self) -> Content:
        return score_bar(self.score)


def score_bar(score: int | None) -> Content:
    """'███░░ 3', or five dim dots without a score."""
    if score is None:
        return Content.from_markup("[$foreground-muted]" + "·" * MAX_SCORE + "[/]")
    return Content.from_markup(
        "[$primary]$filled[/][$foreground-muted]$empty[/] [b]$score[/b]",
        filled=FILLED * score,
        empty=EMPTY * (MAX_SCORE - score),
        score=str(score),
    )
