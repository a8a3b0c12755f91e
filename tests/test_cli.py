"""The command line: the contract's commands, exit codes and Dutch messages."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from factories import sample_case

from coach.cli import cli, run
from coach.store import open_db
from coach.store.casefile import case_to_dict
from coach.store.cases import insert_cases


@pytest.fixture
def env(tmp_path, monkeypatch):
    """A fresh database via COACH_DB and a fixed today."""
    db_path = tmp_path / "coach.db"
    open_db(db_path).close()  # unencrypted, so tests can look inside; a new file would need COACH_PASSPHRASE
    monkeypatch.setenv("COACH_DB", str(db_path))
    monkeypatch.setenv("COACH_TODAY", "2026-03-10")
    monkeypatch.delenv("COACH_PROMPTS", raising=False)
    return db_path


def call(capsys, *args):
    code = run(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def case_file(tmp_path, name="Sanne", **kw):
    path = tmp_path / f"{name}.json"
    path.write_text(json.dumps(case_to_dict(sample_case(name, **kw)), ensure_ascii=False), encoding="utf-8")
    return path


def test_import_prints_new_ids_and_export_gives_the_file_back(env, tmp_path, capsys, monkeypatch):
    a, b = case_file(tmp_path, "Sanne"), case_file(tmp_path, "Bas")
    code, out, err = call(capsys, "import", str(a), str(b))
    assert (code, out, err) == (0, "1\n2\n", "")
    # A version-1 file comes out as version 2, with the same case in it.
    code, out, _ = call(capsys, "export", "2")
    exported = json.loads(out)
    assert code == 0 and exported["format"] == "coach-case/2"
    assert exported["youth"]["first_name"] == json.loads(b.read_text(encoding="utf-8"))["youth"]["first_name"]
    target = tmp_path / "uit.json"
    assert call(capsys, "export", "1", "-o", str(target))[0] == 0
    first = json.loads(target.read_text(encoding="utf-8"))
    assert first["format"] == "coach-case/2" and first["youth"]["first_name"] == "Sanne"
    # The version-2 file reads back into another database and exports as the same file.
    other = tmp_path / "ander.db"
    open_db(other).close()
    monkeypatch.setenv("COACH_DB", str(other))
    assert call(capsys, "import", str(target)) == (0, "1\n", "")
    code, out, _ = call(capsys, "export", "1")
    assert code == 0 and json.loads(out) == first


def test_invalid_file_exits_2_with_file_path_and_rule_and_writes_nothing(env, tmp_path, capsys):
    good = case_file(tmp_path, "Sanne")
    bad = tmp_path / "kapot.json"
    data = case_to_dict(sample_case("Bas"))
    data["assessments"][0]["domain"] = "geld"
    bad.write_text(json.dumps(data), encoding="utf-8")
    code, out, err = call(capsys, "import", str(good), str(bad))
    assert code == 2 and out == ""
    assert f"{bad}: $.assessments[0].domain: onbekend leefgebied" in err
    assert "Niets ingelezen" in err and "Traceback" not in err
    assert open_db(env).execute("SELECT count(*) FROM youths").fetchone()[0] == 0


def test_caseload_json_has_the_contract_fields(env, capsys):
    insert_cases(open_db(env), [sample_case("Sanne"), sample_case("Bas", phase="afgesloten")])
    code, out, _ = call(capsys, "caseload", "--json")
    rows = json.loads(out)
    assert code == 0 and [r["name"] for r in rows] == ["Sanne Visser"]
    assert {
        "id",
        "name",
        "phase",
        "days_since_contact",
        "continuity",
        "next_contact",
        "open_agreements",
        "overdue_agreements",
    } <= set(rows[0])
    assert rows[0]["continuity"] == "ok" and rows[0]["days_since_contact"] == 8
    assert rows[0]["next_contact"] == "2026-03-20T10:00"


def test_caseload_table_and_empty_message(env, capsys):
    code, out, _ = call(capsys, "caseload")
    assert code == 0 and "Nog geen jongeren" in out
    insert_cases(open_db(env), [sample_case("Sanne")])
    code, out, _ = call(capsys, "caseload")
    assert "Sanne Visser" in out and "Op koers" in out and "Begeleiding" in out


def test_show_json_and_text_put_the_warm_story_first(env, capsys):
    insert_cases(open_db(env), [sample_case("Sanne")])
    code, out, _ = call(capsys, "show", "1", "--json")
    data = json.loads(out)
    assert code == 0
    assert data["latest_scores"] == {"financien": 2, "werk_opleiding": 3}
    assert len(data["release_readiness"]) == 7 and data["continuity"] == "ok" and data["phase"] == "begeleiding"
    assert data["open_agreements"][0]["overdue"] is True
    code, out, _ = call(capsys, "show", "1")
    assert code == 0
    assert out.index("broertje") < out.index("Financiën") < out.index("Bellen met de woningcorporatie")


@pytest.mark.parametrize("command", ["show", "export"])
def test_missing_case_exits_1(env, capsys, command):
    code, out, err = call(capsys, command, "42")
    assert code == 1 and out == "" and "geen jongere met nummer 42" in err


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["show", "abc"], "'abc' is geen geldig jongerennummer"),
        (["show"], "ontbreekt"),
        (["caseload", "--wat"], "Onbekende optie --wat"),
        (["vlieg"], "Onbekend commando"),
        (["import"], "ontbreekt"),
        (["demo", "--youths", "0"], "het moet 1 of meer zijn"),
    ],
)
def test_usage_errors_exit_2_in_dutch(env, capsys, args, expected):
    code, out, err = call(capsys, *args)
    assert code == 2 and expected in err and "--help" in err and "Traceback" not in err


def test_bad_coach_today_exits_2(env, capsys, monkeypatch):
    monkeypatch.setenv("COACH_TODAY", "10-03-2026")
    code, _, err = call(capsys, "caseload")
    assert code == 2 and "COACH_TODAY" in err and "JJJJ-MM-DD" in err


def test_db_option_wins_over_environment(env, tmp_path, capsys):
    other = tmp_path / "ander.db"
    insert_cases(open_db(other), [sample_case("Roos")])
    code, out, _ = call(capsys, "--db", str(other), "caseload", "--json")
    assert [r["name"] for r in json.loads(out)] == ["Roos Visser"]


def test_a_broken_database_exits_1_with_a_message(env, capsys):
    env.write_bytes(b"x" * 4096)
    code, _, err = call(capsys, "caseload")
    assert code == 1 and "geen (gave) coach-database" in err


def test_unwritable_export_target_exits_1(env, tmp_path, capsys):
    insert_cases(open_db(env), [sample_case("Sanne")])
    code, _, err = call(capsys, "export", "1", "-o", str(tmp_path / "bestaat-niet" / "x.json"))
    assert code == 1 and "Kan" in err and "niet schrijven" in err


def test_every_command_has_help_text(capsys):
    assert cli.help
    for name, command in cli.commands.items():
        assert command.help, f"{name} has no help text"
        code, out, _ = call(capsys, name, "--help")
        assert code == 0 and "Gebruik: coach " + name in out and "Opties" in out
    code, out, _ = call(capsys, "--help")
    assert "Commando's" in out


def test_console_script_runs_in_a_subprocess(env):
    result = subprocess.run([sys.executable, "-m", "coach", "caseload", "--json"], capture_output=True, text=True)
    assert result.returncode == 0 and json.loads(result.stdout) == []


def test_version_names_the_installed_coach(capsys):
    from importlib.metadata import version

    code, out, _ = call(capsys, "--version")
    assert code == 0 and out.strip() == f"coach {version('coach')}"
