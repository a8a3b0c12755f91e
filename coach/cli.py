"""The `coach` command line (the contract is shared/spec/cli.md)."""

from __future__ import annotations

import gc
import json
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

import click

from coach import paths
from coach.cli_common import (
    EXIT_FAILED,
    EXIT_OK,
    EXIT_USAGE,
    CoachError,
    Options,
    console,
    content_or_fail,
    load_case_or_fail,
    open_or_fail,
    rules_or_fail,
    today_or_fail,
)
from coach.cli_format import DutchGroup, PositiveInt, usage_message

if TYPE_CHECKING:
    from coach.tui.app import CoachApp


@click.group(cls=DutchGroup, invoke_without_command=True, context_settings={"help_option_names": ["-h", "--help"]})
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
    type=click.Path(file_okay=False, path_type=Path),
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
        _run_tui(ctx.obj, ctx.obj.db_path or paths.default_db_path(), demo=False)


def _run_tui(options: Options, db_path: Path, *, demo: bool) -> None:
    with tui_session(options, db_path, demo=demo) as app:
        app.run()


@contextmanager
def tui_session(options: Options, db_path: Path, *, demo: bool) -> Iterator[CoachApp]:
    """The app ready to run on db_path, after every check that can stop it with a message on the command line.

    The database is held for this window only while the session lasts.
    """
    from coach.cli_passphrase import tui_open
    from coach.store import StoreError
    from coach.store.instance import InstanceLock

    today_or_fail()  # a wrong COACH_TODAY gets its message here; the app follows the clock itself
    # The organisation's own prompts are checked before the screen opens; ours are
    # checked by the tests, and the app reads them when first needed.
    content = content_or_fail(options, only_own=True)
    rules_or_fail()  # a broken config.toml gets its message before the screen opens
    try:
        lock = InstanceLock(db_path).acquire()  # a second window on the same database is told so
    except StoreError as error:
        raise CoachError(str(error)) from None
    try:
        # A broken file or a wrong COACH_PASSPHRASE gets its message before the screen opens.
        connection, passphrase = tui_open(db_path, demo=demo)
        with settled_start():
            from coach.tui.app import make_app

            app = make_app(db_path, content=content, demo=demo, passphrase=passphrase, connection=connection)
        yield app
    finally:
        lock.release()


@contextmanager
def settled_start() -> Iterator[None]:
    """Start without collecting garbage, then set what the start built aside for good.

    Nearly all a start makes (modules, classes, the app) lives as long as the
    app does: looking for garbage among it finds nothing and cost the first
    screen about 25 ms. Frozen, it is skipped by every later collection too.
    """
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        gc.enable()


@cli.command()
@click.option("--no-tui", is_flag=True, help="Alleen de demo-database maken en het pad tonen.")
@click.option(
    "--youths", type=PositiveInt("aantal jongeren"), default=25, help="Hoeveel fictieve jongeren (standaard 25)."
)
@click.option("--seed", type=int, metavar="GETAL", default=1, help="Zelfde seed, zelfde demo (standaard 1).")
@click.pass_obj
def demo(options: Options, no_tui: bool, youths: int, seed: int) -> None:
    """Maak een fictieve demo-caseload (of gebruik die opnieuw) en open de app."""
    from coach.demo.setup import DemoRefused, ensure_demo

    db_path = options.db_path or paths.demo_db_path()
    today = today_or_fail()
    try:
        ensure_demo(db_path, youths=youths, seed=seed, today=today, fresh=no_tui)
    except DemoRefused as error:
        raise CoachError(str(error)) from None
    if no_tui:
        click.echo(str(db_path))
    else:
        _run_tui(options, db_path, demo=True)


@cli.command()
@click.argument("youth_id", metavar="ID", type=PositiveInt("jongerennummer"))
@click.option("--json", "as_json", is_flag=True, help="Als JSON, voor scripts.")
@click.pass_obj
def show(options: Options, youth_id: int, as_json: bool) -> None:
    """Eén dossier in één oogopslag: warm verhaal eerst, dan de leefgebieden en afspraken."""
    from coach.reports.case_view import case_json, case_renderable
    from coach.reports.readiness import case_readiness, readiness_basics, trajectory_parts
    from coach.store.caseload import caseload_entry
    from coach.store.release import release_facts
    from coach.store.trajectory import load_trajectory

    today = today_or_fail()
    content = content_or_fail(options)
    db, case = load_case_or_fail(options, youth_id)
    entry = caseload_entry(db, youth_id, today, rules_or_fail())
    readiness = case_readiness(case, release_facts(db, youth_id, readiness_basics(content)), content, today)
    if as_json:
        click.echo(json.dumps(case_json(case, entry, today, readiness), ensure_ascii=False, indent=2))
    else:
        parts = trajectory_parts(load_trajectory(db, youth_id), case, entry.phase, readiness)
        console().print(case_renderable(case, entry, content, today, trajectory=parts))


@cli.command(name="import")
@click.argument("files", metavar="BESTAND...", nargs=-1, required=True, type=click.Path(path_type=Path, dir_okay=False))
@click.pass_obj
def import_(options: Options, files: tuple[Path, ...]) -> None:
    """Controleer dossierbestanden (case-v1 JSON) en lees ze in: alles of niets."""
    from coach.store.casefile import CaseFileError
    from coach.store.transfer import import_case_files

    db = open_or_fail(options.db_path or paths.default_db_path())
    try:
        ids = import_case_files(db, list(files))
    except CaseFileError as error:
        raise CoachError(
            f"{error}\nNiets ingelezen: verbeter het bestand en probeer het opnieuw.", EXIT_USAGE
        ) from None
    for youth_id in ids:
        click.echo(youth_id)


@cli.command()
@click.argument("youth_id", metavar="ID", type=PositiveInt("jongerennummer"))
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path, dir_okay=False),
    metavar="BESTAND",
    help="Schrijf naar dit bestand in plaats van naar het scherm.",
)
@click.pass_obj
def export(options: Options, youth_id: int, output: Path | None) -> None:
    """Schrijf een heel dossier als dossierbestand (case-v1 JSON)."""
    from coach.store.casefile import case_to_dict

    _db, case = load_case_or_fail(options, youth_id)
    text = json.dumps(case_to_dict(case), ensure_ascii=False, indent=2) + "\n"
    if output is None:
        click.echo(text, nl=False)
        return
    try:
        output.write_text(text, encoding="utf-8")
    except OSError as error:
        raise CoachError(
            f"Kan {output} niet schrijven: {error.strerror}. Kies een andere map of bestandsnaam."
        ) from None


# Commands of later features live in their own modules (coach/cli_<area>.py)
# and are registered here, one line each.
from coach import cli_caseload, cli_safety  # noqa: E402  (the weekly desk; backup, restore, erase, retention, passphrase)

cli.add_command(cli_safety.backup)
cli.add_command(cli_safety.restore)
cli.add_command(cli_safety.erase)
cli.add_command(cli_safety.retention)
cli.add_command(cli_safety.passphrase_)
cli.add_command(cli_caseload.caseload)  # noqa: E402 (the weekly desk: sort, filter, search, deze week)
from coach import cli_intervision  # noqa: E402  (summary, anonymise)

cli.add_command(cli_intervision.summary)
cli.add_command(cli_intervision.anonymise)


def run(argv: list[str] | None = None) -> int:
    """Run the command line and return its exit code; errors become Dutch lines on stderr."""
    try:
        result = cli.main(args=argv, prog_name="coach", standalone_mode=False)
    except click.UsageError as error:
        click.echo(usage_message(error), err=True)
        return EXIT_USAGE
    except CoachError as error:
        click.echo(str(error), err=True)
        return error.code
    except (click.Abort, KeyboardInterrupt):
        click.echo("Afgebroken.", err=True)
        return EXIT_FAILED
    except Exception as error:  # the last line of defence: a message, never a traceback
        if os.environ.get("COACH_DEBUG"):
            raise
        from coach.cli_passphrase import database_problem

        if (problem := database_problem(error)) is not None:  # a full disk, a damaged file: say so plainly
            click.echo(problem, err=True)
            return EXIT_FAILED
        click.echo(
            f"Er ging iets onverwachts mis ({type(error).__name__}). Probeer het opnieuw; blijft het "
            "gebeuren, meld het dan (met COACH_DEBUG=1 zie je de technische details).",
            err=True,
        )
        return EXIT_FAILED
    return result if isinstance(result, int) else EXIT_OK


def main() -> None:
    """Console-script entry point."""
    sys.exit(run())
