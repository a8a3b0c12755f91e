"""Opening the app from the command line, after every check that can stop it with a message there."""

from __future__ import annotations

import importlib
import threading
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import TYPE_CHECKING

from coach.cli.collector import settled_start
from coach.cli.errors import CoachError
from coach.cli.options import Options, today_or_fail

if TYPE_CHECKING:
    from coach.store.db import Connection
    from coach.tui.app import CoachApp


def run_tui(options: Options, db_path: Path, *, demo: bool) -> None:
    """Open the app on db_path and return when the coach closes it."""
    with tui_session(options, db_path, demo=demo) as app:
        app.warm_anonymiser = True  # the first intervision summary then comes within a second
        app.run()


@contextmanager
def tui_session(options: Options, db_path: Path, *, demo: bool) -> Iterator[CoachApp]:
    """The app ready to run on db_path, after every check that can stop it with a message on the command line.

    The database is held for this window only while the session lasts.
    """
    from coach.cli.unlock import tui_open
    from coach.store import StoreError
    from coach.store.instance import InstanceLock

    today_or_fail()  # a wrong COACH_TODAY gets its message here; the app follows the clock itself
    # The organisation's own prompts are checked before the screen opens; ours are
    # checked by the tests, and the app reads them when first needed.
    content = options.own_content()
    config = options.config()  # a broken config.toml gets its message before the screen opens
    try:
        lock = InstanceLock(db_path).acquire()  # a second window on the same database is told so
    except StoreError as error:
        raise CoachError(str(error)) from None
    try:
        with app_loading_meanwhile():
            # A broken file or a wrong COACH_PASSPHRASE gets its message before the screen opens.
            connection, passphrase = tui_open(db_path, demo=demo)
            # A demo file opened as `coach --db demo.db` is still a demo: labelled so, never taken for real.
            # Only a plain file is one (opened without a passphrase); asked of the connection just opened,
            # as opening the file a second time for it cost the start some 20 ms.
            if not demo and connection is not None and passphrase is None:
                demo = is_demo_connection(connection)
        with settled_start():
            from coach.tui.app import make_app

            app = make_app(
                db_path, content=content, demo=demo, passphrase=passphrase, connection=connection, config=config
            )
        yield app
    finally:
        lock.release()


@contextmanager
def app_loading_meanwhile() -> Iterator[None]:
    """Import the app (Textual and coach's screens) on another thread while the block runs.

    The block opens the database, which is mostly SQLite reading the schema
    (two hundred triggers, some 7 ms), done without holding Python's lock: with
    a second core the imports go on meanwhile. What the block imports is
    imported here first (coach.store, the settings), so neither thread waits for
    a module the other is importing. Leaving the block waits for the imports,
    also when it raises (nothing is left loading at exit). A failed import is
    not reported on that thread: `make_app`'s own import meets it again.
    """
    import coach.store.db  # noqa: F401 - what opening the database needs
    import coach.store.settings  # noqa: F401 - read right after it (is_demo_connection)

    loading = threading.Thread(target=_import_quietly, args=("coach.tui.app",), name="coach-app-import")
    loading.start()
    try:
        yield
    finally:
        loading.join()


def _import_quietly(module: str) -> None:
    with suppress(Exception):  # the same import on the main thread raises it where it is handled
        importlib.import_module(module)


def is_demo_connection(connection: Connection) -> bool:
    """True when the database open on `connection` is marked as a demo (False when that cannot be read)."""
    from coach.store import StoreError
    from coach.store.settings import is_demo

    try:
        return is_demo(connection)
    except StoreError:
        return False  # the app says what is wrong with the file when it reads it
