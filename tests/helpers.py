"""Helpers every test file shares: waiting for the app, catching its notices, and the one case builder."""

from __future__ import annotations

import inspect
import os
import sqlite3
from collections.abc import Callable, Iterable, Iterator
from contextlib import closing, contextmanager
from datetime import date, datetime
from pathlib import Path
from time import monotonic
from typing import Any

from coach.domain.model import (
    Address,
    Agreement,
    Assessment,
    Case,
    Contact,
    NetworkPerson,
    PhaseEntry,
    WarmStoryItem,
    Youth,
)
from coach.tui.widgets.fitted import Fitted

# Long enough for a loaded machine running tests in parallel; a test that passes never waits this long.
WAIT_TIMEOUT = 30.0
# How often the condition is looked at again: often enough to go on soon, seldom enough that costly
# conditions (a rendered document) do not eat the CPU that parallel tests share.
WAIT_STEP = 0.05


def _described(condition: Callable[[], object]) -> str:
    """The condition's source line, so a failure says what was waited for."""
    try:
        return inspect.getsource(condition).strip()
    except (OSError, TypeError):
        return repr(condition)


async def wait_until(
    pilot: Any, condition: Callable[[], object], *, timeout: float = WAIT_TIMEOUT, what: str = ""
) -> None:
    """Let the app run until `condition()` is true; fail, naming the condition, after `timeout` seconds.

    Waits on the thing itself (a screen shown, a row saved, a worker done) rather than a fixed time,
    so a test is as fast as the app and does not fail on a slow machine. Once it holds, the app gets
    one more turn to finish the layout it is in, so the test can click on what it waited for.
    """
    deadline = monotonic() + timeout
    while not condition():
        if monotonic() >= deadline:
            raise AssertionError(f"na {timeout:g} s nog steeds niet waar: {what or _described(condition)}")
        await pilot.pause(WAIT_STEP)
    await pilot.pause()


def wait_until_sync(condition: Callable[[], object], *, timeout: float = WAIT_TIMEOUT, step: float = 0.05) -> bool:
    """Poll `condition` without an app (a worker process, a file) for up to `timeout` seconds; its last value."""
    from time import sleep

    deadline = monotonic() + timeout
    while monotonic() < deadline:
        if condition():
            return True
        sleep(step)
    return bool(condition())


def examples(count: int) -> int:
    """Hypothesis examples for a property: `count` normally, ten times as many with HYPOTHESIS_PROFILE=thorough."""
    return count * 10 if os.environ.get("HYPOTHESIS_PROFILE") == "thorough" else count


class Notices(list[str]):
    """The text of every notice the app showed during the test, oldest first (see the `notices` fixture)."""

    def any_with(self, text: str) -> bool:
        """Whether some notice contains `text`."""
        return any(text in notice for notice in self)


# --- the one case builder ---------------------------------------------------------------------------------

_DEFAULT = object()


def make_case(
    first_name: str = "Sanne",
    *,
    full: bool = False,
    youth: Youth | None = None,
    network: Iterable[NetworkPerson] | None = None,
    warm_story: Iterable[WarmStoryItem] | None = None,
    assessments: Iterable[Assessment] | None = None,
    contacts: Iterable[Contact] | None = None,
    agreements: Iterable[Agreement] | None = None,
    phases: Iterable[PhaseEntry] | None = None,
    last_held: datetime | None | object = _DEFAULT,
    phase: str = "begeleiding",
    **youth_fields: Any,
) -> Case:
    """A fictional case (no real people).

    Bare, `make_case("Bo")` is a young person with nothing recorded yet; `youth_fields`
    (last_name, coach, started_on, address, …) go to the Youth. With `full=True` every part
    gets a sensible fictional filling (the Visser family in Zwolle, a jobcoach, scores,
    contacts, agreements and phases); `last_held` and `phase` then choose the latest held
    contact (None: none) and the current phase. Any part passed explicitly replaces its
    default, so a test states exactly the facts it is about.
    """
    if youth is None:
        if full:
            defaults: dict[str, Any] = {
                "last_name": "Visser",
                "nickname": None,
                "birth_date": date(2007, 5, 14),
                "address": Address("Molenstraat 12a", "8011 AB", "Zwolle"),
                "school": "Noorderpoort",
                "coach": "Coach Eva",
                "started_on": date(2026, 1, 5),
            }
            youth_fields = {**defaults, **youth_fields}
        youth = Youth(first_name, **youth_fields)
    elif youth_fields:
        raise TypeError("give either a Youth or its fields, not both")
    if full:
        if last_held is _DEFAULT:
            last_held = datetime(2026, 3, 2, 10, 0)
        if network is None:
            network = [
                NetworkPerson("Marja Visser", "moeder", "informeel"),
                NetworkPerson("Karim", "jobcoach", "professioneel", organisation="Werkplein"),
            ]
        if warm_story is None:
            warm_story = [
                WarmStoryItem(
                    "trots",
                    "Ik heb mijn broertje door het examen geholpen.",
                    own_words=True,
                    recorded_on=date(2026, 1, 5),
                )
            ]
        if assessments is None:
            assessments = [
                Assessment(date(2026, 1, 5), "financien", score=2, concerns="Huurachterstand."),
                Assessment(date(2026, 1, 5), "werk_opleiding", score=3, going_well="Wil graag de zorg in."),
            ]
        if contacts is None:
            held = [
                Contact(
                    datetime(2026, 1, 5, 14, 0),
                    "huisbezoek",
                    "plaatsgevonden",
                    duration_min=60,
                    note="Kennismaking aan de keukentafel.",
                )
            ]
            if isinstance(last_held, datetime):
                held.append(Contact(last_held, "telefoon", "plaatsgevonden", note="Even gebeld over de stage."))
            contacts = [*held, Contact(datetime(2026, 3, 20, 10, 0), "huisbezoek", "gepland")]
        if agreements is None:
            agreements = [
                Agreement(date(2026, 1, 5), "Bellen met de woningcorporatie", "jongere", "open", due=date(2026, 2, 1)),
                Agreement(date(2026, 1, 5), "Uitzoeken welke toeslag kan", "coach", "gedaan"),
            ]
        if phases is None:
            phases = [
                PhaseEntry("aanmelding", date(2025, 12, 20)),
                PhaseEntry("intake", date(2026, 1, 5)),
                PhaseEntry(phase, date(2026, 1, 26)),
            ]
    return Case(
        youth=youth,
        network=list(network or ()),
        warm_story=list(warm_story or ()),
        assessments=list(assessments or ()),
        contacts=list(contacts or ()),
        agreements=list(agreements or ()),
        phases=list(phases or ()),
    )


def child_env(**extra: str) -> dict[str, str]:
    """The environment for a test's helper script run as a child process (a typist, a writer).

    The tests folder goes on PYTHONPATH: the script imports these helpers, and with
    PYTHONSAFEPATH set (as CI does, to test the installed package) Python does not put
    a script's own folder on sys.path.
    """
    here = str(Path(__file__).resolve().parent)
    path = os.pathsep.join(part for part in (here, os.environ.get("PYTHONPATH", "")) if part)
    return {**os.environ, "PYTHONPATH": path, **extra}


async def type_until_killed(pilot, text: str) -> None:
    """The typist's part (run in a child process): say "ready", type `text` a key at a time, saying
    "typed N AT" after each, then wait to be killed; `kill_while_typing` reads these lines."""
    import asyncio
    import time

    print("ready", time.monotonic(), flush=True)
    for count, char in enumerate(text, start=1):
        await pilot.press(char)
        print("typed", count, time.monotonic(), flush=True)
        await asyncio.sleep(0.02)
    print("done", time.monotonic(), flush=True)
    await asyncio.sleep(60)


def kill_while_typing(
    command: list[str], env: dict[str, str], text_length: int
) -> tuple[list[tuple[int, float]], float]:
    """Run a typist script (it prints "typed N AT" per key) and SIGKILL it mid-sentence, 1.5 s after the first key.

    Returns what had been typed when (count, monotonic time) and the moment of the kill, so a
    test can say how much must have been kept. Fails when the typist never gets going, is not
    killed by the signal, or finished before it was killed.
    """
    import signal
    import subprocess
    import time

    child = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, env=env)
    typed: list[tuple[int, float]] = []
    try:
        deadline = time.monotonic() + 90
        assert child.stdout is not None
        for line in child.stdout:
            parts = line.split()
            if parts[0] == "typed":
                typed.append((int(parts[1]), float(parts[2])))
            if typed and typed[-1][1] - typed[0][1] > 1.5 and typed[-1][0] >= 10:
                break
            assert time.monotonic() < deadline, "the typist never got going"
        killed_at = time.monotonic()
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=10)
    finally:
        if child.poll() is None:
            child.kill()
    assert child.returncode == -signal.SIGKILL
    assert typed and typed[-1][0] < text_length, "it should be killed mid-typing"
    return typed, killed_at


def typed_before(typed: list[tuple[int, float]], moment: float) -> int:
    """How many characters had been typed by `moment` (0 when none)."""
    return max((count for count, at in typed if at <= moment), default=0)


def youth_in_full(app) -> bool:
    """The young person's screen is on top with its lower sections too (mounted right after the first frame)."""
    from coach.tui.screens.youth import YouthScreen

    return isinstance(app.screen, YouthScreen) and bool(app.screen.query("#agreement-section"))


@contextmanager
def database_before(path: Path, step: Callable[..., object]) -> Iterator[Any]:
    """A plain database file as an older coach left it: migrated up to, not including, `step`.

    Yields its sqlite-utils Database, to put data in under the old schema; committed on leaving.
    The next `open_db(path)` runs the migrations from `step` on.
    """
    from coach.store import migrations
    from coach.store.sqlite_import import import_sqlite_utils

    import_sqlite_utils()
    from sqlite_utils import Database
    from sqlite_utils.migrations import Migrations

    steps = migrations.STEPS[: migrations.STEPS.index(step)]
    with closing(sqlite3.connect(path)) as conn:
        conn.execute("PRAGMA foreign_keys = ON")
        old = Migrations("coach")
        for each in steps:
            old(name=each.__name__)(each)
        db = Database(conn)
        old.apply(db)
        conn.execute(f"PRAGMA user_version = {len(steps)}")
        yield db
        conn.commit()


def shown_text(widget: Any) -> str:
    """What `widget` draws at its present width, as plain text (also for widgets that fit their lines)."""
    drawn = widget.render()
    if isinstance(drawn, Fitted):
        drawn = drawn.content_at(widget.size.width)
    return str(drawn)


def restyle_changes(screen: Any) -> list[str]:
    """Every widget on `screen` whose styles, its own or its parts', a full restyle changes."""

    def styles(node: Any) -> tuple[str, dict[str, str]]:
        return node.styles.css, {name: node.get_component_styles(name).css for name in sorted(node.COMPONENT_CLASSES)}

    nodes = list(screen.walk_children(with_self=True))
    before = [styles(node) for node in nodes]
    screen.update_node_styles(animate=False)
    after = [styles(node) for node in nodes]
    return [f"{node!r}: {old!r} -> {new!r}" for node, old, new in zip(nodes, before, after, strict=True) if new != old]
