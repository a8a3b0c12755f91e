"""The store's own exceptions: what went wrong with the database, in Dutch, with what to do about it.

Nothing outside `coach/store/` sees a driver exception: sqlite3's and
sqlcipher3's are separate class trees (a `sqlcipher3.OperationalError` is no
`sqlite3.Error`), so the store turns both into these with `translate()`.
Every `StoreError` has a `message` for the coach: what is wrong and how to
mend it, without anything about a young person in it.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

try:
    import sqlcipher3 as _cipher
except ImportError:  # pragma: no cover - a machine without the wheel still opens plain files
    _cipher = None

# Both drivers' roots, for `except DRIVER_ERRORS` inside the store.
DRIVER_ERRORS: tuple[type[Exception], ...] = (sqlite3.Error,) + ((_cipher.Error,) if _cipher else ())


class StoreError(Exception):
    """The database cannot be used right now; `message` is Dutch and says what to do."""

    #: What the coach reads when no more specific text is given.
    default_message = "De database kan nu niet worden gebruikt. Probeer het opnieuw."
    #: True when restoring a backup is the way out (a damaged or foreign file).
    offer_restore = False

    def __init__(self, message: str | None = None) -> None:
        super().__init__(message or self.default_message)

    @property
    def message(self) -> str:
        """The Dutch text for the coach."""
        return str(self)


class PassphraseNeeded(StoreError):
    """The file is encrypted and no passphrase was given."""

    default_message = "De database is versleuteld: geef je wachtwoord."


class WrongPassphrase(StoreError):
    """The passphrase (key) does not open the file; nothing was changed."""

    default_message = "Het wachtwoord klopt niet. Let op hoofdletters en spaties, en probeer het opnieuw."


class DamagedDatabase(StoreError):
    """The file is a damaged database (or not a database at all)."""

    default_message = (
        "De database is beschadigd of geen coach-database. Er is niets aan veranderd. "
        "Zet een back-up terug met 'coach restore BESTAND'."
    )
    offer_restore = True


class DatabaseBusy(StoreError):
    """Another program (or another coach window) holds the database: busy or locked."""

    default_message = "De database is in gebruik door een ander programma. Sluit dat eerst en probeer het opnieuw."


class ReadOnlyDatabase(StoreError):
    """The file or its folder cannot be written to."""

    default_message = (
        "De database is alleen-lezen. coach moet erin kunnen schrijven om niets kwijt te raken: "
        "controleer de rechten van het bestand, of kies een andere plek met --db."
    )


class DiskFull(StoreError):
    """The disk is full; the last change was not saved."""

    default_message = (
        "De schijf is vol: de laatste wijziging is niet opgeslagen (de rest is heel). "
        "Maak ruimte vrij, bijvoorbeeld door oude downloads te wissen, en probeer het opnieuw."
    )


class DiskError(StoreError):
    """Reading or writing the file failed below SQLite (a disk or USB stick that went away)."""

    default_message = (
        "De database kon niet worden gelezen of geschreven (schijffout). "
        "Controleer de schijf of usb-stick en probeer het opnieuw."
    )


# SQLite's primary result codes that say something about the file, the disk or
# another program, and the class each becomes. Other codes (a constraint, a
# mistake in our SQL) are the store's own business: it handles or reports them.
_ENVIRONMENT: tuple[tuple[str, type[StoreError]], ...] = (
    ("SQLITE_FULL", DiskFull),
    ("SQLITE_READONLY", ReadOnlyDatabase),
    ("SQLITE_PERM", ReadOnlyDatabase),
    ("SQLITE_CANTOPEN", ReadOnlyDatabase),
    ("SQLITE_BUSY", DatabaseBusy),
    ("SQLITE_LOCKED", DatabaseBusy),
    ("SQLITE_NOTADB", DamagedDatabase),
    ("SQLITE_CORRUPT", DamagedDatabase),
    ("SQLITE_IOERR", DiskError),
)
# The same, told by the message (an error raised without an error name).
_ENVIRONMENT_TEXT: tuple[tuple[tuple[str, ...], type[StoreError]], ...] = (
    (("disk is full",), DiskFull),
    (("readonly", "read-only"), ReadOnlyDatabase),
    (("locked", "busy"), DatabaseBusy),
    (("unable to open",), ReadOnlyDatabase),
    (("not a database", "malformed"), DamagedDatabase),
    (("disk i/o error",), DiskError),
)


def environment_kind(error: BaseException) -> type[StoreError] | None:
    """The StoreError class for a driver error caused by the file, the disk or another program; else None."""
    if not isinstance(error, DRIVER_ERRORS):
        return None
    name = getattr(error, "sqlite_errorname", "") or ""
    for prefix, kind in _ENVIRONMENT:
        if name.startswith(prefix):
            return kind
    if name and name != "SQLITE_ERROR":
        return None  # a named code we do not count: a constraint, a misuse
    text = str(error).lower()
    for words, kind in _ENVIRONMENT_TEXT:
        if any(word in text for word in words):
            return kind
    return None


def translate(error: BaseException, path: Path | str | None = None) -> StoreError:
    """The StoreError, with a Dutch message, for any driver error (sqlite3 or sqlcipher3).

    A StoreError passes through unchanged; path, when given, is named in the
    message (the command line knows which file the coach chose).
    """
    if isinstance(error, StoreError):
        return error
    kind = environment_kind(error)
    where = f"De database {path}" if path else "De database"
    if kind is DiskFull:
        return DiskFull()
    name = getattr(error, "sqlite_errorname", "") or ""
    if kind is ReadOnlyDatabase and (name.startswith("SQLITE_CANTOPEN") or "unable to open" in str(error).lower()):
        return ReadOnlyDatabase(
            f"{where} kan niet worden geopend of gemaakt: controleer of de map bestaat en of je erin mag "
            "schrijven, of kies een andere plek met --db."
        )
    if kind is ReadOnlyDatabase:
        return ReadOnlyDatabase(
            f"{where} is alleen-lezen (het bestand of de map). coach moet erin kunnen schrijven om niets "
            "kwijt te raken: controleer de rechten, of kies een andere plek met --db."
        )
    if kind is DatabaseBusy:
        return DatabaseBusy(f"{where} is in gebruik door een ander programma. Sluit dat eerst en probeer het opnieuw.")
    if kind is DamagedDatabase:
        return DamagedDatabase(
            f"{where} is geen (gave) coach-database: het bestand is beschadigd. Er is niets aan veranderd. "
            "Zet een back-up terug met 'coach restore BESTAND'."
        )
    if kind is DiskError:
        return DiskError(
            f"{where} kon niet worden gelezen of geschreven (schijffout). "
            "Controleer de schijf of usb-stick en probeer het opnieuw."
        )
    return StoreError(f"{where} kan niet worden gebruikt ({error}). Kies een ander bestand met --db.")


def as_store_error(error: BaseException, path: Path | str | None = None) -> StoreError | None:
    """error as a StoreError naming path, for a last line of defence; None when it is no database error.

    A StoreError translated on the way out of a connection (which knows no
    path) is worded again from its driver error, now naming the file.
    """
    cause = error.__cause__ if isinstance(error, StoreError) else error
    if isinstance(cause, DRIVER_ERRORS):
        return translate(cause, path)
    return error if isinstance(error, StoreError) else None
