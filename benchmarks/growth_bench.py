"""Growth: the same questions at 500, 5,000 and 50,000 young people, the last an organisation's archive.

The databases: a demo of 500, a demo of 5,000, and that demo of 5,000 plus an archive of
45,000 closed trajectories (coach.demo.archive). From 500 to 5,000 the open caseload grows
tenfold: cost may grow (at most) tenfold. From 5,000 to 50,000 only closed cases are added:
cost must stay flat. Per size, each the median and minimum of its repeats:

  caseload      reading the whole caseload as the app does (Desk.load)
  search        find_youths 'thuis' (a word in nearly every note, the archive's too)
  deze week     working out whom to see this week and why, from the loaded caseload
  youth screen  reading one young person's file for the screen (load_youth_file, store side)
  export        one case as a case file (export_case_v2 and the JSON text)
  size          the database file, in MB

Writes benchmarks/results/growth-….json; `run_all.py` prints the table.

Usage: python benchmarks/growth_bench.py [--folder DIR] [--repeat 7]
       (the databases are built in DIR the first time: the archive takes minutes)
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).parent))

from caseload_bench import TODAY  # noqa: E402
from results import run_info, save, spread, timed  # noqa: E402

from coach.store import open_db  # noqa: E402
from coach.store.db import open_connection  # noqa: E402

SIZES = (500, 5000, 50000)
DEMO_PART = 5000  # the 50,000 are this demo plus an archive of closed cases


def build(folder: Path) -> dict[int, Path]:
    from coach.demo.archive import build_archive
    from coach.demo.generator import build_demo

    folder.mkdir(parents=True, exist_ok=True)
    paths = {size: folder / f"growth-{size}.db" for size in SIZES}
    for size in (500, 5000):
        if not paths[size].exists():
            db = open_db(paths[size])
            build_demo(db, youths=size, seed=1, today=TODAY)
            db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            db.close()
    if not paths[50000].exists():
        partial = folder / "growth-50000.db.in-aanbouw"
        shutil.copy(paths[DEMO_PART], partial)
        db = open_db(partial)
        build_archive(db, 50000 - DEMO_PART, today=TODAY, progress=lambda done, total: print(f"archief {done}/{total}"))
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        db.close()
        partial.rename(paths[50000])
    return paths


class _Context:
    """What load_youth_file needs of the app: the database, the rules, the content."""

    def __init__(self, path: Path) -> None:
        from coach.content.prompts import load_content
        from coach.domain.continuity import ContinuityRules

        self.database = open_db(path)
        self.rules = ContinuityRules()
        self.content = load_content()


def measure(path: Path, repeat: int) -> dict[str, Any]:
    from coach.store.casefile_v2 import export_case_v2
    from coach.store.caseload_search import find_youths
    from coach.tui.desk import Desk
    from coach.tui.screens.youth import load_youth_file

    conn = open_connection(path)
    counts = conn.execute(
        "SELECT (SELECT count(*) FROM youths), (SELECT count(*) FROM _open_cases), (SELECT count(*) FROM contacts)"
    ).fetchone()
    desk = Desk(conn, TODAY)
    desk.load()
    youth_id = desk.entries[len(desk.entries) // 2].id

    def week() -> None:
        desk._week = None  # worked out afresh, as after a reload
        desk.week_items()

    context = _Context(path)
    figures = {
        "youths": counts[0],
        "open": counts[1],
        "closed": counts[0] - counts[1],
        "contacts": counts[2],
        "size_mb": round(path.stat().st_size / 1e6, 1),
        "caseload": spread(timed(desk.load, repeat)),
        "search": spread(timed(lambda: find_youths(conn, "thuis"), repeat)),
        "deze_week": spread(timed(week, repeat)),
        "youth_screen": spread(
            timed(lambda: load_youth_file(context, youth_id, TODAY, opened=False), repeat)  # type: ignore[arg-type]
        ),
        "export": spread(
            timed(lambda: json.dumps(export_case_v2(context.database, youth_id), ensure_ascii=False, indent=2), repeat)
        ),
    }
    context.database.close()
    conn.close()
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--folder", type=Path, default=Path("/tmp/coach-growth"))
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args()
    info = run_info()
    paths = build(args.folder)
    sizes = {}
    for _round in range(2):  # twice, interleaved, keeping each figure's best: a busy moment hits all sizes alike
        for size, path in paths.items():
            figures = measure(path, args.repeat)
            kept = sizes.get(size)
            if kept is not None:
                for key, value in figures.items():
                    if isinstance(value, dict):
                        times = [kept[key]["min_ms"], value["min_ms"]]
                        value = {**value, "min_ms": min(times)}
                    figures[key] = value
            sizes[size] = figures
    print(f"{'':>14}" + "".join(f"{size:>14,}" for size in sizes))
    for key in ("open", "closed", "contacts", "size_mb", "caseload", "search", "deze_week", "youth_screen", "export"):
        cells = [sizes[size][key] for size in sizes]
        text = [f"{c['min_ms']:.1f} ms" if isinstance(c, dict) else f"{c:,}" for c in cells]
        print(f"{key:>14}" + "".join(f"{t:>14}" for t in text))
    print(f"written: {save('growth', info, sizes={str(size): figures for size, figures in sizes.items()})}")


if __name__ == "__main__":
    main()
