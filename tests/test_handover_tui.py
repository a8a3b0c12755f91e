"""The handover screen: no consent says what is missing; with one, the coach writes, reviews and saves the dossier."""

from __future__ import annotations

import stat
from datetime import date
from pathlib import Path

import pytest
from helpers import wait_until, youth_in_full
from textual.command import CommandList
from textual.widgets import Input, OptionList, Static, TextArea

from coach.store.audit import audit_for_youth
from coach.store.db import open_db
from coach.store.handover import handovers_of, what_works
from coach.tui.app import make_app
from coach.tui.dialogs.save_summary import SaveSummary
from coach.tui.screens.handover import HandoverScreen
from coach.tui.screens.registration import RegistrationScreen, widget_id
from coach.tui.screens.youth import YouthScreen

NOOR = 1


async def type_text(pilot, text: str) -> None:
    await pilot.press(*("space" if char == " " else char for char in text))


async def open_handover(pilot) -> HandoverScreen:
    await pilot.press("o")
    await wait_until(pilot, lambda: isinstance(pilot.app.screen, HandoverScreen))
    return pilot.app.screen


async def test_review_and_save_the_dossier(
    case_db: Path, today: date, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    config = tmp_path / "config.toml"
    config.write_text('coach = "Eva"\ncoach_phone = "06-12345678"\n')
    monkeypatch.setenv("COACH_CONFIG", str(config))
    db = open_db(case_db)
    db.execute(
        "INSERT INTO contacts (youth_id, at, mode, status, note) VALUES (?, '2026-03-12T10:00', 'huisbezoek', "
        "'plaatsgevonden', 'Samen wandelen helpt haar om te praten.')",
        [NOOR],
    )
    db.close()
    target = tmp_path / "overdracht.md"
    app = make_app(case_db, today=today)
    async with app.run_test(size=(80, 24)) as pilot:
        app.open_youth(NOOR)
        await wait_until(pilot, lambda: youth_in_full(app))
        assert not app.screen.query("#handover-line")
        # Without consent the screen says what is missing, and nothing can be saved (opened from the palette).
        await pilot.press("ctrl+p", *"overdracht")
        await wait_until(pilot, lambda: app.screen.query_one(CommandList).option_count > 0)
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(app.screen, HandoverScreen))
        screen = app.screen
        said = str(screen.query_one("#handover-none", Static).render())
        assert "nog geen toestemming" in said and "Ctrl+T" in said and not screen.query(TextArea)
        # Ctrl+T opens the details at the consent; what is recorded there is offered at once.
        await pilot.press("ctrl+t")
        await wait_until(pilot, lambda: isinstance(app.screen, RegistrationScreen))
        assert app.focused is app.screen.query_one(f"#{widget_id('consent_to')}", Input)
        await type_text(pilot, "Karim Aydin")
        await pilot.press("tab")
        await type_text(pilot, "Werkplein")
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: isinstance(app.screen, HandoverScreen) and app.screen.query("#handover-text"))
        screen = app.screen
        document = screen.query_one("#handover-text", TextArea)
        assert "Voor Karim Aydin (Werkplein)" in document.text and "## Hoe het nu gaat" in document.text
        # The coach writes what works (keys), takes a suggestion from the notes (Tab, Enter) ...
        assert app.focused is screen.query_one("#what-works", TextArea)
        await type_text(pilot, "Rustig beginnen.")
        await pilot.press("tab")
        assert app.focused is screen.query_one("#suggestions", OptionList)
        await pilot.press("enter")
        await wait_until(pilot, lambda: "helpt haar" in document.text)
        works = screen.query_one("#what-works", TextArea).text
        assert works == "Rustig beginnen.\n- Samen wandelen helpt haar om te praten."
        # ... edits the document by hand, and saves with a click.
        document.focus()
        document.move_cursor(document.document.end)
        await type_text(pilot, "Groet van Eva")
        await pilot.click("#save")
        await wait_until(pilot, lambda: isinstance(app.screen, SaveSummary))
        app.screen.query_one(Input).value = str(target)
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(app.screen, YouthScreen) and app.screen.query("#handover-line"))
        line = str(app.screen.query_one("#handover-line", Static).render())
        assert line.startswith("Overdracht gemaakt voor Karim Aydin (Werkplein) op 14-03-2026")
        # The key opens it again, with the handover just made named at the top.
        screen = await open_handover(pilot)
        assert str(screen.query_one("#handover-earlier", Static).render()).startswith("Overdracht gemaakt voor")

    written = target.read_text(encoding="utf-8")
    assert written.startswith("# Overdracht: Noor Bakker") and written.rstrip().endswith("Groet van Eva")
    assert "- Samen wandelen helpt haar om te praten." in written and "06-12345678" in written
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    db = open_db(case_db)
    [record] = handovers_of(db, NOOR)
    assert (record.kind, record.counterpart, record.parts) == ("dossier", "Karim Aydin", ("alles",))
    assert what_works(db, NOOR) == works
    assert {(entry.table, entry.action) for entry in audit_for_youth(db, NOOR)} >= {
        ("handovers", "insert"),
        ("handover_notes", "insert"),
    }
    db.close()
