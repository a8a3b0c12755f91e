"""The worker process: round trip, idle exit, restart, and errors as Dutch exceptions (deduce is not loaded)."""

from __future__ import annotations

import sys
import time

import pytest
from helpers import wait_until_sync

from coach.privacy import worker
from coach.privacy.worker import AnonymiserClient, AnonymiserError


def test_round_trip_and_idle_exit() -> None:
    with AnonymiserClient(idle_timeout=1.0) as client:
        first = client.ping()
        assert first["loaded"] is False  # a ping does not load deduce
        assert client.running()
        assert wait_until_sync(lambda: not client.running(), timeout=10), "the worker should end itself when idle"
        # The next request starts a fresh worker transparently.
        second = client.ping()
        assert second["pid"] != first["pid"]
    assert not client.running()


def test_request_just_after_idle_exit_is_retried() -> None:
    with AnonymiserClient(idle_timeout=0.5) as client:
        client.ping()
        time.sleep(0.6)  # the worker is exiting or gone
        assert client.ping()["loaded"] is False


def test_invalid_request_is_a_dutch_error_without_loading_deduce() -> None:
    with AnonymiserClient(idle_timeout=30) as client:
        with pytest.raises(AnonymiserError, match="Ongeldig verzoek"):
            client._request({"op": "anonymise", "texts": [1, 2]})
        with pytest.raises(AnonymiserError, match="Ongeldig verzoek"):
            client._request({"op": "iets"})
        assert client.ping()["loaded"] is False


def test_hung_worker_times_out() -> None:
    silent = [sys.executable, "-c", "import time; time.sleep(60)"]
    client = AnonymiserClient(silence_timeout=1.0, command=silent)
    started = time.monotonic()
    with pytest.raises(AnonymiserError, match="reageert niet"):
        client.ping()
    assert time.monotonic() - started < 10
    assert not client.running()
    client.close()


def test_crashing_worker_is_an_error_not_a_hang() -> None:
    crash = [sys.executable, "-c", "import sys; sys.stdin.readline(); sys.exit(3)"]
    client = AnonymiserClient(silence_timeout=5.0, command=crash)
    with pytest.raises(AnonymiserError, match="onverwacht gestopt"):
        client.ping()
    client.close()


def test_missing_python_is_an_error() -> None:
    client = AnonymiserClient(command=["/nonexistent/python"])
    with pytest.raises(AnonymiserError, match="kon niet starten"):
        client.ping()


def test_build_cache_skips_when_built(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("coach.privacy.deduce_engine.cache_is_built", lambda: True)
    seen = []
    assert worker.build_cache(lambda stage, fraction: seen.append((stage, fraction))) is False
    assert seen == [("klaar", 1.0)]


def test_worker_logs_no_text(tmp_path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COACH_CACHE_DIR", str(tmp_path))
    with AnonymiserClient(idle_timeout=30) as client:
        with pytest.raises(AnonymiserError):
            client._request({"op": "anonymise", "texts": "Geheime naam Sanne"})
    log = (tmp_path / "anonymiser-worker.log").read_text(encoding="utf-8")
    assert "Sanne" not in log


def test_a_case_travels_to_the_worker_as_its_names_and_places() -> None:
    """The worker builds the same table the app would have; the app never needs wordfreq for it."""
    import json
    import subprocess
    from datetime import date

    from coach.domain.model import Address, Case, NetworkPerson, Youth
    from coach.privacy.known import build_known

    case = Case(
        Youth(
            "Sanne",
            last_name="Visser",
            nickname="San",
            birth_date=date(2007, 5, 14),
            started_on=date(2026, 1, 5),
            address=Address("Molenstraat 12a", "8011 AB", "Zwolle"),
            school="Rijn IJssel College",
            phone="06-12345678",
        ),
        network=[NetworkPerson("Hakan Yıldız", "jobcoach", "professioneel", organisation="Werkplein Ede")],
    )
    travelled = worker.case_from_payload(json.loads(json.dumps(worker.case_payload(case))))
    assert build_known(travelled) == build_known(case)
    script = (
        "import sys\nfrom coach.domain.model import Case, Youth\nfrom coach.privacy.known import person_names\n"
        "names = person_names(Case(Youth('Sanne', last_name='Visser', school='Rijn IJssel College')))\n"
        "print('Visser' in names, 'wordfreq' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["True", "False"]
