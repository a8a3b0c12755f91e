"""Issue 16 on the command line: every hole the attack found, reproduced and closed."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

import pytest
from helpers import make_case
from safety_helpers import PASSPHRASE, RARE_NAME, call, fingerprint, make_db

from coach.store.backup import make_backup
from coach.store.casefile import case_to_dict
from coach.store.cases import insert_cases
from coach.store.db import file_kind, open_db

ESC_NAME = "Evil\x1b]0;pwned\x07\x1b[2J"


@pytest.fixture
def plain(tmp_path, monkeypatch) -> Path:
    """A plain database with two cases as COACH_DB, a fixed today."""
    path = tmp_path / "coach.db"
    make_db(path, passphrase=None)
    monkeypatch.setenv("COACH_DB", str(path))
    monkeypatch.setenv("COACH_TODAY", "2026-03-10")
    monkeypatch.delenv("COACH_PASSPHRASE", raising=False)
    monkeypatch.delenv("COACH_PROMPTS", raising=False)
    monkeypatch.setenv("COACH_CONFIG", str(path.parent / "geen-config.toml"))
    return path


@pytest.fixture
def encrypted(tmp_path, monkeypatch) -> Path:
    path = tmp_path / "coach.db"
    make_db(path)
    monkeypatch.setenv("COACH_DB", str(path))
    monkeypatch.setenv("COACH_PASSPHRASE", PASSPHRASE)
    monkeypatch.setenv("COACH_TODAY", "2026-03-10")
    monkeypatch.setenv("COACH_CONFIG", str(path.parent / "geen-config.toml"))
    return path


def case_json(tmp_path: Path, name: str = "Noor", **changes) -> Path:
    data = case_to_dict(make_case(name, full=True))
    data.update(changes)
    path = tmp_path / f"{name}.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


# 1. restore never makes an encrypted database plain


def test_restoring_a_plain_backup_over_an_encrypted_database_encrypts_it(encrypted, tmp_path, capsys):
    plain_db = tmp_path / "plain.db"
    make_db(plain_db, passphrase=None, names=("Noor",))
    db = open_db(plain_db)
    backup = make_backup(db, tmp_path / "oud.db")
    db.close()
    code, out, err = call(capsys, "restore", str(backup), "--ja")
    assert code == 0, err
    assert file_kind(encrypted) == "encrypted" and "versleuteld met het wachtwoord" in out
    assert call(capsys, "import", str(case_json(tmp_path, RARE_NAME + "x")))[0] == 0
    assert RARE_NAME.encode() not in encrypted.read_bytes()


def test_restoring_a_plain_backup_without_the_passphrase_changes_nothing(encrypted, tmp_path, capsys, monkeypatch):
    plain_db = tmp_path / "plain.db"
    make_db(plain_db, passphrase=None, names=("Noor",))
    db = open_db(plain_db)
    backup = make_backup(db, tmp_path / "oud.db")
    db.close()
    monkeypatch.delenv("COACH_PASSPHRASE")
    before = fingerprint(encrypted)
    code, _, err = call(capsys, "restore", str(backup), "--ja")
    assert code == 1 and "versleuteld" in err and "Traceback" not in err
    assert fingerprint(encrypted) == before


# 2 and 4. the demo lives in its own file


def test_a_demo_file_takes_no_real_cases_and_survives_the_next_demo(tmp_path, capsys, monkeypatch):
    demo = tmp_path / "demo.db"
    monkeypatch.setenv("COACH_DB", str(demo))
    monkeypatch.setenv("COACH_PASSPHRASE", PASSPHRASE)
    monkeypatch.setenv("COACH_TODAY", "2026-03-10")
    assert call(capsys, "demo", "--no-tui", "--youths", "3")[0] == 0
    before = fingerprint(demo)
    code, _, err = call(capsys, "import", str(case_json(tmp_path, RARE_NAME)))
    assert code == 1 and "demo-database" in err
    assert fingerprint(demo) == before and RARE_NAME.encode() not in demo.read_bytes()
    # Nor does a young person registered, a contact logged or a network person added by hand.
    for attempt in (
        ("new", "--voornaam", RARE_NAME),
        ("contact", "1", "--wanneer", "gisteren 14:00", "--notitie", RARE_NAME),
        ("network", "1", "--naam", RARE_NAME, "--relatie", "oom"),
    ):
        code, _, err = call(capsys, *attempt)
        assert code == 1 and "demo-database" in err, attempt
    assert fingerprint(demo) == before and RARE_NAME.encode() not in demo.read_bytes()


def test_a_young_person_added_in_the_demo_app_keeps_the_demo_opening(tmp_path, capsys, monkeypatch):
    from datetime import date

    from coach.demo.setup import DemoRefused, ensure_demo
    from coach.domain.registration import Registration
    from coach.store.registration import register_youth

    demo, today = tmp_path / "demo.db", date(2026, 3, 10)
    monkeypatch.setenv("COACH_DB", str(demo))
    monkeypatch.setenv("COACH_TODAY", today.isoformat())
    assert call(capsys, "demo", "--no-tui", "--youths", "3")[0] == 0
    db = open_db(demo)
    register_youth(db, Registration(first_name=RARE_NAME, registered_on=today), today=today)
    db.close()  # as the app's "n: nieuw" does, trying the aanmelding out
    before = fingerprint(demo)
    # `coach demo` opens the same demo as it is, with the young person in it.
    assert ensure_demo(demo, youths=3, seed=1, today=today) is False
    assert fingerprint(demo) == before
    # A new demo would replace the file: refused, saying how many cases and what to do.
    with pytest.raises(DemoRefused, match="1 dossier meer"):
        ensure_demo(demo, youths=4, seed=1, today=today)
    code, out, err = call(capsys, "demo", "--no-tui", "--youths", "3")
    assert code == 1 and "1 dossier meer" in err and "export" in err and "Traceback" not in err
    assert fingerprint(demo) == before and RARE_NAME.encode() in demo.read_bytes()


def test_an_interrupted_demo_build_leaves_nothing_in_the_way(tmp_path, capsys, monkeypatch):
    import coach.demo.generator as generator

    demo = tmp_path / "demo.db"
    monkeypatch.setenv("COACH_DB", str(demo))
    monkeypatch.setenv("COACH_TODAY", "2026-03-10")
    real = generator.build_demo

    def cut_off(db, **kwargs):
        real(db, **kwargs)
        raise KeyboardInterrupt  # the coach pressed Ctrl-C, or the lid closed

    monkeypatch.setattr(generator, "build_demo", cut_off)
    call(capsys, "demo", "--no-tui", "--youths", "3")
    assert not demo.exists() and list(tmp_path.iterdir()) == []
    monkeypatch.setattr(generator, "build_demo", real)
    code, out, err = call(capsys, "demo", "--no-tui", "--youths", "3")
    assert code == 0, err


def test_demo_on_an_encrypted_database_says_it_is_not_a_demo(encrypted, capsys):
    before = fingerprint(encrypted)
    code, _, err = call(capsys, "demo", "--no-tui")
    assert code == 1 and "versleutelde database" in err and "COACH_PASSPHRASE" not in err
    assert fingerprint(encrypted) == before


def test_plain_coach_on_a_demo_file_opens_it_as_a_demo(tmp_path, capsys, monkeypatch):
    from coach.cli.options import Options
    from coach.cli.tui import tui_session

    demo = tmp_path / "demo.db"
    monkeypatch.setenv("COACH_TODAY", "2026-03-10")
    monkeypatch.setenv("COACH_CONFIG", str(tmp_path / "geen.toml"))
    assert call(capsys, "--db", str(demo), "demo", "--no-tui", "--youths", "2")[0] == 0
    with tui_session(Options(demo, None), demo, demo=False) as app:
        assert app.demo


# 3. erase names every copy the app keeps


def test_erase_lists_the_copies_restore_kept_with_the_command_to_remove_them(plain, tmp_path, capsys):
    from coach.store.backup import restore_copies

    db = open_db(plain)
    backup = make_backup(db, tmp_path / "b.db")
    db.close()
    assert call(capsys, "restore", str(backup), "--ja")[0] == 0
    (kept,) = restore_copies(plain)
    code, out, err = call(capsys, "erase", "1", "--bevestig", "1")
    assert code == 0, err
    assert f"rm -- {kept}" in out


# 5. terminal escapes are shown, never obeyed


def test_show_and_caseload_print_escape_sequences_visibly(plain, tmp_path, capsys):
    path = case_json(tmp_path, "Noor")
    data = json.loads(path.read_text(encoding="utf-8"))
    data["youth"]["first_name"] = ESC_NAME
    data["contacts"][0]["note"] = "titel\x1b]0;weg\x07 en \x9b2J klaar"
    path.write_text(json.dumps(data), encoding="utf-8")
    code, out, err = call(capsys, "import", str(path))
    assert code == 0, err
    youth = out.strip()
    for args in (("show", youth), ("caseload",), ("caseload", "--zoek", "Evil"), ("show", youth, "--json")):
        code, out, err = call(capsys, *args)
        assert code == 0, err
        assert "\x1b" not in out and "\x07" not in out and "\x9b" not in out, args
    assert "␛" in call(capsys, "caseload")[1]


def test_error_messages_that_quote_input_show_escapes_visibly(plain, capsys):
    code, _, err = call(capsys, "caseload", "--fase", "\x1b[2J")
    assert code == 2 and "\x1b" not in err and "␛" in err


# 6. names that cannot be typed


@pytest.mark.parametrize("name", ["   ", "A\x00B"])
def test_a_name_that_cannot_be_typed_is_erased_with_the_id_as_confirmation(plain, capsys, name):
    db = open_db(plain)
    (youth,) = insert_cases(db, [make_case("Noor", full=True)])
    db.execute("UPDATE youths SET first_name = ?, last_name = NULL, nickname = NULL WHERE id = ?", [name, youth])
    db.conn.commit()
    db.close()
    code, out, err = call(capsys, "erase", str(youth), "--bevestig", str(youth))
    assert code == 0, err
    assert open_db(plain).execute("SELECT count(*) FROM youths WHERE id = ?", [youth]).fetchone()[0] == 0


# 7. export and summary write whole files, and only files


def test_export_that_fails_leaves_the_old_file_whole(plain, tmp_path, capsys, monkeypatch):
    import coach.paths

    target = tmp_path / "uit.json"
    target.write_text("het vorige dossier", encoding="utf-8")

    def full(fd):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(coach.paths.os, "fsync", full)
    code, _, err = call(capsys, "export", "1", "-o", str(target))
    assert code == 1 and "de schijf is vol" in err
    assert target.read_text(encoding="utf-8") == "het vorige dossier"


def fifo(folder: Path) -> Path:
    """A FIFO of the test's own, standing for a device: a broken refusal replaces it, not /dev/null."""
    path = folder / "apparaat"
    os.mkfifo(path)
    return path


def test_export_refuses_a_device_and_is_private(plain, tmp_path, capsys):
    code, _, err = call(capsys, "export", "1", "-o", str(fifo(tmp_path)))
    assert code == 2 and "geen gewoon bestand" in err
    old = os.umask(0o022)
    try:
        assert call(capsys, "export", "1", "-o", str(tmp_path / "uit.json"))[0] == 0
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "uit.json").stat().st_mode) == 0o600


def test_summary_refuses_a_device_before_anything_runs(plain, tmp_path, capsys):
    code, _, err = call(capsys, "summary", "1", "-o", str(fifo(tmp_path)))
    assert code == 2 and "geen gewoon bestand" in err


# 9. inputs that reached "onverwachts"


def bad(code_err: tuple[int, str, str]) -> str:
    code, _, err = code_err
    assert code == 2, err
    assert "onverwachts" not in err and "Traceback" not in err
    return err


def test_deeply_nested_json_is_refused_with_a_message(plain, tmp_path, capsys):
    path = tmp_path / "diep.json"
    path.write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    assert "genest" in bad(call(capsys, "import", str(path)))


def test_a_lone_surrogate_in_a_case_file_is_refused(plain, tmp_path, capsys):
    path = case_json(tmp_path, "Noor")
    path.write_text(path.read_text(encoding="utf-8").replace('"Noor"', '"No\\ud800or"', 1), encoding="utf-8")
    assert "geen tekst" in bad(call(capsys, "import", str(path)))


@pytest.mark.parametrize(
    "args",
    [
        ("show", str(2**64)),
        ("export", "99999999999999999999999"),
        ("erase", str(2**63)),
        ("retention", "--maanden", str(2**64)),
        ("demo", "--no-tui", "--youths", "100001"),
    ],
)
def test_numbers_beyond_their_range_get_a_message(plain, capsys, args):
    assert "te groot" in bad(call(capsys, *args))


@pytest.mark.parametrize("day", ["9999-12-31", "0001-01-01"])
@pytest.mark.parametrize("command", [("caseload",), ("show", "1"), ("retention",)])
def test_coach_today_at_the_ends_of_the_calendar_gets_a_message(plain, capsys, monkeypatch, day, command):
    monkeypatch.setenv("COACH_TODAY", day)
    assert "COACH_TODAY" in bad(call(capsys, *command))


def test_dev_zero_as_a_case_file_is_refused(plain, capsys):
    assert "geen gewoon bestand" in bad(call(capsys, "import", "/dev/zero"))


def test_dev_zero_on_standard_input_is_refused_quickly(plain):
    import subprocess
    import sys

    with open("/dev/zero", "rb") as zero:
        done = subprocess.run(
            [sys.executable, "-m", "coach", "anonymise"],
            stdin=zero,
            capture_output=True,
            text=True,
            timeout=60,
            env={**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)},
        )
    assert done.returncode == 2 and "groter dan" in done.stderr


# 13. the smaller ones


@pytest.mark.parametrize(
    ("args", "dutch"),
    [
        (("export",), "ontbreekt"),
        (("demo", "--seed", "abc"), "geen heel getal"),
        (("summary", "1", "--periode", "2026-01-01"), "horen 2 waarden"),
        (("import", "/"), "is een map"),
        (("backup", "/etc/passwd"), "is een bestand"),
        (("show", "1", "2"), "te veel"),
        (("bestaatniet",), "Onbekend commando"),
    ],
)
def test_clicks_own_messages_are_dutch(plain, capsys, args, dutch):
    err = bad(call(capsys, *args))
    assert dutch in err
    for english in (
        "Missing",
        "requires",
        "is not a valid",
        "is a directory",
        "is a file",
        "No such",
        "Got unexpected",
    ):
        assert english not in err


def test_a_case_file_with_a_bom_is_read(plain, tmp_path, capsys):
    path = case_json(tmp_path, "Noor")
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    code, out, err = call(capsys, "import", str(path))
    assert code == 0, err


def test_a_missing_prompts_folder_is_an_error(plain, capsys):
    assert "bestaat niet" in bad(call(capsys, "--prompts", "/bestaat/niet", "caseload"))


def test_a_settings_path_that_is_a_folder_is_an_error(plain, tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("COACH_CONFIG", str(tmp_path))
    assert "geen bestand" in bad(call(capsys, "retention"))


def test_a_toml_mistake_is_told_in_dutch(plain, tmp_path, capsys, monkeypatch):
    config = tmp_path / "config.toml"
    config.write_text("retention_months = \n", encoding="utf-8")
    monkeypatch.setenv("COACH_CONFIG", str(config))
    err = bad(call(capsys, "retention"))
    assert "regel 1" in err and "Invalid" not in err and "Expected" not in err


def test_problems_are_listed_in_numeric_order(plain, tmp_path, capsys):
    path = case_json(tmp_path, "Noor")
    data = json.loads(path.read_text(encoding="utf-8"))
    contact = data["contacts"][0]
    data["contacts"] = [dict(contact) for _ in range(12)]
    data["contacts"][1]["at"] = "kapot"
    data["contacts"][10]["at"] = "kapot"
    path.write_text(json.dumps(data), encoding="utf-8")
    err = bad(call(capsys, "import", str(path)))
    assert err.index("contacts[1]") < err.index("contacts[10]")


def test_a_note_over_a_megabyte_is_refused(plain, tmp_path, capsys):
    path = case_json(tmp_path, "Noor")
    data = json.loads(path.read_text(encoding="utf-8"))
    data["contacts"][0]["note"] = "a" * 1_000_001
    path.write_text(json.dumps(data), encoding="utf-8")
    assert "hoogstens" in bad(call(capsys, "import", str(path)))


def test_the_worker_gets_no_passphrase_in_its_environment(monkeypatch):
    import subprocess

    from coach.privacy.worker import AnonymiserClient

    seen = {}

    class Stop(Exception):
        pass

    def fake_popen(*args, **kwargs):
        seen.update(kwargs["env"])
        raise Stop

    monkeypatch.setenv("COACH_PASSPHRASE", PASSPHRASE)
    monkeypatch.setattr(subprocess, "Popen", fake_popen)
    with pytest.raises(Stop):
        AnonymiserClient()._start()
    assert "COACH_PASSPHRASE" not in seen and PASSPHRASE not in seen.values() and "PATH" in seen


# 12. reads recorded


def test_show_export_backup_restore_and_passphrase_are_in_the_audit_trail(encrypted, tmp_path, capsys, monkeypatch):
    assert call(capsys, "show", "1")[0] == 0
    assert call(capsys, "export", "1")[0] == 0
    code, out, _ = call(capsys, "backup", str(tmp_path / "usb"))
    assert code == 0
    monkeypatch.setenv("COACH_NEW_PASSPHRASE", "een nieuw lang wachtwoord")
    assert call(capsys, "passphrase")[0] == 0
    db = open_db(encrypted, passphrase="een nieuw lang wachtwoord")
    rows = db.execute("SELECT action, fields, youth_id, who FROM audit WHERE action != 'insert' ORDER BY id").fetchall()
    db.close()
    assert [(a, f, y) for a, f, y, _ in rows] == [
        ("read", "show", 1),
        ("read", "export", 1),
        ("backup", "backup", None),
        ("passphrase", "passphrase", None),
    ]
    assert all(who for *_, who in rows)
    monkeypatch.setenv("COACH_PASSPHRASE", PASSPHRASE)
    assert call(capsys, "restore", out.strip(), "--ja")[0] == 0
    db = open_db(encrypted, passphrase=PASSPHRASE)
    assert db.execute("SELECT action FROM audit ORDER BY id DESC LIMIT 1").fetchone()[0] == "restore"
    db.close()


def test_the_demo_says_how_far_it_is_while_it_builds(tmp_path, capsys, monkeypatch):
    import coach.demo.generator as generator

    monkeypatch.setattr(generator, "BATCH_SIZE", 2)
    monkeypatch.setenv("COACH_DB", str(tmp_path / "demo.db"))
    monkeypatch.setenv("COACH_TODAY", "2026-03-10")
    code, out, err = call(capsys, "demo", "--no-tui", "--youths", "5")
    assert code == 0 and out.strip() == str(tmp_path / "demo.db")  # standard output stays the path alone
    lines = err.splitlines()
    assert lines[0].startswith("Demo maken: 2 van 5 jongeren, nog ongeveer ")
    assert lines[-1] == "Demo maken: 5 van 5 jongeren, nu nog de zoekindex en het logboek…"
