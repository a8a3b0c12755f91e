"""The command line reads config.toml once per start, and every command is registered in one place."""

from __future__ import annotations

import subprocess
import sys
import tomllib
from pathlib import Path
from typing import Any

import pytest

from coach import cli
from coach.cli.options import Options

SETTINGS = 'retention_months = 12\nintervision_method = "incident"\n\n[contactritme]\nbegeleiding = 9\n'


@pytest.fixture
def parses(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """A settings file in place, and the text of every parse of it (config's own TOML reader counts them)."""
    settings = tmp_path / "config.toml"
    settings.write_text(SETTINGS, encoding="utf-8")
    monkeypatch.setenv("COACH_CONFIG", str(settings))
    monkeypatch.setenv("COACH_TODAY", "2026-03-14")
    monkeypatch.delenv("COACH_PROMPTS", raising=False)
    seen: list[str] = []
    loads = tomllib.loads

    def counting(text: str, **kwargs: Any) -> dict[str, object]:
        # Only the settings: the prompts are TOML too (and read by their own module), and are not the settings.
        if text == SETTINGS:
            seen.append(text)
        return loads(text, **kwargs)

    # config imports tomllib only when there is a file to read, so its reader is counted where it lives.
    monkeypatch.setattr(tomllib, "loads", counting)
    return seen


@pytest.mark.parametrize(
    "args",
    [
        ["caseload"],
        ["caseload", "--deze-week"],
        ["show", "1"],
        ["show", "1", "--json"],
        ["retention"],
    ],
)
def test_a_command_reads_the_settings_once(case_db: Path, parses: list[str], capsys, args: list[str]):
    assert cli.run(["--db", str(case_db), *args]) == 0, capsys.readouterr().err
    assert parses == [SETTINGS]


def test_a_command_that_needs_no_settings_reads_none(case_db: Path, parses: list[str], capsys):
    assert cli.run(["--db", str(case_db), "export", "1"]) == 0, capsys.readouterr().err
    assert parses == []


def test_opening_the_app_reads_the_settings_once(case_db: Path, parses: list[str], monkeypatch):
    import coach.tui.app

    started = []
    monkeypatch.setattr(coach.tui.app.CoachApp, "run", lambda app: started.append(app))
    assert cli.run(["--db", str(case_db)]) == 0
    assert len(started) == 1
    assert parses == [SETTINGS]
    # What was read is what the app got: the contact rhythm from the file.
    assert started[0].rules.interval("begeleiding") == 9


def test_the_app_with_own_prompts_still_reads_the_settings_once(case_db: Path, parses: list[str], monkeypatch):
    import coach.tui.app
    from coach.paths import prompts_dir

    monkeypatch.setattr(coach.tui.app.CoachApp, "run", lambda app: None)
    assert cli.run(["--db", str(case_db), "--prompts", str(prompts_dir())]) == 0
    assert parses == [SETTINGS]


def test_each_start_reads_the_settings_afresh(tmp_path: Path, parses: list[str]):
    # Kept per command, not per process: a changed file counts at the next command.
    first, second = Options(tmp_path / "a.db", None), Options(tmp_path / "a.db", None)
    assert first.config() is first.config()
    assert second.config().retention_months == 12
    assert len(parses) == 2


def test_a_broken_settings_file_stops_a_command_that_reads_it_with_usage_exit(
    case_db: Path, tmp_path: Path, monkeypatch, capsys
):
    settings = tmp_path / "broken.toml"
    settings.write_text("retention_months = 0\n", encoding="utf-8")
    monkeypatch.setenv("COACH_CONFIG", str(settings))
    assert cli.run(["--db", str(case_db), "caseload"]) == 2
    assert "retention_months = 0 klopt niet" in capsys.readouterr().err
    # export does not need the settings, so it works.
    assert cli.run(["--db", str(case_db), "export", "1"]) == 0


def test_every_command_is_registered_once_and_has_help():
    names = [command.name for command in cli.COMMANDS]
    assert len(names) == len(set(names))
    assert sorted(cli.cli.commands) == sorted(names)
    for command in cli.COMMANDS:
        assert command.help and command.help.strip(), command.name


def test_python_dash_m_coach_runs_the_command_line():
    result = subprocess.run([sys.executable, "-m", "coach", "--version"], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("coach ")
