"""`coach` alone opens the app without click, and answers as the group does whenever the group has a word to say."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

import coach.cli as command_line
from coach.cli import group, run
from coach.cli.options import Options


@pytest.fixture
def opened(tmp_path, monkeypatch) -> list[tuple[Options, Path]]:
    """The app's openings, by either way in (none really opens: no terminal in a test)."""
    monkeypatch.setenv("COACH_TODAY", "2026-03-10")
    monkeypatch.setenv("COACH_DB", str(tmp_path / "coach.db"))
    monkeypatch.delenv("COACH_PROMPTS", raising=False)
    seen: list[tuple[Options, Path]] = []

    def run_tui(options: Options, db_path: Path, *, demo: bool) -> None:
        assert demo is False
        seen.append((options, db_path))

    monkeypatch.setattr(command_line, "run_tui", run_tui)
    monkeypatch.setattr(group, "run_tui", run_tui)
    return seen


def test_coach_alone_opens_the_app_on_coach_db_without_loading_click(tmp_path: Path):
    code = (
        "import json, sys\n"
        "import coach.cli as command_line\n"
        "seen = {}\n"
        "def run_tui(options, db_path, *, demo):\n"
        "    seen.update(click='click' in sys.modules, db=str(db_path), prompts=options.prompts_dir, demo=demo)\n"
        "command_line.run_tui = run_tui\n"
        "sys.argv = ['coach']\n"
        "code = command_line.run()\n"
        "print(json.dumps({**seen, 'code': code}))\n"
    )
    env = {**os.environ, "COACH_DB": str(tmp_path / "coach.db"), "COACH_TODAY": "2026-03-10"}
    env.pop("COACH_PROMPTS", None)
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=60)
    assert done.returncode == 0, done.stderr
    seen = json.loads(done.stdout)
    assert seen == {"click": False, "db": str(tmp_path / "coach.db"), "prompts": None, "demo": False, "code": 0}


def test_coach_alone_without_coach_db_opens_the_default_database(opened, monkeypatch):
    monkeypatch.delenv("COACH_DB")
    monkeypatch.setenv("COACH_DB", "")  # empty counts as unset, as click has it
    assert run([]) == 0
    [(options, db_path)] = opened
    assert options.db_path is None and db_path == options.database


def test_a_folder_as_coach_db_gets_the_groups_message_and_opens_nothing(opened, tmp_path, monkeypatch, capsys):
    folder = tmp_path / "map"
    folder.mkdir()
    assert run(["--db", str(folder)]) == 2
    by_option = capsys.readouterr().err
    monkeypatch.setenv("COACH_DB", str(folder))
    assert run([]) == 2
    assert capsys.readouterr().err == by_option
    assert "map" in by_option and "--help" in by_option
    assert opened == []


def test_coach_prompts_is_checked_by_the_group_before_the_app_opens(opened, tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("COACH_PROMPTS", str(tmp_path / "er-niet"))
    assert run([]) == 2
    assert "er-niet" in capsys.readouterr().err
    assert opened == []
    own = tmp_path / "eigen"
    own.mkdir()
    monkeypatch.setenv("COACH_PROMPTS", str(own))
    assert run([]) == 0
    [(options, _)] = opened
    assert options.prompts_dir == own


def test_a_wrong_coach_today_stops_coach_alone_with_a_dutch_message(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("COACH_DB", str(tmp_path / "coach.db"))
    monkeypatch.delenv("COACH_PROMPTS", raising=False)
    monkeypatch.setenv("COACH_TODAY", "morgen")
    assert run([]) == 2
    err = capsys.readouterr().err
    assert "COACH_TODAY" in err and "Traceback" not in err
    assert not (tmp_path / "coach.db").exists()


def test_ctrl_c_while_coach_alone_starts_is_told_plainly(opened, monkeypatch, capsys):
    def interrupted(*args: object, **kwargs: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(command_line, "run_tui", interrupted)
    assert run([]) == 1
    assert capsys.readouterr().err == "Afgebroken.\n"
