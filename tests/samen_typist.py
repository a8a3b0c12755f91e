"""Run by tests/test_samen_crash.py in a subprocess: samen invullen, answer a domain, then type until killed.

Usage: python samen_typist.py DB YOUTH_ID TEXT. Chooses 4 on Geld, goes back to the first warm-story
page and types TEXT; prints "typed N AT" (monotonic seconds) after each key, so the test knows what
had been typed when it kills this process.
"""

from __future__ import annotations

import asyncio
import sys
from datetime import date
from pathlib import Path

from helpers import type_until_killed, wait_until

from coach.store.cases import load_case
from coach.tui.app import make_app
from coach.tui.screens.samen import SamenScreen, open_samen
from coach.tui.screens.youth import YouthScreen, load_youth_file


async def main(db_path: Path, youth_id: int, text: str) -> None:
    app = make_app(db_path, today=date(2026, 3, 14))
    async with app.run_test(size=(80, 24)) as pilot:
        file = load_youth_file(app, youth_id, app.today)
        assert file is not None
        app.push_screen(YouthScreen(file, app.today, app.content))
        await wait_until(pilot, lambda: isinstance(app.screen, YouthScreen))
        open_samen(app.screen, load_case(app.database, youth_id), app.content, app.today)
        await wait_until(pilot, lambda: isinstance(app.screen, SamenScreen))
        screen = app.screen
        screen.session.go_to("financien")
        await screen._redraw()
        await pilot.press("4")
        await wait_until(pilot, lambda: screen.session.answer("financien") is not None)
        await pilot.press("left")  # back to "Waar droom je van?"; there ← moves in the text, so click back
        for kind in ("droom", "belangrijk"):
            await wait_until(pilot, lambda kind=kind: screen.session.warm_kind == kind and app.focused is not None)
            await pilot.click("#samen-previous")
        await wait_until(pilot, lambda: screen.session.warm_kind == "trots" and app.focused is not None)
        await type_until_killed(pilot, text)


if __name__ == "__main__":
    asyncio.run(main(Path(sys.argv[1]), int(sys.argv[2]), sys.argv[3]))
