"""An organisation's archive of closed trajectories, made fast: for trying (and measuring) the app at scale.

A demo caseload is a few thousand open files told in detail; an organisation
that has worked for years also holds tens of thousands of closed ones. These
are plainer (a dozen contacts, a first and a last measurement, two
agreements) so that 45,000 of them are made in minutes, a thousand to a
transaction (coach.store.bulk).
"""

from __future__ import annotations

import random
from collections.abc import Callable, Iterator
from datetime import date, datetime, time, timedelta
from itertools import islice
from typing import TYPE_CHECKING

from coach.demo import names
from coach.domain.domains import DOMAIN_KEYS
from coach.domain.model import Address, Agreement, Assessment, Case, Contact, PhaseEntry, WarmStoryItem, Youth
from coach.domain.vocabulary import AgreementStatus, ContactMode, ContactStatus, Initiator, Phase
from coach.store.bulk import bulk_load, intakes_from_baselines
from coach.store.cases import insert_cases

if TYPE_CHECKING:
    from sqlite_utils import Database

BATCH_SIZE = 1000

# What the coach wrote in a closed file; '{naam}' is the young person's first name.
NOTES = (
    "Huisbezoek bij {naam} thuis. Samen de post doorgenomen.",
    "Wandeling met {naam}. Het gaat beter met slapen.",
    "{naam} belde zelf over de afspraak bij de schuldhulp.",
    "Op kantoor: sollicitatiebrief samen afgemaakt.",
    "Thuis bij {naam}: de kamer is opgeruimd, trots op.",
    "Gesprek over school; {naam} wil de opleiding afmaken.",
    "Bericht gestuurd, {naam} reageerde dezelfde dag.",
    "Samen naar het wijkteam. {naam} deed zelf het woord.",
)
MODES = (ContactMode.HUISBEZOEK, ContactMode.WANDELING, ContactMode.TELEFOON, ContactMode.KANTOOR)
AGREEMENTS = ("Post openmaken en bewaren", "Huisarts bellen", "Rooster van de week invullen")


def archive_cases(count: int, seed: int = 1, *, today: date, first_ref: int = 1) -> Iterator[Case]:
    """`count` closed trajectories, each ended one to six years before `today`; the same for the same arguments."""
    rng = random.Random(f"archive-{seed}")
    for index in range(count):
        yield _closed_case(rng, first_ref + index, today)


def build_archive(
    db: Database,
    count: int,
    seed: int = 1,
    *,
    today: date,
    progress: Callable[[int, int], None] | None = None,
) -> list[int]:
    """Store `count` closed trajectories, BATCH_SIZE to a transaction; returns their youth ids."""
    ids: list[int] = []
    cases = archive_cases(count, seed, today=today)
    # One transaction per batch: a single one of 45,000 cases grew slow to finish on a filled database.
    while batch := list(islice(cases, BATCH_SIZE)):
        with bulk_load(db):
            added = insert_cases(db, batch)
            intakes_from_baselines(db, added)
        ids.extend(added)
        if progress is not None:
            progress(len(ids), count)
    return ids


def _closed_case(rng: random.Random, number: int, today: date) -> Case:
    first_name, _gender, _nicknames = rng.choice(names.FIRST_NAMES)
    last_name = rng.choice(names.LAST_NAMES)
    city, prefix = rng.choice(names.CITIES)
    closed = today - timedelta(days=rng.randint(365, 6 * 365))
    nazorg = closed - timedelta(days=rng.randint(90, 120))
    afbouw = nazorg - timedelta(days=rng.randint(70, 110))
    start = afbouw - timedelta(days=rng.randint(240, 420))
    intake = start + timedelta(days=rng.randint(7, 21))
    begeleiding = intake + timedelta(days=rng.randint(14, 35))
    phases = [
        PhaseEntry(Phase.AANMELDING, start),
        PhaseEntry(Phase.INTAKE, intake),
        PhaseEntry(Phase.BEGELEIDING, begeleiding),
        PhaseEntry(Phase.AFBOUW, afbouw),
        PhaseEntry(Phase.NAZORG, nazorg),
        PhaseEntry(Phase.AFGESLOTEN, closed, note="Traject afgerond; dossier gesloten."),
    ]
    days = sorted(rng.sample(range((nazorg - start).days), rng.randint(8, 14)))
    contacts = [
        Contact(
            at=datetime.combine(start + timedelta(days=day), time(rng.randint(9, 17), rng.choice((0, 15, 30, 45)))),
            mode=rng.choice(MODES),
            status=ContactStatus.PLAATSGEVONDEN,
            duration_min=rng.choice((30, 45, 60, 90)),
            initiated_by=Initiator.COACH,
            note=rng.choice(NOTES).format(naam=first_name),
        )
        for day in days
    ]
    assessments = []
    for when, lift in ((intake + timedelta(days=3), 0), (nazorg, 1)):
        for domain in DOMAIN_KEYS:
            assessments.append(Assessment(date=when, domain=domain, score=min(5, rng.randint(2, 4) + lift)))
    agreements = [
        Agreement(
            made_on=begeleiding + timedelta(days=7 * n),
            text=text,
            owner=rng.choice(("jongere", "coach")),
            status=AgreementStatus.GEDAAN,
            due=begeleiding + timedelta(days=7 * n + 14),
        )
        for n, text in enumerate(rng.sample(AGREEMENTS, 2))
    ]
    youth = Youth(
        first_name=first_name,
        ref=f"JC-A-{number:06d}",
        last_name=last_name,
        birth_date=start - timedelta(days=rng.randint(16 * 365, 24 * 365)),
        address=Address(
            street=f"{rng.choice(names.STREETS)} {names.house_number(rng)}",
            postcode=names.postcode(rng, prefix),
            city=city,
        ),
        coach=names.COACH,
        started_on=start,
    )
    return Case(
        youth=youth,
        warm_story=[WarmStoryItem("trots", f"{first_name} is trots op wat het afgelopen jaar lukte.")],
        assessments=assessments,
        contacts=contacts,
        agreements=agreements,
        phases=phases,
    )
