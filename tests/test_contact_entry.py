"""Logging a contact: the form's rules (pure), the store's one transaction, and the screen driven by keyboard."""

from __future__ import annotations

import asyncio
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from helpers import make_case, wait_until, youth_in_full
from textual.widgets import Input, Select, SelectionList, Static, TextArea

from coach import clock
from coach.domain.contact_input import AgreementInput, ContactInput, FormErrors, read_contact
from coach.domain.model import Contact
from coach.store import contacts as contact_store
from coach.store.cases import insert_cases, load_case
from coach.store.contacts import (
    ContactError,
    add_contact,
    contact_domains,
    load_draft,
    note_history,
    update_note,
)
from coach.store.db import open_db
from coach.tui.app import make_app
from coach.tui.screens.caseload import CaseloadScreen
from coach.tui.screens.contact_entry import ContactEntryScreen
from coach.tui.screens.youth import YouthScreen
from coach.tui.widgets.new_agreements import PendingAgreement
from coach.tui.widgets.youth_header import YouthHeader

NOW = datetime(2026, 3, 14, 10, 30)  # Saturday
TODAY = NOW.date()


# --- reading the form (pure) -------------------------------------------------------------------


def test_defaults_read_as_a_held_contact_now():
    read = read_contact(ContactInput(held_by="Eva"), NOW)
    assert read.contact == Contact(NOW, "huisbezoek", "plaatsgevonden", initiated_by="coach", coach="Eva")
    assert read.agreements == () and read.next_contact is None and read.domains == ()


def test_a_full_form():
    form = ContactInput(
        when="gisteren 14:00",
        mode="wandeling",
        duration="45",
        initiated_by="jongere",
        held_by="Ruben",
        note="Over de **stage** gepraat.",
        domains=["werk_opleiding", "werk_opleiding"],
        agreements=[
            AgreementInput("Cv afmaken", "jongere", "vr"),
            AgreementInput("  ", "coach", ""),
            AgreementInput("Werkplein bellen", "coach", ""),
        ],
        next="volgende week di 10:00",
    )
    read = read_contact(form, NOW)
    assert read.contact.at == datetime(2026, 3, 13, 14, 0)
    assert (read.contact.mode, read.contact.duration_min, read.contact.coach) == ("wandeling", 45, "Ruben")
    assert read.domains == ("werk_opleiding",)
    assert [(a.text, a.owner, a.due) for a in read.agreements] == [
        ("Cv afmaken", "jongere", date(2026, 3, 20)),
        ("Werkplein bellen", "coach", None),
    ]
    assert read.next_contact == Contact(datetime(2026, 3, 17, 10, 0), "wandeling", "gepland", coach="Ruben")


def test_a_planned_contact_reads_weekdays_ahead():
    read = read_contact(ContactInput(when="di 10:30", status="gepland"), NOW)
    assert read.contact.at == datetime(2026, 3, 17, 10, 30)
    assert read_contact(ContactInput(when="di 10:30"), NOW).contact.at == datetime(2026, 3, 10, 10, 30)


@pytest.mark.parametrize(
    ("form", "field", "words"),
    [
        (ContactInput(when="31-2"), "when", "31 februari bestaat niet"),
        (ContactInput(when="blabla"), "when", "begrijp ik niet"),
        (ContactInput(when="morgen 10:00"), "when", "in de toekomst"),
        (ContactInput(when="14:00"), "when", "in de toekomst"),  # later today, but said to have taken place
        (ContactInput(when="gisteren", status="gepland"), "when", "gepland contact ligt in de toekomst"),
        (ContactInput(duration="drie kwartier"), "duration", "hele minuten"),
        (ContactInput(duration="2000"), "duration", "hele minuten"),
        (ContactInput(duration="4²"), "duration", "hele minuten"),  # a digit to str.isdigit, not to int()
        (ContactInput(next="gisteren"), "next", "ligt in de toekomst"),
        (ContactInput(when="di 10:00", status="gepland", next="di 9:00"), "next", "komt na dit contact"),
        (ContactInput(next="32-3"), "next", "geen bestaande datum"),
        (ContactInput(agreements=[AgreementInput("Bellen", "jongere", "31-4")]), "agreement-0", "31 april"),
        (ContactInput(agreements=[AgreementInput("Bellen", "buurman", "")]), "agreement-0", "Kies wie"),
        (ContactInput(mode="brief"), "mode", "Kies een vorm"),
        (ContactInput(status="weg"), "status", "Kies een status"),
        (ContactInput(status="verzet"), "status", "Kies een status"),  # only a move makes a verzet contact
        (ContactInput(status="vervallen"), "status", "Kies een status"),
        (ContactInput(domains=["geluk"]), "domains", "Onbekend leefgebied"),
    ],
)
def test_bad_fields_are_named_with_a_dutch_message(form, field, words):
    with pytest.raises(FormErrors) as caught:
        read_contact(form, NOW)
    assert words in caught.value.errors[field]


def test_every_bad_field_is_reported_at_once():
    with pytest.raises(FormErrors) as caught:
        read_contact(ContactInput(when="31-2", duration="x", next="blabla"), NOW)
    assert set(caught.value.errors) == {"when", "duration"}  # the next contact needs a valid moment first


def test_draft_round_trip_and_broken_drafts():
    form = ContactInput(
        when="gisteren",
        note="Half af",
        domains=["financien"],
        agreements=[AgreementInput("Brief sturen", "coach", "vr")],
    )
    assert ContactInput.from_dict(form.as_dict()) == form
    broken = ContactInput.from_dict({"when": 12, "domains": ["onzin", "justitie"], "agreements": ["x", {"text": "A"}]})
    assert broken.when == "nu" and broken.domains == ["justitie"]
    assert broken.agreements == [AgreementInput("A", "jongere", "")]


# --- the store: one transaction ----------------------------------------------------------------


@pytest.fixture
def db():
    database = open_db(memory=True)
    insert_cases(database, [make_case(full=True)])
    return database


def counts(db) -> tuple[int, int, int]:
    return tuple(
        db.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]
        for table in ("contacts", "agreements", "contact_domains")
    )


def test_contact_agreements_domains_and_next_contact_in_one_go(db):
    from coach.domain.agreements import NewAgreement

    contact_store.save_draft(db, 1, {"note": "concept"}, NOW)
    contact_id = add_contact(
        db,
        1,
        Contact(NOW, "huisbezoek", "plaatsgevonden", note="Schulden"),
        domains=["financien", "huisvesting"],
        agreements=[NewAgreement("Schuldhulp bellen", "jongere", date(2026, 3, 20))],
        next_contact=Contact(datetime(2026, 3, 21, 10, 0), "huisbezoek", "gepland"),
    )
    assert contact_domains(db, contact_id) == ["financien", "huisvesting"]
    row = db.execute("SELECT contact_id, made_on, status FROM agreements WHERE text = 'Schuldhulp bellen'").fetchone()
    assert row == (contact_id, "2026-03-14", "open")
    assert db.execute("SELECT status FROM contacts WHERE at = '2026-03-21T10:00'").fetchone() == ("gepland",)
    assert load_draft(db, 1) is None  # the draft goes in the same transaction


def test_a_failure_halfway_leaves_nothing_behind(db, monkeypatch):
    from coach.domain.agreements import NewAgreement

    before = counts(db)
    real_insert = contact_store._insert
    calls = []

    def failing(database, table, row):
        calls.append(table)
        if table == "contacts" and len(calls) > 1:  # the next planned contact
            raise RuntimeError("schijf vol")
        return real_insert(database, table, row)

    monkeypatch.setattr(contact_store, "_insert", failing)
    with pytest.raises(RuntimeError):
        add_contact(
            db,
            1,
            Contact(NOW, "telefoon", "plaatsgevonden"),
            domains=["justitie"],
            agreements=[NewAgreement("Iets", "coach")],
            next_contact=Contact(datetime(2026, 3, 21, 10, 0), "telefoon", "gepland"),
        )
    assert counts(db) == before


def test_the_store_refuses_what_it_cannot_keep(db):
    before = counts(db)
    with pytest.raises(ContactError, match="Onbekende vorm"):
        add_contact(db, 1, Contact(NOW, "duif", "plaatsgevonden"))
    with pytest.raises(ContactError, match="Onbekend leefgebied"):
        add_contact(db, 1, Contact(NOW, "telefoon", "plaatsgevonden"), domains=["geluk"])
    with pytest.raises(ContactError, match="niet \\(meer\\)"):
        add_contact(db, 99, Contact(NOW, "telefoon", "plaatsgevonden"))
    assert counts(db) == before


def test_editing_a_note_keeps_the_earlier_text(db):
    contact_id = add_contact(db, 1, Contact(NOW, "telefoon", "plaatsgevonden", note="Eerste versie"))
    update_note(db, contact_id, "Tweede versie")
    update_note(db, contact_id, "Derde versie")
    assert [text for _at, text in note_history(db, contact_id)] == ["Eerste versie", "Tweede versie"]
    assert db.execute("SELECT note FROM contacts WHERE id = ?", [contact_id]).fetchone() == ("Derde versie",)
    with pytest.raises(ContactError):
        update_note(db, 999, "x")


# --- the screen, by keyboard ----------------------------------------------------------------------


@pytest.fixture(autouse=True)
def frozen_clock(monkeypatch):
    """The form reads 'nu' from the clock; freeze it at half past ten."""
    monkeypatch.setattr(clock, "now", lambda: NOW)


def stored_draft(path: Path, youth_id: int):
    """The contact draft the database holds for the young person now (None: none)."""
    db = open_db(path)
    try:
        return load_draft(db, youth_id)
    finally:
        db.close()


def stored_contacts(path: Path, youth_id: int) -> list[tuple]:
    check = open_db(path)
    rows = check.execute(
        "SELECT at, mode, status, duration_min, coach, note FROM contacts WHERE youth_id = ? ORDER BY id", [youth_id]
    ).fetchall()
    check.close()
    return rows


def header_text(app) -> str:
    return str(app.screen.query_one(YouthHeader).render())


async def open_daan_form(pilot) -> ContactEntryScreen:
    """Daan de Vries is the first row and 'te lang'; open his screen and press c."""
    await pilot.press("enter")
    await pilot.pause()
    assert isinstance(pilot.app.screen, YouthScreen)
    await pilot.press("c")
    await pilot.pause()
    assert isinstance(pilot.app.screen, ContactEntryScreen)
    return pilot.app.screen


async def test_log_a_contact_from_the_young_persons_screen_and_see_continuity_change(
    case_db: Path, today, needless_updates: list[str]
) -> None:
    app = make_app(case_db, today=today)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter")
        await pilot.pause()
        assert "Te lang" in header_text(app)
        before = stored_contacts(case_db, 2)
        await pilot.press("c")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, ContactEntryScreen)
        form.query_one("#when", Input).focus()
        await pilot.press(*"gisteren 14:00")
        await pilot.pause()
        assert str(form.query_one("#when-echo", Static).render()) == "→ vr 13 mrt 14:00"
        assert needless_updates == []  # typing redraws only the lines that change
        await pilot.press("tab", "tab", "tab")  # status, mode, duration
        assert app.focused is form.query_one("#duration", Input)
        await pilot.press(*"45", "tab", "tab", "ctrl+a")
        assert app.focused is form.query_one("#held-by", Input)
        await pilot.press("tab", *"Rondje gelopen.")
        assert form.query_one("#note", TextArea).text == "Rondje gelopen."
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, YouthScreen)
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert "Op koers" in header_text(app) and "gisteren gezien" in header_text(app)
        after = stored_contacts(case_db, 2)
        assert after[len(before) :] == [
            # The kind is the one used last with Daan (a phone call), as the form proposed.
            ("2026-03-13T14:00", "telefoon", "plaatsgevonden", 45, "Eva", "Rondje gelopen.")
        ]


async def test_log_a_contact_from_the_caseload(case_db: Path, today) -> None:
    app = make_app(case_db, today=today)
    async with app.run_test(size=(200, 50)) as pilot:
        assert isinstance(app.screen, CaseloadScreen)
        summary = lambda: str(app.screen.query_one("#summary", Static).render())  # noqa: E731
        assert "1 te lang" in summary()
        await pilot.press("c")  # Daan, the first row
        await pilot.pause()
        assert isinstance(app.screen, ContactEntryScreen)
        assert app.screen.case.youth.first_name == "Daniël"
        await pilot.press("ctrl+s")  # all defaults: held, now, the kind used last with Daan (a phone call)
        await pilot.pause()
        assert isinstance(app.screen, CaseloadScreen)
        assert "te lang" not in summary()
        assert stored_contacts(case_db, 2)[-1][:3] == ("2026-03-14T10:30", "telefoon", "plaatsgevonden")


async def test_a_bad_date_gets_a_message_and_nothing_is_saved(case_db: Path, today) -> None:
    app = make_app(case_db, today=today)
    async with app.run_test(size=(80, 24)) as pilot:
        form = await open_daan_form(pilot)
        before = stored_contacts(case_db, 2)
        form.query_one("#when", Input).focus()
        await pilot.press(*"31-2")
        await pilot.pause()
        error = form.query_one("#when-error", Static)
        assert "31 februari bestaat niet" in str(error.render()) and error.display
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is form
        assert app.focused is form.query_one("#when", Input)
        assert stored_contacts(case_db, 2) == before
        await pilot.press("ctrl+a", "ctrl+k", *"12-3 9:00", "ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, YouthScreen)
        assert stored_contacts(case_db, 2)[-1][0] == "2026-03-12T09:00"


async def test_an_agreement_and_the_next_contact_are_saved_with_the_contact(case_db: Path, today) -> None:
    app = make_app(case_db, today=today)
    async with app.run_test(size=(80, 24)) as pilot:
        form = await open_daan_form(pilot)
        form.query_one("#agreement-text", Input).focus()
        await pilot.press(*"Huisarts bellen", "tab", "tab", *"vr", "enter")
        await pilot.pause()
        assert [p.item.text for p in form.query(PendingAgreement)] == ["Huisarts bellen"]
        assert app.focused is form.query_one("#agreement-text", Input)
        form.query_one("#next", Input).focus()
        await pilot.press(*"volgende week di 10:00")
        await pilot.pause()
        assert str(form.query_one("#next-echo", Static).render()) == "→ di 17 mrt 10:00"
        await pilot.press("ctrl+s")
        await pilot.pause()
        check = open_db(case_db)
        (contact_id,) = check.execute(
            "SELECT MAX(id) FROM contacts WHERE youth_id = 2 AND status = 'plaatsgevonden'"
        ).fetchone()
        agreement = check.execute(
            "SELECT text, owner, due, status, contact_id FROM agreements WHERE youth_id = 2 ORDER BY id DESC LIMIT 1"
        ).fetchone()
        assert agreement == ("Huisarts bellen", "jongere", "2026-03-20", "open", contact_id)
        planned = check.execute("SELECT at, status FROM contacts WHERE youth_id = 2 AND status = 'gepland'").fetchall()
        assert planned == [("2026-03-17T10:00", "gepland")]
        check.close()
        assert isinstance(app.screen, YouthScreen)
        assert "Huisarts bellen" in " ".join(str(s.render()) for s in app.screen.query("AgreementItem"))


async def test_a_bad_due_date_blocks_saving(case_db: Path, today) -> None:
    app = make_app(case_db, today=today)
    async with app.run_test(size=(80, 24)) as pilot:
        form = await open_daan_form(pilot)
        before = stored_contacts(case_db, 2)
        form.query_one("#agreement-text", Input).focus()
        await pilot.press(*"Brief sturen", "tab", "tab", *"31-4")
        await pilot.pause()
        assert "31 april bestaat niet" in str(form.query_one("#agreement-echo", Static).render())
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is form and stored_contacts(case_db, 2) == before


async def test_the_note_suggests_domains_and_an_unticked_one_stays_off(case_db: Path, today) -> None:
    app = make_app(case_db, today=today)
    async with app.run_test(size=(80, 24)) as pilot:
        form = await open_daan_form(pilot)
        form.query_one("#note", TextArea).focus()
        await pilot.press(*"schulden, deurwaarder")
        await pilot.pause()
        domains = form.query_one("#domains", SelectionList)
        assert domains.selected == ["financien"]
        assert "Financiën (schulden, deurwaarder)" in str(form.query_one("#suggestions", Static).render())
        domains.focus()
        await pilot.press("space")  # the highlighted first option is Financiën: untick it
        await pilot.pause()
        assert domains.selected == []
        form.query_one("#note", TextArea).focus()
        await pilot.press("end", *" aanmaning")
        await pilot.pause()
        assert domains.selected == []
        domains.focus()
        await pilot.press("down", "space", "ctrl+s")  # Werk en opleiding, by hand
        await pilot.pause()
        check = open_db(case_db)
        (contact_id,) = check.execute("SELECT MAX(id) FROM contacts").fetchone()
        assert contact_domains(check, contact_id) == ["werk_opleiding"]
        check.close()


async def test_nothing_typed_is_lost_when_the_coach_is_interrupted(case_db: Path, today) -> None:
    app = make_app(case_db, today=today)
    async with app.run_test(size=(80, 24)) as pilot:
        form = await open_daan_form(pilot)
        form.query_one("#when", Input).focus()
        await pilot.press(*"gisteren")
        form.query_one("#note", TextArea).focus()
        await pilot.press(*"Half af")
        # The draft is written once typing pauses, without leaving the form (the real delay here).
        await wait_until(pilot, lambda: (stored_draft(case_db, 2) or [{}])[0].get("note") == "Half af")
        check = open_db(case_db)
        draft = load_draft(check, 2)
        assert draft is not None and draft[0]["note"] == "Half af" and draft[0]["when"] == "gisteren"
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, YouthScreen)
        await pilot.press("c")
        await pilot.pause()
        form = app.screen
        assert form.query_one("#note", TextArea).text == "Half af"
        assert form.query_one("#when", Input).value == "gisteren"
        assert "concept van" in str(form.query_one("#contact-title", Static).render())
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert load_draft(check, 2) is None
        assert stored_contacts(case_db, 2)[-1][5] == "Half af"
        check.close()


async def test_a_draft_survives_closing_the_app(case_db: Path, today) -> None:
    app = make_app(case_db, today=today)
    async with app.run_test(size=(80, 24)) as pilot:
        form = await open_daan_form(pilot)
        form.query_one("#note", TextArea).focus()
        await pilot.press(*"Laptop dicht")
        await app.action_quit()
    check = open_db(case_db)
    assert load_draft(check, 2)[0]["note"] == "Laptop dicht"
    check.close()


async def test_q_types_and_never_quits_in_the_form(case_db: Path, today) -> None:
    app = make_app(case_db, today=today)
    async with app.run_test(size=(80, 24)) as pilot:
        form = await open_daan_form(pilot)
        form.query_one("#status", Select).focus()
        await pilot.press("q")
        await pilot.pause()
        assert app.is_running and app.screen is form


async def test_a_planned_contact_by_keyboard(case_db: Path, today) -> None:
    app = make_app(case_db, today=today)
    async with app.run_test(size=(80, 24)) as pilot:
        form = await open_daan_form(pilot)
        form.query_one("#when", Input).focus()
        await pilot.press(*"di 10:30")
        await pilot.pause()
        assert "in de toekomst" not in str(form.query_one("#when-error", Static).render())
        assert str(form.query_one("#when-echo", Static).render()) == "→ di 10 mrt 10:30"
        await pilot.press("tab", "enter", "down", "down", "down", "down", "enter")  # status: Gepland (5th)
        await pilot.pause()
        assert form.query_one("#status", Select).value == "gepland"
        assert str(form.query_one("#when-echo", Static).render()) == "→ di 17 mrt 10:30"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert stored_contacts(case_db, 2)[-1][:3] == ("2026-03-17T10:30", "telefoon", "gepland")


async def test_discarding_the_draft_asks_first(case_db: Path, today, quick_timers: float) -> None:
    app = make_app(case_db, today=today)
    async with app.run_test(size=(80, 24)) as pilot:
        form = await open_daan_form(pilot)
        form.query_one("#note", TextArea).focus()
        await pilot.press(*"Weg ermee")
        await wait_until(pilot, lambda: (stored_draft(case_db, 2) or [{}])[0].get("note") == "Weg ermee")
        form.query_one("#discard").focus()
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("j")
        await pilot.pause()
        assert app.screen is form and form.query_one("#note", TextArea).text == ""
        check = open_db(case_db)
        assert load_draft(check, 2) is None
        check.close()


async def test_after_saving_the_rhythm_strip_shows_this_week(case_db: Path, today) -> None:
    app = make_app(case_db, today=today)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_daan_form(pilot)
        strip = lambda: app.screen.query_one("#rhythm")  # noqa: E731
        await pilot.press("ctrl+s")
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        weeks = strip().weeks
        assert [w for w in weeks if w.current][0].held == 1
        assert load_case(open_db(case_db), 2).contacts[-1].at == NOW


async def test_the_form_opens_on_the_note_with_the_kind_used_last(case_db: Path, today) -> None:
    app = make_app(case_db, today=today)
    async with app.run_test(size=(80, 24)) as pilot:
        form = await open_daan_form(pilot)
        assert app.focused is form.query_one("#note", TextArea)
        assert form.query_one("#mode", Select).value == "telefoon"  # Daan's last contact was a call
        assert form.query_one("#status", Select).value == "plaatsgevonden"
        assert form.query_one("#when", Input).value == "nu"
        await pilot.press(*"Kort gebeld over de huur")
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: youth_in_full(app))
        assert stored_contacts(case_db, 2)[-1][1:3] == ("telefoon", "plaatsgevonden")
        assert stored_contacts(case_db, 2)[-1][5] == "Kort gebeld over de huur"


async def test_steady_typing_is_kept_while_it_goes_on(case_db: Path, today) -> None:
    """Keys faster than the draft's pause never postpone the draft beyond about a second."""
    app = make_app(case_db, today=today)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_daan_form(pilot)
        text = "Steeds door typen zonder pauze"
        kept_while_typing = False
        for char in text:
            await pilot.press(char)
            await asyncio.sleep(0.1)  # a key every 0.1 s: shorter than the 0.5 s pause, for 3 s
            if (stored_draft(case_db, 2) or [{}])[0].get("note"):
                kept_while_typing = True
        assert kept_while_typing, "the draft waited for a pause that never came"


async def test_a_restored_draft_keeps_the_moment_it_was_typed(case_db: Path, today) -> None:
    app = make_app(case_db, today=today)
    async with app.run_test(size=(80, 24)) as pilot:
        form = await open_daan_form(pilot)
        await pilot.press(*"Half af")
        await pilot.press("escape")
        await wait_until(pilot, lambda: youth_in_full(app))
    assert stored_draft(case_db, 2)[0]["opened_at"] == "2026-03-14T10:30:00"
    later = make_app(case_db, today=today + timedelta(days=2))
    async with later.run_test(size=(80, 24)) as pilot:
        form = await open_daan_form(pilot)
        assert form.query_one("#note", TextArea).text == "Half af"
        # "nu" is still the moment the coach typed it, not the moment the form was opened again.
        assert str(form.query_one("#when-echo", Static).render()) == "→ za 14 mrt 10:30"
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: isinstance(later.screen, YouthScreen))
    assert stored_contacts(case_db, 2)[-1][0] == "2026-03-14T10:30"
