"""Backups: encrypted like the source, checked before they count, rotated, restored safely."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from helpers import make_case, wait_until
from safety_helpers import PASSPHRASE, RARE_NAME, call, fingerprint, make_db, on_disk

from coach.store.backup import (
    auto_backup,
    auto_backups,
    backup_dir,
    check_backup,
    make_backup,
    restore_backup,
)
from coach.store.cases import insert_cases, youth_ids
from coach.store.db import DamagedDatabase, DatabaseBusy, WrongPassphrase, file_kind, open_db
from coach.store.instance import InstanceLock

NOW = datetime(2026, 3, 14, 9, 30)


@pytest.fixture
def encrypted(tmp_path, monkeypatch) -> Path:
    """An encrypted database with two cases, as COACH_DB with its passphrase set."""
    path = tmp_path / "coach.db"
    make_db(path)
    monkeypatch.setenv("COACH_DB", str(path))
    monkeypatch.setenv("COACH_PASSPHRASE", PASSPHRASE)
    return path


def corrupt(path: Path, start: int = 4096) -> None:
    """Overwrite everything from `start` on with noise (a disk that went bad)."""
    data = bytearray(path.read_bytes())
    for offset in range(start, len(data), 7):
        data[offset] = (offset * 31) % 251
    path.write_bytes(bytes(data))


def test_backup_is_encrypted_like_its_source_and_opens_with_the_passphrase(encrypted, tmp_path, capsys):
    target_dir = tmp_path / "usb"
    code, out, err = call(capsys, "backup", str(target_dir))
    assert code == 0, err
    backup = Path(out.strip())
    assert backup.parent == target_dir and backup.exists()
    assert file_kind(backup) == "encrypted" and RARE_NAME.encode() not in on_disk(backup)
    assert not Path(f"{backup}-wal").exists()  # one file that stands alone
    assert check_backup(backup, PASSPHRASE) == 2
    with pytest.raises(WrongPassphrase):
        check_backup(backup, "een ander wachtwoord")


def test_a_plain_database_gets_a_plain_backup(tmp_path):
    path = tmp_path / "plain.db"
    make_db(path, passphrase=None)
    db = open_db(path)
    backup = make_backup(db, tmp_path / "b.db")
    assert file_kind(backup) == "plain" and check_backup(backup, None) == 2


def test_backup_then_restore_brings_the_old_state_back_and_keeps_the_current_file(encrypted, tmp_path, capsys):
    code, out, _ = call(capsys, "backup")
    backup = Path(out.strip())
    assert code == 0 and backup.parent == backup_dir(encrypted)
    db = open_db(encrypted, passphrase=PASSPHRASE)
    insert_cases(db, [make_case("Later", full=True)])
    db.close()

    code, out, err = call(capsys, "restore", str(backup), "--ja")
    assert code == 0, err
    assert "in orde (onbeschadigd): 2 jongeren" in err and "Teruggezet" in out
    db = open_db(encrypted, passphrase=PASSPHRASE)
    assert db.execute("SELECT first_name FROM youths ORDER BY id").fetchall() == [(RARE_NAME,), ("Bas",)]
    assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    db.close()
    [kept] = list(encrypted.parent.glob("coach-voor-herstel-*.db"))
    old = open_db(kept, passphrase=PASSPHRASE)
    assert len(youth_ids(old)) == 3  # the state before the restore is still there


def test_restore_checks_the_backup_first_and_changes_nothing_when_it_is_damaged(encrypted, tmp_path, capsys):
    code, out, _ = call(capsys, "backup")
    backup = Path(out.strip())
    corrupt(backup)
    before = fingerprint(encrypted)
    code, _, err = call(capsys, "restore", str(backup), "--ja")
    assert code == 1 and "beschadigd" in err and "niets veranderd" in err
    assert fingerprint(encrypted) == before
    assert not list(encrypted.parent.glob("*herstel*"))


def test_restore_refuses_a_foreign_file_and_a_missing_one(encrypted, tmp_path, capsys):
    picture = tmp_path / "foto.png"
    picture.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 40)
    before = fingerprint(encrypted)
    code, _, err = call(capsys, "restore", str(picture), "--ja")
    assert code == 1 and "geen back-up van coach" in err
    code, _, err = call(capsys, "restore", str(tmp_path / "weg.db"), "--ja")
    assert code == 1 and "bestaat niet" in err
    assert fingerprint(encrypted) == before


def test_restore_asks_for_confirmation(encrypted, capsys):
    code, out, _ = call(capsys, "backup")
    before = fingerprint(encrypted)
    code, _, err = call(capsys, "restore", out.strip())
    assert code == 2 and "--ja" in err
    assert fingerprint(encrypted) == before


def test_restore_waits_for_the_app_to_close(encrypted, tmp_path):
    db = open_db(encrypted, passphrase=PASSPHRASE)
    backup = make_backup(db, tmp_path / "b.db")
    db.close()
    with InstanceLock(encrypted):
        with pytest.raises(DatabaseBusy, match="al geopend"):
            restore_backup(encrypted, backup, PASSPHRASE, now=NOW)
    assert restore_backup(encrypted, backup, PASSPHRASE, now=NOW) is not None


def test_rotation_keeps_the_newest_seven(tmp_path):
    path = tmp_path / "coach.db"
    make_db(path)
    db = open_db(path, passphrase=PASSPHRASE)
    first = date(2026, 3, 1)
    for day in range(10):
        assert auto_backup(db, path, first + timedelta(days=day)) is not None
    assert auto_backup(db, path, first + timedelta(days=9)) is None  # one a day
    kept = auto_backups(path)
    assert [info.day for info in kept] == [first + timedelta(days=day) for day in range(9, 2, -1)]
    # Seven backups, each with its checksum beside it, and nothing else (the rotated ones' checksums go too).
    expected = {info.path.name for info in kept} | {info.path.name + ".sha256" for info in kept}
    assert {item.name for item in backup_dir(path).iterdir()} == expected
    assert all(check_backup(info.path, PASSPHRASE) == 2 for info in kept)


def test_a_damaged_database_never_pushes_good_backups_out(tmp_path):
    path = tmp_path / "coach.db"
    make_db(path, passphrase=None, names=tuple(f"Jongere{n}" for n in range(40)))
    db = open_db(path)
    for day in range(1, 8):
        auto_backup(db, path, date(2026, 3, day))
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.close()
    with closing(sqlite3.connect(path)) as plain:  # the standard library's build has the dbstat table
        pages = [row[0] for row in plain.execute("SELECT pageno FROM dbstat WHERE name = 'contacts'")]
    # the pages of the contacts go bad; the schema stays readable, so the file still opens
    data = bytearray(path.read_bytes())
    for page in pages:
        data[(page - 1) * 4096 + 8 : page * 4096] = bytes((n * 37) % 256 for n in range(4088))
    path.write_bytes(bytes(data))
    db = open_db(path)
    with pytest.raises(DamagedDatabase, match="beschadigd"):
        auto_backup(db, path, date(2026, 3, 8))
    assert [info.day.day for info in auto_backups(path)] == [7, 6, 5, 4, 3, 2, 1]
    assert not [p for p in backup_dir(path).iterdir() if p.name.startswith(".")]


async def test_the_app_makes_todays_backup_a_moment_after_it_opens(case_db: Path, today: date):
    from coach.tui.app import make_app

    app = make_app(case_db, today=today)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert auto_backups(case_db) == []  # not while the first screen is being painted
        await wait_until(pilot, lambda: bool(auto_backups(case_db)))
        await app.workers.wait_for_complete()
        await pilot.pause()
    [made] = auto_backups(case_db)
    assert made.day == today and file_kind(made.path) == "plain"
    with closing(sqlite3.connect(made.path)) as copy:
        assert copy.execute("SELECT count(*) FROM youths").fetchone()[0] == len(youth_ids(open_db(case_db)))
