"""Retention: closed cases kept longer than the retention period, from the settings or an option."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from safety_helpers import call

from coach.config import ConfigError, load_config
from coach.store.db import open_db
from coach.store.retention import closed_before


@pytest.fixture
def env(case_db: Path, tmp_path, monkeypatch) -> Path:
    """The fixture caseload (Mees closed on 2025-12-01) as COACH_DB, today 2026-03-14, no settings file."""
    monkeypatch.setenv("COACH_DB", str(case_db))
    monkeypatch.setenv("COACH_TODAY", "2026-03-14")
    monkeypatch.setenv("COACH_CONFIG", str(tmp_path / "geen.toml"))
    return case_db


def test_closed_before_lists_only_cases_whose_latest_phase_is_closed(case_db):
    db = open_db(case_db)
    assert [(case.name, case.closed_on) for case in closed_before(db, date(2026, 1, 1))] == [
        ("Mees Jansen", date(2025, 12, 1))
    ]
    assert closed_before(db, date(2025, 12, 1)) == []  # closed on the cutoff day itself: not yet past it


def test_retention_lists_cases_past_the_period(env, capsys):
    code, out, _ = call(capsys, "retention", "--maanden", "3")
    assert code == 0 and "Mees Jansen" in out and "01-12-2025" in out and "coach erase" in out
    code, out, _ = call(capsys, "retention", "--maanden", "3", "--json")
    assert json.loads(out) == [{"id": 4, "name": "Mees Jansen", "closed_on": "2025-12-01", "days_closed": 103}]


def test_retention_default_comes_from_the_settings(env, tmp_path, capsys, monkeypatch):
    code, out, _ = call(capsys, "retention")
    assert code == 0 and "Geen afgesloten dossiers" in out and "24 maanden" in out
    settings = tmp_path / "config.toml"
    settings.write_text("retention_months = 2\n", encoding="utf-8")
    monkeypatch.setenv("COACH_CONFIG", str(settings))
    assert load_config().retention_months == 2
    code, out, _ = call(capsys, "retention")
    assert code == 0 and "Mees Jansen" in out and "langer dan 2 maanden" in out


@pytest.mark.parametrize(
    "text",
    [
        "retention_months = 0\n",
        "retention_months = 'lang'\n",
        "retention_months = \n",
        "idle_lock_minutes = -1\n",
        "backup_keep = 2.5\n",
    ],
)
def test_a_wrong_setting_gets_a_dutch_message(env, tmp_path, capsys, monkeypatch, text):
    settings = tmp_path / "config.toml"
    settings.write_text(text, encoding="utf-8")
    monkeypatch.setenv("COACH_CONFIG", str(settings))
    with pytest.raises(ConfigError, match="config.toml"):
        load_config()
    if text.startswith("retention"):
        code, _, err = call(capsys, "retention")
        assert code == 2 and "config.toml" in err and "Traceback" not in err
