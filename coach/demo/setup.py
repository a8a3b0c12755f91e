"""Making sure a demo database exists, without ever overwriting real data."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from coach.store import open_db
from coach.store.cases import has_cases
from coach.store.settings import get_setting, set_setting

DEMO_KEY = "demo"


class DemoRefused(Exception):
    """The chosen file holds real (non-demo) data; the message says what to do."""


def ensure_demo(db_path: Path, *, youths: int, seed: int, today: date, fresh: bool = False) -> bool:
    """Build the demo caseload in db_path unless the same demo is already there.

    Returns True when it (re)built the data. A file that holds cases but is
    not marked as a demo is never touched.
    """
    from coach.demo.generator import build_demo

    marker = f"seed={seed};youths={youths}"
    if db_path.exists():
        db = open_db(db_path)
        try:
            current = get_setting(db, DEMO_KEY)
            holds_cases = has_cases(db)
        finally:
            db.close()
        if current is None and holds_cases:
            raise DemoRefused(
                f"{db_path} bevat echte dossiers, geen demo. De demo schrijft daar niet in: "
                "kies een ander bestand met --db, of laat --db weg."
            )
        if current == marker and not fresh:
            return False
        for suffix in ("", "-wal", "-shm"):
            Path(f"{db_path}{suffix}").unlink(missing_ok=True)
    db = open_db(db_path)
    try:
        build_demo(db, youths=youths, seed=seed, today=today)
        set_setting(db, DEMO_KEY, marker)
    finally:
        db.close()
    return True
