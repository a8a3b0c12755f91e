"""The young person's own share of agreements, and how many of those they keep, month by month."""

from __future__ import annotations

from typing import Any

from textual.content import Content
from textual.widgets import Static

from coach.domain.agreements import MonthShare, OwnShare, own_share_trend
from coach.tui.formatting import MONTHS

COLUMN = 6
LABEL = 14
TREND_WORDS = {
    "groeit": "het eigen aandeel groeit",
    "daalt": "het eigen aandeel daalt",
    "gelijk": "het eigen aandeel blijft gelijk",
}


def _percent(part: int, whole: int) -> str:
    return f"{round(100 * part / whole)}%" if whole else "—"


def total_line(total: OwnShare, name: str) -> Content:
    """'Van 3 afspraken zijn er 2 van Noor zelf (67%); daarvan 1 van 2 nagekomen.'"""
    if total.made == 0:
        return Content("Nog geen afspraken om te tellen.")
    line = Content.from_markup(
        "Van [b]$made[/b] afspraken $verb er [b]$own[/b] van $name zelf ($pct)",
        made=str(total.made),
        verb="is" if total.own == 1 else "zijn",
        own=str(total.own),
        name=name,
        pct=_percent(total.own, total.made),
    )
    if total.decided:
        line = line + Content.from_markup(
            "; daarvan [b]$done van $decided[/b] nagekomen.", done=str(total.own_done), decided=str(total.decided)
        )
    else:
        line = line + Content(".")
    return line


def _cell(text: str) -> str:
    return text.rjust(COLUMN - 1) + " "


def month_rows(months: list[MonthShare]) -> list[Content]:
    """Three aligned rows: the months, the own share (own/all) and kept (done/decided)."""
    head = "".ljust(LABEL) + "".join(_cell(MONTHS[m.month - 1]) for m in months)
    own = "eigen/alle".ljust(LABEL) + "".join(
        _cell(f"{m.share.own}/{m.share.made}" if m.share.made else "·") for m in months
    )
    kept = "nagekomen".ljust(LABEL) + "".join(
        _cell(f"{m.share.own_done}/{m.share.decided}" if m.share.decided else "·") for m in months
    )
    return [Content.styled(head, "$foreground-muted"), Content(own), Content(kept)]


class AgreementShare(Static):
    """How much the young person takes on themselves, and keeps, over the last months."""

    def __init__(self, total: OwnShare, months: list[MonthShare], name: str, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.show(total, months, name)

    def show(self, total: OwnShare, months: list[MonthShare], name: str) -> None:
        """Show these figures."""
        lines = [total_line(total, name)]
        if total.made:
            lines.extend(month_rows(months))
            trend = own_share_trend(months)
            if trend:
                lines.append(Content.styled(f"Over deze maanden: {TREND_WORDS[trend]}.", "$foreground-muted"))
        self.update(Content("\n").join(lines))
