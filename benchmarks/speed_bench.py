"""The targets of issue #18 on a 5,000-youth demo database, each against a baseline measured in the same run.

Reports, and writes as JSON (benchmarks/results/speed-….json; `run_all.py` prints the table):
  1. `coach caseload --json` vs `coach --help` (both fresh processes, interleaved): <= 1.5x;
  2. the first painted caseload in a fresh process vs a bare Textual app (interleaved): <= 1.2x;
  3. reading the whole caseload the way the app does (Desk.load) vs the same rows by one hand-written
     SQL query: <= 50 ms;
  4. opening a young person's screen (the one with the most contacts) until it is painted, vs pushing
     a screen with one line of text in the same app: <= 100 ms;
  5. a contact saved and the young person's screen painted again with it (its contacts in sight): <= 100 ms;
  6. search 'thuis' (in nearly every note) and 'een': <= 30 ms;
  7. building the 5,000-youth demo (`coach demo --no-tui`, fresh process, its modules compiled as an
     install has them): <= 10 s, with progress.

Every figure is the median and the minimum of its repeats; targets are judged on the minimum
(the run least disturbed on a shared machine). Run it on an otherwise idle machine when you can.

Usage: python benchmarks/speed_bench.py [--db PATH] [--youths 5000] [--repeat 9] [--no-build-bench | --build-only]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import resource
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).parent))

from caseload_bench import BASELINE_SQL, TODAY, _fresh_start_ms, process_env  # noqa: E402
from results import row, run_info, save, timed  # noqa: E402

from coach.store import open_db  # noqa: E402
from coach.store.db import open_connection  # noqa: E402

HERE = Path(__file__).parent


def build(path: Path, youths: int) -> None:
    from coach.demo.generator import build_demo

    db = open_db(path)
    build_demo(db, youths=youths, seed=1, today=TODAY)
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.close()


def _process_ms(args: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(args, env=env, capture_output=True, check=True)
    return (time.perf_counter() - start) * 1000


def bench_cli(path: Path, repeat: int, tmp: Path) -> dict[str, Any]:
    env = process_env(
        tmp / "pycache",
        COACH_DB=str(path),
        COACH_TODAY=TODAY.isoformat(),
        COACH_CONFIG=str(tmp / "no-config.toml"),
        COACH_DATA_DIR=str(tmp / "data"),
    )
    help_cmd = [sys.executable, "-m", "coach", "--help"]
    caseload_cmd = [sys.executable, "-m", "coach", "caseload", "--json"]
    _process_ms(help_cmd, env), _process_ms(caseload_cmd, env)  # compile once, as an install does
    helps, caseloads = [], []
    for _ in range(repeat):  # interleaved, so a busy moment hits both alike
        helps.append(_process_ms(help_cmd, env))
        caseloads.append(_process_ms(caseload_cmd, env))
    return row(
        "coach caseload --json",
        caseloads,
        baseline="coach --help",
        base=helps,
        limit_ratio=1.5,
        target="<= 1.5x coach --help",
        command="python -m coach caseload --json  (vs python -m coach --help; fresh processes)",
    )


def bench_first_paint(path: Path, repeat: int, tmp: Path) -> list[dict[str, Any]]:
    env = process_env(
        tmp / "pycache",
        COACH_TODAY=TODAY.isoformat(),
        COACH_CONFIG=str(tmp / "no-config.toml"),
        COACH_DATA_DIR=str(tmp / "data"),
    )
    coach_args, start_args = ("coach", str(path)), ("coach-start", str(path))
    _fresh_start_ms(env, "bare"), _fresh_start_ms(env, *coach_args), _fresh_start_ms(env, *start_args)
    bare, coach, start = [], [], []
    for _ in range(repeat):  # interleaved, so a busy moment hits all three alike
        bare.append(_fresh_start_ms(env, "bare"))
        coach.append(_fresh_start_ms(env, *coach_args))
        start.append(_fresh_start_ms(env, *start_args))
    return [
        row(
            "first painted caseload, fresh process",
            coach,
            baseline="bare Textual app",
            base=bare,
            limit_ratio=1.2,
            target="<= 1.2x bare Textual app",
            command="python benchmarks/first_paint.py coach DB  (vs first_paint.py bare)",
        ),
        # Where the time goes: coach's imports and start alone, the bare app's screen instead of the caseload.
        row(
            "  of which coach's start, bare first screen",
            start,
            baseline="bare Textual app",
            base=bare,
            target="none: where the time goes",
            command="python benchmarks/first_paint.py coach-start DB  (vs first_paint.py bare)",
        ),
    ]


def bench_caseload_read(path: Path, repeat: int) -> dict[str, Any]:
    from datetime import timedelta

    from coach.tui.desk import Desk

    conn = open_connection(path)
    desk = Desk(conn, TODAY)
    params = {"today": TODAY.isoformat(), "tomorrow": (TODAY + timedelta(days=1)).isoformat()}
    desk.load(), conn.execute(BASELINE_SQL, params).fetchall()
    ours, base = [], []
    for _ in range(repeat):
        base += timed(lambda: conn.execute(BASELINE_SQL, params).fetchall(), 1)
        ours += timed(desk.load, 1)
    conn.close()
    return row(
        "reading the whole caseload in the app",
        ours,
        baseline="hand-written SQL, same rows (no continuity)",
        base=base,
        limit_ms=50,
        target="<= 50 ms",
        command="Desk(connection, today).load()",
        note=f"{len(desk.entries)} open cases",
    )


def bench_search(path: Path, repeat: int) -> list[dict[str, Any]]:
    from coach.store.caseload_search import find_youths

    conn = open_connection(path)
    rows = []
    for word in ("thuis", "een"):
        found = find_youths(conn, word) or set()
        rows.append(
            row(
                f"search '{word}'",
                timed(lambda word=word: find_youths(conn, word), repeat),
                limit_ms=30,
                target="<= 30 ms",
                command=f"find_youths(connection, {word!r})",
                note=f"{len(found)} found",
            )
        )
    conn.close()
    return rows


# --- the young person's screen in the running app ---------------------------------------------------


def _paint_log(ready: list[Any]) -> list[tuple[float, Any, bool]]:
    """(moment, screen, ready[0]() as the frame went out) of every frame any app in this process paints from now on."""
    from textual.app import App

    log: list[tuple[float, Any, bool]] = []
    display = App._display

    def noting(app, screen, renderable):  # type: ignore[no-untyped-def]
        display(app, screen, renderable)
        if renderable is not None:
            log.append((time.perf_counter(), screen, bool(ready[0]())))

    App._display = noting  # type: ignore[method-assign]
    return log


async def _youth_screen(path: Path, repeat: int) -> tuple[list[float], list[float], list[float], dict[str, Any]]:
    from textual.screen import Screen
    from textual.widgets import Static

    from coach.domain.model import Contact
    from coach.store.contacts import add_contact
    from coach.tui.app import make_app
    from coach.tui.screens.youth import YouthScreen

    class OneLine(Screen[None]):
        def compose(self):  # type: ignore[no-untyped-def]
            yield Static("hallo")

    ready_now: list[Any] = [lambda: True]  # what a frame must show to count: asked as it is painted
    log = _paint_log(ready_now)
    db = open_db(path)
    youth_id, contacts = db.execute(
        "SELECT youth_id, count(*) AS n FROM contacts WHERE youth_id IN (SELECT youth_id FROM _open_cases) "
        "GROUP BY youth_id ORDER BY n DESC LIMIT 1"
    ).fetchone()
    app = make_app(path, today=TODAY, demo=True)
    opened, bare, saved, added = [], [], [], []

    async def painted_after(start: float, screen_type: type, pilot, ready=lambda: True) -> float:  # type: ignore[no-untyped-def]
        ready_now[0] = ready
        while True:
            hits = [at for at, screen, shows in log if at >= start and isinstance(screen, screen_type) and shows]
            if hits:
                return (hits[0] - start) * 1000
            await pilot.pause(0)

    async with app.run_test(size=(120, 40)) as pilot:
        while not app.screen.desk.loaded:
            await pilot.pause(0.05)
        for _ in range(repeat):
            await pilot.pause(0.3)
            start = time.perf_counter()
            app.push_screen(OneLine())
            bare.append(await painted_after(start, OneLine, pilot))
            app.pop_screen()
            await pilot.pause(0.3)
            start = time.perf_counter()
            app.open_youth(youth_id)
            opened.append(await painted_after(start, YouthScreen, pilot))
            screen = app.screen
            assert isinstance(screen, YouthScreen)
            while not screen.query("#contact-section"):  # mounted right after the first frame
                await pilot.pause(0.01)
            # The contacts in sight, where the coach looks for the one just saved: the screen
            # shows what changed in place, and a change out of sight paints no frame at all.
            body = screen.query_one("#youth-body")
            body.scroll_to_widget(screen.query_one("#contact-section"), animate=False, top=True)
            await pilot.pause(0.3)
            before = screen.file
            # What pressing 'opslaan' in the contact form sets off: the contact stored in one
            # transaction, then the young person's screen shows it (the form's own closing not counted).
            # Each a minute later than the one before, so each is the newest and tops the list.
            at = datetime.combine(TODAY, datetime.min.time()) + timedelta(hours=8, minutes=len(added))
            start = time.perf_counter()
            added.append(add_contact(app.database, youth_id, Contact(at, "telefoon", "plaatsgevonden", note="Gebeld.")))
            screen.reload_soon()
            shown = f"#contact-{added[-1]}"
            saved.append(
                await painted_after(
                    start,
                    YouthScreen,
                    pilot,
                    lambda screen=screen, before=before, shown=shown: (
                        screen.file is not before and bool(screen.query(shown))
                    ),
                )
            )
            app.pop_screen()
    # The contacts added are taken out again: the next run measures the same database.
    with db.atomic():
        for contact_id in added:
            db.execute("DELETE FROM contacts WHERE id = ?", [contact_id])
    db.close()
    return opened, bare, saved, {"youth_id": youth_id, "contacts": contacts}


def bench_youth_screen(path: Path, repeat: int) -> list[dict[str, Any]]:
    opened, bare, saved, about = asyncio.run(_youth_screen(path, repeat))
    note = f"youth {about['youth_id']}, {about['contacts']} contacts"
    return [
        row(
            "opening a young person's screen, to painted",
            opened,
            baseline="pushing a one-line screen",
            base=bare,
            limit_ms=100,
            target="<= 100 ms",
            command="app.open_youth(id) until its first frame (120x40, headless)",
            note=note,
        ),
        row(
            "saving a contact, back on the youth screen painted",
            saved,
            baseline="pushing a one-line screen",
            base=bare,
            limit_ms=100,
            target="<= 100 ms",
            command="add_contact(...) + YouthScreen.reload_soon() until painted with it (the contacts in sight)",
            note=note,
        ),
    ]


def _build_command(target: Path, youths: int) -> list[str]:
    return [sys.executable, "-m", "coach", "--db", str(target), "demo", "--no-tui", "--youths", str(youths)]


def bench_demo_build(youths: int, tmp: Path) -> dict[str, Any]:
    from coach.demo.generator import PARALLEL_FROM

    env = process_env(tmp / "pycache", COACH_TODAY=TODAY.isoformat(), COACH_CONFIG=str(tmp / "no-config.toml"))
    target = tmp / "demo-build.db"
    # A small build first compiles what a build imports (in a worker too), as an installed coach has it
    # compiled (pip does that at install): in a fresh cache the build paid 1-2.5 s compiling modules.
    subprocess.run(_build_command(tmp / "demo-warm.db", PARALLEL_FROM), env=env, capture_output=True, check=True)
    # A pure-Python loop in the same run, for comparing machines: the build is mostly Python and SQLite.
    calibration = timed(lambda: sum(i * i for i in range(2_000_000)), 3)
    load = os.getloadavg()[0]
    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(
        _build_command(target, youths),
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    seconds = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    # Processor time of the build and its worker process together (more than the wall time when both run).
    cpu = after.ru_utime + after.ru_stime - used.ru_utime - used.ru_stime
    lines = done.stderr.strip().splitlines()
    return row(
        f"building the {youths:,}-youth demo",
        [seconds * 1000],
        baseline="pure-Python loop (calibration, 2M squares)",
        base=calibration,
        limit_ms=10_000,
        target="<= 10 s, with progress",
        command=f"python -m coach demo --no-tui --youths {youths}",
        note=f"{len(lines)} progress lines; last: {lines[-1] if lines else '—'}; cpu {cpu:.1f} s; load {load:.1f}",
    )


def print_rows(rows: list[dict[str, Any]]) -> None:
    for figure in rows:
        ratio = f"  ratio {figure['ratio_min']:.2f}x (median {figure['ratio_median']:.2f}x)" if "base" in figure else ""
        print(
            f"{figure['what']:<52} {figure['now']['min_ms']:9.1f} ms min {figure['now']['median_ms']:9.1f} median"
            f"{ratio}  target {figure['target']}  {'' if figure['met'] is None else 'ok' if figure['met'] else 'NOT MET'}"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", type=Path, help="a 5,000-youth demo database to use (built there when missing)")
    parser.add_argument("--youths", type=int, default=5000)
    parser.add_argument("--repeat", type=int, default=9)
    parser.add_argument("--no-build-bench", action="store_true", help="skip timing a demo build")
    parser.add_argument("--build-only", action="store_true", help="time only the demo build (no database needed)")
    args = parser.parse_args()
    info = run_info()
    if args.build_only:
        with tempfile.TemporaryDirectory() as folder:
            rows = [bench_demo_build(args.youths, Path(folder))]
        print_rows(rows)
        # Its own kind of result, so the newest full speed table stays the one run_all.py prints.
        print(f"written: {save('build', info, rows=rows)}")
        return
    with tempfile.TemporaryDirectory() as folder:
        tmp = Path(folder)
        path = args.db or tmp / "bench.db"
        if not path.exists():
            build(path, args.youths)
        info["database"] = {"youths": args.youths, "bytes": path.stat().st_size}
        rows = [bench_cli(path, args.repeat, tmp), *bench_first_paint(path, args.repeat, tmp)]
        rows.append(bench_caseload_read(path, args.repeat))
        rows += bench_youth_screen(path, max(3, args.repeat // 2))
        rows += bench_search(path, args.repeat)
        if not args.no_build_bench:
            rows.append(bench_demo_build(args.youths, tmp))
    print_rows(rows)
    print(f"written: {save('speed', info, rows=rows)}")


if __name__ == "__main__":
    main()
