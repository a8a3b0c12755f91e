"""Afspraken on their own, on the young person's screen: add (f), open (Enter or a click), edit, mark, bad input."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from db_digest import digest
from helpers import wait_until, youth_in_full

from coach.domain.agreement_form import owner_choices, read_due, read_owner
from coach.domain.contact_input import FormErrors
from coach.store.agreement_edits import agreements_with_owners, get_agreement
from coach.store.cases import load_case
from coach.store.db import open_db
from coach.store.revisions import revisions_of
from coach.tui.app import make_app
from coach.tui.dialogs.agreement_edit import AgreementDialog
from coach.tui.dialogs.confirm import Confirm
from coach.tui.screens.visit_prep import VisitPrepScreen
from coach.tui.screens.youth import YouthScreen
from coach.tui.widgets.agreement_list import AgreementItem

NOOR, DAAN = 1, 2
LETTER = "Stagebrief naar de kapsalon sturen"


# --- the form's words, without a screen ----------------------------------------------------------


def test_owner_choices_name_the_network_people(case_db: Path) -> None:
    db = open_db(case_db)
    network = load_case(db, NOOR).network
    db.close()
    choices = owner_choices(network)
    labels = [label for label, _value in choices]
    assert labels[:2] == ["Jongere", "Coach"] and "Riet (oma)" in labels and "Karim Aydin (jobcoach)" in labels
    riet = next(value for label, value in choices if label == "Riet (oma)")
    assert read_owner(riet) == ("netwerk", next(p.id for p in network if p.name == "Riet"))
    assert read_owner("coach") == ("coach", None)
    with pytest.raises(FormErrors) as caught:
        read_owner("buurman")
    assert "Wie doet het" in caught.value.errors["owner"]


@pytest.mark.parametrize(
    ("typed", "due"),
    [
        ("morgen", date(2026, 3, 15)),
        ("vrijdag", date(2026, 3, 20)),
        ("over 2 weken", date(2026, 3, 28)),
        ("12 maart", date(2027, 3, 12)),  # passed this year: next year's
        ("", None),
    ],
)
def test_due_dates_in_dutch(typed: str, due: date | None, today: date) -> None:
    assert read_due(typed, today) == due


@pytest.mark.parametrize("typed", ["31 februari", "blauw", "morgen 10:00", "\x00\x1b[2J"])
def test_impossible_due_dates_say_why(typed: str, today: date) -> None:
    with pytest.raises(FormErrors) as caught:
        read_due(typed, today)
    assert caught.value.errors["due"].startswith("Klaar vóór: ")


# --- on the screen --------------------------------------------------------------------------------


async def open_youth(app, pilot, youth_id: int) -> YouthScreen:
    app.open_youth(youth_id)
    # The afspraken are under the first screenful, mounted right after it is painted.
    await wait_until(pilot, lambda: isinstance(app.screen, YouthScreen) and app.screen.query("#agreement-section"))
    await pilot.pause()
    return app.screen


def item_of(screen: YouthScreen, text: str) -> AgreementItem:
    return next(item for item in screen.query(AgreementItem) if item.agreement.text == text)


async def show(pilot, item: AgreementItem) -> None:
    item.scroll_visible(animate=False)
    await pilot.pause()


def record_of(db, youth_id: int, text: str):
    return next(r for r in agreements_with_owners(db, youth_id) if r.agreement.text == text)


async def test_f_adds_an_afspraak_for_a_network_person_with_a_dutch_due_date(case_db: Path, today: date) -> None:
    app = make_app(case_db, today=today)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_youth(app, pilot, NOOR)
        await pilot.press("f")
        await wait_until(pilot, lambda: isinstance(app.screen, AgreementDialog))
        assert app.focused.id == "text"
        await pilot.press(*"Riet belt de school")
        await pilot.press("tab")
        assert app.focused.id == "owner"
        await pilot.press("enter", "down", "down", "enter")  # Jongere → Coach → Riet (oma)
        await pilot.press("tab")
        assert app.focused.id == "due"
        await pilot.press(*"vrijdag")
        await wait_until(pilot, lambda: "vóór" in str(app.screen.query_one("#due-error").render()))
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: youth_in_full(app))
        await wait_until(pilot, lambda: any("Riet belt" in i.agreement.text for i in app.screen.query(AgreementItem)))
        line = str(item_of(app.screen, "Riet belt de school").render())
        assert "Riet (oma)" in line and "vóór" in line
        await pilot.press("v")  # the visit's preparation names her too
        await wait_until(pilot, lambda: isinstance(app.screen, VisitPrepScreen))
        shown = " ".join(str(w.render()) for w in app.screen.query(".prep-line"))
        assert "Riet belt de school · Riet (oma)" in shown

    db = open_db(case_db)
    record = record_of(db, NOOR, "Riet belt de school")
    riet = next(p.id for p in load_case(db, NOOR).network if p.name == "Riet")
    assert record.agreement.owner == "netwerk" and record.owner_network_id == riet
    assert record.agreement.due == date(2026, 3, 20) and record.agreement.made_on == today
    assert record.agreement.status == "open" and record.contact_id is None
    db.close()


async def test_a_click_opens_an_afspraak_to_edit_and_the_earlier_text_is_kept(case_db: Path, today: date) -> None:
    app = make_app(case_db, today=today)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_youth(app, pilot, NOOR)
        item = item_of(screen, LETTER)
        await show(pilot, item)
        await pilot.click(item)
        await wait_until(pilot, lambda: isinstance(app.screen, AgreementDialog))
        dialog = app.screen
        assert dialog.query_one("#text").value == LETTER
        assert dialog.query_one("#due").value == "20-3-2026"
        assert "open" in str(dialog.query_one("#agreement-state").render())
        dialog.query_one("#text").value = "Stagebrief naar twee kapsalons sturen"
        dialog.query_one("#owner").value = "coach"
        dialog.query_one("#due").value = "over 2 weken"
        await pilot.click("#save")
        await wait_until(pilot, lambda: youth_in_full(app))

    db = open_db(case_db)
    record = record_of(db, NOOR, "Stagebrief naar twee kapsalons sturen")
    assert (record.agreement.owner, record.agreement.due) == ("coach", date(2026, 3, 28))
    assert revisions_of(db, "agreements", record.agreement.id, "text") == [LETTER]
    db.close()

    again = make_app(case_db, today=today)
    async with again.run_test(size=(80, 24)) as pilot:
        screen = await open_youth(again, pilot, NOOR)
        item = item_of(screen, "Stagebrief naar twee kapsalons sturen")
        item.focus()
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(again.screen, AgreementDialog))
        assert LETTER in str(again.screen.query_one("#earlier").render())


async def test_marking_done_dropped_and_open_again_from_the_dialog(case_db: Path, today: date) -> None:
    app = make_app(case_db, today=today)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_youth(app, pilot, NOOR)
        check = open_db(case_db)
        agreement_id = record_of(check, NOOR, LETTER).agreement.id
        for button, status in (("#mark-gedaan", "gedaan"), ("#mark-open", "open"), ("#mark-vervallen", "vervallen")):
            item = item_of(app.screen, LETTER)
            item.focus()
            await pilot.press("enter")
            await wait_until(pilot, lambda: isinstance(app.screen, AgreementDialog))
            await pilot.click(button)
            await wait_until(pilot, lambda: youth_in_full(app))
            await wait_until(pilot, lambda status=status: get_agreement(check, agreement_id).agreement.status == status)
            await wait_until(
                pilot, lambda status=status: item_of(app.screen, LETTER).agreement.status == status, what="list shown"
            )
            record = get_agreement(check, agreement_id)
            assert record.closed_on == (None if status == "open" else today)
        line = str(item_of(app.screen, LETTER).render())
        assert "✗ vervallen" in line
        assert screen is app.screen
        check.close()


async def test_overdue_afspraken_are_marked_with_a_symbol_and_a_word(case_db: Path, today: date) -> None:
    app = make_app(case_db, today=today)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_youth(app, pilot, DAAN)
        item = item_of(screen, "Afspraak maken bij de huisarts")
        assert item.has_class("-overdue")
        assert str(item.render()).startswith("⚠ te laat (13 dagen)")  # first, so a cut-off line still shows it
        item.focus()
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(app.screen, AgreementDialog))
        assert "⚠ te laat (13 dagen)" in str(app.screen.query_one("#agreement-state").render())


BAD = [
    ("text", "", "Afspraak: schrijf op wie wat doet."),
    ("text", "   ", "Afspraak: schrijf op wie wat doet."),
    ("text", "x" * 1_000_000, "te lang"),
    ("text", "Bellen\x1b[2J\x00", "Afspraak"),
    ("due", "31 februari", "31 februari bestaat niet"),
    ("due", "gisteren", "ligt vóór de dag van de afspraak"),
    ("due", "morgen 10:00", "alleen een datum"),
]


async def test_bad_input_is_named_at_its_field_and_nothing_is_written(case_db: Path, today: date) -> None:
    app = make_app(case_db, today=today)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_youth(app, pilot, NOOR)
        before = digest(app.db)
        await pilot.press("f")
        await wait_until(pilot, lambda: isinstance(app.screen, AgreementDialog))
        dialog = app.screen
        for field, value, words in BAD:
            dialog.query_one("#text").value = "Bellen" if field != "text" else value
            dialog.query_one("#due").value = value if field == "due" else ""
            await pilot.press("ctrl+s")
            await wait_until(
                pilot,
                lambda field=field, words=words: words in str(dialog.query_one(f"#{field}-error").render()),
                what=f"{field}={value[:20]!r}",
            )
            assert app.screen is dialog and app.focused is dialog.query_one(f"#{field}")
            assert digest(app.db) == before
        # Two fields wrong at once: both are named, the focus goes to the first.
        dialog.query_one("#text").value = ""
        dialog.query_one("#due").value = "31 februari"
        await pilot.click("#save")
        await wait_until(pilot, lambda: "bestaat niet" in str(dialog.query_one("#due-error").render()))
        assert "schrijf op" in str(dialog.query_one("#text-error").render())
        assert app.focused is dialog.query_one("#text")
        assert digest(app.db) == before


async def test_esc_asks_before_throwing_typing_away(case_db: Path, today: date) -> None:
    app = make_app(case_db, today=today)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_youth(app, pilot, NOOR)
        before = digest(app.db)
        await pilot.press("f")
        await wait_until(pilot, lambda: isinstance(app.screen, AgreementDialog))
        await pilot.press("escape")  # nothing typed: closes at once
        await wait_until(pilot, lambda: youth_in_full(app))
        await pilot.press("f")
        await wait_until(pilot, lambda: isinstance(app.screen, AgreementDialog))
        dialog = app.screen
        await pilot.press(*"Half getypt")
        await pilot.press("escape")
        await wait_until(pilot, lambda: isinstance(app.screen, Confirm))
        await pilot.press("n")
        await wait_until(pilot, lambda: app.screen is dialog)
        assert dialog.query_one("#text").value == "Half getypt"
        await pilot.click("#cancel")
        await wait_until(pilot, lambda: isinstance(app.screen, Confirm))
        await pilot.press("j")
        await wait_until(pilot, lambda: youth_in_full(app))
        assert digest(app.db) == before


# --- a second program holding the database ---------------------------------------------------------


@pytest.fixture
def busy_db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """The caseload in an encrypted file and another program's connection that can hold the write lock."""
    from conftest import small_caseload
    from safety_helpers import PASSPHRASE

    import coach.store.db as store_db
    from coach.store.cases import insert_cases
    from coach.store.db import connect

    monkeypatch.setattr(store_db, "BUSY_TIMEOUT_MS", 100)  # report a held lock after 0.1 s
    path = tmp_path / "coach.db"
    db = open_db(path, passphrase=PASSPHRASE)
    insert_cases(db, small_caseload())
    db.close()
    other = connect(path, PASSPHRASE)
    yield path, PASSPHRASE, other
    other.close()


async def save_while_busy(pilot, other, notices, still_there) -> None:
    """Ctrl+S while another program holds the write lock: the busy notice, and `still_there()` holds
    (nothing typed is lost); then the lock is let go and Ctrl+S again saves."""
    other.execute("BEGIN IMMEDIATE")
    try:
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: any("in gebruik door een ander programma" in n for n in notices))
        assert still_there()
    finally:
        other.rollback()
    await pilot.press("ctrl+s")


async def test_a_busy_database_keeps_the_dialog_and_what_was_typed(busy_db, today: date, notices) -> None:
    path, passphrase, other = busy_db
    app = make_app(path, today=today, passphrase=passphrase)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_youth(app, pilot, DAAN)
        await pilot.press("f")
        await wait_until(pilot, lambda: isinstance(app.screen, AgreementDialog))
        dialog = app.screen
        await pilot.press(*"Huisarts bellen")
        await save_while_busy(
            pilot, other, notices, lambda: app.screen is dialog and dialog.query_one("#text").value == "Huisarts bellen"
        )
        await wait_until(pilot, lambda: youth_in_full(app))
    db = open_db(path, passphrase=passphrase)
    assert [r.agreement.text for r in agreements_with_owners(db, DAAN)].count("Huisarts bellen") == 1
    db.close()


async def test_a_busy_database_keeps_the_visit_form_and_its_note(busy_db, today: date, notices) -> None:
    from coach.tui.dialogs.visit_complete import VisitCompleteDialog
    from coach.tui.dialogs.visit_end import VisitEndDialog

    path, passphrase, other = busy_db
    app = make_app(path, today=today, passphrase=passphrase)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_youth(app, pilot, DAAN)
        await pilot.press("v")
        await wait_until(pilot, lambda: isinstance(app.screen, VisitPrepScreen))
        app.screen.query_one("FieldArea").text = "Kort bezoek, alles rustig"
        await pilot.pause()
        await pilot.press("escape")
        await wait_until(pilot, lambda: isinstance(app.screen, VisitEndDialog))
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(app.screen, VisitCompleteDialog))
        form = app.screen
        form.query_one("#duration").value = "30"
        await save_while_busy(
            pilot, other, notices, lambda: app.screen is form and form.query_one("#duration").value == "30"
        )
        await wait_until(pilot, lambda: youth_in_full(app))
    db = open_db(path, passphrase=passphrase)
    held = [c for c in load_case(db, DAAN).contacts if c.at.date() == today]
    assert len(held) == 1 and held[0].status == "plaatsgevonden" and held[0].duration_min == 30
    assert held[0].note == "Kort bezoek, alles rustig"
    db.close()
