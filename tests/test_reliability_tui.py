"""Issue 16 in the app: opening a young person's file is a read, recorded once (who, when; never what)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from coach.store.audit import access_for_youth
from coach.store.db import open_db
from coach.tui.app import make_app
from coach.tui.screens.youth import YouthScreen


async def test_opening_a_file_in_the_app_is_recorded_and_a_reload_is_not(case_db: Path, today: date, monkeypatch):
    monkeypatch.setenv("USER", "coach-anna")
    monkeypatch.setenv("LOGNAME", "coach-anna")
    app = make_app(case_db, today=today)
    async with app.run_test(size=(80, 24)) as pilot:
        app.open_youth(1)
        await pilot.pause()
        assert isinstance(app.screen, YouthScreen)
        await app.screen.reload()
        await pilot.pause()
    db = open_db(case_db)
    reads = access_for_youth(db, 1)
    db.close()
    assert [(who, how) for _, who, how in reads] == [("coach-anna", "app")]
