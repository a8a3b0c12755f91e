"""Erasing a young person: every row, the history, the search index, the audit trail and the bytes on disk."""

from __future__ import annotations

from pathlib import Path

import pytest
from safety_helpers import RARE_NAME, call, fingerprint, make_db, on_disk

import coach.cli.unlock as unlock
from coach.store.cases import load_case
from coach.store.db import open_db
from coach.store.erase import erase_preview, erase_youth
from coach.store.instance import InstanceLock

RARE_WORD = "Zwanenveldpolder"
EARLIER_WORD = "Kwikstaartlaan"


@pytest.fixture
def two_cases(tmp_path, monkeypatch) -> tuple[Path, int, int]:
    """A plain database (so its bytes can be searched) with the rare young person and Bas."""
    path = tmp_path / "coach.db"
    rare, bas = make_db(path, passphrase=None)
    db = open_db(path)
    with db.atomic():
        # a note, an edited note (whose earlier text goes into the history) and a warm-story line
        db.execute(
            "UPDATE contacts SET note = ? WHERE youth_id = ? AND note IS NOT NULL",
            [f"Bij {EARLIER_WORD} gefietst.", rare],
        )
        db.execute(
            "UPDATE contacts SET note = ? WHERE youth_id = ? AND note IS NOT NULL",
            [f"Woont nu in de {RARE_WORD}.", rare],
        )
        db.execute(
            "UPDATE warm_story SET text = ? WHERE youth_id = ?", [f"{RARE_NAME} is trots op de {RARE_WORD}.", rare]
        )
    db.close()
    monkeypatch.setenv("COACH_DB", str(path))
    monkeypatch.delenv("COACH_PASSPHRASE", raising=False)
    return path, rare, bas


def youth_rows(db, youth_id: int) -> dict[str, int]:
    """How many rows each table holds for this young person."""
    counts = {}
    for table in db.table_names():
        if "youth_id" in db[table].columns_dict:
            counts[table] = db.execute(f"SELECT count(*) FROM [{table}] WHERE youth_id = ?", [youth_id]).fetchone()[0]
    return {table: count for table, count in counts.items() if count}


def matches(db, table: str, word: str) -> int:
    return db.execute(f"SELECT count(*) FROM {table} WHERE {table} MATCH ?", [word]).fetchone()[0]


def test_erase_removes_everything_about_the_young_person(two_cases):
    path, rare, bas = two_cases
    db = open_db(path)
    assert {"contacts", "revisions", "warm_story", "audit"} <= set(youth_rows(db, rare))
    assert matches(db, "youths_fts", RARE_NAME) == 1 and matches(db, "contacts_fts", RARE_WORD) == 2
    assert matches(db, "warm_story_fts", RARE_WORD) == 1
    db.close()
    data = on_disk(path)
    assert RARE_NAME.encode() in data and RARE_WORD.encode() in data and EARLIER_WORD.encode() in data

    db = open_db(path)
    assert erase_youth(db, rare) is True
    assert load_case(db, rare) is None
    assert youth_rows(db, rare) == {}
    for table, word in (
        ("youths_fts", RARE_NAME),
        ("contacts_fts", RARE_WORD),
        ("warm_story_fts", RARE_WORD),
        ("contacts_fts", EARLIER_WORD),
    ):
        assert matches(db, table, word) == 0
    assert db.execute(
        "SELECT action, youth_id FROM audit WHERE table_name = 'youths' AND row_id = ? ORDER BY id DESC", [rare]
    ).fetchone() == ("erase", None)
    # the other young person is whole and still findable
    assert load_case(db, bas).youth.first_name == "Bas" and matches(db, "youths_fts", "Bas") == 1
    assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    db.close()
    data = on_disk(path)
    for gone in (RARE_NAME, RARE_WORD, EARLIER_WORD):
        assert gone.encode() not in data, gone
    assert b"Bas" in data


def test_erase_of_an_unknown_id_changes_nothing(two_cases):
    path, _, _ = two_cases
    db = open_db(path)
    assert erase_youth(db, 999) is False and erase_preview(db, 999) is None


def test_cli_erase_needs_the_typed_name(two_cases, capsys):
    path, rare, _ = two_cases
    before = fingerprint(path)
    code, _, err = call(capsys, "erase", str(rare))
    assert code == 2 and "--bevestig" in err and "niets gewist" in err
    code, _, err = call(capsys, "erase", str(rare), "--bevestig", "Bas Visser")
    assert code == 2 and "naam klopt niet" in err and f"{RARE_NAME} Visser" in err
    assert fingerprint(path) == before
    code, out, err = call(capsys, "erase", str(rare), "--bevestig", f"  {RARE_NAME.lower()}   visser ")
    assert code == 0 and "is gewist" in out
    assert "contactmomenten" in err and "eerdere versie" in err  # what would go was shown first
    assert RARE_NAME.encode() not in on_disk(path)


def test_cli_erase_asks_in_a_terminal(two_cases, capsys, monkeypatch):
    path, rare, _ = two_cases
    monkeypatch.setattr(unlock, "interactive", lambda: True)
    monkeypatch.setattr("click.prompt", lambda *args, **kwargs: f"{RARE_NAME} Visser")
    code, out, _ = call(capsys, "erase", str(rare))
    assert code == 0 and "is gewist" in out


def test_cli_erase_of_an_unknown_id_and_while_the_app_is_open(two_cases, capsys):
    path, rare, _ = two_cases
    code, _, err = call(capsys, "erase", "999", "--bevestig", "x")
    assert code == 1 and "geen jongere met nummer 999" in err
    before = fingerprint(path)
    with InstanceLock(path):
        code, _, err = call(capsys, "erase", str(rare), "--bevestig", f"{RARE_NAME} Visser")
    assert code == 1 and "al geopend" in err
    assert fingerprint(path) == before
