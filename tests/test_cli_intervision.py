"""`coach summary` and `coach anonymise`: output, options, exit codes and Dutch errors; never a name out."""

from __future__ import annotations

import io
import re
import sys
from pathlib import Path

import pytest
from conftest import SharedClient
from helpers import make_case

from coach.cli import cli, run
from coach.cli import intervision as cli_intervision
from coach.privacy.known import build_known
from coach.privacy.worker import AnonymiserError
from coach.store import open_db
from coach.store.cases import insert_cases, load_case


@pytest.fixture
def env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A database with one fictional case (id 1), COACH_DB and a fixed today; no settings file."""
    db_path = tmp_path / "coach.db"
    db = open_db(db_path)
    case = make_case("Sanne", full=True)
    case.youth.intervision_question = "Hoe krijg ik Sanne aan het werk?"
    case.contacts[0].note = "Kennismaking met Sanne en moeder Marja in Zwolle. Karim belt later."
    insert_cases(db, [case])
    db.close()
    monkeypatch.setenv("COACH_DB", str(db_path))
    monkeypatch.setenv("COACH_TODAY", "2026-03-14")
    monkeypatch.setenv("COACH_CONFIG", str(tmp_path / "geen-config.toml"))
    monkeypatch.delenv("COACH_PROMPTS", raising=False)
    return db_path


@pytest.fixture
def deduce(monkeypatch: pytest.MonkeyPatch, anonymiser_client) -> SharedClient:
    """The commands get the session's deduce worker instead of starting their own."""
    shared = SharedClient(anonymiser_client)
    monkeypatch.setattr(cli_intervision, "anonymiser_client", lambda: shared)
    return shared


class Refusing:
    """A client for calls that must not get as far as anonymising."""

    def __getattr__(self, name: str):
        raise AssertionError(f"the anonymiser should not be used ({name})")


class Failing:
    """A client whose worker could not load."""

    closed = False

    def warm_up(self, progress=None) -> None:
        raise AnonymiserError("Te weinig geheugen om de anonimiseerder te laden (hij heeft ruim 1 GB nodig).")

    def close(self) -> None:
        self.closed = True


@pytest.fixture
def refusing(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cli_intervision, "anonymiser_client", Refusing)


def call(
    capsys: pytest.CaptureFixture,
    *args: str,
    stdin: str | bytes | None = None,
    monkeypatch: pytest.MonkeyPatch | None = None,
) -> tuple[int, str, str]:
    if stdin is not None:
        data = stdin.encode("utf-8") if isinstance(stdin, str) else stdin
        monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data), encoding="utf-8"))
    code = run(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def known_names(db_path: Path) -> list[str]:
    db = open_db(db_path)
    case = load_case(db, 1)
    db.close()
    return [n.text for n in build_known(case).names if n.kind not in ("phone", "email")]


def leaks(text: str, db_path: Path) -> list[str]:
    return [
        form
        for form in known_names(db_path)
        if re.search(r"(?<![\w])" + re.escape(form) + r"(?![\w])", text, re.IGNORECASE)
    ]


# --- summary -----------------------------------------------------------------------------------


def test_summary_to_stdout_is_anonymised_markdown(env: Path, deduce: SharedClient, capsys) -> None:
    code, out, err = call(capsys, "summary", "1")
    assert (code, err) == (0, "")
    assert out.startswith("# Intervisie: casus van een jongere\n") and "_Roddelmethode · " in out
    assert "**Hoe krijg ik de jongere aan het werk?**" in out
    assert "Kennismaking met de jongere en moeder in [woonplaats]." in out
    assert leaks(out, env) == []
    assert deduce.closed  # the command lets go of its client


def test_summary_to_a_file_with_the_incident_method(env: Path, deduce: SharedClient, tmp_path: Path, capsys) -> None:
    target = tmp_path / "uit" / "intervisie.md"
    target.parent.mkdir()
    code, out, err = call(capsys, "summary", "1", "-o", str(target), "--methode", "incident")
    assert (code, out, err) == (0, "", "")
    text = target.read_text(encoding="utf-8")
    assert "## Het moment" in text and "_Incidentmethode · " in text
    assert leaks(text, env) == []
    assert [p.name for p in target.parent.iterdir()] == ["intervisie.md"]  # no temporary file left


def test_summary_of_a_period_and_of_one_contact(env: Path, deduce: SharedClient, capsys) -> None:
    code, out, _ = call(capsys, "summary", "1", "--periode", "1-3-2026", "14 maart 2026")
    assert code == 0 and "van week 8 tot en met week 10" in out and "Kennismaking" not in out
    code, out, _ = call(capsys, "summary", "1", "--contact", "1")
    assert code == 0 and "één contactmoment (week 1)" in out and "> Kennismaking met de jongere" in out
    assert leaks(out, env) == []


def test_the_team_method_comes_from_the_settings(
    env: Path, deduce: SharedClient, tmp_path: Path, monkeypatch, capsys
) -> None:
    settings = tmp_path / "config.toml"
    settings.write_text('intervision_method = "incident"\n', encoding="utf-8")
    monkeypatch.setenv("COACH_CONFIG", str(settings))
    code, out, _ = call(capsys, "summary", "1")
    assert code == 0 and "## Het moment" in out
    code, out, _ = call(capsys, "summary", "1", "--methode", "roddel")
    assert code == 0 and "## Wat er gebeurde" in out


def test_missing_case_exits_1(env: Path, refusing, capsys) -> None:
    code, out, err = call(capsys, "summary", "7")
    assert (code, out) == (1, "")
    assert err == "Er is geen jongere met nummer 7. Kijk met 'coach caseload' welke nummers er zijn.\n"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--methode", "balint"], "'balint' (--methode) is geen intervisiemethode; kies uit: incident, roddel."),
        (["--contact", "9"], "Contactmoment 9 bestaat niet: er zijn er 2"),
        (["--contact", "0"], "het moet 1 of meer zijn"),
        (["--contact", "1", "--periode", "2026-01-01", "2026-02-01"], "Kies --periode of --contact, niet allebei."),
        (["--periode", "2026-03-01", "2026-01-01"], "de begindatum ligt na de einddatum"),
        (["--periode", "gisteravond laat", "2026-01-01"], "De begindatum van --periode klopt niet"),
        (["--periode", "2026-01-01"], "--periode"),
        (["--alias", "Sanne"], "Deze schuilnaam kan niet"),
        (["--alias", "Marja"], "Deze schuilnaam kan niet"),
        (["--kleur", "rood"], "Onbekende optie --kleur."),
    ],
)
def test_bad_calls_exit_2_before_anything_is_anonymised(
    env: Path, refusing, capsys, args: list[str], message: str
) -> None:
    code, out, err = call(capsys, "summary", "1", *args)
    assert (code, out) == (2, "")
    assert message in err and "Traceback" not in err
    assert leaks(err, env) == []


def test_a_setting_that_names_no_method_exits_2(env: Path, refusing, tmp_path: Path, monkeypatch, capsys) -> None:
    settings = tmp_path / "config.toml"
    settings.write_text('intervision_method = "intervisie"\n', encoding="utf-8")
    monkeypatch.setenv("COACH_CONFIG", str(settings))
    code, _, err = call(capsys, "summary", "1")
    assert code == 2 and "(intervision_method in je instellingen) is geen intervisiemethode" in err


def test_anonymiser_failure_exits_1_with_its_dutch_message(env: Path, monkeypatch, tmp_path: Path, capsys) -> None:
    failing = Failing()
    monkeypatch.setattr(cli_intervision, "anonymiser_client", lambda: failing)
    target = tmp_path / "intervisie.md"
    code, out, err = call(capsys, "summary", "1", "-o", str(target))
    assert (code, out) == (1, "")
    assert err == (
        "Te weinig geheugen om de anonimiseerder te laden (hij heeft ruim 1 GB nodig).\n"
        "De samenvatting is niet gemaakt.\n"
    )
    assert failing.closed and not target.exists()


def test_output_into_a_missing_folder_is_a_wrong_call_and_leaves_nothing(
    env: Path, deduce: SharedClient, tmp_path: Path, capsys
) -> None:
    # Refused before anything is anonymised: a folder that is not there is a mistake in the call (exit 2).
    target = tmp_path / "bestaat-niet" / "intervisie.md"
    code, out, err = call(capsys, "summary", "1", "-o", str(target))
    assert (code, out) == (2, "")
    assert err.startswith(f"De map van {target} bestaat niet") and leaks(err, env) == []
    assert not target.parent.exists()


# --- anonymise ---------------------------------------------------------------------------------

NOTE = "Sanne belde met moeder Marja en met Priscilla de Boer. Bel 06-12345678 of mail sanne@example.nl.\n"


def test_anonymise_without_a_case_catches_what_it_can(env: Path, deduce: SharedClient, monkeypatch, capsys) -> None:
    code, out, err = call(capsys, "anonymise", stdin=NOTE, monkeypatch=monkeypatch)
    assert (code, err) == (0, "")
    assert "Priscilla" not in out and "06-12345678" not in out and "sanne@example.nl" not in out
    assert "[telefoon]" in out and "[e-mail]" in out
    assert out.endswith(".\n") and "moeder" in out


def test_anonymise_with_a_case_names_people_by_their_role(env: Path, deduce: SharedClient, monkeypatch, capsys) -> None:
    code, out, err = call(capsys, "anonymise", "--case", "1", stdin=NOTE, monkeypatch=monkeypatch)
    assert (code, err) == (0, "")
    assert out == "De jongere belde met moeder en met [persoon 1]. Bel [telefoon] of mail [e-mail].\n"


def test_anonymise_missing_case_exits_1(env: Path, refusing, monkeypatch, capsys) -> None:
    code, out, err = call(capsys, "anonymise", "--case", "5", stdin=NOTE, monkeypatch=monkeypatch)
    assert (code, out) == (1, "") and "Er is geen jongere met nummer 5." in err


def test_anonymise_bad_input_exits_2(env: Path, refusing, monkeypatch, capsys) -> None:
    code, out, err = call(capsys, "anonymise", stdin=b"\xff\xfe Sanne", monkeypatch=monkeypatch)
    assert (code, out) == (2, "") and "geen UTF-8-tekst" in err and "Sanne" not in err
    assert call(capsys, "anonymise", "--case", "een")[0] == 2


def test_anonymise_of_nothing_is_nothing(env: Path, refusing, monkeypatch, capsys) -> None:
    assert call(capsys, "anonymise", stdin="  \n", monkeypatch=monkeypatch) == (0, "  \n", "")


def test_both_commands_have_dutch_help() -> None:
    import click

    # Asked of the group as the command line asks it: a command's module is loaded when first named.
    commands = {name: cli.get_command(None, name) for name in ("summary", "anonymise")}
    for command in commands.values():
        assert command is not None and command.help
        assert all(param.help for param in command.params if isinstance(param, click.Option))
    summary_options = {opt for param in commands["summary"].params for opt in param.opts}
    assert {"-o", "--methode", "--periode", "--contact"} <= summary_options
    assert "--case" in {opt for param in commands["anonymise"].params for opt in param.opts}
