"""Setting and changing the database passphrase (SQLCipher's rekey and export)."""

from __future__ import annotations

import os
from pathlib import Path

from coach import paths
from coach.store.db import (
    DatabaseError,
    StoreError,
    connect,
    explain,
    file_kind,
    normal_passphrase,
    open_db,
    quote,
)


def change_passphrase(db_path: Path, current: str | None, new: str) -> None:
    """Give the database at db_path the passphrase `new`.

    An encrypted file is re-keyed in place (one transaction: all or nothing);
    a plain file is copied into a new encrypted file that then takes its
    place, and the plain one is removed. The caller holds the instance lock.
    Raises WrongPassphrase when `current` does not open the file.
    """
    kind = file_kind(db_path)
    if kind == "plain":
        _encrypt_plain(db_path, new)
        return
    db = open_db(db_path, passphrase=current)
    try:
        db.execute(f"PRAGMA rekey = {quote(normal_passphrase(new))}")
        # Old-key pages must not linger in the write-ahead log.
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    except DatabaseError + (StoreError,) as error:
        raise explain(error, db_path) from error
    finally:
        db.close()
    open_db(db_path, passphrase=new).close()


def _encrypt_plain(db_path: Path, new: str) -> None:
    temporary = db_path.with_name(db_path.name + ".versleutelen")
    for leftover in (temporary, Path(f"{temporary}-wal"), Path(f"{temporary}-shm")):
        leftover.unlink(missing_ok=True)
    db = open_db(db_path)
    try:
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        with paths.private_umask():  # the encrypted copy is private from its first byte
            db.execute(f"ATTACH DATABASE {quote(str(temporary))} AS encrypted KEY {quote(normal_passphrase(new))}")
            db.execute("SELECT sqlcipher_export('encrypted')")
        db.execute("DETACH DATABASE encrypted")
    except DatabaseError + (StoreError,) as error:
        temporary.unlink(missing_ok=True)
        raise explain(error, db_path) from error
    finally:
        db.close()
    check = connect(temporary, new)
    try:
        if check.execute("PRAGMA quick_check").fetchone()[0] != "ok":
            raise StoreError("Het versleutelen is niet gelukt; je database is onveranderd. Probeer het opnieuw.")
    finally:
        check.close()
    _fsync(temporary)
    paths.make_private(temporary)
    os.replace(temporary, db_path)
    for side in ("-wal", "-shm"):
        Path(f"{db_path}{side}").unlink(missing_ok=True)
    _fsync_dir(db_path.parent)
    open_db(db_path, passphrase=new).close()


def _fsync(path: Path) -> None:
    with path.open("rb+") as handle:
        os.fsync(handle.fileno())


def _fsync_dir(folder: Path) -> None:
    if os.name == "nt":  # pragma: no cover - Windows cannot open a folder for fsync
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
