"""A separate process that holds deduce, so the app stays light and never freezes.

The client starts `python -m coach.privacy.worker`, speaks JSON lines over its
stdin and stdout, and gets a Result back, or an AnonymiserError with a Dutch
message: never a hang. The worker loads deduce on the first request that needs
it and ends itself after some idle time; the client starts a new one when needed.
"""

from __future__ import annotations

import argparse
import json
import os
import queue
import subprocess
import sys
import threading
import time
import traceback
from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import date
from pathlib import Path
from typing import IO, Any, NoReturn

from coach import clock, paths
from coach.domain.model import Address, Case, NetworkPerson, Youth
from coach.privacy.anonymiser import CaseLike, known_table
from coach.privacy.result import Result

Progress = Callable[[str, float], None]

DEFAULT_IDLE = 300.0
# Without a word from the worker this long, it is taken as hung. While loading
# it sends a heartbeat every second, so a slow first build never trips this.
DEFAULT_SILENCE = 30.0
# Even with heartbeats, a load that takes longer than this is given up.
DEFAULT_LOAD_LIMIT = 900.0
_HEARTBEAT = 1.0
_LOAD_SECONDS = 10.0
_BUILD_SECONDS = 90.0


class AnonymiserError(RuntimeError):
    """The anonymiser could not do its work; the message is Dutch and fit to show the coach."""


# --- the worker side ------------------------------------------------------


class _Worker:
    """Serves requests from stdin until idle for too long or stdin closes."""

    def __init__(self, out: IO[str], idle: float) -> None:
        self._out = out
        self._idle = idle
        self._write_lock = threading.Lock()
        self._anonymiser: Any = None

    def send(self, message: dict[str, Any]) -> None:
        with self._write_lock:
            self._out.write(json.dumps(message, ensure_ascii=False) + "\n")
            self._out.flush()

    def _load(self, request_id: Any) -> None:
        """Load deduce, sending progress (and so a heartbeat) while it takes."""
        if self._anonymiser is not None:
            return
        from coach.privacy import deduce_engine
        from coach.privacy.anonymiser import Anonymiser

        built = deduce_engine.cache_is_built()
        stage = "deduce laden" if built else "woordenlijsten opbouwen (eenmalig, 1 à 2 minuten)"
        expected = _LOAD_SECONDS if built else _BUILD_SECONDS
        self.send({"id": request_id, "event": "progress", "stage": "starten", "fraction": 0.0})
        done = threading.Event()
        started = time.monotonic()

        def beat() -> None:
            while not done.wait(_HEARTBEAT):
                fraction = min(0.95, (time.monotonic() - started) / expected)
                self.send({"id": request_id, "event": "progress", "stage": stage, "fraction": round(fraction, 3)})

        ticker = threading.Thread(target=beat, daemon=True)
        ticker.start()
        try:
            anonymiser = Anonymiser()
            anonymiser.warm_up()
        finally:
            done.set()
            ticker.join()
        self._anonymiser = anonymiser
        self.send({"id": request_id, "event": "progress", "stage": "klaar", "fraction": 1.0})

    def handle(self, request: dict[str, Any]) -> dict[str, Any]:
        op = request.get("op")
        if op == "ping":
            return {"pid": os.getpid(), "loaded": self._anonymiser is not None}
        if op == "warm_up":
            self._load(request.get("id"))
            return {"loaded": True}
        if op == "anonymise":
            texts = request["texts"]
            if not isinstance(texts, list) or not all(isinstance(t, str) for t in texts):
                raise ValueError("texts")
            self._load(request.get("id"))
            case = request.get("case")
            results = self._anonymiser.anonymise_many(
                texts,
                case_from_payload(case) if isinstance(case, dict) else request.get("known") or None,
                alias=request.get("alias"),
                reference_date=_date(request.get("reference_date")),
                trajectory_start=_date(request.get("trajectory_start")),
                reference_dates=[_date(raw) for raw in request.get("reference_dates") or []],
            )
            return {"results": [result.to_dict() for result in results]}
        raise ValueError("op")

    def serve(self, stdin: IO[str]) -> int:
        lines: queue.Queue[str | None] = queue.Queue()

        def read() -> None:
            for line in stdin:
                lines.put(line)
            lines.put(None)

        threading.Thread(target=read, daemon=True).start()
        while True:
            try:
                line = lines.get(timeout=self._idle)
            except queue.Empty:
                return 0  # idle long enough: give the memory back
            if line is None:
                return 0  # the client went away
            if not line.strip():
                continue
            try:
                request = json.loads(line)
            except json.JSONDecodeError:
                self.send({"id": None, "ok": False, "error": "Ongeldig verzoek aan de anonimiseerder."})
                continue
            if request.get("op") == "shutdown":
                self.send({"id": request.get("id"), "ok": True})
                return 0
            try:
                reply = self.handle(request)
            except Exception as error:  # every failure goes back to the client as a Dutch message
                _log_error(error)
                self.send({"id": request.get("id"), "ok": False, "error": _dutch(error)})
            else:
                self.send({"id": request.get("id"), "ok": True, **reply})


def _date(raw: str | None) -> date | None:
    return date.fromisoformat(raw) if raw else None


def _dutch(error: BaseException) -> str:
    if isinstance(error, ModuleNotFoundError):
        return "De anonimiseerder kan deduce niet laden: het pakket ontbreekt. Installeer coach opnieuw."
    if isinstance(error, MemoryError):
        return "Te weinig geheugen om de anonimiseerder te laden (hij heeft ruim 1 GB nodig)."
    if isinstance(error, OSError):
        return f"De anonimiseerder kan zijn cachemap niet gebruiken ({paths.cache_dir()})."
    if isinstance(error, (KeyError, ValueError, TypeError)):
        return "Ongeldig verzoek aan de anonimiseerder."
    return f"De anonimiseerder liep vast op een interne fout ({type(error).__name__})."


def _log_error(error: BaseException) -> None:
    # Only the type and the code lines: an exception's message might quote note text.
    sys.stderr.write(f"{type(error).__name__}\n{''.join(traceback.format_tb(error.__traceback__))}\n")
    sys.stderr.flush()


def main(argv: list[str] | None = None) -> NoReturn:
    """Run the worker on stdin/stdout."""
    parser = argparse.ArgumentParser(prog="python -m coach.privacy.worker", description="Anonimiseer-werker.")
    parser.add_argument("--idle", type=float, default=DEFAULT_IDLE, help="stop na zoveel seconden zonder verzoek")
    args = parser.parse_args(argv)
    # The protocol owns the real stdout; anything else that prints lands on stderr.
    protocol = os.fdopen(os.dup(sys.stdout.fileno()), "w", encoding="utf-8")
    os.dup2(sys.stderr.fileno(), sys.stdout.fileno())
    sys.stdout = sys.stderr
    stdin = open(sys.stdin.fileno(), encoding="utf-8", closefd=False)
    code = _Worker(protocol, args.idle).serve(stdin)
    protocol.flush()
    sys.stderr.flush()
    # Skip tearing down deduce's large lookup tables object by object: the OS frees them at once.
    os._exit(code)


# --- the client side ------------------------------------------------------


def worker_log_path() -> Path:
    """Where the worker writes its errors (types and code lines only, never note text)."""
    return paths.cache_dir() / "anonymiser-worker.log"


# The database passphrase never reaches the worker: it reads no database, and
# another process's environment can be read by anything running as the coach.
SECRET_VARIABLES = frozenset({"COACH_PASSPHRASE", "COACH_NEW_PASSPHRASE"})


def worker_environment(environment: Mapping[str, str]) -> dict[str, str]:
    """The worker's environment: the given one without the passphrases."""
    return {name: value for name, value in environment.items() if name not in SECRET_VARIABLES}


class AnonymiserClient:
    """Talks to a worker process; starts it when needed and again after it stopped for being idle."""

    def __init__(
        self,
        *,
        idle_timeout: float = DEFAULT_IDLE,
        silence_timeout: float = DEFAULT_SILENCE,
        load_limit: float = DEFAULT_LOAD_LIMIT,
        env: dict[str, str] | None = None,
        command: list[str] | None = None,
    ) -> None:
        """Args: env replaces the worker's environment; command replaces its command line (for tests)."""
        self.idle_timeout = idle_timeout
        self.silence_timeout = silence_timeout
        self.load_limit = load_limit
        self._env = env
        self._command = command
        self._proc: subprocess.Popen[str] | None = None
        self._lines: queue.Queue[str | None] = queue.Queue()
        self._lock = threading.Lock()
        self._next_id = 0

    # process management

    @property
    def pid(self) -> int | None:
        """The worker's process id while it runs."""
        proc = self._proc
        return proc.pid if proc is not None and proc.poll() is None else None

    def running(self) -> bool:
        """True while a worker process is alive."""
        return self._proc is not None and self._proc.poll() is None

    def _start(self) -> subprocess.Popen[str]:
        """Start a fresh worker and return it; its stdin and stdout are pipes."""
        env = worker_environment(os.environ if self._env is None else self._env)
        log = worker_log_path()
        try:
            log.parent.mkdir(parents=True, exist_ok=True)
            errors: Any = open(log, "w", encoding="utf-8")
        except OSError:
            errors = subprocess.DEVNULL
        try:
            proc = subprocess.Popen(
                self._command or [sys.executable, "-m", "coach.privacy.worker", "--idle", str(self.idle_timeout)],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=errors,
                text=True,
                encoding="utf-8",
                env=env,
                bufsize=1,
            )
        except OSError as error:
            raise AnonymiserError(f"De anonimiseerder kon niet starten ({error.strerror}).") from None
        finally:
            if errors is not subprocess.DEVNULL:
                errors.close()
        self._proc = proc
        self._lines = queue.Queue()
        threading.Thread(target=self._read, args=(self._pipe(proc.stdout), self._lines), daemon=True).start()
        return proc

    @staticmethod
    def _pipe(stream: IO[str] | None) -> IO[str]:
        """One of the worker's pipes; _start always asks for stdin and stdout as pipes, so they exist."""
        assert stream is not None, "the worker was started without a pipe"
        return stream

    @staticmethod
    def _read(stream: IO[str], lines: queue.Queue[str | None]) -> None:
        try:
            for line in stream:
                lines.put(line)
        except (OSError, ValueError):
            pass  # the pipe was closed while this thread read it (the worker ended): that is its end, as EOF
        lines.put(None)

    def abort(self) -> None:
        """End the worker at once, even mid-request (that request then fails with an AnonymiserError).

        Does not wait for the lock a running request holds, so a screen can let go without freezing.
        """
        proc = self._proc
        if proc is not None and proc.poll() is None:
            proc.kill()

    def close(self) -> None:
        """Stop the worker (politely, then firmly)."""
        with self._lock:
            proc, self._proc = self._proc, None
        if proc is None:
            return
        if proc.poll() is None:
            try:
                stdin = self._pipe(proc.stdin)
                stdin.write(json.dumps({"id": 0, "op": "shutdown"}) + "\n")
                stdin.flush()
                proc.wait(timeout=5)
            except (OSError, subprocess.TimeoutExpired, ValueError):
                proc.kill()
                proc.wait()
        for stream in (proc.stdin, proc.stdout):
            if stream is None:
                continue
            try:
                stream.close()
            except OSError:
                pass

    def __enter__(self) -> AnonymiserClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _kill(self) -> None:
        if self._proc is not None and self._proc.poll() is None:
            self._proc.kill()
            self._proc.wait()
        self._proc = None

    # requests

    def _request(self, message: dict[str, Any], progress: Progress | None = None) -> dict[str, Any]:
        with self._lock:
            for attempt in (1, 2):
                proc = self._proc
                if proc is None or proc.poll() is not None:
                    proc = self._start()
                self._next_id += 1
                message["id"] = self._next_id
                try:
                    stdin = self._pipe(proc.stdin)
                    stdin.write(json.dumps(message, ensure_ascii=False) + "\n")
                    stdin.flush()
                except (BrokenPipeError, OSError):
                    self._kill()
                    if attempt == 1:
                        continue  # it had just stopped for being idle: start a fresh one
                    raise AnonymiserError("De anonimiseerder is onverwacht gestopt. Probeer het opnieuw.") from None
                reply = self._wait(message["id"], progress)
                if reply is not None:
                    return reply
                code = self._proc.poll() if self._proc else None
                self._kill()
                if attempt == 2 or code not in (0, None):
                    raise AnonymiserError(
                        f"De anonimiseerder is onverwacht gestopt (code {code}). Probeer het opnieuw; "
                        f"details staan in {worker_log_path()}."
                    )
            raise AssertionError("unreachable")

    def _wait(self, request_id: int, progress: Progress | None) -> dict[str, Any] | None:
        """The reply to `request_id`; None when the worker ended first."""
        started = time.monotonic()
        while True:
            try:
                line = self._lines.get(timeout=self.silence_timeout)
            except queue.Empty:
                self._kill()
                raise AnonymiserError(
                    f"De anonimiseerder reageert niet (al {self.silence_timeout:.0f} s stil) en is gestopt. "
                    "Probeer het opnieuw."
                ) from None
            if line is None:
                # Give the process a moment to report its exit code.
                if self._proc is not None:
                    try:
                        self._proc.wait(timeout=2)
                    except subprocess.TimeoutExpired:
                        pass
                return None
            try:
                # The worker writes one JSON object per line (see main below).
                reply: dict[str, Any] = json.loads(line)
            except json.JSONDecodeError:
                continue
            if reply.get("id") != request_id:
                continue
            if reply.get("event") == "progress":
                if progress is not None:
                    progress(reply["stage"], float(reply["fraction"]))
                if time.monotonic() - started > self.load_limit:
                    self._kill()
                    raise AnonymiserError(
                        f"Het laden van de anonimiseerder duurt langer dan {self.load_limit / 60:.0f} minuten "
                        "en is afgebroken."
                    )
                continue
            if not reply.get("ok"):
                raise AnonymiserError(reply.get("error") or "De anonimiseerder gaf een onbekende fout.")
            return reply

    def ping(self) -> dict[str, Any]:
        """Start the worker if needed and ask its pid and whether deduce is loaded (cheap: loads nothing)."""
        reply = self._request({"op": "ping"})
        return {"pid": reply["pid"], "loaded": reply["loaded"]}

    def warm_up(self, progress: Progress | None = None) -> None:
        """Load deduce in the worker now, reporting progress as (Dutch stage, fraction)."""
        self._request({"op": "warm_up"}, progress)

    def anonymise(
        self,
        text: str,
        case: CaseLike = None,
        *,
        alias: str | None = None,
        reference_date: date | None = None,
        trajectory_start: date | None = None,
        progress: Progress | None = None,
    ) -> Result:
        """Anonymise one text in the worker; see `Anonymiser.anonymise`."""
        return self.anonymise_many(
            [text],
            case,
            alias=alias,
            reference_date=reference_date,
            trajectory_start=trajectory_start,
            progress=progress,
        )[0]

    def anonymise_many(
        self,
        texts: Iterable[str],
        case: CaseLike = None,
        *,
        alias: str | None = None,
        reference_date: date | None = None,
        trajectory_start: date | None = None,
        progress: Progress | None = None,
        reference_dates: Sequence[date | None] | None = None,
    ) -> list[Result]:
        """Anonymise the parts of one summary in the worker, one numbering of people across them.

        `reference_dates` gives each part its own date (the note's), from which dates without a
        year are placed; see `Anonymiser.anonymise_many`.
        """
        # A Case goes as its people and places: the worker builds the table, so this process never
        # loads wordfreq (a second and a half on the first summary, in the app's own process).
        known = (
            {"case": case_payload(case)} if isinstance(case, Case) else {"known": known_table(case, alias).to_dict()}
        )
        reply = self._request(
            {
                "op": "anonymise",
                "texts": list(texts),
                **known,
                "alias": alias,
                "reference_date": (reference_date or clock.today()).isoformat(),
                "trajectory_start": trajectory_start.isoformat() if trajectory_start else None,
                "reference_dates": [when.isoformat() if when else None for when in reference_dates or []],
            },
            progress,
        )
        return [Result.from_dict(item) for item in reply["results"]]


_YOUTH_FIELDS = ("first_name", "last_name", "nickname", "phone", "email", "school", "employer", "coach")
_NETWORK_FIELDS = ("name", "relation", "kind", "organisation", "phone", "email")


def case_payload(case: Case) -> dict[str, Any]:
    """What the known table is built from, JSON-safe: the young person's names and places and the network."""
    youth = case.youth
    address = youth.address
    return {
        "youth": {name: getattr(youth, name) for name in _YOUTH_FIELDS},
        "birth_date": youth.birth_date.isoformat() if youth.birth_date else None,
        "started_on": youth.started_on.isoformat() if youth.started_on else None,
        "address": [address.street, address.postcode, address.city] if address else None,
        "network": [{name: getattr(person, name) for name in _NETWORK_FIELDS} for person in case.network],
    }


def case_from_payload(data: dict[str, Any]) -> Case:
    """The Case (names and places only) that `case_payload` described."""
    address = data.get("address")
    youth = Youth(
        **{name: data["youth"].get(name) for name in _YOUTH_FIELDS},
        birth_date=_date(data.get("birth_date")),
        started_on=_date(data.get("started_on")),
        address=Address(*address) if address else None,
    )
    return Case(youth, network=[NetworkPerson(**person) for person in data.get("network", [])])


def build_cache(progress: Progress | None = None) -> bool:
    """Build deduce's lookup cache in the user cache dir ahead of need; False when it was already there.

    Runs in a short-lived worker process, so the caller's memory stays small.
    """
    from coach.privacy.deduce_engine import cache_is_built

    if cache_is_built():
        if progress is not None:
            progress("klaar", 1.0)
        return False
    with AnonymiserClient(idle_timeout=30.0) as client:
        client.warm_up(progress)
    return True


if __name__ == "__main__":
    main()
