"""Deduce warmed in the background after the app's first frame, so the first intervision summary comes quickly.

The app starts it only when deduce's cache is already built: the one-time
cache build (minutes) keeps its progress display, in the review screen or
through 'Anonimiseerder klaarzetten'. The warmed client waits here until the
first review screen takes it (and then owns it, closing it when it closes);
untaken, the worker gives its memory back by itself after its idle time.
"""

from __future__ import annotations

import atexit
import threading
from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from coach.privacy.worker import AnonymiserClient

Progress = Callable[[str, float], None]

_lock = threading.Lock()
_waiting: AnonymiserClient | None = None
_warm = threading.Event()  # set once the waiting client's worker has deduce loaded
# A review screen that took the client while it was still loading follows its progress here.
_listeners: list[Progress] = []
_last: tuple[str, float] | None = None


def start_warming() -> bool:
    """Start a worker and load deduce in it, in a thread; False (nothing started) when the cache is not built yet.

    A plain daemon thread, not an app worker: closing the app never waits for deduce to finish loading.
    """
    global _waiting
    from coach.privacy.deduce_engine import cache_is_built

    if not cache_is_built():
        return False
    from coach.privacy.worker import AnonymiserClient

    with _lock:
        if _waiting is not None:
            return True  # one is warming or warm already
        client = _waiting = AnonymiserClient()
        _warm.clear()
    atexit.register(_close_waiting)
    threading.Thread(target=_load, args=(client,), name="anonymiser-warm", daemon=True).start()
    return True


def _load(client: AnonymiserClient) -> None:
    from coach.privacy.worker import AnonymiserError

    try:
        client.warm_up(_report)
    except AnonymiserError:
        return  # the review screen starts its own and says what is wrong, if it still is
    _warm.set()


def _report(stage: str, fraction: float) -> None:
    global _last
    with _lock:
        _last = (stage, fraction)
        listeners = list(_listeners)
    for listener in listeners:
        listener(stage, fraction)


def follow(progress: Progress) -> Callable[[], None]:
    """Hear the background warm-up's progress (the latest at once); returns the call that stops it.

    The screen that took a client still loading deduce waits for it without progress of its own.
    """
    with _lock:
        _listeners.append(progress)
        last = _last
    if last is not None and last[1] < 1.0:
        progress(*last)

    def stop() -> None:
        with _lock:
            if progress in _listeners:
                _listeners.remove(progress)

    return stop


def is_warm() -> bool:
    """True when a warmed client is waiting to be taken (for the benchmark and tests)."""
    return _warm.is_set() and _waiting is not None


def take_client() -> AnonymiserClient | None:
    """The waiting client (warm, or still warming), handed over once; None when there is none."""
    global _waiting
    with _lock:
        client, _waiting = _waiting, None
        _warm.clear()
    return client


def _close_waiting() -> None:
    client = take_client()
    if client is not None:
        client.abort()
        client.close()
