"""Run by tests/test_contact_crash.py in a subprocess: open the contact form and keep typing until killed.

Usage: python contact_typist.py DB TEXT. Daan is the first row of the caseload; this opens his
screen, presses `c` and types the note steadily (a key every 0.02 s, no pauses), printing
"typed N AT" (monotonic seconds) after each key, so the test knows what had been typed when it
kills this process.
"""

from __future__ import annotations

import asyncio
import sys
from datetime import date
from pathlib import Path

from helpers import type_until_killed, wait_until
from textual.widgets import TextArea

from coach.tui.app import make_app
from coach.tui.screens.contact_entry import ContactEntryScreen
from coach.tui.screens.youth import YouthScreen


async def main(db_path: Path, text: str) -> None:
    app = make_app(db_path, today=date(2026, 3, 14))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter")  # Daan's row
        await wait_until(pilot, lambda: isinstance(app.screen, YouthScreen))
        await pilot.press("c")
        await wait_until(
            pilot, lambda: isinstance(app.screen, ContactEntryScreen) and isinstance(app.focused, TextArea)
        )
        await type_until_killed(pilot, text)


if __name__ == "__main__":
    asyncio.run(main(Path(sys.argv[1]), sys.argv[2]))
