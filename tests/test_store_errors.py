"""One error vocabulary at the store boundary: driver errors become StoreErrors, writers wait their turn,
and every save path survives a real SQLCipher write lock held by another program."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path

import pytest
import sqlcipher3
from conftest import small_caseload
from helpers import make_case, wait_until, youth_in_full
from safety_helpers import PASSPHRASE
from textual.widgets import Input, TextArea

import coach.store.db as store_db
from coach.privacy.anonymiser import Anonymiser
from coach.store.casefile import case_to_dict
from coach.store.cases import insert_cases
from coach.store.db import connect, open_db
from coach.store.errors import (
    DamagedDatabase,
    DatabaseBusy,
    DiskError,
    DiskFull,
    ReadOnlyDatabase,
    StoreError,
    WrongPassphrase,
    as_store_error,
    environment_kind,
    translate,
)
from coach.tui.app import CoachApp, make_app
from coach.tui.dialogs.confirm import Confirm
from coach.tui.dialogs.phase_dialog import PhaseDialog
from coach.tui.screens import intervision
from coach.tui.screens.caseload import CaseloadScreen
from coach.tui.screens.contact_entry import ContactEntryScreen
from coach.tui.screens.intake import IntakeScreen
from coach.tui.screens.intervision import IntervisionScreen
from coach.tui.screens.measurement import MeasurementScreen
from coach.tui.screens.release import ReleaseScreen
from coach.tui.screens.youth import YouthScreen
from coach.tui.widgets.caseload_table import CaseloadTable
from coach.tui.widgets.trajectory_timeline import TrajectoryTimeline

TODAY = date(2026, 3, 14)
NOOR, DAAN, SAMIRA = 1, 2, 3  # ids in conftest.small_caseload()
DRIVERS = [pytest.param(sqlite3, id="sqlite3"), pytest.param(sqlcipher3, id="sqlcipher3")]


# --- translating each kind of driver error -------------------------------------------------------


def caught(action: Callable[[], object]) -> Exception:
    try:
        action()
    except Exception as error:  # the driver's own class, whichever it is
        return error
    raise AssertionError("no error raised")


@pytest.mark.parametrize("driver", DRIVERS)
def test_a_held_write_lock_is_busy(driver, tmp_path):
    path = str(tmp_path / "x.db")
    first, second = driver.connect(path, timeout=0), driver.connect(path, timeout=0)
    first.execute("CREATE TABLE t (x)")
    first.commit()
    first.execute("BEGIN IMMEDIATE")
    error = caught(lambda: second.execute("BEGIN IMMEDIATE"))
    first.rollback()
    assert environment_kind(error) is DatabaseBusy
    problem = translate(error)
    assert isinstance(problem, DatabaseBusy) and "in gebruik door een ander programma" in problem.message


@pytest.mark.parametrize("driver", DRIVERS)
def test_a_read_only_database(driver):
    conn = driver.connect(":memory:")
    conn.execute("PRAGMA query_only = ON")
    problem = translate(caught(lambda: conn.execute("CREATE TABLE t (x)")))
    assert isinstance(problem, ReadOnlyDatabase) and "alleen-lezen" in problem.message


@pytest.mark.parametrize("driver", DRIVERS)
def test_a_full_disk(driver):
    conn = driver.connect(":memory:")
    conn.execute("CREATE TABLE t (x)")
    pages = conn.execute("PRAGMA page_count").fetchone()[0]
    conn.execute(f"PRAGMA max_page_count = {pages + 1}")
    problem = translate(caught(lambda: conn.execute("INSERT INTO t VALUES (?)", ["x" * 100_000])))
    assert isinstance(problem, DiskFull) and "schijf is vol" in problem.message


@pytest.mark.parametrize("driver", DRIVERS)
def test_a_file_that_is_no_database(driver, tmp_path):
    path = tmp_path / "x.db"
    path.write_bytes(b"Dit is een boodschappenlijstje, geen database. " * 100)
    conn = driver.connect(str(path))
    problem = translate(caught(lambda: conn.execute("SELECT * FROM sqlite_master").fetchall()))
    assert isinstance(problem, DamagedDatabase) and problem.offer_restore and "back-up" in problem.message


def test_a_page_damaged_under_an_open_database_is_told_at_the_row_that_reads_it(tmp_path):
    from coach.store.db import open_connection

    path = tmp_path / "coach.db"
    conn = open_connection(path)
    with conn:
        conn.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT)")
        conn.executemany("INSERT INTO notes (text) VALUES (?)", [("regel " * 40,) for _ in range(2000)])
    conn.close()
    conn = open_connection(path)
    pages = conn.execute("PRAGMA page_count").fetchone()[0]
    with path.open("r+b") as file:  # the last pages of the table, as a bad sector would leave them
        size = conn.execute("PRAGMA page_size").fetchone()[0]
        file.seek((pages - 5) * size)
        file.write(b"\xff" * size * 4)
    rows = conn.execute("SELECT text FROM notes ORDER BY id")
    with pytest.raises(DamagedDatabase):  # a row at a time, as the caseload's loops read
        for _ in rows:
            pass
    with pytest.raises(DamagedDatabase):
        cursor = conn.execute("SELECT text FROM notes ORDER BY id")
        while cursor.fetchone() is not None:
            pass
    conn.close()


@pytest.mark.parametrize("driver", DRIVERS)
def test_a_disk_error(driver):
    error = driver.OperationalError("disk I/O error")
    assert isinstance(translate(error), DiskError) and "schijffout" in translate(error).message


def test_a_wrong_key(tmp_path):
    path = tmp_path / "coach.db"
    open_db(path, passphrase=PASSPHRASE).close()
    with pytest.raises(WrongPassphrase) as refused:
        open_db(path, passphrase="een ander wachtwoord")
    assert "wachtwoord klopt niet" in refused.value.message


@pytest.mark.parametrize("driver", DRIVERS)
def test_our_own_mistakes_are_not_the_coachs(driver):
    conn = driver.connect(":memory:")
    conn.execute("CREATE TABLE t (x NOT NULL)")
    assert environment_kind(caught(lambda: conn.execute("SELEC 1"))) is None
    assert environment_kind(caught(lambda: conn.execute("INSERT INTO t VALUES (NULL)"))) is None
    # Still a StoreError (never a traceback) where the last line of defence asks.
    assert type(translate(caught(lambda: conn.execute("SELEC 1")))) is StoreError


def test_a_store_error_passes_unchanged_and_the_cli_hears_the_path():
    busy = DatabaseBusy()
    assert translate(busy) is busy and as_store_error(busy) is busy
    assert as_store_error(ValueError("geen database")) is None
    try:
        raise DatabaseBusy() from sqlcipher3.OperationalError("database is locked")
    except DatabaseBusy as error:
        worded = as_store_error(error, "/home/eva/coach.db")
    assert isinstance(worded, DatabaseBusy) and "/home/eva/coach.db is in gebruik" in worded.message


def test_store_errors_are_not_driver_errors():
    for kind in (StoreError, DatabaseBusy, ReadOnlyDatabase, DiskFull, DamagedDatabase, WrongPassphrase, DiskError):
        assert not issubclass(kind, (sqlite3.Error, sqlcipher3.Error))
        assert kind().message  # every kind has its Dutch default


# --- the store's connection, with another program holding the write lock ------------------------


@pytest.fixture(autouse=True)
def short_busy_timeout(monkeypatch: pytest.MonkeyPatch) -> None:
    """A held lock is reported after 0.1 s instead of the coach's 5 s."""
    monkeypatch.setattr(store_db, "BUSY_TIMEOUT_MS", 100)


@pytest.fixture
def encrypted_db(tmp_path: Path) -> Path:
    """The conftest caseload in an encrypted file, as coaches have it."""
    path = tmp_path / "coach.db"
    db = open_db(path, passphrase=PASSPHRASE)
    insert_cases(db, small_caseload())
    db.close()
    return path


class WriteLock:
    """Another program's connection to the same encrypted file, holding the write lock while `held`."""

    def __init__(self, path: Path) -> None:
        self._conn = connect(path, PASSPHRASE)

    @contextmanager
    def held(self) -> Iterator[None]:
        self._conn.execute("BEGIN IMMEDIATE")
        try:
            yield
        finally:
            self._conn.rollback()

    def close(self) -> None:
        self._conn.close()


@pytest.fixture
def other_program(encrypted_db: Path) -> Iterator[WriteLock]:
    lock = WriteLock(encrypted_db)
    yield lock
    lock.close()


def test_every_way_of_writing_waits_then_says_busy(encrypted_db: Path, other_program: WriteLock):
    db = open_db(encrypted_db, passphrase=PASSPHRASE)
    writes: list[Callable[[], object]] = [
        lambda: db.execute("UPDATE youths SET coach = 'Ruben' WHERE id = 1"),
        lambda: db["youths"].update(1, {"coach": "Ruben"}),
        lambda: db.conn.executemany("UPDATE youths SET coach = ? WHERE id = ?", [("Ruben", 1)]),
        lambda: insert_cases(db, [make_case("Roos", full=True)]),
    ]
    with other_program.held():
        for write in writes:
            start = time.monotonic()
            with pytest.raises(DatabaseBusy):
                write()
            assert time.monotonic() - start >= 0.09  # it waited its busy timeout first
        assert db.execute("SELECT count(*) FROM youths").fetchone()[0] == 4  # reading goes on
    [roos] = insert_cases(db, [make_case("Roos", full=True)])  # afterwards all is well again
    assert db.execute("SELECT first_name FROM youths WHERE id = ?", [roos]).fetchone()[0] == "Roos"
    db.close()


def test_a_transaction_takes_the_lock_before_it_reads(encrypted_db: Path, other_program: WriteLock):
    # A deferred transaction that has read cannot wait for the lock: it fails at its first write.
    db = open_db(encrypted_db, passphrase=PASSPHRASE)
    with other_program.held(), pytest.raises(DatabaseBusy), db.atomic():
        pytest.fail("the transaction began without the write lock")
    db.close()


# --- two imports at once, from the command line ------------------------------------------------


def start_import(db_path: Path, case_files: list[Path]) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "coach", "--db", str(db_path), "import", *map(str, case_files)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "COACH_PASSPHRASE": PASSPHRASE},
    )


@pytest.mark.parametrize("held", [True, False], ids=["lock-held-at-start", "free-race"])
def test_two_imports_at_once_both_succeed(encrypted_db: Path, tmp_path: Path, held: bool):
    batches: list[list[Path]] = []
    for name in ("Roos", "Bas"):
        batch = []
        for n in range(10):
            path = tmp_path / f"{name}{n}.json"
            path.write_text(json.dumps(case_to_dict(make_case(f"{name}{n}", full=True))), encoding="utf-8")
            batch.append(path)
        batches.append(batch)
    lock = WriteLock(encrypted_db)
    try:
        if held:
            # Both start while another program writes: both must wait, then go one after the other.
            with lock.held():
                runs = [start_import(encrypted_db, batch) for batch in batches]
                time.sleep(1.0)
        else:
            runs = [start_import(encrypted_db, batch) for batch in batches]
        results = [(run.wait(timeout=60), *run.communicate()) for run in runs]
    finally:
        lock.close()
    for code, _out, err in results:
        assert code == 0, err
        assert "Traceback" not in err
    db = open_db(encrypted_db, passphrase=PASSPHRASE)
    names = {row[0] for row in db.execute("SELECT first_name FROM youths")}
    db.close()
    assert {f"{name}{n}" for name in ("Roos", "Bas") for n in range(10)} <= names


# --- every save path of the app ------------------------------------------------------------------


async def open_youth(app: CoachApp, pilot, youth_id: int) -> YouthScreen:
    await wait_until(pilot, lambda: isinstance(app.screen, CaseloadScreen) and app.screen.query(CaseloadTable))
    app.open_youth(youth_id)
    await wait_until(pilot, lambda: isinstance(app.screen, YouthScreen) and app.screen.query(TrajectoryTimeline))
    return app.screen


def rows(path: Path, sql: str, params=()) -> list[tuple]:
    db = open_db(path, passphrase=PASSPHRASE)
    try:
        return [tuple(row) for row in db.execute(sql, params).fetchall()]
    finally:
        db.close()


BUSY = "in gebruik door een ander programma"


def busy_notice(notices: list[str]) -> bool:
    return any(BUSY in notice for notice in notices)


async def test_contact_entry_keeps_the_form_when_busy(encrypted_db: Path, other_program: WriteLock, notices) -> None:
    app = make_app(encrypted_db, today=TODAY, passphrase=PASSPHRASE)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_youth(app, pilot, DAAN)
        await pilot.press("c")
        await wait_until(pilot, lambda: isinstance(app.screen, ContactEntryScreen))
        form = app.screen
        await pilot.press(*"gisteren 14:00")
        form.query_one("#note", TextArea).text = "Samen naar het UWV geweest."
        await pilot.pause()
        with other_program.held():
            await pilot.press("ctrl+s")
            await wait_until(pilot, lambda: busy_notice(notices))
            assert app.screen is form and form.query_one("#note", TextArea).text == "Samen naar het UWV geweest."
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: youth_in_full(app))
    assert rows(encrypted_db, "SELECT note FROM contacts WHERE youth_id = ? AND note LIKE 'Samen%'", [DAAN]) == [
        ("Samen naar het UWV geweest.",)
    ]


async def test_intake_keeps_typing_and_saves_once_free(encrypted_db: Path, other_program: WriteLock, notices) -> None:
    app = make_app(encrypted_db, today=TODAY, passphrase=PASSPHRASE)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_youth(app, pilot, SAMIRA)
        await pilot.press("i")
        await wait_until(pilot, lambda: isinstance(app.screen, IntakeScreen))
        with other_program.held():
            await pilot.press(*"Haar kat Minoes")
            await wait_until(pilot, lambda: any("lukte even niet" in n or BUSY in n for n in notices))
            assert isinstance(app.screen, IntakeScreen)
        # The screen tries again by itself; the words reach the database.
        await wait_until(pilot, lambda: rows(encrypted_db, "SELECT 1 FROM warm_story WHERE text = 'Haar kat Minoes'"))


async def test_measurement_keeps_the_scores_when_busy(encrypted_db: Path, other_program: WriteLock, notices) -> None:
    app = make_app(encrypted_db, today=TODAY, passphrase=PASSPHRASE)
    async with app.run_test(size=(80, 24)) as pilot:
        youth = await open_youth(app, pilot, NOOR)
        await pilot.press("m")
        await wait_until(pilot, lambda: isinstance(app.screen, MeasurementScreen))
        screen = app.screen
        await pilot.press("4")
        await pilot.pause()
        with other_program.held():
            await pilot.press("ctrl+r")
            await wait_until(pilot, lambda: busy_notice(notices))
            assert app.screen is screen and screen.scores["financien"] == 4
        await pilot.press("ctrl+r")
        await wait_until(pilot, lambda: app.screen is youth)
    assert rows(
        encrypted_db,
        "SELECT score FROM assessments WHERE youth_id = ? AND date = ? AND domain = 'financien'",
        [NOOR, TODAY.isoformat()],
    ) == [(4,)]


async def test_a_phase_change_is_offered_again_when_busy(encrypted_db: Path, other_program: WriteLock) -> None:
    app = make_app(encrypted_db, today=TODAY, passphrase=PASSPHRASE)
    async with app.run_test(size=(200, 50)) as pilot:
        await open_youth(app, pilot, SAMIRA)
        await pilot.press("p")
        await wait_until(pilot, lambda: isinstance(app.screen, PhaseDialog))
        await pilot.click("#to-begeleiding")  # Samira is in intake
        app.screen.query_one("#phase-note", Input).value = "Gaat goed zo."
        with other_program.held():
            await pilot.click("#phase-ok")
            await wait_until(pilot, lambda: isinstance(app.screen, Confirm))
            assert BUSY in str(app.screen.query_one("#confirm-question").render())
        await pilot.press("j")  # try again, with the same choice and note
        await wait_until(pilot, lambda: youth_in_full(app))
        await app.workers.wait_for_complete()
    assert rows(
        encrypted_db, "SELECT phase, note FROM phases WHERE youth_id = ? ORDER BY id DESC LIMIT 1", [SAMIRA]
    ) == [("begeleiding", "Gaat goed zo.")]


async def test_release_screen_keeps_its_input_when_busy(encrypted_db: Path, other_program: WriteLock, notices) -> None:
    app = make_app(encrypted_db, today=TODAY, passphrase=PASSPHRASE)
    async with app.run_test(size=(200, 50)) as pilot:
        await open_youth(app, pilot, NOOR)
        await pilot.press("a")
        await wait_until(pilot, lambda: isinstance(app.screen, ReleaseScreen))
        screen = app.screen
        screen.query_one("#confidence-score", Input).value = "4"
        screen.query_one("#confidence-words", Input).value = "Ik kan het wel"
        with other_program.held():
            await pilot.click("#confidence-save")
            await wait_until(pilot, lambda: busy_notice(notices))
            assert app.screen is screen and screen.query_one("#confidence-words", Input).value == "Ik kan het wel"
        await pilot.click("#confidence-save")
        await wait_until(pilot, lambda: rows(encrypted_db, "SELECT score, words FROM confidence WHERE youth_id = 1"))
    assert rows(encrypted_db, "SELECT score, words FROM confidence WHERE youth_id = ?", [NOOR]) == [
        (4, "Ik kan het wel")
    ]


class LocalAnonymiser:
    """Stands in for the anonymiser's worker process: nothing to hide in these notes."""

    def __init__(self) -> None:
        self._anonymiser = Anonymiser(lambda text: [])

    def warm_up(self, progress=None) -> None:
        return None

    def anonymise_many(self, texts, case=None, **kwargs):
        return self._anonymiser.anonymise_many(texts, case, **kwargs)

    def abort(self) -> None:
        return None

    def close(self) -> None:
        return None


async def test_intervision_question_stays_in_the_field_when_busy(
    encrypted_db: Path, other_program: WriteLock, monkeypatch: pytest.MonkeyPatch, tmp_path: Path, notices
) -> None:
    monkeypatch.setattr(intervision, "make_client", LocalAnonymiser)
    monkeypatch.setenv("COACH_CONFIG", str(tmp_path / "geen-config.toml"))
    app = make_app(encrypted_db, today=TODAY, passphrase=PASSPHRASE)
    async with app.run_test(size=(200, 50)) as pilot:
        await open_youth(app, pilot, NOOR)
        await pilot.press("s")
        await wait_until(pilot, lambda: isinstance(app.screen, IntervisionScreen))
        screen = app.screen
        await pilot.press("e")
        field = screen.query_one("#iv-question", TextArea)
        field.clear()
        with other_program.held():
            await pilot.press(*"Hoe help ik bij het loslaten?")
            await wait_until(pilot, lambda: any("Je vraag staat nog in het veld" in n for n in notices))
            assert field.text == "Hoe help ik bij het loslaten?"
        await pilot.press(" ")  # the next change saves it all
        await wait_until(
            pilot,
            lambda: (
                rows(encrypted_db, "SELECT intervision_question FROM youths WHERE id = 1")
                == [("Hoe help ik bij het loslaten?",)]
            ),
        )
