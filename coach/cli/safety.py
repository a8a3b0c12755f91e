"""Commands that keep the data safe: backup, restore, erase and retention."""

from __future__ import annotations

import json
import os
import shlex
import unicodedata
from datetime import datetime
from pathlib import Path

import click
from rich.table import Table
from rich.text import Text

from coach.cli import unlock
from coach.cli.errors import EXIT_USAGE, CoachError
from coach.cli.options import Options, existing, only_coach, open_or_fail, record_read, today_or_fail
from coach.cli.output import DutchCommand, console
from coach.cli.params import PositiveInt
from coach.cli.unlock import ENV
from coach.domain.safe_text import json_visible, visible


@click.command(cls=DutchCommand)
@click.argument("folder", metavar="[MAP]", required=False, type=click.Path(file_okay=False, path_type=Path))
@click.pass_obj
def backup(options: Options, folder: Path | None) -> None:
    """Maak nu een back-up, versleuteld zoals de database zelf.

    Zonder MAP komt hij in de map 'backups' naast de database; geef een MAP
    op (bijvoorbeeld een usb-stick) om een kopie elders te bewaren.
    """
    from coach.store import StoreError
    from coach.store.backup import manual_backup

    db_path = existing(options.database)
    db = open_or_fail(db_path)
    try:
        target = manual_backup(db, db_path, folder, now=datetime.now())
        record_read(db, "backup")
    except StoreError as error:
        raise CoachError(str(error)) from None
    finally:
        db.close()
    click.echo(visible(str(target)))


def _backup_passphrase(file: Path) -> str | None:
    from coach.store.db import file_kind

    if file_kind(file) != "encrypted":
        return None
    if ENV in os.environ:
        return os.environ[ENV]
    if not unlock.interactive():
        raise CoachError(f"Deze back-up is versleuteld. Geef het wachtwoord via {ENV}, of start dit in een terminal.")
    return unlock.ask_hidden("Wachtwoord van de back-up")


def _current_passphrase(db_path: Path) -> str | None:
    """The passphrase of the encrypted database at db_path, checked (None when it is not encrypted)."""
    from coach.store.db import file_kind, passphrase_of

    if file_kind(db_path) != "encrypted":
        return None
    db = open_or_fail(db_path)  # COACH_PASSPHRASE, or asked; a wrong one stops here with its message
    try:
        return passphrase_of(db)
    finally:
        db.close()


@click.command(cls=DutchCommand)
@click.argument("file", metavar="BESTAND", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--ja", "yes", is_flag=True, help="Niet om bevestiging vragen (voor scripts).")
@click.pass_obj
def restore(options: Options, file: Path, yes: bool) -> None:
    """Zet een back-up terug: eerst gecontroleerd, dan in één keer op zijn plaats.

    Je huidige database wordt niet weggegooid maar bewaard onder een nieuwe
    naam (…-voor-herstel-DATUM.db), zodat je altijd terug kunt.
    """
    from coach.store import StoreError, open_db
    from coach.store.backup import check_backup, restore_backup
    from coach.store.db import file_kind

    db_path = options.database
    if not file.is_file():
        raise CoachError(
            f"Het bestand {file} bestaat niet. Kijk welke back-ups er zijn in de map 'backups' naast je database."
        )
    passphrase = _backup_passphrase(file)
    try:
        count = check_backup(file, passphrase)
    except StoreError as error:
        raise CoachError(str(error)) from None
    made = datetime.fromtimestamp(file.stat().st_mtime)
    click.echo(
        f"Back-up {file.name} is in orde (onbeschadigd): {count} {'jongere' if count == 1 else 'jongeren'}, gemaakt op {made:%d-%m-%Y %H:%M}.",
        err=True,
    )
    if not yes:
        if not unlock.interactive():
            raise CoachError("Terugzetten vervangt je huidige database. Bevestig met --ja.", EXIT_USAGE)
        if not click.confirm(
            "Dit vervangt je huidige database (die blijft bewaard onder een andere naam). Doorgaan?", err=True
        ):
            raise CoachError("Niets veranderd.")
    encrypt_with = _current_passphrase(db_path) if file_kind(file) == "plain" else None
    try:
        kept = restore_backup(db_path, file, passphrase, now=datetime.now(), encrypt_with=encrypt_with)
        restored = open_db(db_path, passphrase=encrypt_with or passphrase)
        try:
            record_read(restored, "restore")
        finally:
            restored.close()
    except StoreError as error:
        raise CoachError(str(error)) from None
    click.echo(visible(f"Teruggezet in {db_path}."))
    if kept is not None:
        click.echo(visible(f"Je vorige database staat nog in {kept}; gooi die weg als alles klopt."))
    if encrypt_with is not None:
        click.echo("De back-up was niet versleuteld; hij is nu versleuteld met het wachtwoord van je database.")
    elif passphrase is not None:
        click.echo("Let op: het wachtwoord is nu dat van de back-up.")


def _same_name(typed: str, name: str) -> bool:
    def normal(text: str) -> str:
        return " ".join(unicodedata.normalize("NFC", text).casefold().split())

    return normal(typed) == normal(name) != ""


def _confirmed(typed: str, name: str, youth_id: int) -> bool:
    # The id confirms too: a name of spaces, or with a character no keyboard types, must still be erasable.
    return _same_name(typed, name) or typed.strip() in (str(youth_id), f"nr {youth_id}")


@click.command(cls=DutchCommand)
@click.argument("youth_id", metavar="ID", type=PositiveInt("jongerennummer"))
@click.option("--bevestig", "typed", metavar="NAAM", help="De naam van de jongere, als bevestiging (voor scripts).")
@click.pass_obj
def erase(options: Options, youth_id: int, typed: str | None) -> None:
    """Wis een jongere en alles over hem of haar, voorgoed (AVG: recht op vergetelheid).

    Eerst zie je wat er verdwijnt; je bevestigt door de naam van de jongere te
    typen. Daarna is het dossier weg, ook uit de zoekindex, de geschiedenis
    en het logboek. Exporteer het eerst met 'coach export ID' als de jongere
    het wil meenemen.
    """
    from coach.reports.record_labels import record_label
    from coach.store import StoreError
    from coach.store.backup import restore_copies
    from coach.store.erase import erase_preview, erase_youth

    db_path = existing(options.database)
    with only_coach(db_path):
        db = open_or_fail(db_path)
        try:
            preview = erase_preview(db, youth_id)
            if preview is None:
                raise CoachError(
                    f"Er is geen jongere met nummer {youth_id}. Kijk met 'coach caseload' welke nummers er zijn."
                )
            parts = [f"{count} {record_label(table, count)}" for table, count in preview.counts.items()]
            shown = visible(preview.name, multiline=False)
            click.echo(
                f"Je gaat alles over {shown} (nr {youth_id}) voorgoed wissen"
                + (f": {', '.join(parts)}." if parts else "."),
                err=True,
            )
            if typed is None:
                if not unlock.interactive():
                    raise CoachError(
                        f'Bevestig met --bevestig "NAAM" (de naam van de jongere) of --bevestig {youth_id} '
                        "(het nummer). Er is niets gewist.",
                        EXIT_USAGE,
                    )
                typed = click.prompt(
                    f"Typ de naam '{shown}' (of het nummer {youth_id}) om te bevestigen",
                    default="",
                    show_default=False,
                    err=True,
                )
            if not _confirmed(typed, preview.name, youth_id):
                raise CoachError(
                    f"De naam klopt niet (verwacht: {shown}, of het nummer {youth_id}). Er is niets gewist.",
                    EXIT_USAGE,
                )
            erase_youth(db, youth_id)
        except StoreError as error:
            raise CoachError(str(error)) from None
        finally:
            db.close()
    click.echo(f"{visible(preview.name, multiline=False)} (nr {youth_id}) is gewist.")
    click.echo(
        "Automatische back-ups van de afgelopen dagen bevatten het dossier nog; die verdwijnen vanzelf. "
        "Gooi zelfgemaakte back-ups (coach backup) van vóór vandaag zelf weg."
    )
    copies = restore_copies(db_path)
    if copies:
        # Each is a whole earlier database: the erased file is still in it until it is removed.
        click.echo(
            "Bij het terugzetten van back-ups zijn je vorige databases bewaard; daarin staat het dossier nog. "
            "Verwijder ze als je ze niet meer nodig hebt:"
        )
        for copy in copies:
            extra = [f"{copy}{side}" for side in ("-wal",) if Path(f"{copy}{side}").exists()]
            click.echo(visible("  rm -- " + " ".join(shlex.quote(str(item)) for item in [str(copy), *extra])))


@click.command(cls=DutchCommand)
@click.option(
    "--maanden",
    "months",
    type=PositiveInt("aantal maanden", most=12 * 200),
    metavar="N",
    help="De bewaartermijn in maanden (standaard uit de instellingen: 24).",
)
@click.option("--json", "as_json", is_flag=True, help="Als JSON, voor scripts.")
@click.pass_obj
def retention(options: Options, months: int | None, as_json: bool) -> None:
    """Afgesloten dossiers die langer bewaard zijn dan de bewaartermijn."""
    from dateutil.relativedelta import relativedelta

    from coach.store.retention import closed_before

    months = months or options.config().retention_months
    today = today_or_fail()
    cutoff = today - relativedelta(months=months)
    db = open_or_fail(options.database)
    cases = closed_before(db, cutoff)
    if as_json:
        rows = [
            {
                "id": case.id,
                "name": case.name,
                "closed_on": case.closed_on.isoformat(),
                "days_closed": (today - case.closed_on).days,
            }
            for case in cases
        ]
        click.echo(json_visible(json.dumps(rows, ensure_ascii=False, indent=2)))
        return
    if not cases:
        click.echo(f"Geen afgesloten dossiers die langer dan {months} maanden bewaard zijn.")
        return
    table = Table(box=None, header_style="bold", pad_edge=False)
    for title in ("nr", "naam", "afgesloten op", "dagen"):
        table.add_column(title, justify="right" if title in ("nr", "dagen") else "left")
    for case in cases:
        table.add_row(
            str(case.id),
            Text(visible(case.name, multiline=False)),
            f"{case.closed_on:%d-%m-%Y}",
            str((today - case.closed_on).days),
        )
    console().print(table)
    click.echo(
        f"{len(cases)} {'dossier is' if len(cases) == 1 else 'dossiers zijn'} langer dan {months} maanden afgesloten. "
        "Bekijk ze en wis wat weg mag met 'coach erase ID'."
    )
