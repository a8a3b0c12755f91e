"""The network, mapped: the picture on the youth screen, the network screen, and its forms (keys and mouse)."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest
from db_digest import digest_of_file
from helpers import wait_until, youth_in_full
from textual.widgets import Button, Input, Select, Static

from coach.domain.network import NetworkMember
from coach.store.db import open_db
from coach.store.network import add_person, network_of, remove_person
from coach.tui.app import make_app
from coach.tui.dialogs.confirm import Confirm
from coach.tui.dialogs.network_person import PersonForm
from coach.tui.dialogs.network_remove import RemovePerson
from coach.tui.screens.network import NetworkScreen
from coach.tui.widgets.network_list import NetworkList, PersonCard, columns_of, person_lines, summary

NOOR = 1  # the fixture's Noor: oma Riet and jobcoach Karim Aydin (Werkplein)


def people(path: Path, youth_id: int = NOOR) -> list[NetworkMember]:
    db = open_db(path)
    try:
        return network_of(db, youth_id)
    finally:
        db.close()


def card_texts(screen) -> list[str]:
    return [card.text for card in screen.query(PersonCard)]


async def open_network(pilot, youth_id: int = NOOR) -> NetworkScreen:
    app = pilot.app
    app.open_youth(youth_id)
    await wait_until(pilot, lambda: youth_in_full(app))
    await pilot.press("n")
    await wait_until(pilot, lambda: isinstance(app.screen, NetworkScreen))
    return app.screen


async def open_form(pilot, key: str = "a") -> PersonForm:
    await pilot.press(key)
    await wait_until(pilot, lambda: isinstance(pilot.app.screen, PersonForm))
    return pilot.app.screen


# --- the picture (pure parts) --------------------------------------------------------------------


def test_a_person_reads_without_colour() -> None:
    ria = NetworkMember("Ria", "moeder", "informeel", seen_as="steun", may_contact=True, phone="06-11112222")
    kees = NetworkMember("Kees", "vader", "informeel", seen_as="lastig", may_contact=False, phone="06-33334444")
    petra = NetworkMember("Petra", "hulpverlener", "professioneel", organisation="Wijkteam", role="woonbegeleider")
    assert ria.seen_as_mark == "+ steun" and kees.seen_as_mark == "− lastig"
    assert person_lines(ria, compact=True).plain == "Ria · moeder · mag benaderd worden · 06-11112222"
    # Who may not be contacted says so, and their number is not offered.
    assert person_lines(kees, compact=True).plain == "Kees · vader · niet benaderen"
    assert person_lines(petra, compact=True).plain == "Petra · woonbegeleider"
    assert person_lines(petra, compact=False).plain == (
        "Petra · hulpverlener (woonbegeleider), Wijkteam\nbenaderen: niet gevraagd"
    )
    assert summary([ria, kees, petra]) == "3 mensen · + steun 1 · − lastig 1"


def test_groups_are_split_into_columns_in_order_and_evenly() -> None:
    def members(n: int) -> list[NetworkMember]:
        return [NetworkMember(f"p{i}", "vriend", "informeel") for i in range(n)]

    groups = [("thuis", members(2)), ("familie", members(1)), ("vrienden", members(1)), ("hulpverlening", members(4))]
    two = columns_of(groups, 2, 1)
    assert [[g for g, _ in column] for column in two] == [["thuis", "familie"], ["vrienden", "hulpverlening"]]
    assert [[g for g, _ in c] for c in columns_of(groups, 5, 1)] == [
        ["thuis"],
        ["familie"],
        ["vrienden"],
        ["hulpverlening"],
    ]
    assert columns_of(groups, 1, 1) == [groups]


# --- the youth screen -------------------------------------------------------------------------------


async def test_the_youth_screen_names_the_key_and_draws_the_groups(case_db: Path, today) -> None:
    db = open_db(case_db)
    add_person(db, NOOR, NetworkMember("Kees", "vader", "informeel", seen_as="lastig", may_contact=False))
    db.close()
    app = make_app(case_db, today=today)
    async with app.run_test(size=(80, 24)) as pilot:
        app.open_youth(NOOR)
        await wait_until(pilot, lambda: youth_in_full(app))
        await wait_until(pilot, lambda: any(card_texts(app.screen)))  # the cards have drawn their text
        section = app.screen.query_one("#network-section")
        assert "n: toevoegen of wijzigen" in str(section.query_one(".section-title", Static).render())
        network = app.screen.query_one(NetworkList)
        titles = [box.border_title for box in network.query(".group-box")]
        assert titles == ["Thuis (1)", "Familie (1)", "Hulpverlening (1)"]
        assert "− lastig Kees · vader · niet benaderen" in card_texts(app.screen)
        # Two columns at 80: the boxes sit side by side and stay inside the screen.
        columns = network.query(".network-column")
        assert len(columns) == 2
        assert all(box.region.right <= 80 for box in network.query(".group-box"))


async def test_an_empty_network_says_so_and_n_still_opens_it(case_db: Path, today) -> None:
    app = make_app(case_db, today=today)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_network(pilot, youth_id=2)  # Daan has nobody yet
        assert "Nog niemand in het netwerk" in str(screen.query_one(NetworkList).query_one(Static).render())
        assert app.focused is screen.query_one("#add", Button)


# --- adding, with keys and with the mouse -------------------------------------------------------------


async def test_add_someone_with_the_keyboard(case_db: Path, today, needless_updates: list[str]) -> None:
    app = make_app(case_db, today=today)
    async with app.run_test(size=(80, 24)) as pilot:
        network = await open_network(pilot)
        buttons = list(network.query(Button))
        form = await open_form(pilot)
        assert app.focused is form.query_one("#name", Input)
        await pilot.press(*"Ria de Boer", "tab", *"moe", "right")  # the suggestion completes 'moeder'
        assert form.query_one("#relation", Input).value == "moeder"
        assert "Thuis" in str(form.query_one("#relation-echo", Static).render())
        for _ in range(5):  # the relation list, kind, organisation, role, phone
            await pilot.press("tab")
        assert app.focused is form.query_one("#phone", Input)
        await pilot.press(*"06-12345678", "tab", *"ria@boer.nl", "tab")
        assert app.focused is form.query_one("#seen-as", Select)
        await pilot.press("enter", "home", "enter")  # the first choice: + steun
        await wait_until(pilot, lambda: form.query_one("#seen-as", Select).value == "steun")
        await pilot.press("tab", "enter", "home", "enter")  # ja, mag benaderd worden
        await wait_until(pilot, lambda: form.query_one("#may-contact", Select).value == "ja")
        assert needless_updates == []  # typing redraws only the lines that change
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: isinstance(app.screen, NetworkScreen))
        added = people(case_db)[-1]
        assert (added.name, added.relation, added.kind, added.group) == ("Ria de Boer", "moeder", "informeel", "thuis")
        assert (added.phone, added.email, added.seen_as, added.may_contact) == (
            "06-12345678",
            "ria@boer.nl",
            "steun",
            True,
        )
        await wait_until(pilot, lambda: any("Ria de Boer" in text for text in card_texts(app.screen)))
        assert list(network.query(Button)) == buttons  # only the people are drawn anew
        # The newest person has the focus; the card reads as symbol, word and contact.
        assert isinstance(app.focused, PersonCard) and app.focused.member.id == added.id
        assert "+ steun Ria de Boer · moeder" in app.focused.text
        assert "mag benaderd worden · 06-12345678" in app.focused.text
        await pilot.press("escape")
        await wait_until(pilot, lambda: youth_in_full(app))
        await wait_until(pilot, lambda: any("Ria de Boer" in text for text in card_texts(app.screen)))


async def test_add_someone_with_the_mouse(case_db: Path, today) -> None:
    app = make_app(case_db, today=today)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_network(pilot)
        await pilot.click("#add")
        await wait_until(pilot, lambda: isinstance(app.screen, PersonForm))
        form = app.screen
        form.query_one("#name", Input).value = "Petra Zwart"
        await pilot.click("#relation-pick")
        form.query_one("#relation-pick", Select).value = "wijkteam"
        await pilot.pause()
        # A relation from the list sets the kind; the role makes the generic relation precise.
        assert form.query_one("#relation", Input).value == "wijkteam"
        assert form.query_one("#kind", Select).value == "professioneel"
        form.query_one("#role", Input).value = "woonbegeleider"
        await pilot.click("#save")
        await wait_until(pilot, lambda: isinstance(app.screen, NetworkScreen))
        added = people(case_db)[-1]
        assert (added.name, added.relation, added.kind, added.role) == (
            "Petra Zwart",
            "wijkteam",
            "professioneel",
            "woonbegeleider",
        )
        assert added.seen_as is None and added.may_contact is None


# --- changing -----------------------------------------------------------------------------------------


async def test_change_someone_with_enter_and_with_a_click(case_db: Path, today) -> None:
    app = make_app(case_db, today=today)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_network(pilot)
        riet, karim = people(case_db)
        assert isinstance(app.focused, PersonCard) and app.focused.member.id == riet.id
        form = await open_form(pilot, "enter")
        assert form.query_one("#name", Input).value == "Riet"
        form.query_one("#seen-as", Select).value = "wisselend"
        form.query_one("#may-contact", Select).value = "nee"
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: isinstance(app.screen, NetworkScreen))
        changed = people(case_db)[0]
        assert (changed.seen_as, changed.may_contact) == ("wisselend", False)
        await wait_until(pilot, lambda: any("± wisselend Riet" in text for text in card_texts(app.screen)))
        # The mouse: a click on Karim's card opens his form.
        await pilot.click(f"#person-{karim.id}")
        await wait_until(pilot, lambda: isinstance(app.screen, PersonForm))
        assert app.screen.query_one("#name", Input).value == "Karim Aydin"
        app.screen.query_one("#phone", Input).value = "06-98765432"
        await pilot.click("#save")
        await wait_until(pilot, lambda: isinstance(app.screen, NetworkScreen))
        assert people(case_db)[1].phone == "06-98765432"
        assert screen.changed


# --- wrong input ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("field", "value", "says"),
    [
        ("name", "", "Naam: vul een naam in"),
        ("name", "   ", "Naam: vul een naam in"),
        ("name", "Ria\x1b[31m", "stuurtekens"),
        ("name", "x" * 1_000_000, "te lang"),
        ("relation", "", "Relatie: vul in wie dit is"),
        ("relation", "oom\x00", "stuurtekens"),
        ("organisation", "o" * 1_000_000, "Organisatie: te lang"),
        ("role", "\x07", "stuurtekens"),
        ("phone", "bel maar", "Telefoon:"),
        ("phone", "12", "Telefoon:"),
        ("email", "ria-at-home", "E-mail:"),
        ("note", "n" * 1_000_001, "Notitie: te lang"),
    ],
)
async def test_wrong_input_is_shown_at_the_field_and_writes_nothing(
    case_db: Path, today, field: str, value: str, says: str
) -> None:
    app = make_app(case_db, today=today)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_network(pilot)
        form = await open_form(pilot)
        form.query_one("#name", Input).value = "Ria"
        form.query_one("#relation", Input).value = "moeder"
        form.query_one(f"#{field}", Input).value = value
        await pilot.pause()  # the fields' Changed messages first, as when typing
        before = digest_of_file(case_db)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, PersonForm)
        error = form.query_one(f"#{field}-error", Static)
        assert says in str(error.render())
        assert error.has_class("-shown")
        assert app.focused is form.query_one(f"#{field}", Input)
        assert digest_of_file(case_db) == before
        # Typing in the field takes the message away; a good value saves.
        form.query_one(f"#{field}", Input).value = {"name": "Ria", "relation": "moeder"}.get(field, "")
        await pilot.pause()
        assert not error.has_class("-shown")
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: isinstance(app.screen, NetworkScreen))
        assert [p.name for p in people(case_db)][-1] == "Ria"


async def test_focus_goes_to_the_first_field_in_error(case_db: Path, today) -> None:
    app = make_app(case_db, today=today)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_network(pilot)
        form = await open_form(pilot)
        form.query_one("#email", Input).value = "nee"
        form.query_one("#phone", Input).value = "nee"
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
        shown = [w.id for w in form.query(".field-error") if w.has_class("-shown")]
        assert shown == ["name-error", "relation-error", "phone-error", "email-error"]
        assert app.focused is form.query_one("#name", Input)


# --- leaving ---------------------------------------------------------------------------------------------


async def test_escape_asks_before_throwing_typed_input_away(case_db: Path, today) -> None:
    app = make_app(case_db, today=today)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_network(pilot)
        before = digest_of_file(case_db)
        form = await open_form(pilot)
        await pilot.press("escape")  # nothing typed: leaves at once
        await wait_until(pilot, lambda: isinstance(app.screen, NetworkScreen))
        form = await open_form(pilot)
        await pilot.press(*"Ria")
        await pilot.press("escape")
        await wait_until(pilot, lambda: isinstance(app.screen, Confirm))
        await pilot.press("n")
        await wait_until(pilot, lambda: app.screen is form)
        assert form.query_one("#name", Input).value == "Ria"
        await pilot.press("escape")
        await wait_until(pilot, lambda: isinstance(app.screen, Confirm))
        await pilot.press("j")
        await wait_until(pilot, lambda: isinstance(app.screen, NetworkScreen))
        assert digest_of_file(case_db) == before
        assert not app.screen.changed


# --- removing ---------------------------------------------------------------------------------------------


def removal_reasons(path: Path) -> list[str]:
    db = open_db(path)
    try:
        return [row[0] for row in db.execute("SELECT reason FROM removals WHERE table_name = 'network'")]
    finally:
        db.close()


async def test_remove_someone_with_the_keyboard_asks_a_reason(case_db: Path, today) -> None:
    app = make_app(case_db, today=today)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_network(pilot)
        riet, karim = people(case_db)
        await pilot.press("down")  # from Riet to Karim
        assert isinstance(app.focused, PersonCard) and app.focused.member.id == karim.id
        await pilot.press("x")
        await wait_until(pilot, lambda: isinstance(app.screen, RemovePerson))
        dialog = app.screen
        before = digest_of_file(case_db)
        await pilot.press("enter")  # no reason yet
        assert "Reden" in str(dialog.query_one("#reason-error", Static).render())
        assert digest_of_file(case_db) == before
        dialog.query_one("#reason", Input).value = "Baan\x07"
        await pilot.pause()
        await pilot.press("enter")
        assert "stuurtekens" in str(dialog.query_one("#reason-error", Static).render())
        assert digest_of_file(case_db) == before
        dialog.query_one("#reason", Input).value = "Traject bij Werkplein afgerond"
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(app.screen, NetworkScreen))
        assert [p.id for p in people(case_db)] == [riet.id]
        assert removal_reasons(case_db) == ["Traject bij Werkplein afgerond"]
        await wait_until(pilot, lambda: not any("Karim" in text for text in card_texts(app.screen)))
        await pilot.press("escape")
        await wait_until(pilot, lambda: youth_in_full(app))
        await wait_until(pilot, lambda: card_texts(app.screen) == ["Riet · oma"])


async def test_remove_someone_with_the_mouse_from_the_form(case_db: Path, today) -> None:
    app = make_app(case_db, today=today)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_network(pilot)
        riet, _karim = people(case_db)
        await pilot.click(f"#person-{riet.id}")
        await wait_until(pilot, lambda: isinstance(app.screen, PersonForm))
        await pilot.click("#remove")
        await wait_until(pilot, lambda: isinstance(app.screen, RemovePerson))
        await pilot.click("#no")  # changed her mind
        await wait_until(pilot, lambda: isinstance(app.screen, NetworkScreen))
        assert len(people(case_db)) == 2
        await pilot.press("x")
        await wait_until(pilot, lambda: isinstance(app.screen, RemovePerson))
        app.screen.query_one("#reason", Input).value = "Overleden"
        await pilot.click("#yes")
        await wait_until(pilot, lambda: isinstance(app.screen, NetworkScreen))
        assert [p.name for p in people(case_db)] == ["Karim Aydin"]
        assert removal_reasons(case_db) == ["Overleden"]


# --- the picture at two sizes -------------------------------------------------------------------------------


@pytest.mark.parametrize(("size", "columns"), [((80, 24), 2), ((120, 40), 3)])
async def test_the_picture_uses_the_width_it_has(case_db: Path, today, size: tuple[int, int], columns: int) -> None:
    db = open_db(case_db)
    for member in (
        NetworkMember("Ria", "moeder", "informeel", seen_as="steun"),
        NetworkMember("Ahmed", "buurman", "informeel"),
        NetworkMember("Mw. Jansen", "mentor", "professioneel", organisation="ROC"),
    ):
        add_person(db, NOOR, member)
    db.close()
    app = make_app(case_db, today=today)
    async with app.run_test(size=size) as pilot:
        screen = await open_network(pilot)
        network = screen.query_one(NetworkList)
        await wait_until(pilot, lambda: len(network.query(".network-column")) == columns)
        boxes = list(network.query(".group-box"))
        assert [box.border_title for box in boxes] == [
            "Thuis (1)",
            "Familie (1)",
            "Vrienden (1)",
            "School en werk (1)",
            "Hulpverlening (1)",
        ]
        assert all(box.region.right <= size[0] for box in boxes)
        assert "Nog niemand bij" not in " ".join(str(s.render()) for s in network.query(Static))


# --- another program at the same database ---------------------------------------------------------------------


async def test_a_busy_database_keeps_the_form_and_saves_once_free(
    case_db: Path, today, notices, monkeypatch: pytest.MonkeyPatch
) -> None:
    from coach.store import db as store_db

    monkeypatch.setattr(store_db, "BUSY_TIMEOUT_MS", 100)
    # The store's own driver: two SQLite libraries in one process would not see each other's locks.
    other = store_db.connect(case_db)
    app = make_app(case_db, today=today)
    try:
        async with app.run_test(size=(80, 24)) as pilot:
            await open_network(pilot)
            form = await open_form(pilot)
            await pilot.press(*"Ria", "tab", *"moeder")
            before = digest_of_file(case_db)
            other.execute("BEGIN IMMEDIATE")  # another coach app is writing
            await pilot.press("ctrl+s")
            await wait_until(pilot, lambda: any("Wat je typte staat er nog" in n for n in notices))
            assert app.screen is form and form.query_one("#name", Input).value == "Ria"
            other.rollback()
            assert digest_of_file(case_db) == before
            await pilot.press("ctrl+s")
            await wait_until(pilot, lambda: isinstance(app.screen, NetworkScreen))
        assert [p.name for p in people(case_db)][-1] == "Ria"
    finally:
        other.close()


async def test_someone_removed_elsewhere_is_said_plainly(case_db: Path, today, notices) -> None:
    app = make_app(case_db, today=today)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_network(pilot)
        riet, _karim = people(case_db)
        form = await open_form(pilot, "enter")
        db = open_db(case_db)
        remove_person(db, riet.id, "dubbel", now=datetime(2026, 3, 14, 9, 0))
        db.close()
        form.query_one("#phone", Input).value = "06-12121212"
        await pilot.pause()
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: any("staat niet (meer) in het netwerk" in n for n in notices))
        assert app.screen is form
        assert [p.name for p in people(case_db)] == ["Karim Aydin"]


async def test_a_click_on_the_youth_screens_picture_opens_the_network(case_db: Path, today) -> None:
    app = make_app(case_db, today=today)
    async with app.run_test(size=(80, 24)) as pilot:
        app.open_youth(NOOR)
        await wait_until(pilot, lambda: youth_in_full(app))
        network = app.screen.query_one(NetworkList)
        network.scroll_visible(animate=False)
        await wait_until(pilot, lambda: network.region.height > 0 and 0 < network.region.y < app.size.height - 2)
        await pilot.click(NetworkList)
        await wait_until(pilot, lambda: isinstance(app.screen, NetworkScreen))
        assert app.screen.youth_id == NOOR


async def test_q_in_the_form_does_not_stop_the_app(case_db: Path, today) -> None:
    app = make_app(case_db, today=today)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_network(pilot)
        form = await open_form(pilot)
        await pilot.press(*"Riq")
        form.query_one("#kind", Select).focus()
        await pilot.press("q")
        await pilot.pause()
        assert app.screen is form and form.query_one("#name", Input).value == "Riq"


def test_the_network_screens_help_section_exists() -> None:
    from coach.content.guides import headings

    guide, slug = NetworkScreen.HELP_TARGET
    text = (Path(__file__).resolve().parents[1] / "guides" / guide).read_text(encoding="utf-8")
    assert slug in {s for _level, _title, s in headings(text)}
