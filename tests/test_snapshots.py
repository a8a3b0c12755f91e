"""Every screen and dialog as a coach sees it, at 80×24 and 120×40 (pytest-textual-snapshot).

The demo caseload (seed 1) is written against a fixed day, so the pictures only change when
the screens do. After a deliberate change: `python -m pytest tests/test_snapshots.py
--snapshot-update`, then look at the new pictures (the report opens them side by side)
before committing them. `test_snapshot_text.py` reads every stored picture for English
words and cut-off footers.
"""

from __future__ import annotations

import shutil
from collections.abc import Awaitable, Callable
from datetime import date, datetime
from pathlib import Path

import pytest
from helpers import restyle_changes, wait_until, youth_in_full
from safety_helpers import PASSPHRASE
from textual.app import App
from textual.pilot import Pilot
from textual.screen import Screen
from textual.widgets import OptionList

from coach.demo.generator import build_demo
from coach.domain.vocabulary import Phase
from coach.store.db import open_db
from coach.tui.app import CoachApp, make_app

TODAY = date(2026, 12, 6)
SIZES = {"80x24": (80, 24), "120x40": (120, 40)}

Steps = Callable[[Pilot], Awaitable[None]]


@pytest.fixture(autouse=True)
def still(monkeypatch: pytest.MonkeyPatch) -> None:
    """What would move between runs held still: the clock's minute and the anonymiser's loading."""
    from test_intervision_screen import FakeClient

    from coach import clock
    from coach.tui.screens import intervision

    monkeypatch.setattr(clock, "now", lambda: datetime(2026, 12, 6, 10, 30))
    monkeypatch.setattr(intervision, "make_client", FakeClient)


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo caseload, built once for this module; every test gets its own copy."""
    path = tmp_path_factory.mktemp("demo") / "demo.db"
    db = open_db(path)
    build_demo(db, youths=25, seed=1, today=TODAY)
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.close()
    return path


@pytest.fixture
def demo_copy(demo_db: Path, tmp_path: Path) -> Path:
    path = tmp_path / "demo.db"
    shutil.copyfile(demo_db, path)
    return path


def first_in(path: Path, phase: Phase) -> int:
    """The demo young person with the lowest id whose current phase is `phase`."""
    db = open_db(path)
    try:
        row = db.execute(
            "SELECT youth_id FROM phases p WHERE id = (SELECT max(id) FROM phases WHERE youth_id = p.youth_id) "
            "AND phase = ? ORDER BY youth_id LIMIT 1",
            [phase.value],
        ).fetchone()
    finally:
        db.close()
    assert row is not None, f"the demo has nobody in {phase.value}"
    return int(row[0])


async def arrive(pilot: Pilot, screen_type: type[Screen] | str) -> None:
    """Wait until the named screen is on top, ready for keys (on the way to the screen pictured)."""
    app = pilot.app

    def on_top() -> bool:
        screen = app.screen
        return type(screen).__name__ == screen_type if isinstance(screen_type, str) else isinstance(screen, screen_type)

    await wait_until(pilot, on_top)
    if screen_type == "YouthScreen":
        # Its lower sections are mounted right after the first frame; they change the scrollbar.
        await wait_until(pilot, lambda: youth_in_full(app))
    if screen_type == "CaseloadScreen":
        await wait_until(pilot, lambda: app.screen.desk.loaded)  # type: ignore[attr-defined]


async def settle(pilot: Pilot, screen_type: type[Screen] | str) -> None:
    """Wait until the named screen is on top and its picture holds still (the screen pictured)."""
    app = pilot.app
    await arrive(pilot, screen_type)
    # A blinking cursor is drawn or not by the wall clock: held still, every picture is the same.
    for field in app.screen.query("Input, TextArea"):
        field.cursor_blink = False  # type: ignore[attr-defined]
    await pilot.pause()
    await steady(pilot)
    assert_styled_as_fresh(app)


def assert_styled_as_fresh(app: App[object]) -> None:
    """Every screen on the stack has the styles a full restyle gives it.

    The coach's screens skip Textual's restyle on their first showing (coach.tui.context.show);
    here, on every screen pictured and the ones under it, that restyle changes nothing."""
    for screen in app.screen_stack:
        changed = restyle_changes(screen)
        assert not changed, changed[:3]


async def steady(pilot: Pilot, *, tries: int = 100) -> None:
    """Wait until the picture holds still: some parts are filled in after the first frame (the
    youth screen's lower sections, the footer that fits its keys, a worker's answer), and on a
    loaded machine the snapshot could otherwise catch them halfway."""
    last = None
    for _ in range(tries):
        shot = pilot.app.export_screenshot()
        if shot == last:
            return
        last = shot
        await pilot.pause(0.05)
    raise AssertionError("het scherm bleef veranderen")


async def caseload(pilot: Pilot) -> None:
    await arrive(pilot, "CaseloadScreen")
    await pilot.pause()


def youth_then(phase: Phase, *keys: str, screen: str = "YouthScreen") -> Callable[[Path], Steps]:
    """Open the first young person in `phase`, press `keys`, and wait for `screen`."""

    def steps_for(path: Path) -> Steps:
        youth_id = first_in(path, phase)

        async def steps(pilot: Pilot) -> None:
            await caseload(pilot)
            app = pilot.app
            assert isinstance(app, CoachApp)
            app.open_youth(youth_id)
            await arrive(pilot, "YouthScreen")
            if keys:
                await pilot.press(*keys)
            await settle(pilot, screen)

        return steps

    return steps_for


def caseload_then(*keys: str, screen: str = "CaseloadScreen") -> Callable[[Path], Steps]:
    def steps_for(path: Path) -> Steps:
        async def steps(pilot: Pilot) -> None:
            await caseload(pilot)
            if keys:
                await pilot.press(*keys)
            await settle(pilot, screen)

        return steps

    return steps_for


async def intake_to(pilot: Pilot, step: str) -> None:
    """Move the open intake to its middle (the seventh domain) or its end (the last domain) with Ctrl+G."""
    if step == "start":
        return
    intake = pilot.app.screen
    await pilot.press("ctrl+g")
    await arrive(pilot, "SectionPicker")
    await pilot.press(*(["home"] + ["down"] * 7 if step == "middle" else ["end"]))
    option = pilot.app.screen.query_one(OptionList).highlighted_option
    assert option is not None
    chosen = option.id
    await pilot.press("enter")

    def arrived() -> bool:
        # The chosen section is mounted after the picker closes: wait until it is shown and has the focus.
        focused = pilot.app.focused
        return (
            intake.section == chosen  # type: ignore[attr-defined]
            and focused is not None
            and any(node.id == f"s-{chosen}" for node in focused.ancestors_with_self)
        )

    await wait_until(pilot, arrived)
    await settle(pilot, "IntakeScreen")


def intake(step: str) -> Callable[[Path], Steps]:
    def steps_for(path: Path) -> Steps:
        first = youth_then(Phase.INTAKE, "i", screen="IntakeScreen")(path)

        async def steps(pilot: Pilot) -> None:
            await first(pilot)
            await intake_to(pilot, step)

        return steps

    return steps_for


def review(path: Path) -> Steps:
    """The intervision review, once its summary is made (by the stand-in anonymiser, see `still`)."""
    first = youth_then(Phase.BEGELEIDING, "s", screen="IntervisionScreen")(path)

    async def steps(pilot: Pilot) -> None:
        await first(pilot)
        screen = pilot.app.screen
        await wait_until(pilot, lambda: getattr(screen, "up_to_date", False))
        await settle(pilot, "IntervisionScreen")

    return steps


# Left out: the logboek (it shows when the demo was built, by the wall clock) and the command palette
# (its providers answer in any order; test_screen_scan.py reads it live for English instead).
SCREENS: dict[str, Callable[[Path], Steps]] = {
    "caseload": caseload_then(),
    "deze_week": caseload_then("w"),
    "filters": caseload_then("f", screen="FilterMenu"),
    "sort": caseload_then("s", screen="SortMenu"),
    "registration": caseload_then("n", screen="RegistrationScreen"),
    "handbook": caseload_then("f1", screen="GuidesScreen"),
    "youth": youth_then(Phase.BEGELEIDING),
    "youth_nazorg": youth_then(Phase.NAZORG),
    "network": youth_then(Phase.BEGELEIDING, "n", screen="NetworkScreen"),
    "intake_start": intake("start"),
    "intake_middle": intake("middle"),
    "intake_end": intake("end"),
    "contact_form": youth_then(Phase.BEGELEIDING, "c", screen="ContactEntryScreen"),
    "visit_prep": youth_then(Phase.BEGELEIDING, "v", screen="VisitPrepScreen"),
    "measurement": youth_then(Phase.BEGELEIDING, "m", screen="MeasurementScreen"),
    "phase_dialog": youth_then(Phase.BEGELEIDING, "p", screen="PhaseDialog"),
    "afbouw_plan": youth_then(Phase.AFBOUW, "p", screen="PhaseDialog"),
    "release": youth_then(Phase.AFBOUW, "a", screen="ReleaseScreen"),
    "intervision_review": review,
    "safety": youth_then(Phase.BEGELEIDING, "z", screen="SafetyScreen"),
    "details": youth_then(Phase.BEGELEIDING, "g", screen="RegistrationScreen"),
    "agreement": youth_then(Phase.BEGELEIDING, "f", screen="AgreementDialog"),
    "handover": youth_then(Phase.BEGELEIDING, "o", screen="HandoverScreen"),
    "samen_start": youth_then(Phase.BEGELEIDING, "j", screen="SamenScreen"),
    "samen_warm": youth_then(Phase.BEGELEIDING, "j", "enter", screen="SamenScreen"),
    "samen_domain": youth_then(Phase.BEGELEIDING, "j", *["enter"] * 4, screen="SamenScreen"),
    # Every domain answered with 3, then the picture with the coach's scores beside it.
    "samen_picture": youth_then(
        Phase.BEGELEIDING, "j", *["enter"] * 4, *["3", "right"] * 13, "c", screen="SamenScreen"
    ),
}


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("name", SCREENS)
def test_screen(snap_compare, demo_copy: Path, name: str, size: str) -> None:
    app = make_app(demo_copy, today=TODAY, demo=True)
    assert snap_compare(app, terminal_size=SIZES[size], run_before=SCREENS[name](demo_copy))


@pytest.mark.parametrize("size", SIZES)
def test_empty_database(snap_compare, tmp_path: Path, size: str) -> None:
    path = tmp_path / "leeg.db"
    open_db(path).close()
    app = make_app(path, today=TODAY)
    assert snap_compare(app, terminal_size=SIZES[size], run_before=caseload_then()(path))


@pytest.mark.parametrize("size", SIZES)
def test_first_run(snap_compare, tmp_path: Path, size: str) -> None:
    app = make_app(tmp_path / "nieuw.db", today=TODAY)

    async def steps(pilot: Pilot) -> None:
        await settle(pilot, "FirstRunScreen")

    assert snap_compare(app, terminal_size=SIZES[size], run_before=steps)


@pytest.mark.parametrize("size", SIZES)
def test_lock(snap_compare, tmp_path: Path, size: str) -> None:
    path = tmp_path / "versleuteld.db"
    open_db(path, passphrase=PASSPHRASE).close()
    app = make_app(path, today=TODAY)

    async def steps(pilot: Pilot) -> None:
        await settle(pilot, "LockScreen")

    assert snap_compare(app, terminal_size=SIZES[size], run_before=steps)
