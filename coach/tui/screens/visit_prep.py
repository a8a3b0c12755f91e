"""Preparing and holding the next visit: what to pick up, a warm opening, and the visit's own note.

Leaving asks how the visit ends (VisitEndDialog): complete it, keep the note as
its preparation, or go on. The session decides and stores; this screen draws.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import Header, Static, TextArea

from coach import clock
from coach.content.model import Content as PromptContent
from coach.conversation.visit import VisitPrep
from coach.conversation.visit_session import VisitSession
from coach.domain.intake import WARM
from coach.domain.model import MODE_LABELS, STATUS_LABELS, Case
from coach.domain.visit_outcome import VisitEndInput, VisitOutcome
from coach.domain.vocabulary import ContactStatus
from coach.store.agreement_edits import owner_names
from coach.store.errors import StoreError
from coach.store.sittings import VisitSitting
from coach.tui.autosave import Autosaver
from coach.tui.context import CoachScreen
from coach.tui.dialogs.section_picker import SectionPicker
from coach.tui.dialogs.visit_complete import VisitCompleteDialog
from coach.tui.dialogs.visit_end import COMPLETE, KEPT, VisitEndDialog
from coach.tui.formatting import moment, short_date
from coach.tui.screens.safety import raise_pending, settle
from coach.tui.widgets.agreement_list import agreement_line
from coach.tui.widgets.balance_meter import BalanceMeter
from coach.tui.widgets.body import Body
from coach.tui.widgets.coach_footer import CoachFooter
from coach.tui.widgets.coverage_bar import CoverageBar
from coach.tui.widgets.field_area import FieldArea
from coach.tui.widgets.question_box import question_content
from coach.tui.widgets.refresh import update_if_changed
from coach.tui.widgets.suggestion_bar import SuggestionBar

if TYPE_CHECKING:
    from sqlite_utils import Database

NOTE_FIELD = "note"
WIDE = 120
STALE_SHOWN = 5
SIGNALS_SHOWN = 6


def prep_lines(
    prep: VisitPrep, content: PromptContent, today: date, owners: dict[int, str] | None = None
) -> list[tuple[str, list[Content]]]:
    """The preparation as titled groups of lines; `owners` names the network people who own afspraken."""
    owners = owners or {}
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
    groups.append(
        (
            "Open afspraken",
            [agreement_line(a, today, owners.get(a.id or 0)) for a in prep.agreements] or [Content("Geen.")],
        )
    )
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
    for domain in prep.stale[:STALE_SHOWN]:
        label = content.domain(domain.domain).label
        when = "nog nooit" if domain.last is None else f"sinds {short_date(domain.last, today)} ({domain.days} dagen)"
        stale.append(Content.from_markup("[b]$label[/] — $when", label=label, when=when))
    if len(prep.stale) > STALE_SHOWN:
        stale.append(Content(f"en nog {len(prep.stale) - STALE_SHOWN}"))
    groups.append(("Lang niet besproken", stale or [Content("Alles is de laatste tijd aan bod geweest.")]))
    return groups


class VisitPrepScreen(CoachScreen[None]):
    """One screen before and during the visit; what is typed becomes this visit's contact note."""

    CSS_PATH = "intake.tcss"
    BINDINGS = [
        Binding(
            "ctrl+g", "pick_domain", "Leefgebied", id="visit.pick", tooltip="Zet een leefgebied als kopje in de notitie"
        ),
        Binding("ctrl+n", "next_question", "Andere vraag", id="visit.next_question"),
        Binding("ctrl+o", "accept", "Ja, doen", id="visit.accept", show=False, tooltip="Neem het voorstel over"),
        Binding("escape", "escape", "Afronden of bewaren", id="visit.back", tooltip="Bezoek afronden of bewaren"),
    ]

    def __init__(
        self, db: Database, case: Case, content: PromptContent, today: date, now: datetime | None = None
    ) -> None:
        super().__init__()
        if case.youth.id is None:
            raise ValueError("a visit belongs to a young person in the database")
        self.case = case
        self.content = content
        self.today = today
        now = now or datetime.combine(today, clock.now().time())
        self.autosaver = Autosaver(self, self._save)
        # Reads only: the visit's contact is made once the note has words.
        records = VisitSitting(db, case.youth.id, case.youth.coach, today, now)
        self.owners = owner_names(db, case.youth.id)
        self.session = VisitSession(content, case, now, records, self.autosaver.touch)
        # What the footer offers was last worked out for (see _refresh).
        self._binding_state: tuple[bool, bool] | None = None

    @property
    def prep(self) -> VisitPrep:
        """What the preparation shows."""
        return self.session.prep

    def compose(self) -> ComposeResult:
        yield Header()
        yield CoverageBar({d.key: d.short for d in self.content.domains}, id="coverage")
        yield Static(id="question")
        yield SuggestionBar(id="suggestion")
        with Horizontal(id="visit-body"):
            with Body(id="prep"):
                for title, lines in prep_lines(self.prep, self.content, self.today, self.owners):
                    with Vertical(classes="prep-group"):
                        yield Static(title, classes="group-label")
                        for line in lines:
                            yield Static(line, classes="list-item prep-line")
            with Vertical(id="visit-note-box"):
                area = FieldArea(
                    "visit",
                    NOTE_FIELD,
                    "Aantekeningen van dit bezoek",
                    self.session.note,
                    placeholder="Typ wat er besproken wordt. ctrl+g zet een leefgebied als kopje.",
                )
                area.border_subtitle = "Tab: naar de voorbereiding"
                yield area
        with Horizontal(id="intake-status"):
            yield Static(id="legend")
            yield BalanceMeter(id="balance")
            yield Static(id="saved")
        yield CoachFooter()

    def on_mount(self) -> None:
        self.title = f"Volgend bezoek · {self.case.youth.display_name}"
        self._layout(self.size.width)
        self.query_one(FieldArea).focus_at_end()
        self._refresh()

    def on_resize(self, event: events.Resize) -> None:
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
        if self.session.type_note(event.text_area.text):
            self._refresh()
            raise_pending(self, self.case.youth.id or 0, self.case.youth.display_name, "bezoek", self.session.safety)

    def _save(self) -> None:
        youth = self.case.youth
        settle(self, youth.id or 0, youth.display_name, "bezoek", self.session.safety, self.session.note)
        try:
            saved = self.session.save()
        except StoreError:
            self.notify("Opslaan lukte even niet; coach probeert het zo opnieuw.", severity="warning")
            self.autosaver.touch()
            return
        if saved is None:
            return
        for label in self.query("#saved").results(Static):
            update_if_changed(label, Content.from_markup("[$text-success]✓[/] opgeslagen"))

    # --- what the assistant shows ----------------------------------------------------

    def _refresh(self) -> None:
        """Coverage, question, suggestion and balance after any change (also every key in the note).

        Only what changed is redrawn: each update lays out the screen again, and the footer
        is worked out anew only when what it offers changes.
        """
        session = self.session
        states = session.coverage()
        talked = session.talked()
        self.query_one(CoverageBar).show(states, session.domain or WARM, session.warm_told)
        update_if_changed(self.query_one("#legend", Static), f"{len(talked)} van {len(states)} leefgebieden besproken")
        self.query_one(BalanceMeter).show(session.tracker.balance)
        update_if_changed(self.query_one("#question", Static), self._question())
        self.query_one(SuggestionBar).offer(session.refresh_offer())
        if session.pending:
            update_if_changed(self.query_one("#saved", Static), Content.from_markup("[$foreground-muted]•[/] bewaren…"))
        state = (session.suggestion is not None, session.can_ask_another)
        if state != self._binding_state:
            self._binding_state = state
            self.refresh_bindings()

    def _question(self) -> Content:
        session = self.session
        if session.warm_question:
            return Content.from_markup("[b]Iets warms[/]\n[i]“$q”[/]", q=session.warm_question)
        if session.domain is None:
            return Content.from_markup("[b]Warme opening[/]\n[i]$q[/]", q=session.prep.opener)
        return question_content(
            session.conversation.label(session.domain),
            session.question_index,
            session.conversation.questions(session.domain),
        )

    def help_target(self) -> tuple[str, str | None]:
        """The handbook page for a home visit."""
        return "huisbezoek.md", None

    # --- actions -----------------------------------------------------------------------

    def mark_domain(self, domain: str) -> None:
        """Put the domain as a heading at the end of the note and continue typing after it."""
        area = self.query_one(FieldArea)
        added = self.session.mark_domain(domain, area.text)
        area.move_cursor(area.document.end)
        area.insert(added)
        area.focus_at_end()
        self._refresh()

    def action_pick_domain(self) -> None:
        """Choose a domain to talk about now."""

        def chosen(key: str | None) -> None:
            if key is not None:
                self.mark_domain(key)

        picker = SectionPicker(self.session.domain_choices(), self.session.domain or "", title="Leefgebied als kopje")
        self.app.push_screen(picker, chosen)

    def action_next_question(self) -> None:
        """Another question for the domain in hand."""
        self.session.next_question()
        self._refresh()

    def action_accept(self) -> None:
        """Take the suggestion."""
        if self.session.suggestion is None:
            return
        domain = self.session.accept()
        if domain is not None:
            self.mark_domain(domain)
            return
        self._refresh()

    def action_escape(self) -> None:
        """Put a suggestion away first; otherwise ask how the visit ends (only looking just goes back)."""
        if self.session.put_away():
            self._refresh()
            return
        self.autosaver.flush()  # the note is safe as a preparation whatever is chosen
        if not self.session.needs_decision:
            self.dismiss()
            return
        ending = self.session.ending(self._now())
        dialog = VisitEndDialog(self.case.youth.display_name, ending, self.today, self._keep)
        self.app.push_screen(dialog, self._ended)

    def _now(self) -> datetime:
        return datetime.combine(self.today, clock.now().time()).replace(second=0, microsecond=0)

    def _keep(self, when: str | None) -> datetime | None:
        return self.session.keep(when, self._now())

    def _ended(self, choice: str | None) -> None:
        if choice == KEPT:
            planned = self.session.records.planned_at
            when = f" voor {moment(planned, self.today)}" if planned is not None else ""
            self.notify(f"Voorbereiding bewaard{when}. Het bezoek staat nog gepland.")
            self.dismiss()
        elif choice == COMPLETE:
            ending = self.session.ending(self._now())
            dialog = VisitCompleteDialog(
                self.case.youth.display_name, ending, self.today, self._complete, owners=self.owners
            )
            self.app.push_screen(dialog, self._completed)
        else:
            self.query_one(FieldArea).focus_at_end()

    def _complete(self, form: VisitEndInput) -> VisitOutcome:
        return self.session.complete(form, self._now())

    def _completed(self, outcome: VisitOutcome | None) -> None:
        if outcome is None:
            self.query_one(FieldArea).focus_at_end()
            return
        status = ContactStatus(outcome.status).label.lower()
        self.notify(f"Bezoek afgerond: {status}, {moment(outcome.at, self.today)}.")
        self.dismiss()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "accept" and self.is_mounted and self.session.suggestion is None:
            return False
        if action == "next_question" and not self.session.can_ask_another:
            return False
        return True
