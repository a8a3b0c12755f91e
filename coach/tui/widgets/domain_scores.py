"""The latest score on each of the 13 life domains, with the young person's own score beside it.

A score given in an intake that is still running shows at once (a 1 is
urgent news), marked "voorlopig" in words until the intake is finished and
the score becomes the baseline.
"""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.widget import Widget
from textual.widgets import Static

from coach.content.model import Content as PromptContent
from coach.domain.intake import SKIPS, STATE_LABELS, Intake
from coach.domain.model import Assessment, latest_scores
from coach.domain.self_assessment import SOURCE_LABEL, SelfAssessment, latest_self
from coach.tui.widgets.fitted import Fitted
from coach.tui.widgets.score_bar import score_bar

NOT_SCORED = "nog niet gescoord"
PROVISIONAL = "voorlopig"
TALK_MARK = "◆"


def own_text(coach_score: int | None, own: SelfAssessment | None, youth_score: int | None) -> str:
    """The young person's column: their own answer from samen invullen ("zelf"), else the score the coach typed for them.

    "zelf: 3 (+1)" reads without colour: the difference to the coach's score is a conversation starter.
    A ◆ marks a domain they want to talk about.
    """
    talk = f" {TALK_MARK}" if own is not None and own.talk else ""
    if own is not None and own.skipped:
        return f"zelf: –{talk}"
    if own is not None and own.score is not None:
        diff = f" ({own.score - coach_score:+d})" if coach_score is not None and own.score != coach_score else ""
        return f"zelf: {own.score}{diff}{talk}"
    if youth_score is not None:
        return f"jongere: {youth_score}{talk}"
    return talk.strip()


def own_summary(answers: list[SelfAssessment], labels: dict[str, str], short_date: str) -> str:
    """One line under the domains: when the young person filled in themselves, and what they want to talk about."""
    latest = latest_self(answers).values()
    talk = [labels.get(a.domain, a.domain) for a in latest if a.talk]
    line = f"zelf: {SOURCE_LABEL} ({short_date})"
    if any(a.skipped for a in latest):
        line += " · – overgeslagen"
    if talk:
        line += f" · {TALK_MARK} wil praten over: {', '.join(talk)}"
    return line


# The columns of a row: the label takes what is left, up to LABEL_MAX cells; the others are fixed.
LABEL_MAX, BAR_WIDTH, LEVEL_WIDTH, OWN_WIDTH = 31, 8, 23, 16


class DomainRow(Widget):
    """One domain on one line: label, score bar, level name, the young person's score.

    One widget that draws its four columns, not four widgets: with 13 rows those were nearly half of
    the young person's screen, each styled and laid out again whenever the screen changed.
    """

    COMPONENT_CLASSES = {"domain-row--own", "domain-row--unscored"}
    DEFAULT_CSS = """
    DomainRow > .domain-row--own {
        color: $text-muted;
    }
    DomainRow > .domain-row--unscored {
        color: $text-muted;
        text-style: italic;
    }
    """

    def __init__(
        self,
        label: str,
        score: int | None,
        level: str,
        youth_score: int | None,
        *,
        domain: str,
        provisional: bool = False,
        own: SelfAssessment | None = None,
    ) -> None:
        super().__init__(classes="domain-row" if score is not None else "domain-row -unscored")
        self.domain = domain
        self.provisional = provisional
        if provisional:
            self.add_class("-provisional")
        self.label = label
        self.score = score
        # The word first: at 80 columns the end of a long level name is cut off, the mark must not be.
        self.level = f"{PROVISIONAL}: {level}" if provisional else level
        self.own = own_text(score, own, youth_score)

    def render(self) -> Fitted:
        return Fitted(self._line)

    def _line(self, width: int) -> Content:
        label_width = max(0, min(LABEL_MAX, width - BAR_WIDTH - LEVEL_WIDTH - OWN_WIDTH))
        level = Content(self.level).truncate(LEVEL_WIDTH - 1, ellipsis=True)
        if self.score is None:
            level = level.stylize(self.get_visual_style("domain-row--unscored"))
        return Content.assemble(
            Content(self.label).truncate(label_width, ellipsis=True, pad=True),
            score_bar(self.score).truncate(BAR_WIDTH, pad=True),
            " ",
            level.truncate(LEVEL_WIDTH - 1, pad=True),
            Content.styled(self.own, self.get_visual_style("domain-row--own")).truncate(OWN_WIDTH),
        )


class DomainScores(Vertical):
    """All 13 domains in the fixed order, scored or not; `intake` is the latest intake (its scores count while it runs)."""

    def __init__(
        self,
        assessments: list[Assessment],
        content: PromptContent,
        intake: Intake | None = None,
        *,
        own: list[SelfAssessment] | None = None,
        own_date: str = "",
        **kwargs: Any,
    ) -> None:
        super().__init__(**kwargs)
        self._own = own or []
        self._own_date = own_date
        self._assessments = assessments
        self._content = content
        self._intake = intake
        self._unfinished = intake if intake is not None and not intake.completed else None

    def compose(self) -> ComposeResult:
        scores = latest_scores(self._assessments)
        youth_scores = latest_scores(self._assessments, "youth_score")
        own = latest_self(self._own)
        for domain in self._content.domains:
            score, youth_score = scores.get(domain.key), youth_scores.get(domain.key)
            running = self._unfinished.domains.get(domain.key) if self._unfinished is not None else None
            provisional = running is not None and (running.score is not None or running.youth_score is not None)
            if running is not None and provisional:
                # The running intake's word goes first: it is newer than any stored assessment.
                score = running.score if running.score is not None else score
                youth_score = running.youth_score if running.youth_score is not None else youth_score
            level = self._content.level(score).label if score is not None else self._unscored(domain.key)
            yield DomainRow(
                domain.label,
                score,
                level,
                youth_score,
                domain=domain.key,
                provisional=provisional,
                own=own.get(domain.key),
            )
        if self._own:
            labels = {domain.key: domain.short for domain in self._content.domains}
            yield Static(own_summary(self._own, labels, self._own_date), markup=False, classes="domain-own")

    def _unscored(self, domain: str) -> str:
        """Why a domain has no score: the coach's choice in the intake ("nu niet", "niet van toepassing"), or not yet."""
        entry = self._intake.domains.get(domain) if self._intake is not None else None
        if entry is not None and entry.skip in SKIPS:
            return STATE_LABELS[entry.skip]
        return NOT_SCORED
