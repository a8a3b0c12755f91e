"""Loslaten: the readiness with its evidence, what the coach records for it, and the decision.

Every tick and answer is stored at once; the readiness above is computed again
after each one. The coach decides: the screen only lays the evidence out.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from functools import partial
from typing import TYPE_CHECKING

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import Button, Header, Input, Select, SelectionList, Static, TextArea
from textual.widgets.selection_list import Selection

from coach.content.model import Content as PromptContent
from coach.content.release import release_content
from coach.domain.calendar_words import short_date
from coach.domain.dutch_dates import PAST, DateInputError, parse_day
from coach.domain.model import PHASE_LABELS, Case
from coach.domain.phases import current_phase
from coach.domain.release import ACTIVITY_KINDS, ACTIVITY_LABELS, Activity, BasicItem, Criterion, ReleaseFacts
from coach.domain.trajectory import READINESS_PHASES, RELEASE, TrajectoryError, TrajectoryRecord
from coach.reports.readiness import case_readiness, met_count
from coach.store.errors import StoreError
from coach.store.release import (
    add_basic,
    end_activity,
    record_activity,
    record_confidence,
    release_facts,
    set_basic,
    set_staying,
)
from coach.store.trajectory import load_trajectory, record_not_yet, record_release, update_way_back
from coach.tui.context import CoachScreen
from coach.tui.dialogs.release_dialog import ReleaseChoice, ReleaseDialog
from coach.tui.store_errors import report_store_error
from coach.tui.widgets.basics_checklist import BasicsChecklist
from coach.tui.widgets.body import Body
from coach.tui.widgets.coach_footer import CoachFooter
from coach.tui.widgets.plain_toggles import PlainSelectionList
from coach.tui.widgets.readiness_list import ReadinessList

if TYPE_CHECKING:
    from sqlite_utils import Database


@dataclass
class ReleaseFile:
    """What the release screen shows, read in one go."""

    facts: ReleaseFacts
    readiness: list[Criterion]
    trajectory: TrajectoryRecord


def load_release_file(db: Database, case: Case, content: PromptContent, today: date) -> ReleaseFile:
    """Read the release facts, the readiness and the trajectory of one case."""
    assert case.youth.id is not None  # a stored case
    release = release_content(content)
    facts = release_facts(db, case.youth.id, release.basics)
    return ReleaseFile(facts, case_readiness(case, facts, content, today), load_trajectory(db, case.youth.id))


class ReleaseScreen(CoachScreen[bool]):
    """Readiness, the basics checklist, confidence, daytime activity, who stays, and the decision."""

    CSS_PATH = "trajectory.tcss"
    BINDINGS = [
        Binding("escape", "back", "Terug", id="release.back", tooltip="Terug naar de jongere"),
    ]

    def __init__(self, case: Case, file: ReleaseFile, content: PromptContent, today: date) -> None:
        super().__init__()
        self.case = case
        self._content = content
        self._today = today
        self.release = release_content(content)
        self.phase = current_phase(case.phases)
        self.changed = False
        self.file = file  # read by the opener (load_release_file); compose only draws what is here

    @property
    def _db(self) -> Database:
        """The open database, from the app's context."""
        return self.context.database

    @property
    def youth_id(self) -> int:
        """The young person this screen is about (a stored case always has an id)."""
        assert self.case.youth.id is not None
        return self.case.youth.id

    # --- layout --------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        facts, readiness = self.file.facts, self.file.readiness
        name = self.case.youth.nickname or self.case.youth.first_name
        yield Header()
        with Body(id="release-body"):
            if self.phase == "nazorg":
                yield from self._nazorg()
            with Vertical(classes="section", id="readiness-section"):
                yield Static(self._readiness_title(readiness), classes="section-title", id="readiness-title")
                yield ReadinessList(readiness, id="readiness")
            with Vertical(classes="section", id="basics-section"):
                yield Static(
                    "Praktische zaken · spatie of Enter vinkt af: nog open → geregeld → n.v.t.", classes="section-title"
                )
                yield BasicsChecklist(facts.basics, id="basics")
                yield Static(id="basic-hint", classes="release-hint")
                yield Input(
                    placeholder="Eigen punt toevoegen, bijvoorbeeld: rijbewijs (Enter)", id="basic-new", compact=True
                )
            with Vertical(classes="section", id="confidence-section"):
                yield Static(f"Vertrouwen van {name} zelf", classes="section-title")
                yield Static(
                    Content.from_markup("[i]“$q”[/]", q=self.release.confidence_question), classes="release-hint"
                )
                with Horizontal(classes="release-row"):
                    yield Input(
                        placeholder="1–5", max_length=1, restrict=r"[1-5]?", id="confidence-score", compact=True
                    )
                    yield Input(placeholder="In eigen woorden (mag leeg)", id="confidence-words", compact=True)
                    yield Button("Vastleggen", id="confidence-save", compact=True)
            with Vertical(classes="section", id="activity-section"):
                yield Static("Werk, school of dagbesteding", classes="section-title")
                yield Static(self._activities_text(facts.activities), id="activity-list", classes="release-hint")
                with Horizontal(classes="release-row"):
                    yield Select(
                        [(ACTIVITY_LABELS[k], k) for k in ACTIVITY_KINDS],
                        value="werk",
                        allow_blank=False,
                        id="activity-kind",
                        compact=True,
                    )
                    yield Input(placeholder="Waar of wat", id="activity-description", compact=True)
                    yield Input(placeholder="Sinds (bv. 1-2)", id="activity-since", compact=True)
                    yield Button("Vastleggen", id="activity-save", compact=True)
                if any(a.current(self._today) for a in facts.activities):
                    yield Button("Gestopt per vandaag", id="activity-end", compact=True)
            with Vertical(classes="section", id="network-stays-section"):
                yield Static("Wie blijft er als jij loslaat? · spatie kiest", classes="section-title")
                if self.case.network:
                    yield PlainSelectionList(*self._people(facts.staying), id="staying")
                else:
                    yield Static("Nog niemand uit het netwerk vastgelegd.", classes="empty-hint")
            if self.phase in READINESS_PHASES:
                with Vertical(classes="section", id="decision-section"):
                    yield Static("Besluit · jij beslist", classes="section-title")
                    yield Static(self._decisions_text(), id="decisions", classes="release-hint")
                    with Horizontal(classes="dialog-buttons"):
                        yield Button("Loslaten…", variant="primary", id="decide-release", compact=True)
                        yield Button("Nog niet…", id="decide-not-yet", compact=True)
        yield CoachFooter()

    def _nazorg(self) -> ComposeResult:
        release = self.file.trajectory.last_release
        with Vertical(classes="section", id="way-back-section"):
            yield Static("De weg terug · wat de jongere doet als het weer lastig wordt", classes="section-title")
            yield TextArea((release.way_back or "") if release else "", id="way-back", classes="dialog-text")
            yield Button("Bewaren", id="way-back-save", compact=True)

    def on_mount(self) -> None:
        self.title = f"Loslaten · {self.case.youth.display_name} · {PHASE_LABELS[self.phase]}"
        self.query_one("#basics", BasicsChecklist).focus(scroll_visible=False)

    @on(BasicsChecklist.OptionHighlighted, "#basics")
    def _show_hint(self) -> None:
        self.query_one("#basic-hint", Static).update(self.query_one(BasicsChecklist).hint())

    def _readiness_title(self, readiness: list[Criterion]) -> str:
        return f"Klaar om los te laten? · {met_count(readiness)}"

    def _people(self, staying: set[int]) -> list[Selection[int]]:
        people = sorted(self.case.network, key=lambda p: p.kind != "informeel")
        return [
            Selection(
                f"{p.name} ({p.relation}{', ' + p.organisation if p.organisation else ''})"
                + (" · eigen kring" if p.kind == "informeel" else ""),
                p.id,
                p.id in staying,
            )
            for p in people
            if p.id is not None
        ]

    def _activities_text(self, activities: list[Activity]) -> Content:
        if not activities:
            return Content("Nog niets vastgelegd.")
        lines = []
        for activity in activities:
            what = ACTIVITY_LABELS.get(activity.kind, activity.kind) + (
                f" ({activity.description})" if activity.description else ""
            )
            when = f"sinds {short_date(activity.since, self._today)}"
            if activity.until:
                when += f", gestopt {short_date(activity.until, self._today)}"
            lines.append(Content(f"• {what} {when}"))
        return Content("\n").join(lines)

    def _decisions_text(self) -> Content:
        decisions = self.file.trajectory.decisions
        if not decisions:
            return Content("Nog geen besluit vastgelegd.")
        lines = [
            Content(f"• {short_date(d.decided_on, self._today)} · {d.label}: {d.reason.splitlines()[0]}")
            for d in decisions[-3:]
        ]
        return Content("\n").join(lines)

    # --- storing -------------------------------------------------------------------------

    def _set_staying(self, network_id: int, stays: bool) -> None:
        set_staying(self._db, self.youth_id, network_id, stays)

    def _store(self, write: Callable[[], object], done: str | None = None) -> bool:
        """Run one store call; a Dutch message on bad input, a retry hint when the file is busy."""
        try:
            write()
        except TrajectoryError as error:
            self.notify(str(error), severity="error")
            return False
        except StoreError as error:
            report_store_error(self, error)
            return False
        self.changed = True
        if done:
            self.notify(done, timeout=2)
        self.reload()
        return True

    def reload(self) -> None:
        """Read the screen's facts again (after a write) and show the readiness as it is now."""
        self.file = load_release_file(self._db, self.case, self._content, self._today)
        readiness = self.file.readiness
        self.run_worker(self.query_one(ReadinessList).show(readiness), group="readiness")
        self.query_one("#readiness-title", Static).update(self._readiness_title(readiness))

    @on(BasicsChecklist.Ticked)
    def _ticked(self, event: BasicsChecklist.Ticked) -> None:
        item = event.item
        self._store(lambda: set_basic(self._db, self.youth_id, item.key, item.label, event.state, self._today))

    @on(Input.Submitted, "#basic-new")
    def _add_basic(self, event: Input.Submitted) -> None:
        label = event.value
        keys: list[str] = []
        if self._store(
            lambda: keys.append(add_basic(self._db, self.youth_id, label, self._today, self.release.basics)),
            f"Toegevoegd: {label.strip()}",
        ):
            self.query_one(BasicsChecklist).add_item(BasicItem(keys[0], " ".join(label.split()), "open", custom=True))
            event.input.value = ""

    @on(Button.Pressed, "#confidence-save")
    @on(Input.Submitted, "#confidence-score, #confidence-words")
    def _confidence(self) -> None:
        score_input, words_input = (
            self.query_one("#confidence-score", Input),
            self.query_one("#confidence-words", Input),
        )
        score = int(score_input.value) if score_input.value else None
        if self._store(
            lambda: record_confidence(
                self._db, self.youth_id, on=self._today, today=self._today, score=score, words=words_input.value
            ),
            "Vertrouwen vastgelegd.",
        ):
            score_input.value = words_input.value = ""

    @on(Button.Pressed, "#activity-save")
    @on(Input.Submitted, "#activity-description, #activity-since")
    def _activity(self) -> None:
        since_input = self.query_one("#activity-since", Input)
        try:
            since = (
                parse_day(since_input.value, self._today, direction=PAST) if since_input.value.strip() else self._today
            )
        except DateInputError as error:
            self.notify(str(error), severity="error")
            return
        kind = str(self.query_one("#activity-kind", Select).value)
        description = self.query_one("#activity-description", Input).value
        if self._store(
            lambda: record_activity(
                self._db, self.youth_id, kind=kind, since=since, today=self._today, description=description
            ),
            "Vastgelegd.",
        ):
            self._show_activities()
            self.query_one("#activity-description", Input).value = since_input.value = ""

    @on(Button.Pressed, "#activity-end")
    def _activity_end(self) -> None:
        current = [a for a in self.file.facts.activities if a.current(self._today)]
        if current:
            latest = max(current, key=lambda a: a.since)
            latest_id = latest.id
            assert latest_id is not None  # read from the store
            if self._store(
                lambda: end_activity(self._db, latest_id, until=self._today, today=self._today),
                f"{ACTIVITY_LABELS[latest.kind]} gestopt per vandaag.",
            ):
                self._show_activities()

    def _show_activities(self) -> None:
        self.query_one("#activity-list", Static).update(self._activities_text(self.file.facts.activities))

    @on(SelectionList.SelectedChanged, "#staying")
    def _staying(self, event: SelectionList.SelectedChanged[int]) -> None:
        chosen = set(event.selection_list.selected)
        stored = self.file.facts.staying
        for network_id in chosen ^ stored:
            self._store(partial(self._set_staying, network_id, network_id in chosen))

    @on(Button.Pressed, "#way-back-save")
    def _way_back(self) -> None:
        text = self.query_one("#way-back", TextArea).text
        self._store(lambda: update_way_back(self._db, self.youth_id, text), "De weg terug is bewaard.")

    # --- the decision -------------------------------------------------------------------

    @on(Button.Pressed, "#decide-release, #decide-not-yet")
    def _decide(self, event: Button.Pressed) -> None:
        decision = RELEASE if event.button.id == "decide-release" else "nog_niet"
        dialog = ReleaseDialog(
            decision,
            self._today,
            months=self.release.nazorg_months,
            way_back_prompt=self.release.way_back_prompt,
            name=self.case.youth.display_name,
        )
        self.app.push_screen(dialog, self._decided)

    def _decided(self, choice: ReleaseChoice | None) -> None:
        if choice is None:
            return
        if choice.decision == RELEASE:
            if self._store(
                lambda: record_release(
                    self._db,
                    self.youth_id,
                    on=choice.on,
                    today=self._today,
                    reason=choice.reason,
                    way_back=choice.way_back,
                    checkins=list(choice.checkins),
                ),
                f"Losgelaten. {len(choice.checkins)} nazorgchecks gepland.",
            ):
                self.dismiss(True)
            return
        if self._store(
            lambda: record_not_yet(self._db, self.youth_id, on=choice.on, today=self._today, reason=choice.reason),
            "Besluit vastgelegd: nog niet loslaten.",
        ):
            self.query_one("#decisions", Static).update(self._decisions_text())

    def action_back(self) -> None:
        """Back to the young person's screen (everything is already stored)."""
        self.dismiss(self.changed)

    def help_target(self) -> tuple[str, str | None]:
        """The handbook on the signs of being ready."""
        return "afbouw-loslaten.md", "signalen-van-klaar-zijn"
