"""What every command of the command line shares: options, errors, opening the store."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from rich.console import Console

from coach import clock, paths

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2


class CoachError(Exception):
    """A Dutch message for the user and the exit code that goes with it."""

    def __init__(self, message: str, code: int = EXIT_FAILED):
        super().__init__(message)
        self.code = code


@dataclass
class Options:
    """The global options every command sees."""

    db_path: Path | None
    prompts_dir: Path | None


def open_or_fail(db_path: Path):
    """The opened database (unlocked with COACH_PASSPHRASE or a hidden prompt), or a CoachError."""
    from coach.cli_passphrase import open_for_cli

    return open_for_cli(db_path)


def content_or_fail(options: Options, *, only_own: bool = False):
    """The prompts content (the organisation's own where given), or a CoachError.

    With only_own: None when no own prompts are given (the app reads ours itself).
    """
    from coach.config import ConfigError, load_config
    from coach.content.prompts import load_content
    from coach.content.toml_source import PromptsError

    try:
        # --prompts (or COACH_PROMPTS) wins over the settings file.
        own = options.prompts_dir or load_config().prompts
        if only_own and own is None:
            return None
        return load_content(own)
    except (PromptsError, ConfigError) as error:
        raise CoachError(str(error), EXIT_USAGE) from None


def rules_or_fail():
    """The continuity rules with the organisation's contact rhythm from config.toml, or a CoachError."""
    from coach.config import ConfigError, load_config

    try:
        return load_config().continuity_rules()
    except ConfigError as error:
        raise CoachError(str(error), EXIT_USAGE) from None


def today_or_fail():
    """Today, or a CoachError when COACH_TODAY is malformed."""
    try:
        return clock.today()
    except clock.BadTodayError as error:
        raise CoachError(str(error), EXIT_USAGE) from None


def console() -> Console:
    """A console for tables and text on standard output."""
    return Console(highlight=False, soft_wrap=False)


def load_case_or_fail(options: Options, youth_id: int):
    """The database and the case with this id, or a CoachError saying it does not exist."""
    from coach.store.cases import load_case

    db = open_or_fail(options.db_path or paths.default_db_path())
    case = load_case(db, youth_id)
    if case is None:
        raise CoachError(f"Er is geen jongere met nummer {youth_id}. Kijk met 'coach caseload' welke nummers er zijn.")
    return db, case
