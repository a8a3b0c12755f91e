"""The afbouw plan: a tapering schedule of contacts, and how held contacts kept to it.

Dates are computed with python-dateutil. Moments are naive local wall-clock
times (as the store keeps them), so a plan across a daylight-saving change
keeps its hour: the visit stays at 10:00.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from dateutil.relativedelta import MO, relativedelta

from coach.domain.model import Contact
from coach.domain.trajectory import TrajectoryError
from coach.domain.vocabulary import ContactStatus

DEFAULT_INTERVALS_WEEKS: tuple[int, ...] = (1, 2, 3, 4)
DEFAULT_NAZORG_MONTHS: tuple[int, ...] = (1, 3)
DEFAULT_TOLERANCE_DAYS = 3
DEFAULT_TIME = time(10, 0)
MAX_STEPS = 12
MAX_WEEKS = 26
MAX_MONTHS = 24

# Deviation kinds of one planned step.
ON_TIME, EARLY, LATE, MISSED, UPCOMING = "op_tijd", "vroeg", "laat", "gemist", "gepland"
DEVIATION_LABELS: dict[str, str] = {
    ON_TIME: "op tijd",
    EARLY: "eerder dan gepland",
    LATE: "later dan gepland",
    MISSED: "gemist",
    UPCOMING: "gepland",
}


class TaperError(TrajectoryError):
    """Intervals or dates that cannot make a plan; the message is Dutch and says how to fix it."""


def parse_intervals(text: str, *, unit: str = "weken", maximum: int = MAX_WEEKS) -> tuple[int, ...]:
    """'1, 2, 3, 4' → (1, 2, 3, 4); a Dutch TaperError when it is not a list of whole numbers."""
    parts = [part for part in re.split(r"[\s,;]+", text.strip()) if part]
    if not parts:
        raise TaperError(f"Geef minstens één aantal {unit}, bijvoorbeeld: 1, 2, 3, 4.")
    numbers: list[int] = []
    for part in parts:
        if not part.isdecimal():
            raise TaperError(f"'{part}' is geen heel getal. Schrijf de {unit} als getallen met komma's: 1, 2, 3, 4.")
        numbers.append(int(part))
    return check_intervals(tuple(numbers), unit=unit, maximum=maximum)


def check_intervals(numbers: tuple[int, ...], *, unit: str = "weken", maximum: int = MAX_WEEKS) -> tuple[int, ...]:
    """The same numbers, or a TaperError when one is out of range or there are too many."""
    if not numbers:
        raise TaperError(f"Geef minstens één aantal {unit}.")
    if len(numbers) > MAX_STEPS:
        raise TaperError(f"Dat zijn {len(numbers)} stappen; houd het bij hoogstens {MAX_STEPS}.")
    for number in numbers:
        if not 1 <= number <= maximum:
            raise TaperError(f"{number} {unit} kan niet: elke stap is 1 tot en met {maximum} {unit}.")
    return numbers


def format_intervals(numbers: tuple[int, ...]) -> str:
    """(1, 2, 3, 4) → '1, 2, 3, 4'."""
    return ", ".join(str(number) for number in numbers)


def _weekday(day: date) -> date:
    # Coaches visit on working days: a step that lands in a weekend moves to Monday.
    return day + relativedelta(weekday=MO) if day.weekday() >= 5 else day


def propose_taper(
    start: date,
    intervals_weeks: tuple[int, ...] = DEFAULT_INTERVALS_WEEKS,
    at: time = DEFAULT_TIME,
    *,
    weekdays_only: bool = True,
) -> list[datetime]:
    """The planned contacts of an afbouw starting on `start`, each step further apart.

    Steps are counted from the previous step as planned (not as moved to a
    Monday), so a weekend shift never adds up over the plan.
    """
    check_intervals(intervals_weeks)
    moments: list[datetime] = []
    day = start
    for weeks in intervals_weeks:
        day = day + relativedelta(weeks=weeks)
        shown = _weekday(day) if weekdays_only else day
        moments.append(datetime.combine(shown, at))
    return moments


def propose_nazorg(
    released_on: date,
    months: tuple[int, ...] = DEFAULT_NAZORG_MONTHS,
    at: time = DEFAULT_TIME,
    *,
    weekdays_only: bool = True,
) -> list[datetime]:
    """Nazorg check-ins a number of months after letting go (31 jan + 1 month = 28 or 29 feb)."""
    check_intervals(months, unit="maanden", maximum=MAX_MONTHS)
    moments = []
    for count in sorted(set(months)):
        day = released_on + relativedelta(months=count)
        moments.append(datetime.combine(_weekday(day) if weekdays_only else day, at))
    return moments


@dataclass(frozen=True)
class StepCheck:
    """How one planned step of a plan went."""

    planned: datetime
    kind: str
    held: datetime | None = None
    days_off: int | None = None

    @property
    def label(self) -> str:
        """'op tijd', 'gemist', '3 dagen later dan gepland', ..."""
        if self.kind in (EARLY, LATE) and self.days_off is not None:
            days = abs(self.days_off)
            return f"{days} {'dag' if days == 1 else 'dagen'} {'eerder' if self.kind == EARLY else 'later'} dan gepland"
        return DEVIATION_LABELS[self.kind]

    @property
    def is_deviation(self) -> bool:
        """A missed, early or late contact."""
        return self.kind in (MISSED, EARLY, LATE)


def check_steps(
    planned: list[datetime],
    contacts: list[Contact],
    start: date,
    today: date,
    *,
    tolerance_days: int = DEFAULT_TOLERANCE_DAYS,
) -> list[StepCheck]:
    """For each planned step, whether a contact took place on time, early, late, or not at all.

    Each step owns a window of days: from halfway after the previous step (or
    from the day after `start`, when the plan was made) to halfway before the
    next; the last step looks as far ahead as it looks back. The held contact
    nearest the planned day counts. With none there, a step is missed once its
    day plus the tolerance has passed, else it is still to come.
    """
    steps = sorted(planned)
    held = sorted(c.at for c in contacts if c.status == ContactStatus.PLAATSGEVONDEN)
    results: list[StepCheck] = []
    for index, moment in enumerate(steps):
        day = moment.date()
        low = start if index == 0 else _halfway(steps[index - 1].date(), day)
        if index + 1 < len(steps):
            high = _halfway(day, steps[index + 1].date())
        else:
            high = day + timedelta(days=max((day - low).days, tolerance_days))
        candidates = [at for at in held if low < at.date() <= high]
        if candidates:
            nearest = min(candidates, key=lambda at: (abs((at.date() - day).days), at))
            off = (nearest.date() - day).days
            kind = ON_TIME if abs(off) <= tolerance_days else (EARLY if off < 0 else LATE)
            results.append(StepCheck(moment, kind, nearest, off))
        elif day + timedelta(days=tolerance_days) < today:
            results.append(StepCheck(moment, MISSED))
        else:
            results.append(StepCheck(moment, UPCOMING))
    return results


def _halfway(first: date, second: date) -> date:
    return first + timedelta(days=(second - first).days // 2)
