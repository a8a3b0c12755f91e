"""Contextual help: which section of the handbook belongs to the screen the coach is on."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol, runtime_checkable

from textual.screen import Screen

from coach.tui.screens.caseload import CaseloadScreen
from coach.tui.screens.youth import YouthScreen

HelpTarget = tuple[str, str | None]
"""A guide's file name and the slug of a section in it (None: the top of the guide)."""

FALLBACK: HelpTarget = ("index.md", None)

# Screens that do not say for themselves where their help is.
DEFAULT_TARGETS: dict[type[Screen], HelpTarget] = {
    CaseloadScreen: ("app.md", "de-caseload"),
    YouthScreen: ("app.md", "het-scherm-van-een-jongere"),
}


@runtime_checkable
class HasHelp(Protocol):
    """A screen that knows which handbook section helps the coach right now (e.g. the domain in focus)."""

    def help_target(self) -> HelpTarget:
        """Return (guide file name, section slug or None)."""
        ...


def help_target(stack: Sequence[Screen]) -> HelpTarget:
    """Return the help for the topmost screen that has any; dialogs without their own fall through."""
    for screen in reversed(stack):
        if isinstance(screen, HasHelp):
            return screen.help_target()
        for kind, target in DEFAULT_TARGETS.items():
            if isinstance(screen, kind):
                return target
    return FALLBACK
