"""Run by tests/test_intake_crash.py in a subprocess: open the intake and keep typing until killed.

Usage: python intake_typist.py DB YOUTH_ID TEXT. Prints "typed N AT" (monotonic seconds) after
each key, so the test knows what had been typed when it kills this process.
"""

from __future__ import annotations

import asyncio
import sys
from datetime import date
from pathlib import Path

from helpers import type_until_killed, wait_until

from coach.store.cases import load_case
from coach.tui.app import make_app
from coach.tui.screens.intake import IntakeScreen
from coach.tui.widgets.field_area import FieldArea


async def main(db_path: Path, youth_id: int, text: str) -> None:
    app = make_app(db_path, today=date(2026, 3, 14))
    async with app.run_test(size=(80, 24)) as pilot:
        app.push_screen(IntakeScreen(app.db, load_case(app.db, youth_id), app.content, app.today))
        await wait_until(pilot, lambda: isinstance(app.screen, IntakeScreen))
        await pilot.press("ctrl+down")  # to the first domain
        await wait_until(pilot, lambda: app.screen.section == "financien" and isinstance(app.focused, FieldArea))
        await type_until_killed(pilot, text)


if __name__ == "__main__":
    asyncio.run(main(Path(sys.argv[1]), int(sys.argv[2]), sys.argv[3]))
