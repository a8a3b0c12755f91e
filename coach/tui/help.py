"""Contextual help: which section of the handbook belongs to the screen the coach is on.

Every screen with a handbook section says so itself (`help_target()`); this module
imports no screen, so screens may use its types without an import circle.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Protocol, runtime_checkable

from textual.screen import Screen

HelpTarget = tuple[str, str | None]
"""A guide's file name and the slug of a section in it (None: the top of the guide)."""

FALLBACK: HelpTarget = ("index.md", None)


@runtime_checkable
class HasHelp(Protocol):
    """A screen that knows which handbook section helps the coach right now (e.g. the domain in focus)."""

    def help_target(self) -> HelpTarget:
        """Return (guide file name, section slug or None)."""
        ...


def help_target(stack: Sequence[Screen[Any]]) -> HelpTarget:
    """Return the help for the topmost screen that has any; dialogs without their own fall through."""
    for screen in reversed(stack):
        if isinstance(screen, HasHelp):
            return screen.help_target()
    return FALLBACK
