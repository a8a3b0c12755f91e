"""`coach network`: adds a person and prints the id; wrong input says what in Dutch, exits 2, writes nothing."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from db_digest import digest_of_file

from coach.cli import run
from coach.store import open_db
from coach.store.network import network_of


@pytest.fixture
def env(case_db: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("COACH_DB", str(case_db))
    monkeypatch.setenv("COACH_TODAY", "2026-03-14")
    monkeypatch.delenv("COACH_PROMPTS", raising=False)
    return case_db


def call(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = run(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_adds_an_informal_person_and_prints_the_id(env: Path, capsys) -> None:
    code, out, err = call(capsys, "network", "3", "--naam", "Fatima", "--relatie", "tante")
    assert code == 0, err
    person_id = int(out.strip())
    (added,) = network_of(open_db(env), 3)
    assert added.id == person_id
    assert (added.name, added.relation, added.kind, added.group) == ("Fatima", "tante", "informeel", "familie")
    assert added.seen_as is None and added.may_contact is None


def test_adds_a_professional_with_every_option(env: Path, capsys) -> None:
    code, out, err = call(
        capsys,
        "network",
        "3",
        "--naam",
        "  Petra Zwart ",
        "--relatie",
        "hulpverlener",
        "--professioneel",
        "--organisatie",
        "Wijkteam Oost",
        "--rol",
        "woonbegeleider",
        "--telefoon",
        "06-12345678",
        "--email",
        "petra@wijkteam.nl",
        "--steun",
        "Wisselend",
        "--niet-benaderen",
        "--notitie",
        "Via school",
    )
    assert code == 0, err
    person = network_of(open_db(env), 3)[0]
    assert person.id == int(out)
    assert person.name == "Petra Zwart"
    assert person.kind == "professioneel" and person.group == "hulpverlening"
    assert (person.organisation, person.role, person.phone, person.email) == (
        "Wijkteam Oost",
        "woonbegeleider",
        "06-12345678",
        "petra@wijkteam.nl",
    )
    assert person.seen_as == "wisselend" and person.may_contact is False and person.note == "Via school"


def test_show_json_lists_the_network(env: Path, capsys) -> None:
    assert call(capsys, "network", "3", "--naam", "Henk", "--relatie", "buurman", "--mag-benaderen")[0] == 0
    code, out, err = call(capsys, "show", "3", "--json")
    assert code == 0, err
    network = json.loads(out)["network"]
    assert [(p["name"], p["relation"], p["kind"]) for p in network] == [("Henk", "buurman", "informeel")]
    assert isinstance(network[0]["id"], int)
    # The fixture's Noor has two people, in the order they were added.
    noor = json.loads(call(capsys, "show", "1", "--json")[1])["network"]
    assert [p["relation"] for p in noor] == ["oma", "jobcoach"]
    assert noor[1]["organisation"] == "Werkplein"


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (["--naam", "", "--relatie", "oom"], "Naam: vul een naam in"),
        (["--naam", "   ", "--relatie", "oom"], "(--naam)"),
        (["--naam", "Ali", "--relatie", " "], "Relatie: vul in wie dit is"),
        (["--naam", "A\x07li", "--relatie", "oom"], "stuurtekens"),
        (["--naam", "Ali\nB", "--relatie", "oom"], "één regel"),
        (["--naam", "x" * 1_000_000, "--relatie", "oom"], "te lang"),
        (["--naam", "Ali", "--relatie", "oom", "--organisatie", "y" * 1_000_000], "Organisatie: te lang"),
        (["--naam", "Ali", "--relatie", "oom", "--telefoon", "bel maar"], "Telefoon:"),
        (["--naam", "Ali", "--relatie", "oom", "--email", "ali-at-home"], "E-mail:"),
        (["--naam", "Ali", "--relatie", "oom", "--steun", "soms"], "kies uit: steun, wisselend, lastig"),
        (["--naam", "Ali", "--relatie", "oom", "--notitie", "a\x00b"], "NUL-teken"),
        (["--relatie", "oom"], "ontbreekt"),
        (["--naam", "Ali"], "ontbreekt"),
    ],
)
def test_bad_input_is_refused_in_dutch_and_writes_nothing(env: Path, capsys, args: list[str], says: str) -> None:
    before = digest_of_file(env)
    code, out, err = call(capsys, "network", "3", *args)
    assert code == 2
    assert out == ""
    assert says in err
    assert "Traceback" not in err
    assert digest_of_file(env) == before


def test_a_missing_young_person_exits_1_and_writes_nothing(env: Path, capsys) -> None:
    before = digest_of_file(env)
    code, out, err = call(capsys, "network", "99", "--naam", "Ali", "--relatie", "oom")
    assert code == 1
    assert "geen jongere met nummer 99" in err
    assert digest_of_file(env) == before


def test_a_bad_id_is_a_usage_error(env: Path, capsys) -> None:
    code, _out, err = call(capsys, "network", "nul", "--naam", "Ali", "--relatie", "oom")
    assert code == 2
    assert "jongerennummer" in err


def test_no_database_is_made_for_a_network_command(tmp_path: Path, monkeypatch, capsys) -> None:
    missing = tmp_path / "nergens.db"
    monkeypatch.setenv("COACH_DB", str(missing))
    code, _out, err = call(capsys, "network", "1", "--naam", "Ali", "--relatie", "oom")
    assert code == 1
    assert "Er is nog geen database" in err
    assert not missing.exists()
