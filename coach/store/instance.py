"""One coach at a time on a database: an operating-system lock on a file beside it.

The app holds it while it runs; restoring a backup, changing the passphrase
and erasing a young person take it too, so none of them pulls the file away
from under an open window. The lock goes when the process ends, however it
ends, so a crash never leaves the coach locked out.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from types import TracebackType

from coach import paths
from coach.store.db import DatabaseBusy, ReadOnlyDatabase

if sys.platform == "win32":  # pragma: no cover - exercised on Windows only
    import msvcrt

    def _try_lock(fd: int) -> bool:
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True

else:
    import fcntl

    def _try_lock(fd: int) -> bool:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        return True


def lock_path(db_path: Path) -> Path:
    """The lock file that belongs to a database file."""
    return db_path.with_name(db_path.name + ".lock")


class InstanceLock:
    """Held while coach works on a database; a second holder gets DatabaseBusy."""

    def __init__(self, db_path: Path | str) -> None:
        self.db_path = Path(db_path)
        self._fd: int | None = None

    def acquire(self) -> InstanceLock:
        """Take the lock, or raise DatabaseBusy with a Dutch message."""
        path = lock_path(self.db_path)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
        except OSError as error:
            raise ReadOnlyDatabase(
                f"Kan niet schrijven in de map {path.parent} ({paths.reason(error)}). coach moet daar kunnen "
                "schrijven: controleer de rechten, of kies een andere plek met --db."
            ) from None
        if not _try_lock(fd):
            os.close(fd)
            raise DatabaseBusy(
                f"coach is al geopend op {self.db_path} (in een ander venster of door een ander programma). "
                "Ga verder in dat venster, of sluit het en probeer het opnieuw."
            )
        self._fd = fd
        return self

    def release(self) -> None:
        """Let go of the lock (closing the file releases it)."""
        if self._fd is not None:
            os.close(self._fd)
            self._fd = None

    @property
    def held(self) -> bool:
        """True while this object holds the lock."""
        return self._fd is not None

    def __enter__(self) -> InstanceLock:
        return self if self.held else self.acquire()

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        self.release()
