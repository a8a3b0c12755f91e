"""Shared fixtures: a small file database with a few fictional young people, the notices the app shows,
and the Hypothesis profiles. The helpers tests import (wait_until, make_case) live in helpers.py."""

from __future__ import annotations

import gc
import os
from datetime import date, datetime
from pathlib import Path

import pytest
import shared_css
from helpers import Notices, make_case
from hypothesis import HealthCheck, settings
from textual.app import App
from textual.widgets import Static

from coach.domain.model import (
    Agreement,
    Assessment,
    Case,
    Contact,
    NetworkPerson,
    PhaseEntry,
    WarmStoryItem,
)
from coach.store.cases import insert_cases
from coach.store.db import open_db

# --- Hypothesis: quick by default, thorough on request -----------------------------------------------
# `HYPOTHESIS_PROFILE=thorough python -m pytest` runs ten times the examples (see helpers.examples), for
# a night run or before a release; the default keeps the counts the tests name. No deadline: a loaded
# machine running tests in parallel is slow now and then, which says nothing about the code.
settings.register_profile("quick", deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("thorough", deadline=None, suppress_health_check=[HealthCheck.too_slow], max_examples=1000)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "quick"))

shared_css.install()

# The garbage collector, tuned for a test process as the app tunes it for itself (coach/cli/tui.py):
# what is loaded now lives to the end, so it is moved out of the collector's sight, and the
# collector runs far less often. Every test builds a whole Textual app of many thousand objects;
# with the default threshold (700) a collection ran every few hundred of them, a quarter of the CPU.
gc.collect()
gc.freeze()
gc.set_threshold(50_000, 20, 20)

# The date the fixture cases are written against (pass it as `today`).
FIXTURE_TODAY = date(2026, 3, 14)


def small_caseload() -> list[Case]:
    """Four fictional cases: on course, too long unseen, needing attention, and one closed."""
    noor = make_case(
        "Noor",
        last_name="Bakker",
        birth_date=date(2007, 6, 2),
        coach="Eva",
        started_on=date(2026, 1, 8),
        network=[
            NetworkPerson("Riet", "oma", "informeel"),
            NetworkPerson("Karim Aydin", "jobcoach", "professioneel", organisation="Werkplein"),
        ],
        warm_story=[
            WarmStoryItem("trots", "Ik heb mijn zus elke dag naar school gebracht toen mama ziek was.", own_words=True),
            WarmStoryItem("belangrijk", "Haar kat Mo en een eigen kamer.", own_words=False),
            WarmStoryItem("droom", "Ooit een eigen kapsalon.", own_words=True),
        ],
        assessments=[
            Assessment(date(2026, 1, 8), "financien", score=1),
            Assessment(date(2026, 3, 10), "financien", score=2, youth_score=3),
            Assessment(date(2026, 3, 10), "werk_opleiding", score=3),
        ],
        contacts=[
            Contact(
                datetime(2026, 1, 8, 15, 0),
                "huisbezoek",
                "plaatsgevonden",
                note="Kennismaking aan de keukentafel.\nMoeder was erbij.",
            ),
            Contact(
                datetime(2026, 3, 10, 14, 0), "wandeling", "plaatsgevonden", note="Rondje park, over de stage gepraat."
            ),
            Contact(datetime(2026, 3, 24, 10, 0), "huisbezoek", "gepland"),
        ],
        agreements=[
            Agreement(
                date(2026, 3, 10), "Stagebrief naar de kapsalon sturen", "jongere", "open", due=date(2026, 3, 20)
            ),
            Agreement(date(2026, 1, 8), "Toeslag uitzoeken", "coach", "gedaan"),
        ],
        phases=[PhaseEntry("intake", date(2026, 1, 8)), PhaseEntry("begeleiding", date(2026, 2, 1))],
    )
    daan = make_case(
        "Daniël",
        nickname="Daan",
        last_name="de Vries",
        birth_date=date(2004, 11, 20),
        coach="Eva",
        started_on=date(2025, 10, 1),
        contacts=[Contact(datetime(2026, 1, 20, 11, 0), "telefoon", "plaatsgevonden", note="Kort gebeld.")],
        agreements=[
            Agreement(date(2026, 1, 20), "Afspraak maken bij de huisarts", "jongere", "open", due=date(2026, 3, 1))
        ],
        phases=[PhaseEntry("begeleiding", date(2025, 10, 15))],
    )
    samira = make_case(
        "Samira",
        last_name="El Amrani",
        birth_date=date(2008, 2, 29),
        coach="Eva",
        started_on=date(2026, 2, 20),
        contacts=[
            Contact(datetime(2026, 3, 3, 16, 0), "kantoor", "plaatsgevonden"),
            Contact(datetime(2026, 3, 17, 10, 0), "huisbezoek", "gepland"),
        ],
        phases=[PhaseEntry("intake", date(2026, 2, 20))],
    )
    mees = make_case(
        "Mees",
        last_name="Jansen",
        started_on=date(2024, 5, 1),
        phases=[PhaseEntry("begeleiding", date(2024, 5, 1)), PhaseEntry("afgesloten", date(2025, 12, 1))],
    )
    return [noor, daan, samira, mees]


# --- pytest-xdist: three workers a core ------------------------------------------------------------------
# A Pilot test spends much of its wall time waiting for the app to go idle (Textual's pilot
# sleeps between keys, wait_until looks again every 50 ms), not computing; with one worker a
# core the cores sit half idle. Measured on two cores, the whole suite back to back: 4 workers
# 5 min 07 s, 6 workers 4 min 35 s, 8 workers 4 min 49 s (the same CPU time within 4 %).
# PYTEST_XDIST_AUTO_NUM_WORKERS (or -n N) still decides when given.


@pytest.hookimpl(tryfirst=True)
def pytest_xdist_auto_num_workers(config: pytest.Config) -> int | None:
    if os.environ.get("PYTEST_XDIST_AUTO_NUM_WORKERS"):
        return None  # pytest-xdist's own hook reads it
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    return min(3 * cores, 8)


# --- deduce: loaded once per test session ------------------------------------------------------------
# Loading deduce costs seconds and about 1.1 GB, so every test that needs it shares one worker process
# (`anonymiser_client`). Those tests run together, so the worker stays warm between them, and first:
# pytest-xdist hands them to one test worker as a whole, and at the start that worker loads deduce
# (then some 30 s of tests) while the others share the rest, instead of doing so after them. The
# test that watches the worker stop when idle runs last of them. The long `slow` runs (up to 20 s
# each) come next, so none starts when the others are nearly done. Measured, this changed the
# suite's total within the noise; it keeps the workers' ends together (within 6 s of each other).

DEDUCE_IDLE = 8.0  # seconds the shared worker waits for the next request before it stops


# First, before pytest-xdist reads the xdist_group marks this adds.
@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    def uses_deduce(item: pytest.Item) -> bool:
        return "anonymiser_client" in getattr(item, "fixturenames", ())

    def order(item: pytest.Item) -> tuple[bool, bool, bool]:
        deduce, slow = uses_deduce(item), item.get_closest_marker("slow") is not None
        return not deduce, not slow, item.get_closest_marker("deduce_idle") is not None

    items.sort(key=order)  # stable: otherwise the collected order
    for item in items:
        if uses_deduce(item):
            # Run in parallel (pytest-xdist, --dist loadgroup), all of them still go to one worker.
            item.add_marker(pytest.mark.xdist_group("deduce"))


@pytest.fixture(scope="session")
def anonymiser_client(request: pytest.FixtureRequest):
    """One worker process with deduce, its cache kept between runs.

    The cache is in COACH_TEST_CACHE_DIR when that is set (`.ci/run` builds deduce's lookup
    cache there beside the static checks), else in pytest's cache folder, else in the user cache.
    """
    from coach import paths
    from coach.privacy.worker import AnonymiserClient

    cache = getattr(request.config, "cache", None)
    if os.environ.get("COACH_TEST_CACHE_DIR"):
        folder = Path(os.environ["COACH_TEST_CACHE_DIR"])
    else:
        folder = cache.mkdir("coach-anonymiser") if cache is not None else paths.cache_dir()
    client = AnonymiserClient(idle_timeout=DEDUCE_IDLE, env=dict(os.environ, COACH_CACHE_DIR=str(folder)))
    yield client
    client.close()


class SharedClient:
    """The session's deduce worker handed to code that closes its client when done: closing does nothing."""

    def __init__(self, client) -> None:
        self._client = client
        self.closed = False

    def __getattr__(self, name: str):
        return getattr(self._client, name)

    def close(self) -> None:
        self.closed = True

    def abort(self) -> None:
        self.closed = True


@pytest.fixture
def needless_updates(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The ids of lines (Statics with an id) given the very text they showed, as they happen.

    Form messages, date echoes, a live question or legend follow every key typed, and an
    update lays out the whole screen again: a line that reads the same must be left alone
    (`coach.tui.widgets.refresh`).
    """
    from coach.tui.widgets.refresh import same_content

    needless: list[str] = []
    update = Static.update

    def noting_update(self: Static, content="", *, layout: bool = True) -> None:
        if self.id and same_content(content, self.content):
            needless.append(self.id)
        update(self, content, layout=layout)

    monkeypatch.setattr(Static, "update", noting_update)
    return needless


@pytest.fixture
def case_db(tmp_path: Path) -> Path:
    """A database file holding `small_caseload()`."""
    path = tmp_path / "coach.db"
    db = open_db(path)
    insert_cases(db, small_caseload())
    db.close()
    return path


@pytest.fixture
def empty_db(tmp_path: Path) -> Path:
    """A database file with the schema and no young people."""
    path = tmp_path / "empty.db"
    open_db(path).close()
    return path


@pytest.fixture
def notices(monkeypatch: pytest.MonkeyPatch) -> Notices:
    """Every notice any app shows during the test, as text: caught at App.notify, Textual's public way in."""
    caught = Notices()
    show = App.notify

    def notify(self: App, message: object, *args: object, **kwargs: object):
        caught.append(str(message))
        return show(self, message, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(App, "notify", notify)
    return caught


# A hundredth of a second: the app's timers still run in their order, but no test sits through them.
QUICK = 0.01


@pytest.fixture
def quick_timers(monkeypatch: pytest.MonkeyPatch) -> float:
    """The app's waits made tiny for this test: autosave, search and draft debounces, the backup delay.

    Tests that wait for a save or a search use this and then `wait_until` the saved row or the
    results, instead of sleeping through the production delays (which stay as they are). A test
    about what happens *before* a timer fires (leaving at once) must not use it.
    """
    from coach.tui import locking
    from coach.tui.autosave import Autosaver
    from coach.tui.screens import contact_entry, intervision
    from coach.tui.widgets import search_field

    monkeypatch.setattr(Autosaver, "idle", QUICK)
    monkeypatch.setattr(Autosaver, "limit", QUICK)
    monkeypatch.setattr(search_field, "PAUSE", QUICK)
    monkeypatch.setattr(contact_entry, "DRAFT_DELAY", QUICK)
    monkeypatch.setattr(intervision, "QUESTION_PAUSE", QUICK)
    monkeypatch.setattr(locking, "BACKUP_AFTER", QUICK)
    return QUICK


@pytest.fixture
def today() -> date:
    """The date the fixture cases are written against."""
    return FIXTURE_TODAY
