"""Opening the database: the one place a connection is made, plain or encrypted with SQLCipher.

Every connection goes through `connect()`: `open_db()` for the store, and the
backup, restore and passphrase code for their second file. With sqlcipher3
installed every connection uses it (without a key it is plain SQLite), so
tests run on the same driver coaches do.

The store speaks one error vocabulary (`coach.store.errors`): a connection
that `open_connection` or `open_db` hands out turns every driver error caused
by the file, the disk or another program into a `StoreError`, on every
statement and every fetch, so no caller needs the drivers' classes. Writes
take the write lock up front (`BEGIN IMMEDIATE`), so a second writer waits
`BUSY_TIMEOUT_MS` for the first instead of failing halfway.
"""

from __future__ import annotations

import contextlib
import functools
import os
import sqlite3
import threading
import unicodedata
import weakref
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, NoReturn, Protocol, cast

from coach import paths
from coach.store.errors import (
    DRIVER_ERRORS,
    DamagedDatabase,
    DatabaseBusy,
    DiskError,
    DiskFull,
    PassphraseNeeded,
    ReadOnlyDatabase,
    StoreError,
    WrongPassphrase,
    environment_kind,
    translate,
)
from coach.store.schema_version import SCHEMA_VERSION
from coach.store.sqlite_import import import_sqlite_utils

try:
    import sqlcipher3 as _cipher
except ImportError:  # pragma: no cover - a machine without the wheel can still open plain files
    _cipher = None

__all__ = [
    "DRIVER_ERRORS",
    "BUSY_TIMEOUT_MS",
    "Connection",
    "DamagedDatabase",
    "DatabaseBusy",
    "DatabaseError",
    "DiskError",
    "DiskFull",
    "IntegrityError",
    "OperationalError",
    "PassphraseNeeded",
    "ReadOnlyDatabase",
    "StoreError",
    "WrongPassphrase",
    "as_database",
    "connect",
    "explain",
    "open_connection",
    "open_db",
]

# Both drivers' classes, for the store's own modules only: outside the store,
# catch StoreError. A connection the store hands out raises these only for
# what is the store's own business (a constraint, a mistake in its SQL).
DatabaseError: tuple[type[Exception], ...] = (sqlite3.DatabaseError,) + ((_cipher.DatabaseError,) if _cipher else ())
IntegrityError: tuple[type[Exception], ...] = (sqlite3.IntegrityError,) + ((_cipher.IntegrityError,) if _cipher else ())
OperationalError: tuple[type[Exception], ...] = (sqlite3.OperationalError,) + (
    (_cipher.OperationalError,) if _cipher else ()
)

#: How long a statement waits for another program's write lock before the
#: coach is told the database is busy. Tests make it short.
BUSY_TIMEOUT_MS = 5000

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


def normal_passphrase(passphrase: str) -> str:
    """The passphrase in Unicode's composed form (NFC), as it keys every database.

    The same word typed on another keyboard layout (or system) can arrive as
    other code points (é as one, or as e and an accent); normalised, it is the
    same key.
    """
    return unicodedata.normalize("NFC", passphrase)


def connect(
    target: Path | str, passphrase: str | None = None, *, normalise: bool = True, plain_driver: bool = False
) -> Any:
    """A raw DB-API connection to target (a path or ':memory:'), keyed when a passphrase is given.

    The passphrase is used in NFC (see `normal_passphrase`); normalise=False
    keys with it exactly as given (for databases keyed before that).
    Nothing is read or written yet; the first statement tells whether the key fits.
    plain_driver=True connects through Python's own sqlite3 (see `open_db`'s `bulk`).
    """
    if passphrase is not None and _cipher is None:
        raise StoreError(
            "Versleuteling is niet beschikbaar: het pakket sqlcipher3-binary ontbreekt. "
            "Installeer coach opnieuw (pip install coach) en probeer het nog eens."
        )
    if passphrase is not None and ("\x00" in passphrase or passphrase == ""):
        raise WrongPassphrase("Een wachtwoord mag niet leeg zijn.")
    driver = sqlite3 if plain_driver and passphrase is None else _cipher or sqlite3
    # IMMEDIATE: a write outside `atomic()` (sqlite-utils' own inserts) also asks
    # for the write lock before it starts, so it waits for another writer.
    conn = driver.connect(str(target), factory=_connection_class(driver), isolation_level="IMMEDIATE")
    if driver is _cipher:
        # SQLCipher logs a wrong key on stderr; the coach gets our own message instead.
        conn.execute("PRAGMA cipher_log_level = NONE")
    if passphrase is not None:
        key = normal_passphrase(passphrase) if normalise else passphrase
        conn.execute(f"PRAGMA key = {quote(key)}")
    return conn


def open_db(
    path: Path | str | None = None, *, memory: bool = False, passphrase: str | None = None, bulk: bool = False
) -> Database:
    """Open (creating if needed) the coach database and bring its schema up to date.

    Without a passphrase a new file is plain SQLite (tests, the demo); with
    one, a new file is encrypted and an existing encrypted file is unlocked.
    A plain file stays plain whatever is given. Nothing is written before the
    key has proven right, so a wrong passphrase changes nothing. Raises a
    StoreError subclass with a Dutch message.

    bulk=True, for a new plain file that is about to be filled in one go (the demo): it is
    written through Python's own sqlite3, whose SQLite writes hundreds of thousands of rows in
    half the time SQLCipher's does (that one goes through its page codec even without a key).
    The file is plain SQLite either way, and every later open reads it through SQLCipher as always.
    With a passphrase, or for a file that exists, bulk changes nothing.
    """
    if memory or path is None:
        return as_database(open_connection(memory=True), None)
    path = Path(path)
    key = passphrase if _kind_or_fail(path) in ("encrypted", "new") else None  # a plain file stays plain
    return as_database(open_connection(path, passphrase=passphrase, bulk=bulk), key)


def open_connection(
    path: Path | str | None = None, *, memory: bool = False, passphrase: str | None = None, bulk: bool = False
) -> Connection:
    """What open_db does, giving the plain DB-API connection (enough for reading: the caseload needs no more).

    Opening a database whose schema is current does not load sqlite-utils,
    which keeps it out of the app's start (see `as_database`).
    """
    if memory or path is None:
        conn = connect(":memory:")
        _memory_template().backup(conn)
        _prepare(conn, file=False)  # the connection's own settings; the schema is already current
        return _handed_out(conn)
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
        paths.private_folder(path.parent)
    except OSError as error:
        raise ReadOnlyDatabase(
            f"Kan de map {path.parent} niet maken: {paths.reason(error)}. Kies een andere plek met --db."
        ) from None
    if kind != "new":
        _check_writable(path)
    conn = None
    try:
        # The database and SQLite's -wal and -shm beside it hold personal data: 0600 whatever the
        # umask (made so here, and put right for files an older coach made 0644).
        with paths.private_umask():
            plain_driver = bulk and kind == "new" and key is None
            conn = connect(path, key, plain_driver=plain_driver)
            try:
                _check_key(conn, path, kind)
            except WrongPassphrase:
                conn.close()
                conn = None
                conn = _older_key(path, key, kind)
            if kind == "plain":
                _check_ours(conn, path)
            if kind == "new" and key is None:
                # A new plain file (the demo, a test) starts as a copy of the migrated template.
                # An encrypted one runs the migrations itself: SQLite copies no pages between
                # a plain and an encrypted database.
                _memory_template(plain_driver=plain_driver).backup(conn)
            _prepare(conn, file=True)
        for side in ("", "-wal", "-shm"):
            paths.make_private(f"{path}{side}")
    except DatabaseError as error:
        if conn is not None:
            conn.close()
        raise explain(error, path) from error
    except OSError as error:
        raise StoreError(
            f"Kan de database niet openen op {path}: {paths.reason(error)}. Kies een andere plek met --db."
        ) from error
    except StoreError:
        if conn is not None:
            conn.close()
        raise
    return _handed_out(conn)


_templates: dict[Any, Any] = {}
_template_lock = threading.Lock()


def _memory_template(*, plain_driver: bool = False) -> Any:
    """An empty, fully migrated in-memory database, made once per process and copied for each new one.

    Running the fifty-odd migration steps costs a tenth of a second; copying their
    result with SQLite's backup takes a millisecond (checks, imports and the demo open many).
    One per driver: a backup copies only between connections of the same driver.
    """
    driver = sqlite3 if plain_driver else _cipher or sqlite3
    with _template_lock:
        if driver not in _templates:
            template = driver.connect(":memory:", factory=_connection_class(driver), check_same_thread=False)
            _prepare(template, file=False)
            _templates[driver] = template
        return _templates[driver]


def _handed_out(conn: Any) -> Connection:
    """conn, opened and checked: from here on its user hears StoreErrors, not the driver's."""
    conn.translating = True
    return cast("Connection", conn)


@contextlib.contextmanager
def filled_in_one_go(db: Database) -> Iterator[None]:
    """Write without a journal while a new file is filled that nobody reads (the demo being built).

    A failed fill leaves the file unfinished and is thrown away by the caller. After a
    fill that completes, the file is set as every open of it sets it (write-ahead log, a
    commit on disk before it is acknowledged) and its log is written into it.
    """
    db.execute("PRAGMA journal_mode = MEMORY")  # a write-ahead log writes every page twice
    db.execute("PRAGMA synchronous = OFF")
    yield
    db.execute("PRAGMA journal_mode = WAL")
    db.execute("PRAGMA synchronous = FULL")
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")


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
    return _database_class()(conn, execute_plugins=False)


@functools.cache
def _database_class() -> type[Database]:
    import_sqlite_utils()
    from sqlite_utils import Database

    class StoreDatabase(Database):
        """sqlite-utils' Database whose transactions take the write lock when they begin."""

        @contextlib.contextmanager
        def atomic(self) -> Iterator[Database]:
            """A transaction (a savepoint when nested) that asks for the write lock up front.

            sqlite-utils begins with a deferred BEGIN: a transaction that read
            first and then finds another writer fails at once, whatever the
            busy timeout. BEGIN IMMEDIATE waits for the lock instead.
            """
            if self.conn.in_transaction:
                with super().atomic():
                    yield self
                return
            self.conn.execute("BEGIN IMMEDIATE")
            try:
                yield self
            except BaseException:
                self.rollback()
                raise
            try:
                self.conn.execute("COMMIT")
            except BaseException:
                self.rollback()
                raise

    return StoreDatabase


def _guard(call: Callable[..., Any], /, *args: Any) -> Any:
    """call(*args), with a driver error the coach can act on (busy, full, damaged …) raised as a StoreError."""
    try:
        return call(*args)
    except DRIVER_ERRORS as error:
        if environment_kind(error) is None:
            raise  # a constraint or a mistake in our SQL: the store's own business
        raise translate(error) from error


def _raise_translated(connection: Any, error: Exception) -> NoReturn:
    """What `_guard` raises for a driver error on `connection` (translating once it is open)."""
    if not connection.translating or environment_kind(error) is None:
        raise error
    raise translate(error) from error


@functools.cache
def _connection_class(driver: Any) -> type[Any]:
    """The driver's Connection, translating errors once `translating` is set (after opening)."""

    class TranslatingCursor(driver.Cursor):  # type: ignore[misc]
        def _call(self, name: str, *args: Any) -> Any:
            method = getattr(super(), name)
            if not self.connection.translating:
                return method(*args)
            return _guard(method, *args)

        def execute(self, *args: Any) -> Any:
            return self._call("execute", *args)

        def executemany(self, *args: Any) -> Any:
            return self._call("executemany", *args)

        def executescript(self, *args: Any) -> Any:
            return self._call("executescript", *args)

        def fetchone(self) -> Any:
            try:  # as _call, without its lookups: fetching a row is the commonest call of all
                return super().fetchone()
            except DRIVER_ERRORS as error:
                _raise_translated(self.connection, error)

        def fetchmany(self, *args: Any) -> Any:
            return self._call("fetchmany", *args)

        def fetchall(self) -> Any:
            return self._call("fetchall")

        def __next__(self) -> Any:
            try:  # as fetchone: a loop over a query's rows comes here for every row
                return super().__next__()
            except DRIVER_ERRORS as error:
                _raise_translated(self.connection, error)

    class TranslatingConnection(driver.Connection):  # type: ignore[misc]
        translating = False

        def cursor(self, factory: Any = TranslatingCursor) -> Any:
            return super().cursor(factory)

        # The driver's own execute() makes a plain cursor; these make ours.
        def execute(self, *args: Any) -> Any:
            return self.cursor().execute(*args)

        def executemany(self, *args: Any) -> Any:
            return self.cursor().executemany(*args)

        def executescript(self, *args: Any) -> Any:
            return self.cursor().executescript(*args)

        def commit(self) -> None:
            _guard(super().commit) if self.translating else super().commit()

        def rollback(self) -> None:
            _guard(super().rollback) if self.translating else super().rollback()

    return TranslatingConnection


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


def _check_ours(conn: Any, path: Path) -> None:
    """Refuse another program's SQLite database: opening it must not add coach's tables to it."""
    names = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'").fetchall()}
    if names and "_sqlite_migrations" not in names:
        raise DamagedDatabase(
            f"{path} is een database van een ander programma, geen coach-database; er is niets aan veranderd. "
            "Kies een ander bestand met --db."
        )


def _older_key(path: Path, key: str | None, kind: FileKind) -> Any:
    """A database keyed before passphrases were normalised: opened with the key as typed, and re-keyed in NFC.

    Raises WrongPassphrase when that does not open it either.
    """
    if key is None or normal_passphrase(key) == key:
        raise WrongPassphrase("Het wachtwoord klopt niet. Let op hoofdletters en spaties, en probeer het opnieuw.")
    conn = connect(path, key, normalise=False)
    try:
        _check_key(conn, path, kind)
        conn.execute(f"PRAGMA rekey = {quote(normal_passphrase(key))}")
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")  # no page under the old key stays in the log
    except BaseException:
        conn.close()
        raise
    return conn


def _prepare(conn: Any, *, file: bool) -> None:
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_MS)}")
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
        _migrate(conn, file=file)


def _migrate(conn: Any, *, file: bool) -> None:
    """Apply the migrations the database lacks and give new tables their audit triggers; then mark it current.

    The mark (user_version) is set last: if anything before it is cut off,
    the next open simply does this again.
    """
    from coach.store.audit import install_audit_triggers
    from coach.store.migrations import coach_migrations

    db = _wrap(conn)
    if file:
        # The migrations commit some fifty times; waiting for the disk at each of them
        # made a new database take a third of a second. In WAL mode NORMAL keeps the file
        # whole on a crash and only risks the newest commits, and the mark below is
        # written with FULL again, which puts every commit before it on disk as well.
        conn.execute("PRAGMA synchronous = NORMAL")
    try:
        coach_migrations().apply(db)
        install_audit_triggers(db)
    finally:
        if file:
            conn.execute("PRAGMA synchronous = FULL")
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")


def passphrase_of(db: Database) -> str | None:
    """The passphrase db was opened with (None for a plain database)."""
    return _passphrases.get(db)


def remember_passphrase(db: Database, passphrase: str | None) -> None:
    """Record db's new passphrase after it was changed."""
    _passphrases[db] = passphrase


def explain(error: Exception, path: Path | str | None = None) -> StoreError:
    """A StoreError with a Dutch message for an SQLite error (to raise or show); see `errors.translate`."""
    return translate(error, path)
