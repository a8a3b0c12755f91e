"""The `coach` command group: its global options, and every command registered in one place.

Each command family lives in its own module in coach.cli; a module is imported
only when its command runs (or help lists it). `coach` alone opens the app
without this group (see coach.cli.run), as long as its environment needs no
checking that only click does.
"""

from __future__ import annotations

import importlib
from pathlib import Path

import click

from coach.cli.collector import collect_again
from coach.cli.options import DB_ENV, PROMPTS_ENV, Options
from coach.cli.output import DutchGroup
from coach.cli.tui import run_tui

__all__ = ["COMMAND_PATHS", "cli"]

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
    envvar=DB_ENV,
    metavar="PAD",
    help="Het databasebestand (ook via COACH_DB). Wordt gemaakt als het nog niet bestaat.",
)
@click.option(
    "--prompts",
    "prompts_dir",
    # exists=True: a mistyped folder is told, not silently replaced by our own prompts.
    type=click.Path(file_okay=False, exists=True, path_type=Path),
    envvar=PROMPTS_ENV,
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
