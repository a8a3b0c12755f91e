"""Left open past midnight, the app moves on to the new day."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from datetime import date, timedelta
from pathlib import Path

from helpers import wait_until

from coach import clock
from coach.store.backup import auto_backups
from coach.tui import app as app_module
from coach.tui.app import make_app
from coach.tui.screens.caseload import CaseloadScreen
from coach.tui.screens.contact_entry import ContactEntryScreen


def days_since(screen: CaseloadScreen) -> dict[int, int | None]:
    return {entry.id: entry.days_since_contact for entry in screen.entries}


async def test_the_caseload_and_a_new_contact_take_the_new_date(case_db: Path, today: date, monkeypatch):
    monkeypatch.setattr(app_module, "DATE_CHECK_SECONDS", 0.05)
    monkeypatch.setattr(clock, "today", lambda: today)
    app = make_app(case_db)  # no date given: the app follows the clock
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_until(pilot, lambda: isinstance(app.screen, CaseloadScreen))
        screen = app.screen
        assert isinstance(screen, CaseloadScreen)
        before = days_since(screen)
        assert any(days is not None for days in before.values())

        tomorrow = today + timedelta(days=1)
        monkeypatch.setattr(clock, "today", lambda: tomorrow)
        await wait_until(pilot, lambda: app.today == tomorrow)

        assert app.today == tomorrow
        after = days_since(screen)
        assert after == {youth: None if days is None else days + 1 for youth, days in before.items()}
        await pilot.press("c")  # the first row's young person
        await pilot.pause()
        form = app.screen
        assert isinstance(form, ContactEntryScreen)
        await pilot.press("ctrl+s")  # all defaults: held, now
        await pilot.pause()
        assert isinstance(app.screen, CaseloadScreen)
        await app.workers.wait_for_complete()
    with closing(sqlite3.connect(case_db)) as db:
        [(at,)] = db.execute("SELECT at FROM contacts WHERE youth_id = ? ORDER BY id DESC LIMIT 1", [form.youth_id])
    assert at.startswith(tomorrow.isoformat())
    # the new day also gets its own backup
    assert {info.day for info in auto_backups(case_db)} >= {tomorrow}


async def test_a_date_given_to_the_app_stays(case_db: Path, today: date, monkeypatch):
    monkeypatch.setattr(app_module, "DATE_CHECK_SECONDS", 0.05)
    monkeypatch.setattr(clock, "today", lambda: today + timedelta(days=5))
    app = make_app(case_db, today=today)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause(0.3)
        assert app.today == today
