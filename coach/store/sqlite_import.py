"""Importing sqlite-utils without numpy and pandas.

sqlite-utils imports numpy and pandas whenever they are installed, only to
know their number types as column types. coach never stores such values, yet
numpy is always installed (deduce brings it, and runs in its own process):
importing it would add about 35 ms and 15 MB to every start of the app.
"""

from __future__ import annotations

import sys

_HIDDEN = ("numpy", "pandas")


def import_sqlite_utils() -> None:
    """Import sqlite_utils as it is without numpy and pandas (unless they are loaded already: then they cost nothing)."""
    if "sqlite_utils.db" in sys.modules or any(name in sys.modules for name in _HIDDEN):
        import sqlite_utils.db  # noqa: F401 - the same import, nothing to hide

        return
    for name in _HIDDEN:
        sys.modules[name] = None  # type: ignore[assignment]  # `import numpy` now raises ImportError
    try:
        import sqlite_utils.db  # noqa: F401
    finally:
        for name in _HIDDEN:
            if name in sys.modules and sys.modules[name] is None:
                del sys.modules[name]
