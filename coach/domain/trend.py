"""Progress over time: per domain the series of scores, a sparkline, and now against the baseline."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from coach.domain.domains import DOMAIN_KEYS
from coach.domain.model import Assessment

# One block height per score 1–5, so a sparkline reads like the scale.
SPARK_CHARS: dict[int, str] = {1: "▁", 2: "▃", 3: "▄", 4: "▆", 5: "█"}
UP, DOWN, SAME = "up", "down", "same"


def domain_series(assessments: list[Assessment], field: str = "score") -> dict[str, list[tuple[date, int]]]:
    """Per domain, (date, score) oldest first; of two scores on one day the later-added counts."""
    by_day: dict[str, dict[date, int]] = {}
    for item in assessments:
        value = getattr(item, field)
        if value is not None:
            by_day.setdefault(item.domain, {})[item.date] = value
    return {domain: sorted(days.items()) for domain, days in by_day.items()}


def measurement_dates(assessments: list[Assessment]) -> list[date]:
    """The days on which anything was scored, oldest first: each is a measurement."""
    return sorted({item.date for item in assessments if item.score is not None})


def sparkline(scores: list[int], width: int | None = None) -> str:
    """'▃▄▆█' for scores 2, 3, 4, 5; with a width, only the latest that fit."""
    if width is not None:
        scores = scores[-width:] if width > 0 else []
    return "".join(SPARK_CHARS[score] for score in scores)


@dataclass(frozen=True)
class DomainChange:
    """One domain's baseline (first score) and latest score."""

    domain: str
    baseline: int | None
    now: int | None
    baseline_on: date | None = None
    now_on: date | None = None
    series: tuple[int, ...] = ()

    @property
    def direction(self) -> str | None:
        """'up', 'down' or 'same'; None with fewer than two scores."""
        if self.baseline is None or self.now is None or len(self.series) < 2:
            return None
        if self.now > self.baseline:
            return UP
        if self.now < self.baseline:
            return DOWN
        return SAME

    @property
    def delta(self) -> int | None:
        """now − baseline, when both are known."""
        if self.baseline is None or self.now is None:
            return None
        return self.now - self.baseline


def whole_picture(assessments: list[Assessment]) -> list[DomainChange]:
    """All 13 domains in the fixed order: the first score against the latest."""
    series = domain_series(assessments)
    changes = []
    for key in DOMAIN_KEYS:
        points = series.get(key, [])
        if not points:
            changes.append(DomainChange(key, None, None))
            continue
        changes.append(
            DomainChange(
                key,
                baseline=points[0][1],
                now=points[-1][1],
                baseline_on=points[0][0],
                now_on=points[-1][0],
                series=tuple(score for _, score in points),
            )
        )
    return changes


def summary(changes: list[DomainChange]) -> dict[str, int]:
    """How many domains went up, down, stayed the same, or cannot be compared yet."""
    counts = {UP: 0, DOWN: 0, SAME: 0, "unknown": 0}
    for change in changes:
        counts[change.direction or "unknown"] += 1
    return counts
