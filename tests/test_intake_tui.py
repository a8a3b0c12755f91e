"""The intake screen driven by keys with Pilot: the warm story first, domains, signals, balance, resume."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from db_digest import digest
from helpers import shown_text, wait_until, youth_in_full

from coach.domain.intake import NU_NIET, NVT, SCORED, TOUCHED, WARM
from coach.store.cases import load_case
from coach.store.db import open_db
from coach.store.intake import latest_intake
from coach.tui.app import make_app
from coach.tui.dialogs.section_picker import SectionPicker
from coach.tui.screens.intake import IntakeScreen
from coach.tui.widgets.coverage_bar import CoverageBar
from coach.tui.widgets.domain_panel import DomainPanel
from coach.tui.widgets.field_area import FieldArea
from coach.tui.widgets.intake_overview import IntakeOverview
from coach.tui.widgets.score_picker import ScorePicker
from coach.tui.widgets.suggestion_bar import SuggestionBar

SMALL, LARGE = (80, 24), (200, 50)
DAAN, NOOR, SAMIRA = 2, 1, 3  # ids in the fixture database


async def type_text(pilot, text: str) -> None:
    await pilot.press(*text)


async def open_intake(app, pilot, youth_id: int, *, via_youth: bool = False) -> IntakeScreen:
    """The intake of one young person: by 'i' on their screen, or (quicker) straight away."""
    if via_youth:
        app.open_youth(youth_id)
        await wait_until(pilot, lambda: youth_in_full(app))
        await pilot.press("i")
    else:
        app.push_screen(IntakeScreen(app.db, load_case(app.db, youth_id), app.content, app.today))
    await wait_until(pilot, lambda: isinstance(app.screen, IntakeScreen))
    await pilot.pause()
    return app.screen


async def go_to(pilot, key: str) -> None:
    """Jump with the picker: ctrl+g and the key in front of the domain."""
    await pilot.press("ctrl+g")
    await wait_until(pilot, lambda: isinstance(pilot.app.screen, SectionPicker))
    await pilot.press(key)
    await wait_until(pilot, lambda: isinstance(pilot.app.screen, IntakeScreen))
    await pilot.pause()


def stored(path: Path, youth_id: int, domain: str):
    """What the database holds now for one domain of the young person's latest intake."""
    db = open_db(path)
    try:
        intake = latest_intake(db, youth_id)
    finally:
        db.close()
    return intake.domains.get(domain) if intake else None


def focused_field(app) -> tuple[str, str] | None:
    widget = app.focused
    return (widget.section, widget.field) if isinstance(widget, FieldArea) else None


def suggestion(app):
    return app.screen.query_one(SuggestionBar).suggestion


async def test_a_whole_intake_by_keys(case_db: Path, today: date, needless_updates: list[str]) -> None:
    app = make_app(case_db, today=today)
    async with app.run_test(size=SMALL) as pilot:
        screen = await open_intake(app, pilot, SAMIRA, via_youth=True)
        # It opens with the warm story, not with problems.
        assert screen.section == WARM and focused_field(app) == (WARM, "belangrijk")
        assert "Warm verhaal" in str(screen.query_one("#question").render())
        await type_text(pilot, "Haar kat en haar zusje")
        await pilot.press("tab")
        assert focused_field(app) == (WARM, "trots")
        await type_text(pilot, '"Ik heb mijn diploma gehaald"')
        assert needless_updates == []  # typing redraws only the lines that change

        # Five domains: notes and a score each, the score by one key with the anchors shown.
        plan = [
            ("1", "financien", "Post ligt", 2),
            ("2", "werk_opleiding", "Stage", 3),
            ("3", "tijdsbesteding", "Slaapt lang", 2),
            ("4", "huisvesting", "Bij moeder", 4),
            ("b", "sociaal_netwerk", "Twee maatjes", 4),
        ]
        for key, domain, notes, score in plan:
            await go_to(pilot, key)
            assert screen.section == domain and focused_field(app) == (domain, "notes")
            await type_text(pilot, notes)
            await pilot.press("ctrl+s")
            picker = app.focused
            assert isinstance(picker, ScorePicker) and picker.id == f"score-{domain}"
            anchors = shown_text(picker)
            assert app.content.domain(domain).levels[1][:30] in anchors.replace("\n", " ").replace("       ", " ")
            await pilot.press(str(score))
            assert picker.score == score
        # The young person's own score beside the coach's, with the difference shown.
        await pilot.press("tab")
        assert app.focused.has_class("youth-score")
        await pilot.press("2")
        difference = str(screen.query_one("#s-sociaal_netwerk", DomainPanel).query_one(".score-difference").render())
        assert "Verschil -2" in difference

        # A skip: justice is not for her, drugs not now.
        await go_to(pilot, "d")
        await pilot.press("ctrl+t", "ctrl+t")
        await go_to(pilot, "8")
        await pilot.press("ctrl+t")
        coverage = screen.query_one(CoverageBar).states
        assert coverage["justitie"] == NVT and coverage["middelengebruik"] == NU_NIET
        assert [coverage[d] for _, d, _, _ in plan] == [SCORED] * 5

        await pilot.press("ctrl+r")
        await wait_until(pilot, lambda: app.screen.__class__.__name__ == "CompleteIntakeDialog")
        await pilot.press("enter")
        # Still in phase intake: coaching starts now, if the coach says so.
        await wait_until(pilot, lambda: app.screen.__class__.__name__ == "Confirm")
        assert "naar begeleiding" in str(app.screen.query_one("#confirm-question").render())
        await pilot.press("j")
        await wait_until(pilot, lambda: youth_in_full(app))
        # The young person's screen reads the intake again once it shows; the header follows the phase.
        await wait_until(pilot, lambda: "Afgerond" in str(app.screen.query_one(".intake-status").render()))
        await wait_until(pilot, lambda: "Begeleiding" in str(app.screen.query_one("#youth-header").render()))

    db = open_db(case_db)
    case = load_case(db, SAMIRA)
    warm = {item.kind: item for item in case.warm_story}
    assert warm["belangrijk"].text == "Haar kat en haar zusje" and not warm["belangrijk"].own_words
    assert warm["trots"].text == "Ik heb mijn diploma gehaald" and warm["trots"].own_words
    baseline = {a.domain: a for a in case.assessments}
    assert {d: baseline[d].score for _, d, _, _ in plan} == {d: s for _, d, _, s in plan}
    assert all(a.date == today for a in baseline.values())
    assert baseline["sociaal_netwerk"].youth_score == 2
    intake = latest_intake(db, SAMIRA)
    assert intake.completed_on == today
    assert intake.domains["financien"].notes == "Post ligt"
    assert intake.domains["justitie"].skip == NVT and intake.domains["middelengebruik"].skip == NU_NIET
    assert list(
        db.query("SELECT phase, since, note FROM phases WHERE youth_id = ? ORDER BY id DESC LIMIT 1", [SAMIRA])
    ) == [{"phase": "begeleiding", "since": today.isoformat(), "note": "Intake afgerond."}]
    db.close()


async def test_signal_typed_in_another_domain_is_offered_and_followed(case_db: Path, today: date) -> None:
    app = make_app(case_db, today=today)
    async with app.run_test(size=SMALL) as pilot:
        screen = await open_intake(app, pilot, DAAN)
        await go_to(pilot, "2")
        await type_text(pilot, "Werkt bij een bakker, maar de deurwaarders bellen steeds")
        offer = suggestion(app)
        assert offer is not None and offer.domain == "financien"
        assert offer.text == "Je noemde 'deurwaarders' — Financiën bespreken?"
        assert "Financiën bespreken?" in str(screen.query_one(SuggestionBar).render())
        await pilot.press("ctrl+o")
        await pilot.pause()
        assert screen.section == "financien" and focused_field(app) == ("financien", "notes")
        assert suggestion(app) is None


async def test_signal_in_the_warm_story_and_putting_it_away(case_db: Path, today: date) -> None:
    app = make_app(case_db, today=today)
    async with app.run_test(size=SMALL) as pilot:
        await open_intake(app, pilot, DAAN)
        await type_text(pilot, "Zijn hond. Hij sliep bij zijn vriend")
        assert suggestion(app).domain == "huisvesting"
        await pilot.press("escape")  # later: the offer goes away, the screen stays
        assert isinstance(app.screen, IntakeScreen) and suggestion(app) is None
        await type_text(pilot, ".")
        assert suggestion(app) is None  # not offered again this sitting
        await pilot.press("escape")
        await wait_until(pilot, lambda: not isinstance(app.screen, IntakeScreen))
    db = open_db(case_db)
    signals = [
        (s.domain, s.typed)
        for s in __import__("coach.conversation.engine", fromlist=["Conversation"])
        .Conversation(app.content)
        .unfollowed(latest_intake(db, DAAN))
    ]
    assert signals == [("huisvesting", "sliep bij zijn vriend")]  # stored as not followed up
    db.close()


async def test_warm_question_after_problem_answers_and_not_after_warm_ones(case_db: Path, today: date) -> None:
    app = make_app(case_db, today=today)
    stretch = app.content.balance.stretch
    problems = ["Schuld", "Boete", "Aanmaning", "Deurwaarder", "Beslag", "Incasso"][:stretch]  # money words only
    warm = ["Trots", "Blij", "Fijn", "Sterk", "Knap", "Leuk"][:stretch]
    async with app.run_test(size=SMALL) as pilot:
        screen = await open_intake(app, pilot, DAAN)
        await go_to(pilot, "1")
        await type_text(pilot, ". ".join(warm) + ". ")
        assert suggestion(app) is None and screen.session.tracker.balance.warm == stretch
        await type_text(pilot, ". ".join(problems[:-1]) + ". ")
        assert suggestion(app) is None  # one short of a stretch
        await type_text(pilot, problems[-1])
        offer = suggestion(app)
        assert offer is not None and offer.kind == "warm"
        assert offer.text in dict((k.key, k.questions) for k in app.content.warm_kinds)[offer.warm_kind]
        await pilot.press("ctrl+o")
        await pilot.pause()
        assert screen.section == WARM and focused_field(app) == (WARM, offer.warm_kind)
        assert offer.text in str(screen.query_one("#question").render())


async def test_resume_after_restart_at_the_same_domain_with_the_text(
    case_db: Path, today: date, quick_timers: float
) -> None:
    app = make_app(case_db, today=today)
    async with app.run_test(size=SMALL) as pilot:
        await open_intake(app, pilot, NOOR)
        await go_to(pilot, "4")
        await type_text(pilot, "Slaapt nu bij oma")
        await pilot.press("tab")
        await type_text(pilot, "Heeft een eigen kamer")
        # Saved by the autosave alone, no leaving: as if the laptop lid closed.
        await wait_until(
            pilot, lambda: getattr(stored(case_db, NOOR, "huisvesting"), "going_well", None) == "Heeft een eigen kamer"
        )
    again = make_app(case_db, today=today)
    async with again.run_test(size=SMALL) as pilot:
        screen = await open_intake(again, pilot, NOOR)
        assert screen.section == "huisvesting"
        assert focused_field(again) == ("huisvesting", "going_well")
        assert again.focused.text == "Heeft een eigen kamer"
        assert again.focused.cursor_location == again.focused.document.end
        notes = screen.query_one("#f-huisvesting-notes", FieldArea)
        assert notes.text == "Slaapt nu bij oma"
        assert screen.query_one(CoverageBar).states["huisvesting"] == TOUCHED
        # Noor's earlier warm story is there to continue, not to type again.
        await go_to(pilot, "w")
        assert screen.query_one("#f-warm-trots", FieldArea).text.startswith("“Ik heb mijn zus")


async def test_q_types_a_q_in_a_text_field(case_db: Path, today: date) -> None:
    app = make_app(case_db, today=today)
    async with app.run_test(size=SMALL) as pilot:
        await open_intake(app, pilot, DAAN)
        await type_text(pilot, "qq")
        assert app.is_running and isinstance(app.screen, IntakeScreen)
        assert app.focused.text == "qq"


async def test_leaving_by_escape_saves_what_is_waiting(case_db: Path, today: date) -> None:
    app = make_app(case_db, today=today)
    async with app.run_test(size=SMALL) as pilot:
        await open_intake(app, pilot, DAAN, via_youth=True)
        await type_text(pilot, "Haar hond Bobbie")
        await pilot.press("escape")  # at once, before the autosave timer
        await wait_until(pilot, lambda: youth_in_full(app))
        # The young person's screen shows the intake under way, with the warm story first.
        overview = app.screen.query_one(IntakeOverview)
        await wait_until(pilot, lambda: "Loopt nog" in str(overview.query_one(".overview-status").render()))
        assert "Haar hond Bobbie" in str(overview.query_one(".overview-warm").render())
        widgets = list(app.screen.query("#warm-section, #domain-section, #intake-section"))
        assert [w.id for w in widgets] == ["warm-section", "domain-section", "intake-section"]
    db = open_db(case_db)
    assert latest_intake(db, DAAN).warm["belangrijk"].text == "Haar hond Bobbie"
    db.close()


async def test_help_points_at_the_guide_section_in_focus(case_db: Path, today: date) -> None:
    app = make_app(case_db, today=today)
    async with app.run_test(size=SMALL) as pilot:
        screen = await open_intake(app, pilot, DAAN)
        assert screen.help_target() == ("warm-verhaal.md", None)
        await go_to(pilot, "1")
        assert screen.help_target() == ("intake.md", "financiën")
        await go_to(pilot, "d")
        assert screen.help_target() == ("intake.md", "justitie")


async def test_moving_with_ctrl_arrows_and_questions_with_ctrl_n(case_db: Path, today: date) -> None:
    app = make_app(case_db, today=today)
    async with app.run_test(size=SMALL) as pilot:
        screen = await open_intake(app, pilot, DAAN)
        await pilot.press("ctrl+down")
        await pilot.pause()
        assert screen.section == "financien"
        first = app.content.domain("financien").questions
        assert first[0] in str(screen.query_one("#question").render())
        await pilot.press("ctrl+n")
        assert first[1] in str(screen.query_one("#question").render())
        assert "vraag 2 van" in str(screen.query_one("#question").render())
        await pilot.press("ctrl+up")
        await pilot.pause()
        assert screen.section == WARM
        await pilot.press("ctrl+up")  # already at the start: stays
        assert screen.section == WARM


@pytest.mark.parametrize("size", [SMALL, LARGE])
async def test_intake_screen_fits_small_and_large_terminals(case_db: Path, today: date, size) -> None:
    app = make_app(case_db, today=today)
    async with app.run_test(size=size) as pilot:
        screen = await open_intake(app, pilot, NOOR)
        for key in ("w", "1"):
            await go_to(pilot, key)
            panel = screen.query_one(f"#s-{screen.section}")
            assert panel.virtual_size.width <= panel.scrollable_content_region.width  # nothing cut off sideways
            bar = screen.query_one(CoverageBar)
            assert bar.region.height == len(shown_text(bar).splitlines()) <= 3
            assert all(len(line) <= bar.content_size.width for line in shown_text(bar).splitlines())
            assert focused_field(app) is not None and app.focused.region.height >= 3  # the field in view
        await pilot.press("ctrl+s")
        await pilot.pause()
        picker, sections = app.focused, screen.query_one("#sections").region
        assert isinstance(picker, ScorePicker) and picker.region.y >= sections.y  # its top is in view
        await pilot.press("5")
        await pilot.pause()
        lines = shown_text(picker).splitlines()
        chosen = next(i for i, line in enumerate(lines) if line.startswith("▶"))
        assert sections.y <= picker.region.y + picker.styles.gutter.top + chosen < sections.bottom  # the choice too
        footer_keys = [b.binding.key for b in screen.active_bindings.values() if b.binding.show and b.enabled]
        assert "ctrl+g" in footer_keys and "escape" in footer_keys


async def test_who_carries_it_by_kind_and_by_name(case_db: Path, today: date, quick_timers: float) -> None:
    app = make_app(case_db, today=today)
    async with app.run_test(size=SMALL) as pilot:
        await open_intake(app, pilot, NOOR)
        await go_to(pilot, "1")
        await pilot.press("tab", "tab", "tab", "tab")
        carriers = app.focused
        assert carriers.has_class("carriers")
        labels = [str(carriers.get_option_at_index(i).prompt) for i in range(carriers.option_count)]
        assert labels[:3] == ["Eigen kracht", "Netwerk", "Professionals"]
        assert labels[3:] == ["Riet (oma)", "Karim Aydin (jobcoach, Werkplein)"]  # the network by name
        await pilot.press("space", "down", "down", "down", "space")
        await wait_until(pilot, lambda: getattr(stored(case_db, NOOR, "financien"), "carriers", None) == ("Riet",))
    db = open_db(case_db)
    money = latest_intake(db, NOOR).domains["financien"]
    assert money.carried_by == ("eigen_kracht",) and money.carriers == ("Riet",)
    db.close()


@pytest.mark.parametrize("youth_id", [DAAN, NOOR])
async def test_opening_and_closing_without_typing_writes_nothing(case_db: Path, today: date, youth_id: int) -> None:
    app = make_app(case_db, today=today)
    async with app.run_test(size=SMALL) as pilot:
        if youth_id == NOOR:  # an intake under way, so there is a position that could be written again
            await open_intake(app, pilot, NOOR)
            await go_to(pilot, "4")
            await type_text(pilot, "Een eigen kamer")
            await pilot.press("escape")
            await wait_until(pilot, lambda: not isinstance(app.screen, IntakeScreen))
        before = digest(app.db)
        await open_intake(app, pilot, youth_id)
        await pilot.pause(1.0)  # longer than the autosave waits
        await pilot.press("escape")
        await wait_until(pilot, lambda: not isinstance(app.screen, IntakeScreen))
        await pilot.pause()
        assert digest(app.db) == before
    if youth_id == DAAN:
        db = open_db(case_db)
        assert latest_intake(db, DAAN) is None  # no empty intake left behind
        db.close()
