"""The first painted caseload in instructions, not milliseconds: the same on a busy machine as on a quiet one.

Wall-clock figures on a shared machine move by a tenth from one run to the
next; valgrind's callgrind counts the instructions a process executes, which
repeat to a thousandth for the same code, whatever else the machine does. So a
change to the start can be judged exactly, and the wall-clock table of
speed_bench.py keeps the verdict.

Counts, each in a fresh process up to its first useful frame (first_paint.py
--exit-at-paint), the bare Textual app, coach's start with the bare app's
screen (coach-start), and coach with its caseload; the ratios are against the
bare app. The count includes the event loop's turns while the app waits for
its next refresh, which a busy moment can add to: each start is counted
--repeat times, interleaved, and the smallest count kept (all are in the JSON).
Needs valgrind (Debian's package). Writes results/instructions-….json.

Usage: python benchmarks/first_paint_instructions.py --db /tmp/bench.db [--repeat 3]
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).parent))

from caseload_bench import TODAY, process_env  # noqa: E402
from results import run_info, save  # noqa: E402

HERE = Path(__file__).parent
COLLECTED = re.compile(r"Collected : (\d+)")
KINDS = (
    ("bare", "bare Textual app (header, a line, footer)"),
    ("coach-start", "coach's start, bare first screen"),
    ("coach", "first painted caseload"),
)


def instructions(kind: str, db: Path, env: dict[str, str]) -> int:
    """Instructions executed by a fresh `first_paint.py kind` up to its first useful frame."""
    command = [sys.executable, str(HERE / "first_paint.py"), kind, str(db), "--exit-at-paint"]
    done = subprocess.run(
        ["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null", *command],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    found = COLLECTED.search(done.stderr)
    if found is None:
        raise SystemExit(f"callgrind gave no count for {kind}:\n{done.stderr[-2000:]}")
    return int(found.group(1))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", type=Path, required=True, help="the database the caseload is painted from")
    parser.add_argument("--repeat", type=int, default=3, help="counts per start; the smallest is kept")
    args = parser.parse_args()
    if shutil.which("valgrind") is None:
        raise SystemExit("valgrind is not installed (apt install valgrind): nothing counted.")
    info = run_info()
    with tempfile.TemporaryDirectory() as folder:
        tmp = Path(folder)
        env = process_env(
            tmp / "pycache",
            COACH_TODAY=TODAY.isoformat(),
            COACH_CONFIG=str(tmp / "no-config.toml"),
            COACH_DATA_DIR=str(tmp / "data"),
        )
        for kind, _ in KINDS:  # compile once, as an install does: the counts are of a start, not a compile
            subprocess.run(
                [sys.executable, str(HERE / "first_paint.py"), kind, str(args.db)],
                env=env,
                check=True,
                capture_output=True,
            )
        counts: dict[str, list[int]] = {kind: [] for kind, _ in KINDS}
        for _ in range(args.repeat):  # interleaved, so a busy moment hits all three alike
            for kind, _ in KINDS:
                counts[kind].append(instructions(kind, args.db, env))
    bare = min(counts["bare"])
    rows: list[dict[str, Any]] = [
        {
            "what": what,
            "kind": kind,
            "instructions": min(counts[kind]),
            "all": counts[kind],
            "ratio": round(min(counts[kind]) / bare, 3),
        }
        for kind, what in KINDS
    ]
    for figure in rows:
        print(f"{figure['what']:<44} {figure['instructions'] / 1e6:9.1f} M instructions  {figure['ratio']:.3f}x bare")
    print(f"written: {save('instructions', info, rows=rows)}")


if __name__ == "__main__":
    main()
