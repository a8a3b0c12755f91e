"""When Python's garbage collector runs during and after a start.

`coach` (coach/__main__.py) starts with the collector off: nearly all a start
makes (modules, classes, the app) lives as long as the process, and looking
for garbage among it finds nothing. It comes back on when the start is over:
after the app is made (`settled_start`), or before any other command does its
work (`collect_again`).
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

# Collect young objects after 50,000 new ones (Python: 700); older generations as usual, relatively.
RUNNING_GC_THRESHOLD = (50_000, 20, 20)


@contextmanager
def settled_start() -> Iterator[None]:
    """Make the app without collecting garbage, then set what the start built aside for good.

    Looking for garbage among what a start makes cost the first screen about
    25 ms. Frozen, it is skipped by every later collection too.

    After the start the collector runs far less often than Python's default
    (every 700 new objects): a key press in Textual makes thousands, and with
    the default a quarter of the time a screen took to answer went to
    collections that found next to nothing.
    """
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        gc.set_threshold(*RUNNING_GC_THRESHOLD)
        gc.enable()


def collect_again() -> None:
    """The collector back on, as Python has it, for a command other than the app (a no-op when it is on).

    A command such as `coach demo` or `coach anonymise` makes and drops many
    objects; the imports before it are set aside, as the app's are.
    """
    if not gc.isenabled():
        gc.freeze()
        gc.enable()
