"""Run the speed and growth benchmarks and print their tables (Markdown), from the JSON they wrote.

    python benchmarks/run_all.py                 # run both, then print
    python benchmarks/run_all.py --print         # only print, from the newest results
    python benchmarks/run_all.py --print results/speed-….json results/growth-….json
    python benchmarks/run_all.py --db /tmp/bench.db --growth-folder /tmp/coach-growth

The figures: minimum and median of the repeats (a shared machine is noisy; targets are judged on
the minimum), each ratio against a baseline measured in the same run. Compare a change by
printing its run beside the previous one.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

HERE = Path(__file__).parent
sys.path.insert(0, str(HERE))

from results import RESULTS  # noqa: E402


def newest(bench: str) -> Path | None:
    found = sorted(RESULTS.glob(f"{bench}-*.json"))
    return found[-1] if found else None


def _ms(figure: dict[str, Any]) -> str:
    minimum, median = figure["min_ms"], figure["median_ms"]
    if minimum >= 1000:
        return f"{minimum / 1000:.2f} s (median {median / 1000:.2f} s)"
    return f"{minimum:.1f} ms (median {median:.1f} ms)"


def _about(data: dict[str, Any]) -> str:
    run, machine = data["run"], data["run"]["machine"]
    return (
        f"commit {run['commit'][:10]}{' (with changes)' if run['dirty'] else ''}, {run['started']}, "
        f"{machine['cpus']} cpus, Python {machine['python']}, SQLite {machine['sqlite']}, "
        f"load {machine.get('load_at_start')} → {machine.get('load_at_end')}"
    )


def _heading(title: str, *columns: str) -> list[str]:
    """A table's title line, a blank line, and its Markdown header."""
    return [title, "", "| " + " | ".join(columns) + " |", "|" + " --- |" * len(columns)]


def speed_table(data: dict[str, Any]) -> str:
    lines = _heading(
        f"Speed ({_about(data)})",
        *("what", "now: min (median)", "against", "ratio: min (median)", "target", "met", "command"),
    )
    for row in data["rows"]:
        against = f"{row['baseline']} {_ms(row['base'])}" if "base" in row else "—"
        ratio = f"{row['ratio_min']:.2f}× ({row['ratio_median']:.2f}×)" if "base" in row else "—"
        note = f" — {row['note']}" if row.get("note") else ""
        lines.append(
            f"| {row['what']}{note} | {_ms(row['now'])} | {against} | {ratio} | {row['target']} | "
            f"{'—' if row['met'] is None else 'yes' if row['met'] else 'NO'} | `{row['command']}` |"
        )
    return "\n".join(lines)


def growth_table(data: dict[str, Any]) -> str:
    sizes = data["sizes"]
    names = list(sizes)
    lines = _heading(
        f"Growth ({_about(data)}); times are the minimum of the repeats",
        "",
        *(f"{int(size):,} youths" for size in names),
    )
    for key, label in (
        ("open", "open cases"),
        ("closed", "closed cases"),
        ("contacts", "contacts"),
        ("size_mb", "database (MB)"),
        ("caseload", "caseload"),
        ("search", "search 'thuis'"),
        ("deze_week", "deze week"),
        ("youth_screen", "youth screen (read)"),
        ("export", "export of one case"),
    ):
        cells = []
        for size in names:
            value = sizes[size][key]
            cells.append(f"{value['min_ms']:.1f} ms" if isinstance(value, dict) else f"{value:,}")
        lines.append(f"| {label} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def compare_table(data: dict[str, Any]) -> str:
    lines = _heading(
        f"Before and after ({_about(data)}); old: {data['trees']['old']}, new: {data['trees']['new']}",
        *("what", "min (median)"),
    )
    lines += [f"| {label} | {_ms(figure)} |" for label, figure in data["figures"].items()]
    return "\n".join(lines)


def instructions_table(data: dict[str, Any]) -> str:
    lines = _heading(
        f"First paint in instructions ({_about(data)}); callgrind, up to the first useful frame",
        *("what", "instructions", "against the bare Textual app"),
    )
    lines += [f"| {row['what']} | {row['instructions'] / 1e6:,.1f} M | {row['ratio']:.3f}× |" for row in data["rows"]]
    return "\n".join(lines)


# "build": speed_bench.py --build-only, the demo build alone, in the speed table's form.
TABLES = {
    "speed": speed_table,
    "build": speed_table,
    "instructions": instructions_table,
    "growth": growth_table,
    "compare": compare_table,
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--print", dest="print_only", action="store_true", help="do not run, only print")
    parser.add_argument("--db", help="the 5,000-youth demo database for speed_bench.py")
    parser.add_argument("--growth-folder", help="the folder of growth_bench.py's databases")
    parser.add_argument("files", nargs="*", type=Path, help="result files to print (default: the newest)")
    args = parser.parse_args()
    if not args.print_only:
        speed = [sys.executable, str(HERE / "speed_bench.py")] + (["--db", args.db] if args.db else [])
        growth = [sys.executable, str(HERE / "growth_bench.py")] + (
            ["--folder", args.growth_folder] if args.growth_folder else []
        )
        for command in (speed, growth):
            subprocess.run(command, check=True)
    files = args.files or [path for path in map(newest, TABLES) if path is not None]
    for path in files:
        data = json.loads(path.read_text())
        print(TABLES[data["bench"]](data))
        print(f"\n(from {path})\n")


if __name__ == "__main__":
    main()
