"""`coach show`: release readiness in the JSON contract and in the text view; nazorg's way back."""

from __future__ import annotations

import json
from datetime import date

import pytest
from helpers import make_case

from coach.cli import run
from coach.domain.release import CRITERIA, DONE
from coach.domain.taper import propose_nazorg
from coach.store import open_db
from coach.store.cases import insert_cases
from coach.store.measurement import DomainScore, save_measurement
from coach.store.release import record_activity, record_confidence, set_basic, set_staying
from coach.store.trajectory import record_release

TODAY = date(2026, 3, 10)


@pytest.fixture
def env(tmp_path, monkeypatch):
    db_path = tmp_path / "coach.db"
    monkeypatch.setenv("COACH_DB", str(db_path))
    monkeypatch.setenv("COACH_TODAY", TODAY.isoformat())
    monkeypatch.delenv("COACH_PROMPTS", raising=False)
    db = open_db(db_path)
    insert_cases(db, [make_case("Sanne", full=True)])
    return db


def show(capsys, *args):
    code = run(["show", "1", *args])
    out, err = capsys.readouterr()
    assert code == 0, err
    return out


def test_release_readiness_shape_in_json(env, capsys):
    data = json.loads(show(capsys, "--json"))
    readiness = data["release_readiness"]
    assert [item["criterion"] for item in readiness] == list(CRITERIA)
    for item in readiness:
        assert {"criterion", "met", "evidence"} <= set(item)
        assert item["met"] in (True, False, None)
        assert isinstance(item["evidence"], str) and item["evidence"]
    by_key = {item["criterion"]: item for item in readiness}
    assert by_key["geen_acuut"]["met"] is False and "Financiën 2" in by_key["geen_acuut"]["evidence"]
    assert by_key["vertrouwen"]["met"] is None


def test_readiness_follows_the_data(env, capsys):
    db = env
    save_measurement(db, 1, TODAY, TODAY, {key: DomainScore(4) for key in ("financien", "werk_opleiding")})
    record_confidence(db, 1, on=TODAY, today=TODAY, score=5, words=None)
    record_activity(db, 1, kind="werk", since=date(2025, 12, 1), today=TODAY)
    mother = db.execute("SELECT id FROM network WHERE relation = 'moeder'").fetchone()[0]
    set_staying(db, 1, mother, True)
    set_basic(db, 1, "digid", "DigiD", DONE, TODAY)
    by_key = {item["criterion"]: item["met"] for item in json.loads(show(capsys, "--json"))["release_readiness"]}
    assert by_key == {
        "geen_acuut": True,
        "stabiel": True,
        "dagbesteding": True,
        "afspraken": None,
        "vertrouwen": True,
        "netwerk": True,
        "basiszaken": False,
    }


def test_text_view_shows_readiness_in_begeleiding(env, capsys):
    out = show(capsys)
    assert "Klaar om los te laten?" in out
    assert "✗ Geen leefgebied op 1 of 2" in out and "? Eigen vertrouwen van de jongere" in out
    assert out.index("Open afspraken") < out.index("Klaar om los te laten?")


def test_text_view_in_nazorg_shows_the_way_back_instead(env, capsys):
    record_release(
        env,
        1,
        on=TODAY,
        today=TODAY,
        reason="Werkt vast, eigen ritme.",
        way_back="Belt Eva of loopt binnen bij het jongerenloket.",
        checkins=propose_nazorg(TODAY),
    )
    out = show(capsys)
    assert "Klaar om los te laten?" not in out
    assert "De weg terug: Belt Eva of loopt binnen bij het jongerenloket." in out
    assert "Nazorgcheck 10-04-2026 10:00 · gepland" in out
