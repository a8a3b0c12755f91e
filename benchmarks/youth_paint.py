"""One young person's screen in a running app (for compare_trees.py): opening it, and a contact saved, until painted.

The save counts until the new contact is painted, with the contacts scrolled into sight.

Usage: python benchmarks/youth_paint.py DB YOUTH_ID REPEAT LABEL   (prints 'LABEL open min … | save min …')
Works with any tree on PYTHONPATH that has CoachApp.open_youth and YouthScreen.reload_soon.
"""

import asyncio
import statistics
import sys
import time
from datetime import date, datetime, timedelta
from pathlib import Path

TODAY = date(2026, 11, 30)
from textual.app import App  # noqa: E402 - the paint hook goes in before the app's modules

log = []
_d = App._display


ready_now = [lambda: True]  # what a frame must show to count, asked as it is painted


def noting(app, screen, r):
    _d(app, screen, r)
    if r is not None:
        log.append((time.perf_counter(), screen, bool(ready_now[0]())))


App._display = noting
from coach.domain.model import Contact  # noqa: E402 - the paint hook goes in before the app's modules
from coach.store.contacts import add_contact  # noqa: E402 - the paint hook goes in before the app's modules
from coach.tui.app import make_app  # noqa: E402 - the paint hook goes in before the app's modules
from coach.tui.screens.youth import YouthScreen  # noqa: E402 - the paint hook goes in before the app's modules

path = Path(sys.argv[1])
yid = int(sys.argv[2])
n = int(sys.argv[3])


async def painted(start, pilot, ready=lambda: True):
    ready_now[0] = ready
    while True:
        hits = [a for a, s, shows in log if a >= start and isinstance(s, YouthScreen) and shows]
        if hits:
            return (hits[0] - start) * 1000
        await pilot.pause(0)


async def main():
    app = make_app(path, today=TODAY, demo=True)
    o = []
    s = []
    ids = []
    async with app.run_test(size=(120, 40)) as pilot:
        while not app.screen.desk.loaded:
            await pilot.pause(0.05)
        for _ in range(n):
            await pilot.pause(0.3)
            t = time.perf_counter()
            app.open_youth(yid)
            o.append(await painted(t, pilot))
            await pilot.pause(0.5)
            sc = app.screen
            while not sc.query("#contact-section"):  # mounted right after the first frame
                await pilot.pause(0.01)
            # The contacts in sight: a screen that shows what changed in place paints no frame for a change out of sight.
            sc.query_one("#youth-body").scroll_to_widget(sc.query_one("#contact-section"), animate=False, top=True)
            await pilot.pause(0.3)
            before = sc.file
            at = datetime.combine(TODAY, datetime.min.time()) + timedelta(hours=8, minutes=len(ids))  # each the newest
            t = time.perf_counter()
            ids.append(add_contact(app.database, yid, Contact(at, "telefoon", "plaatsgevonden", note="Gebeld.")))
            sc.reload_soon()
            row = f"#contact-{ids[-1]}"
            s.append(
                await painted(
                    t, pilot, lambda sc=sc, before=before, row=row: sc.file is not before and bool(sc.query(row))
                )
            )
            await pilot.pause(0.5)
            app.pop_screen()
        with app.database.atomic():
            for i in ids:
                app.database.execute("DELETE FROM contacts WHERE id = ?", [i])
    print(
        sys.argv[4],
        "open min",
        round(min(o)),
        "median",
        round(statistics.median(o)),
        "| save min",
        round(min(s)),
        "median",
        round(statistics.median(s)),
    )


asyncio.run(main())
