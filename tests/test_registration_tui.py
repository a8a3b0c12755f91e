"""Aanmelding and Gegevens: the form read (pure), the new young person by keys and mouse, details and coach changes."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from helpers import wait_until, youth_in_full
from textual.command import CommandList, CommandPalette
from textual.widgets import SelectionList, Static, TextArea

import coach.store.db as store_db
from coach.config import Config
from coach.domain.caseload import CaseloadEntry
from coach.domain.continuity import CONTINUITY_LABELS
from coach.domain.registration import ConsentInput, RegistrationError
from coach.domain.registration_input import RegistrationInput, read_registration, written_date
from coach.store.caseload import caseload, caseload_entry
from coach.store.cases import load_case
from coach.store.db import connect, open_db
from coach.store.registration import coach_changes_of, consents_of, detail_history, load_registration, save_details
from coach.tui.app import make_app
from coach.tui.dialogs.confirm import Confirm
from coach.tui.screens.caseload import CaseloadScreen
from coach.tui.screens.registration import RegistrationScreen, widget_id
from coach.tui.widgets.caseload_columns import CASELOAD_COLUMNS, CellContext, new_coach
from coach.tui.widgets.youth_header import YouthHeader

TODAY = date(2026, 3, 14)
SMALL = (80, 24)


def field(app, name: str):
    return app.screen.query_one(f"#{widget_id(name)}")


def error_text(app, name: str) -> str:
    widget = app.screen.query_one(f"#{widget_id(name)}-error", Static)
    return str(widget.render()) if widget.has_class("-shown") else ""


def youth_count(path: Path) -> int:
    db = open_db(path)
    try:
        return int(db.execute("SELECT count(*) FROM youths").fetchone()[0])
    finally:
        db.close()


def stored(path: Path, youth_id: int):
    db = open_db(path)
    try:
        return load_registration(db, youth_id), load_case(db, youth_id), consents_of(db, youth_id)
    finally:
        db.close()


# --- the form read (pure) --------------------------------------------------------------------------


@pytest.mark.parametrize("text", ["2008-03-12", "12 maart 2008", "12-3-2008", "12 mrt 2008"])
def test_a_birth_date_in_dutch_input(text: str) -> None:
    read = read_registration(RegistrationInput(first_name="Sam", birth_date=text), TODAY)
    assert read.registration.birth_date == date(2008, 3, 12)
    assert read.registration.registered_on == TODAY  # empty: today
    assert read.questions == {}


def test_gisteren_as_aanmelddatum() -> None:
    read = read_registration(RegistrationInput(first_name="Sam", registered_on="gisteren"), TODAY)
    assert read.registration.registered_on == date(2026, 3, 13)


def test_an_age_outside_12_to_30_is_a_question_not_an_error() -> None:
    read = read_registration(RegistrationInput(first_name="Sam", birth_date="1 januari 1980"), TODAY)
    assert "klopt dit?" in read.questions["birth_date"] and "46 jaar" in read.questions["birth_date"]
    read = read_registration(RegistrationInput(first_name="Sam", birth_date="1-1-2020"), TODAY)
    assert "6 jaar" in read.questions["birth_date"]


@pytest.mark.parametrize(
    ("form", "field_name", "words"),
    [
        (RegistrationInput(), "first_name", "vul de voornaam in"),
        (RegistrationInput(first_name="   "), "first_name", "vul de voornaam in"),
        (RegistrationInput(first_name="Sam", birth_date="31-2-2008"), "birth_date", "bestaat niet"),
        (RegistrationInput(first_name="Sam", birth_date="29-2-2007"), "birth_date", "geen schrikkeljaar"),
        (RegistrationInput(first_name="Sam", birth_date="morgen"), "birth_date", "toekomst"),
        (RegistrationInput(first_name="Sam", birth_date="blabla"), "birth_date", "Geboortedatum"),
        (RegistrationInput(first_name="Sam", birth_date="1-1-1850"), "birth_date", "te ver terug"),
        (RegistrationInput(first_name="Sam", registered_on="32-1-2026"), "registered_on", "Aanmelddatum"),
        (RegistrationInput(first_name="Sam", registered_on="over 2 weken"), "registered_on", "toekomst"),
        (RegistrationInput(first_name="Sam", email="geen-adres"), "email", "e-mailadres"),
        (RegistrationInput(first_name="Sam", phone="bel me"), "phone", "cijfers"),
        (RegistrationInput(first_name="S\x07m"), "first_name", "stuurtekens"),
        (RegistrationInput(first_name="Sam", city="Zwolle\x1b[31m"), "city", "stuurtekens"),
        (RegistrationInput(first_name="x" * 101), "first_name", "te lang"),
        (RegistrationInput(first_name="Sam", school="x" * 1_000_000), "school", "te lang"),
        (RegistrationInput(first_name="Sam", referral_reason="x" * 1_000_001), "referral_reason", "te lang"),
        (RegistrationInput(first_name="Sam", consent_on="gisteren"), "consent.given_to", "met wie"),
        (RegistrationInput(first_name="Sam", consent_to="Moeder", consent_on="morgen"), "consent.given_on", "toekomst"),
        (RegistrationInput(first_name="Sam", consent_to="Moeder", consent_parts=()), "consent.parts", "kies wat"),
    ],
)
def test_bad_input_names_the_field(form: RegistrationInput, field_name: str, words: str) -> None:
    with pytest.raises(RegistrationError) as caught:
        read_registration(form, TODAY)
    assert words in caught.value.errors[field_name]


def test_a_megabyte_reason_is_fine_and_errors_come_in_form_order() -> None:
    read = read_registration(RegistrationInput(first_name="Sam", referral_reason="x" * 1_000_000), TODAY)
    assert len(read.registration.referral_reason or "") == 1_000_000
    with pytest.raises(RegistrationError) as caught:
        read_registration(RegistrationInput(email="x", birth_date="31-2-2008"), TODAY)
    assert list(caught.value.errors) == ["first_name", "birth_date", "email"]


def test_the_form_filled_from_stored_details_reads_back_the_same() -> None:
    form = RegistrationInput(first_name="Sam", birth_date="12 maart 2008", city="Zwolle", registered_on="3-3-2026")
    read = read_registration(form, TODAY)
    again = RegistrationInput.from_registration(read.registration)
    assert again.birth_date == written_date(date(2008, 3, 12)) == "12 maart 2008"
    assert read_registration(again, TODAY).registration == read.registration


# --- a new young person in the app ------------------------------------------------------------------


async def open_form(app, pilot) -> RegistrationScreen:
    await wait_until(pilot, lambda: isinstance(app.screen, CaseloadScreen))
    await pilot.press("n")
    await wait_until(pilot, lambda: isinstance(app.screen, RegistrationScreen))
    return app.screen


async def test_an_empty_database_points_to_the_form(empty_db: Path) -> None:
    app = make_app(empty_db, today=TODAY, config=Config())
    async with app.run_test(size=SMALL) as pilot:
        await wait_until(pilot, lambda: isinstance(app.screen, CaseloadScreen))
        message = str(app.screen.query_one("#empty", Static).render())
        assert "Druk op n om een jongere aan te melden" in message
        footer_keys = {key for key, active in app.screen.active_bindings.items() if active.binding.show}
        assert "n" in footer_keys


async def test_register_by_keyboard_opens_the_new_young_person(empty_db: Path, needless_updates: list[str]) -> None:
    app = make_app(empty_db, today=TODAY, config=Config(coach="Eva"))
    async with app.run_test(size=SMALL) as pilot:
        screen = await open_form(app, pilot)
        assert app.focused is field(app, "first_name")
        assert field(app, "coach").value == "Eva"  # the settings' coach
        assert field(app, "registered_on").value == "14 maart 2026"
        await pilot.press(*"Sam", "tab", *"Jansen", "tab", "tab", *"12-3-2008")
        assert "12 maart 2008 · 18 jaar" in str(screen.query_one(f"#{widget_id('birth_date')}-echo", Static).render())
        await pilot.press("tab", *"06-12345678")
        assert field(app, "phone").value == "06-12345678"  # Tab order: top to bottom
        assert needless_updates == []  # typing redraws only the lines that change
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: youth_in_full(app))
        youth_id = app.screen.youth_id
        header = str(app.screen.query_one(YouthHeader).render())
        assert "Sam Jansen" in header and "Aanmelding" in header and "Eva" in header
    registration, case, _ = stored(empty_db, youth_id)
    assert registration is not None and case is not None
    assert (registration.first_name, registration.last_name, registration.birth_date) == (
        "Sam",
        "Jansen",
        date(2008, 3, 12),
    )
    assert (registration.phone, registration.coach, registration.registered_on) == ("06-12345678", "Eva", TODAY)
    assert case.phase == "aanmelding"


async def test_the_new_young_person_is_in_the_caseload_at_once(case_db: Path) -> None:
    app = make_app(case_db, today=TODAY, config=Config())
    async with app.run_test(size=SMALL) as pilot:
        screen = await open_form(app, pilot)
        field(app, "first_name").value = "Zoë"
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: youth_in_full(app))
        await pilot.press("escape")
        await wait_until(pilot, lambda: isinstance(app.screen, CaseloadScreen))
        caseload_screen = app.screen
        await wait_until(pilot, lambda: any(entry.name == "Zoë" for entry in caseload_screen.entries))
        entry = next(entry for entry in caseload_screen.entries if entry.name == "Zoë")
        assert entry.phase == "aanmelding" and entry.continuity == "ok"  # day one: on course
        assert screen.saved_id == entry.id


async def test_register_with_the_mouse_and_a_consent(empty_db: Path) -> None:
    app = make_app(empty_db, today=TODAY, config=Config())
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_form(app, pilot)
        await pilot.click(f"#{widget_id('first_name')}")
        await pilot.press(*"Noa")
        form = screen.query_one("#registration-form")
        consent_to = field(app, "consent_to")
        form.scroll_to_widget(consent_to, animate=False)
        await pilot.pause()
        await pilot.click(f"#{widget_id('consent_to')}")
        await pilot.press(*"Moeder")
        parts = screen.query_one(f"#{widget_id('consent_parts')}", SelectionList)
        parts.deselect("alles")
        parts.select("netwerk")
        parts.select("contacten")
        save = screen.query_one("#save")
        form.scroll_to_widget(save, animate=False)
        await pilot.pause()
        await pilot.click("#save")
        await wait_until(pilot, lambda: youth_in_full(app))
    [youth_id] = [1]
    registration, _case, consents = stored(empty_db, youth_id)
    assert registration is not None and registration.first_name == "Noa"
    assert [(c.given_to, c.parts, c.given_on) for c in consents] == [("Moeder", ("netwerk", "contacten"), TODAY)]


async def test_an_unusual_age_asks_klopt_dit_first(empty_db: Path) -> None:
    app = make_app(empty_db, today=TODAY, config=Config())
    async with app.run_test(size=SMALL) as pilot:
        await open_form(app, pilot)
        field(app, "first_name").value = "Sam"
        field(app, "birth_date").value = "1 januari 1980"
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: isinstance(app.screen, Confirm))
        assert "46 jaar" in str(app.screen.query_one("#confirm-question", Static).render())
        await pilot.press("n")  # no: back to the field, nothing saved
        await wait_until(pilot, lambda: isinstance(app.screen, RegistrationScreen))
        assert app.focused is field(app, "birth_date")
        assert youth_count(empty_db) == 0
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: isinstance(app.screen, Confirm))
        await pilot.press("j")
        await wait_until(pilot, lambda: youth_in_full(app))
    registration, _case, _ = stored(empty_db, 1)
    assert registration is not None and registration.birth_date == date(1980, 1, 1)


@pytest.mark.parametrize(
    ("name", "value", "words"),
    [
        ("first_name", "", "vul de voornaam in"),
        ("first_name", "Sam\x00", "stuurtekens"),
        ("birth_date", "31-2-2008", "bestaat niet"),
        ("birth_date", "over een week", "toekomst"),
        ("email", "sam@", "e-mailadres"),
        ("phone", "x" * 1_000_000, "te lang"),
        ("city", "Zwolle\x1b", "stuurtekens"),
        ("registered_on", "30-2", "bestaat niet"),
        ("coach", "y" * 200, "te lang"),
    ],
    ids=lambda value: value[:20] if isinstance(value, str) else None,
)
async def test_bad_input_is_shown_at_its_field_and_nothing_is_saved(
    empty_db: Path, name: str, value: str, words: str
) -> None:
    app = make_app(empty_db, today=TODAY, config=Config())
    async with app.run_test(size=SMALL) as pilot:
        screen = await open_form(app, pilot)
        if name != "first_name":
            field(app, "first_name").value = "Sam"
        field(app, "street").value = "Dorpsstraat 1"  # typed elsewhere: kept on a failed save
        field(app, name).value = value
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: words in error_text(app, name))
        assert app.screen is screen
        assert app.focused is field(app, name)  # the first field in error
        assert field(app, "street").value == "Dorpsstraat 1"
    assert youth_count(empty_db) == 0


async def test_esc_asks_before_throwing_typed_input_away(empty_db: Path) -> None:
    app = make_app(empty_db, today=TODAY, config=Config())
    async with app.run_test(size=SMALL) as pilot:
        await open_form(app, pilot)
        await pilot.press("escape")  # nothing typed: straight back
        await wait_until(pilot, lambda: isinstance(app.screen, CaseloadScreen))
        await open_form(app, pilot)
        await pilot.press(*"Sam")
        await pilot.press("escape")
        await wait_until(pilot, lambda: isinstance(app.screen, Confirm))
        await pilot.press("n")
        await wait_until(pilot, lambda: isinstance(app.screen, RegistrationScreen))
        assert field(app, "first_name").value == "Sam"
        await pilot.press("escape")
        await wait_until(pilot, lambda: isinstance(app.screen, Confirm))
        await pilot.press("j")
        await wait_until(pilot, lambda: isinstance(app.screen, CaseloadScreen))
    assert youth_count(empty_db) == 0


async def test_q_in_the_form_is_a_letter(empty_db: Path) -> None:
    app = make_app(empty_db, today=TODAY, config=Config())
    async with app.run_test(size=SMALL) as pilot:
        await open_form(app, pilot)
        await pilot.press(*"Quirijn")
        assert field(app, "first_name").value == "Quirijn"
        assert isinstance(app.screen, RegistrationScreen)


async def test_the_command_palette_opens_the_form(case_db: Path) -> None:
    app = make_app(case_db, today=TODAY, config=Config())
    async with app.run_test(size=SMALL) as pilot:
        await wait_until(pilot, lambda: isinstance(app.screen, CaseloadScreen))
        await pilot.press("ctrl+p")
        await wait_until(pilot, lambda: isinstance(app.screen, CommandPalette))
        await pilot.press(*"nieuwe jongere")
        palette_list = app.screen.query_one(CommandList)
        await wait_until(
            pilot,
            lambda: (
                palette_list.option_count > 0
                and "Nieuwe jongere aanmelden" in str(palette_list.get_option_at_index(0).prompt)
            ),
        )
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(app.screen, RegistrationScreen))
        assert app.screen.query_one("#registration-form") is not None


async def test_the_form_fits_80_columns(empty_db: Path) -> None:
    app = make_app(empty_db, today=TODAY, config=Config())
    async with app.run_test(size=SMALL) as pilot:
        screen = await open_form(app, pilot)
        form = screen.query_one("#registration-form")
        assert form.max_scroll_x == 0
        assert form.max_scroll_y > 0  # a long form: it scrolls
        for widget in screen.query("Input, TextArea, SelectionList"):
            assert widget.region.right <= 80 or not widget.region.width
        # Tab walks the whole form top to bottom, to the coach and the consent.
        for _ in range(15):
            await pilot.press("tab")
        assert app.focused is field(app, "coach")
        assert form.scroll_y > 0 and app.focused.region.y < 24


# --- changing details ----------------------------------------------------------------------------


async def open_details(app, pilot, youth_id: int = 1) -> RegistrationScreen:
    await wait_until(pilot, lambda: isinstance(app.screen, CaseloadScreen))
    app.open_youth(youth_id)
    await wait_until(pilot, lambda: youth_in_full(app))
    await pilot.press("g")
    await wait_until(pilot, lambda: isinstance(app.screen, RegistrationScreen))
    return app.screen


async def test_details_filled_in_changed_and_kept_as_revisions(case_db: Path) -> None:
    app = make_app(case_db, today=TODAY, config=Config())
    async with app.run_test(size=SMALL) as pilot:
        screen = await open_details(app, pilot)
        assert screen.editing
        assert field(app, "first_name").value == "Noor"
        assert field(app, "birth_date").value == "2 juni 2007"
        assert field(app, "coach").value == "Eva"
        field(app, "coach").value = "Bram"
        field(app, "city").value = "Deventer"
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: youth_in_full(app))
        youth = app.screen
        await wait_until(pilot, lambda: "daarvoor Eva" in str(youth.query_one(YouthHeader).render()))
        header = str(youth.query_one(YouthHeader).render())
        assert "vaste coach: Bram sinds 14 mrt; daarvoor Eva" in header
        # Opened again: the earlier coach shows under the field.
        await pilot.press("g")
        await wait_until(pilot, lambda: isinstance(app.screen, RegistrationScreen))
        history = app.screen.query_one(f"#{widget_id('coach')}-history", Static)
        assert "eerder: Eva" in str(history.render())
    db = open_db(case_db)
    try:
        registration = load_registration(db, 1)
        assert registration is not None and (registration.coach, registration.city) == ("Bram", "Deventer")
        assert [(r.field, r.text) for r in detail_history(db, 1, "coach")] == [("coach", "Eva")]
        [change] = coach_changes_of(db, 1)
        assert (change.changed_on, change.from_coach, change.to_coach) == (TODAY, "Eva", "Bram")
        entry = caseload_entry(db, 1, TODAY)
        assert entry is not None and entry.coach_changed_on == TODAY
    finally:
        db.close()


async def test_details_bad_input_writes_nothing(case_db: Path) -> None:
    app = make_app(case_db, today=TODAY, config=Config())
    async with app.run_test(size=SMALL) as pilot:
        await open_details(app, pilot)
        field(app, "first_name").value = ""
        field(app, "city").value = "Deventer"
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: "voornaam" in error_text(app, "first_name"))
        assert app.focused is field(app, "first_name")
        await pilot.press("escape")  # typed: asks
        await wait_until(pilot, lambda: isinstance(app.screen, Confirm))
        await pilot.press("j")
        await wait_until(pilot, lambda: youth_in_full(app))
    registration, _case, _ = stored(case_db, 1)
    assert registration is not None and (registration.first_name, registration.city) == ("Noor", None)


async def test_a_new_consent_from_the_details_and_nothing_changed(case_db: Path, notices) -> None:
    app = make_app(case_db, today=TODAY, config=Config())
    async with app.run_test(size=SMALL) as pilot:
        await open_details(app, pilot)
        await pilot.press("ctrl+s")  # nothing changed
        await wait_until(pilot, lambda: youth_in_full(app))
        assert notices.any_with("niets veranderd")
        await pilot.press("g")
        await wait_until(pilot, lambda: isinstance(app.screen, RegistrationScreen))
        field(app, "consent_to").value = "School"
        field(app, "consent_on").value = "gisteren"
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: youth_in_full(app))
        await pilot.press("g")
        await wait_until(pilot, lambda: isinstance(app.screen, RegistrationScreen))
        assert "✓ School: alles, sinds" in str(app.screen.query_one("#reg-consents", Static).render())
    _registration, _case, consents = stored(case_db, 1)
    assert [(c.given_to, c.given_on) for c in consents] == [("School", date(2026, 3, 13))]


async def test_the_reason_field_takes_several_lines(empty_db: Path) -> None:
    app = make_app(empty_db, today=TODAY, config=Config())
    async with app.run_test(size=SMALL) as pilot:
        screen = await open_form(app, pilot)
        field(app, "first_name").value = "Sam"
        screen.query_one(f"#{widget_id('referral_reason')}", TextArea).text = "Schooluitval.\nThuis onrust."
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: youth_in_full(app))
    registration, _case, _ = stored(empty_db, 1)
    assert registration is not None and registration.referral_reason == "Schooluitval.\nThuis onrust."


# --- the caseload shows a new coach -----------------------------------------------------------------


def test_new_coach_mark_for_six_weeks() -> None:
    rhythm = next(column for column in CASELOAD_COLUMNS if column.key == "rhythm")
    for status in ("ok", "let_op", "te_lang", None):
        entry = CaseloadEntry(1, "Noor", "begeleiding", None, 3, status, None, 0, 0, coach_changed_on=TODAY)
        for compact in (True, False):
            cell = rhythm.cell(entry, CellContext(TODAY, compact, {}))
            text = "".join(piece for piece, _style in cell)
            assert "⇄" in text and len(text) <= rhythm.width_for(compact), text
            if status is not None:
                assert CONTINUITY_LABELS[status] in text  # the rhythm still in words
    assert new_coach(entry, date(2026, 4, 24)) and not new_coach(entry, date(2026, 4, 25))
    plain = CaseloadEntry(1, "Noor", "begeleiding", None, 3, "ok", None, 0, 0)
    assert "⇄" not in "".join(piece for piece, _ in rhythm.cell(plain, CellContext(TODAY, True, {})))


def test_a_first_coach_is_no_change_of_coach(empty_db: Path) -> None:
    from coach.domain.registration import Registration
    from coach.store.registration import register_youth, update_details

    db = open_db(empty_db)
    try:
        youth_id = register_youth(db, Registration("Sam", TODAY), today=TODAY)
        update_details(db, youth_id, {"coach": "Eva"}, today=TODAY)
        assert caseload(db, TODAY)[0].coach_changed_on is None
        update_details(db, youth_id, {"coach": "Bram"}, today=TODAY)
        assert caseload(db, TODAY)[0].coach_changed_on == TODAY
    finally:
        db.close()


async def test_chosen_consent_parts_are_marked_without_colour(empty_db: Path) -> None:
    app = make_app(empty_db, today=TODAY, config=Config())
    async with app.run_test(size=SMALL) as pilot:
        screen = await open_form(app, pilot)
        parts = screen.query_one(f"#{widget_id('consent_parts')}", SelectionList)
        assert str(parts.get_option_at_index(5).prompt) == "✓ Alles"
        assert str(parts.get_option_at_index(2).prompt) == "  Netwerk"
        parts.focus()
        parts.highlighted = 2
        await pilot.press("space")
        await wait_until(pilot, lambda: str(parts.get_option_at_index(2).prompt) == "✓ Netwerk")
        assert set(parts.selected) == {"netwerk", "alles"}


async def test_another_program_writing_keeps_the_form_and_saves_later(
    empty_db: Path, monkeypatch: pytest.MonkeyPatch, notices
) -> None:
    monkeypatch.setattr(store_db, "BUSY_TIMEOUT_MS", 100)  # a held lock is reported at once
    other = connect(empty_db)
    app = make_app(empty_db, today=TODAY, config=Config())
    try:
        async with app.run_test(size=SMALL) as pilot:
            await open_form(app, pilot)
            await pilot.press(*"Sam")
            other.execute("BEGIN IMMEDIATE")
            try:
                await pilot.press("ctrl+s")
                await wait_until(pilot, lambda: notices.any_with("in gebruik"))
                assert isinstance(app.screen, RegistrationScreen) and field(app, "first_name").value == "Sam"
            finally:
                other.rollback()
            await pilot.press("ctrl+s")
            await wait_until(pilot, lambda: youth_in_full(app))
    finally:
        other.close()
    assert youth_count(empty_db) == 1


async def test_the_back_button_by_mouse_asks_first(empty_db: Path) -> None:
    app = make_app(empty_db, today=TODAY, config=Config(coach="Eva"))
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_form(app, pilot)
        await pilot.press(*"Sam")
        back = screen.query_one("#back")
        screen.query_one("#registration-form").scroll_to_widget(back, animate=False)
        await pilot.pause()
        await pilot.click("#back")
        await wait_until(pilot, lambda: isinstance(app.screen, Confirm))
        await pilot.click("#yes")
        await wait_until(pilot, lambda: isinstance(app.screen, CaseloadScreen))
    assert youth_count(empty_db) == 0


def test_details_and_a_consent_are_saved_together_or_not_at_all(case_db: Path) -> None:
    db = open_db(case_db)
    try:
        with pytest.raises(RegistrationError) as caught:
            save_details(db, 1, {"city": "Deventer"}, today=TODAY, consent=ConsentInput("  ", TODAY))
        assert "consent.given_to" in caught.value.errors
        registration = load_registration(db, 1)
        assert registration is not None and registration.city is None
        assert consents_of(db, 1) == [] and detail_history(db, 1) == []
        assert save_details(db, 1, {"city": "Deventer"}, today=TODAY, consent=ConsentInput("Moeder", TODAY)) == (
            "city",
        )
        assert [c.given_to for c in consents_of(db, 1)] == ["Moeder"]
    finally:
        db.close()


@pytest.mark.parametrize("demo", [True, False])
async def test_the_demo_says_where_a_real_young_person_belongs(case_db: Path, demo: bool) -> None:
    app = make_app(case_db, today=TODAY, config=Config(), demo=demo)
    async with app.run_test(size=SMALL) as pilot:
        await open_form(app, pilot)
        notices = app.screen.query("#registration-demo")
        assert len(notices) == (1 if demo else 0)
        if demo:
            shown = str(notices.first(Static).render())
            assert "demo" in shown and "echte jongere" in shown and "versleutelde database" in shown
            assert notices.first().region.height >= 2  # whole at 80 columns: it wraps, nothing cut off
        await pilot.press("escape")
        await wait_until(pilot, lambda: isinstance(app.screen, CaseloadScreen))
        # Changing a (fictional) young person's details in the demo: nothing to warn about.
        await open_details(app, pilot)
        assert not app.screen.query("#registration-demo")
