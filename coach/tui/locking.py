"""What the app does to keep the data safe: the way in with a passphrase, the lock, the daily backup."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from textual import events
from textual.app import App
from textual.screen import Screen

from coach.store.db import Connection, StoreError, WrongPassphrase, file_kind, open_connection
from coach.tui.autolock import IdleWatch, save_everything

# The lock and first-run screens, the passphrase check and the backup are
# imported where they are used: a start on a plain database needs none of
# them before its first frame.

# Seconds after opening before today's backup is started.
BACKUP_AFTER = 1.0
PLAIN_NOTICE = "Deze database is niet versleuteld. Zet er een wachtwoord op met 'coach passphrase' (met de app dicht)."
# Nothing that shows names may open while the app is locked or not yet open.
_BLOCKED_WHILE_LOCKED = {"command_palette", "help", "guides", "lock"}
# Nor while the young person has the laptop (samen invullen): nothing that leads out of their part.
_BLOCKED_FOR_YOUTH = _BLOCKED_WHILE_LOCKED | {"quit", "change_theme", "show_help_panel", "hide_help_panel"}


def open_for_app(db_path: Path, passphrase: str | None, *, demo: bool) -> Connection | None:
    """The database's connection when it can be opened now; None when the app must ask for the passphrase first."""
    kind = file_kind(db_path)
    if demo or kind == "plain":
        return open_connection(db_path)
    if passphrase is None:
        return None
    return open_connection(db_path, passphrase=passphrase)


class LockingApp(App[Any]):
    """The app's base: opening with a passphrase, locking (idle or Ctrl+L), the daily backup.

    The app's `connection` is None until the coach has typed the passphrase
    (or chosen one, on the first run).
    """

    connection: Connection | None
    today: date
    demo: bool
    db_path: Path | None = None
    passphrase: str | None = None
    locked: bool = False
    backup_keep: int = 7
    idle: IdleWatch | None = None

    def setup_safety(
        self, *, db_path: Path | None, passphrase: str | None, lock_after: float | None, backup_keep: int
    ) -> None:
        """Remember where the database is and how to guard it (called from the App's __init__)."""
        self.db_path = db_path
        self.passphrase = passphrase
        self.backup_keep = backup_keep
        self.idle = IdleWatch(self, lock_after, self.action_lock)

    def on_mount(self) -> None:
        """Start the idle watch; ask for the passphrase first when the database is not open yet."""
        if self.idle is not None:
            self.idle.start()
        if self.connection is None:
            self.push_screen(self._way_in(), self._opened)
        else:
            self._after_open()

    async def on_event(self, event: events.Event) -> None:
        """Every key press and mouse move counts as the coach being there."""
        if isinstance(event, events.InputEvent) and self.idle is not None:
            self.idle.touch()
        await super().on_event(event)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """No palette, handbook or second lock while locked."""
        if (self.locked or self.connection is None) and action in _BLOCKED_WHILE_LOCKED:
            return False
        if action in _BLOCKED_FOR_YOUTH and self.youth_has_laptop:
            return False
        return super().check_action(action, parameters)

    @property
    def youth_has_laptop(self) -> bool:
        """A screen for the young person's own eyes (samen invullen) is open: the app's own keys are off."""
        return any(getattr(screen, "FOR_YOUTH", False) for screen in self.screen_stack)

    @property
    def passphrase_check(self) -> Callable[[str], str | None] | None:
        """Checks a typed passphrase (None: right, else a Dutch message); None when the database has none."""
        return self._check_passphrase if self.passphrase is not None else None

    def action_lock(self) -> None:
        """Save what is typed, then hide everything until the passphrase is given again."""
        if self.locked or self.connection is None:
            return
        save_everything(self)
        self.clear_notifications()
        self.locked = True
        from coach.tui.screens.lock import LockScreen

        check = self._check_passphrase if self.passphrase is not None else None
        self.push_screen(LockScreen(check), self._unlocked)

    def _check_passphrase(self, candidate: str) -> str | None:
        from coach.privacy.passphrase import same_passphrase

        assert self.passphrase is not None
        if same_passphrase(candidate, self.passphrase):
            return None
        return "Dat wachtwoord klopt niet. Probeer het nog eens."

    def _unlocked(self, _result: Any) -> None:
        self.locked = False
        if self.idle is not None:
            self.idle.touch()

    # --- the way in -----------------------------------------------------------------

    def _way_in(self) -> Screen[Any]:
        from coach.tui.screens.first_run import FirstRunScreen
        from coach.tui.screens.lock import OPEN_HINT, OPEN_TITLE, LockScreen

        assert self.db_path is not None
        if file_kind(self.db_path) == "new":
            return FirstRunScreen(self._open_with)
        return LockScreen(self._open_with, title=OPEN_TITLE, hint=OPEN_HINT)

    def _open_with(self, passphrase: str) -> str | None:
        assert self.db_path is not None
        try:
            self.connection = open_connection(self.db_path, passphrase=passphrase)
        except WrongPassphrase:
            return "Dat wachtwoord klopt niet. Let op hoofdletters en spaties, en probeer het nog eens."
        except StoreError as error:
            return str(error)
        self.passphrase = passphrase
        return None

    def _opened(self, _result: Any) -> None:
        # The first screen goes on top of the blank one (a default screen cannot be switched away).
        self.push_screen(self.get_default_screen())
        self._after_open()

    def _after_open(self) -> None:
        if self.db_path is None or self.demo:
            return
        if self.passphrase is None:
            self.notify(PLAIN_NOTICE, severity="warning", timeout=10)
        # A moment after the first screen is painted, so the backup's work does not hold it up.
        self.set_timer(BACKUP_AFTER, self.daily_backup)

    def daily_backup(self) -> None:
        """Make today's backup in a thread, if there is none yet (the demo gets none)."""
        from coach.tui.auto_backup import start_auto_backup

        if self.db_path is None or self.demo or self.connection is None:
            return
        start_auto_backup(self, self.db_path, self.passphrase, self.today, self.backup_keep)
