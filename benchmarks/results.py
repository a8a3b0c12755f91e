"""What every benchmark run writes: its figures as JSON, one file per run, with the commit and the machine.

Files go to benchmarks/results/ (or $COACH_BENCH_RESULTS), named
`<bench>-<UTC time>-<commit>.json`; `run_all.py` prints the tables from the
newest ones. Timings on a shared machine are noisy: every figure keeps the
median and the minimum of its repeats, and ratios are against a baseline
measured in the same run, interleaved with it.
"""

from __future__ import annotations

import json
import os
import platform
import statistics
import subprocess
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

HERE = Path(__file__).parent
RESULTS = Path(os.environ.get("COACH_BENCH_RESULTS", HERE / "results"))


def _git(*args: str) -> str:
    try:
        return subprocess.run(["git", *args], cwd=HERE, capture_output=True, text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return ""


def _load() -> list[float] | None:
    try:
        return [round(x, 2) for x in os.getloadavg()]
    except OSError:
        return None


def run_info() -> dict[str, Any]:
    """The commit measured and the machine it ran on (no user or host names)."""
    try:
        import sqlcipher3

        sqlite = sqlcipher3.sqlite_version
    except ImportError:  # pragma: no cover
        import sqlite3

        sqlite = sqlite3.sqlite_version
    return {
        "commit": _git("rev-parse", "HEAD"),
        "dirty": bool(_git("status", "--porcelain", "--untracked-files=no")),
        "branch": _git("rev-parse", "--abbrev-ref", "HEAD"),
        "started": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": {
            "platform": platform.platform(),
            "machine": platform.machine(),
            "cpus": os.cpu_count(),
            "python": platform.python_version(),
            "sqlite": sqlite,
            "load_at_start": _load(),
        },
    }


def save(bench: str, info: dict[str, Any], **figures: Any) -> Path:
    """Write one run's figures; returns the file."""
    info = {**info, "finished": datetime.now(UTC).isoformat(timespec="seconds")}
    info["machine"] = {**info["machine"], "load_at_end": _load()}
    RESULTS.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    path = RESULTS / f"{bench}-{stamp}-{(info['commit'] or 'nocommit')[:10]}.json"
    path.write_text(json.dumps({"bench": bench, "run": info, **figures}, ensure_ascii=False, indent=2) + "\n")
    return path


def spread(times_ms: list[float]) -> dict[str, float]:
    """Median and minimum (the minimum is the least disturbed by other work on the machine)."""
    return {"median_ms": round(statistics.median(times_ms), 2), "min_ms": round(min(times_ms), 2), "n": len(times_ms)}


def timed(fn: Callable[[], Any], repeat: int) -> list[float]:
    """Milliseconds of `repeat` calls of fn."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return times


def row(
    what: str,
    now: list[float],
    *,
    target: str,
    limit_ms: float | None = None,
    baseline: str | None = None,
    base: list[float] | None = None,
    limit_ratio: float | None = None,
    command: str = "",
    note: str = "",
) -> dict[str, Any]:
    """One line of the table: the figure, its baseline from the same run, the ratio and whether the target is met.

    Targets are judged on the minimum (the run least disturbed by the other work on a shared
    machine, the closest to a quiet one); the median is kept beside it.
    """
    figure: dict[str, Any] = {"what": what, "now": spread(now), "target": target, "command": command, "note": note}
    met = True
    if base is not None:
        figure["baseline"] = baseline
        figure["base"] = spread(base)
        figure["ratio_median"] = round(statistics.median(now) / statistics.median(base), 2)
        figure["ratio_min"] = round(min(now) / min(base), 2)
        if limit_ratio is not None:
            met = met and figure["ratio_min"] <= limit_ratio
    if limit_ms is not None:
        met = met and min(now) <= limit_ms
    # A row with no limit only shows where time goes: nothing to meet.
    figure["met"] = met if limit_ratio is not None or limit_ms is not None else None
    return figure
