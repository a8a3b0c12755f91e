"""Today's automatic backup, made in a thread when the app has opened its database."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from textual.app import App

from coach.store.backup import auto_backup
from coach.store.db import StoreError, open_db


def start_auto_backup(app: App[Any], db_path: Path, passphrase: str | None, today: date, keep: int) -> None:
    """Make today's backup (if there is none yet) without holding up the screen."""

    def work() -> None:
        try:
            db = open_db(db_path, passphrase=passphrase)
            try:
                auto_backup(db, db_path, today, keep)
            finally:
                db.close()
        except StoreError as error:
            # A damaged database shows up here first: say it, with the way out.
            severity = "error" if error.offer_restore else "warning"
            app.call_from_thread(app.notify, f"Automatische back-up mislukt. {error}", severity=severity, timeout=30)

    app.run_worker(work, thread=True, group="backup", exclusive=True, exit_on_error=False, name="auto-backup")
