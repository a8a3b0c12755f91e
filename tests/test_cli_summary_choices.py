"""`coach summary` uses what the coach chose in the review screen, and --moment for the incident method."""

from __future__ import annotations

from pathlib import Path

import pytest
import test_cli_intervision as cli_tests
from test_cli_intervision import call

from coach.cli import intervision as cli_intervision
from coach.privacy.anonymiser import Anonymiser
from coach.reports.summary import Scope, numbered_contacts
from coach.store import open_db
from coach.store.cases import load_case
from coach.store.intervision import IntervisionNotes, save_intervision_notes, save_scope_question


class Stub:
    """An in-process anonymiser with our own rules only (deduce left out): enough for what is chosen."""

    def __init__(self) -> None:
        self._anonymiser = Anonymiser(use_deduce=False)

    def warm_up(self, progress=None) -> None:
        pass

    def anonymise_many(self, texts, case=None, **kwargs):
        return self._anonymiser.anonymise_many(texts, case, **kwargs)

    def close(self) -> None:
        pass


# The command tests' fixtures: one fictional case in COACH_DB, and a client that must not be used.
env = cli_tests.env
refusing = cli_tests.refusing


@pytest.fixture
def stub(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cli_intervision, "anonymiser_client", Stub)


def test_the_moment_is_chosen_for_the_incident_method(env: Path, stub, capsys) -> None:
    code, out, _ = call(capsys, "summary", "1", "--methode", "incident", "--moment", "1")
    assert code == 0
    moment = out.split("## Het moment")[1].split("\n## ")[0]
    assert "Week 1 · huisbezoek (60 min):" in moment and "Daarvoor" not in moment
    code, out, _ = call(capsys, "summary", "1", "--methode", "incident")
    assert "Daarvoor, in het kort" in out.split("## Het moment")[1].split("\n## ")[0]  # the newest by default


def test_a_moment_that_does_not_fit_exits_2_before_anonymising(env: Path, refusing, capsys) -> None:
    code, _, err = call(capsys, "summary", "1", "--methode", "incident", "--moment", "9")
    assert code == 2 and "Contactmoment 9 bestaat niet" in err
    code, _, err = call(capsys, "summary", "1", "--methode", "roddel", "--moment", "1")
    assert code == 2 and "--moment hoort bij een methode over één moment" in err


def test_what_the_coach_wrote_marked_and_hid_in_the_app_is_used(env: Path, stub, capsys) -> None:
    db = open_db(env)
    save_intervision_notes(
        db, 1, IntervisionNotes("Ik belde elke week.", None, ("werk_opleiding",), ("keukentafel", "Kennismaking"))
    )
    db.close()
    code, out, _ = call(capsys, "summary", "1")
    assert code == 0
    assert "Ik belde elke week." in out
    assert "- Werk en opleiding: 3" in out
    assert "Kennismaking" not in out and "keukentafel" not in out and "[verborgen]" in out


def test_a_period_uses_the_question_written_for_it_and_else_the_cases(env: Path, stub, capsys) -> None:
    db = open_db(env)
    first = numbered_contacts(load_case(db, 1))[0].at.date()
    key = Scope.period(first, first).key
    assert key is not None
    save_scope_question(db, 1, key, "Wat maakt dat ik Sanne zo snel geruststel?")
    db.close()
    code, out, _ = call(capsys, "summary", "1", "--periode", first.isoformat(), first.isoformat())
    assert code == 0
    assert "**Wat maakt dat ik de jongere zo snel geruststel?**" in out and "aan het werk" not in out
    code, out, _ = call(capsys, "summary", "1")  # the whole case: the case's own question
    assert code == 0 and "**Hoe krijg ik de jongere aan het werk?**" in out
