"""`coach contact`: log or plan a contact, give a planned one its outcome, or move it (verzet).

MOMENT is the same Dutch moment input as the app's contact form. Bad input
(an unknown status, an impossible moment, a note that is too long or has
control characters, a contact of someone else) is a Dutch message with exit
2, and nothing is written. Logging a contact near a planned one completes
that planned one instead of adding a second (unless --apart).
"""

from __future__ import annotations

import re
import sys
from datetime import datetime
from typing import TYPE_CHECKING

import click

from coach import clock
from coach.cli.errors import EXIT_USAGE, CoachError
from coach.cli.options import Options, load_case_or_fail, refuse_demo, today_or_fail
from coach.cli.output import DutchCommand
from coach.cli.params import DutchChoice, PositiveInt
from coach.domain.contact_input import MAX_MINUTES, when_direction
from coach.domain.contact_status import HELD, NEW_STATUSES, OUTCOMES, PLANNED, STATUSES, ContactRecord
from coach.domain.dutch_dates import FUTURE, PAST, DateInputError, Direction, parse_moment
from coach.domain.model import CONTACT_MODES, Contact
from coach.domain.registration import check_text

if TYPE_CHECKING:
    from sqlite_utils import Database


def _word(value: str) -> str:
    return value.replace("_", "-")


MODE_CHOICE = DutchChoice({_word(mode): mode for mode in CONTACT_MODES}, "soort contact")
STATUS_CHOICE = DutchChoice({_word(status): status for status in STATUSES}, "status")
# 2026-12-08T10:00, as scripts write a moment; the Dutch parser reads it with a space.
_ISO_MOMENT = re.compile(r"^(\d{4}-\d{1,2}-\d{1,2})T(\d{1,2}:\d{2})$")
NOTE_MAX = 1_000_000


def _fail(message: str) -> CoachError:
    return CoachError(message + " Er is niets opgeslagen.", EXIT_USAGE)


def read_moment(text: str, now: datetime, direction: Direction) -> datetime:
    """The moment typed after --wanneer, or a CoachError (exit 2) saying how to write it."""
    text = _ISO_MOMENT.sub(r"\1 \2", text.strip())
    try:
        return parse_moment(text, now, direction=direction).at
    except DateInputError as error:
        raise _fail(f"--wanneer: {error}") from None


def read_note(note: str | None) -> str | None:
    """The note (from --notitie, or standard input with '-'), checked; None when empty."""
    if note == "-":
        note = sys.stdin.read()
    if note is None or not note.strip():
        return None
    if len(note) > NOTE_MAX:
        raise _fail(f"--notitie: te lang ({len(note)} tekens); hoogstens {NOTE_MAX}.")
    problem = check_text("referral_reason", note)
    if problem:
        raise _fail("--notitie" + problem[problem.index(":") :])
    return note


def read_duration(text: str | None) -> int | None:
    """Whole minutes, 0 to 1440, or a CoachError."""
    if text is None:
        return None
    if not text.strip().isdecimal() or int(text.strip()) > MAX_MINUTES:
        raise _fail(f"--duur: '{text}' is geen duur; geef hele minuten, bijvoorbeeld 45 (hooguit {MAX_MINUTES}).")
    return int(text.strip())


def own_contact(db: Database, youth_id: int, contact_id: int) -> ContactRecord:
    """The contact with this id, when it belongs to this young person; otherwise a CoachError."""
    from coach.store.contact_moves import get_contact

    record = get_contact(db, contact_id)
    if record is None or record.youth_id != youth_id:
        raise _fail(
            f"Contact {contact_id} hoort niet bij jongere {youth_id}. "
            f"Kijk met 'coach show {youth_id} --json' welke contacten er zijn."
        )
    return record


@click.command(cls=DutchCommand)
@click.argument("youth_id", metavar="ID", type=PositiveInt("jongerennummer"))
@click.option("--wanneer", "when", metavar="MOMENT", help="Wanneer: bv. 'gisteren 14:00', 'volgende week di 10:00'.")
@click.option("--soort", "mode", type=MODE_CHOICE, help="Soort contact (standaard huisbezoek).")
@click.option(
    "--status",
    type=STATUS_CHOICE,
    help="Status; zonder --status is een moment in het verleden plaatsgevonden, in de toekomst gepland.",
)
@click.option("--duur", "duration", metavar="MINUTEN", help="Duur in minuten.")
@click.option("--notitie", "note", metavar="TEKST", help="De notitie; met '-' gelezen van standaardinvoer.")
@click.option(
    "--afronden", "complete", type=PositiveInt("contactnummer"), metavar="CONTACT", help="Rond dit geplande contact af."
)
@click.option(
    "--verzet", "move", type=PositiveInt("contactnummer"), metavar="CONTACT", help="Verzet dit geplande contact."
)
@click.option("--apart", is_flag=True, help="Altijd een nieuw contact, ook vlak bij een gepland contact.")
@click.pass_obj
def contact(
    options: Options,
    youth_id: int,
    when: str | None,
    mode: str | None,
    status: str | None,
    duration: str | None,
    note: str | None,
    complete: int | None,
    move: int | None,
    apart: bool,
) -> None:
    """Leg een contact vast of plan er een; rond een gepland contact af (--afronden) of verzet het (--verzet)."""
    from coach.store.contact_moves import ContactChangeError

    today_or_fail()
    now = clock.now()
    if complete is not None and move is not None:
        raise _fail("Kies --afronden of --verzet, niet allebei.")
    minutes = read_duration(duration)
    text = read_note(note)
    db, _case = load_case_or_fail(options, youth_id)
    refuse_demo(db, options.database, "schrijven")
    try:
        if complete is not None:
            contact_id = _complete(db, youth_id, complete, status, when, minutes, text, mode, now)
        elif move is not None:
            contact_id = _move(db, youth_id, move, status, when, minutes, text, mode, now)
        else:
            contact_id = _log(db, youth_id, when, mode, status, minutes, text, now, apart)
    except ContactChangeError as error:
        raise _fail(" ".join(error.errors.values())) from None
    click.echo(contact_id)


def _complete(
    db: Database,
    youth_id: int,
    contact_id: int,
    status: str | None,
    when: str | None,
    minutes: int | None,
    note: str | None,
    mode: str | None,
    now: datetime,
) -> int:
    from coach.store.contact_moves import set_outcome

    if status is None or status not in OUTCOMES:
        choices = ", ".join(OUTCOMES)
        raise _fail(f"--afronden hoort bij --status: kies {choices} (verzetten gaat met --verzet).")
    if mode is not None:
        raise _fail("--soort past niet bij --afronden; wijzig de soort in de app.")
    own_contact(db, youth_id, contact_id)
    extra: dict[str, object] = {}
    if when is not None:
        extra["at"] = read_moment(when, now, PAST)
    if minutes is not None:
        extra["duration_min"] = minutes
    if note is not None:
        extra["note"] = note
    set_outcome(db, contact_id, status, now=now, **extra)  # type: ignore[arg-type]
    return contact_id


def _move(
    db: Database,
    youth_id: int,
    contact_id: int,
    status: str | None,
    when: str | None,
    minutes: int | None,
    note: str | None,
    mode: str | None,
    now: datetime,
) -> int:
    from coach.store.contact_moves import move_contact

    if when is None:
        raise _fail("--verzet hoort bij --wanneer: het nieuwe moment, bv. 'volgende week di 10:00'.")
    if status is not None or minutes is not None:
        raise _fail("--verzet neemt alleen --wanneer (en eventueel --soort en --notitie).")
    own_contact(db, youth_id, contact_id)
    return move_contact(db, contact_id, read_moment(when, now, FUTURE), now=now, note=note, mode=mode)


def _log(
    db: Database,
    youth_id: int,
    when: str | None,
    mode: str | None,
    status: str | None,
    minutes: int | None,
    note: str | None,
    now: datetime,
    apart: bool,
) -> int:
    from coach.store.contact_moves import complete_planned, find_planned_near
    from coach.store.contacts import ContactError, add_contact

    if when is None:
        raise _fail("Geef met --wanneer aan wanneer het contact was of is, bv. --wanneer 'gisteren 14:00'.")
    if status is not None and status not in NEW_STATUSES:
        raise _fail(
            f"Een nieuw contact kan niet '{status}' zijn: dat ontstaat alleen door --verzet of --afronden. "
            "Kies " + ", ".join(NEW_STATUSES) + "."
        )
    at = read_moment(when, now, when_direction(status) if status else PAST)
    if status is None:
        status = HELD if at <= now else PLANNED
    if status == PLANNED and at <= now:
        raise _fail("--wanneer: een gepland contact ligt in de toekomst. Kies een later moment of een andere status.")
    if status != PLANNED and at > now:
        raise _fail("--wanneer: dit contact ligt in de toekomst. Gebruik --status gepland, of een eerder moment.")
    if status != PLANNED and not apart:
        planned = find_planned_near(db, youth_id, at)
        if planned is not None:
            # The contact that was planned for this moment gets its outcome, instead of a second line beside it.
            held = Contact(
                at=at,
                mode=mode or planned.contact.mode,
                status=status,
                duration_min=minutes,
                initiated_by=planned.contact.initiated_by,
                coach=planned.contact.coach,
                note=note,
            )
            complete_planned(db, planned.id, held, now=now, domains=planned.domains, from_form=False)
            click.echo(
                f"Het geplande contact {planned.id} ({planned.contact.at:%d-%m-%Y %H:%M}) is hiermee afgerond. "
                "Wil je toch een apart contact, gebruik dan --apart.",
                err=True,
            )
            return planned.id
    contact = Contact(at=at, mode=mode or CONTACT_MODES[0], status=status, duration_min=minutes, note=note)
    try:
        return add_contact(db, youth_id, contact, from_form=False)
    except ContactError as error:
        raise _fail(str(error)) from None
