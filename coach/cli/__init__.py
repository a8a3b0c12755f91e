"""The `coach` command line (the contract is shared/spec/cli.md): `main`, `run`, and the group on demand.

The group and its commands are in coach.cli.group (and each command's own
module). `coach` alone opens the app without loading them, or click: the app's
start is what a coach waits for every time (see `run`).
"""

from __future__ import annotations

import importlib
import os
import sys
from pathlib import Path
from typing import Any

from coach.cli.errors import EXIT_USAGE, CoachError, exit_code_of
from coach.cli.options import DB_ENV, PROMPTS_ENV, Options
from coach.cli.tui import run_tui, tui_session

__all__ = ["COMMANDS", "cli", "main", "run", "tui_session"]


def __getattr__(name: str) -> Any:
    """The group (`cli`) and its COMMANDS (each module imported on first use, as the tests check them all)."""
    if name not in ("cli", "COMMANDS", "COMMAND_PATHS"):
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    group = importlib.import_module("coach.cli.group")  # not `from coach.cli import`: that asks this function
    if name == "COMMANDS":
        return tuple(group.cli.get_command(None, command) for command in group.COMMAND_PATHS)
    return getattr(group, name)


def run(argv: list[str] | None = None) -> int:
    """Run the command line and return its exit code; errors become Dutch lines on stderr."""
    args = sys.argv[1:] if argv is None else list(argv)
    if not args and (options := app_alone_options()) is not None:
        return exit_code_of(lambda: run_tui(options, options.database, demo=False))
    from coach.cli.group import cli

    return exit_code_of(lambda: cli.main(args=_checked(args), prog_name="coach", standalone_mode=False))


def app_alone_options() -> Options | None:
    """`coach` alone: the group's options as its environment gives them, or None when click has to check them.

    The group reads COACH_DB and COACH_PROMPTS (an empty one counts as unset)
    and says what is wrong with a folder given as the database or a prompts
    folder that is not there; a database path that is a readable file, or
    nothing yet, needs no word from it.
    """
    if os.environ.get(PROMPTS_ENV):
        return None
    database = os.environ.get(DB_ENV)
    if not database:
        return Options(None, None)
    path = Path(database)
    if path.exists() and not (path.is_file() and os.access(path, os.R_OK)):
        return None
    return Options(path, None)


def _checked(args: list[str]) -> list[str]:
    """The arguments, or a usage error when one holds bytes that are not text (Python keeps them as lone surrogates)."""
    for arg in args:
        if "\x00" in arg:  # only in-process: a real command line cannot carry one, and no path or name holds one
            raise CoachError("In de opdracht staat een NUL-teken (\\x00); dat kan nergens in voorkomen.", EXIT_USAGE)
        try:
            arg.encode("utf-8")
        except UnicodeEncodeError:
            raise CoachError(
                f"In de opdracht staat een teken dat geen tekst is: {arg.encode('utf-8', 'replace').decode()!r}. "
                "Typ het opnieuw (of sla het bestand op als UTF-8).",
                EXIT_USAGE,
            ) from None
    return args


def main() -> None:
    """Console-script entry point (through coach/__main__.py)."""
    sys.exit(run())
