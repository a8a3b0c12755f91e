"""Backups with SQLite's online backup API, encrypted like their source, and restoring one.

A backup is written under a temporary name, checked, and only then given
its real name, so a half-written or damaged copy never counts as a backup
and never pushes a good one out of the rotation.
"""

from __future__ import annotations

import os
import re
import shutil
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from coach.store.db import (
    DamagedDatabase,
    DatabaseError,
    StoreError,
    WrongPassphrase,
    connect,
    explain,
    file_kind,
    passphrase_of,
)
from coach.store.instance import InstanceLock
from coach.store.rows import first_int

if TYPE_CHECKING:
    from sqlite_utils import Database

AUTO_KEEP = 7
_AUTO_NAME = re.compile(r"^(?P<stem>.+)-(?P<day>\d{4}-\d{2}-\d{2})\.db$")


@dataclass(frozen=True)
class BackupInfo:
    """A backup file and the day it was made."""

    path: Path
    day: date


def backup_dir(db_path: Path) -> Path:
    """Where the automatic backups of a database go: a folder 'backups' beside it."""
    return db_path.parent / "backups"


def make_backup(db: Database, target: Path) -> Path:
    """Copy the open database to the file `target` (online: others may keep working).

    The copy has the source's passphrase. Raises StoreError (Dutch) when it
    cannot be written or does not check out; then no file is left behind.
    """
    passphrase = passphrase_of(db)
    temporary = target.with_name(f".{target.name}.deels")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        temporary.unlink(missing_ok=True)
        dest = connect(temporary, passphrase)
        try:
            db.conn.backup(dest)
            if dest.execute("PRAGMA quick_check").fetchone()[0] != "ok":
                raise DamagedDatabase(
                    "De back-up klopt niet: je database lijkt beschadigd. Zet een eerdere back-up terug met "
                    "'coach restore BESTAND'."
                )
            # A backup must stand alone: one file, no write-ahead log beside it.
            dest.execute("PRAGMA journal_mode = DELETE")
        finally:
            dest.close()
        with temporary.open("rb+") as handle:
            os.fsync(handle.fileno())
        os.replace(temporary, target)
    except DatabaseError as error:
        temporary.unlink(missing_ok=True)
        raise explain(error, target) from error
    except OSError as error:
        temporary.unlink(missing_ok=True)
        raise StoreError(
            f"Kan de back-up niet schrijven in {target.parent}: {error.strerror}. Kies een andere map."
        ) from None
    except StoreError:
        temporary.unlink(missing_ok=True)
        raise
    return target


def manual_backup(db: Database, db_path: Path, folder: Path | None = None, *, now: datetime) -> Path:
    """A backup with date and time in its name, in `folder` (default: the backups folder)."""
    folder = folder or backup_dir(db_path)
    return make_backup(db, folder / f"{db_path.stem}-{now:%Y-%m-%d-%H%M%S}.db")


def auto_backups(db_path: Path) -> list[BackupInfo]:
    """The automatic backups of this database, newest first."""
    folder = backup_dir(db_path)
    found = []
    if folder.is_dir():
        for path in folder.iterdir():
            match = _AUTO_NAME.match(path.name)
            if match and match["stem"] == db_path.stem:
                found.append(BackupInfo(path, date.fromisoformat(match["day"])))
    return sorted(found, key=lambda info: info.day, reverse=True)


def auto_backup(db: Database, db_path: Path, today: date, keep: int = AUTO_KEEP) -> Path | None:
    """Make today's automatic backup (unless there is one) and keep only the newest `keep`.

    Returns the new file, or None when today's backup already existed.
    """
    target = backup_dir(db_path) / f"{db_path.stem}-{today.isoformat()}.db"
    # A copy cut off by a closed laptop lid is never a backup: clear it away.
    for leftover in backup_dir(db_path).glob(f".{db_path.stem}-*.deels"):
        leftover.unlink(missing_ok=True)
    made = None
    if not target.exists():
        made = make_backup(db, target)
    for old in auto_backups(db_path)[keep:]:
        old.path.unlink(missing_ok=True)
    return made


def check_backup(path: Path, passphrase: str | None) -> int:
    """Check a backup before it is used: readable, whole, and a coach database.

    Returns how many young people it holds. Raises WrongPassphrase when the
    passphrase does not open it, DamagedDatabase when it is not sound.
    """
    if not path.is_file():
        raise StoreError(f"Het bestand {path} bestaat niet. Kijk welke back-ups er zijn in {backup_dir(path.parent)}.")
    kind = file_kind(path)
    if kind == "foreign":
        raise DamagedDatabase(f"{path} is geen back-up van coach. Er is niets veranderd.")
    if kind == "encrypted" and passphrase is None:
        raise WrongPassphrase("Deze back-up is versleuteld: geef het wachtwoord dat gold toen hij gemaakt werd.")
    conn = connect(path, passphrase if kind == "encrypted" else None)
    try:
        try:
            conn.execute("PRAGMA user_version").fetchone()  # reads only the first page: does the key fit?
        except DatabaseError as error:
            if kind == "encrypted" and getattr(error, "sqlite_errorname", "") == "SQLITE_NOTADB":
                raise WrongPassphrase(
                    "Het wachtwoord opent deze back-up niet. Misschien gold toen nog een ander wachtwoord: probeer dat."
                ) from None
            raise
        result = conn.execute("PRAGMA integrity_check").fetchall()
        if result != [("ok",)]:
            raise DamagedDatabase(
                f"De back-up {path.name} is beschadigd; er is niets veranderd. Kies een andere back-up."
            )
        names = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        if not {"youths", "_sqlite_migrations"} <= names:
            raise DamagedDatabase(f"{path.name} is geen back-up van coach. Er is niets veranderd.")
        return first_int(conn.execute("SELECT count(*) FROM youths").fetchone())
    except DatabaseError as error:
        raise DamagedDatabase(f"De back-up {path.name} is beschadigd ({error}); er is niets veranderd.") from None
    finally:
        conn.close()


def restore_backup(db_path: Path, backup: Path, passphrase: str | None, *, now: datetime) -> Path | None:
    """Put a checked backup in place of the database; returns where the old file was kept.

    The backup is checked first and copied next to the database under a
    temporary name; the current file (with its write-ahead log) is kept
    under a new name, never deleted; then the copy takes its place in one
    rename. Raises DatabaseBusy when coach is open on the database.
    """
    check_backup(backup, passphrase)
    with InstanceLock(db_path):
        temporary = db_path.with_name(f".{db_path.name}.herstel")
        try:
            shutil.copyfile(backup, temporary)
            with temporary.open("rb+") as handle:
                os.fsync(handle.fileno())
            check_backup(temporary, passphrase)
            kept = None
            if db_path.exists():
                kept = db_path.with_name(f"{db_path.stem}-voor-herstel-{now:%Y-%m-%d-%H%M%S}{db_path.suffix}")
                os.replace(db_path, kept)
                wal = Path(f"{db_path}-wal")
                if wal.exists():
                    os.replace(wal, Path(f"{kept}-wal"))
            Path(f"{db_path}-shm").unlink(missing_ok=True)
            os.replace(temporary, db_path)
        except OSError as error:
            temporary.unlink(missing_ok=True)
            raise StoreError(f"Terugzetten lukte niet: {error.strerror}. Je database is niet veranderd.") from None
        except StoreError:
            temporary.unlink(missing_ok=True)
            raise
    return kept
