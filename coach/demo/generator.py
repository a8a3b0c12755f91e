"""A fictional, deterministic demo caseload: generate_cases() and build_demo()."""

from __future__ import annotations

import multiprocessing
import os
import queue
import random
from collections.abc import Callable, Iterator
from datetime import date, timedelta
from itertools import islice
from typing import TYPE_CHECKING, Any

from coach.demo import names, outcomes, texts
from coach.demo.notes import Voice
from coach.demo.timeline import Diary, plan_phases
from coach.domain.model import Address, Agreement, Case, NetworkPerson, Youth, age_on
from coach.domain.vocabulary import AgreementStatus, Phase
from coach.store.bulk import bulk_load, intakes_from_baselines
from coach.store.cases import CaseRows, case_rows, insert_case_rows

if TYPE_CHECKING:
    from sqlite_utils import Database

# Every block of 25 young people holds this mix of trajectories (shuffled per block).
PROFILE_MIX: tuple[str, ...] = (
    (Phase.AANMELDING,) * 2
    + (Phase.INTAKE,) * 2
    + ("wekelijks",) * 5
    + ("tweewekelijks",) * 4
    + ("crisis", "stilte")
    + ("no_show",) * 2
    + (Phase.AFBOUW,) * 4
    + (Phase.NAZORG,) * 2
    + (Phase.AFGESLOTEN,) * 2
)
BATCH_SIZE = 500
# From this many young people on, the cases are generated in a second process while this one writes:
# generating is a third of the work, and a worker costs a few tens of milliseconds to start.
PARALLEL_FROM = 2 * BATCH_SIZE


def generate_cases(youths: int = 25, seed: int = 1, *, today: date) -> Iterator[Case]:
    """Fictional cases, the same for the same (youths, seed, today); each block of 25 is a full caseload."""
    for index, profile, first, last_name, rng in _drawn(youths, seed):
        yield _case(rng, index, profile, first, last_name, today)


def full_names(youths: int = 25, seed: int = 1) -> Iterator[tuple[str, str]]:
    """The (first, last) names of the youths generate_cases gives, in order, without making their cases."""
    for _index, _profile, first, last_name, _rng in _drawn(youths, seed):
        yield first[0], last_name


def _drawn(youths: int, seed: int) -> Iterator[tuple[int, str, tuple[str, str, tuple[str, ...]], str, random.Random]]:
    """Per youth, in order: its index, profile, first name, last name and its own random generator."""
    master = random.Random(seed)
    spread = _NameSpread()
    for block_start in range(0, youths, len(PROFILE_MIX)):
        size = min(len(PROFILE_MIX), youths - block_start)
        profiles = list(PROFILE_MIX)
        master.shuffle(profiles)
        first_names = master.sample(names.FIRST_NAMES, size)
        last_names = master.sample(names.LAST_NAMES, size)
        for offset in range(size):
            rng = random.Random(master.getrandbits(64))
            last_name = spread.last_name(first_names[offset][0], last_names[offset])
            yield block_start + offset, profiles[offset], first_names[offset], last_name, rng


class _NameSpread:
    """Full names used as few times as can be: a drawn last name already taken with this first name
    gives way to the next one in the list that is used least with it.

    Every block of 25 draws its names as before (so a demo's first cases stay the same), but a
    caseload of thousands no longer holds three different 'Anouar Bakker's while other names are free.
    """

    def __init__(self) -> None:
        self.uses: dict[str, list[int]] = {}

    def last_name(self, first_name: str, drawn: str) -> str:
        uses = self.uses.setdefault(first_name, [0] * len(names.LAST_NAMES))
        start = names.LAST_NAMES.index(drawn)
        fewest = min(uses)
        for step in range(len(uses)):
            index = (start + step) % len(uses)
            if uses[index] == fewest:
                uses[index] += 1
                return names.LAST_NAMES[index]
        raise AssertionError("unreachable: some last name is used the fewest times")


def build_demo(
    db: Database,
    youths: int = 25,
    seed: int = 1,
    *,
    today: date,
    progress: Callable[[int, int], None] | None = None,
    parallel: bool | None = None,
) -> list[int]:
    """Generate the demo caseload into db, in batches of BATCH_SIZE cases; returns the new youth ids.

    One transaction (bulk_load), the search indexes and the audit trail given each batch's rows after it;
    `progress(done, youths)` is told after every batch. Everyone whose
    first measurement is in has the intake it came from. With `parallel` (by default from
    PARALLEL_FROM young people on, on a machine with more than one core) a worker process
    generates the batches while this one writes them: the database is the same either way.
    """
    if parallel is None:
        parallel = youths >= PARALLEL_FROM and (os.cpu_count() or 1) > 1
    ids: list[int] = []
    batches = _batches_from_worker(youths, seed, today) if parallel else _batches(youths, seed, today, BATCH_SIZE)
    with bulk_load(db) as indexing:
        for batch in batches:
            added = insert_case_rows(db, batch)
            # Batch by batch, while the worker generates the next one (the same rows as all at the end).
            intakes_from_baselines(db, added)
            ids.extend(added)
            if len(ids) % BATCH_SIZE == 0 or len(ids) == youths:
                indexing.catch_up()
                if progress is not None:
                    progress(len(ids), youths)
    return ids


def _batches(youths: int, seed: int, today: date, size: int) -> Iterator[list[CaseRows]]:
    cases = generate_cases(youths, seed, today=today)
    while batch := list(islice(cases, size)):
        yield [case_rows(case) for case in batch]


def _generate_into(out: multiprocessing.Queue[object], youths: int, seed: int, today: date, size: int) -> None:
    """The worker: every batch into out, then None; or what went wrong, as text (it may not pickle)."""
    try:
        for batch in _batches(youths, seed, today, size):
            out.put(batch)
        out.put(None)
    except BaseException as error:  # noqa: BLE001 - told to the main process, which raises it
        out.put(f"{type(error).__name__}: {error}")


def _batches_from_worker(youths: int, seed: int, today: date) -> Iterator[list[CaseRows]]:
    """The batches `_batches` gives, generated in a worker process (a few batches ahead at most)."""
    methods = multiprocessing.get_all_start_methods()
    # fork starts at once (nothing to import again); its stubs' BaseContext lacks Process.
    context: Any = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
    out: multiprocessing.Queue[object] = context.Queue(maxsize=10)
    # Parts of a batch, so writing starts after a fifth of one is generated (progress is still told per batch).
    part = max(1, BATCH_SIZE // 5)
    worker = context.Process(target=_generate_into, args=(out, youths, seed, today, part), daemon=True)
    worker.start()
    try:
        while True:
            try:
                batch = out.get(timeout=1)
            except queue.Empty:
                if worker.is_alive():
                    continue
                try:  # what it put just before it ended
                    batch = out.get(timeout=1)
                except queue.Empty:
                    raise RuntimeError(f"demo worker stopped (exit code {worker.exitcode})") from None
            if batch is None:
                return
            if isinstance(batch, str):
                raise RuntimeError(f"demo worker failed: {batch}")
            yield batch  # type: ignore[misc]
    finally:
        if worker.is_alive():
            worker.terminate()
        worker.join()
        out.close()


def _case(
    rng: random.Random, index: int, profile: str, first: tuple[str, str, tuple[str, ...]], last_name: str, today: date
) -> Case:
    first_name, gender, nicknames = first
    nickname = rng.choice(nicknames) if nicknames and rng.random() < 0.6 else None
    city, prefix = rng.choice(names.CITIES)
    themes = _themes(rng, profile)
    network = _network(rng, last_name, city, themes)
    working = profile in outcomes.RELEASED or rng.random() < (0.4 if texts.THEMES["werk"] in themes else 0.15)
    employer = rng.choice(names.EMPLOYERS) if working else None
    school = rng.choice(names.SCHOOLS) if rng.random() < 0.8 else None
    voice = Voice(
        rng,
        name=nickname or first_name,
        gender=gender,
        network=network,
        themes=themes,
        city=city,
        workplace=employer or rng.choice(names.EMPLOYERS),
        school=school or "school",
    )
    for person in network:
        if person.note:
            person.note = voice.fill(person.note)

    phases = plan_phases(rng, profile, today, voice)
    diary = Diary(rng, voice, today, profile, phases)
    contacts = diary.write()
    started_on = phases[0].since
    work_days = [day for day, phase in diary.visit_days if phase in (Phase.INTAKE, Phase.BEGELEIDING, Phase.AFBOUW)]
    if profile == Phase.AANMELDING:
        agreements = _first_agreements(rng, voice, [day for day, _ in diary.visit_days], today)
    else:
        agreements = outcomes.agreements(rng, voice, profile, work_days, today)

    youth = Youth(
        first_name=first_name,
        ref=f"JC-{started_on.year}-{index + 1:04d}",
        last_name=last_name,
        nickname=nickname,
        birth_date=_birth_date(rng, today, started_on),
        phone=names.phone(rng) if rng.random() < 0.85 else None,
        email=names.email(rng, first_name, last_name) if rng.random() < 0.5 else None,
        address=_address(rng, city, prefix, themes),
        school=school,
        employer=employer,
        coach=names.COACH,
        started_on=started_on,
        intervision_question=(
            _question(rng.choice(texts.INTERVISION_QUESTIONS), profile, themes)
            if profile in outcomes.STRUGGLING or rng.random() < 0.2
            else None
        ),
    )
    assessments = outcomes.assessments(rng, voice, profile, outcomes.assessment_dates(rng, phases, today))
    case = Case(
        youth=youth,
        network=network,
        warm_story=outcomes.warm_story(rng, voice, [day for day, _ in diary.visit_days]),
        assessments=assessments,
        contacts=contacts,
        agreements=agreements,
        phases=phases,
    )
    if index % 3 == 0 and profile not in outcomes.RELEASED:
        # Every third young person in coaching filled in samen invullen once (shown as "zelf" beside the scores).
        case.self_assessments = outcomes.self_assessments(f"samen-{index}", assessments, today)
    return case


def _question(drawn: str, profile: str, themes: list[texts.Theme]) -> str:
    """A leervraag that fits this case: by how the young person keeps away, else by the first theme.

    `drawn` is the draw the demo always made (so every later draw stays the same); its place in the
    old list picks one of the fitting questions.
    """
    fitting = texts.PROFILE_QUESTIONS.get(profile) or texts.THEME_QUESTIONS.get(themes[0].key if themes else "", ())
    if not fitting:
        return drawn
    return fitting[texts.INTERVISION_QUESTIONS.index(drawn) % len(fitting)]


def _themes(rng: random.Random, profile: str) -> list[texts.Theme]:
    """2–4 themes; those who taper off worked their way into a job."""
    keys = list(texts.THEME_WEIGHTS)
    weights = list(texts.THEME_WEIGHTS.values())
    chosen: list[str] = ["werk"] if profile in outcomes.RELEASED and rng.random() < 0.6 else []
    wanted = rng.randint(2, 4)
    while len(chosen) < wanted:
        key = rng.choices(keys, weights)[0]
        if key not in chosen:
            chosen.append(key)
    if chosen[0] == "werk" and len(chosen) > 1 and profile in outcomes.RELEASED:
        chosen.append(chosen.pop(0))  # work came last: the problems were first
    return [texts.THEMES[key] for key in chosen]


def _network(rng: random.Random, last_name: str, city: str, themes: list[texts.Theme]) -> list[NetworkPerson]:
    """1–3 informal people and 1–3 professionals, the first professional fitting the main theme."""
    people: list[NetworkPerson] = []
    for relation, gender, family in rng.sample(names.INFORMAL_RELATIONS, rng.randint(1, 3)):
        first = rng.choice(names.NETWORK_FIRST_NAMES[gender])
        name = f"{first} {last_name}" if family and rng.random() < 0.5 else first
        people.append(
            NetworkPerson(
                name=name,
                relation=relation,
                kind="informeel",
                phone=names.phone(rng) if rng.random() < 0.5 else None,
                note=rng.choice(texts.INFORMAL_NOTES) if rng.random() < 0.4 else None,
            )
        )
    relations = dict(names.PROFESSIONALS)
    wanted: list[str] = []
    for theme in themes[:3]:
        fitting = texts.THEME_PROFESSIONALS[theme.key]
        if not any(relation in wanted for relation in fitting):
            wanted.append(rng.choice(fitting))
    if len(wanted) < 3 and rng.random() < 0.3:
        wanted.append(rng.choice([relation for relation in relations if relation not in wanted]))
    for relation, full_name in zip(wanted, rng.sample(names.PROFESSIONAL_NAMES, len(wanted)), strict=False):
        first = full_name.split()[0].lower()
        people.append(
            NetworkPerson(
                name=full_name,
                relation=relation,
                kind="professioneel",
                organisation=rng.choice(relations[relation]).format(city=city),
                phone=names.phone(rng) if rng.random() < 0.7 else None,
                email=f"{first}@example.org" if rng.random() < 0.4 else None,
                note=rng.choice(texts.PROFESSIONAL_NOTES) if rng.random() < 0.4 else None,
            )
        )
    return people


def _birth_date(rng: random.Random, today: date, started_on: date) -> date:
    """Aged 16–27 today, and at least 16 when the trajectory began."""
    age = rng.choice((16, 17, 18, 18, 19, 19, 20, 20, 21, 21, 22, 23, 24, 25, 26))
    try:
        anchor = today.replace(year=today.year - age)
    except ValueError:  # 29 February
        anchor = today.replace(year=today.year - age, day=28)
    birth = anchor - timedelta(days=rng.randint(0, 360))
    while (age_on(birth, started_on) or 0) < 16 and (age_on(birth, today) or 0) < 27:
        birth -= timedelta(days=365)
    return birth


def _address(rng: random.Random, city: str, prefix: int, themes: list[texts.Theme]) -> Address:
    """Street, number, postcode and city; without a street for some who have no home of their own."""
    if any(theme.key == "wonen" for theme in themes) and rng.random() < 0.4:
        return Address(city=city)
    street = f"{rng.choice(names.STREETS)} {names.house_number(rng)}"
    return Address(street=street, postcode=names.postcode(rng, prefix), city=city)


def _first_agreements(rng: random.Random, voice: Voice, days: list[date], today: date) -> list[Agreement]:
    """Before the intake: one or two small agreements about getting acquainted."""
    rows = []
    for made_on in sorted(rng.sample(days, min(len(days), rng.randint(1, 2)))):
        owner, template = rng.choice(texts.AANMELDING_AGREEMENTS)
        due = made_on + timedelta(days=7)
        status = (
            AgreementStatus.OPEN
            if due >= today or rng.random() < 0.3
            else rng.choice((AgreementStatus.GEDAAN, AgreementStatus.VERVALLEN))
        )
        rows.append(Agreement(made_on=made_on, text=voice.fill(template), owner=owner, status=status, due=due))
    return rows
