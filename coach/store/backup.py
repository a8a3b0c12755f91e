"""Backups with SQLite's online backup API, encrypted like their source, and restoring one.

A backup is written under a temporary name, checked, and only then given
its real name, so a half-written or damaged copy never counts as a backup
and never pushes a good one out of the rotation.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
import shutil
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from coach import paths
from coach.store.db import (
    DamagedDatabase,
    DatabaseError,
    StoreError,
    WrongPassphrase,
    connect,
    explain,
    file_kind,
    normal_passphrase,
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
        paths.check_target(target)
        paths.private_folder(target.parent)
        temporary.unlink(missing_ok=True)
        with paths.private_umask():  # a backup holds everything: 0600 from its first byte
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
        paths.make_private(temporary)
        # The checksum goes first: a backup that has its name always has its checksum beside it.
        paths.write_private(checksum_path(target), f"{file_digest(temporary)}  {target.name}\n")
        os.replace(temporary, target)
        paths.fsync_folder(target.parent)
    except paths.NotAFileError:
        raise StoreError(
            f"{target} is geen gewoon bestand (maar een map of apparaat); daar schrijven we niet in."
        ) from None
    except DatabaseError as error:
        _discard(temporary)
        raise explain(error, target) from error
    except OSError as error:
        _discard(temporary)
        raise StoreError(
            f"Kan de back-up niet schrijven in {target.parent}: {paths.reason(error)}. Kies een andere map."
        ) from None
    except StoreError:
        _discard(temporary)
        raise
    return target


def _discard(path: Path) -> None:
    # Cleaning up after a failure must not fail itself (the folder may be what was wrong).
    with contextlib.suppress(OSError):
        path.unlink(missing_ok=True)


def checksum_path(backup: Path) -> Path:
    """The file beside a backup that holds its SHA-256 checksum (backup.db.sha256)."""
    return backup.with_name(backup.name + ".sha256")


def file_digest(path: Path) -> str:
    """The SHA-256 of the whole file, as hex."""
    found = hashlib.sha256()
    with path.open("rb") as stream:
        for block in iter(lambda: stream.read(1 << 20), b""):
            found.update(block)
    return found.hexdigest()


def recorded_digest(backup: Path) -> str | None:
    """The checksum written beside the backup when it was made (None for backups from before checksums)."""
    try:
        text = checksum_path(backup).read_text(encoding="ascii", errors="replace")
    except OSError:
        return None
    word = text.split()[0] if text.split() else ""
    return word.lower() if re.fullmatch(r"[0-9a-fA-F]{64}", word) else ""


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
        checksum_path(old.path).unlink(missing_ok=True)
    return made


def check_backup(path: Path, passphrase: str | None, *, expected: str | None = None) -> int:
    """Check a backup before it is used: unchanged since it was made, readable, whole, and a coach database.

    `expected` is its SHA-256 (by default the one written beside it; backups
    from before checksums have none). Returns how many young people it holds.
    Raises DamagedDatabase when it is not sound, WrongPassphrase when the
    passphrase does not open it.
    """
    if not path.is_file():
        raise StoreError(f"Het bestand {path} bestaat niet. Kijk welke back-ups er zijn in {backup_dir(path.parent)}.")
    kind = file_kind(path)
    if kind == "foreign":
        raise DamagedDatabase(f"{path} is geen back-up van coach. Er is niets veranderd.")
    if expected is None:
        expected = recorded_digest(path)
    if expected is not None and file_digest(path) != expected:
        # Checked before the passphrase: a damaged file must not be taken for a wrong passphrase.
        raise DamagedDatabase(
            f"De back-up {path.name} is beschadigd: hij is veranderd sinds hij gemaakt werd (het controlegetal "
            "klopt niet). Er is niets veranderd. Kies een andere back-up."
        )
    if kind == "encrypted" and passphrase is None:
        raise WrongPassphrase("Deze back-up is versleuteld: geef het wachtwoord dat gold toen hij gemaakt werd.")
    conn = _open_backup(path, passphrase if kind == "encrypted" else None)
    if conn is None:
        if expected is None:  # an older backup without a checksum: it may be either
            raise WrongPassphrase(
                f"Het wachtwoord opent de back-up {path.name} niet, of hij is beschadigd. Misschien gold "
                "toen nog een ander wachtwoord: probeer dat, of kies een andere back-up."
            )
        raise WrongPassphrase(
            "Het wachtwoord opent deze back-up niet (de back-up zelf is onbeschadigd). Misschien gold toen nog een "
            "ander wachtwoord: probeer dat."
        )
    try:
        result = conn.execute("PRAGMA integrity_check").fetchall()
        if result != [("ok",)]:
            raise DamagedDatabase(
                f"De back-up {path.name} is beschadigd; er is niets veranderd. Kies een andere back-up."
            )
        names = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        if not {"youths", "_sqlite_migrations"} <= names:
            raise DamagedDatabase(f"{path.name} is geen back-up van coach. Er is niets veranderd.")
        return first_int(conn.execute("SELECT count(*) FROM youths").fetchone())
    except DatabaseError:
        raise DamagedDatabase(f"De back-up {path.name} is beschadigd; er is niets veranderd.") from None
    finally:
        conn.close()


def _open_backup(path: Path, passphrase: str | None) -> Any:
    """A connection to the backup whose key fits (None when the passphrase does not open it).

    A backup made before passphrases were normalised (NFC) has the key as it was
    typed: that is tried second.
    """
    tries = [True] if passphrase is None or normal_passphrase(passphrase) == passphrase else [True, False]
    for normalise in tries:
        conn = connect(path, passphrase, normalise=normalise)
        try:
            conn.execute("PRAGMA user_version").fetchone()  # reads only the first page: does the key fit?
        except DatabaseError as error:
            conn.close()
            if passphrase is not None and getattr(error, "sqlite_errorname", "") == "SQLITE_NOTADB":
                continue
            raise DamagedDatabase(f"De back-up {path.name} is beschadigd; er is niets veranderd.") from None
        return conn
    return None


KEEP_BEFORE_RESTORE = 3


def restore_copies(db_path: Path) -> list[Path]:
    """The copies of this database kept by earlier restores (…-voor-herstel-…), newest first."""
    if not db_path.parent.is_dir():
        return []
    pattern = re.compile(rf"^{re.escape(db_path.stem)}-voor-herstel-[0-9-]+{re.escape(db_path.suffix)}$")
    found = [path for path in db_path.parent.iterdir() if pattern.match(path.name)]
    return sorted(found, key=lambda path: path.name, reverse=True)


def restore_backup(
    db_path: Path, backup: Path, passphrase: str | None, *, now: datetime, encrypt_with: str | None = None
) -> Path | None:
    """Put a checked backup in place of the database; returns where the old file was kept.

    The backup is checked first and copied next to the database under a
    temporary name; the current file (with its write-ahead log) is kept
    under a new name (the newest KEEP_BEFORE_RESTORE such copies are kept);
    then the copy takes its place in one rename. An encrypted database never
    becomes plain: a plain backup over an encrypted database is refused, unless
    `encrypt_with` (the database's passphrase) is given, and then the copy is
    encrypted with it before it takes the database's place. Raises
    DatabaseBusy when coach is open on the database.
    """
    from coach.store.crypto import change_passphrase

    check_backup(backup, passphrase)
    backup_kind = file_kind(backup)
    if backup_kind == "plain" and file_kind(db_path) == "encrypted" and encrypt_with is None:
        raise StoreError(
            f"De back-up {backup.name} is niet versleuteld, je database wel. Terugzetten zou je gegevens "
            "onversleuteld op schijf zetten; er is niets veranderd. Geef het wachtwoord van je database "
            "(COACH_PASSPHRASE, of start dit in een terminal), dan wordt de back-up eerst daarmee versleuteld."
        )
    with InstanceLock(db_path):
        temporary = db_path.with_name(f".{db_path.name}.herstel")
        try:
            for side in ("", "-wal", "-shm"):
                Path(f"{temporary}{side}").unlink(missing_ok=True)
            with paths.private_umask():
                shutil.copyfile(backup, temporary)
            paths.make_private(temporary)
            with temporary.open("rb+") as handle:
                os.fsync(handle.fileno())
            check_backup(temporary, passphrase, expected=file_digest(backup))
            if backup_kind == "plain" and encrypt_with is not None:
                change_passphrase(temporary, None, encrypt_with)
                check_backup(temporary, encrypt_with, expected=file_digest(temporary))
            kept = None
            if db_path.exists():
                kept = db_path.with_name(f"{db_path.stem}-voor-herstel-{now:%Y-%m-%d-%H%M%S}{db_path.suffix}")
                os.replace(db_path, kept)
                wal = Path(f"{db_path}-wal")
                if wal.exists():
                    os.replace(wal, Path(f"{kept}-wal"))
            Path(f"{db_path}-shm").unlink(missing_ok=True)
            os.replace(temporary, db_path)
            paths.fsync_folder(db_path.parent)
        except OSError as error:
            for side in ("", "-wal", "-shm"):
                Path(f"{temporary}{side}").unlink(missing_ok=True)
            raise StoreError(f"Terugzetten lukte niet: {paths.reason(error)}. Je database is niet veranderd.") from None
        except StoreError:
            for side in ("", "-wal", "-shm"):
                Path(f"{temporary}{side}").unlink(missing_ok=True)
            raise
    # Each kept copy is a whole database (an erased young person included): rotate them like backups.
    for old in restore_copies(db_path)[KEEP_BEFORE_RESTORE:]:
        for side in ("", "-wal", "-shm"):
            Path(f"{old}{side}").unlink(missing_ok=True)
    return kept
