"""Contacts that move, on screen: open one from the youth screen (keys and mouse), edit it, complete,
move, drop or delete it, and complete a planned contact from the contact form instead of adding one."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest
from helpers import make_case, shown_text, wait_until, youth_in_full
from textual.widgets import Input, RadioSet, Static, TextArea

from coach.domain.model import Contact
from coach.store.cases import insert_cases
from coach.store.contact_moves import contacts_of, get_contact, removal_reasons
from coach.store.contacts import note_history
from coach.store.db import open_db
from coach.tui.app import make_app
from coach.tui.dialogs.confirm import Confirm
from coach.tui.dialogs.contact_delete import ContactDeleteDialog
from coach.tui.dialogs.contact_edit import ContactEditDialog
from coach.tui.dialogs.contact_move import ContactMoveDialog
from coach.tui.dialogs.contact_outcome import ContactOutcomeDialog
from coach.tui.dialogs.contact_planned_near import PlannedNearDialog
from coach.tui.screens.contact_entry import ContactEntryScreen
from coach.tui.screens.contact_view import ContactViewScreen
from coach.tui.screens.youth import YouthScreen
from coach.tui.widgets.contact_list import ContactItem, ContactList

NOW = datetime(2026, 3, 14, 10, 30)  # Saturday
TODAY = NOW.date()
HELD, PAST_PLANNED, FUTURE_PLANNED, DROPPED, MOVED = 1, 2, 3, 4, 5


@pytest.fixture
def db_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """One young person, Sanne, with a held, a past planned, a future planned, a vervallen and a verzet contact."""
    monkeypatch.setattr("coach.clock.now", lambda: NOW)
    path = tmp_path / "coach.db"
    db = open_db(path)
    insert_cases(
        db,
        [
            make_case(
                "Sanne",
                started_on=date(2026, 1, 5),
                coach="Eva",
                contacts=[
                    Contact(
                        datetime(2026, 3, 2, 10), "huisbezoek", "plaatsgevonden", duration_min=60, note="Eerste keer."
                    ),
                    Contact(datetime(2026, 3, 12, 10), "telefoon", "gepland"),
                    Contact(datetime(2026, 3, 17, 10), "huisbezoek", "gepland", note="Papieren meenemen."),
                    Contact(datetime(2026, 3, 5, 10), "kantoor", "vervallen"),
                    Contact(datetime(2026, 3, 6, 10), "kantoor", "verzet"),
                ],
            )
        ],
    )
    db.close()
    return path


def record(path: Path, contact_id: int):
    db = open_db(path)
    try:
        return get_contact(db, contact_id)
    finally:
        db.close()


def all_contacts(path: Path) -> list[tuple[int, str, str]]:
    db = open_db(path)
    try:
        return [(r.id, r.contact.at.isoformat(timespec="minutes"), r.contact.status) for r in contacts_of(db, 1)]
    finally:
        db.close()


def text(widget) -> str:
    return shown_text(widget)


def line_of(app, contact_id: int) -> str:
    return text(app.screen.query_one(f"#contact-{contact_id}", ContactItem))


async def youth_screen(pilot) -> YouthScreen:
    await pilot.press("enter")
    await wait_until(pilot, lambda: isinstance(pilot.app.screen, YouthScreen))
    return pilot.app.screen


async def open_by_keys(pilot, contact_id: int) -> ContactViewScreen:
    screen = await youth_screen(pilot)
    screen.query_one(f"#contact-{contact_id}").focus()
    await pilot.pause()
    await pilot.press("enter")
    await wait_until(pilot, lambda: isinstance(pilot.app.screen, ContactViewScreen))
    return pilot.app.screen


def details(app) -> str:
    return text(app.screen.query_one("#cv-details", Static))


# --- the list ---------------------------------------------------------------------------------------


async def test_the_list_marks_what_still_needs_an_outcome_and_shows_every_status_with_a_word(db_path) -> None:
    app = make_app(db_path, today=TODAY)
    async with app.run_test(size=(120, 40)) as pilot:
        await youth_screen(pilot)
        items = list(app.screen.query_one(ContactList).query(ContactItem))
        assert items[0].contact.id == PAST_PLANNED  # the one to complete comes first
        assert "◌ Gepland · ⚑ nog afronden" in line_of(app, PAST_PLANNED)
        assert "nog afronden" not in line_of(app, FUTURE_PLANNED)
        assert "● Plaatsgevonden" in line_of(app, HELD)
        # A change of plan is never shown as a cancellation or a no-show.
        assert "– Vervallen" in line_of(app, DROPPED) and "○" not in line_of(app, DROPPED)
        assert "→ Verzet" in line_of(app, MOVED) and "✕" not in line_of(app, MOVED)
        strip = text(app.screen.query_one("#rhythm"))
        assert "✕" not in strip.splitlines()[1] and "○" not in strip.splitlines()[1]


async def test_older_contacts_are_one_enter_or_click_away(tmp_path, monkeypatch) -> None:
    monkeypatch.setattr("coach.clock.now", lambda: NOW)
    path = tmp_path / "many.db"
    db = open_db(path)
    many = [Contact(datetime(2026, 2, day, 10), "telefoon", "plaatsgevonden") for day in range(1, 11)]
    insert_cases(db, [make_case("Sanne", started_on=date(2026, 1, 5), contacts=many)])
    db.close()
    app = make_app(path, today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await youth_screen(pilot)
        contact_list = screen.query_one(ContactList)
        assert len(contact_list.query(ContactItem)) == 5
        more = screen.query_one("#contacts-more")
        assert "en 5 eerdere" in text(more)
        more.focus()
        await pilot.press("enter")
        await wait_until(pilot, lambda: len(contact_list.query(ContactItem)) == 10)
        assert app.focused is list(contact_list.query(ContactItem))[5]
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(app.screen, ContactViewScreen))
        assert app.screen.record.contact.at == datetime(2026, 2, 5, 10)
    app = make_app(path, today=TODAY)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await youth_screen(pilot)
        more = screen.query_one("#contacts-more")
        screen.query_one("#youth-body").scroll_to_widget(more, animate=False)
        await pilot.pause()
        await pilot.click("#contacts-more")
        await wait_until(pilot, lambda: len(screen.query_one(ContactList).query(ContactItem)) == 10)


# --- opening and completing -----------------------------------------------------------------------


async def test_enter_opens_a_contact_and_u_completes_it(db_path) -> None:
    app = make_app(db_path, today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        view = await open_by_keys(pilot, PAST_PLANNED)
        assert "Gepland · ⚑ nog afronden" in details(app)
        assert "Telefoon" in details(app)
        await pilot.press("u")
        await wait_until(pilot, lambda: isinstance(app.screen, ContactOutcomeDialog))
        dialog = app.screen
        assert app.focused is dialog.query_one(RadioSet)
        await pilot.press("down", "enter")  # niet verschenen
        await pilot.press("tab", *"0")
        assert dialog.query_one("#co-duration", Input).value == "0"
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: app.screen is view and "Niet verschenen" in details(app))
        stored = record(db_path, PAST_PLANNED)
        assert (stored.contact.status, stored.contact.duration_min) == ("niet_verschenen", 0)
        assert "nog afronden" not in details(app)
        await pilot.press("escape")
        await wait_until(pilot, lambda: youth_in_full(app))
        await wait_until(pilot, lambda: "✕ Niet verschenen" in line_of(app, PAST_PLANNED))


async def test_a_click_opens_a_contact_and_the_buttons_move_it(db_path, needless_updates: list[str]) -> None:
    app = make_app(db_path, today=TODAY)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await youth_screen(pilot)
        item = screen.query_one(f"#contact-{FUTURE_PLANNED}")
        screen.query_one("#youth-body").scroll_to_widget(item, animate=False)
        await pilot.pause()
        await pilot.click(f"#contact-{FUTURE_PLANNED}")
        await wait_until(pilot, lambda: isinstance(app.screen, ContactViewScreen))
        view = app.screen
        assert "Papieren meenemen." in view.query_one("#cv-note", TextArea).text
        await pilot.click("#cv-move")
        await wait_until(pilot, lambda: isinstance(app.screen, ContactMoveDialog))
        await pilot.press(*"20-3 11:00")
        await wait_until(pilot, lambda: "→ vr 20 mrt 11:00" in text(app.screen.query_one("#cm-when-echo", Static)))
        assert needless_updates == []  # typing redraws only the lines that change
        await pilot.click("#cm-save")
        await wait_until(pilot, lambda: app.screen is view and "Verzet naar" in details(app))
        assert "→ Verzet" in details(app) and "vr 20 mrt 11:00" in details(app)
        old = record(db_path, FUTURE_PLANNED)
        assert old.contact.status == "verzet" and old.moved_to is not None
        new = record(db_path, old.moved_to)
        assert new.contact.status == "gepland" and new.moved_from == FUTURE_PLANNED
        assert new.contact.at == datetime(2026, 3, 20, 11) and new.contact.note == "Papieren meenemen."
        # The new one says where it came from.
        await pilot.click("#cv-back")
        await wait_until(pilot, lambda: youth_in_full(app))
        await wait_until(pilot, lambda: bool(app.screen.query(f"#contact-{new.id}")))
        app.screen.query_one(f"#contact-{new.id}").focus()
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(app.screen, ContactViewScreen))
        assert "Verzet van" in details(app) and "di 17 mrt 10:00" in details(app)


async def test_g_and_the_button_open_the_contact_it_was_moved_to_and_back(db_path) -> None:
    app = make_app(db_path, today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        view = await open_by_keys(pilot, FUTURE_PLANNED)
        assert not view.query("#cv-linked")
        await pilot.press("g")  # nothing linked yet: nothing happens
        await pilot.pause()
        assert view.record.id == FUTURE_PLANNED
        await pilot.press("z")
        await wait_until(pilot, lambda: isinstance(app.screen, ContactMoveDialog))
        await pilot.press(*"20-3 11:00", "enter")
        await wait_until(pilot, lambda: app.screen is view and "Verzet naar" in details(app))
        await pilot.press("g")
        await wait_until(pilot, lambda: view.record.id != FUTURE_PLANNED)
        assert "Verzet van" in details(app) and "◌ Gepland" in details(app)
        await pilot.click("#cv-linked")
        await wait_until(pilot, lambda: view.record.id == FUTURE_PLANNED)
        assert "→ Verzet" in details(app)


async def test_moving_to_a_moment_in_the_past_is_refused_and_changes_nothing(db_path) -> None:
    app = make_app(db_path, today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_by_keys(pilot, FUTURE_PLANNED)
        before = all_contacts(db_path)
        for typed, said in (("gisteren 10:00", "toekomst"), ("31-2 10:00", "februari"), ("volgende week", "tijd")):
            await pilot.press("z")
            await wait_until(pilot, lambda: isinstance(app.screen, ContactMoveDialog))
            await pilot.press(*typed, "ctrl+s")
            await pilot.pause()
            assert isinstance(app.screen, ContactMoveDialog)
            assert said in text(app.screen.query_one("#cm-when-error", Static))
            assert app.focused is app.screen.query_one("#cm-when", Input)
            await pilot.press("escape")  # asks: something was typed
            await wait_until(pilot, lambda: isinstance(app.screen, Confirm))
            await pilot.press("j")
            await wait_until(pilot, lambda: isinstance(app.screen, ContactViewScreen))
        assert all_contacts(db_path) == before


async def test_only_a_planned_contact_can_be_completed_moved_or_dropped(db_path) -> None:
    app = make_app(db_path, today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        view = await open_by_keys(pilot, HELD)
        assert view.query_one("#cv-outcome").disabled and view.query_one("#cv-move").disabled
        await pilot.press("u", "z", "x")
        await pilot.pause()
        assert app.screen is view


# --- dropping and deleting ---------------------------------------------------------------------


async def test_x_drops_a_planned_contact_after_asking(db_path) -> None:
    app = make_app(db_path, today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        view = await open_by_keys(pilot, FUTURE_PLANNED)
        await pilot.press("x")
        await wait_until(pilot, lambda: isinstance(app.screen, Confirm))
        assert "telt niet als afzegging" in text(app.screen.query_one("#confirm-question", Static))
        await pilot.press("n")
        await wait_until(pilot, lambda: app.screen is view)
        assert record(db_path, FUTURE_PLANNED).contact.status == "gepland"
        await pilot.press("x")
        await wait_until(pilot, lambda: isinstance(app.screen, Confirm))
        await pilot.press("j")
        await wait_until(pilot, lambda: app.screen is view and "Vervallen" in details(app))
        assert record(db_path, FUTURE_PLANNED).contact.status == "vervallen"


async def test_deleting_asks_for_a_reason_and_keeps_it(db_path) -> None:
    app = make_app(db_path, today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_by_keys(pilot, HELD)
        await pilot.press("delete")
        await wait_until(pilot, lambda: isinstance(app.screen, ContactDeleteDialog))
        dialog = app.screen
        await pilot.press("enter")  # no reason yet
        await pilot.pause()
        assert app.screen is dialog and "Reden" in text(dialog.query_one("#cd-reason-error", Static))
        assert record(db_path, HELD) is not None
        dialog.query_one("#cd-reason", Input).value = "bel\x07 dubbel"
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is dialog and "stuurtekens" in text(dialog.query_one("#cd-reason-error", Static))
        dialog.query_one("#cd-reason", Input).value = ""
        await pilot.press(*"dubbel ingevoerd")
        await pilot.press("escape")  # a reason was typed: asks first
        await wait_until(pilot, lambda: isinstance(app.screen, Confirm))
        await pilot.press("n")
        await wait_until(pilot, lambda: app.screen is dialog)
        await pilot.click("#cd-delete")
        await wait_until(pilot, lambda: youth_in_full(app))
        assert record(db_path, HELD) is None
        db = open_db(db_path)
        try:
            assert [(t, r, reason) for t, r, _at, reason in removal_reasons(db, 1)] == [
                ("contacts", HELD, "dubbel ingevoerd")
            ]
        finally:
            db.close()
        await wait_until(pilot, lambda: not app.screen.query(f"#contact-{HELD}"))


# --- editing ----------------------------------------------------------------------------------------


async def test_editing_keeps_the_earlier_note_readable(db_path, needless_updates: list[str]) -> None:
    app = make_app(db_path, today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        view = await open_by_keys(pilot, HELD)
        assert not view.query("#cv-history")
        await pilot.press("b")
        await wait_until(pilot, lambda: isinstance(app.screen, ContactEditDialog))
        dialog = app.screen
        assert app.focused is dialog.query_one("#ce-note", TextArea)
        await pilot.press(*"Nu: ")
        dialog.query_one("#ce-duration", Input).focus()
        await pilot.press("ctrl+a", "ctrl+k", *"45")
        dialog.query_one("#ce-when", Input).focus()
        await pilot.press("ctrl+a", "ctrl+k", *"3-3 14:00")
        assert needless_updates == []  # typing redraws only the lines that change
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: app.screen is view and "45 min" in details(app))
        stored = record(db_path, HELD)
        assert stored.contact.note == "Nu: Eerste keer."
        assert (stored.contact.duration_min, stored.contact.at) == (45, datetime(2026, 3, 3, 14))
        assert stored.contact.status == "plaatsgevonden"
        db = open_db(db_path)
        try:
            assert [old for _at, old in note_history(db, HELD)] == ["Eerste keer."]
        finally:
            db.close()
        await wait_until(pilot, lambda: bool(view.query("#cv-history")))
        assert "Eerdere versies (1)" in text(view.query_one("#cv-history-title", Static))
        assert text(view.query_one(".cv-version-text", Static)) == "Eerste keer."


async def test_editing_the_domains_by_mouse(db_path) -> None:
    app = make_app(db_path, today=TODAY)
    async with app.run_test(size=(120, 40)) as pilot:
        view = await open_by_keys(pilot, HELD)
        await pilot.click("#cv-edit")
        await wait_until(pilot, lambda: isinstance(app.screen, ContactEditDialog))
        dialog = app.screen
        domains = dialog.query_one("#ce-domains")
        domains.focus()
        await pilot.press("space")  # the first domain
        first = next(iter(dialog._labels))
        await pilot.click("#ce-save")
        await wait_until(pilot, lambda: app.screen is view)
        assert record(db_path, HELD).domains == (first,)
        assert dialog._labels[first] in details(app)


BAD_EDITS = [
    ("#ce-when", "31-2 10:00", "februari"),
    ("#ce-when", "", "Vul een datum"),
    ("#ce-when", "volgende week di 10:00", "toekomst"),  # a held contact cannot lie ahead
    ("#ce-duration", "drie", "minuten"),
    ("#ce-duration", "5000", "minuten"),
    ("#ce-duration", "4²", "minuten"),  # a digit to str.isdigit, not to int()
    ("#ce-note", "a" * 1_000_001, "te lang"),
    ("#ce-note", "bel\x1b[31m terug", "stuurtekens"),
]


@pytest.mark.parametrize(("field", "value", "said"), BAD_EDITS)
async def test_a_wrong_field_gets_a_message_the_focus_and_nothing_is_written(db_path, field, value, said) -> None:
    app = make_app(db_path, today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_by_keys(pilot, HELD)
        before = record(db_path, HELD)
        await pilot.press("b")
        await wait_until(pilot, lambda: isinstance(app.screen, ContactEditDialog))
        dialog = app.screen
        widget = dialog.query_one(field)
        if isinstance(widget, TextArea):
            widget.text = value
        else:
            widget.value = value
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is dialog
        name = field.removeprefix("#ce-")
        assert said in text(dialog.query_one(f"#ce-{name}-error", Static))
        assert app.focused is widget
        assert record(db_path, HELD) == before


async def test_escape_with_changes_asks_before_throwing_them_away(db_path) -> None:
    app = make_app(db_path, today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        view = await open_by_keys(pilot, HELD)
        await pilot.press("b")
        await wait_until(pilot, lambda: isinstance(app.screen, ContactEditDialog))
        dialog = app.screen
        await pilot.press("escape")  # nothing changed: closes at once
        await wait_until(pilot, lambda: app.screen is view)
        await pilot.press("b")
        await wait_until(pilot, lambda: isinstance(app.screen, ContactEditDialog))
        dialog = app.screen
        await pilot.press(*"Toch niet")
        await pilot.press("escape")
        await wait_until(pilot, lambda: isinstance(app.screen, Confirm))
        await pilot.press("n")
        await wait_until(pilot, lambda: app.screen is dialog)
        assert dialog.query_one("#ce-note", TextArea).text.startswith("Toch niet")
        await pilot.press("escape")
        await wait_until(pilot, lambda: isinstance(app.screen, Confirm))
        await pilot.press("j")
        await wait_until(pilot, lambda: app.screen is view)
        assert record(db_path, HELD).contact.note == "Eerste keer."


# --- the contact form: complete the planned one instead of adding a second ----------------------


@pytest.fixture
def near_db(db_path: Path) -> Path:
    """Sanne also has a telephone call planned this morning at 9:00 (id 6)."""
    db = open_db(db_path)
    from coach.store.contacts import add_contact

    assert add_contact(db, 1, Contact(datetime(2026, 3, 14, 9), "telefoon", "gepland", initiated_by="jongere")) == 6
    db.close()
    return db_path


async def log_now(pilot, note: str) -> ContactEntryScreen:
    await youth_screen(pilot)
    await pilot.press("c")
    await wait_until(pilot, lambda: isinstance(pilot.app.screen, ContactEntryScreen))
    form = pilot.app.screen
    form.query_one("#note", TextArea).text = note
    await pilot.pause()
    await pilot.press("ctrl+s")
    await wait_until(pilot, lambda: isinstance(pilot.app.screen, PlannedNearDialog))
    return form


async def test_logging_near_a_planned_contact_offers_to_complete_it(near_db) -> None:
    app = make_app(near_db, today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await log_now(pilot, "Gebeld, het ging goed.")
        question = text(app.screen.query_one("#confirm-question", Static))
        assert (
            question.startswith("Je had op ")
            and "09:00 een telefoon gepland. Dit contact daarmee afronden?" in question
        )
        before = len(all_contacts(near_db))
        await pilot.press("j")
        await wait_until(pilot, lambda: youth_in_full(app))
        assert len(all_contacts(near_db)) == before  # completed, not added
        done = record(near_db, 6)
        assert done.contact.status == "plaatsgevonden" and done.contact.at == NOW
        assert done.contact.note == "Gebeld, het ging goed."


async def test_the_coach_can_still_log_it_apart_by_mouse(near_db) -> None:
    app = make_app(near_db, today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await log_now(pilot, "Iets anders.")
        before = len(all_contacts(near_db))
        await pilot.click("#separate")
        await wait_until(pilot, lambda: youth_in_full(app))
        assert len(all_contacts(near_db)) == before + 1
        assert record(near_db, 6).contact.status == "gepland"


async def test_escape_goes_back_to_the_form_and_writes_nothing(near_db) -> None:
    app = make_app(near_db, today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        form = await log_now(pilot, "Nog even nadenken.")
        before = all_contacts(near_db)
        await pilot.press("escape")
        await wait_until(pilot, lambda: app.screen is form)
        assert all_contacts(near_db) == before
        assert form.query_one("#note", TextArea).text == "Nog even nadenken."


def test_the_contact_screens_help_section_exists_in_the_handbook() -> None:
    from coach.content.guides import headings
    from coach.tui.screens.contact_view import HELP_TARGET

    guide, slug = HELP_TARGET
    text = (Path(__file__).resolve().parents[1] / "guides" / guide).read_text(encoding="utf-8")
    assert slug in {s for _level, _title, s in headings(text)}
