"""Opening the database: the one place a connection is made, plain or encrypted with SQLCipher.

Every connection goes through `connect()`: `open_db()` for the store, and the
backup, restore and passphrase code for their second file. With sqlcipher3
installed every connection uses it (without a key it is plain SQLite), so
tests run on the same driver coaches do. Its exception classes are not the
standard library's: catch `DatabaseError`, `IntegrityError` or
`OperationalError` from this module (tuples that hold both).
"""

from __future__ import annotations

import os
import sqlite3
import weakref
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, Protocol

from coach.store.migrations import SCHEMA_VERSION, coach_migrations
from coach.store.sqlite_import import import_sqlite_utils

try:
    import sqlcipher3 as _cipher
except ImportError:  # pragma: no cover - a machine without the wheel can still open plain files
    _cipher = None

DatabaseError: tuple[type[Exception], ...] = (sqlite3.DatabaseError,) + ((_cipher.DatabaseError,) if _cipher else ())
IntegrityError: tuple[type[Exception], ...] = (sqlite3.IntegrityError,) + ((_cipher.IntegrityError,) if _cipher else ())
OperationalError: tuple[type[Exception], ...] = (sqlite3.OperationalError,) + (
    (_cipher.OperationalError,) if _cipher else ()
)

if TYPE_CHECKING:
    from sqlite_utils import Database


class Connection(Protocol):
    """An open database as `open_connection` gives it: sqlite3's or sqlcipher3's DB-API connection.

    sqlite-utils' Database has the same `execute`, so a function that only
    reads takes either.
    """

    total_changes: int

    def execute(self, sql: str, parameters: Any = ..., /) -> Any: ...

    def close(self) -> None: ...


SQLITE_HEADER = b"SQLite format 3\x00"
FileKind = Literal["new", "plain", "encrypted", "foreign"]

# The passphrase each open database was unlocked with, so backups can be
# encrypted like their source without asking again.
_passphrases: weakref.WeakKeyDictionary[Database, str | None] = weakref.WeakKeyDictionary()


class StoreError(Exception):
    """The database cannot be used; the message is Dutch and says what to do."""

    #: True when restoring a backup is the way out (a damaged or foreign file).
    offer_restore = False


class PassphraseNeeded(StoreError):
    """The file is encrypted and no passphrase was given."""


class WrongPassphrase(StoreError):
    """The passphrase does not open the file; nothing was changed."""


class DamagedDatabase(StoreError):
    """The file is a damaged database (or not a database at all)."""

    offer_restore = True


class DatabaseBusy(StoreError):
    """Another program (or another coach window) holds the database."""


class ReadOnlyDatabase(StoreError):
    """The file or its folder cannot be written to."""


class DiskFull(StoreError):
    """The disk is full; the last change was not saved."""


def encryption_available() -> bool:
    """True when the SQLCipher driver is installed."""
    return _cipher is not None


def file_kind(path: Path | str) -> FileKind:
    """What is on disk at path: nothing yet, plain SQLite, encrypted, or something else.

    An encrypted SQLCipher file has no readable header, only whole pages of
    random-looking bytes; any other file (a photo, a text) is 'foreign'.
    """
    path = Path(path)
    if not path.exists() or path.stat().st_size == 0:
        return "new"
    if path.is_dir():
        return "foreign"
    size = path.stat().st_size
    with path.open("rb") as handle:
        head = handle.read(len(SQLITE_HEADER))
    if head == SQLITE_HEADER:
        return "plain"
    if size >= 1024 and size % 512 == 0 and _looks_random(path):
        return "encrypted"
    return "foreign"


def _looks_random(path: Path) -> bool:
    # Encrypted pages look like noise: 1 KiB of it holds nearly every byte
    # value (about 250 of 256), where text or a file of one repeated byte
    # holds few. Pictures and archives are noisy too, but have a known start.
    with path.open("rb") as handle:
        head = handle.read(1024)
    known = (b"\x89PNG", b"%PDF", b"PK\x03\x04", b"\xff\xd8\xff", b"GIF8", b"\x1f\x8b", b"7z\xbc\xaf")
    return len(set(head)) >= 200 and not head.startswith(known)


def quote(passphrase: str) -> str:
    """The passphrase as an SQL string literal (PRAGMA key takes no parameters)."""
    return "'" + passphrase.replace("'", "''") + "'"


def connect(target: Path | str, passphrase: str | None = None) -> Any:
    """A raw DB-API connection to target (a path or ':memory:'), keyed when a passphrase is given.

    Nothing is read or written yet; the first statement tells whether the key fits.
    """
    if passphrase is not None and _cipher is None:
        raise StoreError(
            "Versleuteling is niet beschikbaar: het pakket sqlcipher3-binary ontbreekt. "
            "Installeer coach opnieuw (pip install coach) en probeer het nog eens."
        )
    if passphrase is not None and ("\x00" in passphrase or passphrase == ""):
        raise WrongPassphrase("Een wachtwoord mag niet leeg zijn.")
    driver = _cipher or sqlite3
    conn = driver.connect(str(target))
    if _cipher is not None:
        # SQLCipher logs a wrong key on stderr; the coach gets our own message instead.
        conn.execute("PRAGMA cipher_log_level = NONE")
    if passphrase is not None:
        conn.execute(f"PRAGMA key = {quote(passphrase)}")
    return conn


def open_db(path: Path | str | None = None, *, memory: bool = False, passphrase: str | None = None) -> Database:
    """Open (creating if needed) the coach database and bring its schema up to date.

    Without a passphrase a new file is plain SQLite (tests, the demo); with
    one, a new file is encrypted and an existing encrypted file is unlocked.
    A plain file stays plain whatever is given. Nothing is written before the
    key has proven right, so a wrong passphrase changes nothing. Raises a
    StoreError subclass with a Dutch message.
    """
    if memory or path is None:
        return as_database(open_connection(memory=True), None)
    path = Path(path)
    key = passphrase if _kind_or_fail(path) in ("encrypted", "new") else None  # a plain file stays plain
    return as_database(open_connection(path, passphrase=passphrase), key)


def open_connection(
    path: Path | str | None = None, *, memory: bool = False, passphrase: str | None = None
) -> Connection:
    """What open_db does, giving the plain DB-API connection (enough for reading: the caseload needs no more).

    Opening a database whose schema is current does not load sqlite-utils,
    which keeps it out of the app's start (see `as_database`).
    """
    if memory or path is None:
        conn = connect(":memory:")
        _prepare(conn, file=False)
        return conn
    path = Path(path)
    kind = _kind_or_fail(path)
    if kind == "foreign":
        raise DamagedDatabase(
            f"{path} is geen (gave) coach-database: het is een ander soort bestand. "
            "Kies een ander bestand met --db, of zet een back-up terug."
        )
    if kind == "encrypted" and passphrase is None:
        raise PassphraseNeeded(f"De database {path} is versleuteld: geef je wachtwoord (of zet COACH_PASSPHRASE).")
    key = passphrase if kind in ("encrypted", "new") else None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise ReadOnlyDatabase(
            f"Kan de map {path.parent} niet maken: {error.strerror}. Kies een andere plek met --db."
        ) from None
    if kind != "new":
        _check_writable(path)
    conn = None
    try:
        conn = connect(path, key)
        _check_key(conn, path, kind)
        _prepare(conn, file=True)
    except DatabaseError as error:
        if conn is not None:
            conn.close()
        raise explain(error, path) from error
    except OSError as error:
        raise StoreError(
            f"Kan de database niet openen op {path}: {error.strerror}. Kies een andere plek met --db."
        ) from error
    except StoreError:
        if conn is not None:
            conn.close()
        raise
    return conn


def as_database(conn: Connection, passphrase: str | None) -> Database:
    """conn as sqlite-utils' Database, remembering the passphrase it was opened with (backups are encrypted alike).

    sqlite-utils is loaded here, on first use (it costs a start about 35 ms),
    and without plugins: other software on the laptop gets no hook into the
    coach's connection.
    """
    db = _wrap(conn)
    _passphrases[db] = passphrase
    return db


def _wrap(conn: Any) -> Database:
    import_sqlite_utils()
    from sqlite_utils import Database

    return Database(conn, execute_plugins=False)


def _check_writable(path: Path) -> None:
    # SQLite quietly opens a file it may not write read-only and fails only
    # at the first save; the coach hears it now, before typing anything.
    try:
        os.close(os.open(path, os.O_RDWR))
    except OSError:
        raise ReadOnlyDatabase(
            f"De database {path} is alleen-lezen. coach moet erin kunnen schrijven om niets kwijt te raken: "
            "controleer de rechten van het bestand, of kies een andere plek met --db."
        ) from None


def _kind_or_fail(path: Path) -> FileKind:
    try:
        return file_kind(path)
    except PermissionError:
        raise ReadOnlyDatabase(
            f"Geen toegang tot {path}. Controleer de rechten van het bestand of kies een andere plek met --db."
        ) from None


def _check_key(conn: Any, path: Path, kind: FileKind) -> None:
    """Read the schema once: with a wrong key this fails before anything is written."""
    try:
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except DatabaseError as error:
        if kind == "encrypted" and getattr(error, "sqlite_errorname", "") == "SQLITE_NOTADB":
            raise WrongPassphrase(
                "Het wachtwoord klopt niet. Let op hoofdletters en spaties, en probeer het opnieuw."
            ) from None
        raise


def _prepare(conn: Any, *, file: bool) -> None:
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute("PRAGMA busy_timeout = 5000")
    if file:
        conn.execute("PRAGMA journal_mode = WAL")
        # FULL: a commit is on disk before it is acknowledged, so a flat
        # battery cannot take a note the coach saw saved.
        conn.execute("PRAGMA synchronous = FULL")
        # Ask for the write lock once: a read-only file or a database held by
        # another writer is told now, not halfway through the coach's typing.
        conn.execute("BEGIN IMMEDIATE")
        conn.execute("ROLLBACK")
    if conn.execute("PRAGMA user_version").fetchone()[0] < SCHEMA_VERSION:
        _migrate(conn)


def _migrate(conn: Any) -> None:
    """Apply the migrations the database lacks and give new tables their audit triggers; then mark it current.

    The mark (user_version) is set last: if anything before it is cut off,
    the next open simply does this again.
    """
    from coach.store.audit import install_audit_triggers

    db = _wrap(conn)
    coach_migrations().apply(db)
    install_audit_triggers(db)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")


def passphrase_of(db: Database) -> str | None:
    """The passphrase db was opened with (None for a plain database)."""
    return _passphrases.get(db)


def remember_passphrase(db: Database, passphrase: str | None) -> None:
    """Record db's new passphrase after it was changed."""
    _passphrases[db] = passphrase


def explain(error: Exception, path: Path | str | None = None) -> StoreError:
    """A StoreError with a Dutch message for an SQLite error (to raise or show)."""
    name = getattr(error, "sqlite_errorname", "") or ""
    text = str(error).lower()
    where = f"De database {path}" if path else "De database"
    if name.startswith("SQLITE_FULL") or "disk is full" in text:
        return DiskFull(
            "De schijf is vol: de laatste wijziging is niet opgeslagen (de rest is heel). "
            "Maak ruimte vrij, bijvoorbeeld door oude downloads te wissen, en probeer het opnieuw."
        )
    if name.startswith("SQLITE_READONLY") or "readonly" in text or "read-only" in text:
        return ReadOnlyDatabase(
            f"{where} is alleen-lezen (het bestand of de map). coach moet erin kunnen schrijven om niets "
            "kwijt te raken: controleer de rechten, of kies een andere plek met --db."
        )
    if name.startswith(("SQLITE_BUSY", "SQLITE_LOCKED")) or "locked" in text or "busy" in text:
        return DatabaseBusy(f"{where} is in gebruik door een ander programma. Sluit dat eerst en probeer het opnieuw.")
    if name.startswith("SQLITE_CANTOPEN") or "unable to open" in text:
        return ReadOnlyDatabase(
            f"{where} kan niet worden geopend of gemaakt: controleer of de map bestaat en of je erin mag "
            "schrijven, of kies een andere plek met --db."
        )
    if name.startswith(("SQLITE_NOTADB", "SQLITE_CORRUPT")) or "not a database" in text or "malformed" in text:
        return DamagedDatabase(
            f"{where} is geen (gave) coach-database: het bestand is beschadigd. Er is niets aan veranderd. "
            "Zet een back-up terug met 'coach restore BESTAND'."
        )
    if name.startswith("SQLITE_IOERR"):
        return StoreError(
            f"{where} kon niet worden gelezen of geschreven (schijffout). Controleer de schijf of usb-stick en probeer het opnieuw."
        )
    return StoreError(f"{where} kan niet worden gebruikt ({error}). Kies een ander bestand met --db.")
