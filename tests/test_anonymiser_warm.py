"""Deduce warmed after the first frame: only with its cache built, handed once to the first review screen."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from coach.privacy import deduce_engine, worker
from coach.tui import anonymiser_warm
from coach.tui.screens import intervision


class Client:
    """Stands in for AnonymiserClient: records its warm-up instead of loading deduce."""

    made: list[Client] = []

    def __init__(self, **_: object) -> None:
        self.warmed = threading.Event()
        self.closed = False
        Client.made.append(self)

    def warm_up(self, progress=None) -> None:
        self.warmed.set()

    def abort(self) -> None:
        pass

    def close(self) -> None:
        self.closed = True


@pytest.fixture(autouse=True)
def fake_client(monkeypatch: pytest.MonkeyPatch) -> None:
    Client.made = []
    monkeypatch.setattr(worker, "AnonymiserClient", Client)
    anonymiser_warm.take_client()  # nothing left from another test


def test_nothing_is_started_before_the_cache_is_built(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(deduce_engine, "cache_is_built", lambda: False)
    assert anonymiser_warm.start_warming() is False
    assert Client.made == [] and anonymiser_warm.take_client() is None


def test_a_warmed_client_goes_to_the_first_review_screen_only(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(deduce_engine, "cache_is_built", lambda: True)
    assert anonymiser_warm.start_warming() is True
    assert anonymiser_warm.start_warming() is True  # a second call starts no second worker
    [client] = Client.made
    assert client.warmed.wait(5)
    for _ in range(100):
        if anonymiser_warm.is_warm():
            break
        threading.Event().wait(0.01)
    assert anonymiser_warm.is_warm()
    assert intervision.make_client() is client
    assert not anonymiser_warm.is_warm()
    assert intervision.make_client() is not client  # the next screen starts its own


async def test_the_app_warms_only_when_asked_and_after_its_first_frame(
    case_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from coach.tui.app import make_app

    started: list[bool] = []
    monkeypatch.setattr(anonymiser_warm, "start_warming", lambda: started.append(True) or True)
    app = make_app(case_db)
    async with app.run_test() as pilot:
        await pilot.pause(1.0)
    assert started == []
    app = make_app(case_db)
    app.warm_anonymiser = True
    async with app.run_test() as pilot:
        assert started == []  # not before the first frame
        for _ in range(100):
            if started:
                break
            await pilot.pause(0.05)
    assert started == [True]


def test_a_screen_that_takes_a_loading_client_sees_its_progress(monkeypatch: pytest.MonkeyPatch) -> None:
    heard: list[tuple[str, float]] = []
    stop = anonymiser_warm.follow(lambda stage, fraction: heard.append((stage, fraction)))
    anonymiser_warm._report("deduce laden", 0.4)
    stop()
    anonymiser_warm._report("klaar", 1.0)
    assert heard == [("deduce laden", 0.4)]
    # Coming in late: the latest step at once, unless loading is done.
    anonymiser_warm._report("deduce laden", 0.6)
    late: list[tuple[str, float]] = []
    anonymiser_warm.follow(lambda stage, fraction: late.append((stage, fraction)))()
    assert late == [("deduce laden", 0.6)]


async def test_never_built_the_app_builds_it_in_the_background_quietly(
    case_db: Path, monkeypatch: pytest.MonkeyPatch, notices
) -> None:
    from coach.tui.app import make_app

    built: list[bool] = []
    monkeypatch.setattr(anonymiser_warm, "start_warming", lambda: False)  # no cache yet: nothing to warm
    monkeypatch.setattr("coach.privacy.deduce_engine.cache_is_built", lambda: False)
    monkeypatch.setattr(
        "coach.privacy.worker.build_cache", lambda progress: (progress("opbouwen", 0.5), built.append(True))
    )
    app = make_app(case_db)
    app.warm_anonymiser = True
    async with app.run_test() as pilot:
        for _ in range(100):
            if built:
                break
            await pilot.pause(0.05)
        await app.workers.wait_for_complete()
        await pilot.pause()
    assert built == [True]
    # The coach did not ask: no progress notices, only that it is ready.
    assert not any("%" in notice for notice in notices) and any("staat klaar" in notice for notice in notices)
