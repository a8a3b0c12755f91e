"""What every command shares: the global options, the settings read once, and opening the database."""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
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
    from coach.store.db import Connection


# The environment variables the group's --db and --prompts read (coach.cli.group), which `coach`
# alone reads itself when it opens the app without the group (coach.cli.app_alone_options).
DB_ENV = "COACH_DB"
PROMPTS_ENV = "COACH_PROMPTS"


class Options:
    """The global options every command sees, and the settings file read at most once per command.

    The settings are read when a command first needs them, not before: a broken
    config.toml stops only the commands that use it.
    """

    def __init__(self, db_path: Path | None, prompts_dir: Path | None) -> None:
        self.db_path = db_path
        self.prompts_dir = prompts_dir
        self._config: Config | None = None

    @property
    def database(self) -> Path:
        """The database this command works on: --db, COACH_DB, or the default."""
        return self.db_path or paths.default_db_path()

    def config(self) -> Config:
        """The settings from config.toml (read on first use, then kept), or a CoachError."""
        if self._config is None:
            from coach.config import ConfigError, load_config

            where = paths.config_path()
            if where.exists() and not where.is_file():
                raise CoachError(
                    f"De instellingen in {where} zijn geen bestand (maar bijvoorbeeld een map). "
                    "Zet daar een config.toml neer, of haal het weg om de standaard te gebruiken.",
                    EXIT_USAGE,
                )
            try:
                self._config = load_config()
            except ConfigError as error:
                raise CoachError(_toml_in_dutch(str(error)), EXIT_USAGE) from None
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


# The days coach can reckon from: far enough from both ends of the calendar for every
# period it computes (a retention term of up to 200 years, a week ahead).
EARLIEST, LATEST = date(1900, 1, 1), date(2999, 12, 31)


_TOML_PLACE = re.compile(r"^(?P<path>.*?): (?P<what>[^\n]*?) \(at line (?P<line>\d+), column (?P<column>\d+)\)\.")
_UNREADABLE = re.compile(r"^Kan de instellingen in (?P<path>.*) niet lezen \((?P<why>.*)\)\.$", re.DOTALL)
_TOML_END = re.compile(r"^(?P<path>.*?): (?P<what>[^\n]*?) \(at end of document\)\.")


def _toml_in_dutch(message: str) -> str:
    """The settings error with the TOML parser's English replaced by where the mistake is."""
    # tomllib's messages are English and not translatable; where it found the mistake is what helps.
    rest = " Verbeter het bestand of haal het weg om de standaard te gebruiken."
    if found := _UNREADABLE.match(message):
        why = "het is geen UTF-8-tekst" if "codec" in found["why"] else "het bestand is niet leesbaar"
        return f"Kan de instellingen in {found['path']} niet lezen: {why}.{rest}"
    if found := _TOML_PLACE.match(message):
        return f"{found['path']}: de instellingen kloppen niet op regel {found['line']}, kolom {found['column']}.{rest}"
    if found := _TOML_END.match(message):
        return f"{found['path']}: de instellingen houden te vroeg op (aan het eind van het bestand).{rest}"
    return message


def today_or_fail() -> date:
    """Today, or a CoachError when COACH_TODAY is malformed."""
    try:
        today = clock.today()
    except clock.BadTodayError as error:
        raise CoachError(str(error), EXIT_USAGE) from None
    if not EARLIEST <= today <= LATEST:
        # Reckoning back 24 months or ahead a week from year 1 or 9999 leaves the calendar.
        raise CoachError(
            f"COACH_TODAY={today.isoformat()} ligt te ver weg; kies een datum tussen "
            f"{EARLIEST.isoformat()} en {LATEST.isoformat()}.",
            EXIT_USAGE,
        )
    return today


def open_or_fail(db_path: Path) -> Database:
    """The opened database (unlocked with COACH_PASSPHRASE or a hidden prompt), or a CoachError."""
    from coach.cli.unlock import open_for_cli

    return open_for_cli(db_path)


def connection_or_fail(db_path: Path) -> Connection:
    """As open_or_fail, giving the plain connection (for a command that only reads through the store)."""
    from coach.cli.unlock import connection_for_cli

    return connection_for_cli(db_path)


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


def refuse_demo(db: Database, db_path: Path, doing: str) -> None:
    """A CoachError when db is a demo: real cases never go into a demo file (it is plain, and rebuilt at will)."""
    from coach.store.settings import is_demo

    if is_demo(db):
        db.close()
        raise CoachError(
            f"{db_path} is een demo-database: daar {doing} we geen echte dossiers (een demo is niet versleuteld "
            "en wordt opnieuw gemaakt). Laat --db weg om je eigen database te gebruiken, of kies een ander bestand."
        )


def record_read(db: Database, what: str, youth_id: int | None = None) -> None:
    """Note in the audit trail that this command read a case (or the whole database): who, when, what; no content."""
    from coach.store.audit import record_access

    record_access(db, what, youth_id)


def write_file_or_fail(target: Path, text: str | bytes) -> None:
    """Write text (or bytes) to target all or nothing, private (0600); a CoachError for a target that is no regular file."""
    try:
        paths.write_private(target, text)
    except paths.NotAFileError:
        raise CoachError(
            f"{target} is geen gewoon bestand (maar een map of apparaat); daar schrijven we niet in. "
            "Kies een bestandsnaam.",
            EXIT_USAGE,
        ) from None
    except OSError as error:
        raise CoachError(
            f"Kan {target} niet schrijven: {paths.reason(error)}. Kies een andere map of bestandsnaam; "
            "een bestand dat er al stond is niet veranderd."
        ) from None
