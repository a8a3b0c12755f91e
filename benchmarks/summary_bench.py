"""Intervision summary: time to the first summary with deduce cold and warm, on the CLI and in the review screen.

Baselines in the same process: the same summary with deduce stubbed out (our own
rules only), to show what deduce and the worker process add.

    .venv/bin/python benchmarks/summary_bench.py                  # a 25-youth demo database in a temp dir
    .venv/bin/python benchmarks/summary_bench.py --cold-cache      # also the very first run (cache build, ~75 s+)
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
TODAY = date(2026, 3, 14)


def demo_db(folder: Path) -> Path:
    """A fresh fictional demo caseload."""
    from coach.demo.setup import ensure_demo

    path = folder / "demo.db"
    ensure_demo(path, youths=25, seed=1, today=TODAY, fresh=True)
    return path


def cases(db_path: Path):
    from coach.store.cases import load_case, youth_ids
    from coach.store.db import open_db

    db = open_db(db_path)
    try:
        return [load_case(db, youth_id) for youth_id in youth_ids(db)]
    finally:
        db.close()


def summarise(case, anonymiser):
    from coach.content.intervision import intervision_content
    from coach.content.prompts import load_content
    from coach.reports.summary import make_summary

    content = load_content()
    words = intervision_content(content)
    return make_summary(case, anonymiser, method=words.method("roddel"), words=words, content=content, today=TODAY)


def library_figures(all_cases, env: dict[str, str]) -> dict[str, float]:
    """make_summary through a fresh worker: first (cold) and the rest (warm), against deduce stubbed out."""
    from coach.privacy.anonymiser import Anonymiser
    from coach.privacy.worker import AnonymiserClient

    baseline = []
    stub = Anonymiser(use_deduce=False)
    for case in all_cases:
        started = time.perf_counter()
        summarise(case, stub)
        baseline.append(time.perf_counter() - started)
    with AnonymiserClient(idle_timeout=60, env=env) as client:
        started = time.perf_counter()
        summarise(all_cases[0], client)
        cold = time.perf_counter() - started
        warm = []
        for case in all_cases[1:]:
            started = time.perf_counter()
            summarise(case, client)
            warm.append(time.perf_counter() - started)
    return {
        "cold_s": cold,
        "warm_ms": statistics.median(warm) * 1000,
        "warm_max_ms": max(warm) * 1000,
        "baseline_ms": statistics.median(baseline) * 1000,
    }


def cli_figure(db_path: Path, env: dict[str, str]) -> float:
    """`coach summary 1` wall time in a fresh process (imports, worker start and deduce load included)."""
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "coach", "--db", str(db_path), "summary", "1"], env=env, check=True, capture_output=True
    )
    return time.perf_counter() - started


async def screen_figures(db_path: Path, env: dict[str, str]) -> dict[str, float]:
    """The review screen: 's' pressed until the summary is shown (cold), then a change until it is shown again (warm)."""
    from coach.privacy.worker import AnonymiserClient
    from coach.tui.app import make_app
    from coach.tui.screens import intervision
    from coach.tui.screens.caseload import CaseloadScreen
    from coach.tui.screens.intervision import IntervisionScreen
    from coach.tui.screens.youth import YouthScreen

    intervision.make_client = lambda: AnonymiserClient(env=env)
    app = make_app(db_path, today=TODAY, demo=True)

    async def until(pilot, condition) -> None:
        while not condition():
            await pilot.pause(0.01)

    async with app.run_test(size=(200, 50)) as pilot:
        await until(pilot, lambda: isinstance(app.screen, CaseloadScreen))
        app.open_youth(1)
        await until(pilot, lambda: isinstance(app.screen, YouthScreen))
        started = time.perf_counter()
        await pilot.press("s")
        await until(pilot, lambda: isinstance(app.screen, IntervisionScreen) and app.screen.up_to_date)
        cold = time.perf_counter() - started
        screen = app.screen
        warm = []
        for _ in range(5):
            started = time.perf_counter()
            screen.action_next_method()
            await pilot.pause()
            await until(pilot, lambda: screen.up_to_date)
            warm.append(time.perf_counter() - started)
        await pilot.press("escape")
    return {"cold_s": cold, "warm_ms": statistics.median(warm) * 1000}


def main() -> None:
    """Measure and print."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cold-cache", action="store_true", help="also measure with deduce's cache not yet built")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        db_path = demo_db(Path(folder))
        all_cases = cases(db_path)
        env = dict(os.environ, COACH_TODAY=TODAY.isoformat())
        lib = library_figures(all_cases, env)
        cli = cli_figure(db_path, env)
        tui = asyncio.run(screen_figures(db_path, env))
        print(f"summaries of {len(all_cases)} demo cases (roddel layout, whole trajectory)")
        print(f"  deduce stubbed, in-process (baseline)   {lib['baseline_ms']:8.1f} ms per summary")
        print(f"  worker, first summary (deduce cold)     {lib['cold_s']:8.2f} s")
        print(
            f"  worker, next summaries (deduce warm)    {lib['warm_ms']:8.1f} ms median, {lib['warm_max_ms']:.1f} ms max"
            f"  ({lib['warm_ms'] / lib['baseline_ms']:.1f}x the baseline)"
        )
        print(f"  coach summary 1, fresh process          {cli:8.2f} s")
        print(f"  review screen: s until shown (cold)     {tui['cold_s']:8.2f} s")
        print(f"  review screen: method switch (warm)     {tui['warm_ms']:8.1f} ms")
        if args.cold_cache:
            cache_env = dict(env, COACH_CACHE_DIR=str(Path(folder) / "cache"))
            started = time.perf_counter()
            cli_figure(db_path, cache_env)
            print(f"  coach summary 1, cache not yet built    {time.perf_counter() - started:8.2f} s")


if __name__ == "__main__":
    main()
