"""Preparing the next visit: what it shows, and that what is typed becomes the visit's contact note."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from pathlib import Path

import pytest
from db_digest import digest
from helpers import make_case, wait_until, youth_in_full

from coach.content.prompts import load_content
from coach.conversation.engine import Conversation
from coach.conversation.visit import heading_domains, prepare_visit, warm_opener
from coach.domain.intake import NVT, Intake
from coach.domain.model import Agreement, Assessment, Case, Contact, WarmStoryItem, Youth
from coach.store.cases import load_case
from coach.store.db import open_db
from coach.store.visits import talked_about
from coach.tui.app import make_app
from coach.tui.dialogs.visit_complete import VisitCompleteDialog
from coach.tui.dialogs.visit_end import VisitEndDialog
from coach.tui.screens.visit_prep import VisitPrepScreen
from coach.tui.screens.youth import YouthScreen
from coach.tui.widgets.field_area import FieldArea
from coach.tui.widgets.suggestion_bar import SuggestionBar

NOW = datetime(2026, 3, 14, 10, 0)
NOOR, DAAN = 1, 2


@pytest.fixture(scope="module")
def conversation():
    return Conversation(load_content())


def a_case() -> Case:
    return make_case(
        "Sanne",
        id=9,
        warm_story=[
            WarmStoryItem("droom", "Eigen kapsalon", id=1, own_words=True, recorded_on=date(2026, 1, 5)),
            WarmStoryItem("trots", "Haar zusje geholpen", id=2, recorded_on=date(2026, 1, 6)),
        ],
        assessments=[
            Assessment(date(2026, 3, 1), "financien", score=2),
            Assessment(date(2025, 12, 1), "huisvesting", score=3),
        ],
        contacts=[
            Contact(
                datetime(2026, 3, 1, 14, 0),
                "huisbezoek",
                "plaatsgevonden",
                id=1,
                note="Over geld gepraat.\nDe deurwaarder komt volgende week.\nZe gaat de brieven sorteren.",
            ),
            Contact(
                datetime(2026, 3, 10, 9, 0),
                "telefoon",
                "plaatsgevonden",
                id=2,
                note="Kort gebeld. Haar moeder is ziek.",
            ),
            Contact(datetime(2026, 3, 20, 9, 0), "huisbezoek", "gepland", id=3),
        ],
        agreements=[
            Agreement(date(2026, 3, 1), "Brieven sorteren", "jongere", "open", id=1, due=date(2026, 3, 12)),
            Agreement(date(2026, 3, 1), "Bellen met de bank", "coach", "gedaan", id=2),
        ],
    )


def test_prep_gathers_what_to_pick_up(conversation):
    prep = prepare_visit(conversation, a_case(), None, {}, NOW)
    assert prep.last_contact.id == 2  # the latest that took place, not the planned one
    assert prep.ending == "Kort gebeld. Haar moeder is ziek."
    assert [a.text for a in prep.agreements] == ["Brieven sorteren"]
    signals = {item.signal.domain: item for item in prep.signals}
    # 'deurwaarder' was written on 1 March, the day money was scored: followed up. 'ziek' and 'moeder' were not.
    assert "financien" not in signals
    assert {"lichamelijke_gezondheid", "huiselijke_relaties"} <= set(signals)
    assert signals["lichamelijke_gezondheid"].on == date(2026, 3, 10)
    stale = {s.domain: s for s in prep.stale}
    assert "financien" not in stale  # talked about two weeks ago
    assert stale["huisvesting"].days == 103
    assert stale["justitie"].last is None
    assert [s.last is None for s in prep.stale] == sorted([s.last is None for s in prep.stale], reverse=True)


def test_contact_domains_and_an_intake_count_as_talked_about(conversation):
    intake = Intake(id=1, youth_id=9, started_on=date(2026, 3, 12))
    intake.domains["lichamelijke_gezondheid"].notes = "Moeder ziek, zelf gezond"
    intake.domains["lichamelijke_gezondheid"].touched_on = date(2026, 3, 12)
    intake.domains["justitie"].skip = NVT
    prep = prepare_visit(conversation, a_case(), intake, {"huiselijke_relaties": date(2026, 3, 13)}, NOW)
    domains = {item.signal.domain for item in prep.signals}
    assert "lichamelijke_gezondheid" not in domains and "huiselijke_relaties" not in domains
    assert "justitie" not in {s.domain for s in prep.stale}  # not applicable: never stale


def test_warm_opener_comes_from_their_own_story_and_changes_per_visit(conversation):
    case = a_case()
    opener, item = warm_opener(conversation, case)
    assert item is not None and item.text in opener and "{tekst}" not in opener
    case.contacts.append(Contact(datetime(2026, 3, 12, 9, 0), "telefoon", "plaatsgevonden", id=4))
    other, other_item = warm_opener(conversation, case)
    assert other_item is not item and other != opener
    if item.own_words:
        assert f"“{item.text}”" in opener
    empty = Case(youth=Youth("Tom"))
    text, none = warm_opener(conversation, empty)
    assert none is None and "Nog geen warm verhaal" in text


def test_headings_mark_domains_in_a_note(conversation):
    note = "Warm begin.\nFinanciën: deurwaarder geweest\nwonen : blijft bij oma\nIets: anders"
    assert heading_domains(conversation, note) == ["financien", "huisvesting"]


async def open_visit(app, pilot, youth_id: int) -> VisitPrepScreen:
    app.open_youth(youth_id)
    await wait_until(pilot, lambda: youth_in_full(app))
    await pilot.press("v")
    await wait_until(pilot, lambda: isinstance(app.screen, VisitPrepScreen))
    await pilot.pause()
    return app.screen


def texts(screen) -> str:
    return "\n".join(str(w.render()) for w in screen.query(".prep-line, .group-label, #question"))


async def test_visit_screen_prepares_and_writes_the_contact_note(
    case_db: Path, today: date, needless_updates: list[str]
) -> None:
    app = make_app(case_db, today=today)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_visit(app, pilot, NOOR)
        shown = texts(screen)
        assert "Rondje park, over de stage gepraat." in shown  # how the last contact ended
        assert "Stagebrief naar de kapsalon sturen" in shown  # the open agreement
        assert "Warme opening" in shown
        assert any(item.text.rstrip(".") in shown.replace("\n", " ") for item in screen.case.warm_story)
        assert isinstance(app.focused, FieldArea)
        await pilot.press(*"Warm begin. De deurwaarder belde")
        offer = screen.query_one(SuggestionBar).suggestion
        assert offer is not None and offer.domain == "financien"
        await pilot.press("ctrl+o")
        await pilot.press(*"betalingsregeling loopt")
        await wait_until(pilot, lambda: "Financiën: betalingsregeling loopt" in app.focused.text)
        assert needless_updates == []  # typing redraws only the lines that change
        await pilot.press("escape")
        # Leaving asks; it never turns into a held visit on its own.
        await wait_until(pilot, lambda: isinstance(app.screen, VisitEndDialog))
        assert held_today(app.db, NOOR, today) == []
        await pilot.press("escape")  # Verder met voorbereiden
        await wait_until(pilot, lambda: app.screen is screen)
        assert isinstance(app.focused, FieldArea)
        await pilot.press("escape")
        await wait_until(pilot, lambda: isinstance(app.screen, VisitEndDialog))
        # Noor's planned visit is ten days away: keeping the preparation asks for when, and checks it.
        await pilot.click("#keep")
        await wait_until(pilot, lambda: "Gepland voor" in str(app.screen.query_one("#keep-when-error").render()))
        assert app.focused.id == "keep-when"
        await pilot.press(*"gisteren", "enter")
        await wait_until(pilot, lambda: "verleden" in str(app.screen.query_one("#keep-when-error").render()))
        app.focused.value = ""
        await pilot.press(*"morgen 10:00", "enter")
        await wait_until(pilot, lambda: youth_in_full(app))
        await wait_until(pilot, lambda: "Voorbereiding klaar voor" in prepared_line(app.screen))
        assert "10:00" in prepared_line(app.screen)

    db = open_db(case_db)
    contacts = load_case(db, NOOR).contacts
    assert held_today(db, NOOR, today) == []  # a preparation is not a visit that took place
    prepared = [c for c in contacts if c.note and c.note.startswith("Warm begin.")]
    assert len(prepared) == 1 and prepared[0].status == "gepland" and prepared[0].mode == "huisbezoek"
    assert prepared[0].at == datetime.combine(today + timedelta(days=1), time(10, 0))
    assert prepared[0].note == "Warm begin. De deurwaarder belde\n\nFinanciën: betalingsregeling loopt"
    assert "financien" not in talked_about(db, NOOR) or talked_about(db, NOOR)["financien"] < today
    db.close()

    again = make_app(case_db, today=today)
    async with again.run_test(size=(200, 50)) as pilot:
        screen = await open_visit(again, pilot, NOOR)
        assert screen.session.contact_id == prepared[0].id  # the same visit goes on
        assert again.focused.text == prepared[0].note
        assert screen.has_class("-wide")
        await pilot.press("escape")
        await wait_until(pilot, lambda: isinstance(again.screen, VisitEndDialog))
        assert "Gepland huisbezoek" in str(again.screen.query_one(".dialog-hint").render())
        await pilot.click("#complete")
        await wait_until(pilot, lambda: isinstance(again.screen, VisitCompleteDialog))
        dialog = again.screen
        assert dialog.query_one("#when").value == "nu"  # the planned moment has not come
        await pilot.click("#duration")
        await pilot.press(*"45")
        box = next(iter(dialog.query(".done")))
        await pilot.click(f"#{box.id}")
        await wait_until(pilot, lambda: box.value)
        await pilot.click("#save")
        await wait_until(pilot, lambda: isinstance(again.screen, YouthScreen))
        await wait_until(pilot, lambda: any(not w.display for w in again.screen.query("#prepared-visit")))

    db = open_db(case_db)
    held = held_today(db, NOOR, today)
    assert [c.id for c in held] == [prepared[0].id]  # the planned one completed, no second contact
    assert held[0].mode == "huisbezoek" and held[0].duration_min == 45
    assert talked_about(db, NOOR)["financien"] == today
    letter = next(a for a in load_case(db, NOOR).agreements if a.text == "Stagebrief naar de kapsalon sturen")
    assert letter.status == "gedaan"
    db.close()


def prepared_line(screen) -> str:
    return " ".join(str(w.render()) for w in screen.query("#prepared-visit") if w.display)


def held_today(db, youth_id: int, today: date) -> list:
    return [c for c in load_case(db, youth_id).contacts if c.at.date() == today and c.status == "plaatsgevonden"]


async def test_completing_with_keys_checks_every_field_and_writes_nothing_wrong(case_db: Path, today: date) -> None:
    app = make_app(case_db, today=today)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_visit(app, pilot, DAAN)
        await pilot.press(*"Over de huisarts gepraat")
        await pilot.press("escape")
        if not isinstance(app.screen, VisitEndDialog):
            await pilot.press("escape")  # the first Esc put away the offer the note raised
        await wait_until(pilot, lambda: isinstance(app.screen, VisitEndDialog))
        await pilot.press("enter")  # the focus starts on "Bezoek afronden"
        await wait_until(pilot, lambda: isinstance(app.screen, VisitCompleteDialog))
        dialog = app.screen
        before = digest(app.db)
        bad = [
            ("when", "", "Wanneer"),
            ("when", "31 februari 10:00", "Wanneer"),
            ("when", "morgen 10:00", "toekomst"),
            ("duration", "lang", "Duur"),
        ]
        for field, value, word in bad:
            dialog.query_one("#when").value = "nu"
            dialog.query_one("#duration").value = ""
            dialog.query_one(f"#{field}").value = value
            await pilot.press("ctrl+s")
            await wait_until(
                pilot, lambda word=word, field=field: word in str(dialog.query_one(f"#{field}-error").render())
            )
            assert app.focused is dialog.query_one(f"#{field}")
            assert digest(app.db) == before and app.screen is dialog
        dialog.query_one("#when").value = "nu"
        dialog.query_one("#duration").value = ""
        for text in ("x" * 1_000_000, "Bellen\x1b[2J"):
            dialog.query_one("#agreement-text").value = text
            await pilot.press("ctrl+s")
            await wait_until(pilot, lambda: "Nieuwe afspraak" in str(dialog.query_one("#agreements-error").render()))
            assert app.focused is dialog.query_one("#agreement-text")
            assert digest(app.db) == before
        dialog.query_one("#agreement-text").value = "Huisarts bellen"
        await pilot.press("escape")  # something filled in: asks before throwing it away
        await wait_until(pilot, lambda: app.screen.__class__.__name__ == "Confirm")
        await pilot.press("n")
        await wait_until(pilot, lambda: app.screen is dialog)
        dialog.query_one("#s-niet_verschenen").value = True
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: youth_in_full(app))
    db = open_db(case_db)
    visits = [c for c in load_case(db, DAAN).contacts if c.at.date() == today]
    assert len(visits) == 1 and visits[0].status == "niet_verschenen" and visits[0].note == "Over de huisarts gepraat"
    made = [a for a in load_case(db, DAAN).agreements if a.text == "Huisarts bellen"]
    assert len(made) == 1 and made[0].owner == "jongere"
    db.close()


async def test_only_looking_creates_no_contact(case_db: Path, today: date) -> None:
    app = make_app(case_db, today=today)
    async with app.run_test(size=(80, 24)) as pilot:
        app.open_youth(DAAN)
        await wait_until(pilot, lambda: youth_in_full(app))
        await pilot.pause()
        before = digest(app.db)
        await pilot.press("v")
        await wait_until(pilot, lambda: isinstance(app.screen, VisitPrepScreen))
        await pilot.pause(1.0)  # longer than the autosave waits
        await pilot.press("escape")
        await wait_until(pilot, lambda: youth_in_full(app))
        await pilot.pause()
        assert digest(app.db) == before
    db = open_db(case_db)
    assert [c for c in load_case(db, DAAN).contacts if c.at.date() == today] == []
    db.close()


async def test_picking_a_domain_puts_its_heading_in_the_note(case_db: Path, today: date) -> None:
    app = make_app(case_db, today=today)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_visit(app, pilot, DAAN)
        await pilot.press("ctrl+g")
        await wait_until(pilot, lambda: app.screen.__class__.__name__ == "SectionPicker")
        await pilot.press("4")  # the fourth domain: housing
        await wait_until(pilot, lambda: isinstance(app.screen, VisitPrepScreen))
        assert app.focused.text == "Huisvesting: "
        assert screen.session.domain == "huisvesting"
        assert app.content.domain("huisvesting").questions[0] in str(screen.query_one("#question").render())
        assert screen.query_one("CoverageBar").states["huisvesting"] == "besproken"
