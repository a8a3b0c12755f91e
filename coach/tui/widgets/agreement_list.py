"""Agreements: open ones first (soonest due first, overdue marked), then recently closed."""

from __future__ import annotations

from datetime import date

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Static

from coach.domain.model import Agreement
from coach.tui.formatting import day_count, short_date

CLOSED_SHOWN = 3
CLOSED_WORDS = {"gedaan": "✓ gedaan", "vervallen": "✗ vervallen"}


def order_agreements(agreements: list[Agreement]) -> tuple[list[Agreement], list[Agreement]]:
    """(open ones by due date, undated last; closed ones newest first)."""
    open_ = sorted(
        (a for a in agreements if a.status == "open"), key=lambda a: (a.due is None, a.due or a.made_on)
    )
    closed = sorted((a for a in agreements if a.status != "open"), key=lambda a: a.made_on, reverse=True)
    return open_, closed


def is_overdue(agreement: Agreement, today: date) -> bool:
    """Open and its due date has passed."""
    return agreement.status == "open" and agreement.due is not None and agreement.due < today


def agreement_line(agreement: Agreement, today: date) -> Content:
    """'• Belt de woningcorporatie · jongere · vóór 12 mrt · te laat (2 dagen)'."""
    line = Content.from_markup("$text · [$foreground-muted]$owner[/]", text=agreement.text, owner=agreement.owner)
    if agreement.status != "open":
        return line + Content(f" · {CLOSED_WORDS.get(agreement.status, agreement.status)}")
    if agreement.due is not None:
        line = line + Content(f" · vóór {short_date(agreement.due, today)}")
    if is_overdue(agreement, today):
        late = day_count((today - agreement.due).days)
        line = line + Content.from_markup(" · [b $error]⚠ te laat ($late)[/]", late=late)
    return line


class AgreementList(Vertical):
    """Open agreements, then the last few closed ones."""

    def __init__(self, agreements: list[Agreement], today: date, **kwargs) -> None:
        super().__init__(**kwargs)
        self._agreements = agreements
        self._today = today

    def compose(self) -> ComposeResult:
        open_, closed = order_agreements(self._agreements)
        if not (open_ or closed):
            yield Static("Nog geen afspraken vastgelegd.", classes="empty-hint")
            return
        if not open_:
            yield Static("Geen open afspraken.", classes="empty-hint list-item")
        for agreement in open_:
            classes = "list-item -overdue" if is_overdue(agreement, self._today) else "list-item"
            yield Static(agreement_line(agreement, self._today), classes=classes)
        for agreement in closed[:CLOSED_SHOWN]:
            yield Static(agreement_line(agreement, self._today), classes="list-item -closed")
