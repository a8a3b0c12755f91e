"""The organisation's own contact rhythm per phase, from config.toml, in every continuity judgement."""

from __future__ import annotations

import json

import pytest
from factories import sample_case

from coach.cli import run
from coach.config import ConfigError, load_config
from coach.store import open_db
from coach.store.cases import insert_cases


def write_config(tmp_path, text):
    path = tmp_path / "config.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_contact_rhythm_overrides_only_the_phases_it_names(tmp_path):
    rules = load_config(write_config(tmp_path, "[contactritme]\nbegeleiding = 7\n")).continuity_rules()
    assert rules.interval("begeleiding") == 7
    assert rules.interval("afbouw") == 28  # the default stays
    assert load_config(tmp_path / "absent.toml").continuity_rules().interval("begeleiding") == 14


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("[contactritme]\nbegeleidng = 7\n", "kent geen fase 'begeleidng'"),
        ("[contactritme]\nbegeleiding = 0\n", "begeleiding = 0 klopt niet"),
        ('[contactritme]\nbegeleiding = "twee weken"\n', "geef een heel aantal dagen"),
        ("contactritme = 14\n", "moet een tabel zijn"),
    ],
)
def test_a_wrong_contact_rhythm_gets_a_dutch_message(tmp_path, text, message):
    with pytest.raises(ConfigError, match=message):
        load_config(write_config(tmp_path, text))


@pytest.fixture
def db_with_sanne(tmp_path, monkeypatch):
    db_path = tmp_path / "coach.db"
    insert_cases(open_db(db_path), [sample_case("Sanne")])  # last held contact 8 days before today
    monkeypatch.setenv("COACH_DB", str(db_path))
    monkeypatch.setenv("COACH_TODAY", "2026-03-10")
    return db_path


def test_the_command_line_judges_with_the_configured_rhythm(tmp_path, monkeypatch, capsys, db_with_sanne):
    assert run(["caseload", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)[0]["continuity"] == "ok"
    monkeypatch.setenv("COACH_CONFIG", str(write_config(tmp_path, "[contactritme]\nbegeleiding = 5\n")))
    assert run(["caseload", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)[0]["continuity"] == "let_op"
    assert run(["show", "1", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["continuity"] == "let_op"


def test_a_broken_contact_rhythm_stops_the_command_with_exit_2(tmp_path, monkeypatch, capsys, db_with_sanne):
    monkeypatch.setenv("COACH_CONFIG", str(write_config(tmp_path, "[contactritme]\nnazorg = -1\n")))
    assert run(["caseload"]) == 2
    assert "nazorg = -1 klopt niet" in capsys.readouterr().err


async def test_the_app_judges_with_the_configured_rhythm(tmp_path, monkeypatch, db_with_sanne):
    from datetime import date

    from coach.tui.app import make_app

    monkeypatch.setenv("COACH_CONFIG", str(write_config(tmp_path, "[contactritme]\nbegeleiding = 5\n")))
    app = make_app(db_with_sanne, today=date(2026, 3, 10))
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.pause()
        assert app.rules.interval("begeleiding") == 5
        await pilot.press("enter")
        await pilot.pause()
        header = str(app.screen.query_one("#youth-header").render())
        assert "Let op" in header


def test_first_contact_days_from_the_settings(tmp_path):
    from coach.config import ConfigError, load_config

    path = tmp_path / "config.toml"
    path.write_text("[contactritme]\neerste_contact = 3\nbegeleiding = 10\n", encoding="utf-8")
    rules = load_config(path).continuity_rules()
    assert rules.first_contact_days == 3 and rules.interval("begeleiding") == 10
    path.write_text("[contactritme]\neerste_contact = 0\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="eerste_contact"):
        load_config(path)
