"""`coach caseload` with the desk's options: sort, filters, search, deze week; bad values get Dutch and exit 2."""

from __future__ import annotations

import json

import pytest
from conftest import small_caseload

from coach.cli import run
from coach.store.cases import insert_cases
from coach.store.db import open_db

CONTRACT_FIELDS = {
    "id",
    "name",
    "phase",
    "days_since_contact",
    "continuity",
    "next_contact",
    "open_agreements",
    "overdue_agreements",
}


@pytest.fixture
def env(tmp_path, monkeypatch):
    """The fixture caseload in a database via COACH_DB, with today fixed to the fixtures' day."""
    db_path = tmp_path / "coach.db"
    db = open_db(db_path)
    insert_cases(db, small_caseload())
    db.close()
    monkeypatch.setenv("COACH_DB", str(db_path))
    monkeypatch.setenv("COACH_TODAY", "2026-03-14")
    return db_path


def call(capsys, *args):
    code = run(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def names_json(capsys, *args) -> list[str]:
    code, out, err = call(capsys, "caseload", "--json", *args)
    assert code == 0, err
    rows = json.loads(out)
    assert all(CONTRACT_FIELDS <= set(row) for row in rows)
    return [row["name"] for row in rows]


def test_without_options_the_contract_is_unchanged(env, capsys) -> None:
    assert names_json(capsys) == ["Daan de Vries", "Noor Bakker", "Samira El Amrani"]


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["--sorteer", "ritme"], ["Daan de Vries", "Samira El Amrani", "Noor Bakker"]),
        (["--sorteer", "volgende"], ["Samira El Amrani", "Noor Bakker", "Daan de Vries"]),
        (["--sorteer", "FASE"], ["Samira El Amrani", "Daan de Vries", "Noor Bakker"]),
        (["--fase", "intake"], ["Samira El Amrani"]),
        (["--fase", "intake", "--fase", "begeleiding"], ["Daan de Vries", "Noor Bakker", "Samira El Amrani"]),
        (["--ritme", "te-lang", "--ritme", "let_op"], ["Daan de Vries", "Samira El Amrani"]),
        (["--ritme", "ok"], ["Noor Bakker"]),
        (["--niet-gezien", "10"], ["Daan de Vries", "Samira El Amrani"]),
        (["--nog-geen-contact"], []),
        (["--volgende", "deze-week"], ["Samira El Amrani"]),
        (["--volgende", "niet-gepland"], ["Daan de Vries"]),
        (["--te-laat"], ["Daan de Vries"]),
        (["--zoek", "stage"], ["Noor Bakker"]),  # a word only in a contact note
        (["--zoek", "sam"], ["Samira El Amrani"]),
        (["--zoek", "daniel"], ["Daan de Vries"]),
        (["--fase", "begeleiding", "--sorteer", "ritme", "--zoek", "de"], ["Daan de Vries"]),
    ],
)
def test_options_sort_and_filter(env, capsys, args, expected) -> None:
    assert names_json(capsys, *args) == expected


def test_deze_week_gives_the_reasons_most_urgent_first(env, capsys) -> None:
    code, out, _ = call(capsys, "caseload", "--deze-week", "--json")
    rows = json.loads(out)
    assert code == 0 and [row["name"] for row in rows] == ["Daan de Vries", "Samira El Amrani", "Noor Bakker"]
    assert rows[0]["deze_week"] == [
        {"kind": "te_lang", "text": "te lang niet gezien: 53 dagen"},
        {"kind": "afspraak_te_laat", "text": "1 afspraak te laat"},
    ]
    assert CONTRACT_FIELDS <= set(rows[0])
    code, out, _ = call(capsys, "caseload", "--deze-week")
    assert code == 0
    assert out.startswith("Deze week (za 14 mrt – vr 20 mrt): 3 om te zien, dringendst eerst")  # seven days, not eight
    assert "huisbezoek di 17 mrt 10:00" in out


def test_table_says_how_many_and_which_filters(env, capsys) -> None:
    code, out, _ = call(capsys, "caseload", "--fase", "begeleiding", "--zoek", "kort")
    assert code == 0
    assert out.splitlines()[0] == "1 van 3 jongeren · fase Begeleiding · zoek “kort”"
    assert "Daan de Vries" in out and "Noor" not in out
    code, out, _ = call(capsys, "caseload", "--fase", "nazorg")
    assert code == 0 and "Niemand voldoet hieraan" in out


def test_names_with_brackets_are_printed_as_written(env, capsys) -> None:
    from datetime import date

    from coach.domain.model import Case, PhaseEntry, Youth

    insert_cases(
        open_db(env), [Case(Youth("Iris", last_name="[b]Kok[/b]"), phases=[PhaseEntry("intake", date(2026, 3, 1))])]
    )
    code, out, _ = call(capsys, "caseload", "--zoek", "iris")
    assert code == 0 and "Iris [b]Kok[/b]" in out


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["--fase", "klaar"], "Ongeldige waarde voor --fase: 'klaar' is geen fase; kies uit: aanmelding, intake"),
        (["--ritme", "rood"], "Ongeldige waarde voor --ritme: 'rood' is geen contactritme"),
        (["--sorteer", "leeftijd"], "'leeftijd' is geen sorteervolgorde; kies uit: naam, ritme"),
        (["--volgende", "morgen"], "'morgen' is geen keuze voor het volgende contact"),
        (["--niet-gezien", "veel"], "'veel' is geen aantal dagen; geef een heel getal"),
        (["--niet-gezien", "-2"], "-2 is geen aantal dagen; het moet 0 of meer zijn"),
        (["--zoek", '"*'], "In --zoek staat geen woord"),
        (["--fase"], "ontbreekt"),
    ],
)
def test_bad_values_get_a_dutch_message_and_exit_2(env, capsys, args, expected) -> None:
    code, out, err = call(capsys, "caseload", *args)
    assert code == 2 and out == ""
    assert expected in err and "Traceback" not in err


def test_help_is_dutch_and_names_every_option(capsys) -> None:
    code, out, _ = call(capsys, "caseload", "--help")
    assert code == 0 and out.startswith("Gebruik: coach caseload [OPTIES]")
    for option in (
        "--fase",
        "--ritme",
        "--niet-gezien",
        "--nog-geen-contact",
        "--volgende",
        "--te-laat",
        "--zoek",
        "--sorteer",
        "--deze-week",
        "--json",
    ):
        assert option in out
    assert "Options" not in out and "default" not in out


def test_a_short_word_that_finds_nobody_says_it_looked_in_names_only(env, capsys) -> None:
    code, out, _ = call(capsys, "caseload", "--zoek", "zz")
    assert code == 0
    assert "Niemand voldoet hieraan" in out and "'zz': korte woorden zoeken alleen in namen." in out
    code, out, _ = call(capsys, "caseload", "--zoek", "xyzzy")
    assert "korte woorden" not in out  # a long word was searched everywhere: nothing to explain


def test_json_rows_are_one_per_line_and_the_same_json(env, capsys) -> None:
    code, out, _ = call(capsys, "caseload", "--json")
    lines = out.splitlines()
    rows = json.loads(out)
    assert code == 0 and lines[0] == "[" and lines[-1] == "]" and len(lines) == len(rows) + 2
    assert [json.loads(line.strip().rstrip(",")) for line in lines[1:-1]] == rows


@pytest.mark.parametrize("columns", ["80", "120"])
def test_a_very_long_name_is_cut_short_and_every_other_column_stays_whole(
    env, capsys, monkeypatch, columns: str
) -> None:
    from dataclasses import replace

    db = open_db(env)
    long = small_caseload()[0]
    insert_cases(db, [replace(long, youth=replace(long.youth, first_name="Ab", last_name="x" * 150))])
    db.close()
    monkeypatch.setenv("COLUMNS", columns)
    code, out, err = call(capsys, "caseload")
    assert code == 0, err
    lines = out.splitlines()
    assert all(len(line) <= int(columns) for line in lines)
    assert lines[1].split() == ["nr", "naam", "fase", "dagen", "ritme", "volgende", "afspraken"]
    long_row = next(line for line in lines if "Ab x" in line)
    assert long_row.split()[3:] == ["Begeleiding", "4", "●", "Op", "koers", "24-03", "10:00", "1"]
    assert "x…" in long_row
    # Every other row keeps its whole name and its "te laat".
    assert "Samira El Amrani" in out and "1 · 1 te laat" in out
