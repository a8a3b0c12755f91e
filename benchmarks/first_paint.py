"""One app start in this (fresh) process, printing the moment its first useful frame was painted.

Run by caseload_bench.py once per measurement, so every start pays for its
imports like a coach's does. `bare`: a Textual app with a header, a line of
text and a footer; its first frame counts. `coach PATH`: the coach app on
that database, started the way the `coach` command starts it (the garbage
collector off from the first line, its checks, the lock, opening the
database; COACH_TODAY fixes the day); the first frame that shows caseload
rows counts. `coach-start PATH`: the coach app started the same way, with the
bare app's three widgets as its first screen instead of the caseload; its
first frame counts (what coach's imports and start cost before the caseload
draws anything). All run headless through `run_test`, at the same size.
Prints time.monotonic() of that frame (a clock shared by all processes on the
machine). With --exit-at-paint the process ends right at that frame
(first_paint_instructions.py counts the instructions up to it).

Nothing is imported before main() on purpose: imports are part of the start.
"""

import sys
import time


def main() -> None:
    exit_at_paint = "--exit-at-paint" in sys.argv
    args = [arg for arg in sys.argv[1:] if arg != "--exit-at-paint"]
    kind = args[0]
    if kind != "bare":
        import gc

        gc.disable()  # as the `coach` command does before anything else (coach/__main__.py)
    import asyncio

    from textual.app import App

    painted: dict[str, float] = {}
    display = App._display

    def display_and_note(app, screen, renderable) -> None:
        display(app, screen, renderable)
        if "at" not in painted and renderable is not None and ready(app):
            painted["at"] = time.monotonic()
            if exit_at_paint:
                import os

                print(painted["at"], flush=True)
                os._exit(0)  # nothing after the frame counts: no closing of the app

    App._display = display_and_note

    if kind == "bare":
        from textual.app import ComposeResult
        from textual.widgets import Footer, Header, Static

        class Bare(App):
            def compose(self) -> ComposeResult:
                yield Header()
                yield Static("hallo")
                yield Footer()

        app = Bare()

        def ready(app: App) -> bool:
            return True

    else:
        from pathlib import Path

        from coach.cli.options import Options
        from coach.cli.tui import tui_session
        from coach.tui.widgets.caseload_table import CaseloadTable

        drawn: set[bool] = set()
        render_line = CaseloadTable.render_line

        def render_and_note(table, y):
            if y > 0 and table.row_count:
                drawn.add(True)
            return render_line(table, y)

        CaseloadTable.render_line = render_and_note
        if kind == "coach-start":
            from textual.app import ComposeResult
            from textual.screen import Screen
            from textual.widgets import Footer, Header, Static

            from coach.tui.app import CoachApp

            class BareScreen(Screen[None]):
                def compose(self) -> ComposeResult:
                    yield Header()
                    yield Static("hallo")
                    yield Footer()

            CoachApp.get_default_screen = lambda app: BareScreen()
            drawn.add(True)
        db_path = Path(args[1])
        session = tui_session(Options(db_path, None), db_path, demo=False)

        def ready(app: App) -> bool:
            return bool(drawn)

    async def run(app: App) -> None:
        async with app.run_test(size=(120, 40)) as pilot:
            while "at" not in painted:
                await pilot.pause(0.001)

    if kind == "bare":
        asyncio.run(run(app))
    else:
        with session as app:
            asyncio.run(run(app))
    print(painted["at"])


if __name__ == "__main__":
    main()
