"""What every command shares: the global options, the settings read once, and opening the database."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from coach import clock, paths
from coach.cli.errors import EXIT_USAGE, CoachError

if TYPE_CHECKING:
    from sqlite_utils import Database

    from coach.config import Config
    from coach.content.model import Content
    from coach.domain.continuity import ContinuityRules
    from coach.domain.model import Case


@dataclass
class Options:
    """The global options every command sees, and the settings file read at most once per command.

    The settings are read when a command first needs them, not before: a broken
    config.toml stops only the commands that use it.
    """

    db_path: Path | None
    prompts_dir: Path | None
    _config: Config | None = field(default=None, init=False, repr=False, compare=False)

    @property
    def database(self) -> Path:
        """The database this command works on: --db, COACH_DB, or the default."""
        return self.db_path or paths.default_db_path()

    def config(self) -> Config:
        """The settings from config.toml (read on first use, then kept), or a CoachError."""
        if self._config is None:
            from coach.config import ConfigError, load_config

            try:
                self._config = load_config()
            except ConfigError as error:
                raise CoachError(str(error), EXIT_USAGE) from None
        return self._config

    def rules(self) -> ContinuityRules:
        """The continuity rules with the organisation's contact rhythm from config.toml, or a CoachError."""
        return self.config().continuity_rules()

    def content(self) -> Content:
        """The prompts content (the organisation's own where given), or a CoachError."""
        from coach.content.prompts import load_content
        from coach.content.toml_source import PromptsError

        try:
            return load_content(self.own_prompts())
        except PromptsError as error:
            raise CoachError(str(error), EXIT_USAGE) from None

    def own_content(self) -> Content | None:
        """The organisation's own prompts checked and read, or None when there are none (the app reads ours)."""
        if self.own_prompts() is None:
            return None
        return self.content()

    def own_prompts(self) -> Path | None:
        """The organisation's prompts folder: --prompts (or COACH_PROMPTS) wins over the settings file."""
        return self.prompts_dir or self.config().prompts


def today_or_fail() -> date:
    """Today, or a CoachError when COACH_TODAY is malformed."""
    try:
        return clock.today()
    except clock.BadTodayError as error:
        raise CoachError(str(error), EXIT_USAGE) from None


def open_or_fail(db_path: Path) -> Database:
    """The opened database (unlocked with COACH_PASSPHRASE or a hidden prompt), or a CoachError."""
    from coach.cli.unlock import open_for_cli

    return open_for_cli(db_path)


def load_case_or_fail(options: Options, youth_id: int) -> tuple[Database, Case]:
    """The database and the case with this id, or a CoachError saying it does not exist."""
    from coach.store.cases import load_case

    db = open_or_fail(options.database)
    case = load_case(db, youth_id)
    if case is None:
        raise CoachError(f"Er is geen jongere met nummer {youth_id}. Kijk met 'coach caseload' welke nummers er zijn.")
    return db, case


def existing(db_path: Path) -> Path:
    """The path, or a CoachError when there is no database there yet (for commands that must not make one)."""
    from coach.store.db import file_kind

    if file_kind(db_path) == "new":
        raise CoachError(f"Er is nog geen database op {db_path}. Kies de goede met --db.")
    return db_path


@contextmanager
def only_coach(db_path: Path) -> Iterator[None]:
    """Hold the instance lock: these commands must not pull the file from under an open app."""
    from coach.store import StoreError
    from coach.store.instance import InstanceLock

    try:
        lock = InstanceLock(db_path).acquire()
    except StoreError as error:
        raise CoachError(str(error)) from None
    try:
        yield
    finally:
        lock.release()
