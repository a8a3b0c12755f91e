"""The warm handover from the command line: `coach consent`, `coach handover`, `coach transfer`, and reading a transfer file.

A handover needs the young person's consent: `consent` records it, and
`handover` / `transfer` refuse (exit 1) without one that still counts. The
transfer file is age-encrypted in memory (coach.privacy.transfer) and only
the encrypted bytes are written; `coach import` opens such a file with
COACH_TRANSFER_PASSPHRASE (or asks) or with COACH_AGE_IDENTITY: the secret
key itself (AGE-SECRET-KEY-1…) or the path of a key file from age-keygen.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from coach import paths
from coach.cli.errors import EXIT_USAGE, CoachError
from coach.cli.options import Options, load_case_or_fail, open_or_fail, refuse_demo, today_or_fail, write_file_or_fail
from coach.cli.output import DutchCommand
from coach.cli.params import PositiveInt, consent_option, output_option
from coach.domain.safe_text import visible

if TYPE_CHECKING:
    from coach.config import Config
    from coach.domain.handover import CoachCard

PASSPHRASE_ENV = "COACH_TRANSFER_PASSPHRASE"
IDENTITY_ENV = "COACH_AGE_IDENTITY"
HTML_SUFFIXES = (".html", ".htm")


def coach_card(config: Config) -> CoachCard:
    """The coach's contact details from the settings (coach, coach_phone, coach_email, organisation)."""
    from coach.domain.handover import CoachCard

    return CoachCard(config.coach, config.coach_phone, config.coach_email, config.organisation)


def _parts(text: str) -> tuple[str, ...]:
    from coach.domain.registration import CONSENT_PARTS

    parts = tuple(dict.fromkeys(part.strip().lower() for part in text.split(",") if part.strip()))
    wrong = [part for part in parts if part not in CONSENT_PARTS]
    if wrong or not parts:
        raise CoachError(
            f"--delen: {', '.join(wrong) or 'leeg'} kan niet; kies uit {', '.join(CONSENT_PARTS)} "
            "(met komma's ertussen, zoals warm_verhaal,netwerk). Niets opgeslagen.",
            EXIT_USAGE,
        )
    return parts


@click.command(cls=DutchCommand)
@click.argument("youth_id", metavar="ID", type=PositiveInt("jongerennummer"))
@click.option(
    "--aan", "given_to", default=None, metavar="NAAM", help="Aan wie de jongere toestemming geeft (verplicht)."
)
@click.option("--organisatie", default="", metavar="O", help="De organisatie van die persoon.")
@click.option("--rol", default="", metavar="R", help="Diens rol, zoals jobcoach of mentor.")
@click.option(
    "--delen",
    default="alles",
    metavar="DELEN",
    help="Wat gedeeld mag worden, met komma's: warm_verhaal, leefgebieden, netwerk, contacten, veiligheid of alles.",
)
@click.option("--datum", default="", metavar="DATUM", help="Wanneer de toestemming gegeven is (standaard vandaag).")
@click.pass_obj
def consent(
    options: Options, youth_id: int, given_to: str | None, organisatie: str, rol: str, delen: str, datum: str
) -> None:
    """Leg de toestemming van de jongere vast om iets te delen; toont het nummer van de toestemming."""
    from coach.domain.registration import ConsentInput, RegistrationError, clean_text
    from coach.domain.registration_input import read_date
    from coach.store.registration import add_consent

    if given_to is None or not given_to.strip():
        raise CoachError(
            "--aan ontbreekt: aan wie geeft de jongere toestemming? Bijvoorbeeld --aan 'Eva Jansen'.\n"
            "Zie 'coach consent --help' voor hoe het wel moet.",
            EXIT_USAGE,
        )
    today = today_or_fail()
    parts = _parts(delen)
    try:
        given_on = read_date("consent.given_on", datum, today) or today
        wanted = ConsentInput(given_to, given_on, parts, clean_text(organisatie), clean_text(rol))
        db, _case = load_case_or_fail(options, youth_id)
        refuse_demo(db, options.database, "schrijven")
        consent_id = add_consent(db, youth_id, wanted, today=today)
    except RegistrationError as error:
        lines = "\n".join(f"{_CONSENT_OPTIONS.get(name, name)}: {text}" for name, text in error.errors.items())
        raise CoachError(lines + "\nNiets opgeslagen: verbeter de waarde en probeer het opnieuw.", EXIT_USAGE) from None
    click.echo(consent_id)


# Each field of a consent -> the option that sets it (for the messages).
_CONSENT_OPTIONS = {
    "consent.given_to": "--aan",
    "consent.organisation": "--organisatie",
    "consent.role": "--rol",
    "consent.parts": "--delen",
    "consent.given_on": "--datum",
    "youth": "ID",
}


def _chosen_consent(db: Any, youth_id: int, consent_id: int | None, need: tuple[str, ...] = ()) -> Any:
    from coach.domain.handover import HandoverRefused, pick_consent
    from coach.store.registration import consents_of

    try:
        return pick_consent(consents_of(db, youth_id), consent_id, need=need)
    except HandoverRefused as error:
        raise CoachError(f"{error}\nEr is niets gemaakt.") from None


def _is_html(path: Path | None) -> bool:
    return path is not None and path.suffix.lower() in HTML_SUFFIXES


@click.command(cls=DutchCommand)
@click.argument("youth_id", metavar="ID", type=PositiveInt("jongerennummer"))
@output_option("Schrijf naar dit bestand; met .html erachter als afdrukbare webpagina.")
@consent_option("Het nummer van de toestemming (standaard de nieuwste die nog geldt).")
@click.pass_obj
def handover(options: Options, youth_id: int, output: Path | None, consent_id: int | None) -> None:
    """Het overdrachtsdossier: een warme overdracht, alleen met de delen waarvoor de jongere toestemming gaf."""
    from coach.reports.handover import handover_html, handover_markdown
    from coach.store.handover import load_handover_data, record_dossier

    today = today_or_fail()
    content = options.content()
    card = coach_card(options.config())
    db, case = load_case_or_fail(options, youth_id)
    chosen = _chosen_consent(db, youth_id, consent_id)
    data = load_handover_data(db, youth_id, card)
    if data is None:  # erased in between
        raise CoachError(f"Er is geen jongere met nummer {youth_id}. Kijk met 'coach caseload' welke nummers er zijn.")
    # Control characters from a case are shown as signs, in the file as on the screen.
    text = visible(handover_markdown(data, chosen, content, today))
    if _is_html(output):
        text = handover_html(text, f"Overdracht: {visible(case.youth.display_name, multiline=False)}")
    if output is None:
        click.echo(text, nl=False)
    else:
        write_file_or_fail(output, text)
    record_dossier(db, youth_id, chosen, today=today, coach=card)


def _new_transfer_passphrase() -> str:
    from coach.cli.unlock import ask_hidden, interactive
    from coach.privacy.passphrase import confirmation_problem, passphrase_problem

    scripted = os.environ.get(PASSPHRASE_ENV)
    if scripted is not None:
        problem = passphrase_problem(scripted)
        if problem:
            raise CoachError(f"{PASSPHRASE_ENV}: {problem}", EXIT_USAGE)
        return scripted
    if not interactive():
        raise CoachError(
            f"Geef een wachtwoord voor het overdrachtsbestand via {PASSPHRASE_ENV}, of de publieke sleutel van "
            "de ontvanger met --ontvanger, of start dit commando in een terminal. Er is niets gemaakt.",
            EXIT_USAGE,
        )
    for _ in range(3):
        first = ask_hidden("Wachtwoord voor het overdrachtsbestand")
        problem = passphrase_problem(first) or confirmation_problem(first, ask_hidden("Typ het nog een keer"))
        if problem is None:
            return first
        click.echo(problem, err=True)
    raise CoachError("Drie keer geen geldig wachtwoord; er is niets gemaakt.", EXIT_USAGE)


@click.command(cls=DutchCommand)
@click.argument("youth_id", metavar="ID", type=PositiveInt("jongerennummer"))
@output_option("Het versleutelde overdrachtsbestand (verplicht).")
@click.option(
    "--ontvanger",
    default=None,
    metavar="AGE_PUBLIC_KEY",
    help="De publieke age-sleutel van de ontvanger (age1…); zonder: met een wachtwoord.",
)
@consent_option("Het nummer van de toestemming (standaard de nieuwste die nog geldt); die moet voor alles gelden.")
@click.pass_obj
def transfer(
    options: Options, youth_id: int, output: Path | None, ontvanger: str | None, consent_id: int | None
) -> None:
    """Draag het hele dossier versleuteld over aan een collega; daarna staat het hier op afgesloten."""
    from coach.domain.handover import SHARED_PARTS
    from coach.domain.registration import RegistrationError
    from coach.domain.trajectory import TrajectoryError
    from coach.privacy import transfer as crypto

    if output is None:
        raise CoachError(
            "-o ontbreekt: waar moet het overdrachtsbestand komen? Bijvoorbeeld -o sam.age.\n"
            "Zie 'coach transfer --help' voor hoe het wel moet.",
            EXIT_USAGE,
        )
    if ontvanger is not None:
        try:
            crypto.recipient(ontvanger)
        except crypto.TransferError as error:
            raise CoachError(f"--ontvanger: {error} Er is niets gemaakt.", error.code) from None
    try:
        paths.check_target(output)
    except paths.NotAFileError:
        raise CoachError(
            f"{output} is geen gewoon bestand (maar een map of apparaat); daar schrijven we niet in. "
            "Kies een bestandsnaam.",
            EXIT_USAGE,
        ) from None
    today = today_or_fail()
    card = coach_card(options.config())
    db, _case = load_case_or_fail(options, youth_id)
    refuse_demo(db, options.database, "overdragen")
    chosen = _chosen_consent(db, youth_id, consent_id, SHARED_PARTS)
    passphrase = None if ontvanger is not None else _new_transfer_passphrase()

    def deliver(data: dict[str, Any]) -> None:
        # Encrypted in memory; only the encrypted bytes are written (all or nothing, 0600).
        plain = json.dumps(data, ensure_ascii=False).encode("utf-8")
        if ontvanger is not None:
            sealed = crypto.encrypt_for(plain, ontvanger)
        else:
            sealed = crypto.encrypt_with_passphrase(plain, passphrase or "")
        write_file_or_fail(output, sealed)

    from coach.store.handover import send_case

    try:
        send_case(db, youth_id, chosen, today=today, coach=card, deliver=deliver)
    except (RegistrationError, TrajectoryError) as error:
        raise CoachError(f"{error}\nEr is niets overgedragen.") from None
    who = f"{chosen.given_to} ({chosen.organisation})" if chosen.organisation else chosen.given_to
    click.echo(
        f"Versleuteld geschreven naar {output}. Het traject staat hier nu op afgesloten: overgedragen aan {who}.",
        err=True,
    )


def has_transfer_file(files: tuple[Path, ...]) -> bool:
    """True when any of the files is an age transfer file (the rest are read as before)."""
    from coach.privacy.transfer import is_transfer
    from coach.store.case_reading import read_bounded
    from coach.store.casefile import CaseFileError

    for path in files:
        try:
            head = read_bounded(path)[:64]
        except CaseFileError:
            continue  # the ordinary import says what is wrong with it
        if is_transfer(head):
            return True
    return False


def _open_transfer(path: Path, raw: bytes) -> bytes:
    from coach.cli.unlock import ask_hidden, interactive
    from coach.privacy import transfer as crypto

    passphrase = identity = None
    if "scrypt" in crypto.stanza_kinds(raw):
        passphrase = os.environ.get(PASSPHRASE_ENV)
        if passphrase is None and interactive():
            passphrase = ask_hidden(f"Wachtwoord van {path.name}")
    else:
        identity = os.environ.get(IDENTITY_ENV)
    try:
        return crypto.decrypt(raw, passphrase=passphrase, identity=identity)
    except crypto.TransferError as error:
        raise CoachError(f"{path}: {error}\nNiets ingelezen.", error.code) from None


def import_with_transfers(options: Options, files: tuple[Path, ...]) -> list[int]:
    """Read case files of which some are transfer files: each opened in memory, then all imported or none."""
    from coach.privacy.transfer import is_transfer
    from coach.store.case_reading import parse_json_bytes, read_bounded
    from coach.store.casefile import CaseFileError
    from coach.store.handover import receive_cases

    today = today_or_fail()
    items: list[tuple[Any, Path, bool]] = []
    problems = []
    for path in files:
        try:
            raw = read_bounded(path)
            received = is_transfer(raw)
            items.append((parse_json_bytes(_open_transfer(path, raw) if received else raw, path), path, received))
        except CaseFileError as error:
            problems += error.problems
    if problems:
        raise CoachError(
            f"{CaseFileError(problems)}\nNiets ingelezen: verbeter het bestand en probeer het opnieuw.", EXIT_USAGE
        )
    db = open_or_fail(options.database)
    refuse_demo(db, options.database, "inlezen")
    try:
        return receive_cases(db, items, today=today)
    except CaseFileError as error:
        raise CoachError(
            f"{error}\nNiets ingelezen: verbeter het bestand en probeer het opnieuw.", EXIT_USAGE
        ) from None
