"""The `coach` command line (the contract is shared/spec/cli.md): the group, its commands, and `main`.

Each command family lives in its own module here; they are all registered
below, in one place, and a module is imported only when its command runs (or
help lists it): the app itself, `coach` alone, starts without any of them.
"""

from __future__ import annotations

import importlib
import sys
from pathlib import Path
from typing import Any

import click

from coach.cli.collector import collect_again
from coach.cli.errors import EXIT_USAGE, CoachError, exit_code_of
from coach.cli.options import Options
from coach.cli.output import DutchGroup
from coach.cli.tui import run_tui, tui_session

__all__ = ["COMMANDS", "cli", "main", "run", "tui_session"]

# Every command, registered here and nowhere else (`coach --help` lists them by name):
# its name, and the module in coach.cli and the name there of the click command.
COMMAND_PATHS: dict[str, tuple[str, str]] = {
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


class CommandGroup(DutchGroup):
    """The group of COMMAND_PATHS, each command's module imported when it is first asked for."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*self.commands, *COMMAND_PATHS})

    def get_command(self, ctx: click.Context | None, cmd_name: str) -> click.Command | None:
        if cmd_name not in self.commands and cmd_name in COMMAND_PATHS:
            module, name = COMMAND_PATHS[cmd_name]
            self.add_command(getattr(importlib.import_module(f"coach.cli.{module}"), name), cmd_name)
        return self.commands.get(cmd_name)


@click.group(cls=CommandGroup, invoke_without_command=True, context_settings={"help_option_names": ["-h", "--help"]})
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
    else:
        collect_again()  # the start is over (see coach/__main__.py)


def __getattr__(name: str) -> Any:
    """COMMANDS: every command, each module imported on first use (as the tests check them all)."""
    if name == "COMMANDS":
        return tuple(cli.get_command(None, command) for command in COMMAND_PATHS)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


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
