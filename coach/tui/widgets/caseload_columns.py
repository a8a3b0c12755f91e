"""The columns of the caseload table: headers, widths per layout, what each cell says, and how they fit a width.

A cell is a list of (text, style) pieces; the style is a key the table turns
into one of its component classes, so colours follow the theme and a word
always stands beside a colour.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from datetime import date
from typing import NamedTuple

from coach.domain.caseload import CaseloadEntry
from coach.domain.continuity import CONTINUITY_LABELS
from coach.domain.rhythm import RhythmWeek
from coach.domain.this_week import (
    AGREEMENT_DUE,
    ATTENTION,
    DUE,
    NAZORG,
    NEVER_SEEN,
    OVERDUE,
    PLANNED,
    TOO_LONG,
    ReasonKind,
    WeekItem,
)
from coach.domain.vocabulary import Phase
from coach.tui.formatting import MARKER, MONTHS, WEEKDAYS, days_ago, moment, short_date

Piece = tuple[str, "str | None"]
Cell = list[Piece]

# How each reason of 'deze week' is styled; the words say it, the colour helps.
REASON_STYLES: dict[str, str | None] = {
    ReasonKind.VEILIGHEID: "te_lang",
    TOO_LONG: "te_lang",
    OVERDUE: "late",
    ATTENTION: "let_op",
    NEVER_SEEN: "let_op",
    NAZORG: "let_op",
    DUE: None,
    PLANNED: None,
    AGREEMENT_DUE: None,
    ReasonKind.NOG_AFRONDEN: "let_op",
    ReasonKind.AFBOUW: "dim",
}

# The quiet mark for someone who may be ready for afbouw: words, so it reads without colour.
TAPER_MARK = "toe aan afbouw?"
TAPER_MARK_COMPACT = "afbouw?"

# A new vaste coach is marked (⇄ beside the rhythm) for this many days after the change.
NEW_COACH_DAYS = 42
NEW_COACH_MARK = " ⇄"

# From this width on the table uses full words and wider columns.
WIDE_FROM = 140

# Weeks of the rhythm strip (past weeks including this one, then weeks ahead) per layout.
STRIP_WEEKS = {False: (16, 2), True: (6, 1)}


class CellContext(NamedTuple):
    """What every cell may need besides its row: the day, the layout, the loaded rhythm strips."""

    today: date
    compact: bool
    rhythm: Mapping[int, Sequence[RhythmWeek]]
    # Names more than one young person in the list has: those rows carry their number too.
    repeated: frozenset[str] = frozenset()
    # Young people in begeleiding who meet the readiness criteria: "toe aan afbouw?".
    may_taper: frozenset[int] = frozenset()


class Column(NamedTuple):
    """One column: its key, headers and widths per layout, and its cells.

    The `flex` column takes the width the others leave (at least `min_width`);
    a `compact_width` of 0 hides the column in the compact layout.
    """

    key: str
    header: str
    compact_header: str
    width: int
    compact_width: int
    cell: Callable[[CaseloadEntry, CellContext], Cell]
    flex: bool = False
    min_width: int = 0
    # Lower goes first when the screen is too narrow for every column.
    drop_order: int | None = None

    def title(self, compact: bool) -> str:
        """The header for this layout."""
        return self.compact_header if compact else self.header

    def width_for(self, compact: bool) -> int:
        """The fixed width for this layout (0: hidden)."""
        return self.compact_width if compact else self.width


def _name(entry: CaseloadEntry, ctx: CellContext) -> Cell:
    # Two people called "Anouar Bakker" are told apart by their number (as `coach caseload` shows it),
    # in front, so a narrow column cuts the end of the name and not the difference.
    number: Cell = [(f"nr {entry.id} ", "dim")] if entry.name in ctx.repeated else []
    taper: Cell = []
    if entry.id in ctx.may_taper:
        # In the narrow layout in front (a cut-off end would hide it), in the wide one behind the name.
        taper = [(f"{TAPER_MARK_COMPACT} ", "dim")] if ctx.compact else [(f" · {TAPER_MARK}", "dim")]
    before, after = (taper, []) if ctx.compact else ([], taper)
    if entry.safety:  # a sign and a word, so it reads without colour too
        return [("! acuut", "te_lang"), (" ", None), *before, *number, (entry.name, None), *after]
    return [*before, *number, (entry.name, None), *after]


def repeated_names(rows: Sequence[CaseloadEntry]) -> frozenset[str]:
    """The names that more than one of these rows has."""
    seen: set[str] = set()
    repeated: set[str] = set()
    for row in rows:
        (repeated if row.name in seen else seen).add(row.name)
    return frozenset(repeated)


def _phase(entry: CaseloadEntry, ctx: CellContext) -> Cell:
    return [(Phase.label_of(entry.phase), None)]


def _last(entry: CaseloadEntry, ctx: CellContext) -> Cell:
    days = days_ago(entry.days_since_contact, compact=ctx.compact)
    if entry.first_contact_due is not None:
        # Aanmelding without a contact: not days since a contact, but the last day for the first one.
        if ctx.compact:
            return [("nog geen", "dim")]
        return [("nog geen", "dim"), (f" · t/m {short_date(entry.first_contact_due, ctx.today)}", None)]
    if entry.last_contact is None:
        if ctx.compact or entry.days_since_contact is None:
            return [("nog geen", "dim")]
        return [("nog geen", "dim"), (f" · {days}", None)]
    if ctx.compact:
        return [(days, None)]
    return [(f"{short_date(entry.last_contact, ctx.today)} · {days}", None)]


def new_coach(entry: CaseloadEntry, today: date) -> bool:
    """True in the first weeks after the vaste coach changed: the method rests on one fixed coach."""
    changed = entry.coach_changed_on
    return changed is not None and 0 <= (today - changed).days < NEW_COACH_DAYS


def _continuity(entry: CaseloadEntry, ctx: CellContext) -> Cell:
    mark = new_coach(entry, ctx.today)
    if entry.continuity is None:
        return [("—", "dim"), (NEW_COACH_MARK, "let_op")] if mark else [("—", "dim")]
    word = CONTINUITY_LABELS[entry.continuity]
    style = None if entry.continuity == "ok" else "bold"
    if mark and ctx.compact:
        # No room for both: the ⇄ takes the dot's place and colour; the word still says the rhythm.
        return [(NEW_COACH_MARK.strip(), entry.continuity), (f" {word}", style)]
    cell: Cell = [(MARKER, entry.continuity), (f" {word}", style)]
    return cell + [(NEW_COACH_MARK, "let_op")] if mark else cell


def _strip(entry: CaseloadEntry, ctx: CellContext) -> Cell:
    weeks = ctx.rhythm.get(entry.id)
    if weeks is None:
        return [("…", "dim")]
    return [(week.symbol, "too_long" if week.too_long else week.mark) for week in weeks]


def _next(entry: CaseloadEntry, ctx: CellContext) -> Cell:
    at = entry.next_contact
    if at is None:
        return [("—" if ctx.compact else "niet gepland", "dim")]
    if not ctx.compact:
        return [(moment(at, ctx.today), None)]
    if 0 <= (at.date() - ctx.today).days < 7:  # within a week each weekday names one day
        return [(f"{WEEKDAYS[at.weekday()]} {at:%H:%M}", None)]
    if at.year == ctx.today.year:
        return [(short_date(at.date(), ctx.today), None)]
    return [(f"{MONTHS[at.month - 1]} {at.year}", None)]


def _agreements(entry: CaseloadEntry, ctx: CellContext) -> Cell:
    if entry.open_agreements == 0:
        return [("geen", "dim")]
    cell: Cell = [(str(entry.open_agreements) if ctx.compact else f"{entry.open_agreements} open", None)]
    if entry.overdue_agreements:
        cell += [(" · ", None), (f"{entry.overdue_agreements} te laat", "late")]
    return cell


NAME = Column("name", "Naam", "Naam", 0, 0, _name, flex=True, min_width=14)
PHASE = Column("phase", "Fase", "Fase", 11, 11, _phase)
LAST = Column("last", "Laatste contact", "Laatst", 23, 8, _last)
RHYTHM = Column("rhythm", "Contactritme", "Ritme", 12, 10, _continuity)
STRIP = Column("strip", "Ritme per week", "Weken", 18, 7, _strip, drop_order=0)
NEXT = Column("next", "Volgende contact", "Volgende", 20, 8, _next)
AGREEMENTS = Column("agreements", "Open afspraken", "Afspraken", 20, 13, _agreements)

CASELOAD_COLUMNS: tuple[Column, ...] = (NAME, PHASE, LAST, RHYTHM, STRIP, NEXT, AGREEMENTS)


def week_columns(items: Mapping[int, WeekItem]) -> tuple[Column, ...]:
    """The columns of 'deze week': who, phase, rhythm, and every reason to go."""

    def reasons(entry: CaseloadEntry, ctx: CellContext) -> Cell:
        item = items.get(entry.id)
        if item is None:
            return []
        cell: Cell = []
        for index, reason in enumerate(item.reasons):
            if index:
                cell.append((" · ", "dim"))
            cell.append((reason.text, REASON_STYLES[reason.kind]))
        return cell

    why = Column("why", "Waarom deze week", "Waarom", 0, 0, reasons, flex=True, min_width=20)
    name = Column("name", "Naam", "Naam", 24, 16, _name)
    # At 80 columns the reasons need the room more than the phase does.
    return (name, PHASE._replace(compact_width=0), RHYTHM, why)


class Layout(NamedTuple):
    """The visible columns and their widths for one table width."""

    width: int
    compact: bool
    columns: tuple[tuple[Column, int], ...]
    gap: int

    def column_at(self, x: int) -> Column | None:
        """The column under horizontal position x (the header is clickable)."""
        position = 1
        for column, width in self.columns:
            if position <= x < position + width + self.gap:
                return column
            position += width + self.gap
        return None


def compute_layout(columns: Sequence[Column], width: int, longest_name: int) -> Layout:
    """Fit the columns into `width`: fixed widths per layout, the flex column takes the rest."""
    compact = width < WIDE_FROM
    gap = 1 if compact else 2
    shown = [column for column in columns if column.flex or column.width_for(compact)]
    while True:
        fixed = sum(column.width_for(compact) for column in shown if not column.flex)
        room = width - 1 - fixed - gap * (len(shown) - 1)
        flex = next((column for column in shown if column.flex), None)
        droppable = [column for column in shown if column.drop_order is not None]
        if flex is None or room >= flex.min_width or not droppable:
            break
        shown.remove(min(droppable, key=lambda column: column.drop_order or 0))
    widths = []
    for column in shown:
        if column.flex:
            size = max(column.min_width, room)
            if column.key == "name":
                size = min(size, max(longest_name, column.min_width))
            widths.append((column, size))
        else:
            widths.append((column, column.width_for(compact)))
    return Layout(width, compact, tuple(widths), gap)
