"""The schema's version: how many migrations (coach.store.migrations.STEPS) a current database has had.

Kept apart so that opening a database that is current, at every start, loads this number and not the
migrations themselves (some 3 ms). A new migration raises it here too; coach.store.migrations refuses
to load when the two disagree.
"""

SCHEMA_VERSION = 17
