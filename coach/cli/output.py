"""Click in Dutch: help headings and the help option, and the console tables and text go to."""

from __future__ import annotations

from typing import Any

import click
from rich.console import Console

from coach.cli import dutch_click

_HEADINGS = {"Options": "Opties", "Commands": "Commando's", "Arguments": "Argumenten"}


class DutchHelpFormatter(click.HelpFormatter):
    """Click's help layout with Dutch headings."""

    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        super().write_usage(prog, args, prefix="Gebruik: ")

    def write_heading(self, heading: str) -> None:
        super().write_heading(_HEADINGS.get(heading, heading))


class DutchContext(click.Context):
    """A click context that formats help in Dutch."""

    formatter_class = DutchHelpFormatter


class DutchCommand(click.Command):
    """A command whose help, and whose --help option, is in Dutch."""

    context_class = DutchContext

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("options_metavar", "[OPTIES]")
        super().__init__(*args, **kwargs)

    def get_help_option(self, ctx: click.Context) -> click.Option | None:
        return _in_dutch(super().get_help_option(ctx))


class DutchGroup(click.Group):
    """A command group whose help, and whose commands' help, is in Dutch."""

    context_class = DutchContext
    command_class = DutchCommand

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("options_metavar", "[OPTIES]")
        kwargs.setdefault("subcommand_metavar", "[COMMANDO] [ARGUMENTEN]...")
        super().__init__(*args, **kwargs)

    def get_help_option(self, ctx: click.Context) -> click.Option | None:
        return _in_dutch(super().get_help_option(ctx))


def _in_dutch(option: click.Option | None) -> click.Option | None:
    if option is not None:
        option.help = "Toon deze hulp en stop."
    return option


def console() -> Console:
    """A console for tables and text on standard output."""
    return Console(highlight=False, soft_wrap=False)


# Every command module imports this one before it defines a command, and click
# names some of its types ("file", "directory") at that moment: Dutch from the start.
dutch_click.install()
