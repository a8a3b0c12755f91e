"""Shared bits for the safety tests: an encrypted database, its bytes on disk, calling the CLI."""

from __future__ import annotations

import hashlib
from pathlib import Path

from helpers import make_case

from coach.cli import run
from coach.store.cases import insert_cases
from coach.store.db import open_db

PASSPHRASE = "paarse fiets om 8"
# A name that occurs nowhere else, to search the bytes on disk for.
RARE_NAME = "Xylofoonia"


def on_disk(path: Path) -> bytes:
    """Everything SQLite keeps for this database: the file, its write-ahead log and shared memory."""
    return b"".join(p.read_bytes() for p in (path, Path(f"{path}-wal"), Path(f"{path}-shm")) if p.exists())


def fingerprint(path: Path) -> str:
    """A hash of the database and its log, to prove nothing changed."""
    return hashlib.sha256(on_disk(path)).hexdigest()


def make_db(path: Path, passphrase: str | None = PASSPHRASE, names: tuple[str, ...] = (RARE_NAME, "Bas")) -> list[int]:
    """A database at path holding one sample case per name; returns their ids."""
    db = open_db(path, passphrase=passphrase)
    ids = insert_cases(db, [make_case(name, full=True) for name in names])
    db.close()
    return ids


def call(capsys, *args: str) -> tuple[int, str, str]:
    """Run the command line in-process; returns exit code, stdout and stderr."""
    code = run(list(args))
    out, err = capsys.readouterr()
    return code, out, err
