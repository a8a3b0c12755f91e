"""Every location coach reads or writes, in one place.

Environment variables override the defaults so tests and scripts can point
coach elsewhere without touching the user's real data.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import tempfile
from collections.abc import Iterator
from pathlib import Path

from platformdirs import user_cache_dir, user_config_dir, user_data_dir

APP_NAME = "coach"
_PACKAGE_DIR = Path(__file__).resolve().parent


def data_dir() -> Path:
    """Folder for the coach's databases (created on demand by the caller)."""
    return Path(os.environ.get("COACH_DATA_DIR") or user_data_dir(APP_NAME))


def cache_dir() -> Path:
    """Folder for rebuildable caches (such as the anonymiser's lookup cache)."""
    return Path(os.environ.get("COACH_CACHE_DIR") or user_cache_dir(APP_NAME))


def config_path() -> Path:
    """The coach's settings file (config.toml in the user config folder, or COACH_CONFIG)."""
    return Path(os.environ.get("COACH_CONFIG") or Path(user_config_dir(APP_NAME)) / "config.toml")


def default_db_path() -> Path:
    """The coach's own database, used when neither --db nor COACH_DB is given."""
    return data_dir() / "coach.db"


def demo_db_path() -> Path:
    """The demo caseload's database, kept apart from real data."""
    return data_dir() / "demo.db"


def shipped_dir(name: str, package_dir: Path = _PACKAGE_DIR) -> Path:
    """A data folder that comes with coach (prompts, guides), in a built wheel or in a source checkout.

    Raises FileNotFoundError when neither place has it (a broken install).
    """
    # pyproject's force-include puts the folder inside the wheel's package as
    # _data/NAME; a source checkout (or editable install) has it beside the
    # package. The wheel's place comes first: installed, the package's parent is
    # site-packages, where another distribution may have a folder of that name.
    for candidate in (package_dir / "_data" / name, package_dir.parent / name):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"content folder '{name}' not found")


def prompts_dir() -> Path:
    """The prompts shipped with coach (domains, scale, warm-story questions)."""
    return shipped_dir("prompts")


def guides_dir() -> Path:
    """The coach's handbook shipped with coach (Markdown)."""
    return shipped_dir("guides")


# --- Files the coach writes: private, whole or not at all -------------------------------
#
# Everything coach writes holds (or may hold) personal data about young people:
# files are 0600 and folders 0700, whatever the umask of the shell it runs in.

FILE_MODE = 0o600
FOLDER_MODE = 0o700


class NotAFileError(OSError):
    """The target exists but is not a regular file (a folder, a device, a pipe): coach does not write there."""


@contextlib.contextmanager
def private_umask() -> Iterator[None]:
    """While inside, new files are made 0600 and new folders 0700 (SQLite's -wal and -shm too)."""
    old = os.umask(0o077)
    try:
        yield
    finally:
        os.umask(old)


def make_private(path: Path | str) -> None:
    """Give an existing file 0600 (a folder 0700); quietly leave files coach does not own."""
    path = Path(path)
    try:
        mode = FOLDER_MODE if path.is_dir() else FILE_MODE
        if stat.S_IMODE(path.stat().st_mode) != mode:
            path.chmod(mode)
    except OSError:
        pass  # not ours to change (another owner, a read-only medium): nothing to protect here


def private_folder(folder: Path | str) -> Path:
    """The folder, made (with its parents) if needed; a folder coach makes is 0700."""
    folder = Path(folder)
    if not folder.is_dir():
        with private_umask():
            folder.mkdir(parents=True, exist_ok=True)
        make_private(folder)
    return folder


def check_target(path: Path | str) -> None:
    """Raise NotAFileError when path exists and is not a regular file (coach only replaces files)."""
    try:
        mode = os.stat(path).st_mode
    except FileNotFoundError:
        return
    if not stat.S_ISREG(mode):
        raise NotAFileError(errno.EEXIST, "geen gewoon bestand", str(path))


def write_private(path: Path | str, data: bytes | str) -> None:
    """Write data to path all or nothing: a 0600 temporary file beside it, flushed to disk, then renamed.

    The old file stays whole until the new one is complete. Raises NotAFileError
    for a target that is not a regular file, OSError when writing fails (then
    nothing is left behind).
    """
    path = Path(path)
    check_target(path)
    raw = data.encode("utf-8") if isinstance(data, str) else data
    folder = path.parent if str(path.parent) else Path(".")
    handle, temporary = tempfile.mkstemp(dir=folder, prefix=f".{path.name}.", suffix=".deels")
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(raw)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, FILE_MODE)
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise
    fsync_folder(folder)


def fsync_folder(folder: Path | str) -> None:
    """Make a rename in folder survive a power cut (no-op where folders cannot be synced)."""
    if os.name == "nt":  # pragma: no cover - Windows cannot open a folder for fsync
        return
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


_REASONS = {
    errno.ENOENT: "die map of dat bestand bestaat niet",
    errno.EACCES: "geen toestemming",
    errno.EPERM: "geen toestemming",
    errno.EROFS: "de schijf is alleen-lezen",
    errno.ENOSPC: "de schijf is vol",
    errno.EDQUOT: "je schijfruimte is op",
    errno.EFBIG: "het bestand wordt te groot",
    errno.EISDIR: "dat is een map",
    errno.ENOTDIR: "een deel van het pad is geen map",
    errno.EEXIST: "er staat al iets met die naam",
    errno.ENAMETOOLONG: "de naam is te lang",
    errno.EIO: "de schijf gaf een leesfout",
    errno.EBUSY: "het bestand is in gebruik",
    errno.EXDEV: "het bestand staat op een andere schijf",
    errno.ELOOP: "het pad verwijst naar zichzelf",
    errno.EINVAL: "dat kan op deze plek niet",
}


def reason(error: OSError) -> str:
    """Why a file operation failed, in Dutch (the system's own text is English)."""
    return _REASONS.get(error.errno or 0, f"systeemfout {error.errno}" if error.errno else "onbekende fout")
