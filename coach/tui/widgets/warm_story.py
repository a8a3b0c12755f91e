"""The young person's warm story, grouped by kind, their own words shown as quotes."""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Static

from coach.domain.domains import WarmKind
from coach.domain.model import WarmStoryItem
from coach.domain.self_assessment import SOURCE_LABEL

EMPTY_HINT = "Nog geen warm verhaal vastgelegd. Begin het volgende gesprek hiermee:"


def quote(item: WarmStoryItem, by_youth: bool = False) -> Content:
    """The item's text; in quotation marks and italic when they are the young person's own words.

    A line the young person typed themselves (samen invullen) says so after it.
    """
    if item.own_words:
        text = Content.from_markup("[i]“$text”[/i]", text=item.text)
    else:
        text = Content(item.text)
    if by_youth:
        text += Content.from_markup(f" [$text-muted]({SOURCE_LABEL})[/]")
    return text


class WarmStory(Vertical):
    """What matters to them, what they are proud of, how they kept going."""

    def __init__(
        self,
        items: list[WarmStoryItem],
        kinds: tuple[WarmKind, ...],
        typed_by_youth: set[int] | frozenset[int] = frozenset(),
        **kwargs: Any,
    ) -> None:
        super().__init__(**kwargs)
        self._typed_by_youth = typed_by_youth
        self._items = items
        self._kinds = kinds

    async def show(self, items: list[WarmStoryItem], typed_by_youth: set[int] | frozenset[int] = frozenset()) -> None:
        """Show these lines instead; nothing is built again when they are the same."""
        if (items, typed_by_youth) == (self._items, self._typed_by_youth):
            return
        self._items, self._typed_by_youth = items, typed_by_youth
        await self.recompose()

    def compose(self) -> ComposeResult:
        if not self._items:
            yield Static(EMPTY_HINT, classes="empty-hint")
            if self._kinds and self._kinds[0].questions:
                yield Static(Content.from_markup("[i]“$q”[/i]", q=self._kinds[0].questions[0]), classes="warm-item")
            return
        labels = {kind.key: kind.label for kind in self._kinds}
        # Known kinds in the prompts' order; any other kind after them, as written.
        order = [kind.key for kind in self._kinds]
        order += sorted({item.kind for item in self._items} - set(order))
        for key in order:
            items = [item for item in self._items if item.kind == key]
            if not items:
                continue
            yield Static(labels.get(key, key.capitalize()), markup=False, classes="warm-kind")
            for item in items:
                yield Static(
                    quote(item, item.id in self._typed_by_youth),
                    classes="warm-item -own-words" if item.own_words else "warm-item",
                )
