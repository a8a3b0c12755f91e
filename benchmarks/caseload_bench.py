"""Caseload speed on a 5,000-youth demo database, against baselines measured in the same run.

Reports, in one run:
  1. computing the caseload with continuity (coach.store.caseload) vs one
     hand-written SQL query returning the same rows (ratio; target <= 2x and <= 150 ms);
     and the first screenful that is painted before the rest loads;
  2. `coach caseload --json` wall time, plain and with --deze-week and --zoek (fresh processes);
  3. app start to the first painted caseload vs a bare Textual app (target <= 1.5x):
     each app in a FRESH process, imports included (benchmarks/first_paint.py),
     and in this process with imports already warm;
  4. the weekly desk in the running app: opening the caseload and every sort,
     filter, search and 'deze week', each until the next frame is painted
     (target < 100 ms each).

Usage: python benchmarks/caseload_bench.py [--youths 5000] [--repeat 7] [--keep PATH]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

from coach.store import open_db
from coach.store.caseload import caseload, first_page

TODAY = date(2026, 11, 30)
HERE = Path(__file__).parent

# The same rows as coach.store.caseload, with the continuity rules written
# out in SQL: the fastest form this question can take in SQLite.
BASELINE_SQL = """
WITH facts AS (
    SELECT
        y.id,
        COALESCE(NULLIF(y.nickname, ''), y.first_name) || COALESCE(' ' || NULLIF(y.last_name, ''), '') AS name,
        COALESCE((SELECT p.phase FROM phases p WHERE p.youth_id = y.id ORDER BY p.since DESC, p.id DESC LIMIT 1),
                 'aanmelding') AS phase,
        COALESCE(y.started_on, (SELECT MIN(p.since) FROM phases p WHERE p.youth_id = y.id)) AS started_on,
        (SELECT MAX(c.at) FROM contacts c
          WHERE c.youth_id = y.id AND c.status = 'plaatsgevonden' AND c.at < :tomorrow) AS last_held,
        (SELECT c.at || ' ' || c.mode FROM contacts c
          WHERE c.youth_id = y.id AND c.status = 'gepland' AND c.at >= :today ORDER BY c.at LIMIT 1) AS next_planned,
        (SELECT COUNT(*) FROM agreements a WHERE a.youth_id = y.id AND a.status = 'open') AS open_agreements,
        (SELECT COUNT(*) FROM agreements a
          WHERE a.youth_id = y.id AND a.status = 'open' AND a.due < :today) AS overdue_agreements,
        (SELECT MIN(a.due) FROM agreements a
          WHERE a.youth_id = y.id AND a.status = 'open' AND a.due >= :today) AS next_due
    FROM youths y
), measured AS (
    SELECT *,
        MAX(CAST(julianday(:today) - julianday(COALESCE(substr(last_held, 1, 10), started_on)) AS INTEGER), 0) AS days,
        CASE phase WHEN 'aanmelding' THEN 7 WHEN 'intake' THEN 7 WHEN 'begeleiding' THEN 14
                   WHEN 'afbouw' THEN 28 WHEN 'nazorg' THEN 90 END AS interval
    FROM facts WHERE phase != 'afgesloten'
)
SELECT id, name, phase, days,
    CASE WHEN days IS NULL THEN 'te_lang' WHEN days <= interval THEN 'ok'
         WHEN days <= interval * 2 THEN 'let_op' ELSE 'te_lang' END AS continuity,
    next_planned, open_agreements, overdue_agreements, next_due
FROM measured ORDER BY lower(name), id
"""


def median_ms(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def build(path: Path, youths: int) -> float:
    from coach.demo.generator import build_demo

    start = time.perf_counter()
    db = open_db(path)
    build_demo(db, youths=youths, seed=1, today=TODAY)
    db.close()
    return time.perf_counter() - start


def bench_caseload(path: Path, repeat: int) -> dict:
    db = open_db(path)
    params = {"today": TODAY.isoformat(), "tomorrow": (TODAY + timedelta(days=1)).isoformat()}
    ours = caseload(db, TODAY)
    base = db.execute(BASELINE_SQL, params).fetchall()
    assert sorted((e.id, e.continuity, e.days_since_contact) for e in ours) == sorted(
        (r[0], r[4], r[3]) for r in base
    ), "baseline and caseload disagree"
    base_ms = median_ms(lambda: db.execute(BASELINE_SQL, params).fetchall(), repeat)
    ours_ms = median_ms(lambda: caseload(db, TODAY), repeat)
    page_ms = median_ms(lambda: first_page(db, TODAY, 60), repeat)
    counts = {c: sum(1 for e in ours if e.continuity == c) for c in ("ok", "let_op", "te_lang")}
    db.close()
    return {
        "rows": len(ours),
        "sql_ms": base_ms,
        "caseload_ms": ours_ms,
        "ratio": ours_ms / base_ms,
        "page_ms": page_ms,
        **counts,
    }


def bench_cli(path: Path, repeat: int, cache: Path) -> dict:
    env = process_env(cache, COACH_DB=str(path), COACH_TODAY=TODAY.isoformat())
    subprocess.run([sys.executable, "-m", "coach", "caseload", "--json"], env=env, capture_output=True, check=True)
    result = {}
    for label, extra in (("plain", []), ("deze_week", ["--deze-week"]), ("zoek", ["--zoek", "schuld"])):
        times = []
        for _ in range(repeat):
            start = time.perf_counter()
            out = subprocess.run(
                [sys.executable, "-m", "coach", "caseload", "--json", *extra], env=env, capture_output=True, check=True
            )
            times.append((time.perf_counter() - start) * 1000)
        result[label] = (statistics.median(times), len(json.loads(out.stdout)))
    result["python_start_ms"] = median_ms(lambda: subprocess.run([sys.executable, "-c", "pass"], check=True), repeat)
    return result


# --- first paint ----------------------------------------------------------------------------------


def process_env(cache: Path, **extra: str) -> dict[str, str]:
    """The environment of a fresh process, with compiled bytecode kept (in `cache`) as an installed app has it.

    Without it (PYTHONDONTWRITEBYTECODE) every start would compile coach's
    modules from source, which no installed coach does.
    """
    env = {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}
    return {**env, "PYTHONPYCACHEPREFIX": str(cache), **extra}


def _fresh_start_ms(env: dict[str, str], *args: str) -> float:
    """Start one app in a new process; milliseconds from the spawn to its first useful frame."""
    start = time.monotonic()
    out = subprocess.run(
        [sys.executable, str(HERE / "first_paint.py"), *args], capture_output=True, text=True, check=True, env=env
    )
    return (float(out.stdout.strip().splitlines()[-1]) - start) * 1000


def bench_paint_fresh(path: Path, repeat: int, cache: Path) -> dict:
    # The coach's own settings and data folders stay out of it: a fresh config, backups in the temp folder.
    env = process_env(
        cache,
        COACH_TODAY=TODAY.isoformat(),
        COACH_CONFIG=str(cache.parent / "no-config.toml"),
        COACH_DATA_DIR=str(cache.parent / "data"),
    )
    coach_args = ("coach", str(path))
    _fresh_start_ms(env, "bare"), _fresh_start_ms(env, *coach_args)  # compile once, as an install does
    coach_ms, bare_ms = [], []
    for _ in range(repeat):  # interleaved, so a busy moment hits both alike
        bare_ms.append(_fresh_start_ms(env, "bare"))
        coach_ms.append(_fresh_start_ms(env, *coach_args))
    coach, bare = statistics.median(coach_ms), statistics.median(bare_ms)
    return {"coach_ms": coach, "bare_ms": bare, "ratio": coach / bare}


def _frames():
    """Count the frames every app in this process paints (headless apps compute them too)."""
    from textual.app import App

    counter = {"frames": 0}
    display = App._display
    if getattr(display, "counting", False):
        return display.counter

    def counting(app, screen, renderable):
        display(app, screen, renderable)
        if renderable is not None:
            counter["frames"] += 1

    counting.counting, counting.counter = True, counter
    App._display = counting
    return counter


async def _paint_coach_in_process(path: Path) -> float:
    from coach.tui.app import make_app
    from coach.tui.widgets.caseload_table import CaseloadTable

    frames = _frames()
    start = time.perf_counter()
    app = make_app(path, today=TODAY, demo=True)
    async with app.run_test(size=(120, 40)) as pilot:
        while True:
            seen = frames["frames"]
            tables = app.screen.query(CaseloadTable)
            if tables and tables.first().row_count and seen:
                return (time.perf_counter() - start) * 1000
            await pilot.pause(0.001)


async def _paint_bare_in_process() -> float:
    from textual.app import App, ComposeResult
    from textual.widgets import Footer, Header, Static

    class Bare(App):
        def compose(self) -> ComposeResult:
            yield Header()
            yield Static("hallo")
            yield Footer()

    frames = _frames()
    start = time.perf_counter()
    before = frames["frames"]
    app = Bare()
    async with app.run_test(size=(120, 40)) as pilot:
        while frames["frames"] == before:
            await pilot.pause(0.001)
        return (time.perf_counter() - start) * 1000


def bench_paint_in_process(path: Path, repeat: int) -> dict:
    asyncio.run(_paint_bare_in_process())  # warm imports for both
    asyncio.run(_paint_coach_in_process(path))
    coach_ms, bare_ms = [], []
    for _ in range(repeat):
        bare_ms.append(asyncio.run(_paint_bare_in_process()))
        coach_ms.append(asyncio.run(_paint_coach_in_process(path)))
    coach, bare = statistics.median(coach_ms), statistics.median(bare_ms)
    return {"coach_ms": coach, "bare_ms": bare, "ratio": coach / bare}


# --- the desk in the running app ------------------------------------------------------------------


async def _desk(path: Path, repeat: int) -> list[tuple[str, float, float, int]]:
    """(what, ms until the work is done, ms until the next frame, rows shown) per desk action."""
    from coach.domain.desk import SORT_ORDERS, THIS_WEEK, CaseloadFilter
    from coach.tui.app import make_app
    from coach.tui.widgets.caseload_table import CaseloadTable

    frames = _frames()
    app = make_app(path, today=TODAY, demo=True)
    results = []
    async with app.run_test(size=(120, 40)) as pilot:
        screen = app.screen
        while len(screen.entries) < 1000:
            await pilot.pause(0.01)
        table = screen.query_one(CaseloadTable)

        async def measure(what: str, action, reset=None) -> None:
            work, paint = [], []
            for _ in range(repeat):
                if reset:
                    reset()
                # Let the previous round settle (a reload works out 'deze week' a moment later).
                await pilot.pause(0.4)
                seen = frames["frames"]
                start = time.perf_counter()
                action()
                done = time.perf_counter()
                work.append((done - start) * 1000)
                # Until the next frame; an action that changes nothing on screen paints none.
                while frames["frames"] == seen and time.perf_counter() - done < 0.25:
                    await pilot.pause(0)
                painted = frames["frames"] != seen
                paint.append(((time.perf_counter() if painted else done) - start) * 1000)
            results.append((what, statistics.median(work), statistics.median(paint), table.row_count))

        desk = screen.desk

        def sort(key):
            def action():
                desk.sort_key = key
                screen.show_rows()

            return action

        def filtered(chosen):
            def action():
                desk.filter = chosen
                screen.show_rows()

            return action

        def clear():
            desk.clear()
            desk.week_view, desk.sort_key = False, "naam"
            screen.show_rows()

        def first_screenful():
            table.show(desk.first_page(60), TODAY)

        def contact_logged():
            # What returning from the contact form costs: one young person's file changed
            # (written in a transaction that is rolled back afterwards).
            youth_id = desk.entries[len(desk.entries) // 2].id
            db.execute(
                "INSERT INTO contacts (youth_id, at, mode, status) VALUES (?, ?, 'telefoon', 'plaatsgevonden')",
                [youth_id, f"{TODAY.isoformat()}T09:00"],
            )
            screen.on_screen_resume()

        db = desk.connection
        await measure("openen: eerste scherm (60 rijen)", first_screenful, reset=lambda: table.show([], TODAY))
        await measure("openen: hele caseload lezen", screen.reload)
        db.execute("BEGIN")  # the benchmark database stays as it was: rolled back below
        await measure("terug na een nieuw contact (1 jongere)", contact_logged)
        db.execute("ROLLBACK")
        await measure("terug na alleen kijken", screen.on_screen_resume)
        for key in SORT_ORDERS:
            await measure(f"sorteer: {key}", sort(key), reset=clear)
        for label, chosen in (
            ("filter: fase begeleiding", CaseloadFilter(phases=frozenset({"begeleiding"}))),
            ("filter: ritme te lang + let op", CaseloadFilter(continuity=frozenset({"te_lang", "let_op"}))),
            ("filter: > 14 dagen niet gezien", CaseloadFilter(not_seen_days=14)),
            ("filter: volgende contact deze week", CaseloadFilter(next_contact=THIS_WEEK)),
            ("filter: afspraken te laat", CaseloadFilter(overdue_only=True)),
            (
                "filter: fase + ritme + te laat",
                CaseloadFilter(
                    phases=frozenset({"begeleiding", "afbouw"}), continuity=frozenset({"let_op"}), overdue_only=True
                ),
            ),
        ):
            await measure(label, filtered(chosen), reset=clear)
        screen.action_search()  # the coach pressed '/': the search field is open while typing
        await pilot.pause()
        for text in ("s", "noor", "schuld", "thuis", "een", "eenzaam", "daan thuis", '"*'):
            await measure(f"zoek: {text}", lambda text=text: screen._apply_search(text), reset=clear)
        screen.action_clear_search()

        def week_on():
            desk.week_view = True
            screen.show_rows(top=True)

        def week_cold():
            clear()
            desk._week = None  # as if 'deze week' had not been worked out ahead

        await measure("deze week (uitrekenen en tonen)", week_on, reset=week_cold)
        await measure("deze week (na openen al uitgerekend)", week_on, reset=clear)
        await measure("cursor: end (laatste rij)", lambda: table.action_jump(-1), reset=lambda: table.action_jump(0))
    return results


def bench_desk(path: Path, repeat: int) -> list[tuple[str, float, float, int]]:
    return asyncio.run(_desk(path, repeat))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--youths", type=int, default=5000)
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--keep", type=Path, help="build (or reuse) the database here instead of a temp folder")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        path = args.keep or Path(tmp) / "bench.db"
        if not path.exists():
            seconds = build(path, args.youths)
            print(f"built {args.youths} youths in {seconds:.1f} s")
        db = open_db(path)
        contacts = db.execute("SELECT count(*) FROM contacts").fetchone()[0]
        youths = db.execute("SELECT count(*) FROM youths").fetchone()[0]
        db.close()
        print(f"database: {youths} youths, {contacts} contacts, {path.stat().st_size / 1e6:.0f} MB")

        c = bench_caseload(path, args.repeat)
        print(
            f"caseload ({c['rows']} open; ok {c['ok']}, let_op {c['let_op']}, te_lang {c['te_lang']}): "
            f"{c['caseload_ms']:.1f} ms vs hand-written SQL {c['sql_ms']:.1f} ms -> ratio {c['ratio']:.2f}x "
            f"(target <= 2x and <= 150 ms); first screenful {c['page_ms']:.1f} ms"
        )
        cache = Path(tmp) / "pycache"
        cli = bench_cli(path, max(3, args.repeat // 2), cache)
        for label, (ms, rows) in ((k, v) for k, v in cli.items() if k != "python_start_ms"):
            print(f"coach caseload --json ({label}): {ms:.0f} ms wall, {rows} rows")
        print(f"  (bare python start {cli['python_start_ms']:.0f} ms)")
        fresh = bench_paint_fresh(path, args.repeat, cache)
        print(
            f"first painted caseload, fresh process (imports included): {fresh['coach_ms']:.0f} ms "
            f"vs bare Textual app {fresh['bare_ms']:.0f} ms -> ratio {fresh['ratio']:.2f}x (target <= 1.5x)"
        )
        warm = bench_paint_in_process(path, args.repeat)
        print(
            f"first painted caseload, in process (imports warm): {warm['coach_ms']:.0f} ms "
            f"vs bare Textual app {warm['bare_ms']:.0f} ms -> ratio {warm['ratio']:.2f}x"
        )
        print("the desk in the app (median ms: work done / next frame painted; rows shown; target < 100 ms):")
        for what, work, paint, rows in bench_desk(path, args.repeat):
            flag = "" if paint < 100 else "  <-- over 100 ms"
            print(f"  {what:<38} {work:6.1f} / {paint:6.1f}  ({rows} rows){flag}")


if __name__ == "__main__":
    main()
