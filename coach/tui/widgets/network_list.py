"""The people around the young person: informal first, then professional."""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Static

from coach.domain.model import NetworkPerson

GROUPS = (("informeel", "Informeel"), ("professioneel", "Professioneel"))


def person_line(person: NetworkPerson) -> Content:
    """'Riet — oma' or 'Jan de Vries — jobcoach, UWV'."""
    detail = ", ".join(part for part in (person.relation, person.organisation) if part)
    return Content.from_markup("[b]$name[/b] — $detail", name=person.name, detail=detail)


class NetworkList(Vertical):
    """The network in two groups; an empty group says so."""

    def __init__(self, people: list[NetworkPerson], **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._people = people

    def compose(self) -> ComposeResult:
        if not self._people:
            yield Static("Nog niemand uit het netwerk vastgelegd.", classes="empty-hint")
            return
        for kind, label in GROUPS:
            people = [person for person in self._people if person.kind == kind]
            yield Static(label, classes="group-label")
            if not people:
                yield Static("nog niemand", classes="empty-hint list-item")
            for person in people:
                yield Static(person_line(person), classes="list-item")
