"""A visit without a screen: its preparation, the note typed, the domain in hand, what to offer, how it ends.

VisitPrepScreen draws this and forwards its keys here. Reading and writing go
through a VisitRecords (coach.store.sittings.VisitSitting in the app): the
note goes into the planned visit once it has words, so looking writes nothing.
Preparing never records a held visit: leaving asks, and the coach completes
the visit (`complete`), keeps the note as its preparation (`keep`), or goes on.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Protocol

from coach.content.model import Content
from coach.conversation.balance import NEUTRAL
from coach.conversation.engine import Suggestion
from coach.conversation.session import ConversationSession
from coach.conversation.visit import VisitPrep, heading, heading_domains, prepare_visit
from coach.domain.contact_input import FormErrors
from coach.domain.intake import NOT_YET, NVT, TOUCHED, Intake
from coach.domain.model import Agreement, Case
from coach.domain.visit_outcome import (
    VisitEndInput,
    VisitOutcome,
    default_when,
    moment_input,
    read_outcome,
    read_planned_moment,
)

NOTE_FIELD = "visit.note"


class VisitRecords(Protocol):
    """What a visit reads before it starts, and where its note is written."""

    @property
    def intake(self) -> Intake | None: ...

    @property
    def talked(self) -> dict[str, date]: ...

    @property
    def note(self) -> str: ...

    @property
    def contact_id(self) -> int | None: ...

    @property
    def planned_at(self) -> datetime | None: ...

    @property
    def open_agreements(self) -> list[Agreement]: ...

    def save(self, note: str, domains: Iterable[str]) -> None:
        """Store the note and its domains (linking or making the visit's planned contact the first time)."""

    def complete(self, note: str, domains: Iterable[str], outcome: VisitOutcome, now: datetime) -> None:
        """Store the note and the visit's outcome in one transaction (FormErrors: nothing stored)."""

    def keep(self, note: str, domains: Iterable[str], now: datetime, at: datetime | None = None) -> None:
        """Store the note as the planned visit's preparation (at `at` when none was planned)."""


@dataclass(frozen=True)
class VisitEnding:
    """What the 'how does this visit end' question shows and starts with."""

    planned_at: datetime | None  # the planned visit this preparation belongs to; None: none was planned
    when: str  # the moment field's start: the planned moment once it has come, else 'nu'
    open_agreements: list[Agreement]

    @property
    def asks_moment(self) -> bool:
        """Keeping the preparation needs a moment: no visit was planned for it."""
        return self.planned_at is None


class VisitSession(ConversationSession):
    """One visit to one young person: the preparation, the note, the domain talked about now."""

    def __init__(
        self,
        content: Content,
        case: Case,
        now: datetime,
        records: VisitRecords,
        on_change: Callable[[], None] | None = None,
    ) -> None:
        super().__init__(content, on_change)
        self.case = case
        self.now = now
        self.records = records
        self.intake = records.intake
        self.prep: VisitPrep = prepare_visit(
            self.conversation, case, self.intake, records.talked, now, skip=records.contact_id
        )
        self.note = records.note
        self.tracker.load(NOTE_FIELD, self.note, NEUTRAL)
        self.domain: str | None = None
        self.question_index = 0
        self.warm_question: str | None = None
        self._dirty = False

    # --- typing ----------------------------------------------------------------------------

    def type_note(self, text: str) -> bool:
        """The note now reads `text`; False when that is what it held."""
        if text == self.note:
            return False
        self.note = text
        self._dirty = True
        self.tracker.update(NOTE_FIELD, text, NEUTRAL)
        self.safety.hear(text)
        self._changed()
        return True

    def mark_domain(self, domain: str, text: str) -> str:
        """Talk about `domain` now; what to add after `text` (the note as shown) to head it."""
        prefix = "" if not text.strip() else ("\n" if text.endswith("\n") else "\n\n")
        self.domain = domain
        self.question_index = 0
        self.warm_question = None
        return prefix + heading(self.conversation, domain)

    def next_question(self) -> None:
        """Another question for the domain in hand."""
        self.question_index += 1
        self.warm_question = None

    # --- what is shown ---------------------------------------------------------------------

    def talked(self) -> list[str]:
        """The domains marked in the note so far."""
        return heading_domains(self.conversation, self.note)

    def coverage(self) -> dict[str, str]:
        """Per domain: talked about in this note, not applicable (from the intake), or not yet."""
        talked = set(self.talked())
        nvt = {k for k, e in self.intake.domains.items() if e.skip == NVT} if self.intake else set()
        return {d.key: TOUCHED if d.key in talked else (NVT if d.key in nvt else NOT_YET) for d in self.content.domains}

    @property
    def warm_told(self) -> int:
        """How many kinds of their warm story were told."""
        return len({item.kind for item in self.case.warm_story})

    def domain_choices(self) -> list[tuple[str, str, str]]:
        """(key, label, state) of every domain, for the picker."""
        talked = set(self.talked())
        return [(d.key, d.label, TOUCHED if d.key in talked else NOT_YET) for d in self.content.domains]

    @property
    def can_ask_another(self) -> bool:
        """Another question needs a domain in hand."""
        return self.domain is not None

    def _suggest(self, text: str) -> Suggestion | None:
        talked = set(self.talked())
        signal = self.conversation.offer_signal(text, lambda domain: domain in talked or domain in self.dismissed)
        if signal is not None:
            return signal
        if self.tracker.suggest_warm:
            kinds = self.content.warm_kinds
            told = {item.kind for item in self.case.warm_story}
            kind = next((k for k in kinds if k.key not in told), kinds[0])
            return Suggestion("warm", kind.questions[0], warm_kind=kind.key)
        return None

    def refresh_offer(self) -> Suggestion | None:
        """The offer for the note as it reads now."""
        return self.offer(self.note)

    def accept(self) -> str | None:
        """Take the offer: the domain to put as a heading, or None (a warm question is now the one asked)."""
        suggestion = self.suggestion
        if suggestion is None:
            return None
        if suggestion.kind == "signal" and suggestion.domain:
            return suggestion.domain
        self.tracker.acknowledge()
        self.warm_question = suggestion.text
        return None

    # --- saving ----------------------------------------------------------------------------

    @property
    def contact_id(self) -> int | None:
        """The visit's planned contact, once the note had words."""
        return self.records.contact_id

    # --- how the visit ends ----------------------------------------------------------------

    @property
    def needs_decision(self) -> bool:
        """Leaving asks how the visit ends once something was written (only looking just leaves)."""
        return self.contact_id is not None or bool(self.note.strip())

    def ending(self, now: datetime) -> VisitEnding:
        """The planned moment, where the moment field starts, and the open afspraken to tick."""
        planned = self.records.planned_at
        return VisitEnding(planned, default_when(planned, now), list(self.records.open_agreements))

    def complete(self, form: VisitEndInput, now: datetime) -> VisitOutcome:
        """Complete the visit as filled in: the planned contact gets its outcome (FormErrors: nothing stored)."""
        outcome = read_outcome(form, now)
        known = {a.id for a in self.records.open_agreements}
        if any(agreement_id not in known for agreement_id in outcome.done):
            raise FormErrors(
                {"done": "Open afspraken: deze afspraak staat niet (meer) open; kijk de lijst opnieuw na."}
            )
        self.records.complete(self.note, self.talked(), outcome, now)
        self._clean()
        return outcome

    def keep(self, when: str | None, now: datetime) -> datetime | None:
        """Keep the note as the preparation; `when` is asked only when no visit was planned. Its moment."""
        at = None
        if self.records.planned_at is None:
            at = read_planned_moment(when or "", now)
        self.records.keep(self.note, self.talked(), now, at)
        self._clean()
        return self.records.planned_at

    @staticmethod
    def moment_text(at: datetime) -> str:
        """A moment as the moment fields read it back."""
        return moment_input(at)

    @property
    def pending(self) -> bool:
        return self._dirty

    def _write(self) -> bool:
        # A visit only looked at, or with an empty note, makes no contact.
        if self.records.contact_id is None and not self.note.strip():
            return False
        self.records.save(self.note, self.talked())
        return True

    def _clean(self) -> None:
        self._dirty = False
