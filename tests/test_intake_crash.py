"""Crash safety: the app is killed (SIGKILL) while the coach types; at most the last second is lost."""

from __future__ import annotations

import signal
import sys
from datetime import date
from pathlib import Path

import pytest
from helpers import child_env, kill_while_typing, typed_before, wait_until

from coach.store.db import open_db
from coach.store.intake import latest_intake
from coach.tui.app import make_app
from coach.tui.screens.intake import IntakeScreen
from coach.tui.widgets.field_area import FieldArea

TYPIST = Path(__file__).with_name("intake_typist.py")
TEXT = "Huur is drie maanden achter en de brieven liggen ongeopend in een la bij de deur " * 3
DAAN = 2
LOSS = 1.0  # seconds of typing that may be lost


@pytest.mark.slow
@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
async def test_killed_mid_typing_loses_at_most_the_last_second(case_db: Path, today: date) -> None:
    env = child_env(COACH_CONFIG=str(case_db.with_name("geen-config.toml")))
    typed, killed_at = kill_while_typing([sys.executable, str(TYPIST), str(case_db), str(DAAN), TEXT], env, len(TEXT))

    db = open_db(case_db)
    saved = latest_intake(db, DAAN).domains["financien"].notes
    db.close()
    safe = typed_before(typed, killed_at - LOSS)
    assert safe > 0
    assert TEXT.startswith(saved)  # nothing garbled
    assert len(saved) >= safe, f"lost more than {LOSS} s of typing: kept {len(saved)} of {safe} characters"

    # Reopening continues the intake where it was, with the text.
    app = make_app(case_db, today=today)
    async with app.run_test(size=(80, 24)) as pilot:
        from coach.store.cases import load_case

        app.push_screen(IntakeScreen(app.db, load_case(app.db, DAAN), app.content, app.today))
        await wait_until(pilot, lambda: isinstance(app.focused, FieldArea))
        assert app.screen.section == "financien"
        assert isinstance(app.focused, FieldArea) and app.focused.field == "notes"
        assert app.focused.text == saved
