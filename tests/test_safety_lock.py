"""The app behind a passphrase: the way in, the first run, the idle lock, Ctrl+L, typing kept before the lock."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from safety_helpers import PASSPHRASE, RARE_NAME, fingerprint, make_db
from textual.command import CommandPalette
from textual.widgets import Input, Static, TextArea

from coach.demo.setup import ensure_demo
from coach.store.contacts import load_draft
from coach.store.db import file_kind, open_db
from coach.tui import autolock
from coach.tui.app import make_app
from coach.tui.screens.caseload import CaseloadScreen
from coach.tui.screens.first_run import FirstRunScreen
from coach.tui.screens.lock import NO_PASSPHRASE_HINT, LockScreen
from coach.tui.screens.youth import YouthScreen

SIZE = (80, 24)


def shown(app) -> str:
    """All text the top screen's Static widgets show."""
    return "\n".join(str(widget.render()) for widget in app.screen.query(Static))


async def type_and_submit(pilot, field: Input, text: str) -> None:
    field.focus()
    field.value = text
    await pilot.press("enter")
    await pilot.pause()


@pytest.fixture
def encrypted(tmp_path) -> Path:
    path = tmp_path / "coach.db"
    make_db(path)
    return path


async def test_the_app_asks_the_passphrase_and_gives_another_try(encrypted, today):
    before = fingerprint(encrypted)
    app = make_app(encrypted, today=today)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, LockScreen) and app.db is None
        assert RARE_NAME not in shown(app)
        await pilot.press("ctrl+p")  # nothing with names opens before the passphrase
        assert not CommandPalette.is_open(app)
        field = app.screen.query_one("#lock-input", Input)
        for attempt in range(3):
            await type_and_submit(pilot, field, f"fout {attempt}")
        assert "klopt niet" in shown(app) and "kwijt" in shown(app)
        assert fingerprint(encrypted) == before  # wrong tries change nothing
        await type_and_submit(pilot, field, PASSPHRASE)
        assert isinstance(app.screen, CaseloadScreen)
        assert app.db is not None and app.passphrase == PASSPHRASE


async def test_first_run_sets_the_passphrase_twice(tmp_path, today):
    path = tmp_path / "nieuw.db"
    app = make_app(path, today=today)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, FirstRunScreen)
        first = app.screen.query_one("#first-passphrase", Input)
        again = app.screen.query_one("#first-again", Input)
        first.value, again.value = "kort", "kort"
        await type_and_submit(pilot, again, "kort")
        assert "te kort" in shown(app) and not path.exists()
        first.value = "een lange zin"
        await type_and_submit(pilot, again, "een lange zon")
        assert "niet hetzelfde" in shown(app) and not path.exists()
        first.value = "een lange zin"
        await type_and_submit(pilot, again, "een lange zin")
        assert isinstance(app.screen, CaseloadScreen)
    assert file_kind(path) == "encrypted"
    open_db(path, passphrase="een lange zin").close()


class FakeClock:
    """The idle watch's clock, moved by hand: a slow test machine cannot lock the app early."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock(monkeypatch) -> FakeClock:
    fake = FakeClock()
    monkeypatch.setattr(autolock, "monotonic", fake)
    return fake


async def idle(pilot, clock: FakeClock, seconds: float) -> None:
    """Let `seconds` pass without the coach doing anything (and the watch look at least once)."""
    clock.now += seconds
    await pilot.pause(0.5)


async def test_idle_time_locks_and_the_passphrase_unlocks(encrypted, today, clock):
    app = make_app(encrypted, today=today, passphrase=PASSPHRASE, lock_after=1.0)
    async with app.run_test(size=SIZE) as pilot:
        app.open_youth(1)
        await pilot.pause()
        await idle(pilot, clock, 0.9)
        assert isinstance(app.screen, YouthScreen) and RARE_NAME in shown(app)
        await idle(pilot, clock, 0.2)
        assert isinstance(app.screen, LockScreen) and app.locked
        assert RARE_NAME not in shown(app)
        await pilot.press("ctrl+p", "escape")
        assert not CommandPalette.is_open(app) and isinstance(app.screen, LockScreen)
        field = app.screen.query_one("#lock-input", Input)
        await type_and_submit(pilot, field, "niet goed")
        assert "klopt niet" in shown(app) and isinstance(app.screen, LockScreen)
        await type_and_submit(pilot, field, PASSPHRASE)
        assert isinstance(app.screen, YouthScreen) and not app.locked


async def test_activity_keeps_the_app_open(encrypted, today, clock):
    app = make_app(encrypted, today=today, passphrase=PASSPHRASE, lock_after=1.0)
    async with app.run_test(size=SIZE) as pilot:
        for _ in range(6):  # 3 seconds of work, never a whole second idle
            await pilot.press("down")
            await idle(pilot, clock, 0.5)
        assert isinstance(app.screen, CaseloadScreen)
        await idle(pilot, clock, 1.0)
        assert isinstance(app.screen, LockScreen)


async def test_ctrl_l_saves_typing_first(encrypted, today):
    app = make_app(encrypted, today=today, passphrase=PASSPHRASE, lock_after=0)
    async with app.run_test(size=(100, 40)) as pilot:
        app.open_youth(1)
        await pilot.pause()
        await pilot.press("c")
        await pilot.pause()
        note = app.screen.query_one("#note", TextArea)
        note.focus()
        await pilot.press(*"Halverwege getypt")
        await pilot.press("ctrl+l")  # at once: before the form's own draft timer ran
        await pilot.pause()
        assert isinstance(app.screen, LockScreen)
        draft = load_draft(app.db, 1)
        assert draft is not None and draft[0]["note"] == "Halverwege getypt"
        await type_and_submit(pilot, app.screen.query_one("#lock-input", Input), PASSPHRASE)
        assert app.screen.query_one("#note", TextArea).text == "Halverwege getypt"


async def test_locking_the_demo_only_hides_and_says_so(tmp_path, today: date):
    path = tmp_path / "demo.db"
    ensure_demo(path, youths=3, seed=1, today=today)
    app = make_app(path, today=today, demo=True, lock_after=0)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+l")
        await pilot.pause()
        assert isinstance(app.screen, LockScreen)
        assert NO_PASSPHRASE_HINT in shown(app)
        await pilot.press("escape")
        assert isinstance(app.screen, LockScreen)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, CaseloadScreen)
