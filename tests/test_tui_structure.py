"""The shape of coach.tui that the linters do not check: dialogs apart, typed by their base, no SQL outside the store."""

from __future__ import annotations

import importlib
import inspect
import pkgutil
import re
from pathlib import Path

from textual.command import CommandPalette
from textual.screen import ModalScreen

import coach.tui
from coach.tui.context import CoachModal

TUI = Path(coach.tui.__file__).parent
SQL = re.compile(r"\b(SELECT\s.+\sFROM|INSERT\s+INTO|UPDATE\s+\w+\s+SET|DELETE\s+FROM|PRAGMA\s+\w+)", re.IGNORECASE)


def tui_modules() -> list[str]:
    return [info.name for info in pkgutil.walk_packages([str(TUI)], prefix="coach.tui.")]


def test_every_dialog_lives_in_dialogs_and_is_a_coach_modal() -> None:
    for name in tui_modules():
        module = importlib.import_module(name)
        for _, cls in inspect.getmembers(module, inspect.isclass):
            if cls.__module__ != name or not issubclass(cls, ModalScreen) or cls is CoachModal:
                continue
            assert name.startswith("coach.tui.dialogs."), f"{cls.__name__} is a dialog outside tui/dialogs/"
            # Textual's own command palette, only made Dutch, stays Textual's screen.
            assert issubclass(cls, CoachModal | CommandPalette), f"{cls.__name__} should subclass CoachModal"


def test_no_sql_outside_the_store() -> None:
    package = TUI.parent
    for path in package.rglob("*.py"):
        if path.is_relative_to(package / "store"):
            continue
        text = path.read_text(encoding="utf-8")
        assert not SQL.search(text), f"SQL in {path.relative_to(package)}: the store owns the queries"


def test_help_imports_no_screen() -> None:
    # Screens name their own handbook section; help.py only asks them (no import circle).
    text = (TUI / "help.py").read_text(encoding="utf-8")
    assert "coach.tui.screens" not in text
