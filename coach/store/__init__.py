"""SQLite storage through sqlite-utils: the only place with SQL."""

from coach.store.db import StoreError, open_db

__all__ = ["StoreError", "open_db"]
