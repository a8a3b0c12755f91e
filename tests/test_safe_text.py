"""Text from a case made safe for a terminal (issue 16, point 5): in the pure function, and in the app."""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest
from helpers import make_case
from rich.console import Console

from coach.domain.safe_text import is_visible, json_visible, visible, visible_in
from coach.store.cases import insert_cases
from coach.store.db import open_db

ATTACK = "Evil\x1b]0;pwned\x07\x1b[2J"


@pytest.mark.parametrize(
    ("raw", "shown"),
    [
        ("gewoon", "gewoon"),
        ("a\x1b[2Jb", "a␛[2Jb"),
        ("bel\x07", "bel␇"),
        ("csi\x9b2J", "csi\\x9b2J"),
        ("del\x7f", "del␡"),
        ("nul\x00", "nul␀"),
        ("cr\rlf", "cr␍lf"),
        ("regel\nen\ttab", "regel\nen\ttab"),
        ("\u202egnirts", "\\u202egnirts"),
        ("los\ud800", "los\ufffd"),
    ],
)
def test_visible_shows_every_control_character(raw, shown):
    assert visible(raw) == shown
    assert is_visible(visible(raw))


def test_single_line_text_shows_newlines_too():
    assert visible("a\nb\tc", multiline=False) == "a␊b␉c"


def test_clean_text_is_given_back_as_it_is():
    text = "Sanne de Vries"
    assert visible(text) is text


def test_json_visible_keeps_the_value_and_escapes_what_json_leaves():
    import json

    data = {"name": "csi\x9bX \u202e los\ud800"}
    text = json_visible(json.dumps(data, ensure_ascii=False))
    assert is_visible(text) and json.loads(text) == data


@dataclass(frozen=True)
class Inner:
    text: str


@dataclass
class Outer:
    name: str
    items: list[Inner]
    pair: tuple[str, int]


def test_visible_in_reaches_into_dataclasses_lists_and_tuples_and_copies_only_what_changes():
    clean = Outer("Sanne", [Inner("ok")], ("x", 1))
    assert visible_in(clean) is clean
    dirty = Outer("a\x1bb", [Inner("ok"), Inner("c\x1b")], ("\x07", 1))
    shown = visible_in(dirty)
    assert shown.name == "a␛b" and shown.items[1].text == "c␛" and shown.pair == ("␇", 1)
    assert shown.items[0] is dirty.items[0] and dirty.name == "a\x1bb"  # the original is untouched


async def test_the_app_shows_escape_sequences_from_a_case_without_passing_them_to_the_terminal(tmp_path: Path):
    """Textual writes text as it is (only BEL is dropped): the app shows the case through `visible`."""
    from coach.tui.app import make_app
    from coach.tui.screens.youth import YouthScreen

    path = tmp_path / "coach.db"
    db = open_db(path)
    case = make_case(ATTACK, full=True)
    case.warm_story[0].text = "verhaal\x1b]0;titel\x07 \x1b[2J"
    insert_cases(db, [case])
    db.close()
    app = make_app(path, today=date(2026, 3, 10))
    async with app.run_test(size=(120, 40)) as pilot:
        out = _terminal_output(app)
        assert "Evil␛]0;pwned" in out and "]0;pwned" not in out.replace("␛]0;pwned", "")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, YouthScreen)
        out = _terminal_output(app)
        assert "Evil␛]0;pwned" in out
        assert "\x1b]0;" not in out and "\x1b[2J" not in out


def _terminal_output(app) -> str:
    """What the app would write to the terminal for the whole screen now (styles as ANSI codes)."""
    update = app.screen._compositor.render_update(full=True)
    buffer = io.StringIO()
    Console(file=buffer, force_terminal=True, color_system="truecolor", width=app.size.width).print(update)
    return buffer.getvalue()


async def test_the_palette_and_the_network_show_escapes_from_a_case_too(tmp_path: Path):
    """Names in the command palette and people in the network come from the database as well."""
    from textual.command import CommandPalette

    from coach.tui.app import make_app
    from coach.tui.screens.youth import YouthScreen

    path = tmp_path / "coach.db"
    db = open_db(path)
    case = make_case(ATTACK, full=True)
    case.network[0].name = "Oom\x1b]0;oom\x07"
    insert_cases(db, [case])
    db.close()
    app = make_app(path, today=date(2026, 3, 10))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, YouthScreen)
        shown = [person.name for person in app.screen.file.network]
        assert any(name.startswith("Oom␛]0;oom") for name in shown) and not any("\x1b" in name for name in shown)
        await pilot.press("ctrl+p")
        await pilot.pause()
        assert isinstance(app.screen, CommandPalette)
        await pilot.press(*"Evil")
        await pilot.pause(0.5)
        out = _terminal_output(app)
        assert "\x1b]0;pwned" not in out and "\x1b[2J" not in out
