"""Domains a contact touched: ticked by hand, or suggested by the signal words in the note."""

from __future__ import annotations

from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import SelectionList, Static

from coach.conversation.signals import SignalFinder
from coach.tui.widgets.plain_toggles import PlainSelectionList
from coach.tui.widgets.refresh import update_if_changed

EMPTY_HINT = "Woorden in de notitie stellen hier leefgebieden voor. Spatie zet er een aan of uit."


class DomainPicker(Vertical):
    """The thirteen domains to tick; a domain the note points to is ticked, unless the coach unticked it."""

    class Changed(Message):
        """The ticked domains changed."""

    def __init__(self, labels: dict[str, str], finder: SignalFinder, selected: list[str], **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._labels = labels
        self._finder = finder
        self._selected = set(selected)
        self._declined: set[str] = set()

    def compose(self) -> ComposeResult:
        yield Static(EMPTY_HINT, id="suggestions", classes="hint")
        yield PlainSelectionList(
            *[(label, key, key in self._selected) for key, label in self._labels.items()], id="domains", compact=True
        )

    @property
    def selected(self) -> list[str]:
        """The ticked domains, in the fixed domain order."""
        ticked = set(self.query_one(SelectionList).selected)
        return [key for key in self._labels if key in ticked]

    def suggest_from(self, note: str) -> None:
        """Show which domains the note points to (with the words), and tick the new ones."""
        found: dict[str, list[str]] = {}
        for signal in self._finder.find(note):
            words = found.setdefault(signal.domain, [])
            if signal.typed.lower() not in words:
                words.append(signal.typed.lower())
        if found:
            parts = [f"{self._labels[key]} ({', '.join(words[:3])})" for key, words in found.items()]
            hint = "In de notitie: " + " · ".join(parts)
        else:
            hint = EMPTY_HINT
        # On every key of the note: an update lays out the whole form again, so only a changed hint is shown.
        update_if_changed(self.query_one("#suggestions", Static), hint)
        domains = self.query_one(SelectionList)
        for key in found:
            if key not in self._declined and key not in domains.selected:
                domains.select(key)

    @on(SelectionList.SelectedChanged)
    def _ticked(self, event: SelectionList.SelectedChanged[str]) -> None:
        event.stop()
        now = set(self.query_one(SelectionList).selected)
        # Unticked by the coach: stays off, even while the note keeps pointing to it.
        self._declined |= self._selected - now
        self._declined -= now
        self._selected = now
        self.post_message(self.Changed())
