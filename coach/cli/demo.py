"""`coach demo`: a fictional caseload to try the app on, made (or reused) and opened."""

from __future__ import annotations

import sys
import time

import click

from coach import paths
from coach.cli.errors import CoachError
from coach.cli.options import Options, today_or_fail
from coach.cli.output import DutchCommand
from coach.cli.params import PositiveInt, WholeNumber
from coach.cli.tui import run_tui

# A demo is for trying the app; more than this is a stress test, and takes hours to build.
MOST_YOUTHS = 100_000


def _number(count: int) -> str:
    """5000 as '5.000', the Dutch way."""
    return f"{count:,}".replace(",", ".")


class Progress:
    """Tells on standard error how far the demo is: one line per batch, or one line kept current in a terminal."""

    def __init__(self) -> None:
        self.started = time.monotonic()
        self.live = sys.stderr.isatty()

    def __call__(self, done: int, total: int) -> None:
        elapsed = time.monotonic() - self.started
        line = f"Demo maken: {_number(done)} van {_number(total)} jongeren"
        if done < total:
            left = elapsed / done * (total - done)
            line += f", nog ongeveer {max(1, round(left))} s"
        else:
            line += ", nu nog de zoekindex en het logboek…"
        if self.live:
            click.echo("\r" + line + "\x1b[K", nl=False, err=True)
            if done >= total:
                click.echo(err=True)
        else:
            click.echo(line, err=True)


@click.command(cls=DutchCommand)
@click.option("--no-tui", is_flag=True, help="Alleen de demo-database maken en het pad tonen.")
@click.option(
    "--youths",
    type=PositiveInt("aantal jongeren", most=MOST_YOUTHS),
    default=25,
    help="Hoeveel fictieve jongeren (standaard 25).",
)
@click.option("--seed", type=WholeNumber(), metavar="GETAL", default=1, help="Zelfde seed, zelfde demo (standaard 1).")
@click.pass_obj
def demo(options: Options, no_tui: bool, youths: int, seed: int) -> None:
    """Maak een fictieve demo-caseload (of gebruik die opnieuw) en open de app."""
    from coach.demo.setup import DemoRefused, ensure_demo
    from coach.store import StoreError

    db_path = options.db_path or paths.demo_db_path()
    today = today_or_fail()
    try:
        ensure_demo(db_path, youths=youths, seed=seed, today=today, fresh=no_tui, progress=Progress())
    except DemoRefused as error:
        raise CoachError(str(error)) from None
    except StoreError as error:
        raise CoachError(str(error)) from None
    if no_tui:
        click.echo(str(db_path))
    else:
        run_tui(options, db_path, demo=True)
