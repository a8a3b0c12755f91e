"""Showing new data in a widget that is already on screen, without redrawing what reads the same."""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Static


def same_content(new: Content | str, old: object) -> bool:
    """True when `old` is `new` to the letter and in style (Content's own == compares the letters only)."""
    if isinstance(new, str) or isinstance(old, str):
        return isinstance(old, type(new)) and new == old
    return isinstance(old, Content) and old.plain == new.plain and old.spans == new.spans


def update_if_changed(widget: Static, content: Content | str) -> bool:
    """Give `widget` this content when it shows something else; True when it did.

    An update lays out the whole screen again on the next frame: after a save most
    lines of a young person's file read as before, and those are left alone.
    """
    if same_content(content, widget.content):
        return False
    widget.update(content)
    return True
