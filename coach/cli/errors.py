"""How the command line fails: a Dutch message on standard error and an exit code, never a traceback."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from coach.domain.safe_text import visible

if TYPE_CHECKING:
    import click

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2

# The database the running command opened, so a late error can name its backups.
_opened: dict[str, Path] = {}


class CoachError(Exception):
    """A Dutch message for the user and the exit code that goes with it."""

    def __init__(self, message: str, code: int = EXIT_FAILED):
        super().__init__(message)
        self.code = code


def remember_opened(db_path: Path) -> None:
    """Note the database this command works on, for the message of an error that escapes it."""
    _opened["db_path"] = db_path


def exit_code_of(command: Callable[[], object]) -> int:
    """Run the command line and return its exit code; errors become Dutch lines on stderr."""
    try:
        result = command()
    except CoachError as error:
        say(visible(str(error)))  # a message may quote a name or a line from a file
        return error.code
    except KeyboardInterrupt:
        say("Afgebroken.")
        return EXIT_FAILED
    except Exception as error:  # the last line of defence: a message, never a traceback
        if (code := click_failure(error)) is not None:
            return code
        if os.environ.get("COACH_DEBUG"):
            raise
        if (problem := database_problem(error)) is not None:  # a full disk, a damaged file: say so plainly
            say(visible(problem))
            return EXIT_FAILED
        say(
            f"Er ging iets onverwachts mis ({type(error).__name__}). Probeer het opnieuw; blijft het "
            "gebeuren, meld het dan (met COACH_DEBUG=1 zie je de technische details)."
        )
        return EXIT_FAILED
    return result if isinstance(result, int) else EXIT_OK


def click_failure(error: Exception) -> int | None:
    """The exit code of click's own failures (a usage error, an abort) after saying them; None for any other error.

    `coach` alone runs without click (see coach.cli.run): when click was never
    loaded, the error cannot be one of its own.
    """
    click = sys.modules.get("click")
    if click is None:
        return None
    if isinstance(error, click.UsageError):
        say(usage_message(error))
        return EXIT_USAGE
    if isinstance(error, click.Abort):
        say("Afgebroken.")
        return EXIT_FAILED
    return None


def say(line: str) -> None:
    """A line on standard error, where the command line's messages go."""
    print(line, file=sys.stderr, flush=True)


def usage_message(error: click.UsageError) -> str:
    """A Dutch line for a usage error, with where to find help (click's own texts are Dutch, see dutch_click)."""
    import click  # loaded already: the error is click's own

    if isinstance(error, click.NoSuchOption):
        text = f"Onbekende optie {error.option_name}."
    elif isinstance(error, click.MissingParameter):
        name = error.param.human_readable_name if error.param else "een waarde"
        text = f"{name} ontbreekt."
    elif isinstance(error, click.BadParameter):
        param = error.param
        named = param.opts[0] if isinstance(param, click.Option) and param.opts else None
        hint = error.param_hint or named or (param.human_readable_name if param else "")
        hint = ", ".join(hint) if isinstance(hint, (list, tuple)) else hint
        text = f"Ongeldige waarde voor {hint}: {error.message}" if hint else error.message
    else:
        text = error.message
    command = error.ctx.command_path if error.ctx else "coach"
    return f"{visible(text)}\nZie '{command} --help' voor hoe het wel moet."


def with_restore_hint(message: str, db_path: Path, offer: bool) -> str:
    """The message, with the newest automatic backup named when restoring is the way out."""
    if not offer:
        return message
    from coach.store.backup import auto_backups

    backups = auto_backups(db_path)
    if not backups:
        return message + " Er zijn geen automatische back-ups van deze database gevonden."
    newest = backups[0]
    return (
        f"{message}\nDe nieuwste back-up is van {newest.day:%d-%m-%Y}. Zet hem terug met:\n"
        f"  coach --db {db_path} restore {newest.path}"
    )


def database_problem(error: Exception) -> str | None:
    """The Dutch message for a database error that escaped a command (None for other errors)."""
    from coach.store.errors import as_store_error

    problem = as_store_error(error, _opened.get("db_path"))
    if problem is None:
        return None
    if "db_path" not in _opened:
        return str(problem)
    return with_restore_hint(str(problem), _opened["db_path"], problem.offer_restore)
