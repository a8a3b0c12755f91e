"""Every location coach reads or writes, in one place.

Environment variables override the defaults so tests and scripts can point
coach elsewhere without touching the user's real data.
"""

from __future__ import annotations

import os
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
