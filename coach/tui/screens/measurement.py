"""A follow-up measurement: the 13 domains prefilled with the last scores; the coach changes what changed.

Scores are chosen with the intake's ScorePicker (1–5 with what each score
looks like in the domain), so a measurement reads the same as the intake.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.events import Key
from textual.widgets import ContentSwitcher, Header, OptionList, Static
from textual.widgets.option_list import Option

from coach.content.model import Content as PromptContent
from coach.domain.calendar_words import short_date
from coach.domain.model import Case, latest_scores
from coach.domain.trajectory import TrajectoryError
from coach.store.errors import StoreError
from coach.store.measurement import DomainScore, save_measurement
from coach.tui.context import CoachScreen
from coach.tui.dialogs.confirm import Confirm
from coach.tui.store_errors import report_store_error
from coach.tui.widgets.body import Body
from coach.tui.widgets.coach_footer import CoachFooter
from coach.tui.widgets.score_picker import ScorePicker

if TYPE_CHECKING:
    from sqlite_utils import Database


def change_mark(before: int | None, now: int | None) -> Content:
    """'▲' up, '▼' down, '=' the same (sign and colour), or nothing to compare."""
    if before is None or now is None:
        return Content("  ")
    if now > before:
        return Content.from_markup("[b $success]▲[/] ")
    if now < before:
        return Content.from_markup("[b $error]▼[/] ")
    return Content.from_markup("[$foreground-muted]=[/] ")


class MeasurementScreen(CoachScreen[bool]):
    """Up and down through the domains; 1–5 sets the coach's score; Tab to the anchors and the young person's score."""

    CSS_PATH = "trajectory.tcss"
    # The same keys as the intake: ctrl+s to the score (with what each score means), ctrl+r to finish.
    BINDINGS = [
        Binding(
            "ctrl+s", "focus_score", "Score", id="measurement.score", tooltip="Naar de score, met uitleg per score"
        ),
        Binding(
            "ctrl+r", "save", "Bewaren", id="measurement.save", tooltip="Bewaar de meting met de datum van vandaag"
        ),
        Binding(
            "escape", "leave", "Terug", id="measurement.back", tooltip="Terug zonder te bewaren (er wordt gevraagd)"
        ),
        # q must not throw away scores that are not yet saved: it asks, like Esc.
        Binding("q", "leave", "Terug", id="measurement.no_quit", show=False),
    ]

    def __init__(self, case: Case, content: PromptContent, today: date) -> None:
        super().__init__()
        self.case = case
        self._content = content
        self._today = today
        self.previous = latest_scores(case.assessments)
        self.previous_youth = latest_scores(case.assessments, "youth_score")
        self.scores: dict[str, int | None] = {d.key: self.previous.get(d.key) for d in content.domains}
        self.youth_scores: dict[str, int | None] = {d.key: None for d in content.domains}
        self.current = content.domains[0].key
        self.changed = False

    # --- layout --------------------------------------------------------------------

    @property
    def _db(self) -> Database:
        """The open database, from the app's context."""
        return self.context.database

    @property
    def youth_id(self) -> int:
        """The young person measured (a stored case always has an id)."""
        assert self.case.youth.id is not None
        return self.case.youth.id

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(self._intro(), id="measurement-intro")
        with Horizontal(id="measurement-body"):
            yield OptionList(*self._options(), id="measurement-list")
            with ContentSwitcher(id="measurement-side", initial=f"m-{self.current}"):
                for domain in self._content.domains:
                    yield self._side(domain.key)
        yield CoachFooter()

    def _side(self, key: str) -> VerticalScroll:
        domain = self._content.domain(key)
        labels = {level.score: level.label for level in self._content.scale}
        heading = Content.from_markup("[b]$label[/b]", label=domain.label)
        before = self.previous.get(key)
        if before is not None:
            heading += Content.from_markup("  [$foreground-muted]vorige keer $b[/]", b=str(before))
            if key in self.previous_youth:
                heading += Content.from_markup("[$foreground-muted], jongere $y[/]", y=str(self.previous_youth[key]))
        return Body(
            Static(heading, classes="measurement-domain"),
            ScorePicker(
                "Score van de coach",
                self.scores[key],
                labels=labels,
                anchors=domain.levels,
                id=f"score-{key}",
                classes="coach-score",
            ),
            Static(self._anchor(key), id=f"anchor-{key}", classes="measurement-anchor"),
            ScorePicker(
                "Eigen score van de jongere (mag leeg)", None, labels=labels, id=f"youth-{key}", classes="youth-score"
            ),
            id=f"m-{key}",
            classes="measurement-domain-side",
            can_focus=False,  # Tab goes from the list straight to the scores
        )

    def _anchor(self, key: str) -> Content:
        """What the chosen score looks like in this domain, so the coach reads it without opening the list."""
        score = self.scores.get(key)
        if score is None:
            return Content.from_markup("[$foreground-muted]Nog geen score.[/]")
        return Content.from_markup(
            "[b]$n · $label[/b] — $text",
            n=str(score),
            label=self._content.level(score).label,
            text=self._content.domain(key).levels.get(score, ""),
        )

    def _intro(self) -> Content:
        dates = sorted({a.date for a in self.case.assessments if a.score is not None})
        since = f"vorige {short_date(dates[-1], self._today)}" if dates else "eerste meting"
        return Content.from_markup(
            "[b]Vervolgmeting $day[/b] · $since · [$foreground-muted]de scores staan op de vorige meting; "
            "pijltjes kiezen, 1–5 zet de score.[/]",
            day=short_date(self._today, self._today),
            since=since,
        )

    def _line(self, key: str) -> Content:
        domain = self._content.domain(key)
        before, now = self.previous.get(key), self.scores.get(key)
        shown_before = str(before) if before is not None else "–"
        shown_now = str(now) if now is not None else "·"
        return (
            Content(domain.short.ljust(13))
            + Content.from_markup("[$foreground-muted]$b →[/] [b]$n[/] ", b=shown_before, n=shown_now)
            + change_mark(before, now)
        )

    def _options(self) -> list[Option]:
        return [Option(self._line(d.key), id=d.key) for d in self._content.domains]

    def on_mount(self) -> None:
        self.title = f"Vervolgmeting · {self.case.youth.display_name}"
        options = self.query_one(OptionList)
        options.highlighted = 0
        options.focus()

    # --- the domain in view ----------------------------------------------------------

    @on(OptionList.OptionHighlighted, "#measurement-list")
    def _highlighted(self, event: OptionList.OptionHighlighted) -> None:
        if event.option.id:
            self.current = event.option.id
            self.query_one(ContentSwitcher).current = f"m-{self.current}"

    @on(OptionList.OptionSelected, "#measurement-list")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        # Enter on a domain goes to its anchors, to read what each score means there.
        self.query_one(f"#score-{self.current}", ScorePicker).focus()

    def on_key(self, event: Key) -> None:
        # In the list, one key scores the highlighted domain: fast when most stay the same.
        options = self.query_one(OptionList)
        if (
            self.focused is options
            and event.character
            and event.character in "12345"
            and options.highlighted is not None
        ):
            event.stop()
            key = options.get_option_at_index(options.highlighted).id
            self.query_one(f"#score-{key}", ScorePicker).choose(int(event.character))

    @on(ScorePicker.Changed)
    def _picked(self, event: ScorePicker.Changed) -> None:
        event.stop()
        kind, _, key = (event.picker.id or "").partition("-")
        target = self.youth_scores if kind == "youth" else self.scores
        if key not in target or target[key] == event.score:
            return
        target[key] = event.score
        self.changed = True
        self.query_one(OptionList).replace_option_prompt(key, self._line(key))
        if kind != "youth":
            self.query_one(f"#anchor-{key}", Static).update(self._anchor(key))

    def action_focus_score(self) -> None:
        """To the highlighted domain's score, where the five scores are explained."""
        self.query_one(f"#score-{self.current}", ScorePicker).focus()

    # --- saving and leaving -------------------------------------------------------------

    def action_save(self) -> None:
        """Store every scored domain as today's measurement, then go back."""
        scores = {key: DomainScore(score, self.youth_scores.get(key)) for key, score in self.scores.items()}
        try:
            count = save_measurement(self._db, self.youth_id, self._today, self._today, scores)
        except TrajectoryError as error:
            self.notify(str(error), severity="error")
            return
        except StoreError as error:
            report_store_error(self, error, kept="Je scores staan er nog; probeer het zo opnieuw.")
            return
        self.notify(f"Meting bewaard: {count} leefgebieden.")
        self.dismiss(True)

    def action_leave(self) -> None:
        """Leave; with unsaved changes, ask first."""
        if not self.changed:
            self.dismiss(False)
            return

        def answered(leave: bool | None) -> None:
            if leave:
                self.dismiss(False)

        self.app.push_screen(
            Confirm(
                "De meting is nog niet bewaard. Weggaan zonder te bewaren?",
                yes="Ja, niet bewaren",
                no="Nee, verder met de meting",
            ),
            answered,
        )

    def help_target(self) -> tuple[str, str | None]:
        """The handbook on afbouw: looking back at the scores together."""
        return "afbouw-loslaten.md", "het-afscheidsgesprek"
