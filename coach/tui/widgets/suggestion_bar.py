"""What the assistant offers now: a domain named by a signal word, or a warm question."""

from __future__ import annotations

from typing import Any

from textual.content import Content
from textual.widgets import Static

from coach.conversation.balance import BalanceTracker
from coach.conversation.engine import Suggestion


class SuggestionBar(Static):
    """One calm line; hidden when there is nothing to offer."""

    DEFAULT_CSS = """
    SuggestionBar {
        display: none;
        height: auto;
        padding: 0 1;
        background: $accent 15%;
    }
    SuggestionBar.-shown {
        display: block;
    }
    SuggestionBar.-warm {
        background: $success 15%;
    }
    """

    def __init__(self, **kwargs: Any) -> None:
        super().__init__("", **kwargs)
        self.suggestion: Suggestion | None = None

    def put_away(self, dismissed: set[str], tracker: BalanceTracker) -> bool:
        """Set the shown offer aside (a signal's domain is not offered again); False when none is shown."""
        if self.suggestion is None:
            return False
        if self.suggestion.kind == "signal" and self.suggestion.domain:
            dismissed.add(self.suggestion.domain)
        else:
            tracker.acknowledge()
        return True

    def offer(self, suggestion: Suggestion | None) -> None:
        """Show this suggestion (None hides the bar)."""
        if suggestion == self.suggestion:
            return
        self.suggestion = suggestion
        self.set_class(suggestion is not None, "-shown")
        self.set_class(suggestion is not None and suggestion.kind == "warm", "-warm")
        if suggestion is None:
            self.update("")
            return
        if suggestion.kind == "warm":
            text = Content.from_markup(
                "[b]Tijd voor iets warms?[/] [i]$q[/]  [$foreground-muted]ctrl+o vraag stellen · esc later[/]",
                q=suggestion.text,
            )
        else:
            text = Content.from_markup("$text  [$foreground-muted]ctrl+o ja · esc later[/]", text=suggestion.text)
        self.update(text)
