"""Encryption at rest: no plaintext on disk, a wrong passphrase changes nothing, changing the passphrase."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from safety_helpers import PASSPHRASE, RARE_NAME, call, fingerprint, make_db, on_disk

import coach.cli.unlock as unlock
from coach.demo.setup import ensure_demo
from coach.store.cases import load_case
from coach.store.db import PassphraseNeeded, WrongPassphrase, file_kind, open_db


@pytest.fixture
def cli_env(tmp_path, monkeypatch) -> Path:
    """COACH_DB pointing at a not yet existing file, a fixed today, no passphrase in the environment."""
    path = tmp_path / "coach.db"
    monkeypatch.setenv("COACH_DB", str(path))
    monkeypatch.setenv("COACH_TODAY", "2026-03-10")
    monkeypatch.delenv("COACH_PASSPHRASE", raising=False)
    monkeypatch.delenv("COACH_NEW_PASSPHRASE", raising=False)
    return path


def test_the_file_on_disk_shows_no_plaintext(tmp_path):
    path = tmp_path / "c.db"
    make_db(path)
    plain = tmp_path / "plain.db"
    make_db(plain, passphrase=None)
    # the same data unencrypted does show the name: the search itself works
    assert RARE_NAME.encode() in on_disk(plain)
    assert file_kind(path) == "encrypted"
    data = on_disk(path)
    for secret in (RARE_NAME, "keukentafel", "Molenstraat", "SQLite format"):
        assert secret.encode() not in data and secret.encode("utf-16-le") not in data


def test_the_right_passphrase_opens_with_search_json_and_foreign_keys(tmp_path):
    path = tmp_path / "c.db"
    [youth_id, _] = make_db(path)
    db = open_db(path, passphrase=PASSPHRASE)
    assert load_case(db, youth_id).youth.first_name == RARE_NAME
    assert db.execute("SELECT count(*) FROM youths_fts WHERE youths_fts MATCH ?", [RARE_NAME]).fetchone()[0] == 1
    assert db.execute("SELECT json_extract('{\"a\": [1, 2]}', '$.a[1]')").fetchone()[0] == 2
    assert db.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert db.execute("PRAGMA cipher_version").fetchone()[0]


def test_a_wrong_passphrase_is_refused_and_changes_nothing(tmp_path):
    path = tmp_path / "c.db"
    make_db(path)
    before = fingerprint(path)
    with pytest.raises(WrongPassphrase, match="wachtwoord klopt niet"):
        open_db(path, passphrase="verkeerd wachtwoord")
    with pytest.raises(PassphraseNeeded, match="versleuteld"):
        open_db(path)
    assert fingerprint(path) == before


def test_cli_wrong_passphrase_exits_1_with_a_message_and_changes_nothing(cli_env, capsys, monkeypatch):
    make_db(cli_env)
    before = fingerprint(cli_env)
    monkeypatch.setenv("COACH_PASSPHRASE", "verkeerd wachtwoord")
    code, out, err = call(capsys, "caseload", "--json")
    assert (code, out) == (1, "")
    assert "wachtwoord in COACH_PASSPHRASE klopt niet" in err and "Traceback" not in err
    monkeypatch.setenv("COACH_PASSPHRASE", PASSPHRASE)
    code, out, _ = call(capsys, "caseload", "--json")
    assert code == 0 and {row["name"] for row in json.loads(out)} == {f"{RARE_NAME} Visser", "Bas Visser"}
    assert fingerprint(cli_env) == before


def test_cli_without_passphrase_and_without_a_terminal_says_how(cli_env, capsys):
    make_db(cli_env)
    code, _, err = call(capsys, "caseload")
    assert code == 1 and "versleuteld" in err and "COACH_PASSPHRASE" in err


def test_cli_asks_hidden_and_gives_another_try(cli_env, capsys, monkeypatch):
    make_db(cli_env)
    typed = iter(["fout", PASSPHRASE])
    monkeypatch.setattr(unlock, "interactive", lambda: True)
    monkeypatch.setattr(unlock, "ask_hidden", lambda prompt: next(typed))
    code, out, err = call(capsys, "caseload", "--json")
    assert code == 0 and len(json.loads(out)) == 2
    assert err.count("wachtwoord klopt niet") == 1


def test_cli_three_wrong_tries_exit_1(cli_env, capsys, monkeypatch):
    make_db(cli_env)
    before = fingerprint(cli_env)
    monkeypatch.setattr(unlock, "interactive", lambda: True)
    monkeypatch.setattr(unlock, "ask_hidden", lambda prompt: "fout fout fout")
    code, _, err = call(capsys, "caseload")
    assert code == 1 and "Drie keer een verkeerd wachtwoord" in err
    assert fingerprint(cli_env) == before


def test_first_run_on_the_cli_sets_the_passphrase(cli_env, capsys, monkeypatch, tmp_path):
    code, _, err = call(capsys, "caseload")
    assert code == 1 and "krijgt een wachtwoord" in err and not cli_env.exists()
    monkeypatch.setenv("COACH_PASSPHRASE", "kort")
    assert call(capsys, "caseload")[0] == 2
    monkeypatch.setenv("COACH_PASSPHRASE", PASSPHRASE)
    assert call(capsys, "caseload")[0] == 0
    assert file_kind(cli_env) == "encrypted"
    # and typed twice in a terminal
    other = tmp_path / "tweede.db"
    monkeypatch.delenv("COACH_PASSPHRASE")
    typed = iter(["anders dan eerst", "anders dan ...", "anders dan eerst", "anders dan eerst"])
    monkeypatch.setattr(unlock, "interactive", lambda: True)
    monkeypatch.setattr(unlock, "ask_hidden", lambda prompt: next(typed))
    code, _, err = call(capsys, "--db", str(other), "caseload")
    assert code == 0 and "niet hetzelfde" in err
    open_db(other, passphrase="anders dan eerst").close()


def test_changing_the_passphrase(cli_env, capsys, monkeypatch):
    [youth_id, _] = make_db(cli_env)
    monkeypatch.setenv("COACH_PASSPHRASE", PASSPHRASE)
    monkeypatch.setenv("COACH_NEW_PASSPHRASE", "nieuw en 'anders' ☕")
    code, out, err = call(capsys, "passphrase")
    assert code == 0 and "veranderd" in out, err
    with pytest.raises(WrongPassphrase):
        open_db(cli_env, passphrase=PASSPHRASE)
    db = open_db(cli_env, passphrase="nieuw en 'anders' ☕")
    assert load_case(db, youth_id).youth.first_name == RARE_NAME
    db.close()
    assert RARE_NAME.encode() not in on_disk(cli_env)


def test_a_too_short_new_passphrase_changes_nothing(cli_env, capsys, monkeypatch):
    make_db(cli_env)
    before = fingerprint(cli_env)
    monkeypatch.setenv("COACH_PASSPHRASE", PASSPHRASE)
    monkeypatch.setenv("COACH_NEW_PASSPHRASE", "kort")
    code, _, err = call(capsys, "passphrase")
    assert code == 2 and "te kort" in err
    assert fingerprint(cli_env) == before


def test_a_plain_database_gets_encrypted_by_the_passphrase_command(cli_env, capsys, monkeypatch):
    [youth_id, _] = make_db(cli_env, passphrase=None)
    assert RARE_NAME.encode() in on_disk(cli_env)
    monkeypatch.setenv("COACH_NEW_PASSPHRASE", PASSPHRASE)
    code, out, _ = call(capsys, "passphrase")
    assert code == 0 and "nu versleuteld" in out
    assert file_kind(cli_env) == "encrypted"
    assert RARE_NAME.encode() not in on_disk(cli_env)
    assert not list(cli_env.parent.glob("*.versleutelen*"))
    db = open_db(cli_env, passphrase=PASSPHRASE)
    assert load_case(db, youth_id).youth.first_name == RARE_NAME


def test_the_demo_stays_plain(tmp_path, today):
    path = tmp_path / "demo.db"
    ensure_demo(path, youths=3, seed=1, today=today)
    assert file_kind(path) == "plain"
    open_db(path).close()


def test_the_safety_core_never_imports_textual():
    code = (
        "import sys\n"
        "import coach.store.db, coach.store.audit, coach.store.backup, coach.store.crypto, coach.store.erase\n"
        "import coach.store.instance, coach.store.retention, coach.privacy.passphrase, coach.config\n"
        "import coach.cli.safety, coach.cli.unlock, coach.reports.record_labels\n"
        "assert 'textual' not in sys.modules, 'textual imported by the core'\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
