"""The totals above the caseload: how many per phase, and how the rhythm stands."""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Static

from coach.domain.continuity import LET_OP, TE_LANG
from coach.domain.desk import Totals
from coach.domain.vocabulary import Phase


def number(count: int) -> str:
    """A count the Dutch way: 4.600."""
    return f"{count:,}".replace(",", ".")


def totals_content(totals: Totals) -> Content:
    """'3 jongeren · ● 1 te lang · ● 1 let op · 1 met afspraken te laat' and, below, the count per phase."""
    if not totals.youths:
        return Content("")
    noun = "jongere" if totals.youths == 1 else "jongeren"
    parts = [Content.from_markup("[b]$n[/b] " + noun, n=number(totals.youths))]
    too_long, attention = totals.continuity.get(TE_LANG, 0), totals.continuity.get(LET_OP, 0)
    if too_long:
        parts.append(Content.from_markup("[$error]●[/] [b]$n[/b] te lang", n=number(too_long)))
    if attention:
        parts.append(Content.from_markup("[$warning]●[/] [b]$n[/b] let op", n=number(attention)))
    if totals.with_overdue:
        parts.append(Content.from_markup("[b]$n[/b] met afspraken te laat", n=number(totals.with_overdue)))
    if not (too_long or attention):
        parts.append(Content.from_markup("[$success]●[/] iedereen op koers"))
    phases = [
        Content.from_markup("$label [b]$n[/b]", label=Phase.label_of(phase), n=number(count))
        for phase, count in totals.phases.items()
    ]
    return Content.assemble(Content(" · ").join(parts), "\n", Content(" · ").join(phases))


class DeskTotals(Static):
    """Totals of the whole caseload, whatever the filter shows."""

    def show(self, totals: Totals) -> None:
        """Show these totals."""
        self.update(totals_content(totals))
