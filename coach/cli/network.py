"""`coach network`: add someone to a young person's network from the command line."""

from __future__ import annotations

import click

from coach.cli.errors import EXIT_USAGE, CoachError
from coach.cli.options import Options, existing, open_or_fail, refuse_demo
from coach.cli.output import DutchCommand
from coach.cli.params import DutchChoice, PositiveInt
from coach.domain.network import INFORMAL, PROFESSIONAL, SEEN_AS, NetworkMember, check_member

# Which option carries each field, so a message names what the coach typed.
OPTION_OF = {
    "name": "--naam",
    "relation": "--relatie",
    "kind": "--professioneel",
    "organisation": "--organisatie",
    "role": "--rol",
    "phone": "--telefoon",
    "email": "--email",
    "seen_as": "--steun",
    "note": "--notitie",
}


def _text(value: str | None) -> str | None:
    """A typed text without surrounding space; empty is None (the store does the same)."""
    value = None if value is None else value.strip()
    return value or None


@click.command(cls=DutchCommand, name="network")
@click.argument("youth_id", metavar="ID", type=PositiveInt("jongerennummer"))
@click.option("--naam", "name", required=True, metavar="NAAM", help="Naam, zoals de jongere die noemt.")
@click.option(
    "--relatie", "relation", required=True, metavar="RELATIE", help="Wie dit is voor de jongere: moeder, jobcoach, …"
)
@click.option("--professioneel", "professional", is_flag=True, help="Een professional (anders: informeel).")
@click.option("--organisatie", "organisation", metavar="O", help="De organisatie waar deze persoon werkt.")
@click.option("--rol", "role", metavar="ROL", help="De rol, als de relatie die niet al zegt (woonbegeleider, …).")
@click.option("--telefoon", "phone", metavar="T", help="Telefoonnummer.")
@click.option("--email", "email", metavar="E", help="E-mailadres.")
@click.option(
    "--steun",
    "seen_as",
    type=DutchChoice({word: word for word in SEEN_AS}, "manier waarop de jongere iemand ziet"),
    help="Hoe de jongere deze persoon ziet.",
)
@click.option(
    "--mag-benaderen/--niet-benaderen",
    "may_contact",
    default=None,
    help="Of je als coach contact met deze persoon mag opnemen.",
)
@click.option("--notitie", "note", metavar="TEKST", help="Een korte notitie.")
@click.pass_obj
def network(
    options: Options,
    youth_id: int,
    name: str,
    relation: str,
    professional: bool,
    organisation: str | None,
    role: str | None,
    phone: str | None,
    email: str | None,
    seen_as: str | None,
    may_contact: bool | None,
    note: str | None,
) -> None:
    """Zet iemand in het netwerk van een jongere; toont het nummer van die persoon."""
    from coach.store.network import NetworkError, add_person

    member = NetworkMember(
        name=name.strip(),
        relation=relation.strip(),
        kind=PROFESSIONAL if professional else INFORMAL,
        organisation=_text(organisation),
        role=_text(role),
        phone=_text(phone),
        email=_text(email),
        seen_as=seen_as,
        may_contact=may_contact,
        note=_text(note),
    )
    # Checked before the database is opened: wrong input changes nothing, not even a new file.
    errors = check_member(member)
    if errors:
        raise CoachError(_message(errors), EXIT_USAGE)
    db = open_or_fail(existing(options.database))
    refuse_demo(db, options.database, "schrijven")
    try:
        person_id = add_person(db, youth_id, member)
    except NetworkError as error:
        if "youth" in error.errors:
            raise CoachError(
                f"Er is geen jongere met nummer {youth_id}. Kijk met 'coach caseload' welke nummers er zijn."
            ) from None
        raise CoachError(_message(error.errors), EXIT_USAGE) from None
    click.echo(person_id)


def _message(errors: dict[str, str]) -> str:
    lines = [f"{text} ({OPTION_OF[field]})" if field in OPTION_OF else text for field, text in errors.items()]
    return "\n".join([*lines, "Er is niets vastgelegd."])
