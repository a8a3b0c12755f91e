"""Samen invullen without a screen: the pages, the young person's answers and typed lines, and what to save.

SamenScreen draws this and forwards keys and clicks here. The answers go to a
SamenRecords (coach.store.self_assessment.SelfAssessmentSitting in the app);
like the intake it never waits on a clock: a change calls `on_change` (the
screen's autosave timer) and `save()` stores what waits.

Only the young person's own things live here, plus the coach's latest score
per domain (a number, shown on the last page only when the coach chooses):
no notes, no network, nothing else of the case.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from datetime import date
from typing import Protocol

from coach.content.samen import SamenContent
from coach.conversation.safety import SafetyWatch
from coach.conversation.session import Saved
from coach.domain.domains import DOMAIN_KEYS
from coach.domain.safety import SafetyCues
from coach.domain.self_assessment import OWN_WARM_KINDS, SelfAssessment, difference_words

START = "start"
PICTURE = "plaatje"
WARM_PREFIX = "warm."
# The warm story comes first, as everywhere in coach; then the 13 domains; then their picture.
PAGES: tuple[str, ...] = (START, *(WARM_PREFIX + kind for kind in OWN_WARM_KINDS), *DOMAIN_KEYS, PICTURE)


class SamenRecords(Protocol):
    """Where one sitting's answers are read from and written to."""

    @property
    def answers(self) -> dict[str, SelfAssessment]: ...

    @property
    def texts(self) -> dict[str, str]: ...

    def save(self, answers: Mapping[str, SelfAssessment], texts: Mapping[str, str]) -> None:
        """Store them in one go; a ValueError stores nothing."""


@dataclass(frozen=True)
class PictureRow:
    """One domain on the last page: its short name, their answer, and (when shown) the coach's score."""

    domain: str
    label: str
    score: int | None
    skipped: bool
    talk: bool
    coach_score: int | None
    difference: str


class SamenSession:
    """One sitting of samen invullen: which page is shown, the answers given, and what waits to be saved."""

    def __init__(
        self,
        content: SamenContent,
        labels: Mapping[str, str],
        records: SamenRecords,
        today: date,
        coach_scores: Mapping[str, int] | None = None,
        on_change: Callable[[], None] | None = None,
        safety: SafetyCues | None = None,
    ) -> None:
        self.content = content
        self.labels = dict(labels)
        self.records = records
        self.today = today
        self.coach_scores = dict(coach_scores or {})
        self.on_change = on_change
        self.answers: dict[str, SelfAssessment] = {key: replace(value) for key, value in records.answers.items()}
        self.texts: dict[str, str] = dict(records.texts)
        self.index = 0
        # The coach's scores stay hidden until the coach chooses to show them (on the last page).
        self.show_coach = False
        self.saves = 0
        self._dirty_answers: set[str] = set()
        self._dirty_texts: set[str] = set()
        # Safety signals in what they type are heard, never shown to them: raised to the coach afterwards.
        self.safety = SafetyWatch(safety) if safety is not None else None

    # --- where they are ---------------------------------------------------------------

    @property
    def page(self) -> str:
        """The page shown: 'start', 'warm.<kind>', a domain key, or 'plaatje'."""
        return PAGES[self.index]

    @property
    def domain(self) -> str | None:
        """The domain of the page shown (None on the other pages)."""
        return self.page if self.page in DOMAIN_KEYS else None

    @property
    def warm_kind(self) -> str | None:
        """The warm-story kind of the page shown (None on the other pages)."""
        return self.page.removeprefix(WARM_PREFIX) if self.page.startswith(WARM_PREFIX) else None

    def go(self, step: int) -> bool:
        """Move `step` pages on (or back); False at either end."""
        index = self.index + step
        if not 0 <= index < len(PAGES):
            return False
        self.index = index
        return True

    def go_to(self, page: str) -> bool:
        """Show `page`; False when there is no such page."""
        if page not in PAGES:
            return False
        self.index = PAGES.index(page)
        return True

    def progress(self) -> str:
        """Where they are, in words ("vraag 4 van 16")."""
        questions = len(PAGES) - 2
        if self.page in (START, PICTURE):
            return ""
        return f"vraag {self.index} van {questions}"

    # --- answering ----------------------------------------------------------------------

    def _answer(self, domain: str) -> SelfAssessment:
        return self.answers.setdefault(domain, SelfAssessment(self.today, domain))

    def choose(self, score: int) -> bool:
        """Their answer 1–5 on the current domain; False off a domain page or outside 1–5."""
        domain = self.domain
        if domain is None or not 1 <= score <= 5:
            return False
        answer = self._answer(domain)
        answer.score, answer.skipped = score, False
        self._changed_answer(domain)
        return True

    def skip(self) -> bool:
        """ "Sla over" on the current domain (again: no longer skipped); False off a domain page."""
        domain = self.domain
        if domain is None:
            return False
        answer = self._answer(domain)
        answer.skipped = not answer.skipped
        if answer.skipped:
            answer.score = None
        self._changed_answer(domain)
        return True

    def toggle_talk(self) -> bool:
        """ "Hier wil ik over praten" on or off for the current domain; False off a domain page."""
        domain = self.domain
        if domain is None:
            return False
        answer = self._answer(domain)
        answer.talk = not answer.talk
        self._changed_answer(domain)
        return True

    def answer(self, domain: str) -> SelfAssessment | None:
        """Their answer for `domain` so far (None when not touched)."""
        return self.answers.get(domain)

    def text(self, kind: str) -> str:
        """What they typed for a warm-story kind."""
        return self.texts.get(kind, "")

    def type_text(self, kind: str, text: str) -> bool:
        """Their words for a warm-story kind now read `text`; False when unchanged or not a kind of theirs."""
        if kind not in OWN_WARM_KINDS or self.texts.get(kind, "") == text:
            return False
        self.texts[kind] = text
        self._dirty_texts.add(kind)
        if self.safety is not None:
            self.safety.hear(text)
        self._changed()
        return True

    def heard(self) -> SafetyWatch | None:
        """The safety watch after the sitting: every typed line heard in full, for the coach's prompt."""
        if self.safety is not None:
            for text in self.texts.values():
                if self.safety.hear(text, final=True) is not None:
                    break
        return self.safety

    def _changed_answer(self, domain: str) -> None:
        self._dirty_answers.add(domain)
        self._changed()

    def _changed(self) -> None:
        if self.on_change is not None:
            self.on_change()

    # --- the picture ----------------------------------------------------------------------

    def toggle_coach(self) -> bool:
        """Show or hide the coach's scores beside theirs on the last page; the new state."""
        self.show_coach = not self.show_coach
        return self.show_coach

    def picture(self) -> list[PictureRow]:
        """All 13 domains with their answers, and the coach's score and the difference in words when shown."""
        rows = []
        for key in DOMAIN_KEYS:
            answer = self.answers.get(key)
            score = answer.score if answer else None
            coach = self.coach_scores.get(key) if self.show_coach else None
            rows.append(
                PictureRow(
                    key,
                    self.labels.get(key, key),
                    score,
                    bool(answer and answer.skipped),
                    bool(answer and answer.talk),
                    coach,
                    difference_words(coach, score) if self.show_coach else "",
                )
            )
        return rows

    # --- saving -----------------------------------------------------------------------------

    @property
    def pending(self) -> bool:
        """Something is waiting to be saved."""
        return bool(self._dirty_answers or self._dirty_texts)

    def save(self) -> Saved | None:
        """Store what waits now; None when nothing did (a store error propagates, the changes kept)."""
        if not self.pending:
            return None
        answers = {key: self.answers[key] for key in self._dirty_answers}
        texts = {kind: self.texts[kind] for kind in self._dirty_texts}
        try:
            self.records.save(answers, texts)
        except ValueError as error:
            # Refused values will never fit: drop them rather than retry forever.
            self._dirty_answers.clear()
            self._dirty_texts.clear()
            return Saved(rejected=str(error))
        self._dirty_answers.clear()
        self._dirty_texts.clear()
        self.saves += 1
        return Saved()
