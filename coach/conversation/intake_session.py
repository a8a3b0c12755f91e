"""The intake conversation without a screen: where the coach is, what was typed, what to offer, what to save.

IntakeScreen draws this and forwards its keys here. Reading and writing go
through an IntakeRecords (coach.store.sittings.IntakeSitting in the app): a new
intake is only a draft until its first edit, so opening writes nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Protocol

from coach.content.model import Content
from coach.conversation.balance import WARM as WARM_TONE
from coach.conversation.engine import Suggestion, tone_of
from coach.conversation.session import ConversationSession
from coach.domain.intake import NU_NIET, NVT, SECTIONS, TEXT_FIELDS, WARM, Intake

SKIP_CYCLE: dict[str | None, str | None] = {None: NU_NIET, NU_NIET: NVT, NVT: None}
SKIP_WORDS: dict[str | None, str] = {NU_NIET: "nu niet", NVT: "niet van toepassing", None: "weer open"}

Position = tuple[str, "str | None", int]


class IntakeRecords(Protocol):
    """Where an intake is read from and written to, for one sitting."""

    @property
    def intake(self) -> Intake: ...

    @property
    def stored(self) -> bool: ...

    def save(self, changes: Mapping[tuple[str, str], object], position: Position) -> None:
        """Store the changes and the position in one go; a ValueError stores nothing."""

    def complete(self) -> int:
        """Close the intake as the baseline; the number of domains stored."""


def question_key(section: str, field: str | None) -> str:
    """Questions are counted per domain, and per kind in the warm story."""
    return f"{WARM}.{field}" if section == WARM and field else section


class IntakeSession(ConversationSession):
    """One sitting of one intake: its section and field, the edits waiting, the offer, the questions asked."""

    def __init__(self, content: Content, records: IntakeRecords, on_change: Callable[[], None] | None = None) -> None:
        super().__init__(content, on_change)
        self.records = records
        self.intake: Intake = records.intake
        self.section = self.intake.section
        self.field: str | None = self.intake.field or self._first_field(self.section)
        self.questions: dict[str, int] = {question_key(self.section, self.field): self.intake.question}
        self.saves = 0
        self._dirty: dict[tuple[str, str], object] = {}
        self._texts: dict[tuple[str, str], str] = {}
        # Where the coach was when last stored: moving back there is no change to save.
        self._stored_at: Position = self.position
        for kind, answer in self.intake.warm.items():
            self._texts[(WARM, kind)] = answer.text
            self.tracker.load(f"{WARM}.{kind}", answer.text, WARM_TONE)
        for key, entry in self.intake.domains.items():
            for name in TEXT_FIELDS:
                self._texts[(key, name)] = getattr(entry, name)
                self.tracker.load(f"{key}.{name}", getattr(entry, name), tone_of(key, name))

    def _first_field(self, section: str) -> str:
        # The field a section opens at when none was stored: the screen focuses the same one.
        return self.content.warm_kinds[0].key if section == WARM else TEXT_FIELDS[0]

    # --- where the coach is ---------------------------------------------------------------

    @property
    def position(self) -> Position:
        """Section, field and question index, as stored to resume."""
        return (self.section, self.field, self.questions.get(self.current_question_key, 0))

    @property
    def current_question_key(self) -> str:
        """The key the question count of what is on screen is kept under."""
        if self.section == WARM:
            return question_key(WARM, self.conversation.warm_kind(self.field))
        return self.section

    def go_to(self, section: str, field: str | None = None) -> bool:
        """Make `section` current (at `field`); False for a section that does not exist."""
        if section not in SECTIONS:
            return False
        self.section = section
        self.field = field or self._first_field(section)
        self._moved()
        return True

    def step(self, step: int) -> str | None:
        """The section `step` places on in the fixed order (None past either end)."""
        index = SECTIONS.index(self.section) + step
        return SECTIONS[index] if 0 <= index < len(SECTIONS) else None

    def focus_moved(self, field: str) -> bool:
        """The coach is now in `field` of the current section; True when that is a change."""
        if field == self.field:
            return False
        self.field = field
        self._moved()
        return True

    def next_question(self) -> None:
        """Offer the next question of this section (or warm kind)."""
        key = self.current_question_key
        self.questions[key] = self.questions.get(key, 0) + 1
        self._moved()

    def _moved(self) -> None:
        if self.position != self._stored_at:
            self._changed()

    def section_choices(self) -> list[tuple[str, str, str]]:
        """(key, label, state) of every section, for the picker."""
        intake = self.intake
        total = len(intake.warm)
        warm_state = "gescoord" if intake.warm_told == total else ("besproken" if intake.warm_told else "nog_niet")
        coverage = intake.coverage()
        choices = [(WARM, f"Warm verhaal ({intake.warm_told} van {total})", warm_state)]
        return choices + [(d.key, d.label, coverage[d.key]) for d in self.content.domains]

    # --- typing and choosing --------------------------------------------------------------

    def text(self, section: str, field: str) -> str:
        """What a text field holds now."""
        return self._texts.get((section, field), "")

    def type_text(self, section: str, field: str, text: str) -> bool:
        """A text field now reads `text`; False when that is what it held."""
        key = (section, field)
        if self._texts.get(key) == text:
            return False
        self._texts[key] = text
        self._change(section, field, text)
        self.tracker.update(f"{section}.{field}", text, tone_of(section, field))
        self.safety.hear(text)
        return True

    def set_score(self, score: int | None, *, youth: bool = False) -> None:
        """The coach's score (or the young person's own) for the current domain."""
        self._change(self.section, "youth_score" if youth else "score", score)

    def set_carriers(self, kinds: tuple[str, ...], names: tuple[str, ...]) -> None:
        """Who carries the current domain: by kind and by name from the network."""
        self._change(self.section, "carried_by", kinds)
        self._change(self.section, "carriers", names)

    def skip(self) -> str | None:
        """Cycle the current domain: nu niet → niet van toepassing → open again; the new skip (see can_score)."""
        skip = SKIP_CYCLE[self.intake.domains[self.section].skip]
        self._change(self.section, "skip", skip)
        return skip

    def _change(self, section: str, field: str, value: object) -> None:
        """Apply an edit to the intake shown now and queue it for the store."""
        if section == WARM:
            # Only typing reaches the warm story, so the value is its text.
            self.intake.warm[field].text = str(value)
        else:
            setattr(self.intake.domains[section], field, value)
        self._dirty[(section, field)] = value
        self._changed()

    # --- what is shown --------------------------------------------------------------------

    @property
    def can_score(self) -> bool:
        """Scores and skips belong to a domain, not to the warm story."""
        return self.section != WARM

    @property
    def completed(self) -> bool:
        """The intake is already the baseline."""
        return self.intake.completed

    def question(self) -> tuple[str, int, tuple[str, ...]]:
        """The question line: its head, the index asked and the questions to choose from."""
        if self.section == WARM:
            kind_key = self.conversation.warm_kind(self.field)
            head = f"Warm verhaal · {next(k.label for k in self.content.warm_kinds if k.key == kind_key)}"
        else:
            skip = self.intake.domains[self.section].skip
            head = self.conversation.label(self.section) + (f" · {SKIP_WORDS[skip]}" if skip else "")
        index = self.questions.get(self.current_question_key, 0)
        return head, index, self.conversation.questions(self.section, self.field)

    def _suggest(self, text: str) -> Suggestion | None:
        signal = self.conversation.signal_suggestion(self.intake, self.section, text, self.dismissed)
        if signal is not None:
            return signal
        if self.section != WARM and self.tracker.suggest_warm:
            return self.conversation.warm_question(self.intake)
        return None

    def accept(self) -> tuple[str, str] | None:
        """Take the offer: the section and field to go to (a signal's domain, or the warm kind asked about)."""
        suggestion = self.suggestion
        if suggestion is None:
            return None
        if suggestion.kind == "signal" and suggestion.domain:
            return suggestion.domain, "notes"
        self.tracker.acknowledge()
        kind_key = suggestion.warm_kind or self.content.warm_kinds[0].key
        kind = next(k for k in self.content.warm_kinds if k.key == kind_key)
        self.questions[question_key(WARM, kind_key)] = kind.questions.index(suggestion.text)
        return WARM, kind_key

    # --- saving and finishing -------------------------------------------------------------

    @property
    def unsaved_edits(self) -> bool:
        """Typed or chosen values are waiting (a move alone is not shown as one)."""
        return bool(self._dirty)

    @property
    def pending(self) -> bool:
        # A move alone is stored only for an intake that has a record: looking around writes nothing.
        return bool(self._dirty) or (self.records.stored and self.position != self._stored_at)

    def _write(self) -> bool:
        self.records.save(dict(self._dirty), self.position)
        return True

    def _clean(self) -> None:
        self._dirty.clear()
        self._stored_at = self.position
        self.saves += 1

    def unfollowed_count(self) -> int:
        """Signals whose domain was not talked about, for the closing summary."""
        return len(self.conversation.unfollowed(self.intake))

    def complete(self) -> int:
        """Close the intake as the baseline dated today (save first); the number of domains stored."""
        return self.records.complete()
