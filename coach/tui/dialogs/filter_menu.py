"""The caseload's filters in one list: tick what to see, the count shows how many remain."""

from __future__ import annotations

from collections.abc import Callable

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from coach.domain.continuity import CONTINUITY_LABELS, LET_OP, OK, TE_LANG
from coach.domain.desk import (
    NOT_PLANNED,
    NOT_SEEN_CHOICES,
    PLANNED,
    THIS_WEEK,
    CaseloadFilter,
)
from coach.domain.model import OPEN_PHASES, PHASE_LABELS
from coach.tui.context import CoachModal

CLEAR = "clear"

# Option ids: "part:value". Multiple choice within phase and continuity; one at
# most within last and next contact (choosing it again clears it).
GROUPS: tuple[tuple[str, tuple[tuple[str, str], ...]], ...] = (
    ("Fase", tuple((f"phase:{p}", PHASE_LABELS[p]) for p in OPEN_PHASES)),
    ("Contactritme", tuple((f"continuity:{c}", CONTINUITY_LABELS[c]) for c in (TE_LANG, LET_OP, OK))),
    (
        "Laatste contact",
        (
            *((f"seen:{days}", f"langer dan {days} dagen geleden") for days in NOT_SEEN_CHOICES),
            ("seen:never", "nog geen contact gehad"),
        ),
    ),
    (
        "Volgende contact",
        (
            (f"next:{THIS_WEEK}", "deze week gepland"),
            (f"next:{PLANNED}", "gepland"),
            (f"next:{NOT_PLANNED}", "niet gepland"),
        ),
    ),
    ("Afspraken", (("overdue:yes", "met afspraken te laat"),)),
)


def is_on(filter: CaseloadFilter, option_id: str) -> bool:
    """Whether this option is part of the filter."""
    part, _, value = option_id.partition(":")
    if part == "phase":
        return value in filter.phases
    if part == "continuity":
        return value in filter.continuity
    if part == "seen":
        return filter.never_seen if value == "never" else filter.not_seen_days == int(value)
    if part == "next":
        return filter.next_contact == value
    return filter.overdue_only


def toggle(filter: CaseloadFilter, option_id: str) -> CaseloadFilter:
    """The filter with this option switched on or off."""
    part, _, value = option_id.partition(":")
    on = is_on(filter, option_id)
    if part == "phase":
        return filter._replace(phases=filter.phases ^ {value})
    if part == "continuity":
        return filter._replace(continuity=filter.continuity ^ {value})
    if part == "seen":
        if value == "never":
            return filter._replace(never_seen=not on, not_seen_days=None)
        return filter._replace(not_seen_days=None if on else int(value), never_seen=False)
    if part == "next":
        return filter._replace(next_contact=None if on else value)
    return filter._replace(overdue_only=not on)


class FilterMenu(CoachModal[CaseloadFilter]):
    """Enter switches the highlighted choice; Esc or f closes and applies."""

    CSS_PATH = "../screens/desk_menus.tcss"
    BINDINGS = [
        Binding("escape,f", "close", "Klaar", id="filter.done", tooltip="Sluit en toon het resultaat"),
    ]

    def __init__(self, current: CaseloadFilter, count: Callable[[CaseloadFilter], tuple[int, int]]) -> None:
        super().__init__()
        self.filter = current
        self._count = count

    def compose(self) -> ComposeResult:
        with Vertical(id="filter-box", classes="desk-dialog"):
            yield Static("Filteren", classes="dialog-title")
            yield OptionList(*self._options(), id="filter-options")
            yield Static(id="filter-count")
            yield Static("↑↓ kiezen · Enter aan/uit · Esc klaar", classes="dialog-hint")

    def on_mount(self) -> None:
        options = self.query_one(OptionList)
        options.highlighted = options.get_option_index(GROUPS[0][1][0][0])
        self._show_count()

    def _options(self) -> list[Option | None]:
        options: list[Option | None] = []
        for title, choices in GROUPS:
            options.append(Option(title, id=f"title:{title}", disabled=True))
            single = title in ("Laatste contact", "Volgende contact")
            for option_id, label in choices:
                options.append(Option(self._prompt(option_id, label, single), id=option_id))
        options.append(None)
        options.append(Option("Alle filters wissen", id=CLEAR))
        return options

    def _prompt(self, option_id: str, label: str, single: bool) -> Content:
        on = is_on(self.filter, option_id)
        mark = ("(•)" if on else "( )") if single else ("[x]" if on else "[ ]")
        # Plain content, not markup: as markup "[x]" would be read as a style tag and vanish.
        return Content(f"  {mark} {label}")

    @on(OptionList.OptionSelected)
    def _switch(self, event: OptionList.OptionSelected) -> None:
        option_id = event.option.id or ""
        if option_id == CLEAR:
            self.filter = CaseloadFilter(search=self.filter.search)
        else:
            self.filter = toggle(self.filter, option_id)
        options = self.query_one(OptionList)
        for title, choices in GROUPS:
            single = title in ("Laatste contact", "Volgende contact")
            for choice_id, label in choices:
                options.replace_option_prompt(choice_id, self._prompt(choice_id, label, single))
        self._show_count()

    def _show_count(self) -> None:
        shown, total = self._count(self.filter)
        self.query_one("#filter-count", Static).update(
            f"Met deze keuze: {shown} van {total} {'jongere' if total == 1 else 'jongeren'}"
        )

    def action_close(self) -> None:
        self.dismiss(self.filter)
