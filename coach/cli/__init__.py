"""The `coach` command line (the contract is shared/spec/cli.md): the group, its commands, and `main`.

Each command family lives in its own module here; they are all registered
below, in one place.
"""

from __future__ import annotations

import importlib
import sys
from pathlib import Path
from typing import Any

import click

from coach.cli.errors import EXIT_USAGE, CoachError, exit_code_of
from coach.cli.options import Options
from coach.cli.output import DutchGroup
from coach.cli.tui import run_tui, tui_session

__all__ = ["COMMANDS", "cli", "main", "run", "tui_session"]

# Every command, registered here and nowhere else (`coach --help` lists them by name): its name,
# and the module and attribute that define it. A command's module (and all it imports) is loaded
# only when that command is run or listed, so `coach caseload` does not pay for `coach contact`'s
# date parsing or the summary's reports.
COMMAND_PLACES: dict[str, tuple[str, str]] = {
    "demo": ("demo", "demo"),
    "new": ("registration", "new"),
    "show": ("cases", "show"),
    "import": ("cases", "import_"),
    "export": ("cases", "export"),
    "caseload": ("caseload", "caseload"),
    "contact": ("contacts", "contact"),
    "summary": ("intervision", "summary"),
    "anonymise": ("intervision", "anonymise"),
    "backup": ("safety", "backup"),
    "restore": ("safety", "restore"),
    "erase": ("safety", "erase"),
    "retention": ("safety", "retention"),
    "passphrase": ("passphrase", "passphrase_"),
    "network": ("network", "network"),
    "consent": ("handover", "consent"),
    "handover": ("handover", "handover"),
    "transfer": ("handover", "transfer"),
}


class _CommandsOnDemand(dict[str, click.Command]):
    """The group's commands by name, each imported the first time it is asked for; looking at all imports all."""

    def _load(self, name: str) -> None:
        if name in COMMAND_PLACES and not dict.__contains__(self, name):
            module, attribute = COMMAND_PLACES[name]
            dict.__setitem__(self, name, getattr(importlib.import_module(f"coach.cli.{module}"), attribute))

    def _load_all(self) -> None:
        for name in COMMAND_PLACES:
            self._load(name)

    def get(self, name: str, default: Any = None) -> Any:
        self._load(name)
        return dict.get(self, name, default)

    def __getitem__(self, name: str) -> click.Command:
        self._load(name)
        return dict.__getitem__(self, name)

    def __contains__(self, name: object) -> bool:
        return name in COMMAND_PLACES or dict.__contains__(self, name)

    def __iter__(self) -> Any:
        self._load_all()
        return dict.__iter__(self)

    def __len__(self) -> int:
        self._load_all()
        return dict.__len__(self)

    def keys(self) -> Any:
        self._load_all()
        return dict.keys(self)

    def values(self) -> Any:
        self._load_all()
        return dict.values(self)

    def items(self) -> Any:
        self._load_all()
        return dict.items(self)


def __getattr__(name: str) -> Any:
    """COMMANDS: every command, in the order above (importing them all)."""
    if name == "COMMANDS":
        return tuple(cli.commands[command] for command in COMMAND_PLACES)
    raise AttributeError(name)


@click.group(
    cls=DutchGroup,
    invoke_without_command=True,
    context_settings={"help_option_names": ["-h", "--help"]},
    commands=_CommandsOnDemand(),
)
@click.option(
    "--db",
    "db_path",
    type=click.Path(dir_okay=False, path_type=Path),
    envvar="COACH_DB",
    metavar="PAD",
    help="Het databasebestand (ook via COACH_DB). Wordt gemaakt als het nog niet bestaat.",
)
@click.option(
    "--prompts",
    "prompts_dir",
    # exists=True: a mistyped folder is told, not silently replaced by our own prompts.
    type=click.Path(file_okay=False, exists=True, path_type=Path),
    envvar="COACH_PROMPTS",
    metavar="MAP",
    help="Map met eigen vragen en teksten van je organisatie (ook via COACH_PROMPTS); vervangt onze per bestand.",
)
@click.version_option(
    None, "--version", package_name="coach", message="coach %(version)s", help="Toon het versienummer en stop."
)
@click.pass_context
def cli(ctx: click.Context, db_path: Path | None, prompts_dir: Path | None) -> None:
    """coach: de caseload, de intake en het contactritme van jongerencoaches.

    Zonder commando opent de app op je eigen database.
    """
    ctx.obj = Options(db_path, prompts_dir)
    if ctx.invoked_subcommand is None:
        run_tui(ctx.obj, ctx.obj.database, demo=False)


def run(argv: list[str] | None = None) -> int:
    """Run the command line and return its exit code; errors become Dutch lines on stderr."""
    return exit_code_of(lambda: cli.main(args=_checked(argv), prog_name="coach", standalone_mode=False))


def _checked(argv: list[str] | None) -> list[str]:
    """The arguments, or a usage error when one holds bytes that are not text (Python keeps them as lone surrogates)."""
    args = sys.argv[1:] if argv is None else list(argv)
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
    """Console-script entry point."""
    sys.exit(run())
