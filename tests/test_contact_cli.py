"""`coach contact` (log, plan, complete, move) and the contacts in `coach show --json`."""

from __future__ import annotations

import io
import json
import sys
from datetime import datetime

import pytest
from helpers import make_case

from coach.cli import run
from coach.domain.model import Contact
from coach.store import open_db
from coach.store.cases import insert_cases
from coach.store.contact_moves import contacts_of

NOW = datetime(2026, 3, 10, 12, 0)  # a Tuesday


@pytest.fixture
def env(tmp_path, monkeypatch):
    """Two young people (Sanne with one planned contact tomorrow, Bas with one held) and a fixed now."""
    db_path = tmp_path / "coach.db"
    db = open_db(db_path)
    insert_cases(
        db,
        [
            make_case(
                "Sanne",
                contacts=[
                    Contact(datetime(2026, 3, 2, 10, 0), "huisbezoek", "plaatsgevonden", note="Eerste keer."),
                    Contact(datetime(2026, 3, 11, 10, 0), "telefoon", "gepland", initiated_by="coach"),
                ],
            ),
            make_case("Bas", contacts=[Contact(datetime(2026, 3, 3, 9, 0), "kantoor", "plaatsgevonden")]),
        ],
    )
    db.close()
    monkeypatch.setenv("COACH_DB", str(db_path))
    monkeypatch.setenv("COACH_TODAY", NOW.date().isoformat())
    monkeypatch.delenv("COACH_PROMPTS", raising=False)
    monkeypatch.setattr("coach.clock.now", lambda: NOW)
    return db_path


def call(capsys, *args):
    code = run(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def stored(db_path, youth_id=1):
    db = open_db(db_path)
    try:
        return contacts_of(db, youth_id)
    finally:
        db.close()


def ids_of(db_path, youth_id=1):
    return [(r.id, r.contact.status) for r in stored(db_path, youth_id)]


def planned_id(db_path):
    return next(r.id for r in stored(db_path) if r.contact.status == "gepland")


def test_a_past_moment_without_status_is_held_and_prints_the_id(env, capsys):
    code, out, err = call(capsys, "contact", "1", "--wanneer", "gisteren 14:00", "--notitie", "Samen gekookt.")
    assert code == 0 and err == ""
    new = int(out)
    record = next(r for r in stored(env) if r.id == new)
    assert record.contact.status == "plaatsgevonden"
    assert record.contact.at == datetime(2026, 3, 9, 14, 0)
    assert record.contact.note == "Samen gekookt."
    assert record.contact.mode == "huisbezoek"


def test_a_future_moment_without_status_is_planned(env, capsys):
    code, out, _ = call(capsys, "contact", "1", "--wanneer", "2026-03-20T10:00", "--soort", "telefoon", "--duur", "30")
    assert code == 0
    record = next(r for r in stored(env) if r.id == int(out))
    assert (record.contact.status, record.contact.mode, record.contact.duration_min) == ("gepland", "telefoon", 30)
    assert record.contact.at == datetime(2026, 3, 20, 10, 0)


def test_the_note_can_come_from_standard_input(env, capsys, monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.StringIO("Regel een\nRegel twee\n"))
    code, out, _ = call(
        capsys, "contact", "1", "--wanneer", "gisteren 9:00", "--status", "niet_verschenen", "--notitie", "-"
    )
    assert code == 0
    record = next(r for r in stored(env) if r.id == int(out))
    assert record.contact.note == "Regel een\nRegel twee\n" and record.contact.status == "niet_verschenen"


def test_afronden_gives_the_planned_contact_its_outcome(env, capsys, monkeypatch):
    planned = planned_id(env)
    monkeypatch.setattr("coach.clock.now", lambda: datetime(2026, 3, 11, 15, 0))
    monkeypatch.setenv("COACH_TODAY", "2026-03-11")
    code, out, _ = call(
        capsys, "contact", "1", "--afronden", str(planned), "--status", "plaatsgevonden", "--duur", "20",
        "--notitie", "Goed gesprek.",
    )  # fmt: skip
    assert (code, out) == (0, f"{planned}\n")
    record = next(r for r in stored(env) if r.id == planned)
    assert (record.contact.status, record.contact.duration_min, record.contact.note) == (
        "plaatsgevonden",
        20,
        "Goed gesprek.",
    )
    assert len(stored(env)) == 2  # completed, not added


def test_vervallen_is_an_outcome_of_its_own(env, capsys):
    planned = planned_id(env)
    code, out, _ = call(capsys, "contact", "1", "--afronden", str(planned), "--status", "vervallen")
    assert code == 0
    assert dict(ids_of(env))[planned] == "vervallen"


def test_verzet_moves_the_planned_contact_and_keeps_the_link(env, capsys):
    planned = planned_id(env)
    code, out, _ = call(capsys, "contact", "1", "--verzet", str(planned), "--wanneer", "volgende week do 10:00")
    assert code == 0
    new = int(out)
    records = {r.id: r for r in stored(env)}
    assert records[planned].contact.status == "verzet" and records[planned].moved_to == new
    assert records[new].contact.status == "gepland" and records[new].moved_from == planned
    assert records[new].contact.at == datetime(2026, 3, 19, 10, 0)
    # coach show --json lists both, newest first, with their links.
    code, out, _ = call(capsys, "show", "1", "--json")
    contacts = json.loads(out)["contacts"]
    assert [c["id"] for c in contacts] == [new, planned, contacts[2]["id"]]
    assert contacts[0] == {**contacts[0], "at": "2026-03-19T10:00", "status": "gepland", "moved_from": planned}
    assert contacts[1]["moved_to"] == new and contacts[1]["status"] == "verzet"
    assert "moved_to" not in contacts[2] and "moved_from" not in contacts[2]
    assert {"id", "at", "mode", "status"} <= set(contacts[2])


def test_logging_near_a_planned_contact_completes_it(env, capsys, monkeypatch):
    planned = planned_id(env)
    monkeypatch.setattr("coach.clock.now", lambda: datetime(2026, 3, 11, 15, 0))
    monkeypatch.setenv("COACH_TODAY", "2026-03-11")
    code, out, err = call(capsys, "contact", "1", "--wanneer", "vandaag 10:30", "--notitie", "Gebeld.")
    assert (code, out) == (0, f"{planned}\n")
    assert "afgerond" in err and "--apart" in err
    record = next(r for r in stored(env) if r.id == planned)
    assert record.contact.status == "plaatsgevonden" and record.contact.at == datetime(2026, 3, 11, 10, 30)
    assert record.contact.mode == "telefoon" and record.contact.initiated_by == "coach"
    assert len(stored(env)) == 2
    # --apart adds a contact of its own.
    code, out, _ = call(capsys, "contact", "1", "--wanneer", "vandaag 10:45", "--apart")
    assert code == 0 and int(out) != planned and len(stored(env)) == 3


def test_show_json_lists_contacts_newest_first(env, capsys):
    code, out, _ = call(capsys, "show", "1", "--json")
    contacts = json.loads(out)["contacts"]
    assert [c["at"] for c in contacts] == ["2026-03-11T10:00", "2026-03-02T10:00"]
    assert [c["status"] for c in contacts] == ["gepland", "plaatsgevonden"]
    assert contacts[1]["mode"] == "huisbezoek" and contacts[1]["note"] == "Eerste keer."


BAD = [
    (["--wanneer", "gisteren", "--status", "misschien"], "status"),
    (["--wanneer", "31-02-2026 10:00"], "februari"),
    (["--wanneer", "blauw"], "--wanneer"),
    (["--wanneer", ""], "--wanneer"),
    (["--notitie", "x"], "--wanneer"),
    (["--wanneer", "gisteren", "--notitie", "a" * 1_048_576], "te lang"),
    (["--wanneer", "gisteren", "--notitie", "bel\x1b[31m terug"], "stuurtekens"),
    (["--wanneer", "gisteren", "--duur", "drie"], "--duur"),
    (["--wanneer", "gisteren", "--duur", "5000"], "--duur"),
    (["--wanneer", "gisteren", "--duur", "4²"], "--duur"),  # a digit to str.isdigit, not to int()
    (["--wanneer", "gisteren", "--soort", "duif"], "soort"),
    (["--wanneer", "gisteren", "--status", "verzet"], "verzet"),
    (["--wanneer", "gisteren", "--status", "vervallen"], "vervallen"),
    (["--wanneer", "morgen 10:00", "--status", "plaatsgevonden"], "toekomst"),
    (["--wanneer", "gisteren 10:00", "--status", "gepland"], "toekomst"),
    (["--afronden", "3", "--status", "plaatsgevonden"], "hoort niet bij"),  # Bas's contact
    (["--afronden", "99", "--status", "plaatsgevonden"], "hoort niet bij"),
    (["--afronden", "2"], "--status"),
    (["--afronden", "2", "--status", "gepland"], "--status"),
    (["--afronden", "1", "--status", "niet_verschenen"], "is al"),  # already held
    (["--verzet", "2"], "--wanneer"),
    (["--verzet", "2", "--wanneer", "gisteren 10:00"], "toekomst"),
    (["--verzet", "3", "--wanneer", "morgen 12:00"], "hoort niet bij"),
    (["--verzet", "2", "--afronden", "2", "--wanneer", "morgen 12:00"], "niet allebei"),
]


@pytest.mark.parametrize(("args", "said"), BAD)
def test_bad_input_is_a_dutch_message_exit_2_and_nothing_written(env, capsys, args, said):
    before = (ids_of(env, 1), ids_of(env, 2))
    code, out, err = call(capsys, "contact", "1", *args)
    assert code == 2, err
    assert out == ""
    assert said in err
    assert "Traceback" not in err
    assert (ids_of(env, 1), ids_of(env, 2)) == before


def test_an_unknown_young_person_is_exit_1(env, capsys):
    code, out, err = call(capsys, "contact", "7", "--wanneer", "gisteren")
    assert code == 1 and out == "" and "geen jongere met nummer 7" in err


def test_logging_from_the_command_line_leaves_the_apps_draft_alone(env, capsys) -> None:
    """A half-typed note in the app's contact form survives a contact logged with coach contact."""
    from coach.store.contacts import load_draft, save_draft

    db = open_db(env)
    save_draft(db, 1, {"note": "Half getypt in de app"}, datetime(2026, 3, 14, 9, 0))
    db.close()
    code, out, err = call(capsys, "contact", "1", "--wanneer", "gisteren 14:00", "--notitie", "Gebeld.")
    assert code == 0, err
    db = open_db(env)
    draft = load_draft(db, 1)
    db.close()
    assert draft is not None and draft[0]["note"] == "Half getypt in de app"
