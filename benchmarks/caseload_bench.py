"""Caseload speed on a 5,000-youth demo database, against hand-written baselines.

Reports, in one run:
  1. computing the caseload with continuity (coach.store.caseload) vs one
     hand-written SQL query returning the same rows (ratio; target <= 2x and <= 150 ms);
  2. `coach caseload --json` wall time (a fresh process, as a script would call it);
  3. app start to the first painted caseload (via run_test) vs a bare Textual
     app (ratio; target <= 1.5x).

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
from coach.store.caseload import caseload

TODAY = date(2026, 11, 30)

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
        (SELECT MIN(c.at) FROM contacts c
          WHERE c.youth_id = y.id AND c.status = 'gepland' AND c.at >= :today) AS next_planned,
        (SELECT COUNT(*) FROM agreements a WHERE a.youth_id = y.id AND a.status = 'open') AS open_agreements,
        (SELECT COUNT(*) FROM agreements a
          WHERE a.youth_id = y.id AND a.status = 'open' AND a.due < :today) AS overdue_agreements
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
    next_planned, open_agreements, overdue_agreements
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
    assert [(e.id, e.continuity, e.days_since_contact) for e in ours] == [(r[0], r[4], r[3]) for r in base], \
        "baseline and caseload disagree"
    base_ms = median_ms(lambda: db.execute(BASELINE_SQL, params).fetchall(), repeat)
    ours_ms = median_ms(lambda: caseload(db, TODAY), repeat)
    counts = {c: sum(1 for e in ours if e.continuity == c) for c in ("ok", "let_op", "te_lang")}
    return {"rows": len(ours), "sql_ms": base_ms, "caseload_ms": ours_ms, "ratio": ours_ms / base_ms, **counts}


def bench_cli(path: Path, repeat: int) -> dict:
    env = {**os.environ, "COACH_DB": str(path), "COACH_TODAY": TODAY.isoformat()}
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        out = subprocess.run([sys.executable, "-m", "coach", "caseload", "--json"], env=env, capture_output=True, check=True)
        times.append((time.perf_counter() - start) * 1000)
    bare = median_ms(lambda: subprocess.run([sys.executable, "-c", "pass"], check=True), repeat)
    return {"cli_ms": statistics.median(times), "python_start_ms": bare, "rows": len(json.loads(out.stdout))}


async def _first_paint_coach(path: Path) -> float:
    from textual.widgets import DataTable

    from coach.tui.app import make_app

    start = time.perf_counter()
    app = make_app(path, today=TODAY)
    async with app.run_test(size=(120, 40)) as pilot:
        while not any(t.row_count for t in app.screen.query(DataTable)):
            await pilot.pause(0.001)
        return (time.perf_counter() - start) * 1000


async def _first_paint_bare() -> float:
    from textual.app import App, ComposeResult
    from textual.widgets import Footer, Header, Static

    class Bare(App):
        def compose(self) -> ComposeResult:
            yield Header()
            yield Static("hallo")
            yield Footer()

    start = time.perf_counter()
    app = Bare()
    async with app.run_test(size=(120, 40)) as pilot:
        while not app.screen.query(Static):
            await pilot.pause(0.001)
        return (time.perf_counter() - start) * 1000


def bench_paint(path: Path, repeat: int) -> dict:
    asyncio.run(_first_paint_bare())  # warm imports for both
    asyncio.run(_first_paint_coach(path))
    coach_ms, bare_ms = [], []
    for _ in range(repeat):
        bare_ms.append(asyncio.run(_first_paint_bare()))
        coach_ms.append(asyncio.run(_first_paint_coach(path)))
    coach, bare = statistics.median(coach_ms), statistics.median(bare_ms)
    return {"coach_ms": coach, "bare_ms": bare, "ratio": coach / bare}


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
        db.close()
        print(f"database: {args.youths} youths, {contacts} contacts, {path.stat().st_size / 1e6:.0f} MB")

        c = bench_caseload(path, args.repeat)
        print(f"caseload ({c['rows']} open; ok {c['ok']}, let_op {c['let_op']}, te_lang {c['te_lang']}): "
              f"{c['caseload_ms']:.1f} ms vs hand-written SQL {c['sql_ms']:.1f} ms -> ratio {c['ratio']:.2f}x "
              f"(target <= 2x and <= 150 ms)")
        cli = bench_cli(path, max(3, args.repeat // 2))
        print(f"coach caseload --json: {cli['cli_ms']:.0f} ms wall ({cli['rows']} rows; bare python start {cli['python_start_ms']:.0f} ms)")
        p = bench_paint(path, args.repeat)
        print(f"first painted caseload: {p['coach_ms']:.0f} ms vs bare Textual app {p['bare_ms']:.0f} ms -> ratio {p['ratio']:.2f}x "
              f"(target <= 1.5x)")


if __name__ == "__main__":
    main()
