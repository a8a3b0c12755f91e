"""The latest score on each of the 13 life domains, with the young person's own score beside it."""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Static

from coach.content.model import Content
from coach.domain.model import Assessment, latest_scores
from coach.tui.widgets.score_bar import ScoreBar

NOT_SCORED = "nog niet gescoord"


class DomainRow(Horizontal):
    """One domain: label, score bar, level name, the young person's score."""

    def __init__(self, label: str, score: int | None, level: str, youth_score: int | None, *, domain: str) -> None:
        super().__init__(classes="domain-row" if score is not None else "domain-row -unscored")
        self.domain = domain
        self._label = label
        self._score = score
        self._level = level
        self._youth_score = youth_score

    def compose(self) -> ComposeResult:
        yield Static(self._label, markup=False, classes="domain-label")
        yield ScoreBar(self._score)
        yield Static(self._level, markup=False, classes="domain-level")
        yield Static(f"jongere: {self._youth_score}" if self._youth_score is not None else "", classes="domain-youth")


class DomainScores(Vertical):
    """All 13 domains in the fixed order, scored or not."""

    def __init__(self, assessments: list[Assessment], content: Content, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._assessments = assessments
        self._content = content

    def compose(self) -> ComposeResult:
        scores = latest_scores(self._assessments)
        youth_scores = latest_scores(self._assessments, "youth_score")
        for domain in self._content.domains:
            score = scores.get(domain.key)
            level = self._content.level(score).label if score is not None else NOT_SCORED
            yield DomainRow(domain.label, score, level, youth_scores.get(domain.key), domain=domain.key)
