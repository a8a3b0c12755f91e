"""What a screen may ask the app for, typed: the open database, today, the content, the rules.

Screens and dialogs reach the app only through `CoachScreen.context` /
`CoachModal.context`, never through `self.app.<attribute>`; so they do not import
the app (no import circle) and every attribute they use is checked.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING, Any, Protocol, TypeVar, cast

from textual.app import App
from textual.binding import ActiveBinding
from textual.events import ScreenResume
from textual.screen import ModalScreen, Screen

from coach.tui.dutch import dutch_bindings

if TYPE_CHECKING:
    from sqlite_utils import Database

    from coach.content.model import Content
    from coach.domain.continuity import ContinuityRules
    from coach.store.db import Connection

ResultT = TypeVar("ResultT")


class CoachContext(Protocol):
    """The app as its screens see it."""

    @property
    def connection(self) -> Connection | None:
        """The plain connection (the caseload reads it without sqlite-utils); None while not open."""
        ...

    @property
    def database(self) -> Database:
        """The open database as sqlite-utils' Database (screens are only shown once it is open)."""
        ...

    @property
    def today(self) -> date:
        """The date the app works with (follows the clock past midnight)."""
        ...

    @property
    def content(self) -> Content:
        """Domains, questions and texts from prompts/, read when first asked for."""
        ...

    @property
    def rules(self) -> ContinuityRules:
        """How often contact is expected, from the settings."""
        ...

    @property
    def demo(self) -> bool:
        """True when the app shows the fictional demo caseload."""
        ...

    @property
    def default_coach(self) -> str | None:
        """The coach's own name from the settings: the vaste coach a new aanmelding starts with."""
        ...

    @property
    def passphrase_check(self) -> Callable[[str], str | None] | None:
        """Checks the coach's passphrase (None: right, else a Dutch message); None when the database has none."""
        ...

    def open_youth(self, youth_id: int) -> None:
        """Show this young person's screen."""
        ...


def context_of(app: App[Any]) -> CoachContext:
    """The coach app behind `app`, typed as its context.

    The one unchecked step: only the coach app shows these screens, and it
    declares itself a CoachContext (see CoachApp.context), which mypy checks.
    """
    return cast(CoachContext, app)


def show(screen: Screen[Any], event: ScreenResume, *, first: bool) -> None:
    """Show `screen` as Textual does, but style it only once on its first showing.

    Textual restyles a screen and every widget on it each time it is shown, the first time
    included, although each widget got its styles from the whole stylesheet as it mounted,
    a moment before. That second pass took a tenth of the CPU of the network and aanmelding
    tests (47.5 s -> 43.0 s). Only the screen itself can be behind: Textual reads a screen's
    own stylesheet (CSS_PATH) just after it registers the screen, so the screen alone is
    styled again. Later showings (back from a dialog) keep Textual's own choice.
    tests/test_snapshots.py checks on every screen pictured that a full restyle would change
    nothing; tests/test_stylesheets.py that the second pass stays skipped.
    """
    event.prevent_default()  # Textual's own handler runs once, here, not again after this one
    if first:
        screen.app.stylesheet.apply(screen)
        event = ScreenResume(refresh_styles=False)
    Screen._on_screen_resume(screen, event)


class CoachScreen(Screen[ResultT]):
    """A full screen of the coach app."""

    _shown = False

    def _on_screen_resume(self, event: ScreenResume) -> None:
        show(self, event, first=not self._shown)
        self._shown = True

    @property
    def active_bindings(self) -> dict[str, ActiveBinding]:
        """The keys that work here, described in Dutch (also Textual's own, for the footer and the keys panel)."""
        return dutch_bindings(super().active_bindings)

    @property
    def context(self) -> CoachContext:
        """The app's database, date, content and rules."""
        return context_of(self.app)


class CoachModal(ModalScreen[ResultT]):
    """A dialog of the coach app, typed by what it answers."""

    _shown = False

    def _on_screen_resume(self, event: ScreenResume) -> None:
        show(self, event, first=not self._shown)
        self._shown = True

    @property
    def active_bindings(self) -> dict[str, ActiveBinding]:
        """The keys that work here, described in Dutch (also Textual's own, for the footer and the keys panel)."""
        return dutch_bindings(super().active_bindings)

    @property
    def context(self) -> CoachContext:
        """The app's database, date, content and rules."""
        return context_of(self.app)
