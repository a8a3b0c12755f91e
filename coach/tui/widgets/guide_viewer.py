"""The handbook viewer: Textual's MarkdownViewer that opens guides by name and section."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from textual.app import ComposeResult
from textual.message import Message
from textual.widgets import Markdown, MarkdownViewer
from textual.widgets.markdown import MarkdownTableOfContents

from coach.content.guides import textual_anchor
from coach.tui.widgets.body import restyle_alone

_EXTERNAL = re.compile(r"^[a-z][a-z0-9+.-]*:", re.IGNORECASE)


class GuideDocument(Markdown):
    """The guide's text: restyles only itself when the focus comes or goes, as a Body does.

    A guide is some thousand widgets; Textual restyled every one of them each time the
    coach moved between the text and the search field (tests/test_stylesheets.py checks
    that no rule styles the text's inside by its focus).
    """

    def watch_has_focus(self, has_focus: bool) -> None:
        restyle_alone(self)


class GuideViewer(MarkdownViewer):
    """Shows one guide with its table of contents; links open other guides, never the web."""

    @dataclass
    class Opened(Message):
        """A guide (and maybe a section in it) is now shown."""

        viewer: GuideViewer
        guide: str
        slug: str | None

        @property
        def control(self) -> GuideViewer:
            """The viewer that opened the guide."""
            return self.viewer

    def __init__(self, folder: Path, *, show_table_of_contents: bool = True, id: str | None = None) -> None:
        super().__init__(id=id, open_links=False, show_table_of_contents=show_table_of_contents)
        self.folder = Path(folder)
        self.guide: str | None = None
        self.slug: str | None = None
        self._history: list[tuple[str, str | None]] = []

    def compose(self) -> ComposeResult:
        # As MarkdownViewer composes itself, with our document (links are never opened from it).
        document = GuideDocument(open_links=False)
        document.can_focus = True
        yield document
        yield MarkdownTableOfContents(document)

    def path_of(self, guide: str) -> Path | None:
        """Return the file of a guide in the handbook folder, or None (no paths outside it)."""
        name = PurePosixPath(guide)
        if len(name.parts) != 1 or name.suffix != ".md":
            return None
        path = self.folder / name.name
        return path if path.is_file() else None

    async def open(self, guide: str, slug: str | None = None, *, remember: bool = True) -> bool:
        """Show a guide at a section (slug as in coach.content.guides, accents unencoded); False if not found."""
        path = self.path_of(guide)
        if path is None:
            return False
        before_guide, before_slug = self.guide, self.slug
        if guide != self.guide:
            try:
                await self.document.load(path)
            except (OSError, UnicodeDecodeError):
                return False
            self.guide = guide
        if remember and before_guide is not None and (before_guide, before_slug) != (guide, slug):
            self._history.append((before_guide, before_slug))
        # Textual percent-encodes its heading slugs, so an accented anchor needs encoding here.
        if slug is None or not self.document.goto_anchor(textual_anchor(slug)):
            slug = None
            self.scroll_home(animate=False)
        self.slug = slug
        self.post_message(self.Opened(self, guide, slug))
        return True

    async def back(self) -> None:
        """Go back to the guide and section shown before the last jump."""
        while self._history:
            guide, slug = self._history.pop()
            if await self.open(guide, slug, remember=False):
                return

    async def follow(self, href: str) -> bool:
        """Follow a link from the current guide; links to the web are not opened (coach works offline)."""
        if _EXTERNAL.match(href):
            self.notify("Links naar internet opent coach niet; coach werkt zonder internet.", severity="warning")
            return False
        target, _, anchor = href.partition("#")
        guide = target or self.guide
        if guide is None or not await self.open(guide, anchor or None):
            self.notify("Dit stuk van het handboek is niet gevonden.", severity="warning")
            return False
        return True

    async def on_markdown_link_clicked(self, event: Markdown.LinkClicked) -> None:
        # Handled here instead of by MarkdownViewer, whose navigator would miss accented anchors.
        event.prevent_default()
        event.stop()
        await self.follow(event.href)
