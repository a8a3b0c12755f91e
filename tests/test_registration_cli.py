"""`coach new`: register a young person from the command line; bad input is refused and writes nothing."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from coach.cli import run
from coach.store.db import open_db
from coach.store.registration import load_registration, update_details

TODAY = date(2026, 3, 14)


@pytest.fixture
def env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    db_path = tmp_path / "coach.db"
    monkeypatch.setenv("COACH_DB", str(db_path))
    monkeypatch.setenv("COACH_TODAY", TODAY.isoformat())
    monkeypatch.setenv("COACH_CONFIG", str(tmp_path / "config.toml"))
    monkeypatch.delenv("COACH_PROMPTS", raising=False)
    open_db(db_path).close()
    return db_path


def youths(db_path: Path) -> int:
    db = open_db(db_path)
    try:
        return int(db.execute("SELECT count(*) FROM youths").fetchone()[0])
    finally:
        db.close()


def new(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = run(["new", *args])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize("written", ["2008-03-12", "12 maart 2008", "12-3-2008"])
def test_new_prints_the_id_and_reads_dutch_dates(env: Path, capsys, written: str) -> None:
    code, out, err = new(capsys, "--voornaam", "Sam", "--geboortedatum", written, "--aanmelddatum", "gisteren")
    assert code == 0, err
    assert out.strip() == "1"
    db = open_db(env)
    try:
        registration = load_registration(db, 1)
        assert registration is not None
        assert (registration.birth_date, registration.registered_on) == (date(2008, 3, 12), date(2026, 3, 13))
        phase = db.execute("SELECT phase FROM phases WHERE youth_id = 1").fetchone()[0]
        assert phase == "aanmelding"
    finally:
        db.close()


def test_every_option_is_stored(env: Path, capsys) -> None:
    code, out, err = new(
        capsys,
        *("--voornaam", "Samira", "--achternaam", "El Amrani", "--roepnaam", "Sami"),
        *("--telefoon", "06-12345678", "--email", "sami@voorbeeld.nl"),
        *("--straat", "Dorpsstraat 1", "--postcode", "8011 AB", "--plaats", "Zwolle"),
        *("--school", "Deltion", "--werk", "Albert Heijn", "--aangemeld-door", "mentor"),
        *("--organisatie", "Deltion", "--reden", "Schooluitval dreigt.", "--coach", "Eva"),
    )
    assert code == 0, err
    db = open_db(env)
    try:
        registration = load_registration(db, int(out))
    finally:
        db.close()
    assert registration is not None
    assert (registration.last_name, registration.nickname, registration.city, registration.coach) == (
        "El Amrani",
        "Sami",
        "Zwolle",
        "Eva",
    )
    assert (registration.referred_by, registration.referrer_org, registration.referral_reason) == (
        "mentor",
        "Deltion",
        "Schooluitval dreigt.",
    )
    assert registration.registered_on == TODAY


def test_the_coach_comes_from_the_settings(env: Path, capsys) -> None:
    Path(str(env.parent / "config.toml")).write_text('coach = "Eva"\n', encoding="utf-8")
    code, out, err = new(capsys, "--voornaam", "Sam")
    assert code == 0, err
    db = open_db(env)
    try:
        registration = load_registration(db, int(out))
    finally:
        db.close()
    assert registration is not None and registration.coach == "Eva"


def test_a_wrong_coach_setting_is_named(env: Path, capsys) -> None:
    (env.parent / "config.toml").write_text("coach = 12\n", encoding="utf-8")
    code, _out, err = new(capsys, "--voornaam", "Sam")
    assert code == 2 and "coach = 12 klopt niet" in err
    assert youths(env) == 0


def test_an_age_outside_12_to_30_needs_ja(env: Path, capsys) -> None:
    code, out, err = new(capsys, "--voornaam", "Sam", "--geboortedatum", "1 januari 1980")
    assert code == 2 and out == ""
    assert "--geboortedatum" in err and "46 jaar" in err and "--ja" in err and "Niets opgeslagen" in err
    assert youths(env) == 0
    code, out, err = new(capsys, "--voornaam", "Sam", "--geboortedatum", "1 januari 1980", "--ja")
    assert code == 0, err
    assert youths(env) == 1


@pytest.mark.parametrize(
    ("args", "option", "words"),
    [
        (("--voornaam", ""), "--voornaam", "vul de voornaam in"),
        (("--voornaam", "   "), "--voornaam", "vul de voornaam in"),
        (("--voornaam", "Sam\x07"), "--voornaam", "stuurtekens"),
        (("--voornaam", "Sam", "--achternaam", "de Vries\u202eeoj"), "--achternaam", "stuurtekens"),
        (("--voornaam", "x" * 101), "--voornaam", "te lang"),
        (("--voornaam", "Sam", "--geboortedatum", "31-2-2008"), "--geboortedatum", "bestaat niet"),
        (("--voornaam", "Sam", "--geboortedatum", "29 februari 2007"), "--geboortedatum", "geen schrikkeljaar"),
        (("--voornaam", "Sam", "--geboortedatum", "morgen"), "--geboortedatum", "toekomst"),
        (("--voornaam", "Sam", "--geboortedatum", "ooit"), "--geboortedatum", "Geboortedatum"),
        # A birth date's examples are birth dates, not "gisteren 14:00".
        (("--voornaam", "Sam", "--geboortedatum", "ooit"), "--geboortedatum", "bijvoorbeeld 12 maart 2008, 12-3-2008"),
        (
            ("--voornaam", "Sam", "--geboortedatum", "12-3-2008 9:00"),
            "--geboortedatum",
            "zonder tijd. Schrijf bijvoorbeeld 12 maart 2008",
        ),
        (("--voornaam", "Sam", "--aanmelddatum", "32-1-2026"), "--aanmelddatum", "Aanmelddatum"),
        (("--voornaam", "Sam", "--aanmelddatum", "volgende week"), "--aanmelddatum", "toekomst"),
        (("--voornaam", "Sam", "--email", "sam@"), "--email", "e-mailadres"),
        (("--voornaam", "Sam", "--telefoon", "bel me"), "--telefoon", "cijfers"),
        (("--voornaam", "Sam", "--plaats", "Zwolle\x1b[31m"), "--plaats", "stuurtekens"),
        (("--voornaam", "Sam", "--school", "x" * 1_000_000), "--school", "te lang"),
        (("--voornaam", "Sam", "--reden", "x" * 1_000_001), "--reden", "te lang"),
        (("--voornaam", "Sam", "--coach", "Eva\nBram"), "--coach", "één regel"),
    ],
    ids=lambda value: str(value)[:30],
)
def test_bad_input_names_the_option_and_writes_nothing(env: Path, capsys, args, option: str, words: str) -> None:
    code, out, err = new(capsys, *args)
    assert code == 2 and out == ""
    assert err.startswith(option) and words in err and "Niets opgeslagen" in err
    assert "Traceback" not in err
    assert youths(env) == 0


def test_without_voornaam(env: Path, capsys) -> None:
    code, _out, err = new(capsys, "--achternaam", "Jansen")
    assert code == 2 and "--voornaam ontbreekt" in err
    assert youths(env) == 0


def test_a_megabyte_reason_is_kept(env: Path, capsys) -> None:
    code, out, err = new(capsys, "--voornaam", "Sam", "--reden", "x" * 1_000_000)
    assert code == 0, err
    assert youths(env) == 1


def test_show_has_the_coach_changes(env: Path, capsys) -> None:
    code, out, err = new(capsys, "--voornaam", "Sam", "--coach", "Eva")
    assert code == 0, err
    youth_id = int(out)
    assert run(["show", str(youth_id), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["coach_changes"] == []
    db = open_db(env)
    try:
        update_details(db, youth_id, {"coach": "Bram"}, today=TODAY, note="Eva met verlof")
    finally:
        db.close()
    assert run(["show", str(youth_id), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["coach_changes"] == [{"on": "2026-03-14", "from": "Eva", "to": "Bram", "note": "Eva met verlof"}]
    assert run(["show", str(youth_id)]) == 0
    assert "Vaste coach: Bram, sinds 14-03-2026; daarvoor Eva." in capsys.readouterr().out
