"""Unlocking the database on the command line: COACH_PASSPHRASE, or the passphrase asked with hidden input."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from coach import paths
from coach.cli.errors import EXIT_FAILED, EXIT_USAGE, CoachError, remember_opened, say, with_restore_hint

if TYPE_CHECKING:
    from sqlite_utils import Database

    from coach.store.db import Connection

ENV = "COACH_PASSPHRASE"
NEW_ENV = "COACH_NEW_PASSPHRASE"
TRIES = 3

_Opened = TypeVar("_Opened")


def interactive() -> bool:
    """True when a person is at the keyboard (so asking is possible)."""
    return sys.stdin.isatty()


def ask_hidden(prompt: str) -> str:
    """Ask for a passphrase without showing what is typed."""
    import click  # only here: `coach` alone opens the app without click (the app asks itself)

    answer: str = click.prompt(prompt, hide_input=True, prompt_suffix=": ", show_default=False, err=True)
    return answer


def ask_new_passphrase(label: str = "Nieuw wachtwoord") -> str:
    """A new passphrase typed twice (or from COACH_NEW_PASSPHRASE), checked for length."""
    from coach.privacy.passphrase import confirmation_problem, passphrase_problem

    scripted = os.environ.get(NEW_ENV)
    if scripted is not None:
        problem = passphrase_problem(scripted)
        if problem:
            raise CoachError(f"{NEW_ENV}: {problem}", EXIT_USAGE)
        return scripted
    if not interactive():
        raise CoachError(
            f"Geef het nieuwe wachtwoord via {NEW_ENV}, of start dit commando in een terminal.", EXIT_USAGE
        )
    for _ in range(TRIES):
        first = ask_hidden(label)
        problem = passphrase_problem(first) or confirmation_problem(first, ask_hidden("Typ het nog een keer"))
        if problem is None:
            return first
        say(problem)
    raise CoachError("Drie keer geen geldig wachtwoord; er is niets veranderd.")


def new_database_passphrase(db_path: Path) -> str:
    """The passphrase for a database that does not exist yet (first run)."""
    scripted = os.environ.get(ENV)
    if scripted is not None:
        from coach.privacy.passphrase import passphrase_problem

        problem = passphrase_problem(scripted)
        if problem:
            raise CoachError(f"{ENV}: {problem}", EXIT_USAGE)
        return scripted
    if not interactive():
        raise CoachError(
            f"Er is nog geen database op {db_path}. Een nieuwe database krijgt een wachtwoord: "
            f"zet het in {ENV}, of start coach in een terminal."
        )
    say("Welkom! Je gegevens worden versleuteld met een wachtwoord dat alleen jij kent.")
    say("Kwijt is kwijt: zonder wachtwoord kan niemand erbij, ook wij niet.")
    return ask_new_passphrase("Kies een wachtwoord")


def open_for_cli(db_path: Path) -> Database:
    """The opened database, unlocked with COACH_PASSPHRASE or a hidden prompt, or a CoachError."""
    from coach.store.db import open_db

    return _open_for_cli(db_path, open_db)


def connection_for_cli(db_path: Path) -> Connection:
    """What open_for_cli does, giving the plain connection: enough for a command that only reads.

    It leaves sqlite-utils unloaded (about 35 ms of a start), which `coach caseload` does not need.
    """
    from coach.store.db import open_connection

    return _open_for_cli(db_path, open_connection)


def _open_for_cli(db_path: Path, opener: Callable[..., _Opened]) -> _Opened:
    from coach.store.db import PassphraseNeeded, StoreError, WrongPassphrase, file_kind

    remember_opened(db_path)
    try:
        kind = file_kind(db_path)
    except OSError as error:
        raise CoachError(f"Geen toegang tot {db_path}: {paths.reason(error)}.") from None
    passphrase = None
    if kind == "new":
        passphrase = new_database_passphrase(db_path)
    elif kind == "encrypted":
        passphrase = os.environ.get(ENV)
        if passphrase is None and interactive():
            return _ask_until_open(db_path, opener)
    try:
        return opener(db_path, passphrase=passphrase)
    except PassphraseNeeded:
        raise CoachError(
            f"De database {db_path} is versleuteld. Geef het wachtwoord via {ENV}, of start coach in een terminal."
        ) from None
    except WrongPassphrase:
        raise CoachError(
            f"Het wachtwoord in {ENV} klopt niet. Er is niets veranderd; controleer het en probeer opnieuw."
        ) from None
    except StoreError as error:
        raise CoachError(with_restore_hint(str(error), db_path, error.offer_restore)) from None


def _ask_until_open(db_path: Path, opener: Callable[..., _Opened]) -> _Opened:
    from coach.store.db import StoreError, WrongPassphrase

    for attempt in range(TRIES):
        passphrase = ask_hidden("Wachtwoord")
        try:
            return opener(db_path, passphrase=passphrase)
        except WrongPassphrase as error:
            if attempt < TRIES - 1:
                say(str(error))
        except StoreError as error:
            raise CoachError(with_restore_hint(str(error), db_path, error.offer_restore)) from None
    raise CoachError(
        "Drie keer een verkeerd wachtwoord. Er is niets veranderd. Probeer het later opnieuw.", EXIT_FAILED
    )


def tui_open(db_path: Path, *, demo: bool) -> tuple[Connection | None, str | None]:
    """Before the app opens: a message for files it cannot use, and COACH_PASSPHRASE checked.

    Returns the opened database for the app with the passphrase it was opened
    with (None for a plain file), or (None, None) when the app should ask.
    """
    from coach.store.db import StoreError, WrongPassphrase, file_kind, open_connection

    kind = file_kind(db_path)
    passphrase = os.environ.get(ENV) if kind in ("encrypted", "new") and not demo else None
    if kind == "new" and passphrase is not None:
        from coach.privacy.passphrase import passphrase_problem

        problem = passphrase_problem(passphrase)
        if problem:
            raise CoachError(f"{ENV}: {problem}", EXIT_USAGE)
    if kind == "encrypted" and passphrase is None:
        return None, None
    if kind == "new" and passphrase is None and not demo:
        return None, None
    try:
        connection = open_connection(db_path, passphrase=passphrase)
    except WrongPassphrase:
        raise CoachError(
            f"Het wachtwoord in {ENV} klopt niet. Er is niets veranderd; controleer het en probeer opnieuw."
        ) from None
    except StoreError as error:
        raise CoachError(with_restore_hint(str(error), db_path, error.offer_restore)) from None
    return connection, passphrase
