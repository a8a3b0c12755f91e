"""The intake engine: which question to offer, where to go next, what to suggest."""

from __future__ import annotations

from collections.abc import Callable
from collections.abc import Set as AbstractSet
from dataclasses import dataclass

from coach.content.model import Content
from coach.conversation.balance import NEUTRAL, PROBLEM, BalanceTracker, ToneReader
from coach.conversation.balance import WARM as WARM_TONE
from coach.conversation.signals import Signal, SignalFinder, first_per_domain
from coach.domain.intake import NOT_YET, NU_NIET, SECTIONS, TEXT_FIELDS, WARM, Intake

# How a domain field's answers count for the story balance (the warm story is warm throughout).
FIELD_TONES = {"notes": NEUTRAL, "going_well": WARM_TONE, "concerns": PROBLEM, "wish": WARM_TONE}


def tone_of(section: str, field: str) -> str:
    """The kind of a field for the balance: warm, probleem, or neutraal (its words decide)."""
    return WARM_TONE if section == WARM else FIELD_TONES.get(field, NEUTRAL)


@dataclass(frozen=True)
class Suggestion:
    """Something the assistant offers: a domain named by a signal, or a warm question."""

    kind: str  # "signal" or "warm"
    text: str
    domain: str | None = None
    warm_kind: str | None = None


class Conversation:
    """What the assistant knows about the conversation content: questions, signals, tone."""

    def __init__(self, content: Content) -> None:
        self.content = content
        self.signals = SignalFinder(content)
        self.reader = ToneReader(content.balance)

    def new_tracker(self) -> BalanceTracker:
        """A balance tracker for one conversation."""
        return BalanceTracker(self.reader)

    # --- questions ---------------------------------------------------------------

    def questions(self, section: str, field: str | None = None) -> tuple[str, ...]:
        """The questions to offer in a section: a warm kind's, or a domain's questions then its follow-ups."""
        if section == WARM:
            kind = self.warm_kind(field)
            return next(k.questions for k in self.content.warm_kinds if k.key == kind)
        domain = self.content.domain(section)
        return domain.questions + domain.follow_ups

    def question(self, section: str, index: int, field: str | None = None) -> str:
        """The question at `index` (wrapping round)."""
        questions = self.questions(section, field)
        return questions[index % len(questions)]

    def warm_kind(self, field: str | None) -> str:
        """The warm kind a field belongs to (the first kind when it is not one)."""
        keys = [kind.key for kind in self.content.warm_kinds]
        return field if field in keys else keys[0]

    def label(self, section: str) -> str:
        """'Warm verhaal' or the domain's label."""
        return "Warm verhaal" if section == WARM else self.content.domain(section).label

    # --- moving on ---------------------------------------------------------------

    def next_section(self, intake: Intake, current: str) -> str | None:
        """The next domain after `current` that was not talked about yet (None when all were)."""
        order = list(SECTIONS[1:])
        start = order.index(current) + 1 if current in order else 0
        for key in order[start:] + order[:start]:
            if key != current and intake.domains[key].state == NOT_YET:
                return key
        return None

    def warm_question(self, intake: Intake) -> Suggestion:
        """A warm question: for the first kind not yet told, else a 'how did you keep going' question."""
        kinds = self.content.warm_kinds
        untold = [kind for kind in kinds if not intake.warm[kind.key].text.strip()]
        kind = untold[0] if untold else next((k for k in kinds if k.key == "volhouden"), kinds[0])
        index = 0 if untold else 1
        return Suggestion("warm", kind.questions[index % len(kind.questions)], warm_kind=kind.key)

    # --- signals -----------------------------------------------------------------

    def texts(self, intake: Intake) -> list[tuple[str, str]]:
        """(section, text) of everything typed in the intake, warm story first."""
        found = [(WARM, answer.text) for answer in intake.warm.values() if answer.text.strip()]
        for key, entry in intake.domains.items():
            found += [(key, getattr(entry, name)) for name in TEXT_FIELDS if getattr(entry, name).strip()]
        return found

    def intake_signals(self, intake: Intake) -> list[Signal]:
        """Domains named in the intake's texts outside their own section, first mention each."""
        found = [
            signal
            for section, text in self.texts(intake)
            for signal in self.signals.find(text, source=section)
            if signal.domain != section
        ]
        return first_per_domain(found)

    def unfollowed(self, intake: Intake) -> list[Signal]:
        """Signals whose domain was not talked about (or put off with 'nu niet')."""
        return [s for s in self.intake_signals(intake) if intake.domains[s.domain].state in (NOT_YET, NU_NIET)]

    def signal_suggestion(
        self, intake: Intake, section: str, text: str, dismissed: AbstractSet[str] = frozenset()
    ) -> Suggestion | None:
        """The latest signal in `text` that points to another, untouched domain, as an offer."""
        return self.offer_signal(
            text,
            lambda domain: domain == section or domain in dismissed or intake.domains[domain].state != NOT_YET,
        )

    def offer_signal(self, text: str, passed: Callable[[str], bool]) -> Suggestion | None:
        """The latest signal in `text` whose domain is not `passed` (talked about, put away, ...), as an offer."""
        for signal in reversed(self.signals.find(text)):
            if passed(signal.domain):
                continue
            label = self.content.domain(signal.domain).label
            return Suggestion("signal", f"Je noemde '{signal.typed}' — {label} bespreken?", domain=signal.domain)
        return None
