"""What every conversation session shares: the balance, the offer on screen, and the autosave bookkeeping.

A session is a plain object (no Textual): the screen draws it and forwards
keys to it. It never waits on a clock: when something is waiting to be
saved it calls `on_change` (the screen's debounce timer), and `save()` stores
it now. A store error propagates with the edits kept, so the next save
tries again.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from coach.content.model import Content
from coach.conversation.engine import Conversation, Suggestion
from coach.conversation.safety import SafetyWatch


@dataclass(frozen=True)
class Saved:
    """A save that ran: `rejected` holds the Dutch reason when the edits did not fit (they were dropped)."""

    rejected: str | None = None


class ConversationSession:
    """The parts of a conversation that intake and visit share."""

    def __init__(self, content: Content, on_change: Callable[[], None] | None = None) -> None:
        self.content = content
        self.conversation = Conversation(content)
        self.tracker = self.conversation.new_tracker()
        # Domains whose signal the coach put away: not offered again this sitting.
        self.dismissed: set[str] = set()
        self.suggestion: Suggestion | None = None
        # Safety signals are a class apart: never an offer, always a prompt of their own (issue 14).
        self.safety = SafetyWatch(content.safety)
        self.on_change = on_change

    # --- what is offered -----------------------------------------------------------------

    def _suggest(self, text: str) -> Suggestion | None:
        raise NotImplementedError

    def offer(self, text: str) -> Suggestion | None:
        """Work out the offer after `text` was typed (or after a move) and keep it as the one shown."""
        self.suggestion = self._suggest(text)
        return self.suggestion

    def put_away(self) -> bool:
        """Set the offer aside (a signal's domain is not offered again); False when none is shown."""
        if self.suggestion is None:
            return False
        if self.suggestion.kind == "signal" and self.suggestion.domain:
            self.dismissed.add(self.suggestion.domain)
        else:
            self.tracker.acknowledge()
        return True

    # --- saving ----------------------------------------------------------------------------

    @property
    def pending(self) -> bool:
        """Something is waiting to be saved."""
        raise NotImplementedError

    def _write(self) -> bool:
        """Store what is waiting; False when it cannot be stored yet (and stays waiting)."""
        raise NotImplementedError

    def _clean(self) -> None:
        raise NotImplementedError

    def _changed(self) -> None:
        if self.on_change is not None:
            self.on_change()

    def save(self) -> Saved | None:
        """Store what is waiting now; None when nothing was (a store error propagates, the edits kept)."""
        if not self.pending:
            return None
        try:
            if not self._write():
                return None
        except ValueError as error:
            # A value the store refuses (its IntakeError) will never fit: drop it rather than retry forever.
            self._clean()
            return Saved(rejected=str(error))
        self._clean()
        return Saved()
