"""`coach new`: register a young person (aanmelding) from the command line; prints the new id.

The input is read as the app's form reads it (coach.domain.registration_input):
Dutch dates, the same checks, the same messages, here naming the option.
Everything is checked before the database is opened, so bad input writes
nothing. An age outside 12–30 (or a postcode that is not Dutch) is what the
app asks "klopt dit?" about; here it is refused unless `--ja` confirms it.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import click

from coach.cli.errors import EXIT_USAGE, CoachError
from coach.cli.options import Options, open_or_fail, refuse_demo, today_or_fail
from coach.cli.output import DutchCommand

if TYPE_CHECKING:
    from coach.domain.registration import CoachChange

# Each field of the registration -> the option that sets it (for the messages).
OPTIONS: dict[str, str] = {
    "first_name": "--voornaam",
    "last_name": "--achternaam",
    "nickname": "--roepnaam",
    "birth_date": "--geboortedatum",
    "phone": "--telefoon",
    "email": "--email",
    "street": "--straat",
    "postcode": "--postcode",
    "city": "--plaats",
    "school": "--school",
    "employer": "--werk",
    "referred_by": "--aangemeld-door",
    "referrer_org": "--organisatie",
    "referral_reason": "--reden",
    "registered_on": "--aanmelddatum",
    "coach": "--coach",
}


@click.command(cls=DutchCommand, name="new")
@click.option("--voornaam", "first_name", default=None, metavar="NAAM", help="De voornaam (verplicht).")
@click.option("--achternaam", "last_name", default="", metavar="NAAM", help="De achternaam.")
@click.option("--roepnaam", "nickname", default="", metavar="NAAM", help="Hoe de jongere genoemd wil worden.")
@click.option(
    "--geboortedatum",
    "birth_date",
    default="",
    metavar="DATUM",
    help="Bijvoorbeeld 2008-03-12, '12 maart 2008' of 12-3-2008.",
)
@click.option("--telefoon", "phone", default="", metavar="NUMMER", help="Telefoonnummer, zoals 06-12345678.")
@click.option("--email", "email", default="", metavar="ADRES", help="E-mailadres.")
@click.option("--straat", "street", default="", metavar="TEKST", help="Straat en huisnummer.")
@click.option("--postcode", "postcode", default="", metavar="POSTCODE", help="Postcode, zoals 1234 AB.")
@click.option("--plaats", "city", default="", metavar="PLAATS", help="Woonplaats.")
@click.option("--school", "school", default="", metavar="TEKST", help="School of opleiding.")
@click.option("--werk", "employer", default="", metavar="TEKST", help="Werk (werkgever of soort werk).")
@click.option("--aangemeld-door", "referred_by", default="", metavar="TEKST", help="Wie de jongere aanmeldde.")
@click.option("--organisatie", "referrer_org", default="", metavar="TEKST", help="De organisatie van wie aanmeldde.")
@click.option("--reden", "referral_reason", default="", metavar="TEKST", help="De reden van aanmelding.")
@click.option(
    "--aanmelddatum", "registered_on", default="", metavar="DATUM", help="De datum van aanmelding (standaard vandaag)."
)
@click.option(
    "--coach",
    "coach",
    default=None,
    metavar="NAAM",
    help='De vaste coach (standaard: coach = "…" in config.toml).',
)
@click.option("--ja", "confirmed", is_flag=True, help="Ja, het klopt: sla ook op bij een leeftijd buiten 12–30.")
@click.pass_obj
def new(options: Options, /, first_name: str | None, confirmed: bool, coach: str | None, **texts: str) -> None:
    """Meld een nieuwe jongere aan; toont het nummer van de nieuwe jongere."""
    if first_name is None:  # said here, naming the option (click would name the parameter)
        raise CoachError(
            "--voornaam ontbreekt: die is nodig, bijvoorbeeld --voornaam Sam.\n"
            "Zie 'coach new --help' voor hoe het wel moet.",
            EXIT_USAGE,
        )
    from coach.domain.registration import RegistrationError
    from coach.domain.registration_input import RegistrationInput, read_registration
    from coach.store.registration import register_youth

    today = today_or_fail()
    if coach is None:
        coach = options.config().coach or ""
    values: dict[str, Any] = dict(texts)  # the other texts, by field name
    form = RegistrationInput(first_name=first_name, coach=coach, **values)
    try:
        read = read_registration(form, today)
    except RegistrationError as error:
        raise CoachError(_lines(error.errors) + "\nNiets opgeslagen.", EXIT_USAGE) from None
    if read.questions and not confirmed:
        raise CoachError(_lines(read.questions) + "\nKlopt het toch? Geef dan --ja mee. Niets opgeslagen.", EXIT_USAGE)
    db = open_or_fail(options.database)
    refuse_demo(db, options.database, "schrijven")
    try:
        youth_id = register_youth(db, read.registration, today=today)
    except RegistrationError as error:
        raise CoachError(_lines(error.errors) + "\nNiets opgeslagen.", EXIT_USAGE) from None
    click.echo(youth_id)


def _lines(messages: dict[str, str]) -> str:
    """One line per field: the option, then the message ('--geboortedatum: Geboortedatum: …')."""
    return "\n".join(f"{OPTIONS.get(name, name)}: {message}" for name, message in messages.items())


def coach_changes_json(changes: Sequence[CoachChange]) -> list[dict[str, str | None]]:
    """`coach show --json`'s `coach_changes`: every change of vaste coach, oldest first."""
    return [
        {"on": change.changed_on.isoformat(), "from": change.from_coach, "to": change.to_coach, "note": change.note}
        for change in changes
    ]


def coach_line(coach: str | None, changes: Sequence[CoachChange]) -> str:
    """'Vaste coach: Bram, sinds 03-03-2026; daarvoor Anna.' for `coach show`."""
    last = changes[-1]
    text = f"\nVaste coach: {coach or 'geen'}, sinds {last.changed_on:%d-%m-%Y}"
    if last.from_coach:
        text += f"; daarvoor {last.from_coach}"
    return text + "."
