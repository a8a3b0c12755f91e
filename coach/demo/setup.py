"""Making sure a demo database exists, without ever overwriting real data.

A demo lives only in its own file, marked as a demo inside the database. It is
built aside under a temporary name and moved into place only when complete, so
an interrupted build leaves nothing in the way; and a file that holds anything
but a complete demo (real cases, an encrypted database, another file) is never
rebuilt.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from datetime import date
from pathlib import Path

from coach import paths
from coach.store import StoreError, open_db
from coach.store.cases import has_cases, youth_count
from coach.store.db import file_kind, filled_in_one_go
from coach.store.settings import DEMO_KEY, get_setting, set_setting


class DemoRefused(Exception):
    """The chosen file holds real (non-demo) data; the message says what to do."""


def _marker(seed: int, youths: int) -> str:
    return f"seed={seed};youths={youths}"


def _marked_youths(marker: str) -> int | None:
    for part in marker.split(";"):
        key, _, value = part.partition("=")
        if key == "youths" and value.isdecimal():
            return int(value)
    return None


def building_path(db_path: Path) -> Path:
    """Where a demo is built before it takes db_path's place."""
    return db_path.with_name(f".{db_path.name}.demo-in-aanbouw")


def _remove(path: Path) -> None:
    for side in ("", "-wal", "-shm"):
        Path(f"{path}{side}").unlink(missing_ok=True)


def _check_demo(db_path: Path) -> tuple[str | None, int]:
    """The demo marker of the file at db_path (None: no demo, but empty) and how many cases it holds
    beyond what the demo made; DemoRefused when it is not a demo at all.
    """
    kind = file_kind(db_path)
    if kind == "encrypted":
        raise DemoRefused(
            f"{db_path} is een versleutelde database, dus geen demo: de demo schrijft daar niet in. "
            "Kies een ander bestand met --db, of laat --db weg."
        )
    if kind == "foreign":
        raise DemoRefused(
            f"{db_path} is geen coach-database. De demo schrijft daar niet in: kies een ander bestand met --db."
        )
    try:
        db = open_db(db_path)
    except StoreError as error:
        raise DemoRefused(f"{error} De demo schrijft daar niet in: kies een ander bestand met --db.") from None
    try:
        current = get_setting(db, DEMO_KEY)
        holds_cases = has_cases(db)
        count = youth_count(db)
    finally:
        db.close()
    if current is None and holds_cases:
        raise DemoRefused(
            f"{db_path} bevat echte dossiers, geen demo. De demo schrijft daar niet in: "
            "kies een ander bestand met --db, of laat --db weg."
        )
    made = _marked_youths(current) if current else None
    return current, max(0, count - made) if made is not None else 0


def _refuse_to_replace(db_path: Path, extra: int) -> None:
    """DemoRefused when rebuilding the demo would throw away the cases someone added to it."""
    if extra:
        # Tried out in the app ("n: nieuw"), or typed in for real: either way not ours to throw away.
        cases = "1 dossier" if extra == 1 else f"{extra} dossiers"
        raise DemoRefused(
            f"{db_path} is een demo, maar er staan {cases} meer in dan de demo maakte. Een nieuwe demo zou "
            "die weggooien: bewaar ze met coach --db … export ID en wis ze daarna met coach --db … erase ID, "
            "of kies een ander bestand met --db."
        )


def ensure_demo(
    db_path: Path,
    *,
    youths: int,
    seed: int,
    today: date,
    fresh: bool = False,
    progress: Callable[[int, int], None] | None = None,
) -> bool:
    """Build the demo caseload in db_path unless the same demo is already there.

    Returns True when it (re)built the data. A file that holds cases but is
    not marked as a demo is never touched. `progress(done, youths)` hears how
    far a build is, after every batch.
    """
    from coach.demo.generator import build_demo

    marker = _marker(seed, youths)
    if db_path.exists():
        current, extra = _check_demo(db_path)
        if current == marker and not fresh:
            return False  # the same demo, opened as it is: with whatever was added to it in the app
        _refuse_to_replace(db_path, extra)
    building = building_path(db_path)
    _remove(building)  # what an interrupted build left: never a demo, never in the way
    try:
        db = open_db(building, bulk=True)  # a new plain file filled in one go: see open_db
        try:
            # Nobody reads a demo being built and a failed build is thrown away: no journal,
            # and no waiting for the disk until it is complete.
            with filled_in_one_go(db):
                build_demo(db, youths=youths, seed=seed, today=today, progress=progress)
                set_setting(db, DEMO_KEY, marker)  # last: only a complete demo carries the mark
        finally:
            db.close()
        with building.open("rb+") as handle:
            os.fsync(handle.fileno())
        for side in ("-wal", "-shm"):
            Path(f"{db_path}{side}").unlink(missing_ok=True)  # they belong to the file being replaced
        os.replace(building, db_path)
        paths.make_private(db_path)
        paths.fsync_folder(db_path.parent)
    except BaseException:
        _remove(building)
        raise
    finally:
        for side in ("-wal", "-shm"):
            Path(f"{building}{side}").unlink(missing_ok=True)
    return True
