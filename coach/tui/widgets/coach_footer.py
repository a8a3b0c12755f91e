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
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Footer
from textual.widgets._footer import FooterKey

# How many refreshes to wait for the keys to be laid out before measuring them.
LAYOUT_TRIES = 5
# Keys that stay when space runs short, whatever else is left out: help must always be findable.
ALWAYS_SHOWN = frozenset({"help"})
# Cells around a key's text, a first estimate on the short side (one between key and description, one
# after); what was drawn is measured afterwards and one more key left out when it does not fit (_check_fit).
KEY_SPACING = {False: 2, True: 2}


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
    # Counts the footer's compositions, so a measurement of keys since replaced is dropped.
    _generation = 0
    # Keys left out beyond the estimate, after measuring what was drawn (styles differ per screen).
    _dropped = 0
    # What the keys shown were made from; the same again needs no new keys.
    _shown_for: tuple[object, ...] | None = None
    # The first keys are on their way (composed after the screen's first frame): they read the bindings then.
    _first_keys_due = False

    def compose(self) -> ComposeResult:
        widgets: list[Widget] = list(super().compose())
        palette = [w for w in widgets if isinstance(w, FooterKey) and w.has_class("-command-palette")]
        keys = [w for w in widgets if isinstance(w, FooterKey) and w not in palette]
        others = [w for w in widgets if w not in palette and w not in keys]
        self._first_keys_due = False
        self._fitted_to = self.size.width or self.app.size.width
        self._shown_for = self._signature()
        # The palette key sits on the right behind a one-cell separator; a binding group (rare) gets room for its label.
        width = self._fitted_to - sum(key_width(k) + 1 for k in palette) - 12 * len(others)
        shown = fitting(keys, width, self.compact)
        for _ in range(self._dropped):
            optional = [k for k in shown if k.action not in ALWAYS_SHOWN]
            if optional:
                shown.remove(optional[-1])
        # A new key starts compact and is then bound to the footer's setting (the palette key stays
        # compact): each change restyled it, twice per key for every footer made. With its setting
        # given before it is mounted (reading it would already run the change), none is.
        for key, compact in [(key, self.compact) for key in shown] + [(key, True) for key in palette]:
            key.set_reactive(FooterKey.compact, compact)
            key.set_class(compact, "-compact", update=False)
        yield from others
        yield from shown
        yield from palette
        self._generation += 1
        if shown:
            self.call_after_refresh(self._check_fit, self._generation, LAYOUT_TRIES)

    def _check_fit(self, generation: int, tries: int) -> None:
        """Measure what was drawn; when the keys run under the palette key, leave one more out."""
        if generation != self._generation:
            return  # composed again since: that composition measures itself
        if not self.is_attached or not self.screen.is_current:
            return  # a footer out of sight is measured when its screen shows again (bindings change then)
        keys = [k for k in self.query(FooterKey) if not k.has_class("-command-palette")]
        palette = [k for k in self.query(FooterKey) if k.has_class("-command-palette")]
        if not keys:
            return
        if any(not widget.region.width for widget in keys + palette):
            if tries > 0:  # not laid out yet: look again after the next refresh
                self.call_after_refresh(self._check_fit, generation, tries - 1)
            return
        # At least one cell between the last key and the palette key's separator (or the edge): a key flush
        # against it has lost its last padding or margin cell, so it reads as cut off ("F1 Hulp▏").
        limit = palette[0].region.x if palette else self.region.right
        if max(k.region.right for k in keys) >= limit and any(k.action not in ALWAYS_SHOWN for k in keys):
            self._dropped += 1
            self._generation += 1  # no other measurement of these keys counts
            self.refresh(recompose=True)

    def _signature(self) -> tuple[object, ...]:
        """Everything the keys are drawn from: the screen's shown bindings and the footer's width."""
        if not self._bindings_ready or not self.is_attached:
            return ()
        app = self.app
        return (
            self.size.width or app.size.width,
            tuple(
                (key, app.get_key_display(binding), binding.description, binding.action, enabled, tooltip)
                for key, (_node, binding, enabled, tooltip) in self.screen.active_bindings.items()
                if binding.show or key == app.COMMAND_PALETTE_BINDING
            ),
        )

    def bindings_changed(self, screen: Screen[object]) -> None:
        # Textual says so after every focus move and every refresh of the bindings, mostly with the
        # same keys as before; building them anew each time cost more than the rest of a key press.
        first = not self._bindings_ready
        self._bindings_ready = True
        if self._first_keys_due:
            return
        if self._shown_for is not None and self._signature() == self._shown_for:
            return
        self._dropped = 0  # other keys: estimate afresh
        if screen.app.app_focus and self.is_attached and screen is self.screen:
            if first:
                # The first keys come one frame after what the screen is for (as in any Textual
                # app: a footer gets its keys once the screen's bindings are known); made before
                # it, they held up the caseload's first frame by some 10 ms.
                self._first_keys_due = True
                self.call_after_refresh(self.recompose)
                return
            # Several changes in one go (a screen filling in) give one new set of keys, not one each.
            self.refresh(recompose=True)

    def on_resize(self, event: events.Resize) -> None:
        if self._bindings_ready and event.size.width != self._fitted_to:
            self._dropped = 0
            self.refresh(recompose=True)
