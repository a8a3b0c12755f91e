"""`coach caseload`: the weekly desk on the command line, with the same sort, filters, search and 'deze week'."""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import date
from json.encoder import encode_basestring
from typing import TYPE_CHECKING

import click
from rich.cells import cell_len
from rich.text import Text

from coach.cli.errors import EXIT_USAGE, CoachError
from coach.cli.options import Options, connection_or_fail, today_or_fail
from coach.cli.output import DutchCommand, console
from coach.cli.params import DaysType, DutchChoice
from coach.domain.caseload import to_the_minute
from coach.domain.continuity import CONTINUITY_LABELS, LET_OP, OK, TE_LANG
from coach.domain.desk import (
    NOT_PLANNED,
    PLANNED,
    SORT_ORDERS,
    THIS_WEEK,
    CaseloadFilter,
    describe,
    filter_entries,
    sort_entries,
)
from coach.domain.model import OPEN_PHASES, PHASE_LABELS
from coach.domain.safe_text import json_visible, visible

if TYPE_CHECKING:
    from rich.table import Table

    from coach.domain.caseload import CaseloadEntry
    from coach.domain.this_week import Reason, WeekWindow


PHASE_CHOICE = DutchChoice({phase: phase for phase in OPEN_PHASES}, "fase")
RHYTHM_CHOICE = DutchChoice({"te-lang": TE_LANG, "let-op": LET_OP, "ok": OK, "op-koers": OK}, "contactritme")
NEXT_CHOICE = DutchChoice(
    {"deze-week": THIS_WEEK, "gepland": PLANNED, "niet-gepland": NOT_PLANNED}, "keuze voor het volgende contact"
)
SORT_CHOICE = DutchChoice({key: key for key in SORT_ORDERS}, "sorteervolgorde")
STYLES = {OK: "green", LET_OP: "yellow", TE_LANG: "bold red"}


@click.command(cls=DutchCommand)
@click.option("--json", "as_json", is_flag=True, help="Als JSON, voor scripts.")
@click.option(
    "--fase",
    "phases",
    type=PHASE_CHOICE,
    multiple=True,
    help="Alleen jongeren in deze fase (mag vaker: --fase intake --fase begeleiding).",
)
@click.option(
    "--ritme",
    "rhythms",
    type=RHYTHM_CHOICE,
    multiple=True,
    help="Alleen dit contactritme: te-lang, let-op of ok (mag vaker). Ook zoals --json het schrijft: te_lang, let_op.",
)
@click.option(
    "--niet-gezien",
    "not_seen",
    type=DaysType(),
    metavar="DAGEN",
    help="Alleen wie langer dan DAGEN dagen niet gezien is (of nog nooit).",
)
@click.option("--nog-geen-contact", "never_seen", is_flag=True, help="Alleen wie nog geen contact heeft gehad.")
@click.option(
    "--volgende",
    "next_contact",
    type=NEXT_CHOICE,
    help="Alleen wie het volgende contact deze-week, gepland of niet-gepland heeft.",
)
@click.option("--te-laat", "overdue", is_flag=True, help="Alleen wie afspraken heeft die over de datum zijn.")
@click.option(
    "--zoek",
    "search",
    metavar="TEKST",
    help="Zoek op naam, in de contactnotities en in het warme verhaal (elk woord moet ergens voorkomen).",
)
@click.option(
    "--sorteer",
    "sort",
    type=SORT_CHOICE,
    default="naam",
    help="Volgorde: naam (standaard), ritme, laatst, volgende, fase of afspraken.",
)
@click.option(
    "--deze-week",
    "this_week_only",
    is_flag=True,
    help="Wie je deze week ziet, en waarom (dringendst eerst; --sorteer telt dan niet).",
)
@click.pass_obj
def caseload(
    options: Options,
    as_json: bool,
    phases: tuple[str, ...],
    rhythms: tuple[str, ...],
    not_seen: int | None,
    never_seen: bool,
    next_contact: str | None,
    overdue: bool,
    search: str | None,
    sort: str,
    this_week_only: bool,
) -> None:
    """De caseload: één regel per jongere in een lopend traject, te sorteren, filteren en doorzoeken."""
    from coach.store.caseload import caseload as load_caseload

    today = today_or_fail()
    db = connection_or_fail(options.database)
    chosen = CaseloadFilter(
        phases=frozenset(phases),
        continuity=frozenset(rhythms),
        not_seen_days=not_seen,
        never_seen=never_seen,
        next_contact=next_contact,
        overdue_only=overdue,
        search=search or "",
    )
    found = None
    if search is not None:
        from coach.store.caseload_search import find_youths, search_words  # only a search needs it

        if not search_words(search):
            raise CoachError(
                "In --zoek staat geen woord: zoek op letters of cijfers, bijvoorbeeld --zoek huur.", EXIT_USAGE
            )
        found = find_youths(db, chosen.search) if search else None
    rules = options.rules()
    entries = load_caseload(db, today, rules)
    shown = filter_entries(entries, chosen, today, found)
    reasons: dict[int, tuple[Reason, ...]] = {}
    if this_week_only:
        from coach.domain.this_week import this_week  # only 'deze week' needs it

        items = this_week(shown, today, rules)
        reasons = {item.entry.id: item.reasons for item in items}
        shown = [item.entry for item in items]
    else:
        shown = sort_entries(shown, sort)

    if as_json:
        if this_week_only:
            rows = []
            for entry in shown:
                row = entry.as_json()
                row["deze_week"] = [{"kind": r.kind, "text": r.text} for r in reasons[entry.id]]
                rows.append(row)
            click.echo(json_visible(json_rows(rows)))
        else:
            click.echo(json_visible(_json_lines([json_text(entry) for entry in shown])))
        return
    if not entries:
        click.echo("Nog geen jongeren in een lopend traject. Voeg ze toe met 'coach import' of probeer 'coach demo'.")
        return
    window = None
    if this_week_only:
        from coach.domain.this_week import week_window

        window = week_window(today)
    heading = _heading(len(shown), len(entries), chosen, window, today)
    console().print(heading)
    if not shown:
        return
    out = console()
    out.print(_week_table(shown, reasons) if this_week_only else _table(shown, out.width))


def json_text(entry: CaseloadEntry) -> str:
    """`entry.as_json()` as json.dumps(…, ensure_ascii=False) writes it, without building the dict.

    `coach caseload --json` writes thousands of rows; through json.dumps each costs several
    times this. A test holds the two equal.
    """
    last, next_contact, days = entry.last_contact, entry.next_contact, entry.days_since_contact
    return (
        f'{{"id": {int.__repr__(entry.id)}, "name": {encode_basestring(entry.name)}, '
        f'"phase": {encode_basestring(entry.phase)}, '
        f'"last_contact": {encode_basestring(last.isoformat()) if last else "null"}, '
        f'"days_since_contact": {"null" if days is None else int.__repr__(days)}, '
        f'"continuity": {"null" if entry.continuity is None else encode_basestring(entry.continuity)}, '
        f'"next_contact": {encode_basestring(to_the_minute(next_contact)) if next_contact else "null"}, '
        f'"open_agreements": {int.__repr__(entry.open_agreements)}, '
        f'"overdue_agreements": {int.__repr__(entry.overdue_agreements)}, '
        f'"safety": {"true" if entry.safety else "false"}}}'
    )


def json_rows(rows: list[dict[str, object]]) -> str:
    """A JSON list with one row per line: as readable as indent=2 for a list of flat rows.

    json.dumps with `indent` falls back to the pure-Python encoder (125 ms for
    5,000 rows); each row written compactly uses the C encoder.
    """
    return _json_lines([json.dumps(row, ensure_ascii=False) for row in rows])


def _json_lines(lines: list[str]) -> str:
    """Rows written as JSON already, as one JSON list with a row per line."""
    if not lines:
        return "[]"
    return "[\n  " + ",\n  ".join(lines) + "\n]"


def _name(entry: CaseloadEntry) -> Text:
    """The name, with '! acuut' in front when a concern is open or a domain scores 1 (a word, not only a colour)."""
    name = visible(entry.name, multiline=False)
    return Text.assemble(("! acuut ", "bold red"), name) if entry.safety else Text(name)


def _heading(shown: int, total: int, chosen: CaseloadFilter, window: WeekWindow | None, today: date) -> Text:
    from coach.domain.calendar_words import weekday_date
    from coach.store.caseload_search import names_only

    if window is not None:
        text = Text(
            f"Deze week ({weekday_date(window.start, today)} – {weekday_date(window.end, today)}): "
            f"{shown} om te zien, dringendst eerst",
            style="bold",
        )
    else:
        noun = "jongere" if total == 1 else "jongeren"
        text = Text(f"{shown} van {total} {noun}" if not chosen.is_empty else f"{total} {noun}", style="bold")
    chips = describe(chosen)
    if chips:
        text.append(" · " + " · ".join(visible(chip.text, multiline=False) for chip in chips))
    if not shown:
        text.append("\nNiemand voldoet hieraan. Laat een filter weg om meer te zien.", style="")
        short = names_only(chosen.search)
        if short:
            quoted = ", ".join(f"'{word}'" for word in short)
            text.append(f"\n{visible(quoted, multiline=False)}: korte woorden zoeken alleen in namen.", style="")
    return text


def _continuity(status: str | None) -> Text:
    if not status:
        return Text("")
    return Text.assemble(("●", STYLES[status]), f" {CONTINUITY_LABELS[status]}")


def _table(entries: list[CaseloadEntry], width: int) -> Table:
    from rich.table import Table

    titles = ("nr", "naam", "fase", "dagen", "ritme", "volgende", "afspraken")
    rows = [
        (
            str(entry.id),
            _name(entry),
            PHASE_LABELS[entry.phase],
            "—" if entry.days_since_contact is None else str(entry.days_since_contact),
            _continuity(entry.continuity),
            entry.next_contact.strftime("%d-%m %H:%M") if entry.next_contact else "—",
            str(entry.open_agreements) + (f" · {entry.overdue_agreements} te laat" if entry.overdue_agreements else ""),
        )
        for entry in entries
    ]
    widths = _whole_widths(titles, rows, squeezable="naam")
    # The name gets what the other columns leave (one space between columns), at least 12.
    name_width = max(12, width - sum(widths.values()) - (len(titles) - 1))
    table = Table(box=None, header_style="bold", pad_edge=False, collapse_padding=True)
    for title in titles:
        table.add_column(
            title,
            no_wrap=True,
            min_width=widths.get(title, 12),
            max_width=name_width if title == "naam" else None,
            overflow="ellipsis",
            justify="right" if title in ("nr", "dagen") else "left",
        )
    for row in rows:
        table.add_row(*row)
    return table


def _whole_widths(titles: tuple[str, ...], rows: Sequence[Sequence[str | Text]], *, squeezable: str) -> dict[str, int]:
    """Each column's full width, but the `squeezable` one's: a long name is cut short, not the other columns."""
    widths = {}
    for index, title in enumerate(titles):
        if title != squeezable:
            cells = [row[index] for row in rows]
            widths[title] = max([len(title)] + [c.cell_len if isinstance(c, Text) else cell_len(c) for c in cells])
    return widths


def _week_table(entries: list[CaseloadEntry], reasons: dict[int, tuple[Reason, ...]]) -> Table:
    from rich.table import Table

    rows = [
        (
            str(entry.id),
            _name(entry),
            _continuity(entry.continuity),
            visible(" · ".join(reason.text for reason in reasons[entry.id])),
        )
        for entry in entries
    ]
    widths = _whole_widths(("nr", "naam", "ritme"), [row[:3] for row in rows], squeezable="naam")
    table = Table(box=None, header_style="bold", pad_edge=False, collapse_padding=True)
    table.add_column("nr", justify="right", no_wrap=True, min_width=widths["nr"])
    table.add_column("naam", no_wrap=True, min_width=12, max_width=40, overflow="ellipsis")
    table.add_column("ritme", no_wrap=True, min_width=widths["ritme"])
    table.add_column("waarom", overflow="fold")
    for row in rows:
        table.add_row(*row)
    return table
