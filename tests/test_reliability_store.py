"""Issue 16 in the store: ids never reused, files private, backups checksummed, restore never decrypts,
pre-restore copies rotated, reads in the audit trail, passphrases normalised."""

from __future__ import annotations

import os
import sqlite3
import stat
import unicodedata
from contextlib import closing
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from helpers import database_before, make_case
from safety_helpers import PASSPHRASE, RARE_NAME, make_db, on_disk

from coach import paths
from coach.store.audit import access_for_youth, record_access
from coach.store.backup import (
    KEEP_BEFORE_RESTORE,
    check_backup,
    checksum_path,
    make_backup,
    restore_backup,
    restore_copies,
)
from coach.store.cases import insert_cases
from coach.store.db import DamagedDatabase, StoreError, WrongPassphrase, file_kind, open_db
from coach.store.erase import erase_youth

NOW = datetime(2026, 3, 14, 9, 30)


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


# 8. Ids are never reused


def test_an_erased_id_is_not_handed_out_again_even_after_a_restart(tmp_path):
    path = tmp_path / "coach.db"
    first, last = make_db(path, passphrase=None, names=("Sanne", RARE_NAME))
    db = open_db(path)
    erase_youth(db, last)
    db.close()
    db = open_db(path)  # a new process, as it were
    (new,) = insert_cases(db, [make_case("Bas", full=True)])
    db.close()
    assert new not in (first, last) and new > last


def test_an_old_database_keeps_its_data_and_learns_not_to_reuse_ids(tmp_path):
    """A database from before m010: migrated in place, nothing lost, and the erased highest id stays used."""
    from coach.store import migrations

    path = tmp_path / "old.db"
    with database_before(path, migrations.m010_ids_never_reused_and_reads_audited) as db:
        from coach.store.audit import install_audit_triggers

        install_audit_triggers(db)
    ids = make_db(path, passphrase=None, names=("Sanne", "Bas", RARE_NAME))
    # Erased under the old schema (no AUTOINCREMENT yet): only the audit trail remembers the id.
    with closing(sqlite3.connect(path)) as conn:
        conn.execute("INSERT INTO audit_permit (youth_id) VALUES (?)", [ids[-1]])
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute("DELETE FROM youths WHERE id = ?", [ids[-1]])
        conn.execute("DELETE FROM audit WHERE youth_id = ?", [ids[-1]])
        conn.execute("INSERT INTO audit (table_name, row_id, action) VALUES ('youths', ?, 'erase')", [ids[-1]])
        conn.commit()
    db = open_db(path)
    assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert [row[0] for row in db.execute("SELECT id FROM youths ORDER BY id")] == ids[:2]
    assert db.execute("SELECT count(*) FROM contacts").fetchone()[0] > 0
    (new,) = insert_cases(db, [make_case("Noor", full=True)])
    db.close()
    assert new > ids[-1]


# 11. Files are private whatever the umask


def test_database_wal_shm_backups_and_their_folder_are_private_under_a_loose_umask(tmp_path):
    old = os.umask(0o022)
    try:
        path = tmp_path / "data" / "coach.db"
        make_db(path)
        db = open_db(path, passphrase=PASSPHRASE)
        db.execute("INSERT INTO settings (key, value) VALUES ('x', 'y')")
        db.conn.commit()
        for item in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
            assert mode(item) == 0o600, item
        target = make_backup(db, tmp_path / "data" / "backups" / "b.db")
        db.close()
        assert mode(target) == 0o600 and mode(checksum_path(target)) == 0o600
        assert mode(target.parent) == 0o700 and mode(path.parent) == 0o700
        exported = tmp_path / "uit.json"
        paths.write_private(exported, "{}")
        assert mode(exported) == 0o600
    finally:
        os.umask(old)


def test_an_older_world_readable_database_is_made_private_when_opened(tmp_path):
    path = tmp_path / "coach.db"
    make_db(path)
    path.chmod(0o644)
    open_db(path, passphrase=PASSPHRASE).close()
    assert mode(path) == 0o600


# 7. Writing files: whole or not at all, and only regular files


def test_write_private_leaves_the_old_file_whole_when_writing_fails(tmp_path, monkeypatch):
    target = tmp_path / "uit.json"
    target.write_text("het oude dossier", encoding="utf-8")

    def broken_fsync(fd):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(paths.os, "fsync", broken_fsync)
    with pytest.raises(OSError):
        paths.write_private(target, "x" * 100_000)
    assert target.read_text(encoding="utf-8") == "het oude dossier"
    assert [item.name for item in tmp_path.iterdir()] == ["uit.json"]  # no temporary left behind


@pytest.mark.parametrize("target", ["fifo", "folder"])
def test_write_private_refuses_what_is_not_a_regular_file(tmp_path, target):
    # A FIFO of the test's own stands for a device: a broken refusal replaces it, not /dev/null.
    path = tmp_path / target
    if target == "fifo":
        os.mkfifo(path)
    else:
        path.mkdir()
    with pytest.raises(paths.NotAFileError):
        paths.write_private(path, "x")
    assert path.exists() and not path.is_file()


# 10. Backups carry a checksum over the whole file


def flip(path: Path, offset: int) -> None:
    data = bytearray(path.read_bytes())
    data[offset] ^= 0x01
    path.write_bytes(bytes(data))


@pytest.mark.parametrize("passphrase", [None, PASSPHRASE], ids=["plain", "encrypted"])
def test_a_flipped_byte_in_the_last_page_is_found(tmp_path, passphrase):
    path = tmp_path / "coach.db"
    make_db(path, passphrase=passphrase)
    db = open_db(path, passphrase=passphrase)
    backup = make_backup(db, tmp_path / "b.db")
    db.close()
    flip(backup, backup.stat().st_size - 100)
    with pytest.raises(DamagedDatabase, match="beschadigd"):
        check_backup(backup, passphrase)


def test_two_damaged_first_pages_are_called_damaged_not_a_wrong_passphrase(tmp_path):
    path = tmp_path / "coach.db"
    make_db(path)
    db = open_db(path, passphrase=PASSPHRASE)
    backup = make_backup(db, tmp_path / "b.db")
    db.close()
    data = bytearray(backup.read_bytes())
    data[0:8192] = os.urandom(8192)
    backup.write_bytes(bytes(data))
    with pytest.raises(DamagedDatabase, match="beschadigd"):
        check_backup(backup, PASSPHRASE)


def test_a_sound_backup_with_the_wrong_passphrase_says_the_backup_is_sound(tmp_path):
    path = tmp_path / "coach.db"
    make_db(path)
    db = open_db(path, passphrase=PASSPHRASE)
    backup = make_backup(db, tmp_path / "b.db")
    db.close()
    with pytest.raises(WrongPassphrase, match="onbeschadigd"):
        check_backup(backup, "een heel ander wachtwoord")


# 1. An encrypted database never becomes plain


def test_a_plain_backup_is_not_restored_over_an_encrypted_database_without_its_passphrase(tmp_path):
    plain, encrypted = tmp_path / "plain.db", tmp_path / "coach.db"
    make_db(plain, passphrase=None)
    make_db(encrypted)
    db = open_db(plain)
    backup = make_backup(db, tmp_path / "b.db")
    db.close()
    before = on_disk(encrypted)
    with pytest.raises(StoreError, match="niet versleuteld"):
        restore_backup(encrypted, backup, None, now=NOW)
    assert on_disk(encrypted) == before and file_kind(encrypted) == "encrypted"


def test_a_plain_backup_is_encrypted_with_the_database_passphrase_when_restored(tmp_path):
    plain, encrypted = tmp_path / "plain.db", tmp_path / "coach.db"
    make_db(plain, passphrase=None, names=(RARE_NAME,))
    make_db(encrypted, names=("Bas",))
    db = open_db(plain)
    backup = make_backup(db, tmp_path / "b.db")
    db.close()
    restore_backup(encrypted, backup, None, now=NOW, encrypt_with=PASSPHRASE)
    assert file_kind(encrypted) == "encrypted" and RARE_NAME.encode() not in on_disk(encrypted)
    db = open_db(encrypted, passphrase=PASSPHRASE)
    assert db.execute("SELECT first_name FROM youths").fetchall() == [(RARE_NAME,)]
    db.close()


# 3. Copies kept by restore are rotated


def test_restore_keeps_only_the_newest_copies_of_the_database_it_replaced(tmp_path):
    path = tmp_path / "coach.db"
    make_db(path)
    db = open_db(path, passphrase=PASSPHRASE)
    backup = make_backup(db, tmp_path / "b.db")
    db.close()
    for minute in range(KEEP_BEFORE_RESTORE + 2):
        restore_backup(path, backup, PASSPHRASE, now=NOW + timedelta(minutes=minute))
    copies = restore_copies(path)
    assert len(copies) == KEEP_BEFORE_RESTORE
    assert copies[0].name == f"coach-voor-herstel-{NOW + timedelta(minutes=KEEP_BEFORE_RESTORE + 1):%Y-%m-%d-%H%M%S}.db"


# 12. Reads in the audit trail


def test_a_read_is_recorded_with_who_and_how_but_no_content(tmp_path, monkeypatch):
    monkeypatch.setenv("USER", "coach-anna")
    monkeypatch.setenv("LOGNAME", "coach-anna")
    path = tmp_path / "coach.db"
    (youth,) = make_db(path, passphrase=None, names=(RARE_NAME,))
    db = open_db(path)
    record_access(db, "show", youth)
    record_access(db, "backup")
    (entry,) = access_for_youth(db, youth)
    assert entry[1:] == ("coach-anna", "show")
    rows = db.execute("SELECT * FROM audit WHERE action IN ('read', 'backup')").fetchall()
    assert len(rows) == 2 and not any(RARE_NAME in str(row) for row in rows)
    erase_youth(db, youth)  # erased with the case, like every other line about them
    assert access_for_youth(db, youth) == []
    db.close()


# 13. Passphrases normalised (NFC), with a way in for databases keyed before


DECOMPOSED = unicodedata.normalize("NFD", "café in Zürich 8")
COMPOSED = unicodedata.normalize("NFC", DECOMPOSED)


def test_the_same_passphrase_typed_decomposed_opens_a_database_keyed_composed(tmp_path):
    assert DECOMPOSED != COMPOSED
    path = tmp_path / "coach.db"
    make_db(path, passphrase=COMPOSED)
    open_db(path, passphrase=DECOMPOSED).close()


def test_a_database_keyed_before_normalising_opens_and_is_rekeyed(tmp_path):
    from coach.store.db import connect, quote

    path = tmp_path / "coach.db"
    make_db(path, passphrase=None)
    # Encrypt with the key exactly as typed (decomposed), as an older coach did.
    with closing(connect(path)) as conn:
        conn.execute(f"ATTACH DATABASE {quote(str(tmp_path / 'enc.db'))} AS e KEY {quote(DECOMPOSED)}")
        conn.execute("SELECT sqlcipher_export('e')")
        conn.execute("DETACH DATABASE e")
    older = tmp_path / "enc.db"
    open_db(older, passphrase=DECOMPOSED).close()  # opens, and is re-keyed in NFC
    with closing(connect(older, COMPOSED, normalise=False)) as conn:
        assert conn.execute("SELECT count(*) FROM youths").fetchone()[0] == 2
