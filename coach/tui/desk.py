"""The weekly desk's state: the caseload as loaded, the view the coach chose, and keeping it current.

No widgets here: the caseload screen shows what this holds. Reading goes
through the store; what a view shows is worked out by coach.domain.desk and
coach.domain.this_week.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING

from coach.domain.caseload import CaseloadEntry, visible_entries
from coach.domain.continuity import ContinuityRules
from coach.domain.desk import NAME, CaseloadFilter, Totals, filter_entries, sort_entries, totals
from coach.domain.rhythm import RhythmWeek, week_start, weekly_rhythm
from coach.domain.safe_text import visible_in
from coach.domain.this_week import WeekItem, reasons_for, this_week
from coach.domain.vocabulary import Phase
from coach.store.caseload import (
    audit_mark,
    caseload,
    caseload_entry,
    change_counters,
    changed_since,
    contact_events,
    first_page,
)
from coach.store.caseload_search import Found, find_youths, names_only, search_words, where_found

if TYPE_CHECKING:
    from sqlite_utils import Database

    from coach.content.model import Content
    from coach.store.db import Connection


class Desk:
    """The loaded caseload with the coach's sort, filter, search and view; one per caseload screen."""

    def __init__(self, connection: Connection, today: date, rules: ContinuityRules = ContinuityRules()) -> None:
        self.connection = connection  # the plain connection: the desk only reads
        self.today = today
        self.rules = rules
        self.entries: list[CaseloadEntry] = []
        self.filter = CaseloadFilter()
        self.sort_key = NAME
        self.week_view = False
        self.found: set[int] | None = None
        self.loaded = False
        self._week: dict[int, WeekItem] | None = None
        # Young people in begeleiding who meet the readiness criteria ("toe aan afbouw?"), worked out
        # after the first paint (see CaseloadScreen), as it reads each file whole.
        self.may_taper: frozenset[int] = frozenset()
        self._changes_seen: tuple[int, int] = (-1, -1)
        self._audit_mark: int | None = None

    # --- reading ------------------------------------------------------------------------------

    def first_page(self, limit: int) -> list[CaseloadEntry]:
        """The first young people by name, to paint before the whole caseload is read."""
        return visible_entries(first_page(self.connection, self.today, limit, self.rules))  # escapes shown, not obeyed

    def load(self) -> None:
        """Read the whole caseload."""
        self._audit_mark = audit_mark(self.connection)
        self.entries = visible_entries(caseload(self.connection, self.today, self.rules))
        self._changes_seen = self._changes()
        self.loaded = True
        self._week = None
        self._search_again()

    def catch_up(self) -> set[int] | None:
        """Bring the caseload up to date after other screens wrote; returns whose rows were read again.

        An empty set: nothing was written. None: everything was read again
        (the audit trail could not tell whose files changed).
        """
        if self._changes() == self._changes_seen:
            return set()
        changed = changed_since(self.connection, self._audit_mark)
        if not changed:
            self.load()
            return None
        self._audit_mark = audit_mark(self.connection)
        fresh = {
            youth_id: visible_in(caseload_entry(self.connection, youth_id, self.today, self.rules))
            for youth_id in changed
        }
        kept = [entry for entry in self.entries if entry.id not in fresh]
        added = [entry for entry in fresh.values() if entry is not None and entry.phase != "afgesloten"]
        self.entries = sorted(kept + added, key=lambda entry: (entry.name.casefold(), entry.id))
        self._changes_seen = self._changes()
        if self._week is not None:
            for youth_id, entry in fresh.items():
                reasons = (
                    reasons_for(entry, self.today, self.rules, may_taper=entry.id in self.may_taper)
                    if entry is not None and entry.phase != "afgesloten"
                    else ()
                )
                if entry is not None and reasons:
                    self._week[youth_id] = WeekItem(entry, reasons)
                else:
                    self._week.pop(youth_id, None)
        self._search_again()
        return changed

    def _changes(self) -> tuple[int, int]:
        """Changes made through this connection, and the version of what other connections wrote."""
        return change_counters(self.connection)

    # --- what the coach chose -----------------------------------------------------------------

    def search(self, text: str) -> bool:
        """Search for `text` (empty: no search); False when it was already the search."""
        if text == self.filter.search:
            return False
        self.filter = self.filter._replace(search=text)
        self._search_again()
        return True

    def _search_again(self) -> None:
        text = self.filter.search
        # Only signs and no word: there is nothing to find, so nobody is shown.
        self.found = (find_youths(self.connection, text) or set()) if text.strip() else None

    def clear(self) -> None:
        """No filters and no search."""
        self.filter = CaseloadFilter()
        self.found = None

    # --- what it shows ------------------------------------------------------------------------

    def week_items(self) -> dict[int, WeekItem]:
        """Whom to see this week and why, by youth id (worked out once per load)."""
        if self._week is None:
            items = this_week(self.entries, self.today, self.rules, self.may_taper)
            self._week = {item.entry.id: item for item in items}
        return self._week

    def taper_checked(self, checked: set[int], ready: set[int]) -> bool:
        """Take in the readiness of the `checked` young people (`ready`: those who may taper); True on a change."""
        now = frozenset((self.may_taper - checked) | ready)
        if now == self.may_taper:
            return False
        self.may_taper = now
        self._week = None  # 'deze week' gains or loses the afbouw line
        return True

    def taper_candidates(self) -> list[int]:
        """The young people whose readiness is worth working out: those in begeleiding."""
        return [entry.id for entry in self.entries if entry.phase == Phase.BEGELEIDING]

    def rows(self) -> list[CaseloadEntry]:
        """The rows the view shows: filtered, then in the chosen order (or, this week, the most urgent first)."""
        rows = filter_entries(self.entries, self.filter, self.today, self.found)
        if self.week_view:
            week = self.week_items()
            return sorted((row for row in rows if row.id in week), key=lambda row: week[row.id].sort_key)
        return sort_entries(rows, self.sort_key)

    def count(self, candidate: CaseloadFilter) -> int:
        """How many young people this filter would show."""
        return len(filter_entries(self.entries, candidate, self.today, self.found))

    def totals(self) -> Totals:
        """Totals of the whole caseload, whatever the filter."""
        return totals(self.entries)

    def empty_text(self) -> str:
        """What an empty table says, so the coach knows why nobody shows."""
        if self.week_view and not self.filter.is_empty:
            return "Niemand deze week met dit filter. x wist de filters."
        if self.week_view:
            return "Niemand vraagt deze week om aandacht: alles loopt op schema."
        if self.filter.search.strip() and not search_words(self.filter.search):
            return "Typ een naam of een woord (letters of cijfers) om te zoeken."
        short = names_only(self.filter.search)
        if short:
            # Said, so the coach knows why 'de' does not find the notes it is in.
            quoted = ", ".join(f"'{word}'" for word in short)
            return (
                f"Niemand gevonden. {quoted}: korte woorden zoeken alleen in namen. x wist de filters, Esc het zoeken."
            )
        return "Niemand gevonden. x wist de filters, Esc het zoeken."

    def where_found(self, youth_id: int) -> Found | None:
        """Where the current search turned up for this young person."""
        return where_found(self.connection, youth_id, self.filter.search) if self.filter.search.strip() else None

    def rhythm(self, youth_ids: list[int], weeks: int, ahead: int) -> dict[int, list[RhythmWeek]]:
        """The rhythm strips of these young people (the rows on screen)."""
        first = week_start(self.today) - timedelta(weeks=weeks - 1)
        last = week_start(self.today) + timedelta(weeks=ahead + 1, days=-1)
        events = contact_events(self.connection, youth_ids, first, last)
        return {
            youth_id: weekly_rhythm(found, self.today, weeks=weeks, ahead=ahead, rules=self.rules)
            for youth_id, found in events.items()
        }


def ready_to_taper(db: Database, youth_id: int, content: Content, today: date) -> bool:
    """True when this young person meets the readiness criteria enough to ask about afbouw (domain.release.may_taper).

    Reads the whole file: the caseload calls it in the background, after its first paint.
    """
    from coach.domain.release import may_taper
    from coach.reports.readiness import case_readiness, readiness_basics
    from coach.store.cases import load_case
    from coach.store.release import release_facts

    case = load_case(db, youth_id)
    if case is None:
        return False
    facts = release_facts(db, youth_id, readiness_basics(content))
    return may_taper(case_readiness(case, facts, content, today))
