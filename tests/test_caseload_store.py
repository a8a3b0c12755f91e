"""The caseload store: the facts per young person, the first page, rhythm events and full-text search."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from coach.domain.model import Agreement, Case, Contact, PhaseEntry, WarmStoryItem, Youth
from coach.store.caseload import caseload, caseload_entry, contact_events, first_page
from coach.store.caseload_search import find_youths, names_only, search_words
from coach.store.cases import insert_cases
from coach.store.db import open_db

TODAY = date(2026, 3, 14)


@pytest.fixture
def db():
    db = open_db(memory=True)
    insert_cases(
        db,
        [
            Case(
                Youth("Daniël", nickname="Daan", last_name="de Vries", started_on=date(2025, 10, 1)),
                contacts=[
                    Contact(
                        datetime(2026, 1, 20, 11), "telefoon", "plaatsgevonden", note="Gebeld over de huurachterstand."
                    ),
                    Contact(datetime(2026, 3, 16, 9, 30), "huisbezoek", "gepland"),
                    Contact(datetime(2026, 3, 20, 9, 30), "telefoon", "gepland"),
                ],
                agreements=[
                    Agreement(date(2026, 1, 20), "Huisarts bellen", "jongere", "open", due=date(2026, 3, 1)),
                    Agreement(date(2026, 1, 20), "Formulier", "coach", "open", due=date(2026, 3, 18)),
                    Agreement(date(2026, 1, 20), "Later", "coach", "open", due=date(2026, 4, 30)),
                    Agreement(date(2026, 1, 20), "Klaar", "coach", "gedaan", due=date(2026, 3, 15)),
                ],
                phases=[PhaseEntry("begeleiding", date(2025, 10, 15))],
            ),
            Case(
                Youth("Noor", last_name="Bakker"),
                contacts=[
                    Contact(
                        datetime(2026, 3, 10, 14), "wandeling", "plaatsgevonden", note="Over de stage bij de kapsalon."
                    )
                ],
                warm_story=[WarmStoryItem("droom", "Ooit een eigen zaak met honden.")],
                phases=[PhaseEntry("intake", date(2026, 1, 8))],
            ),
            Case(
                Youth("Mees", last_name="Jansen"),
                phases=[PhaseEntry("afgesloten", date(2025, 12, 1))],
                contacts=[
                    Contact(datetime(2025, 11, 1, 10), "kantoor", "plaatsgevonden", note="Afscheid, huur geregeld.")
                ],
            ),
            Case(Youth("Ayla", last_name="Öztürk"), phases=[PhaseEntry("aanmelding", date(2026, 3, 1))]),
        ],
    )
    return db


def by_name(db) -> dict[str, int]:
    return {row[1]: row[0] for row in db.execute("SELECT id, first_name FROM youths")}


def test_entries_carry_the_next_contacts_mode_and_the_next_due_agreement(db) -> None:
    daan = caseload_entry(db, by_name(db)["Daniël"], TODAY)
    assert daan.next_contact == datetime(2026, 3, 16, 9, 30) and daan.next_contact_mode == "huisbezoek"
    assert daan.next_agreement_due == date(2026, 3, 18)  # the earliest not yet due, open ones only
    assert (daan.open_agreements, daan.overdue_agreements) == (3, 1)
    assert daan.started_on == date(2025, 10, 1)
    noor = caseload_entry(db, by_name(db)["Noor"], TODAY)
    assert noor.next_contact is None and noor.next_contact_mode is None and noor.next_agreement_due is None


def test_first_page_is_the_start_of_the_caseload(db) -> None:
    whole = caseload(db, TODAY)
    assert [e.name for e in whole] == ["Ayla Öztürk", "Daan de Vries", "Noor Bakker"]  # Mees is closed
    assert first_page(db, TODAY, 2) == whole[:2]
    assert first_page(db, TODAY, 50) == whole


def test_first_page_walks_the_name_index_instead_of_everyone(db) -> None:
    from coach.store.caseload import FIRST_PAGE_SQL, VOCABULARY

    params = {"today": TODAY.isoformat(), "tomorrow": TODAY.isoformat(), "limit": 2, **VOCABULARY}
    plan = [row[3] for row in db.execute("EXPLAIN QUERY PLAN " + FIRST_PAGE_SQL, params)]
    # The query and the index agree: the names are read in order, nobody is sorted.
    assert any(line.startswith("SCAN f USING") and "INDEX _caseload_facts_by_name" in line for line in plan)
    assert not any("TEMP B-TREE" in line for line in plan)


def test_contact_events_of_a_few_young_people_between_two_days(db) -> None:
    ids = by_name(db)
    events = contact_events(db, [ids["Daniël"], ids["Ayla"]], date(2026, 1, 1), date(2026, 3, 16))
    assert sorted(events[ids["Daniël"]]) == [(date(2026, 1, 20), "plaatsgevonden"), (date(2026, 3, 16), "gepland")]
    assert events[ids["Ayla"]] == []
    assert contact_events(db, [], date(2026, 1, 1), date(2026, 3, 16)) == {}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("noor", {"Noor"}),
        ("NOO", {"Noor"}),  # a prefix, whatever the case
        ("daan", {"Daniël"}),  # the nickname
        ("daniel", {"Daniël"}),  # without the accent
        ("ozturk", {"Ayla"}),
        ("huurachterstand", {"Daniël"}),  # a word only in a contact note
        ("huur", {"Daniël"}),  # a prefix of a word in notes (Mees's note has it too, but his case is closed)
        ("honden", {"Noor"}),  # the warm story
        ("daan huur", {"Daniël"}),  # every word somewhere in the young person's file
        ("noor huur", set()),
        ("de", {"Daniël"}),  # short words: names only ('de' in a note would match everyone)
        ("over", {"Daniël", "Noor"}),  # a common word is searched in notes too ('gebeld over', 'Over de stage')
        ("xyz", set()),
    ],
)
def test_search_names_notes_and_warm_story(db, text, expected) -> None:
    ids = by_name(db)
    assert find_youths(db, text) == {ids[name] for name in expected}


@pytest.mark.parametrize(
    "text", ['"', '"huur', "huur*", "*", "NEAR(huur", "huur OR", "(", "-huur", "huur:", "^", "' OR 1=1 --"]
)
def test_fts_syntax_in_the_search_is_taken_as_plain_text(db, text) -> None:
    found = find_youths(db, text)
    words = search_words(text)
    if not words:
        assert found is None
    else:
        assert found is not None  # no FTS5 syntax error, whatever was typed


def test_search_words_are_lower_case_and_each_once() -> None:
    assert search_words("  Huur, huur! 'schuld'* ") == ["huur", "schuld"]
    assert search_words("***") == []


def test_where_found_names_the_place_and_quotes_the_note(db) -> None:
    from coach.store.caseload_search import where_found

    ids = by_name(db)
    found = where_found(db, ids["Daniël"], "huurachter")
    assert (found.where, found.day, found.excerpt) == ("notitie", date(2026, 1, 20), "Gebeld over de huurachterstand.")
    assert where_found(db, ids["Daniël"], "daniel").where == "naam"
    assert where_found(db, ids["Noor"], "HONDEN").where == "warm verhaal"
    assert where_found(db, ids["Noor"], "xyz") is None and where_found(db, ids["Noor"], '"*') is None


def test_the_open_cases_follow_every_phase_change_and_erasure(db) -> None:
    # The caseload reads only _open_cases (kept by triggers), so it must agree with the phases at every step.
    ids = by_name(db)
    daan = ids["Daniël"]

    def open_ids() -> set[int]:
        return {row[0] for row in db.execute("SELECT youth_id FROM _open_cases")}

    def shown() -> set[int]:
        return {entry.id for entry in caseload(db, TODAY)}

    assert daan in open_ids() and daan in shown()
    with db.atomic():
        db.execute("INSERT INTO phases (youth_id, phase, since) VALUES (?, 'afgesloten', '2026-03-01')", [daan])
    assert daan not in open_ids() and daan not in shown()
    assert caseload_entry(db, daan, TODAY).phase == "afgesloten"  # the file itself is still there
    with db.atomic():
        db.execute("UPDATE phases SET phase = 'nazorg' WHERE youth_id = ? AND phase = 'afgesloten'", [daan])
    assert daan in open_ids() and daan in shown()
    with db.atomic():
        db.execute("DELETE FROM phases WHERE youth_id = ?", [daan])  # no phase at all: aanmelding, open
    assert daan in open_ids()
    [new] = insert_cases(db, [Case(Youth("Kim"), phases=[PhaseEntry("afgesloten", date(2025, 1, 1))])])
    assert new not in open_ids() and new not in shown()
    with db.atomic():
        db.execute("DELETE FROM youths WHERE id = ?", [daan])
    assert daan not in open_ids()
    assert open_ids() == shown()


def test_a_word_in_nearly_every_note_finds_nearly_everyone(db) -> None:
    # 'een' used to be looked up in names only, so it found nobody; now every open file with it turns up.
    ids = by_name(db)
    with db.atomic():
        for name in ("Ayla", "Noor"):
            db.execute(
                "INSERT INTO contacts (youth_id, at, mode, status, note) VALUES (?, '2026-03-01T10:00', 'telefoon',"
                " 'plaatsgevonden', 'Een goed gesprek.')",
                [ids[name]],
            )
    assert find_youths(db, "een") == {ids["Ayla"], ids["Noor"]}
    assert find_youths(db, "EEN goed") == {ids["Ayla"], ids["Noor"]}
    assert names_only("de een") == ["de"]  # what the caseload names when nobody turns up


def test_the_search_follows_notes_names_and_erasure(db) -> None:
    from coach.store.erase import erase_youth

    ids = by_name(db)
    with db.atomic():
        db.execute("UPDATE contacts SET note = 'Gesprek over de walvis.' WHERE youth_id = ?", [ids["Daniël"]])
    assert find_youths(db, "huurachterstand") == set()
    assert find_youths(db, "walvis") == {ids["Daniël"]}
    with db.atomic():
        db.execute("UPDATE youths SET nickname = 'Danny' WHERE id = ?", [ids["Daniël"]])
    assert find_youths(db, "danny") == {ids["Daniël"]} and find_youths(db, "daan") == set()
    erase_youth(db, ids["Daniël"])
    assert find_youths(db, "walvis") == set()
    assert db.execute("SELECT count(*) FROM _open_texts WHERE rowid = ?", [ids["Daniël"]]).fetchone()[0] == 0


def test_the_desk_says_why_a_short_word_found_nobody(db) -> None:
    from coach.tui.desk import Desk

    desk = Desk(db.conn, TODAY)  # the desk reads through the plain connection, as in the app
    desk.load()
    desk.search("qq")
    assert desk.rows() == []
    assert "'qq': korte woorden zoeken alleen in namen" in desk.empty_text()
    desk.search("qqqq")
    assert desk.empty_text() == "Niemand gevonden. x wist de filters, Esc het zoeken."
