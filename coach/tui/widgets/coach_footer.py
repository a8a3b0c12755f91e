"""A footer that never cuts a key in half: what does not fit is left out whole, Hulp and Zoeken stay.

Textual's footer scrolls its keys under the command-palette key on the right,
so at 80 columns the coach read "q St▏^p Zoekenu". This one measures the keys
first and shows only those that fit; the rest still work and are listed in
the keys panel (Ctrl+P → Toetsen).
"""

from __future__ import annotations

from rich.cells import cell_len
from textual import events
from textual.app import ComposeResult
from textual.widget import Widget
from textual.widgets import Footer
from textual.widgets._footer import FooterKey

# Keys that stay when space runs short, whatever else is left out: help must always be findable.
ALWAYS_SHOWN = frozenset({"help"})
# Cells around a key's text: padding around the key and after the description (wide style),
# or one space and a margin (compact style).
KEY_SPACING = {False: 3, True: 2}


def key_width(key: FooterKey, compact: bool = False) -> int:
    """The cells one footer key takes, spacing included."""
    return cell_len(key.key_display) + cell_len(key.description) + KEY_SPACING[compact]


def fitting(keys: list[FooterKey], width: int, compact: bool = False) -> list[FooterKey]:
    """The keys that fit in `width` cells, in order; the always-shown ones are kept first, the latest left out."""
    budget = width - sum(key_width(k, compact) for k in keys if k.action in ALWAYS_SHOWN)
    shown: list[FooterKey] = []
    for key in keys:
        if key.action in ALWAYS_SHOWN:
            shown.append(key)
            continue
        cost = key_width(key, compact)
        if cost > budget:
            # Once one key is left out, all later ones are too: the footer does not skip around.
            budget = -1
            continue
        budget -= cost
        shown.append(key)
    return shown


class CoachFooter(Footer):
    """Textual's footer, with only the keys that fit in the width it has."""

    _fitted_to = 0

    def compose(self) -> ComposeResult:
        widgets: list[Widget] = list(super().compose())
        palette = [w for w in widgets if isinstance(w, FooterKey) and w.has_class("-command-palette")]
        keys = [w for w in widgets if isinstance(w, FooterKey) and w not in palette]
        others = [w for w in widgets if w not in palette and w not in keys]
        self._fitted_to = self.size.width or self.app.size.width
        # The palette key sits on the right behind a one-cell separator; a binding group (rare) gets room for its label.
        width = self._fitted_to - sum(key_width(k) + 1 for k in palette) - 12 * len(others)
        yield from others
        yield from fitting(keys, width, self.compact)
        yield from palette

    def on_resize(self, event: events.Resize) -> None:
        if self._bindings_ready and event.size.width != self._fitted_to:
            self.call_after_refresh(self.recompose)
