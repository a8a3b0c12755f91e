"""The caseload as the coach's weekly desk: sort, filter, search, 'deze week', totals per phase."""

from __future__ import annotations

import asyncio
import importlib
from datetime import date
from functools import cached_property

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.content import Content
from textual.widgets import Header, Static

from coach.domain.caseload import CaseloadEntry
from coach.domain.desk import SORT_ORDERS, CaseloadFilter, describe
from coach.domain.this_week import week_window
from coach.tui.context import CoachScreen
from coach.tui.desk import Desk, ready_to_taper
from coach.tui.formatting import short_date
from coach.tui.help import HelpTarget
from coach.tui.stylesheets import preload_screen_styles
from coach.tui.widgets.caseload_columns import CASELOAD_COLUMNS, week_columns
from coach.tui.widgets.caseload_table import CaseloadTable
from coach.tui.widgets.coach_footer import CoachFooter
from coach.tui.widgets.desk_bar import DeskBar, DeskState
from coach.tui.widgets.desk_totals import DeskTotals
from coach.tui.widgets.search_field import SearchField

ALL_CLOSED_TEXT = """\
[b]Geen jongeren in een lopend traject.[/b]

Alle trajecten in deze database zijn afgesloten. Druk op [b]n[/b] om een nieuwe jongere \
aan te melden."""

EMPTY_TEXT = """\
[b]Nog geen jongeren in deze database.[/b]

Druk op [b]n[/b] om een jongere aan te melden: naam, geboortedatum, wie aanmeldde en waarom.
Een dossier uit een ander systeem lees je in met [b]coach import BESTAND.json[/b].

Eerst rondkijken? Start [b]coach demo[/b]: dat opent de app met fictieve jongeren, \
los van je eigen gegevens."""

# What the marks of the rhythm strip mean; shown under the table when there is room.
LEGEND = Content.from_markup(
    "[dim]Ritme per week, oudste links:[/] [$success]●[/] contact  [$error]✕[/] niet verschenen  "
    "[$warning]○[/] afgezegd  [$primary]◌[/] gepland  [dim]·[/] geen contact  [$warning]⇄[/] nieuwe coach"
)
TALL = 36
# Files read for "toe aan afbouw?" before the screen gets a turn again.
TAPER_BATCH = 20
# Seconds after loading before 'deze week' is worked out ahead (not in the way of the first frames).
WEEK_AFTER = 0.3

# Rows read before the first paint: more than fit on a tall screen.
FIRST_ROWS = 60

# Which sort order a click on a column header asks for.
COLUMN_SORTS = {order.column: key for key, order in SORT_ORDERS.items()} | {"strip": "ritme"}


class CaseloadScreen(CoachScreen[None]):
    """The weekly desk view, and the app's first screen."""

    HELP_TARGET: HelpTarget = ("app.md", "de-caseload")

    AUTO_FOCUS = "#caseload-table"
    BINDINGS = [
        Binding(
            "c",
            "log_contact",
            "Contact",
            id="caseload.log_contact",
            tooltip="Leg een contactmoment vast voor de jongere op de gekozen regel",
        ),
        Binding("n", "register", "Nieuw", id="caseload.register", tooltip="Een nieuwe jongere aanmelden"),
        Binding("slash", "search", "Zoek", id="caseload.search", tooltip="Zoek op naam of op een woord in de notities"),
        Binding("s", "sort", "Sorteer", id="caseload.sort", tooltip="Kies de volgorde"),
        Binding("f", "filter", "Filter", id="caseload.filter", tooltip="Kies wie je wilt zien"),
        Binding("w", "week(True)", "Deze week", id="caseload.week", tooltip="Wie zie je deze week, en waarom"),
        Binding("w", "week(False)", "Iedereen", id="caseload.all", tooltip="Terug naar de hele caseload"),
        Binding("x", "clear_filters", "Wis filters", id="caseload.clear", tooltip="Toon weer iedereen"),
        Binding(
            "escape",
            "clear_search",
            "Wis zoeken",
            id="caseload.clear_search",
            key_display="Esc",
            tooltip="Maak het zoekveld leeg",
        ),
    ]

    def __init__(self) -> None:
        super().__init__()
        self._offer: tuple[bool, ...] = ()
        self._warmed = False
        self._menu_open = False

    @cached_property
    def desk(self) -> Desk:
        """The caseload's state, read from the app's open connection when first needed."""
        context = self.context
        assert context.connection is not None  # the caseload is shown only once the database is open
        return Desk(context.connection, context.today, context.rules)

    def help_target(self) -> HelpTarget:
        """The handbook's section on the caseload."""
        return self.HELP_TARGET

    # The desk's state, as tests and the app read it.
    entries = property(lambda self: self.desk.entries)
    filter = property(lambda self: self.desk.filter)
    sort_key = property(lambda self: self.desk.sort_key)
    week_view = property(lambda self: self.desk.week_view)

    def compose(self) -> ComposeResult:
        # Tall or not from the start: set on the first resize, the class styled every widget a
        # second time and laid out and painted the table twice before its first frame.
        self.set_class(self.app.size.height >= TALL, "-tall")
        yield Header()
        yield DeskTotals(id="summary")
        yield DeskBar(id="desk-bar")
        # The search row is mounted when the coach first searches: hidden until then, here it
        # only cost the first frame (an input field and its styles, some 2 ms).
        yield CaseloadTable(id="caseload-table")
        yield Static(LEGEND, id="legend")
        yield Static(id="row-detail")
        yield Static(id="empty")
        yield CoachFooter(compact=True)  # at 80 columns every key of the desk still fits

    def on_mount(self) -> None:
        self.query_one(CaseloadTable).rhythm_source = self.desk.rhythm

    def on_resize(self) -> None:
        # The legend of the rhythm strip only where it does not cost a row of young people that matters.
        self.set_class(self.size.height >= TALL, "-tall")

    def action_log_contact(self) -> None:
        """Open the contact form for the young person under the cursor (the caseload reloads on return)."""
        from coach.tui.screens.contact_entry import open_contact_entry  # not needed for the first paint

        youth_id = self.query_one(CaseloadTable).chosen_id
        if youth_id is not None:
            open_contact_entry(self, youth_id)

    def action_register(self) -> None:
        """Open the aanmelding form; once saved, the new young person's screen opens."""
        from coach.tui.screens.registration import open_registration  # not needed for the first paint

        open_registration(self.app)

    def on_screen_resume(self) -> None:
        if self._menu_open:
            self._menu_open = False  # back from the sort or filter menu: nothing changed in the data
            return
        if self.desk.loaded:
            # Back from another screen: after only looking nothing needs reading; after a write
            # (a contact logged, a phase changed) only the young people whose files changed.
            changed = self.desk.catch_up()
            if changed is None:
                self._show_loaded()
            elif changed:
                self.query_one(CaseloadTable).forget_rhythm(changed)
                self._show_loaded()
                self._check_taper(changed)
            return
        # The first time, with a big caseload, paint the first screenful at once and load the
        # whole caseload right after; a small one is simply loaded.
        page = self.desk.first_page(FIRST_ROWS)
        if len(page) < FIRST_ROWS:
            self.reload()
            return
        table = self.query_one(CaseloadTable)
        table.show(page, self.desk.today)
        table.focus()
        self.call_after_refresh(self.reload)

    def new_day(self, today: date) -> None:
        """The date moved on while the app was open: work the caseload out again for the new day."""
        self.desk.today = today
        if self.desk.loaded:
            self.reload()

    # --- loading and showing ------------------------------------------------------------------

    def reload(self) -> None:
        """Read the whole caseload again and show it as the coach left it (view, order, filters)."""
        self.desk.load()
        self.query_one(CaseloadTable).clear_rhythm()
        self._show_loaded()
        # Work out 'deze week' when the coach has the screen in view, so pressing w is quick later.
        self.set_timer(WEEK_AFTER, self.desk.week_items)
        if not self._warmed:
            self._warmed = True
            self.call_after_refresh(self._prepare_next_screens)
        # Who may be ready for afbouw reads every file in begeleiding whole: after the paint, in the background.
        self.call_after_refresh(self._check_taper, None)

    @work(exclusive=True, group="taper", exit_on_error=False)
    async def _check_taper(self, youth_ids: set[int] | None) -> None:
        """Mark who in begeleiding meets the readiness criteria ("toe aan afbouw?"): all, or only `youth_ids`."""

        candidates = set(self.desk.taper_candidates())
        checked = {entry.id for entry in self.desk.entries} if youth_ids is None else set(youth_ids)
        database, content, today = self.context.database, self.context.content, self.desk.today
        ready: set[int] = set()
        for count, youth_id in enumerate(sorted(checked & candidates), start=1):
            if ready_to_taper(database, youth_id, content, today):
                ready.add(youth_id)
            if count % TAPER_BATCH == 0:
                await asyncio.sleep(0)  # let keys and paints through on a big caseload
        if self.desk.taper_checked(checked, ready):
            self.query_one(CaseloadTable).mark_taper(self.desk.may_taper)
            if self.desk.week_view:
                self.show_rows()

    def _prepare_next_screens(self) -> None:
        """Load what the next screens need once the caseload is painted, so the first Enter opens at once.

        The app loads these only when needed (the young person's screen, sqlite-utils
        behind `app.db`, the prompts, the other screens' styles), to paint the caseload
        sooner at start.
        """
        importlib.import_module("coach.tui.screens.youth")
        _ = self.context.database, self.context.content  # made now, not at the first Enter
        preload_screen_styles(self.app)

    def _show_loaded(self) -> None:
        entries = self.desk.entries
        self.set_class(not entries, "-empty")
        self.query_one(DeskTotals).show(self.desk.totals())
        table = self.query_one(CaseloadTable)
        self.show_rows()
        # A hidden, empty table should neither take focus nor offer "Openen".
        table.disabled = not entries
        if not entries:
            # Imported here: the case store and all it reads are not needed to paint a caseload.
            from coach.store.cases import youth_ids

            text = ALL_CLOSED_TEXT if youth_ids(self.desk.connection) else EMPTY_TEXT
            self.query_one("#empty", Static).update(Content.from_markup(text))
        elif not isinstance(self.focused, SearchField):
            table.focus()

    def show_rows(self, *, top: bool = False) -> None:
        """Apply view, filter, search and order to the loaded caseload and show the result."""
        desk, table = self.desk, self.query_one(CaseloadTable)
        rows = desk.rows()
        if desk.week_view:
            columns = week_columns(desk.week_items())
            table.sorted_column = None
        else:
            columns = CASELOAD_COLUMNS
            table.sorted_column = SORT_ORDERS[desk.sort_key].column
        table.show(rows, self.desk.today, columns=columns, top=top, empty_text=desk.empty_text())
        self.query_one(DeskBar).show(
            DeskState(
                shown=len(rows),
                total=len(desk.entries),
                sort=desk.sort_key,
                chips=tuple(describe(desk.filter)),
                week=week_window(self.desk.today) if desk.week_view else None,
            )
        )
        self.set_class(bool(desk.filter.search) or isinstance(self.focused, SearchField), "-searching")
        self.set_class(desk.week_view, "-week")
        # The footer rebuilds itself on every refresh of the bindings (tens of milliseconds
        # with a full footer): only ask when what the keys offer has changed.
        offer = (desk.week_view, desk.filter.is_empty, bool(desk.filter.search), bool(desk.entries))
        if offer != self._offer:
            self._offer = offer
            self.refresh_bindings()

    def _detail(self, entry: CaseloadEntry | None) -> Content:
        """The line below the table: in 'deze week' every reason in full, when searching where it was found."""
        if entry is None:
            return Content("")
        if self.desk.week_view:
            item = self.desk.week_items().get(entry.id)
            reasons = " · ".join(reason.text for reason in item.reasons) if item else ""
            return Content.from_markup("[b]$name[/b]: $reasons", name=entry.name, reasons=reasons)
        found = self.desk.where_found(entry.id)
        if found is None:
            return Content("")
        if found.where == "naam":
            return Content.from_markup("[b]$name[/b]: gevonden in de naam", name=entry.name)
        where = f"notitie van {short_date(found.day, self.desk.today)}" if found.day else found.where
        return Content.from_markup(
            "[b]$name[/b] · $where: [i]$text[/i]", name=entry.name, where=where, text=found.excerpt
        )

    # --- actions --------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "week":
            return parameters[0] != self.desk.week_view
        if action == "clear_filters":
            return not self.desk.filter.is_empty
        if action == "clear_search":
            return bool(self.desk.filter.search) or isinstance(self.focused, SearchField)
        if action == "sort":
            # 'Deze week' keeps the most urgent on top: no other order, and in the footer its
            # place goes to the way back (w Iedereen), which at 80 columns did not fit beside it.
            return bool(self.desk.entries) and not self.desk.week_view
        if action in ("filter", "search"):
            return bool(self.desk.entries)
        return True

    async def action_search(self) -> None:
        field = await self._mount_search()
        self.set_class(True, "-searching")
        field.focus()

    async def _mount_search(self) -> SearchField:
        """The search field, mounted above the table the first time it is needed."""
        found = self.query(SearchField)
        if found:
            return found.first()
        field = SearchField(placeholder="naam of een woord uit de notities (Esc wist)", id="search")
        row = Horizontal(Static("Zoek:", id="search-label"), field, id="search-row")
        await self.mount(row, before=self.query_one(CaseloadTable))
        return field

    def _clear_search_field(self) -> None:
        for field in self.query(SearchField):
            field.value = ""

    def action_clear_search(self) -> None:
        self._clear_search_field()
        self._apply_search("")
        self.set_class(False, "-searching")
        self.query_one(CaseloadTable).focus()

    def action_sort(self) -> None:
        def chosen(key: str | None) -> None:
            if key is not None:
                self.desk.sort_key = key
                self.show_rows()

        from coach.tui.dialogs.sort_menu import SortMenu  # not needed for the first paint

        self._menu_open = True
        self.app.push_screen(SortMenu(self.desk.sort_key), chosen)

    def action_filter(self) -> None:
        def count(candidate: CaseloadFilter) -> tuple[int, int]:
            return self.desk.count(candidate), len(self.desk.entries)

        def chosen(new: CaseloadFilter | None) -> None:
            if new is not None and new != self.desk.filter:
                self.desk.filter = new
                self.show_rows()

        from coach.tui.dialogs.filter_menu import FilterMenu  # not needed for the first paint

        self._menu_open = True
        self.app.push_screen(FilterMenu(self.desk.filter, count), chosen)

    def action_week(self, on: bool) -> None:
        self.desk.week_view = on
        self.show_rows(top=on)

    def action_clear_filters(self) -> None:
        self._clear_search_field()
        self.desk.clear()
        self.show_rows()

    # --- messages from the desk's widgets -----------------------------------------------------

    @on(SearchField.Settled)
    def _search_settled(self, event: SearchField.Settled) -> None:
        self._apply_search(event.value)

    @on(SearchField.Submitted)
    def _search_done(self) -> None:
        field = self.query_one(SearchField)
        field.stop_waiting()
        # Searched now, not after the pause: Enter acts on what the field holds.
        self._apply_search(field.value)
        table = self.query_one(CaseloadTable)
        if table.row_count == 1 and self.desk.filter.search:
            # One match: Enter opens it, as a coach expects; with more, Enter puts the cursor on the list.
            self.context.open_youth(table.rows[0].id)
        elif table.row_count:
            table.focus()

    def _apply_search(self, text: str) -> None:
        if self.desk.search(text):
            self.show_rows()

    @on(DeskBar.Dropped)
    def _chip_dropped(self, event: DeskBar.Dropped) -> None:
        if event.part == "search":
            self.action_clear_search()
            return
        self.desk.filter = self.desk.filter.without(event.part)
        self.show_rows()

    @on(CaseloadTable.Highlighted)
    def _highlighted(self, event: CaseloadTable.Highlighted) -> None:
        # For the highlighted young person: nothing lost to an ellipsis at 80 columns.
        table = self.query_one(CaseloadTable)
        entry = table.chosen_row if table.chosen_id == event.youth_id else None
        self.query_one("#row-detail", Static).update(self._detail(entry))

    @on(CaseloadTable.HeaderClicked)
    def _header_clicked(self, event: CaseloadTable.HeaderClicked) -> None:
        key = COLUMN_SORTS.get(event.column)
        if key is not None and not self.desk.week_view:
            self.desk.sort_key = key
            self.show_rows()
