"""The first intervision summary after starting the app: with deduce warmed in the background, and without.

The app starts as the `coach` command starts it (warm_anonymiser on), paints the
caseload, then waits until the background worker has deduce loaded; then the
coach opens a young person and presses s. The figure is s until the summary is
on screen. For comparison the same with nothing warmed (the worker starts on s).
Also the worker's memory, and how long the background warm-up took.

    .venv/bin/python benchmarks/first_summary_bench.py            # 25-youth demo in a temp dir, 3 rounds each
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
TODAY = date(2026, 3, 14)


def demo_db(folder: Path) -> Path:
    from coach.demo.setup import ensure_demo

    path = folder / "demo.db"
    ensure_demo(path, youths=25, seed=1, today=TODAY, fresh=True)
    return path


def cpu_s(pid: int | None) -> float:
    """CPU seconds a process has used so far (user + system; 0 when it is gone)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError):
        return 0.0


def rss_mb(pid: int | None) -> float:
    """Resident memory of a process in MB (0 when it is gone)."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except (OSError, ValueError):
        pass
    return 0.0


async def one_start(db_path: Path, *, warm: bool) -> dict[str, float]:
    from coach.tui import anonymiser_warm
    from coach.tui.app import make_app
    from coach.tui.screens.caseload import CaseloadScreen
    from coach.tui.screens.intervision import IntervisionScreen
    from coach.tui.screens.youth import YouthScreen

    app = make_app(db_path, today=TODAY, demo=True)
    app.warm_anonymiser = warm
    figures: dict[str, float] = {}

    async def until(pilot, condition, limit: float = 300.0) -> None:
        started = time.perf_counter()
        while not condition():
            if time.perf_counter() - started > limit:
                raise TimeoutError("waited too long")
            await pilot.pause(0.01)

    async with app.run_test(size=(120, 40)) as pilot:
        started = time.perf_counter()
        await until(pilot, lambda: isinstance(app.screen, CaseloadScreen))
        if warm:
            await until(pilot, anonymiser_warm.is_warm)
            figures["warm_up_s"] = time.perf_counter() - started
        app.open_youth(1)
        await until(pilot, lambda: isinstance(app.screen, YouthScreen))
        await pilot.pause(0.2)
        waiting = anonymiser_warm._waiting
        worker_pid = waiting.pid if waiting is not None else None
        worker_cpu = cpu_s(worker_pid)
        started, started_cpu = time.perf_counter(), time.process_time()
        await pilot.press("s")
        await until(pilot, lambda: isinstance(app.screen, IntervisionScreen) and app.screen.up_to_date)
        figures["first_summary_s"] = time.perf_counter() - started
        # CPU time is what a quiet machine would take as wall time (this one may be shared).
        figures["app_cpu_s"] = time.process_time() - started_cpu
        client = app.screen._client
        if worker_pid is not None:
            figures["worker_cpu_s"] = cpu_s(worker_pid) - worker_cpu
        figures["worker_rss_mb"] = rss_mb(client.pid if client is not None else None)
        await pilot.press("escape")
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    from coach.privacy.deduce_engine import cache_is_built

    if not cache_is_built():
        sys.exit(
            "Build deduce's cache first (coach anonymise, or 'Anonimiseerder klaarzetten'): this measures a warm start."
        )
    os.environ.setdefault("COACH_TODAY", TODAY.isoformat())
    with tempfile.TemporaryDirectory() as folder:
        db_path = demo_db(Path(folder))
        warm = [asyncio.run(one_start(db_path, warm=True)) for _ in range(args.rounds)]
        cold = [asyncio.run(one_start(db_path, warm=False)) for _ in range(args.rounds)]
    med = lambda rows, key: statistics.median(row[key] for row in rows)  # noqa: E731
    print(f"first summary after starting the app, {args.rounds} starts each (median; 120x40, demo case 1)")
    print(
        f"  deduce warmed after the first frame: warm-up took      {med(warm, 'warm_up_s'):6.2f} s (in the background)"
    )
    print(
        f"  s until the summary is shown, warmed                   {med(warm, 'first_summary_s'):6.2f} s"
        f"  (max {max(r['first_summary_s'] for r in warm):.2f} s)"
    )
    print(
        f"  of which CPU: the app {med(warm, 'app_cpu_s'):.2f} s, the worker {med(warm, 'worker_cpu_s'):.2f} s"
        f"  (what a quiet machine takes; load average now {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores)"
    )
    print(f"  s until the summary is shown, nothing warmed           {med(cold, 'first_summary_s'):6.2f} s")
    print(f"  the worker's memory (RSS)                              {med(warm, 'worker_rss_mb'):6.0f} MB")


if __name__ == "__main__":
    main()
