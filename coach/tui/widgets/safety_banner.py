"""At the top of the young person's screen: an open safety concern or a domain scored 1, in words and a sign."""

from __future__ import annotations

from typing import Any

from textual.content import Content
from textual.widgets import Static

from coach.content.model import Content as PromptContent
from coach.domain.safety import MELDCODE_STEPS, STEP_COUNT, SafetyState
from coach.tui.formatting import short_date
from coach.tui.widgets.refresh import update_if_changed


def banner_content(state: SafetyState, content: PromptContent, today: Any) -> Content | None:
    """The banner's lines, or None when nothing is acute and no concern is open."""
    if not state.alarm:
        return None
    lines: list[Content] = []
    for concern in state.concerns:
        step = min(concern.current_step, STEP_COUNT)
        title = MELDCODE_STEPS[step - 1].title.lower()
        lines.append(
            Content.from_markup(
                "[b]! Veiligheid[/b] · open zorg: [b]$label[/b] · stap $step van 5 ($title) · sinds $since",
                label=concern.label,
                step=str(step),
                title=title,
                since=short_date(concern.opened_on, today),
            )
        )
    if state.acute_domains:
        labels = []
        for key in state.acute_domains:
            try:
                labels.append(content.domain(key).label)
            except KeyError:
                labels.append(key)
        lines.append(Content.from_markup("[b]! Acuut[/b] · score 1: $domains", domains=", ".join(labels)))
    lines.append(Content("z: zorg en veiligheid, de meldcode-stappen en de nummers"))
    return Content("\n").join(lines)


class SafetyBanner(Static):
    """Shown only when something is acute or a concern is open; the screen reads the state and hands it in."""

    DEFAULT_CSS = """
    SafetyBanner {
        display: none;
        border: heavy $warning;
        color: $text-warning;
        padding: 0 1;
        height: auto;
    }
    SafetyBanner.-alarm { display: block; }
    """

    def __init__(self, state: SafetyState, content: PromptContent, today: Any, **kwargs: Any) -> None:
        shown = banner_content(state, content, today)
        super().__init__(shown or "", **kwargs)
        self.state = state
        self.set_class(shown is not None, "-alarm")

    def show(self, state: SafetyState, content: PromptContent, today: Any) -> None:
        """Show this state instead (or hide the banner); nothing is redrawn when it reads the same."""
        self.state = state
        shown = banner_content(state, content, today)
        update_if_changed(self, shown or "")
        self.set_class(shown is not None, "-alarm")
