"""`coach summary` and `coach anonymise`: intervision texts without names, from the command line.

Both anonymise in a worker process (coach.privacy.worker), so deduce's own
output never reaches standard output and the memory is given back at the end.
"""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

import click

from coach import paths
from coach.cli.errors import EXIT_USAGE, CoachError
from coach.cli.options import Options, load_case_or_fail, record_read, today_or_fail
from coach.cli.output import DutchCommand
from coach.cli.params import PositiveInt, output_option
from coach.domain.model import Case
from coach.domain.safe_text import visible

if TYPE_CHECKING:
    from sqlite_utils import Database

    from coach.domain.trajectory import ReleaseDecision
    from coach.privacy.worker import AnonymiserClient
    from coach.reports.summary import Scope
    from coach.store.intervision import IntervisionNotes


# Far above any note, low enough that a wrong input cannot fill the memory.
MAX_INPUT_BYTES = 5_000_000


def anonymiser_client() -> AnonymiserClient:
    """The anonymiser for one command: a worker process that stops soon after (tests put their own here)."""
    from coach.privacy.worker import AnonymiserClient

    return AnonymiserClient(idle_timeout=10.0)


def _loading_note(stage: str, fraction: float) -> None:
    # Only for a person at a terminal: scripts get standard error clean.
    if fraction == 0.0 and sys.stderr.isatty():
        click.echo("De anonimiseerder wordt geladen (eenmalig per opdracht, even geduld)…", err=True)


def _day(text: str, today: date, which: str) -> date:
    from coach.domain.dutch_dates import PAST, DateInputError, parse_day

    try:
        return parse_day(text, today, direction=PAST)
    except DateInputError as error:
        raise CoachError(f"De {which} van --periode klopt niet: {error}", EXIT_USAGE) from None


def _scope(period: tuple[str, str] | None, contact: int | None, today: date) -> Scope:
    from coach.reports.summary import Scope

    if period and contact:
        raise CoachError("Kies --periode of --contact, niet allebei.", EXIT_USAGE)
    if period:
        return Scope.period(_day(period[0], today, "begindatum"), _day(period[1], today, "einddatum"))
    if contact:
        return Scope.one_contact(contact)
    return Scope()


def _method_key(options: Options, asked: str | None, keys: tuple[str, ...]) -> str:
    if asked is None:
        asked = options.config().intervision_method
        where = "intervision_method in je instellingen"
    else:
        asked = asked.strip().lower()
        where = "--methode"
    if asked not in keys:
        raise CoachError(f"'{asked}' ({where}) is geen intervisiemethode; kies uit: {', '.join(keys)}.", EXIT_USAGE)
    return asked


def _check_alias(alias: str | None, case: Case) -> None:
    """An alias must not be a name the case knows: that would put the name back in."""
    if alias is None:
        return
    from coach.privacy.known import person_names

    forms = {form.lower() for form in person_names(case)}
    if not alias.strip() or alias.strip().lower() in forms or any(w.lower() in forms for w in alias.split()):
        raise CoachError("Deze schuilnaam kan niet: kies een verzonnen naam die niet in het dossier staat.", EXIT_USAGE)


def _coach_choices(db: Database, youth_id: int) -> tuple[IntervisionNotes, tuple[ReleaseDecision, ...]]:
    """What the coach wrote, marked and hid in the review screen, and the release decisions (for their reasons)."""
    from coach.store import StoreError
    from coach.store.intervision import intervision_notes
    from coach.store.trajectory import load_trajectory

    try:
        return intervision_notes(db, youth_id), tuple(load_trajectory(db, youth_id).decisions)
    except StoreError as error:
        raise CoachError(str(error)) from None


@click.command(cls=DutchCommand)
@click.argument("youth_id", metavar="ID", type=PositiveInt("jongerennummer"))
@output_option("Schrijf naar dit bestand in plaats van naar het scherm.")
@click.option(
    "--methode",
    "method",
    metavar="METHODE",
    help="De intervisiemethode: incident of roddel (standaard: intervision_method in je instellingen, anders roddel).",
)
@click.option(
    "--periode",
    "period",
    nargs=2,
    metavar="VAN TOT",
    help="Alleen deze periode, bijvoorbeeld --periode 2026-01-01 2026-03-01 (of 1-1-2026, 1 januari 2026).",
)
@click.option(
    "--contact",
    type=PositiveInt("contactmoment"),
    metavar="N",
    help="Alleen contactmoment N (1 is het eerste, in de volgorde van het dossier).",
)
@click.option(
    "--moment",
    type=PositiveInt("contactmoment"),
    metavar="N",
    help="Bij de incidentmethode: het moment is contactmoment N (standaard het nieuwste met een notitie).",
)
@click.option("--alias", metavar="NAAM", help="Noem de jongere zo in plaats van 'de jongere' (een verzonnen naam).")
@click.pass_obj
def summary(
    options: Options,
    youth_id: int,
    output: Path | None,
    method: str | None,
    period: tuple[str, str] | None,
    contact: int | None,
    moment: int | None,
    alias: str | None,
) -> None:
    """De geanonimiseerde intervisiesamenvatting van een jongere, als Markdown.

    Namen worden rollen ('de jongere', 'moeder'), plaatsen, data en nummers verdwijnen.
    Lees hem altijd zelf na voor je hem deelt; in de app (toets s bij een jongere) zie je
    precies wat er is vervangen. Wat je daar schreef, aanvinkte en verborg, gebruikt deze
    opdracht ook, en bij --periode of --contact de leervraag die je voor die periode of dat
    contact schreef (anders die van het hele traject).
    """
    from coach.content.intervision import intervision_content
    from coach.privacy.worker import AnonymiserError
    from coach.reports.summary import SummaryError, check_scope, make_summary, write_summary

    today = today_or_fail()
    content = options.content()
    words = intervision_content(content)
    chosen = words.method(_method_key(options, method, words.keys))
    scope = _scope(period, contact, today)
    db, case = load_case_or_fail(options, youth_id)
    _check_alias(alias, case)
    if moment is not None and chosen.focus != "moment":
        raise CoachError(f"--moment hoort bij een methode over één moment, niet bij {chosen.label}.", EXIT_USAGE)
    if output is not None and not output.absolute().parent.is_dir():
        raise CoachError(f"De map van {output} bestaat niet. Kies een bestaande map.", EXIT_USAGE)
    if output is not None and output.exists() and not output.is_file():
        # Said before the anonymiser starts: a folder or a device is never replaced by a summary.
        raise CoachError(
            f"{output} is geen gewoon bestand (maar een map of apparaat); daar schrijven we niet in. Kies een bestandsnaam.",
            EXIT_USAGE,
        )
    try:
        check_scope(case, scope, today, moment)
    except SummaryError as error:
        raise CoachError(str(error), EXIT_USAGE) from None
    notes, decisions = _coach_choices(db, youth_id)
    client = anonymiser_client()
    try:
        client.warm_up(_loading_note)
        made = make_summary(
            case,
            client,
            method=chosen,
            words=words,
            content=content,
            today=today,
            scope=scope,
            alias=alias,
            moment=moment,
            hidden=notes.hidden,
            tried=notes.tried,
            own_part=notes.own_part,
            domains=notes.domains,
            decisions=decisions,
        )
    except SummaryError as error:
        raise CoachError(str(error), EXIT_USAGE) from None
    except AnonymiserError as error:
        raise CoachError(f"{error}\nDe samenvatting is niet gemaakt.") from None
    finally:
        client.close()
    if output is None:
        record_read(db, "summary", youth_id)
        click.echo(visible(made.text), nl=False)
        return
    try:
        paths.check_target(output)  # a folder or a device is never replaced by a summary
        with paths.private_umask():
            write_summary(made, output)
        paths.make_private(output)
    except paths.NotAFileError:
        raise CoachError(
            f"{output} is geen gewoon bestand (maar een map of apparaat); daar schrijven we niet in. Kies een bestandsnaam.",
            EXIT_USAGE,
        ) from None
    except OSError as error:
        raise CoachError(
            f"Kan {output} niet schrijven: {paths.reason(error)}. Kies een andere map of bestandsnaam."
        ) from None
    record_read(db, "summary", youth_id)


@click.command(cls=DutchCommand)
@click.option(
    "--case",
    "youth_id",
    type=PositiveInt("jongerennummer"),
    metavar="ID",
    help="Noem mensen en plaatsen die in dit dossier staan bij hun rol (moeder, jobcoach, ...).",
)
@click.pass_obj
def anonymise(options: Options, youth_id: int | None) -> None:
    """Anonimiseer de tekst op standaardinvoer; de tekst zonder namen komt op standaarduitvoer.

    Voorbeeld: coach anonymise --case 12 < notitie.txt
    """
    from coach.privacy.worker import AnonymiserError

    today = today_or_fail()
    case = load_case_or_fail(options, youth_id)[1] if youth_id is not None else None
    stream = getattr(sys.stdin, "buffer", None)
    try:
        # Bounded: /dev/zero or an endless pipe on standard input gets a message, not a hang.
        raw = stream.read(MAX_INPUT_BYTES + 1) if stream is not None else sys.stdin.read(MAX_INPUT_BYTES + 1)
        if len(raw) > MAX_INPUT_BYTES:
            raise CoachError(
                f"De invoer is groter dan {MAX_INPUT_BYTES // 1_000_000} MB; anonimiseer een kortere tekst.", EXIT_USAGE
            )
        text = raw.decode("utf-8-sig") if isinstance(raw, bytes) else raw
    except UnicodeDecodeError:
        raise CoachError(
            "De invoer is geen UTF-8-tekst. Sla hem op als UTF-8 en probeer het opnieuw.", EXIT_USAGE
        ) from None
    if not text.strip():
        click.echo(text, nl=False)
        return
    client = anonymiser_client()
    try:
        client.warm_up(_loading_note)
        result = client.anonymise(text, case, reference_date=today)
    except AnonymiserError as error:
        raise CoachError(f"{error}\nEr is niets geanonimiseerd.") from None
    finally:
        client.close()
    click.echo(visible(result.text), nl=False)
