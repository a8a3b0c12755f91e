"""The screens' stylesheets, read ahead of time so that opening a screen stays quick."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from textual.app import App

# Where the screens' own stylesheets (their CSS_PATH) live.
SCREENS_FOLDER = Path(__file__).parent / "screens"


def screen_stylesheets() -> list[Path]:
    """Every screen stylesheet, as the absolute, resolved path Textual makes of a screen's CSS_PATH."""
    # Textual keys a stylesheet by (module folder / name).resolve(); another spelling of the same
    # file would be read, and parsed, a second time.
    return sorted(path.resolve() for path in SCREENS_FOLDER.glob("*.tcss"))


def preload_screen_styles(app: App[Any]) -> None:
    """Read every screen's stylesheet that the app does not have yet, and re-parse once.

    Only the caseload's and the shared styles (coach.tcss) are parsed before the first
    frame; each other screen names its own file, which Textual reads the first time the
    screen is pushed. Whenever a pushed screen brings new CSS, Textual re-parses all
    of the app's CSS and restyles every widget (some 35 ms), so the first open of each
    screen would pay for it. Called right after the first frame, this pays that once,
    while the coach is still reading the caseload; a screen pushed later finds its file
    loaded and adds nothing. The rules are global either way, as they were when all of
    them lived in one file; no two files style the same widget, so the order they are
    read in does not matter.

    The widgets on screen are not restyled: no screen's file styles the caseload
    (tests/test_stylesheets.py checks this), so restyling them would give every one the
    style it has, for some 20 ms. A widget styled later gets every rule.
    """
    stylesheet = app.stylesheet
    new = [path for path in screen_stylesheets() if not stylesheet.has_source(str(path), "")]
    for path in new:
        stylesheet.read(path)
    if new:
        stylesheet.reparse()
