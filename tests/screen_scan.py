"""Scan a rendered screen for what a Dutch coach must never see: Textual's default English, and a footer cut off.

Works on the text of a screen (one string per line) and on an SVG snapshot as
pytest-textual-snapshot writes it (and `App.export_screenshot()` returns).
`assert_screen_clean(text_or_svg)` fails with every problem found at once.
"""

from __future__ import annotations

import html
import re
from collections import defaultdict

# Words Textual (and click) show by default when nobody translated them. Whole words and
# case-sensitive, so Dutch that happens to contain them ("Keyser") does not trip the scan.
ENGLISH_DEFAULTS = (
    "No matches found",
    "Search for commands",
    "Search…",
    "Dismiss",
    "Scroll Up",
    "Scroll Down",
    "Scroll Left",
    "Scroll Right",
    "Scroll Home",
    "Scroll End",
    "Page Up",
    "Page Down",
    "Page Left",
    "Page Right",
    "Focus Next",
    "Focus Previous",
    "Copy selected text",
    "Copy",
    "Paste",
    "Cut",
    "Undo",
    "Redo",
    "Select all",
    "Quit",
    "Keys",
    "Palette",
    "Maximize",
    "Minimize",
    "Screenshot",
    "Theme",
    "Toggle",
    "Delete",
    "Cancel",
    "Close",
    "Select",
    "Invalid value",
    "Usage:",
    "Options:",
    "Show this message",
)

# The separator Textual's footer draws before the command palette key (its `border-left: vkey`).
PALETTE_SEPARATOR = "▏"


def screen_lines(text_or_svg: str) -> list[str]:
    """The screen's lines, from plain text or from an SVG screenshot."""
    if "<svg" not in text_or_svg[:2000]:
        return text_or_svg.splitlines()
    return svg_lines(text_or_svg)


def svg_lines(svg: str) -> list[str]:
    """The text lines of a Rich/Textual SVG screenshot, each rebuilt from its pieces in order."""
    # Rich leaves out runs of blanks, so each piece goes back to its column: x divided by the cell width.
    pieces: dict[int, list[tuple[float, str]]] = defaultdict(list)
    pattern = re.compile(
        r'<text[^>]*?\bx="(?P<x>[\d.]+)"[^>]*?textLength="(?P<width>[\d.]+)"'
        r'[^>]*?clip-path="url\(#[\w-]+-line-(?P<line>\d+)\)"[^>]*>(?P<text>.*?)</text>',
        re.S,
    )
    cell = 0.0
    for match in pattern.finditer(svg):
        text = html.unescape(match["text"]).replace("\xa0", " ")
        pieces[int(match["line"])].append((float(match["x"]), text))
        if not cell and text:
            cell = float(match["width"]) / len(text)
    lines: list[str] = []
    for number in sorted(pieces):
        line = ""
        for x, text in sorted(pieces[number]):
            column = round(x / cell) if cell else len(line)
            line = line.ljust(column) + text
        lines.append(line.rstrip("\n"))
    return lines


def english_on_screen(lines: list[str]) -> list[str]:
    """Every default English phrase found, with the line it is on."""
    found: list[str] = []
    for line in lines:
        for phrase in ENGLISH_DEFAULTS:
            if re.search(rf"(?<![\w]){re.escape(phrase)}(?![\w])", line):
                found.append(f"{phrase!r} in {line.strip()!r}")
    return found


def footer_problems(lines: list[str], width: int | None = None) -> list[str]:
    """What is wrong with the footer (the last line): a binding cut off, or stray text after the palette key.

    `width`, when known, is the screen's: a last line without the palette key (a screen's own
    hint line, such as samen invullen's) is only cut off when it reaches the right edge.
    """
    if not lines:
        return []
    footer = lines[-1].rstrip("\n")
    if PALETTE_SEPARATOR not in footer:
        # No palette key drawn on the right: a binding running into the right edge is cut off.
        if width is not None:
            return [f"footer runs off the screen: {footer!r}"] if len(footer.rstrip()) >= width else []
        return [f"footer runs off the screen: {footer!r}"] if footer and not footer.endswith(" ") else []
    before, _, after = footer.partition(PALETTE_SEPARATOR)
    problems: list[str] = []
    if before.strip() and not before.endswith(" "):
        problems.append(f"the last binding before the palette key is cut off: {footer!r}")
    # The palette key itself: "^p Zoeken" and nothing glued to it (a panel docked on the right may follow,
    # behind its own border).
    if not re.fullmatch(rf" ?\S+ \S+ *(?:{PALETTE_SEPARATOR}.*)?", after):
        problems.append(f"text after the palette key: {after!r} in {footer!r}")
    return problems


def screen_problems(text_or_svg: str, *, footer: bool = True, width: int | None = None) -> list[str]:
    """Everything this scan finds wrong with one screen (`width`: the screen's, when known)."""
    lines = screen_lines(text_or_svg)
    return english_on_screen(lines) + (footer_problems(lines, width) if footer else [])


def assert_screen_clean(
    text_or_svg: str, *, footer: bool = True, where: str = "screen", width: int | None = None
) -> None:
    """Fail with every English default and footer problem on this screen."""
    problems = screen_problems(text_or_svg, footer=footer, width=width)
    assert not problems, f"{where}:\n  " + "\n  ".join(problems)
