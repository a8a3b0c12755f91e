"""balance.toml and visit.toml are checked like the other prompts; a broken file stops the app with its line."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from coach import cli
from coach.content.prompts import load_content
from coach.content.toml_source import PromptsError
from coach.paths import prompts_dir


@pytest.fixture
def base(tmp_path: Path) -> Path:
    copy = tmp_path / "prompts"
    shutil.copytree(prompts_dir(), copy)
    return copy


def error_of(base: Path, override: Path | None = None) -> PromptsError:
    with pytest.raises(PromptsError) as info:
        load_content(override, base)
    return info.value


def replace_line(path: Path, starts: str, new: str) -> int:
    lines = path.read_text(encoding="utf-8").splitlines()
    number = next(i for i, line in enumerate(lines, 1) if line.startswith(starts))
    lines[number - 1] = new
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return number


def test_stretch_out_of_range_names_file_and_line(base):
    number = replace_line(base / "balance.toml", "stretch", "stretch = 0")
    error = error_of(base)
    assert str(error).startswith(f"prompts/balance.toml, regel {number}:")
    assert "'stretch'" in str(error) and "2 tot en met 10" in str(error)


def test_a_word_cannot_be_both_warm_and_problem(base):
    path = base / "balance.toml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("problem = [", 'problem = [\n    "trots",'), encoding="utf-8"
    )
    error = error_of(base)
    assert "'trots' staat zowel bij warm als bij problem" in str(error)
    assert error.line is not None


def test_unknown_field_in_balance_file(base):
    number = replace_line(base / "balance.toml", "stretch", "strech = 4")
    error = error_of(base)
    assert str(error).startswith(f"prompts/balance.toml, regel {number}:")
    assert "bedoel je 'stretch'?" in str(error)


def test_opener_without_its_slot(base):
    number = replace_line(base / "visit.toml", "droom =", 'droom = "Hoe gaat het met je droom?"')
    error = error_of(base)
    assert str(error).startswith(f"prompts/visit.toml, regel {number}:")
    assert "{tekst}" in str(error)


def test_opener_missing_for_a_kind(base):
    path = base / "visit.toml"
    lines = [line for line in path.read_text(encoding="utf-8").splitlines() if not line.startswith("mensen =")]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert "'mensen' ontbreekt" in str(error_of(base))


def test_organisation_overrides_balance_words(base, tmp_path):
    own = tmp_path / "eigen"
    own.mkdir()
    (own / "balance.toml").write_text('stretch = 2\nwarm = ["top"]\nproblem = ["balen"]\n', encoding="utf-8")
    content = load_content(own, base)
    assert content.balance.stretch == 2 and content.balance.warm == ("top",)
    assert content.openers == load_content(base_dir=base).openers  # the other file stays ours


# --- through the command line: the app does not start on a broken file ---------------------


@pytest.fixture
def no_tui(monkeypatch):
    """Fail the test if the app would start."""
    import coach.tui.app

    def refuse(*args, **kwargs):
        raise AssertionError("the app must not start on broken prompts")

    monkeypatch.setattr(coach.tui.app, "make_app", refuse)


def test_broken_prompts_option_stops_the_app_with_the_dutch_error(tmp_path, monkeypatch, capsys, no_tui):
    own = tmp_path / "eigen"
    own.mkdir()
    (own / "balance.toml").write_text('stretch = 4\nwarm = ["top"\nproblem = ["balen"]\n', encoding="utf-8")
    monkeypatch.setenv("COACH_CONFIG", str(tmp_path / "geen.toml"))
    code = cli.run(["--db", str(tmp_path / "c.db"), "--prompts", str(own)])
    assert code == 2
    err = capsys.readouterr().err
    assert err.startswith("eigen/balance.toml, regel 3")  # where TOML notices the open list
    assert "geen geldige TOML" in err and "Traceback" not in err


def test_broken_prompts_folder_from_the_settings_file(tmp_path, monkeypatch, capsys, no_tui):
    own = tmp_path / "onze-prompts"
    (own / "domains").mkdir(parents=True)
    (own / "domains" / "financien.toml").write_text('key = "financien"\n', encoding="utf-8")
    settings = tmp_path / "config.toml"
    settings.write_text('prompts = "onze-prompts"\n', encoding="utf-8")  # relative to the settings file
    monkeypatch.setenv("COACH_CONFIG", str(settings))
    monkeypatch.delenv("COACH_PROMPTS", raising=False)
    code = cli.run(["--db", str(tmp_path / "c.db")])
    assert code == 2
    err = capsys.readouterr().err
    assert err.startswith("onze-prompts/domains/financien.toml")
    assert "ontbreekt" in err


def test_prompts_from_the_settings_file_are_used(tmp_path, monkeypatch, capsys, case_db):
    own = tmp_path / "onze-prompts" / "domains"
    own.mkdir(parents=True)
    text = (prompts_dir() / "domains" / "financien.toml").read_text(encoding="utf-8")
    (own / "financien.toml").write_text(text.replace('label = "Financiën"', 'label = "Geldzaken"'), encoding="utf-8")
    settings = tmp_path / "config.toml"
    settings.write_text(f'prompts = "{own.parent}"\n', encoding="utf-8")
    monkeypatch.setenv("COACH_CONFIG", str(settings))
    monkeypatch.delenv("COACH_PROMPTS", raising=False)
    monkeypatch.setenv("COACH_TODAY", "2026-03-14")
    assert cli.run(["--db", str(case_db), "show", "1"]) == 0
    assert "Geldzaken" in capsys.readouterr().out
    # The option wins over the settings file.
    assert cli.run(["--db", str(case_db), "--prompts", str(prompts_dir()), "show", "1"]) == 0
    out = capsys.readouterr().out
    assert "Financiën" in out and "Geldzaken" not in out
