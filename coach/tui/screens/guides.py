"""The coach's handbook: the list of guides, search across all of them, and the guide being read."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual import events, on, work
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Header, Input, OptionList, Static
from textual.widgets.option_list import Option, OptionDoesNotExist
from textual.worker import get_current_worker

from coach.content.guides import INDEX, Hit, headings, links, list_guides, search
from coach.paths import guides_dir
from coach.tui.context import CoachScreen
from coach.tui.dialogs.guide_links import GuideLinks
from coach.tui.help import HelpTarget
from coach.tui.widgets.coach_footer import CoachFooter
from coach.tui.widgets.guide_hits import GuideHits
from coach.tui.widgets.guide_viewer import GuideViewer

SEARCH_LIMIT = 50
"""More hits than this are not listed; the coach is asked to type more."""

CONTENTS_MIN_WIDTH = 120
"""Below this many columns the table of contents starts folded away (it takes the list's place)."""


def section_titles(folder: Path) -> dict[str, dict[str, str]]:
    """Map guide file name → section slug → heading; the key '' holds the guide's title."""
    titles: dict[str, dict[str, str]] = {}
    for guide in list_guides(folder):
        sections = {slug: title for _level, title, slug in headings(guide.path.read_text(encoding="utf-8"))}
        sections[""] = guide.title
        titles[guide.name] = sections
    return titles


def link_choices(text: str, current: str, titles: dict[str, dict[str, str]]) -> list[tuple[str, str]]:
    """(label, href) for each distinct link in a guide, labelled 'Guide › Section'."""
    choices: list[tuple[str, str]] = []
    seen: set[str] = set()
    for href in links(text):
        target, _, slug = href.partition("#")
        sections = titles.get(target or current)
        if href in seen or sections is None:
            continue
        seen.add(href)
        label = sections[""]
        if slug and slug in sections:
            label = f"{label} › {sections[slug]}"
        choices.append((label, href))
    return choices


class GuidesScreen(CoachScreen[None]):
    """The handbook; Esc goes back to where the coach was."""

    CSS_PATH = "guides.tcss"
    TITLE = "Handboek"
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (CONTENTS_MIN_WIDTH, "-wide")]
    BINDINGS = [
        Binding("escape", "close", "Terug", id="guides.close", tooltip="Terug naar waar je was"),
        Binding("slash", "search", "Zoeken", id="guides.search", tooltip="Zoek in alle stukken van het handboek"),
        Binding("l", "links", "Links", id="guides.links", tooltip="Kies een verwijzing in dit stuk"),
        Binding("t", "toggle_contents", "Inhoud", id="guides.contents", tooltip="Toon of verberg de inhoudsopgave"),
        Binding(
            "backspace",
            "previous",
            "Vorige",
            id="guides.previous",
            key_display="⌫",
            tooltip="Terug naar de vorige plek in het handboek",
        ),
    ]

    def __init__(self, folder: Path, guide: str = INDEX, slug: str | None = None, *, searching: bool = False) -> None:
        super().__init__()
        self._folder = Path(folder)
        self._start: HelpTarget = (guide, slug)
        self._searching = searching
        self._titles = section_titles(self._folder)
        self._wide: bool | None = None

    def compose(self) -> ComposeResult:
        # Made with the contents shown or not as the terminal's width asks: switching it over
        # afterwards builds or removes the whole table of contents.
        self._wide = self.app.size.width >= CONTENTS_MIN_WIDTH
        yield Header()
        with Horizontal(id="guides-body"):
            with Vertical(id="guides-side", classes="-contents" if self._wide else ""):
                yield Input(placeholder="Zoek een woord", id="guide-search")
                yield Static(id="search-status")
                yield OptionList(
                    *(Option(sections[""], id=name) for name, sections in self._titles.items()), id="guide-list"
                )
                yield GuideHits(id="guide-hits")
            yield GuideViewer(self._folder, show_table_of_contents=self._wide, id="guide-viewer")
        yield CoachFooter()

    @property
    def viewer(self) -> GuideViewer:
        """The viewer showing the current guide."""
        return self.query_one(GuideViewer)

    async def on_mount(self) -> None:
        await self.go(*self._start, searching=self._searching)

    def help_target(self) -> HelpTarget:
        """Help on the handbook screen is the handbook's own 'how to use it'."""
        return (INDEX, "zo-gebruik-je-dit-handboek")

    async def go(self, guide: str | None = None, slug: str | None = None, *, searching: bool = False) -> None:
        """Open a guide at a section (None: stay where the coach was) and put the cursor where it helps."""
        # Focus first: the hits lie over the text on a narrow terminal and close when the field loses focus.
        if searching:
            self.action_search()
        elif guide is not None:
            self.viewer.document.focus(scroll_visible=False)
        if guide is not None:
            await self.show(guide, slug)

    async def show(self, guide: str, slug: str | None = None) -> None:
        """Open a guide at a section; if it is missing, say so and show the index."""
        viewer = self.viewer
        if await viewer.open(guide, slug):
            return
        self.notify("Dit stuk van het handboek is niet gevonden; je ziet nu de inhoud.", severity="warning")
        await viewer.open(INDEX)

    # --- following what the viewer shows -----------------------------------------------

    def on_guide_viewer_opened(self, message: GuideViewer.Opened) -> None:
        self.sub_title = self._titles.get(message.guide, {}).get("", message.guide)
        guide_list = self.query_one("#guide-list", OptionList)
        try:
            guide_list.highlighted = guide_list.get_option_index(message.guide)
        except OptionDoesNotExist:  # a guide added to the folder while coach runs
            guide_list.highlighted = None

    def on_resize(self, event: events.Resize) -> None:
        # Fold the contents away on a narrow terminal, show it on a wide one, until the coach toggles it.
        wide = event.size.width >= CONTENTS_MIN_WIDTH
        if wide != self._wide:
            self._wide = wide
            self._set_contents(wide)

    def _set_contents(self, show: bool) -> None:
        self.viewer.show_table_of_contents = show
        # On the side panel, not the screen: a class on the screen restyles every block of the guide.
        self.query_one("#guides-side").set_class(show, "-contents")

    # --- choosing a guide or a hit -----------------------------------------------------------

    @on(OptionList.OptionSelected, "#guide-list")
    async def _guide_chosen(self, event: OptionList.OptionSelected) -> None:
        if event.option.id:
            await self.go(event.option.id)

    @on(GuideHits.OptionSelected, "#guide-hits")
    async def _hit_chosen(self, event: OptionList.OptionSelected) -> None:
        if event.option.id:
            await self.go(*GuideHits.target(event.option.id))

    # --- search ----------------------------------------------------------------------------

    @on(Input.Changed, "#guide-search")
    def _query_changed(self, event: Input.Changed) -> None:
        query = event.value.strip()
        # On the side panel, not the screen: a class on the screen restyles every block of the guide.
        self.query_one("#guides-side").set_class(bool(query), "-searching")
        if query:
            self._search(query)
        else:
            self.workers.cancel_group(self, "guide-search")
            self.query_one(GuideHits).clear_options()
            self.query_one("#search-status", Static).update("")

    @on(Input.Submitted, "#guide-search")
    def _query_submitted(self) -> None:
        hits = self.query_one(GuideHits)
        if hits.option_count:
            hits.focus()

    @work(thread=True, exclusive=True, group="guide-search", exit_on_error=False)
    def _search(self, query: str) -> None:
        try:
            hits = search(self._folder, query, limit=SEARCH_LIMIT + 1)
        except (OSError, UnicodeDecodeError):
            hits = None
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self._show_hits, query, hits)

    def _show_hits(self, query: str, hits: list[Hit] | None) -> None:
        if query != self.query_one("#guide-search", Input).value.strip():
            return  # the coach typed on; a newer search is coming
        status = self.query_one("#search-status", Static)
        if hits is None:
            status.update("Het handboek kon niet worden gelezen.")
            hits = []
        elif not hits:
            status.update("Niets gevonden. Probeer een ander of korter woord.")
        elif len(hits) > SEARCH_LIMIT:
            hits = hits[:SEARCH_LIMIT]
            status.update(f"Meer dan {SEARCH_LIMIT} plekken; typ een woord meer.")
        else:
            status.update("1 plek" if len(hits) == 1 else f"{len(hits)} plekken")
        self.query_one(GuideHits).show(hits, query, self._titles)

    # --- actions -----------------------------------------------------------------------------

    def action_close(self) -> None:
        self.dismiss()

    def action_search(self) -> None:
        self.query_one("#guide-search", Input).focus()

    def action_toggle_contents(self) -> None:
        self._set_contents(not self.viewer.show_table_of_contents)

    async def action_previous(self) -> None:
        await self.viewer.back()

    def action_links(self) -> None:
        viewer = self.viewer
        if viewer.guide is None:
            return
        choices = link_choices(viewer.document.source, viewer.guide, self._titles)
        if not choices:
            self.notify("Dit stuk verwijst niet naar andere stukken.")
            return
        self.app.push_screen(GuideLinks(choices), self._follow)

    async def _follow(self, href: str | None) -> None:
        if href:
            self.viewer.document.focus(scroll_visible=False)
            await self.viewer.follow(href)


HANDBOOK = "handbook"
"""The name the handbook screen is installed under: kept between visits, so place and search stay."""


async def open_handbook(
    app: App[Any], guide: str | None = None, slug: str | None = None, *, searching: bool = False
) -> None:
    """Show the handbook, at a guide and section if given (else where the coach left it)."""
    fresh = not app.is_screen_installed(HANDBOOK)
    if fresh:
        app.install_screen(GuidesScreen(guides_dir(), guide or INDEX, slug, searching=searching), HANDBOOK)
    installed = app.get_screen(HANDBOOK)
    assert isinstance(installed, GuidesScreen)  # installed above under this name
    screen = installed
    if screen in app.screen_stack and screen is not app.screen:
        # Asked for from a screen on top of the handbook (a young person opened from it): a new one.
        screen = GuidesScreen(guides_dir(), guide or INDEX, slug, searching=searching)
        fresh = True
    if screen is not app.screen:
        await app.push_screen(screen)
    if not fresh:
        await screen.go(guide, slug, searching=searching)
