"""The handbook's speed: search across all guides, and opening a guide at a section, against baselines.

Reports, in one run:
  1. coach.content.guides.search (cold: first call; warm: parsed guides cached) vs a plain
     case-insensitive line scan of the same files (ratio);
  2. F1 on the caseload to the handbook shown at its section, vs a bare Textual
     app showing the same guide in a MarkdownViewer (ratio);
  3. jumping to another guide at a section (the largest, intake.md, at an accented
     domain anchor) and to a section in the guide already shown.

Usage: python benchmarks/guides_bench.py [--repeat 5]
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import time
from collections.abc import Callable
from datetime import date

from textual.app import App, ComposeResult
from textual.widgets import MarkdownViewer

from coach.content.guides import clear_caches, search
from coach.paths import guides_dir
from coach.store import open_db
from coach.tui.app import CoachApp
from coach.tui.screens.guides import GuidesScreen

QUERIES = ["financien", "deurwaarder", "warm verhaal", "e"]
SIZE = (120, 40)


def plain_scan(query: str) -> int:
    """The fastest honest baseline: read every guide and test each line for every word."""
    terms = query.lower().split()
    count = 0
    for path in sorted(guides_dir().glob("*.md")):
        for line in path.read_text(encoding="utf-8").splitlines():
            lowered = line.lower()
            if all(term in lowered for term in terms):
                count += 1
    return count


def bench_search(repeat: int) -> None:
    """Search latency per query, cold and warm, against the plain scan."""
    clear_caches()
    start = time.perf_counter()
    search(guides_dir(), QUERIES[0])
    cold = (time.perf_counter() - start) * 1000
    print(f"search, cold (parses all guides): {cold:7.1f} ms")
    for query in QUERIES:
        ours = statistics.median(_timed(lambda q=query: search(guides_dir(), q, limit=51)) for _ in range(repeat))
        base = statistics.median(_timed(lambda q=query: plain_scan(q)) for _ in range(repeat))
        print(f"search {query!r:15} warm {ours:6.2f} ms   plain scan {base:6.2f} ms   ratio {ours / base:5.1f}x")


def _timed(fn: Callable[[], object]) -> float:
    start = time.perf_counter()
    fn()
    return (time.perf_counter() - start) * 1000


async def _until(pilot, condition: Callable[[], bool]) -> None:
    while not condition():
        await pilot.pause(0.005)


async def _help_from_caseload() -> tuple[float, float, float]:
    """F1 → handbook shown; then another guide at a section; then a section in the same guide."""
    app = CoachApp(open_db(memory=True), date(2026, 3, 14), None)  # no young people needed; no prompts either
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        start = time.perf_counter()
        await pilot.press("f1")
        await _until(pilot, lambda: isinstance(app.screen, GuidesScreen) and app.screen.viewer.slug == "de-caseload")
        await pilot.pause()
        opened = (time.perf_counter() - start) * 1000
        viewer = app.screen.viewer
        start = time.perf_counter()
        await viewer.open("intake.md", "financiën")
        await pilot.pause()
        other = (time.perf_counter() - start) * 1000
        start = time.perf_counter()
        await viewer.open("intake.md", "justitie")
        await pilot.pause()
        same = (time.perf_counter() - start) * 1000
    return opened, other, same


async def _bare_viewer() -> float:
    """A bare Textual app loading app.md into a MarkdownViewer, to its first pause."""
    text = (guides_dir() / "app.md").read_text(encoding="utf-8")

    class Bare(App):
        def compose(self) -> ComposeResult:
            yield MarkdownViewer(text)

    app = Bare()
    async with app.run_test(size=SIZE) as pilot:
        start = time.perf_counter()
        await app.query_one(MarkdownViewer).document.update(text)
        await pilot.pause()
        return (time.perf_counter() - start) * 1000


def bench_screens(repeat: int) -> None:
    """Opening the handbook and jumping, against a bare viewer."""
    runs = [asyncio.run(_help_from_caseload()) for _ in range(repeat)]
    bare = statistics.median(asyncio.run(_bare_viewer()) for _ in range(repeat))
    opened, other, same = (statistics.median(column) for column in zip(*runs, strict=False))
    print(
        f"F1 on the caseload → app.md#de-caseload shown: {opened:7.1f} ms"
        f"   bare MarkdownViewer(app.md): {bare:7.1f} ms   ratio {opened / bare:4.1f}x"
    )
    print(f"jump to intake.md#financiën (another guide):    {other:7.1f} ms")
    print(f"jump to intake.md#justitie (same guide):        {same:7.1f} ms")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    bench_search(args.repeat)
    bench_screens(args.repeat)


if __name__ == "__main__":
    main()
