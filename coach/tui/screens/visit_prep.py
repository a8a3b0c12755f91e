"""Preparing and holding the next visit: what to pick up, a warm opening, and the visit's own note."""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, Header, Static, TextArea

from coach import clock
from coach.conversation.balance import NEUTRAL
from coach.conversation.engine import Conversation, Suggestion
from coach.conversation.visit import VisitPrep, heading, heading_domains, prepare_visit
from coach.domain.domains import Content as PromptContent
from coach.domain.intake import NOT_YET, NVT, TOUCHED, WARM, Intake
from coach.domain.model import MODE_LABELS, STATUS_LABELS, Case
from coach.store.db import DatabaseError
from coach.store.intake import latest_intake
from coach.store.revisions import start_session
from coach.store.visits import Visit, save_visit, start_visit, talked_about, todays_visit
from coach.tui.autosave import Autosaver
from coach.tui.dialogs.section_picker import SectionPicker
from coach.tui.formatting import moment, short_date
from coach.tui.widgets.agreement_list import agreement_line
from coach.tui.widgets.balance_meter import BalanceMeter
from coach.tui.widgets.coverage_bar import CoverageBar
from coach.tui.widgets.field_area import FieldArea
from coach.tui.widgets.question_box import question_content
from coach.tui.widgets.suggestion_bar import SuggestionBar

if TYPE_CHECKING:
    from sqlite_utils import Database

NOTE_FIELD = "note"
WIDE = 120
STALE_SHOWN = 5
SIGNALS_SHOWN = 6


def prep_lines(prep: VisitPrep, content: PromptContent, today: date) -> list[tuple[str, list[Content]]]:
    """The preparation as titled groups of lines."""
    groups: list[tuple[str, list[Content]]] = []
    last = prep.last_contact
    if last is None:
        groups.append(("Vorige keer", [Content("Nog geen eerder contact.")]))
    else:
        head = Content.from_markup(
            "$when · $mode · $status",
            when=moment(last.at, today),
            mode=MODE_LABELS.get(last.mode, last.mode),
            status=STATUS_LABELS.get(last.status, last.status),
        )
        lines = [head]
        if prep.ending:
            lines.append(Content.from_markup("[i]Zo eindigde het:[/] $end", end=prep.ending))
        groups.append(("Vorige keer", lines))
    groups.append(("Open afspraken", [agreement_line(a, today) for a in prep.agreements] or [Content("Geen.")]))
    signals = []
    for item in prep.signals[:SIGNALS_SHOWN]:
        label = content.domain(item.signal.domain).label
        where = "intake" if item.where == "intake" else f"notitie {short_date(item.on, today)}"
        signals.append(
            Content.from_markup("'$typed' ($where) → [b]$label[/]", typed=item.signal.typed, where=where, label=label)
        )
    if len(prep.signals) > SIGNALS_SHOWN:
        signals.append(Content(f"en nog {len(prep.signals) - SIGNALS_SHOWN}"))
    groups.append(("Signalen, nog niet besproken", signals or [Content("Geen.")]))
    stale = []
    for item in prep.stale[:STALE_SHOWN]:
        label = content.domain(item.domain).label
        when = "nog nooit" if item.last is None else f"sinds {short_date(item.last, today)} ({item.days} dagen)"
        stale.append(Content.from_markup("[b]$label[/] — $when", label=label, when=when))
    if len(prep.stale) > STALE_SHOWN:
        stale.append(Content(f"en nog {len(prep.stale) - STALE_SHOWN}"))
    groups.append(("Lang niet besproken", stale or [Content("Alles is de laatste tijd aan bod geweest.")]))
    return groups


class VisitPrepScreen(Screen):
    """One screen before and during the visit; what is typed becomes this visit's contact note."""

    CSS_PATH = "intake.tcss"
    BINDINGS = [
        Binding(
            "ctrl+g", "pick_domain", "Leefgebied", id="visit.pick", tooltip="Zet een leefgebied als kopje in de notitie"
        ),
        Binding("ctrl+n", "next_question", "Andere vraag", id="visit.next_question"),
        Binding("ctrl+o", "accept", "Ja, doen", id="visit.accept", show=False, tooltip="Neem het voorstel over"),
        Binding("escape", "escape", "Terug", id="visit.back"),
    ]

    def __init__(
        self, db: Database, case: Case, content: PromptContent, today: date, now: datetime | None = None
    ) -> None:
        super().__init__()
        self.db = db
        self.case = case
        self.content = content
        self.today = today
        self.now = now or datetime.combine(today, clock.now().time())
        self.conversation = Conversation(content)
        self.intake: Intake | None = latest_intake(db, case.youth.id)
        self.visit: Visit | None = todays_visit(db, case.youth.id, today)
        self.prep = prepare_visit(
            self.conversation,
            case,
            self.intake,
            talked_about(db, case.youth.id),
            self.now,
            skip=self.visit.contact_id if self.visit else None,
        )
        self.session = start_session(db)
        self.tracker = self.conversation.new_tracker()
        self.note = self.visit.note if self.visit else ""
        self.tracker.load("visit.note", self.note, NEUTRAL)
        self.domain: str | None = None
        self.question_index = 0
        self.warm_question: str | None = None
        self.dismissed: set[str] = set()
        self._dirty = False
        self.autosaver = Autosaver(self, self._save)

    def compose(self) -> ComposeResult:
        yield Header()
        yield CoverageBar({d.key: d.short for d in self.content.domains}, id="coverage")
        yield Static(id="question")
        yield SuggestionBar(id="suggestion")
        with Horizontal(id="visit-body"):
            with VerticalScroll(id="prep"):
                for title, lines in prep_lines(self.prep, self.content, self.today):
                    with Vertical(classes="prep-group"):
                        yield Static(title, classes="group-label")
                        for line in lines:
                            yield Static(line, classes="list-item prep-line")
            with Vertical(id="visit-note-box"):
                area = FieldArea(
                    "visit",
                    NOTE_FIELD,
                    "Aantekeningen van dit bezoek",
                    self.note,
                    placeholder="Typ wat er besproken wordt. ctrl+g zet een leefgebied als kopje.",
                )
                area.border_subtitle = "Tab: naar de voorbereiding"
                yield area
        with Horizontal(id="intake-status"):
            yield Static(id="legend")
            yield BalanceMeter(id="balance")
            yield Static(id="saved")
        yield Footer()

    def on_mount(self) -> None:
        self.title = f"Volgend bezoek · {self.case.youth.display_name}"
        self._layout(self.size.width)
        self.query_one(FieldArea).focus_at_end()
        self._refresh()

    def on_resize(self, event) -> None:
        self._layout(event.size.width)

    def _layout(self, width: int) -> None:
        self.set_class(width >= WIDE, "-wide")

    def on_unmount(self) -> None:
        self.autosaver.flush()

    def on_screen_suspend(self) -> None:
        self.autosaver.flush()

    # --- typing ------------------------------------------------------------------------

    @on(TextArea.Changed)
    def _text_changed(self, event: TextArea.Changed) -> None:
        text = event.text_area.text
        if text == self.note:
            return
        self.note = text
        self._dirty = True
        self.tracker.update("visit.note", text, NEUTRAL)
        self.autosaver.touch()
        self._refresh()

    def _save(self) -> None:
        if not self._dirty:
            return
        try:
            if self.visit is None:
                if not self.note.strip():
                    return
                self.visit = start_visit(self.db, self.case.youth.id, self.now, self.case.youth.coach)
            save_visit(self.db, self.visit, self.note, self.talked(), self.session)
        except DatabaseError:
            self.notify("Opslaan lukte even niet; coach probeert het zo opnieuw.", severity="warning")
            self.autosaver.touch()
            return
        self._dirty = False
        for label in self.query("#saved").results(Static):
            label.update(Content.from_markup("[$text-success]✓[/] opgeslagen"))

    def talked(self) -> list[str]:
        """The domains marked in the note so far."""
        return heading_domains(self.conversation, self.note)

    # --- what the assistant shows ----------------------------------------------------

    def _refresh(self) -> None:
        talked = set(self.talked())
        nvt = {k for k, e in self.intake.domains.items() if e.skip == NVT} if self.intake else set()
        states = {
            d.key: TOUCHED if d.key in talked else (NVT if d.key in nvt else NOT_YET) for d in self.content.domains
        }
        warm_told = len({item.kind for item in self.case.warm_story})
        self.query_one(CoverageBar).show(states, self.domain or WARM, warm_told)
        self.query_one("#legend", Static).update(f"{len(talked)} van {len(states)} leefgebieden besproken")
        self.query_one(BalanceMeter).show(self.tracker.balance)
        self.query_one("#question", Static).update(self._question())
        self.query_one(SuggestionBar).offer(self._suggestion(talked))
        if self._dirty:
            self.query_one("#saved", Static).update(Content.from_markup("[$foreground-muted]•[/] bewaren…"))
        self.refresh_bindings()

    def _question(self) -> Content:
        if self.warm_question:
            return Content.from_markup("[b]Iets warms[/]\n[i]“$q”[/]", q=self.warm_question)
        if self.domain is None:
            return Content.from_markup("[b]Warme opening[/]\n[i]$q[/]", q=self.prep.opener)
        return question_content(
            self.conversation.label(self.domain), self.question_index, self.conversation.questions(self.domain)
        )

    def _suggestion(self, talked: set[str]) -> Suggestion | None:
        for signal in reversed(self.conversation.signals.find(self.note)):
            if signal.domain in talked or signal.domain in self.dismissed:
                continue
            label = self.content.domain(signal.domain).label
            return Suggestion("signal", f"Je noemde '{signal.typed}' — {label} bespreken?", domain=signal.domain)
        if self.tracker.suggest_warm:
            kinds = self.content.warm_kinds
            told = {item.kind for item in self.case.warm_story}
            kind = next((k for k in kinds if k.key not in told), kinds[0])
            return Suggestion("warm", kind.questions[0], warm_kind=kind.key)
        return None

    def help_target(self) -> tuple[str, str | None]:
        """The handbook page for a home visit."""
        return "huisbezoek.md", None

    # --- actions -----------------------------------------------------------------------

    def mark_domain(self, domain: str) -> None:
        """Put the domain as a heading at the end of the note and continue typing after it."""
        area = self.query_one(FieldArea)
        line = heading(self.conversation, domain)
        text = area.text
        prefix = "" if not text.strip() else ("\n" if text.endswith("\n") else "\n\n")
        area.move_cursor(area.document.end)
        area.insert(prefix + line)
        area.focus_at_end()
        self.domain = domain
        self.question_index = 0
        self.warm_question = None
        self._refresh()

    def action_pick_domain(self) -> None:
        """Choose a domain to talk about now."""
        talked = set(self.talked())
        sections = [(d.key, d.label, TOUCHED if d.key in talked else NOT_YET) for d in self.content.domains]

        def chosen(key: str | None) -> None:
            if key is not None:
                self.mark_domain(key)

        self.app.push_screen(SectionPicker(sections, self.domain or "", title="Leefgebied als kopje"), chosen)

    def action_next_question(self) -> None:
        """Another question for the domain in hand."""
        self.question_index += 1
        self.warm_question = None
        self._refresh()

    def action_accept(self) -> None:
        """Take the suggestion."""
        suggestion = self.query_one(SuggestionBar).suggestion
        if suggestion is None:
            return
        if suggestion.kind == "signal" and suggestion.domain:
            self.mark_domain(suggestion.domain)
            return
        self.tracker.acknowledge()
        self.warm_question = suggestion.text
        self._refresh()

    def action_escape(self) -> None:
        """Put a suggestion away first; otherwise go back (the note is saved)."""
        if self.query_one(SuggestionBar).put_away(self.dismissed, self.tracker):
            self._refresh()
            return
        self.autosaver.flush()
        self.dismiss()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "accept" and self.is_mounted and self.query_one(SuggestionBar).suggestion is None:
            return False
        if action == "next_question" and self.domain is None:
            return False
        return True
