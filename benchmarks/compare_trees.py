"""Before and after: the same measurements with two source trees (say main and a branch), interleaved.

On a shared machine absolute times drift; running the old and the new tree one after the other,
round after round, makes the comparison fair. Each tree opens its own copy of the same demo
(an older tree cannot open a database a newer one migrated).

  python benchmarks/compare_trees.py --old /work/main --old-db /tmp/old.db --new . --new-db /tmp/new.db

Measures `coach --help`, `coach caseload --json` and `--zoek thuis` (fresh processes), and
opening a young person's screen and saving a contact until painted (benchmarks/youth_paint.py,
the young person with the most contacts). Writes results/compare-….json.
"""

from __future__ import annotations

import argparse
import os
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).parent
sys.path.insert(0, str(HERE))

from results import run_info, save, spread  # noqa: E402

COMMANDS = {
    "help": ["--help"],
    "caseload --json": ["caseload", "--json"],
    "zoek thuis": ["caseload", "--json", "--zoek", "thuis"],
}


def _env(tree: Path, db: Path, cache: Path) -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}
    return {
        **env,
        "PYTHONPATH": str(tree),
        "PYTHONPYCACHEPREFIX": str(cache),
        "COACH_DB": str(db),
        "COACH_TODAY": "2026-11-30",
        "COACH_CONFIG": str(cache / "none.toml"),
        "COACH_DATA_DIR": str(cache / "data"),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--old", type=Path, required=True)
    parser.add_argument("--old-db", type=Path, required=True)
    parser.add_argument("--new", type=Path, default=HERE.parent)
    parser.add_argument("--new-db", type=Path, required=True)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--cache", type=Path, default=Path("/tmp/coach-compare"))
    args = parser.parse_args()
    info = run_info()
    trees = {"old": (args.old.resolve(), args.old_db), "new": (args.new.resolve(), args.new_db)}
    youth = (
        sqlite3.connect(args.new_db)
        .execute("SELECT youth_id FROM contacts GROUP BY youth_id ORDER BY count(*) DESC LIMIT 1")
        .fetchone()[0]
    )
    times: dict[str, list[float]] = {}
    for _round in range(args.repeat + 1):  # the first round compiles: not counted
        for name, (tree, db) in trees.items():
            env = _env(tree, db, args.cache / name)
            for label, command in COMMANDS.items():
                start = time.perf_counter()
                subprocess.run(
                    [sys.executable, "-m", "coach", *command], env=env, capture_output=True, check=True, cwd="/"
                )
                if _round:
                    times.setdefault(f"{label} ({name})", []).append((time.perf_counter() - start) * 1000)
            if _round:
                out = subprocess.run(
                    [sys.executable, str(HERE / "youth_paint.py"), str(db), str(youth), "2", name],
                    env=env,
                    capture_output=True,
                    text=True,
                    check=True,
                    cwd="/",
                ).stdout.split()
                times.setdefault(f"youth screen open ({name})", []).append(float(out[out.index("open") + 2]))
                times.setdefault(f"contact saved, screen again ({name})", []).append(float(out[out.index("save") + 2]))
    figures = {label: spread(values) for label, values in times.items()}
    for label, figure in figures.items():
        print(f"{label:<40} min {figure['min_ms']:8.0f} ms   median {figure['median_ms']:8.0f} ms")
    print(f"written: {save('compare', info, trees={k: str(v[0]) for k, v in trees.items()}, figures=figures)}")


if __name__ == "__main__":
    main()
