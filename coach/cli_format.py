"""Click in Dutch: help headings, and usage errors turned into short Dutch messages."""

from __future__ import annotations

import click

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


class DutchHelpOption:
    """Mixin: the --help option described in Dutch."""

    def get_help_option(self, ctx: click.Context) -> click.Option | None:
        option = super().get_help_option(ctx)  # type: ignore[misc]
        if option is not None:
            option.help = "Toon deze hulp en stop."
        return option


class DutchCommand(DutchHelpOption, click.Command):
    """A command whose help is in Dutch."""

    context_class = DutchContext

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("options_metavar", "[OPTIES]")
        super().__init__(*args, **kwargs)


class DutchGroup(DutchHelpOption, click.Group):
    """A command group whose help, and whose commands' help, is in Dutch."""

    context_class = DutchContext
    command_class = DutchCommand

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("options_metavar", "[OPTIES]")
        kwargs.setdefault("subcommand_metavar", "[COMMANDO] [ARGUMENTEN]...")
        super().__init__(*args, **kwargs)


class PositiveInt(click.ParamType):
    """A whole number of at least 1, with a Dutch message when it is not."""

    name = "getal"

    def __init__(self, what: str = "een getal"):
        self.what = what

    def convert(self, value, param, ctx):
        if isinstance(value, int):
            number = value
        else:
            try:
                number = int(str(value).strip())
            except ValueError:
                self.fail(f"{value!r} is geen geldig {self.what}; geef een heel getal, bijvoorbeeld 12.", param, ctx)
        if number < 1:
            self.fail(f"{number} is geen geldig {self.what}; het moet 1 of meer zijn.", param, ctx)
        return number


def usage_message(error: click.UsageError) -> str:
    """A Dutch line for a usage error, with where to find help."""
    if isinstance(error, click.NoSuchOption):
        text = f"Onbekende optie {error.option_name}."
    elif isinstance(error, click.BadOptionUsage) and "requires an argument" in error.message:
        text = f"Na {error.option_name} hoort een waarde; die ontbreekt."
    elif isinstance(error, click.MissingParameter):
        name = error.param.human_readable_name if error.param else "een waarde"
        text = f"{name} ontbreekt."
    elif isinstance(error, click.BadParameter):
        hint = error.param_hint or (error.param.human_readable_name if error.param else "")
        hint = ", ".join(hint) if isinstance(hint, (list, tuple)) else hint
        text = f"Ongeldige waarde voor {hint}: {error.message}" if hint else error.message
    elif "No such command" in error.message:
        text = "Onbekend commando " + error.message.split("No such command", 1)[1].strip(" .") + "."
    elif "unexpected extra argument" in error.message:
        text = "Er staat een woord te veel in de opdracht: " + error.message.split("(", 1)[-1].rstrip(")") + "."
    else:
        text = error.message
    command = error.ctx.command_path if error.ctx else "coach"
    return f"{text}\nZie '{command} --help' voor hoe het wel moet."
