"""Agreements over time: how many the young person owns, and how many of those they keep.

Growing own responsibility is a goal of the method, so per month (of making)
we count the agreements the young person took on themselves and how those
turned out. 'Kept' counts done ones against done, dropped and overdue ones;
open agreements not yet due are still undecided and count for neither.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from coach.domain.model import Agreement
from coach.domain.vocabulary import AgreementOwner, AgreementStatus


@dataclass(frozen=True)
class NewAgreement:
    """An agreement about to be made: who does what, by when."""

    text: str
    owner: str
    due: date | None = None


@dataclass(frozen=True)
class OwnShare:
    """Agreements made in one period: all of them, the young person's own, and how the own ones went."""

    made: int = 0
    own: int = 0
    own_done: int = 0
    own_dropped: int = 0
    own_overdue: int = 0

    @property
    def own_share(self) -> float | None:
        """Share of the agreements that the young person owns (None when none were made)."""
        return self.own / self.made if self.made else None

    @property
    def decided(self) -> int:
        """Own agreements whose outcome is known: done, dropped, or past their date."""
        return self.own_done + self.own_dropped + self.own_overdue

    @property
    def kept_share(self) -> float | None:
        """Share of the decided own agreements that were done (None when none are decided)."""
        return self.own_done / self.decided if self.decided else None

    def __add__(self, other: OwnShare) -> OwnShare:
        return OwnShare(
            self.made + other.made,
            self.own + other.own,
            self.own_done + other.own_done,
            self.own_dropped + other.own_dropped,
            self.own_overdue + other.own_overdue,
        )


@dataclass(frozen=True)
class MonthShare:
    """The agreements made in one calendar month."""

    year: int
    month: int
    share: OwnShare


def _count(agreement: Agreement, today: date) -> OwnShare:
    if agreement.owner != AgreementOwner.JONGERE:
        return OwnShare(made=1)
    overdue = agreement.status == AgreementStatus.OPEN and agreement.due is not None and agreement.due < today
    return OwnShare(
        made=1,
        own=1,
        own_done=int(agreement.status == AgreementStatus.GEDAAN),
        own_dropped=int(agreement.status == AgreementStatus.VERVALLEN),
        own_overdue=int(overdue),
    )


def own_share(agreements: Iterable[Agreement], today: date) -> OwnShare:
    """All agreements made up to today, counted together."""
    total = OwnShare()
    for agreement in agreements:
        if agreement.made_on <= today:
            total = total + _count(agreement, today)
    return total


def own_share_by_month(agreements: Iterable[Agreement], today: date, months: int = 6) -> list[MonthShare]:
    """The last `months` calendar months up to today, oldest first; months without agreements included."""
    keys = []
    year, month = today.year, today.month
    for _ in range(months):
        keys.append((year, month))
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    keys.reverse()
    totals = {key: OwnShare() for key in keys}
    for agreement in agreements:
        key = (agreement.made_on.year, agreement.made_on.month)
        if key in totals and agreement.made_on <= today:
            totals[key] = totals[key] + _count(agreement, today)
    return [MonthShare(year, month, totals[(year, month)]) for year, month in keys]


def own_share_trend(by_month: list[MonthShare]) -> str | None:
    """'groeit', 'daalt' or 'gelijk': the own share of the later half against the earlier half."""
    half = len(by_month) // 2
    if half == 0:
        return None
    early = sum((m.share for m in by_month[:half]), OwnShare()).own_share
    late = sum((m.share for m in by_month[half:]), OwnShare()).own_share
    if early is None or late is None:
        return None
    if late - early >= 0.1:
        return "groeit"
    if early - late >= 0.1:
        return "daalt"
    return "gelijk"
