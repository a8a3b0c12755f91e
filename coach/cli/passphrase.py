"""`coach passphrase`: a new passphrase for the database, or encryption for a plain one."""

from __future__ import annotations

import click

from coach.cli import unlock
from coach.cli.errors import CoachError
from coach.cli.options import Options, existing, only_coach, open_or_fail, record_read
from coach.cli.output import DutchCommand


@click.command(cls=DutchCommand, name="passphrase")
@click.pass_obj
def passphrase_(options: Options) -> None:
    """Kies een nieuw wachtwoord voor de database (of versleutel een onversleutelde).

    Eerst het huidige wachtwoord (of COACH_PASSPHRASE), dan twee keer het
    nieuwe (of COACH_NEW_PASSPHRASE). Back-ups van eerder houden hun oude
    wachtwoord.
    """
    from coach.store import StoreError
    from coach.store.crypto import change_passphrase
    from coach.store.db import open_db, passphrase_of

    db_path = existing(options.database)
    with only_coach(db_path):
        db = open_or_fail(db_path)
        current = passphrase_of(db)
        db.close()
        new = unlock.ask_new_passphrase()
        try:
            change_passphrase(db_path, current, new)
            db = open_db(db_path, passphrase=new)
            try:
                record_read(db, "passphrase")
            finally:
                db.close()
        except StoreError as error:
            raise CoachError(str(error)) from None
    click.echo("Het wachtwoord is veranderd." if current else "De database is nu versleuteld met je wachtwoord.")
    click.echo(
        "Back-ups van vóór nu houden het oude wachtwoord."
        if current
        else "Back-ups van vóór nu zijn nog onversleuteld: gooi ze weg zodra er een nieuwe is."
    )
