"""One case at a time: `coach show`, and case files in and out with `coach import` and `coach export`."""

from __future__ import annotations

import json
from pathlib import Path

import click

from coach.cli.errors import EXIT_USAGE, CoachError
from coach.cli.options import (
    Options,
    load_case_or_fail,
    open_or_fail,
    record_read,
    refuse_demo,
    today_or_fail,
    write_file_or_fail,
)
from coach.cli.output import DutchCommand, console
from coach.cli.params import PositiveInt, output_option
from coach.domain.safe_text import json_visible, visible, visible_in


@click.command(cls=DutchCommand)
@click.argument("youth_id", metavar="ID", type=PositiveInt("jongerennummer"))
@click.option("--json", "as_json", is_flag=True, help="Als JSON, voor scripts.")
@click.pass_obj
def show(options: Options, youth_id: int, as_json: bool) -> None:
    """Eén dossier in één oogopslag: warm verhaal eerst, dan de leefgebieden en afspraken."""
    from coach.cli.registration import coach_changes_json, coach_line
    from coach.reports.case_view import case_json, case_renderable
    from coach.reports.readiness import case_readiness, readiness_basics, trajectory_parts
    from coach.store.caseload import caseload_entry
    from coach.store.handover import handovers_of
    from coach.store.registration import coach_changes_of
    from coach.store.release import release_facts
    from coach.store.safety import concerns_of
    from coach.store.trajectory import load_trajectory

    today = today_or_fail()
    content = options.content()
    db, case = load_case_or_fail(options, youth_id)
    entry = caseload_entry(db, youth_id, today, options.rules())
    if entry is None:  # the case was there a moment ago: erased in between
        raise CoachError(f"Er is geen jongere met nummer {youth_id}. Kijk met 'coach caseload' welke nummers er zijn.")
    readiness = case_readiness(case, release_facts(db, youth_id, readiness_basics(content)), content, today)
    changes = coach_changes_of(db, youth_id)
    handovers = handovers_of(db, youth_id)
    record_read(db, "show", youth_id)
    if as_json:
        from coach.store.contact_moves import contacts_of

        contacts = contacts_of(db, youth_id)
        safety = concerns_of(db, youth_id, open_only=True)
        data = case_json(case, entry, today, readiness, safety, contacts=contacts) | {
            "coach_changes": coach_changes_json(changes),
            "handovers": [record.as_json() for record in handovers],
        }
        click.echo(json_visible(json.dumps(data, ensure_ascii=False, indent=2)))
    else:
        # A case file can hold terminal escapes (clear the screen, set the title): shown, never obeyed.
        case, entry = visible_in(case), visible_in(entry)
        parts = trajectory_parts(visible_in(load_trajectory(db, youth_id)), case, entry.phase, readiness)
        console().print(case_renderable(case, entry, content, today, trajectory=parts))
        if changes:
            console().print(coach_line(case.youth.coach, changes))
        if handovers:  # where the case came from, or went to last
            console().print(visible(handovers[-1].line()), markup=False)


@click.command(cls=DutchCommand, name="import")
@click.argument("files", metavar="BESTAND...", nargs=-1, required=True, type=click.Path(path_type=Path, dir_okay=False))
@click.pass_obj
def import_(options: Options, files: tuple[Path, ...]) -> None:
    """Controleer dossierbestanden (JSON, versie 1 of 2, of een versleuteld overdrachtsbestand) en lees ze in: alles of niets."""
    from coach.cli.handover import has_transfer_file, import_with_transfers

    if has_transfer_file(files):
        for youth_id in import_with_transfers(options, files):
            click.echo(youth_id)
        return
    from coach.store.casefile import CaseFileError
    from coach.store.transfer import import_case_files

    db = open_or_fail(options.database)
    refuse_demo(db, options.database, "inlezen")
    try:
        ids = import_case_files(db, list(files))
    except CaseFileError as error:
        raise CoachError(
            f"{error}\nNiets ingelezen: verbeter het bestand en probeer het opnieuw.", EXIT_USAGE
        ) from None
    for youth_id in ids:
        click.echo(youth_id)


@click.command(cls=DutchCommand)
@click.argument("youth_id", metavar="ID", type=PositiveInt("jongerennummer"))
@output_option("Schrijf naar dit bestand in plaats van naar het scherm.")
@click.pass_obj
def export(options: Options, youth_id: int, output: Path | None) -> None:
    """Schrijf een heel dossier als dossierbestand (JSON, versie 2)."""
    from coach.store.casefile_v2 import export_case_v2

    db, _case = load_case_or_fail(options, youth_id)
    data = export_case_v2(db, youth_id)
    if data is None:  # the case was there a moment ago: erased in between
        raise CoachError(f"Er is geen jongere met nummer {youth_id}. Kijk met 'coach caseload' welke nummers er zijn.")
    text = json_visible(json.dumps(data, ensure_ascii=False, indent=2)) + "\n"
    if output is None:
        record_read(db, "export", youth_id)
        click.echo(text, nl=False)
        return
    write_file_or_fail(output, text)
    record_read(db, "export", youth_id)
