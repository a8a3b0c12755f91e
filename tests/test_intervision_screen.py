"""The review screen driven with Pilot: open from the young person, marks, hide, question, method, save, copy."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest
from conftest import SharedClient
from helpers import Notices, make_case, wait_until, youth_in_full
from textual.widgets import Input, Select, TextArea
from textual.widgets.text_area import Selection

from coach.privacy.anonymiser import Anonymiser
from coach.privacy.known import build_known
from coach.privacy.result import Span
from coach.privacy.worker import AnonymiserError
from coach.store.cases import insert_cases, load_case
from coach.store.db import open_db
from coach.tui import anonymiser_setup
from coach.tui.app import CoachApp, make_app
from coach.tui.dialogs.save_summary import SaveSummary
from coach.tui.screens import intervision
from coach.tui.screens.caseload import CaseloadScreen
from coach.tui.screens.intervision import IntervisionScreen
from coach.tui.widgets.caseload_table import CaseloadTable
from coach.tui.widgets.marked_text import MarkedText
from coach.tui.widgets.question_advice import QuestionAdvice

TODAY = date(2026, 3, 14)
SMALL, LARGE = (80, 24), (200, 50)
STRANGER = "Priscilla"


class FakeClient:
    """Stands in for the worker process: anonymises in this process (deduce stubbed) and records its life."""

    def __init__(self, fail: bool = False) -> None:
        self.fail = fail
        self.calls = 0
        self.closed = False
        self.aborted = False
        self._anonymiser = Anonymiser(
            lambda text: [
                Span(m.start(), m.end(), "[persoon]", "person", "deduce") for m in re.finditer(STRANGER, text)
            ]
        )

    def warm_up(self, progress=None) -> None:
        if progress is not None:
            progress("deduce laden", 0.5)
        if self.fail:
            raise AnonymiserError("De anonimiseerder is onverwacht gestopt (code -9). Probeer het opnieuw.")
        if progress is not None:
            progress("klaar", 1.0)

    def anonymise_many(self, texts, case=None, **kwargs):
        self.calls += 1
        return self._anonymiser.anonymise_many(texts, case, **kwargs)

    def abort(self) -> None:
        self.aborted = True

    def close(self) -> None:
        self.closed = True


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    """One fictional case whose notes name people and places."""
    path = tmp_path / "coach.db"
    case = make_case("Sanne", full=True)
    case.youth.intervision_question = "Hoe krijg ik Sanne aan het werk?"
    case.contacts[0].note = f"Kennismaking met Sanne en moeder Marja in Zwolle. {STRANGER} belde tussendoor."
    case.contacts[1].note = "Sanne belt de woningcorporatie zelf. Karim zoekt een stage."
    db = open_db(path)
    insert_cases(db, [case])
    db.close()
    return path


@pytest.fixture
def fake(monkeypatch: pytest.MonkeyPatch) -> FakeClient:
    client = FakeClient()
    monkeypatch.setattr(intervision, "make_client", lambda: client)
    return client


@pytest.fixture(autouse=True)
def no_settings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COACH_CONFIG", str(tmp_path / "geen-config.toml"))


async def open_review(app: CoachApp, pilot) -> IntervisionScreen:
    """From the caseload to the young person, then s."""
    await wait_until(pilot, lambda: isinstance(app.screen, CaseloadScreen) and app.screen.query(CaseloadTable))
    app.open_youth(1)
    await wait_until(pilot, lambda: youth_in_full(app))
    await pilot.press("s")
    await wait_until(pilot, lambda: isinstance(app.screen, IntervisionScreen))
    screen = app.screen
    await wait_until(pilot, lambda: screen.up_to_date)
    return screen


def known(db_path: Path) -> list[str]:
    db = open_db(db_path)
    case = load_case(db, 1)
    db.close()
    return [n.text for n in build_known(case).names if n.kind not in ("phone", "email")]


def leaks(text: str, db_path: Path) -> list[str]:
    return [
        form for form in known(db_path) if re.search(r"(?<![\w])" + re.escape(form) + r"(?![\w])", text, re.IGNORECASE)
    ]


def styled_at(pane: MarkedText, index: int) -> bool:
    """True when the character at `index` is drawn with a mark's background."""
    row, col = pane.document.get_location_from_index(index)
    line = pane.get_line(row)
    return any(
        span.start <= col < span.end and span.style and getattr(span.style, "bgcolor", None) is not None
        for span in line.spans
    )


def put_cursor(pane: MarkedText, index: int) -> None:
    pane.focus()
    pane.cursor_location = pane.document.get_location_from_index(index)


def stored_question(db_path: Path) -> str | None:
    db = open_db(db_path)
    try:
        return db.execute("SELECT intervision_question FROM youths WHERE id = 1").fetchone()[0]
    finally:
        db.close()


# --- opening and marks -------------------------------------------------------------------------


async def test_opens_from_the_young_person_with_every_replacement_marked(db_path: Path, fake: FakeClient) -> None:
    app = make_app(db_path, today=TODAY)
    async with app.run_test(size=LARGE) as pilot:
        screen = await open_review(app, pilot)
        summary = screen.summary
        pane = screen.query_one("#iv-summary", MarkedText)
        source = screen.query_one("#iv-source", MarkedText)
        assert pane.text == summary.text and source.text == summary.review_source()
        assert leaks(pane.text, db_path) == []
        assert "Sanne" in source.text and "Marja" in source.text
        assert len(summary.replacements) >= 6
        for item in summary.replacements:
            assert styled_at(pane, item.out_start) and styled_at(source, item.start)
        plain = pane.text.index("woningcorporatie")
        assert not styled_at(pane, plain)
        assert "vervangen" in str(screen.query_one("#iv-status").render())
        assert pane.region.width > 0 and source.region.width > 0  # side by side when wide


async def test_narrow_screen_shows_one_pane_at_a_time(db_path: Path, fake: FakeClient) -> None:
    app = make_app(db_path, today=TODAY)
    async with app.run_test(size=SMALL) as pilot:
        screen = await open_review(app, pilot)
        summary_box, source_box = screen.query_one("#iv-summary-box"), screen.query_one("#iv-source-box")
        assert summary_box.display and not source_box.display
        assert screen.query_one("#iv-summary").region.height >= 8
        # The leervraag shows two lines at least, even at 80×24, and the summary keeps its room.
        assert screen.query_one("#iv-question").content_region.height >= 2
        await pilot.press("b")
        assert source_box.display and not summary_box.display
        assert app.focused is screen.query_one("#iv-source")
        await pilot.press("b")
        assert summary_box.display


# --- hiding ------------------------------------------------------------------------------------


async def test_hide_a_word_in_the_source_and_undo(db_path: Path, fake: FakeClient) -> None:
    app = make_app(db_path, today=TODAY)
    async with app.run_test(size=LARGE) as pilot:
        screen = await open_review(app, pilot)
        source = screen.query_one("#iv-source", MarkedText)
        put_cursor(source, source.text.index("woningcorporatie") + 3)
        await pilot.press("h")
        pane = screen.query_one("#iv-summary", MarkedText)
        assert "woningcorporatie" not in pane.text and "woningcorporatie" not in screen.summary.text
        manual = [r for r in screen.summary.replacements if r.source == "manual"]
        assert manual and all(styled_at(pane, r.out_start) for r in manual)
        assert {r.original for r in manual} == {"woningcorporatie"}
        await pilot.press("u")
        assert "woningcorporatie" in pane.text
        assert not [r for r in screen.summary.replacements if r.source == "manual"]


async def test_hide_a_selection_in_the_summary(db_path: Path, fake: FakeClient) -> None:
    app = make_app(db_path, today=TODAY)
    async with app.run_test(size=LARGE) as pilot:
        screen = await open_review(app, pilot)
        pane = screen.query_one("#iv-summary", MarkedText)
        start = pane.text.index("zoekt een stage")
        locate = pane.document.get_location_from_index
        pane.focus()
        pane.selection = Selection(locate(start), locate(start + len("zoekt een stage")))
        await pilot.press("h")
        assert "zoekt een stage" not in pane.text and "[verborgen]" in pane.text
        # Hidden everywhere, and it stays hidden when the summary is made again.
        await pilot.press("m")
        await wait_until(pilot, lambda: screen.up_to_date and "## Het moment" in screen.summary.text)
        assert "zoekt een stage" not in screen.summary.text


# --- the question ------------------------------------------------------------------------------


async def test_edit_the_question_it_is_saved_anonymised_and_checked(db_path: Path, fake: FakeClient) -> None:
    app = make_app(db_path, today=TODAY)
    async with app.run_test(size=LARGE) as pilot:
        screen = await open_review(app, pilot)
        advice = screen.query_one(QuestionAdvice)
        assert advice.has_class("-warn")  # "Hoe krijg ik Sanne aan het werk?" is about her
        assert "Bijvoorbeeld" in str(advice.render())
        await pilot.press("e")
        field = screen.query_one("#iv-question", TextArea)
        assert app.focused is field
        field.clear()
        await pilot.press(*"Wat maakt dat ik Sanne alles uit handen neem?")
        await wait_until(pilot, lambda: screen.up_to_date and "uit handen" in screen.summary.text)
        assert "**Wat maakt dat ik de jongere alles uit handen neem?**" in screen.summary.text
        assert advice.has_class("-good")
        # Saved by the autosave while the screen stays open.
        await wait_until(pilot, lambda: stored_question(db_path) == "Wat maakt dat ik Sanne alles uit handen neem?")


async def test_q_typed_in_the_question_does_not_quit(db_path: Path, fake: FakeClient) -> None:
    app = make_app(db_path, today=TODAY)
    async with app.run_test(size=LARGE) as pilot:
        screen = await open_review(app, pilot)
        await pilot.press("e", "end", "q")
        assert app.is_running and screen.query_one("#iv-question", TextArea).text.endswith("?q")


# --- method and scope --------------------------------------------------------------------------


async def test_method_and_scope_change_the_layout(db_path: Path, fake: FakeClient) -> None:
    app = make_app(db_path, today=TODAY)
    async with app.run_test(size=LARGE) as pilot:
        screen = await open_review(app, pilot)
        assert "_Roddelmethode · het hele traject" in screen.summary.text
        await pilot.press("m")
        await wait_until(pilot, lambda: screen.up_to_date and "## Het moment" in screen.summary.text)
        assert screen.query_one("#iv-method", Select).value == "incident"
        screen.query_one("#iv-scope", Select).value = "c1"
        await wait_until(pilot, lambda: screen.up_to_date and "één contactmoment (week 1)" in screen.summary.text)
        assert "> Kennismaking met de jongere en moeder in [woonplaats]." in screen.summary.text


# --- saving and copying ------------------------------------------------------------------------


async def test_save_writes_the_anonymised_summary_with_the_question(
    db_path: Path, fake: FakeClient, tmp_path: Path
) -> None:
    app = make_app(db_path, today=TODAY)
    async with app.run_test(size=LARGE) as pilot:
        screen = await open_review(app, pilot)
        await pilot.press("o")
        await wait_until(pilot, lambda: isinstance(app.screen, SaveSummary))
        field = app.screen.query_one(Input)
        assert field.value.endswith("intervisie-2026-03-14.md")
        assert not leaks(field.value, db_path)
        target = tmp_path / "mijn-intervisie.md"
        field.value = str(target)
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(app.screen, IntervisionScreen) and target.exists())
        text = target.read_text(encoding="utf-8")
        assert text == screen.summary.text
        assert leaks(text, db_path) == []
        assert "**Hoe krijg ik de jongere aan het werk?**" in text
        # Saving again over the same file asks a second Enter first.
        await pilot.press("o")
        await wait_until(pilot, lambda: isinstance(app.screen, SaveSummary))
        app.screen.query_one(Input).value = str(target)
        await pilot.press("enter")
        assert isinstance(app.screen, SaveSummary)
        assert "bestaat al" in str(app.screen.query_one("#save-problem").render())
        await pilot.press("escape")


async def test_copy_puts_only_the_anonymised_text_on_the_clipboard(db_path: Path, fake: FakeClient) -> None:
    app = make_app(db_path, today=TODAY)
    copied: list[str] = []
    async with app.run_test(size=LARGE) as pilot:
        app.copy_to_clipboard = copied.append
        screen = await open_review(app, pilot)
        await pilot.press("k")
        assert copied == [screen.summary.text] and leaks(copied[0], db_path) == []
        # The source with names cannot be copied, not even a selection of it.
        source = screen.query_one("#iv-source", MarkedText)
        source.focus()
        source.select_all()
        await pilot.press("ctrl+c")
        assert copied == [screen.summary.text]


async def test_nothing_leaves_while_the_summary_lags_behind(
    db_path: Path, fake: FakeClient, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A pause long enough that the summary surely lags behind the typing, even on a busy machine.
    monkeypatch.setattr(intervision, "QUESTION_PAUSE", 5.0)
    app = make_app(db_path, today=TODAY)
    copied: list[str] = []
    async with app.run_test(size=LARGE) as pilot:
        app.copy_to_clipboard = copied.append
        screen = await open_review(app, pilot)
        await pilot.press("e", "end", "x")
        assert not screen.up_to_date
        screen.query_one("#iv-summary").focus()
        await pilot.press("k")
        assert copied == []
        await wait_until(pilot, lambda: screen.up_to_date)
        await pilot.press("k")
        assert copied and "?x**" in copied[-1]


# --- failing and closing -----------------------------------------------------------------------


async def test_a_failing_anonymiser_shows_a_dutch_message_and_nothing_can_leave(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(intervision, "make_client", lambda: FakeClient(fail=True))
    app = make_app(db_path, today=TODAY)
    copied: list[str] = []
    async with app.run_test(size=LARGE) as pilot:
        app.copy_to_clipboard = copied.append
        await wait_until(pilot, lambda: isinstance(app.screen, CaseloadScreen) and app.screen.query(CaseloadTable))
        app.open_youth(1)
        await wait_until(pilot, lambda: youth_in_full(app))
        await pilot.press("s")
        await wait_until(pilot, lambda: isinstance(app.screen, IntervisionScreen))
        screen = app.screen
        status = screen.query_one("#iv-status")
        await wait_until(pilot, lambda: status.has_class("-problem"))
        assert "onverwacht gestopt" in str(status.render())
        assert screen.summary is None
        assert "Sanne" not in screen.query_one("#iv-summary", MarkedText).text
        await pilot.press("o", "k")
        assert not isinstance(app.screen, SaveSummary) and copied == []


async def test_the_client_is_closed_when_the_screen_closes(db_path: Path, fake: FakeClient) -> None:
    app = make_app(db_path, today=TODAY)
    async with app.run_test(size=LARGE) as pilot:
        await open_review(app, pilot)
        assert not fake.closed
        await pilot.press("escape")
        await wait_until(pilot, lambda: youth_in_full(app))
        assert fake.aborted and fake.closed


async def test_palette_entry_prepares_the_anonymiser(
    db_path: Path, monkeypatch: pytest.MonkeyPatch, notices: Notices
) -> None:
    built: list[bool] = []
    monkeypatch.setattr("coach.privacy.deduce_engine.cache_is_built", lambda: False)
    monkeypatch.setattr(
        "coach.privacy.worker.build_cache", lambda progress: (progress("deduce laden", 0.5), built.append(True))
    )
    app = make_app(db_path, today=TODAY)
    async with app.run_test(size=LARGE) as pilot:
        names = [command.title for command in app.get_system_commands(app.screen)]
        assert "Anonimiseerder klaarzetten" in names
        anonymiser_setup.prepare_anonymiser(app)
        await wait_until(pilot, lambda: built == [True])
        await app.workers.wait_for_complete()
        await pilot.pause()
        messages = notices
        assert any("staat klaar" in m for m in messages) and any("50 %" in m for m in messages)


# --- end to end with deduce --------------------------------------------------------------------


async def test_end_to_end_with_the_real_worker(
    db_path: Path, anonymiser_client, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    shared = SharedClient(anonymiser_client)
    monkeypatch.setattr(intervision, "make_client", lambda: shared)
    app = make_app(db_path, today=TODAY)
    async with app.run_test(size=LARGE) as pilot:
        screen = await open_review(app, pilot)
        summary = screen.summary
        assert leaks(summary.text, db_path) == [] and STRANGER not in summary.text
        pane = screen.query_one("#iv-summary", MarkedText)
        stranger = next(r for r in summary.replacements if r.original == STRANGER)
        assert stranger.source == "deduce" and styled_at(pane, stranger.out_start)
        await pilot.press("o")
        await wait_until(pilot, lambda: isinstance(app.screen, SaveSummary))
        target = tmp_path / "echt.md"
        app.screen.query_one(Input).value = str(target)
        await pilot.press("enter")
        await wait_until(pilot, lambda: target.exists())
        assert leaks(target.read_text(encoding="utf-8"), db_path) == []
        await pilot.press("escape")
        await wait_until(pilot, lambda: youth_in_full(app))
        assert shared.closed


def test_help_points_at_the_section_on_this_screen() -> None:
    from coach.content.guides import headings
    from coach.paths import guides_dir

    guide, slug = IntervisionScreen.help_target(None)
    text = (guides_dir() / guide).read_text(encoding="utf-8")
    assert slug in {found for _level, _title, found in headings(text)}


async def test_short_stretches_are_not_hidden_everywhere_and_panes_follow(
    db_path: Path, fake: FakeClient, notices: Notices
) -> None:
    app = make_app(db_path, today=TODAY)
    async with app.run_test(size=LARGE) as pilot:
        screen = await open_review(app, pilot)
        pane = screen.query_one("#iv-summary", MarkedText)
        put_cursor(pane, pane.text.index("2 (niet zelfredzaam)"))
        await pilot.press("h")
        assert not [r for r in screen.summary.replacements if r.source == "manual"]
        assert notices.any_with("minstens drie")
        # Moving through the summary keeps the source at the same place.
        at = pane.text.index("woningcorporatie")
        put_cursor(pane, at)
        await pilot.pause()
        source = screen.query_one("#iv-source", MarkedText)
        index = source.document.get_index_from_location(source.cursor_location)
        assert source.text[index:].startswith("woningcorporatie")


async def test_quitting_the_app_closes_the_client(db_path: Path, fake: FakeClient) -> None:
    app = make_app(db_path, today=TODAY)
    async with app.run_test(size=LARGE) as pilot:
        await open_review(app, pilot)
        await pilot.press("q")
        await wait_until(pilot, lambda: not app.is_running or fake.closed)
    assert fake.aborted and fake.closed
