"""Click parameter types that say what is wrong in Dutch: whole numbers, days, a choice of words."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

import click

if TYPE_CHECKING:
    # Click 8.5 types ParamType by the value it gives; older click (we allow 8.1) cannot be subscripted at run time.
    _IntParam = click.ParamType[int]
    _WordParam = click.ParamType[str]
else:
    _IntParam = _WordParam = click.ParamType


def _fail(message: str, param: click.Parameter | None, ctx: click.Context | None) -> NoReturn:
    # Name the option as typed (--fase), not its Python name.
    hint = param.opts[0] if param is not None and param.opts else None
    raise click.BadParameter(message, ctx=ctx, param=param, param_hint=hint)


# SQLite's integers (and so every id) are 64 bits; a larger number can name nothing.
LARGEST = 2**63 - 1


class PositiveInt(_IntParam):
    """A whole number of at least 1 (and at most `most`), with a Dutch message when it is not."""

    name = "getal"

    def __init__(self, what: str = "een getal", most: int = LARGEST):
        self.what = what
        self.most = most

    def convert(self, value: object, param: click.Parameter | None, ctx: click.Context | None) -> int:
        if isinstance(value, int):
            number = value
        else:
            try:
                number = int(str(value).strip())
            except ValueError:
                self.fail(f"{value!r} is geen geldig {self.what}; geef een heel getal, bijvoorbeeld 12.", param, ctx)
        if number < 1:
            self.fail(f"{number} is geen geldig {self.what}; het moet 1 of meer zijn.", param, ctx)
        if number > self.most:
            shown = str(number) if len(str(number)) <= 24 else str(number)[:20] + "…"
            self.fail(f"{shown} is te groot voor een {self.what}; het kan hoogstens {self.most} zijn.", param, ctx)
        return number


class WholeNumber(_IntParam):
    """Any whole number that fits in 64 bits (a seed), with a Dutch message when it is not."""

    name = "getal"

    def convert(self, value: object, param: click.Parameter | None, ctx: click.Context | None) -> int:
        try:
            number = value if isinstance(value, int) else int(str(value).strip())
        except ValueError:
            self.fail(f"{value!r} is geen heel getal; geef bijvoorbeeld 1.", param, ctx)
        if abs(number) > LARGEST:
            self.fail("Dat getal is te groot; kies een kleiner getal.", param, ctx)
        return number


MOST_DAYS = 36525


class DaysType(_IntParam):
    """A number of days, 0 or more."""

    name = "dagen"

    def convert(self, value: object, param: click.Parameter | None, ctx: click.Context | None) -> int:
        try:
            days = int(str(value).strip())
        except ValueError:
            _fail(f"'{value}' is geen aantal dagen; geef een heel getal, bijvoorbeeld 14.", param, ctx)
        if days < 0:
            _fail(f"{days} is geen aantal dagen; het moet 0 of meer zijn.", param, ctx)
        if days > MOST_DAYS:
            _fail(f"Zoveel dagen kan niet; geef hoogstens {MOST_DAYS} (honderd jaar).", param, ctx)
        return days


class DutchChoice(_WordParam):
    """One of a few words (case and '-' or '_' do not matter), with a Dutch message listing them when it is not."""

    name = "keuze"

    def __init__(self, choices: dict[str, str], what: str):
        self.choices = choices  # the word as typed (normalised) -> the value
        self.what = what

    def get_metavar(self, param: click.Parameter, ctx: click.Context | None = None) -> str:
        return "[" + "|".join(dict.fromkeys(self.choices)) + "]"

    def convert(self, value: object, param: click.Parameter | None, ctx: click.Context | None) -> str:
        key = str(value).strip().lower().replace("_", "-").replace(" ", "-")
        if key in self.choices:
            return self.choices[key]
        options = ", ".join(dict.fromkeys(self.choices))
        _fail(f"'{value}' is geen {self.what}; kies uit: {options}.", param, ctx)


def output_option(help: str) -> Callable[[Any], Any]:
    """`-o/--output BESTAND`: where a command writes its file (a folder is refused by click, in Dutch)."""
    return click.option(
        "-o", "--output", type=click.Path(path_type=Path, dir_okay=False), metavar="BESTAND", default=None, help=help
    )


def consent_option(help: str) -> Callable[[Any], Any]:
    """`--aan TOESTEMMING`: the number of the young person's consent a handover is made under."""
    return click.option(
        "--aan", "consent_id", type=PositiveInt("toestemmingsnummer"), default=None, metavar="TOESTEMMING", help=help
    )
