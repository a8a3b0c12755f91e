"""The styles are split per screen: the start parses only the app's own file, each screen brings its own."""

from __future__ import annotations

import importlib
import inspect
import pkgutil
from datetime import date
from pathlib import Path

import pytest
from helpers import restyle_changes, wait_until, youth_in_full
from textual import events
from textual.app import App
from textual.css.model import CombinatorType, Selector, SelectorType
from textual.css.stylesheet import Stylesheet
from textual.screen import Screen
from textual.widget import Widget

import coach.tui.dialogs as dialogs_package
import coach.tui.screens as screens_package
from coach.tui.app import CoachApp, make_app
from coach.tui.dialogs.confirm import Confirm
from coach.tui.dialogs.palette import CoachPalette
from coach.tui.dialogs.phase_dialog import PhaseDialog
from coach.tui.screens.caseload import CaseloadScreen
from coach.tui.stylesheets import preload_screen_styles, screen_stylesheets
from coach.tui.widgets.body import Body
from coach.tui.widgets.caseload_table import CaseloadTable
from coach.tui.widgets.guide_viewer import GuideDocument

SIZE = (80, 24)
SCREENS_FOLDER = Path(screens_package.__file__).resolve().parent
APP_STYLESHEET = (Path(inspect.getfile(CoachApp)).parent / CoachApp.CSS_PATH).resolve()
# The first screen is styled by the app's own stylesheet.
STYLED_BY_THE_APP = {CaseloadScreen}
# Textual's own command palette, only made Dutch: its DEFAULT_CSS styles it.
STYLED_BY_TEXTUAL = {CoachPalette}


def screen_classes() -> list[type[Screen]]:
    """Every Screen (and ModalScreen) class defined in coach.tui.screens and coach.tui.dialogs."""
    found = []
    for package in (screens_package, dialogs_package):
        for info in pkgutil.iter_modules(package.__path__):
            module = importlib.import_module(f"{package.__name__}.{info.name}")
            found += [
                cls
                for _, cls in inspect.getmembers(module, inspect.isclass)
                if issubclass(cls, Screen) and cls.__module__ == module.__name__
            ]
    return found


def css_files(cls: type[Screen]) -> list[Path]:
    """The stylesheets a screen class names, as Textual resolves them (next to the class's module)."""
    paths = [cls.CSS_PATH] if isinstance(cls.CSS_PATH, (str, Path)) else list(cls.CSS_PATH or [])
    return [(Path(inspect.getfile(cls)).parent / path).resolve() for path in paths]


def tcss_sources(app: CoachApp) -> list[Path]:
    """The stylesheet files the app has read (not the widgets' DEFAULT_CSS), in the order read."""
    return [Path(path) for path, class_var in app.stylesheet.source if not class_var and path.endswith(".tcss")]


async def caseload_shown(app: CoachApp, pilot) -> None:
    await wait_until(pilot, lambda: isinstance(app.screen, CaseloadScreen) and bool(app.screen.query(CaseloadTable)))


async def youth_and_phase_dialog(app: CoachApp, pilot) -> None:
    """The first young person's screen, and over it the phase dialog."""
    app.open_youth(1)
    await wait_until(pilot, lambda: youth_in_full(app))
    await pilot.press("p")
    await wait_until(pilot, lambda: isinstance(app.screen, PhaseDialog))


async def test_the_first_frame_parses_only_the_apps_stylesheet(
    case_db: Path, today: date, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Textual posts Ready once the first screen is laid out: what is in the stylesheet then was parsed
    # before the first frame. Anything read after it (preload_screen_styles) does not count here.
    app = make_app(case_db, today=today)
    at_first_frame: list[list[Path]] = []
    ready_init = events.Ready.__init__

    def ready(self, *args, **kwargs) -> None:
        ready_init(self, *args, **kwargs)
        at_first_frame.append(tcss_sources(app))

    monkeypatch.setattr(events.Ready, "__init__", ready)
    async with app.run_test(size=SIZE) as pilot:
        await caseload_shown(app, pilot)
        assert at_first_frame == [[APP_STYLESHEET]]
        # And the caseload is styled by it.
        assert app.screen.query_one("#summary").styles.margin.top == 1


@pytest.mark.parametrize("cls", screen_classes(), ids=lambda cls: cls.__name__)
def test_every_screen_names_stylesheets_that_exist(cls: type[Screen]) -> None:
    if cls in STYLED_BY_THE_APP | STYLED_BY_TEXTUAL:
        assert cls.CSS_PATH is None
        return
    files = css_files(cls)
    assert files, f"{cls.__name__} has no CSS_PATH"
    for path in files:
        assert path.parent == SCREENS_FOLDER and path.is_file(), path


def test_every_screen_stylesheet_belongs_to_a_screen() -> None:
    named = {path for cls in screen_classes() for path in css_files(cls)}
    assert set(screen_stylesheets()) == named


async def test_preloading_reads_each_screen_stylesheet_once_and_a_screen_adds_none(
    case_db: Path, today: date, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = make_app(case_db, today=today)
    async with app.run_test(size=SIZE) as pilot:
        await caseload_shown(app, pilot)
        preload_screen_styles(app)  # also parses every screen's rules: a CSS error fails here, not on first open
        read = tcss_sources(app)
        assert read == [APP_STYLESHEET, *screen_stylesheets()]
        reparsed: list[bool] = []
        reparse = app.stylesheet.reparse
        monkeypatch.setattr(app.stylesheet, "reparse", lambda: (reparsed.append(True), reparse()))

        preload_screen_styles(app)  # a second time: nothing left to read
        # Screens push their CSS_PATH, which is read already: no file is read twice, nothing is re-parsed.
        await youth_and_phase_dialog(app, pilot)
        app.push_screen(Confirm("Zeker?"))
        await wait_until(pilot, lambda: isinstance(app.screen, Confirm))
        assert tcss_sources(app) == read
        assert reparsed == []


@pytest.mark.parametrize("fixture", ["case_db", "empty_db"])
async def test_no_screens_stylesheet_styles_the_caseload(
    fixture: str, today: date, request: pytest.FixtureRequest
) -> None:
    # preload_screen_styles adds every screen's rules after the first frame without restyling
    # what is on screen: that is right only while none of those rules applies to the caseload.
    app = make_app(request.getfixturevalue(fixture), today=today)
    async with app.run_test(size=SIZE) as pilot:
        await caseload_shown(app, pilot)
        await wait_until(pilot, lambda: app.stylesheet.has_source(str(screen_stylesheets()[0]), ""))
        await pilot.pause()
        assert restyle_changes(app.screen) == []


def widget_classes() -> set[type[Widget]]:
    """Every widget class of ours and of Textual's widget library, imported."""
    import textual.widgets

    import coach.tui

    for info in pkgutil.walk_packages(coach.tui.__path__, prefix="coach.tui."):
        importlib.import_module(info.name)
    for name in textual.widgets.__all__:
        getattr(textual.widgets, name)
    found: set[type[Widget]] = set()
    todo: list[type[Widget]] = [Widget]
    while todo:
        cls = todo.pop()
        found.add(cls)
        todo += [sub for sub in cls.__subclasses__() if sub not in found]
    return found


def test_no_rule_styles_what_lies_in_a_body_by_the_bodys_focus() -> None:
    # Body and the handbook's text restyle only themselves when the focus comes or goes (widgets/body.py).
    # That is right while no rule, in our stylesheets or any widget's DEFAULT_CSS, reads like `Body:focus Label`.
    classes = widget_classes()
    bodies = [cls for cls in classes if issubclass(cls, (Body, GuideDocument))]
    body_names = {name for cls in bodies for name in cls._css_type_names}
    sheet = Stylesheet(variables=App().get_css_variables())
    for path in [APP_STYLESHEET, *screen_stylesheets()]:
        sheet.read(path)
    for cls in classes:
        if cls.__dict__.get("DEFAULT_CSS", "").strip():
            sheet.add_source(cls.DEFAULT_CSS, read_from=(inspect.getfile(cls), cls.__name__), is_default_css=True)
    sheet.parse()

    def outer_parts(selectors: list[Selector]) -> list[list[Selector]]:
        """The compound selectors before the last one: `A.b:focus > C` gives [[A, .b:focus]]."""
        parts: list[list[Selector]] = []
        for selector in selectors:
            if not parts or selector.combinator != CombinatorType.SAME:
                parts.append([])
            parts[-1].append(selector)
        return parts[:-1]

    offending = [
        rule.selector_set
        for rule in sheet.rules
        for selector_set in rule.selector_set
        for part in outer_parts(selector_set.selectors)
        if any("focus" in selector.pseudo_classes for selector in part)
        and all(selector.name in body_names for selector in part if selector.type == SelectorType.TYPE)
    ]
    assert len(bodies) >= 4 and {"VerticalScroll", "Markdown"} <= body_names
    assert offending == []


async def test_a_screen_is_styled_as_it_mounts_and_not_again_when_first_shown(
    case_db: Path, today: date, monkeypatch: pytest.MonkeyPatch
) -> None:
    # coach.tui.context.show: Textual would restyle the whole screen once more on its first showing.
    app = make_app(case_db, today=today)
    async with app.run_test(size=SIZE) as pilot:
        await caseload_shown(app, pilot)
        restyled: list[list[object]] = []
        update_nodes = app.stylesheet.update_nodes

        def spy(nodes, animate: bool = False) -> None:
            nodes = list(nodes)
            restyled.append(nodes)
            update_nodes(nodes, animate=animate)

        monkeypatch.setattr(app.stylesheet, "update_nodes", spy)
        await youth_and_phase_dialog(app, pilot)
        youth, dialog = app.screen_stack[-2:]
        assert [nodes for nodes in restyled if youth in nodes or dialog in nodes] == []
        # And each is styled as a full restyle would style it.
        assert restyle_changes(youth) == restyle_changes(dialog) == []
