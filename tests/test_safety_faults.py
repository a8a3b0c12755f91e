"""Faults: killed mid-write, a read-only or full disk, a second window, a damaged or foreign file."""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import sys
import time
from contextlib import closing
from datetime import date
from pathlib import Path

import pytest
from helpers import make_case
from safety_helpers import PASSPHRASE, call, fingerprint, make_db

from coach.store.backup import auto_backup
from coach.store.casefile import case_to_dict
from coach.store.cases import insert_cases
from coach.store.db import DatabaseBusy, DiskFull, explain, open_db
from coach.store.instance import InstanceLock

TESTS = Path(__file__).parent
# (passphrase, kills): an encrypted database, and a plain one side by side. Every
# encrypted open costs a deliberately slow key derivation, so the plain lane
# takes most of the kills; the writing and its crash safety are the same.
LANES = ((PASSPHRASE, 60), (None, 140))


@pytest.mark.slow
def test_killing_the_writer_200_times_loses_no_acknowledged_write(tmp_path):
    paths = [tmp_path / f"lane{number}.db" for number in range(len(LANES))]
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(TESTS), os.environ.get("PYTHONPATH", "")])}
    lanes = [
        subprocess.Popen(
            [sys.executable, str(TESTS / "fault_writer.py"), str(path), passphrase or "", str(kills), str(number)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
        )
        for number, (path, (passphrase, kills)) in enumerate(zip(paths, LANES, strict=False))
    ]
    kills = while_writing = acknowledged_total = 0
    for path, lane, (passphrase, _) in zip(paths, lanes, LANES, strict=False):
        out, err = lane.communicate(timeout=120)
        assert lane.returncode == 0, err
        report = json.loads(out)
        kills += report["kills"]
        while_writing += report["killed_while_writing"]
        acknowledged = set(report["acknowledged"])
        acknowledged_total += len(acknowledged)
        db = open_db(path, passphrase=passphrase)
        assert db.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        present = {row[0] for row in db.execute("SELECT id FROM youths")}
        assert acknowledged <= present, f"lost: {sorted(acknowledged - present)[:10]}"
        # every case is whole or absent: no transaction was cut in half
        broken = db.execute(
            """SELECT y.id FROM youths y WHERE
                 (SELECT count(*) FROM contacts c WHERE c.youth_id = y.id) != 3
              OR (SELECT count(*) FROM contacts c WHERE c.youth_id = y.id AND c.note = 'bijgewerkt ' || y.id) != 2
              OR (SELECT count(*) FROM agreements a WHERE a.youth_id = y.id) != 2
              OR (SELECT count(*) FROM revisions r WHERE r.youth_id = y.id) != 2"""
        ).fetchall()
        assert broken == []
        assert db.execute("SELECT count(*) FROM contacts_fts WHERE contacts_fts MATCH 'bijgewerkt'").fetchone()[
            0
        ] == 2 * len(present)
        db.close()
    print(f"\n{kills} kills ({while_writing} while writing), {acknowledged_total} acknowledged cases, none lost")
    assert kills == 200 and while_writing >= kills // 2 and acknowledged_total > kills


def without_root_privilege() -> list[str]:
    """A command prefix under which file permissions hold (root passes them otherwise)."""
    if os.geteuid() != 0:
        return []
    if shutil.which("setpriv") is None:
        pytest.skip("root without setpriv: file permissions cannot be tested")
    return ["setpriv", "--inh-caps=-dac_override,-dac_read_search", "--bounding-set=-dac_override,-dac_read_search"]


def run_coach(
    *args: str, env: dict[str, str] | None = None, prefix: list[str] | None = None
) -> subprocess.CompletedProcess:
    return subprocess.run(
        [*(prefix or []), sys.executable, "-m", "coach", *args],
        capture_output=True,
        text=True,
        env={**os.environ, "COACH_PASSPHRASE": PASSPHRASE, **(env or {})},
        timeout=60,
    )


@pytest.mark.parametrize("read_only_folder", [False, True])
def test_a_read_only_file_or_folder_gets_a_dutch_message_and_stays_whole(tmp_path, read_only_folder):
    folder = tmp_path / "map"
    folder.mkdir()
    path = folder / "coach.db"
    make_db(path)
    before = fingerprint(path)
    path.chmod(0o444)
    if read_only_folder:
        folder.chmod(0o555)
    try:
        prefix = without_root_privilege()
        for args in (["caseload"], []):  # a command, and the app itself
            result = run_coach("--db", str(path), *args, prefix=prefix)
            assert result.returncode == 1 and "Traceback" not in result.stderr
            assert "alleen-lezen" in result.stderr or "schrijven" in result.stderr, result.stderr
    finally:
        folder.chmod(0o755)
        path.chmod(0o644)
    assert fingerprint(path) == before


def test_a_full_disk_says_so_and_keeps_what_was_there():
    db = open_db(memory=True)
    [first] = insert_cases(db, [make_case("Eerst", full=True)])
    pages = db.execute("PRAGMA page_count").fetchone()[0]
    db.execute(f"PRAGMA max_page_count = {pages + 2}")  # the disk is as good as full
    big = make_case("Groot", full=True)
    big.contacts[0].note = "lang verhaal " * 50_000
    with pytest.raises(Exception) as caught:
        insert_cases(db, [big])
    problem = explain(caught.value)
    assert isinstance(problem, DiskFull) and "schijf is vol" in str(problem) and "niet opgeslagen" in str(problem)
    assert db.execute("SELECT id FROM youths").fetchall() == [(first,)]
    assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


@pytest.fixture
def tiny_disk(tmp_path):
    """A 2 MB file system (root only): a disk that fills up for real (a new database takes about half)."""
    mount_point = tmp_path / "klein"
    mount_point.mkdir()
    if (
        os.geteuid() != 0
        or subprocess.run(
            ["mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", str(mount_point)], capture_output=True
        ).returncode
        != 0
    ):
        pytest.skip("cannot mount a small file system here")
    try:
        yield mount_point
    finally:
        subprocess.run(["umount", str(mount_point)], check=True)


def test_a_really_full_disk_on_import(tiny_disk, tmp_path):
    path = tiny_disk / "coach.db"
    make_db(path, names=("Eerst",))
    big = make_case("Groot", full=True)
    # Each note under the 1 MB a note may hold, together more than the disk holds.
    assert len(big.contacts) >= 3
    for contact in big.contacts:
        contact.note = "lang verhaal " * 70_000  # 910 KB
    case_file = tmp_path / "groot.json"
    case_file.write_text(json.dumps(case_to_dict(big)), encoding="utf-8")
    result = run_coach("--db", str(path), "import", str(case_file))
    assert result.returncode == 1 and "schijf is vol" in result.stderr and "Traceback" not in result.stderr
    db = open_db(path, passphrase=PASSPHRASE)
    assert db.execute("SELECT first_name FROM youths").fetchall() == [("Eerst",)]
    assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    db.close()


@pytest.mark.slow
def test_a_second_running_app_is_told_and_nothing_breaks(tmp_path, capsys, monkeypatch):
    path = tmp_path / "coach.db"
    make_db(path)
    first = subprocess.Popen(
        [sys.executable, "-m", "coach", "--db", str(path)],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        env={
            **os.environ,
            "COACH_PASSPHRASE": PASSPHRASE,
            "COACH_TODAY": "2026-03-14",
            "TEXTUAL_DRIVER": "textual.drivers.headless_driver:HeadlessDriver",
        },
    )
    try:
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:  # until the first app holds its lock
            try:
                InstanceLock(path).acquire().release()
            except DatabaseBusy:
                break
            assert first.poll() is None, first.stderr.read()
            time.sleep(0.1)
        monkeypatch.setenv("COACH_DB", str(path))
        monkeypatch.setenv("COACH_PASSPHRASE", PASSPHRASE)
        monkeypatch.setenv("COACH_NEW_PASSPHRASE", "een heel ander wachtwoord")
        for args in ([], ["passphrase"], ["erase", "1", "--bevestig", "x"]):
            code, _, err = call(capsys, *args)
            assert code == 1 and "al geopend" in err, (args, err)
        code, out, _ = call(capsys, "caseload", "--json")  # looking is fine
        assert code == 0 and len(json.loads(out)) == 2
    finally:
        first.terminate()
        first.wait(timeout=10)
    db = open_db(path, passphrase=PASSPHRASE)  # the passphrase was not changed under the app
    assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def damage_contacts(path: Path) -> None:
    """Let the pages holding the contacts and the caseload's facts (m017) go bad (the schema stays readable, so the file opens)."""
    with closing(sqlite3.connect(path)) as plain:  # the standard library's build has the dbstat table
        plain.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        pages = [
            row[0] for row in plain.execute("SELECT pageno FROM dbstat WHERE name IN ('contacts', '_caseload_facts')")
        ]
    data = bytearray(path.read_bytes())
    for page in pages:
        data[(page - 1) * 4096 + 8 : page * 4096] = bytes((n * 37) % 256 for n in range(4088))
    path.write_bytes(bytes(data))


def test_a_damaged_file_gets_a_message_and_the_offer_to_restore(tmp_path, capsys, monkeypatch):
    path = tmp_path / "coach.db"
    make_db(path, passphrase=None)
    db = open_db(path)
    auto_backup(db, path, date(2026, 3, 13))
    db.close()
    damage_contacts(path)
    before = fingerprint(path)
    monkeypatch.setenv("COACH_DB", str(path))
    monkeypatch.setenv("COACH_TODAY", "2026-03-14")
    code, out, err = call(capsys, "caseload")
    assert code == 1 and out == "" and "Traceback" not in err
    assert (
        "beschadigd" in err
        and "13-03-2026" in err
        and f"restore {path.parent / 'backups' / 'coach-2026-03-13.db'}" in err
    )
    assert fingerprint(path) == before
    # and following the offer brings the data back
    code, _, err = call(capsys, "restore", str(path.parent / "backups" / "coach-2026-03-13.db"), "--ja")
    assert code == 0, err
    code, out, _ = call(capsys, "caseload", "--json")
    assert code == 0 and len(json.loads(out)) == 2


def test_a_foreign_file_gets_a_message_and_stays_as_it_was(tmp_path, capsys, monkeypatch):
    path = tmp_path / "coach.db"
    picture = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 64
    path.write_bytes(picture)
    monkeypatch.setenv("COACH_DB", str(path))
    monkeypatch.setenv("COACH_PASSPHRASE", PASSPHRASE)
    for args in (["caseload"], []):
        code, _, err = call(capsys, *args)
        assert code == 1 and "geen (gave) coach-database" in err and "ander soort bestand" in err, err
        assert "back-up" in err
    assert path.read_bytes() == picture
