"""A start paints the caseload without what it does not need yet: sqlite-utils, numpy, the prompts.

Each check starts a fresh Python, as the `coach` command does, so what is
loaded is what a start loads (the benchmark in benchmarks/ gives the times).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from coach.store import open_db
from coach.store.migrations import SCHEMA_VERSION

HEAVY = ("sqlite_utils", "numpy", "pandas", "wordfreq", "rapidfuzz", "phonenumbers", "anyascii")
# Not heavy, but not needed for the caseload's rows either: each cost the first frame some milliseconds.
LATER = ("coach.domain.model", "coach.domain.case_continuity", "click", "coach.store.migrations", "json", "tomllib")

START = """
import asyncio, sys
from pathlib import Path
from coach.cli.tui import tui_session
from coach.cli.options import Options
from coach.tui.widgets.caseload_table import CaseloadTable

HEAVY = {heavy!r}
LATER = {later!r}
seen = {{}}
draw = CaseloadTable.render_line

def noting(table, y):
    if y > 0 and table.row_count and "first_rows" not in seen:
        seen["first_rows"] = sorted(name for name in HEAVY if name in sys.modules)
        seen["first_rows_later"] = sorted(name for name in LATER if name in sys.modules)
        seen["first_rows_widgets"] = sorted({{type(w).__name__ for w in table.screen.walk_children()}})
        seen["content_read"] = "content" in vars(table.app)
        seen["first_rows_dataclasses"] = dataclasses_made()
    return draw(table, y)

def dataclasses_made():
    # Every dataclass of coach loaded so far, nested ones (a widget's messages) included.
    found = set()
    for name, module in list(sys.modules.items()):
        if name.split(".")[0] != "coach" or module is None:
            continue
        for value in list(vars(module).values()):
            if isinstance(value, type):
                for cls in (value, *vars(value).values()):
                    if isinstance(cls, type) and cls.__module__ == name and "__dataclass_fields__" in vars(cls):
                        found.add(name + "." + cls.__qualname__)
    return sorted(found)

CaseloadTable.render_line = noting

async def main(app):
    async with app.run_test(size=(100, 30)) as pilot:
        for _ in range(50):
            await pilot.pause(0.02)
            if "sqlite_utils" in sys.modules:
                break
        seen["settled"] = sorted(name for name in HEAVY if name in sys.modules)
        seen["content_settled"] = "content" in vars(app)
        seen["widgets_settled"] = sorted({{type(w).__name__ for w in app.screen.walk_children()}})
        from coach.tui.stylesheets import screen_stylesheets
        seen["styles_settled"] = all(app.stylesheet.has_source(str(path), "") for path in screen_stylesheets())
        seen["writes"] = app.db.execute("SELECT count(*) FROM youths").fetchone()[0]

db = Path(sys.argv[1])
with tui_session(Options(db, None), db, demo=False) as app:
    asyncio.run(main(app))
import json  # not before: the start itself should not need it
print(json.dumps(seen))
"""


def run_python(code: str, *args: str, tmp_path: Path) -> str:
    """The last line `code` printed in a fresh Python, as a start without settings sees it."""
    return python_run(code, *args, tmp_path=tmp_path).stdout.strip().splitlines()[-1]


def python_run(code: str, *args: str, tmp_path: Path) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        "COACH_TODAY": "2026-03-10",
        "COACH_CONFIG": str(tmp_path / "no-config.toml"),
        "COACH_DATA_DIR": str(tmp_path / "data"),
    }
    env.pop("COACH_PROMPTS", None)
    result = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, env=env, timeout=120)
    assert result.returncode == 0, result.stderr
    return result


def test_the_first_rows_are_painted_before_sqlite_utils_numpy_or_the_prompts_are_loaded(case_db: Path, tmp_path: Path):
    seen = json.loads(run_python(START.format(heavy=HEAVY, later=LATER), str(case_db), tmp_path=tmp_path))
    assert seen["first_rows"] == []
    assert seen["first_rows_later"] == []
    # The rows come first; the footer's keys a frame later, as any Textual footer's do; the search
    # field when the coach first searches.
    assert "CaseloadTable" in seen["first_rows_widgets"]
    assert "FooterKey" not in seen["first_rows_widgets"] and "SearchField" not in seen["first_rows_widgets"]
    assert "FooterKey" in seen["widgets_settled"]
    assert seen["content_read"] is False
    # A frozen dataclass costs a start about half a millisecond to write its methods (twenty cost the
    # first frame some 10 ms): the records the first rows need are NamedTuples, made at once.
    assert seen["first_rows_dataclasses"] == []
    # Right after, sqlite-utils and the prompts are loaded for the screens that follow; numpy never is.
    assert seen["settled"] == ["sqlite_utils"]
    assert seen["content_settled"] is True
    assert seen["styles_settled"] is True  # every screen's styles, so no screen's first open re-parses
    assert seen["writes"] > 0


def test_opening_an_up_to_date_database_needs_no_sqlite_utils(case_db: Path, tmp_path: Path):
    code = (
        "import sys\n"
        "from coach.store.db import open_connection\n"
        "conn = open_connection(sys.argv[1])\n"
        "print(conn.execute('PRAGMA user_version').fetchone()[0], 'sqlite_utils' in sys.modules)\n"
    )
    assert run_python(code, str(case_db), tmp_path=tmp_path) == f"{SCHEMA_VERSION} False"


def test_a_database_not_marked_current_is_migrated_and_marked(case_db: Path):
    db = open_db(case_db)
    db.execute("PRAGMA user_version = 0")  # as a database from before the mark, or from an older coach
    db.close()
    db = open_db(case_db)
    assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert db.execute("SELECT count(*) FROM youths").fetchone()[0] > 0


def test_sqlite_utils_is_loaded_without_numpy_which_still_imports_afterwards(tmp_path: Path):
    code = (
        "import sys\n"
        "from coach.store import open_db\n"
        "db = open_db(memory=True)\n"
        "import sqlite_utils.db\n"
        "without = 'numpy' not in sys.modules and sqlite_utils.db.np is None\n"
        "import numpy\n"
        "print(without, numpy.zeros(2).sum() == 0)\n"
    )
    assert run_python(code, tmp_path=tmp_path) == "True True"


def test_after_the_start_the_collector_runs_seldom_and_leaves_the_start_alone() -> None:
    import gc

    from coach.cli.collector import RUNNING_GC_THRESHOLD, settled_start

    before = gc.get_threshold()
    frozen = gc.get_freeze_count()
    try:
        with settled_start():
            assert not gc.isenabled()  # the start itself is not interrupted by collections
            made = [[n] for n in range(100)]
        assert gc.isenabled() and gc.get_threshold() == RUNNING_GC_THRESHOLD
        assert gc.get_freeze_count() - frozen >= len(made)  # what the start made is set aside
    finally:
        gc.set_threshold(*before)
        gc.enable()


def test_the_command_starts_without_the_collector_and_brings_it_back_for_a_command(case_db: Path, tmp_path: Path):
    import tomllib

    scripts = tomllib.loads((Path(__file__).parents[1] / "pyproject.toml").read_text())["project"]["scripts"]
    assert scripts["coach"] == "coach.__main__:main"
    code = (
        "import atexit, gc, sys\n"
        "seen = {}\n"
        "class Watch:\n"
        "    def find_spec(self, name, path=None, target=None):\n"
        "        if name == 'click':\n"
        "            seen.setdefault('importing', gc.isenabled())\n"
        "sys.meta_path.insert(0, Watch())\n"
        "atexit.register(lambda: print(seen, gc.isenabled(), gc.get_freeze_count() > 0))\n"
        "sys.argv = ['coach', '--db', sys.argv[1], 'caseload', '--json']\n"
        "from coach.__main__ import main\n"
        "main()\n"
    )
    seen = run_python(code, str(case_db), tmp_path=tmp_path)
    # Off while click and coach load; on again, with what the start made set aside, once the command ran.
    assert seen == "{'importing': False} True True"


LOADING = """
import sys, threading
from pathlib import Path

found = []  # (thread, module) for every coach module looked for, on the thread that imports it
fail = sys.argv[2:] == ["fail"]

class Watch:
    def find_spec(self, name, path=None, target=None):
        if name.startswith("coach"):
            found.append((threading.current_thread().name, name))
        if fail and name == "coach.tui.app":
            raise ImportError("kapot")

sys.meta_path.insert(0, Watch())
import coach.cli.tui
from coach.cli.options import Options
from coach.store import db as store_db

seen = {}
open_connection, is_demo = store_db.open_connection, coach.cli.tui.is_demo_connection

def opening(*args, **kwargs):
    seen["loading_while_opening"] = [t.name for t in threading.enumerate() if t.is_alive()]
    seen["open_from"] = len(found)
    return open_connection(*args, **kwargs)

def opened(connection):
    seen["main_imports_while_opening"] = sorted(
        {name for thread, name in found[seen["open_from"]:] if thread == "MainThread"}
    )
    return is_demo(connection)

store_db.open_connection, coach.cli.tui.is_demo_connection = opening, opened
db = Path(sys.argv[1])
try:
    with coach.cli.tui.tui_session(Options(db, None), db, demo=False) as app:
        seen["app_loaded_on"] = sorted({thread for thread, name in found if name == "coach.tui.app"})
except ImportError as error:
    seen["raised"] = str(error)
seen["threads_after"] = [t.name for t in threading.enumerate()]
import json  # not before: the start itself should not need it
print(json.dumps(seen))
"""


def test_the_app_loads_on_another_thread_while_the_database_opens(case_db: Path, tmp_path: Path):
    seen = json.loads(run_python(LOADING, str(case_db), tmp_path=tmp_path))
    assert seen["loading_while_opening"] == ["MainThread", "coach-app-import"]
    assert seen["app_loaded_on"] == ["coach-app-import"]
    # The main thread imports nothing while the other imports: neither can wait for the other.
    assert seen["main_imports_while_opening"] == []
    assert seen["threads_after"] == ["MainThread"]


def test_an_app_that_cannot_load_fails_on_the_main_thread_without_a_second_report(case_db: Path, tmp_path: Path):
    result = python_run(LOADING, str(case_db), "fail", tmp_path=tmp_path)
    seen = json.loads(result.stdout.strip().splitlines()[-1])
    assert seen["raised"] == "kapot" and seen["threads_after"] == ["MainThread"]
    assert "Exception in thread" not in result.stderr and "Traceback" not in result.stderr
