"""A 1–5 score set by one key, with what each score looks like in this domain."""

from __future__ import annotations

import textwrap
from dataclasses import dataclass

from textual.binding import Binding
from textual.content import Content
from textual.events import Blur, Focus, Key
from textual.geometry import Region
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget

from coach.tui.widgets.fitted import Fitted

SCORES = (1, 2, 3, 4, 5)


class ScorePicker(Widget, can_focus=True):
    """Keys 1–5 choose, 0 or Delete clears; with anchors the five descriptions are listed."""

    DEFAULT_CSS = """
    ScorePicker {
        height: auto;
        padding: 0 1;
        border: round $foreground 20%;
    }
    ScorePicker:focus {
        border: round $primary;
    }
    """

    BINDINGS = [
        Binding("up,left", "step(-1)", "Lager", show=False, id="score.lower"),
        Binding("down,right", "step(1)", "Hoger", show=False, id="score.higher"),
    ]

    score: reactive[int | None] = reactive(None)

    @dataclass
    class Changed(Message):
        """The score was set or cleared."""

        picker: ScorePicker
        score: int | None

        @property
        def control(self) -> ScorePicker:
            return self.picker

    def __init__(
        self,
        title: str,
        score: int | None = None,
        *,
        labels: dict[int, str] | None = None,
        anchors: dict[int, str] | None = None,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(id=id, classes=classes)
        self.border_title = title
        self._labels = labels or {}
        self._anchors = anchors
        self.set_reactive(ScorePicker.score, score)

    async def _on_key(self, event: Key) -> None:
        if event.character and event.character in "12345":
            event.stop()
            event.prevent_default()
            self.choose(int(event.character))
        elif event.key in ("0", "delete", "backspace"):
            event.stop()
            event.prevent_default()
            self.choose(None)

    def choose(self, score: int | None) -> None:
        """Set (or clear) the score and tell the screen."""
        if score == self.score:
            return
        self.score = score
        self.post_message(self.Changed(self, score))
        self.call_after_refresh(self.show_chosen)

    def show_chosen(self) -> None:
        """Scroll the chosen level and its description into view (the list may be taller than the screen)."""
        if self.score is None or self._anchors is None or not self.has_focus:
            return
        lines = self._lines(self.content_size.width)
        starts = [i for i, line in enumerate(lines) if line.plain.lstrip(" ▶").startswith(f"{self.score} ")]
        if not starts or not isinstance(self.parent, Widget):
            return
        top = self.virtual_region.y + self.styles.gutter.top + starts[0]
        height = (
            next((i for i in range(starts[0] + 1, len(lines)) if not lines[i].plain.startswith(" " * 7)), len(lines))
            - starts[0]
        )
        self.parent.scroll_to_region(Region(0, top, 1, height), animate=False)

    def action_step(self, delta: int) -> None:
        """Move the score one step with the arrows."""
        self.choose(3 if self.score is None else min(5, max(1, self.score + delta)))

    def _on_focus(self, event: Focus) -> None:
        # The anchors unfold on focus: bring the whole list into view once it has its height.
        self.refresh(layout=True)
        self.call_after_refresh(self.scroll_visible, animate=False)

    def _on_blur(self, event: Blur) -> None:
        self.refresh(layout=True)

    def _lines(self, width: int) -> list[Content]:
        if self._anchors is None or not self.has_focus:
            return [self._compact()]
        lines = []
        indent = " " * 7
        for score in SCORES:
            chosen = score == self.score
            style = "b reverse" if chosen else "b"
            lines.append(
                Content.from_markup(
                    f"$mark [{style}] $n [/] [b]$label[/]",
                    mark="▶" if chosen else " ",
                    n=str(score),
                    label=self._labels.get(score, ""),
                )
            )
            for part in textwrap.wrap(self._anchors.get(score, ""), max(width - len(indent), 20)):
                lines.append(
                    Content.from_markup(f"{indent}[$foreground-muted]$t[/]" if not chosen else f"{indent}$t", t=part)
                )
        hint = "Toets 1–5 kiest, 0 wist." if self.score is None else "Toets 1–5 wijzigt, 0 wist."
        lines.append(Content.from_markup("[$foreground-muted]$hint[/]", hint=hint))
        return lines

    def render(self) -> Fitted:
        return Fitted(lambda width: Content("\n").join(self._lines(width)))

    def _compact(self) -> Content:
        parts = []
        for score in SCORES:
            if score == self.score:
                parts.append(Content.from_markup("[b reverse] $n [/]", n=str(score)))
            else:
                parts.append(Content.from_markup("[$foreground-muted] $n [/]", n=str(score)))
        label = self._labels.get(self.score, "") if self.score else "nog niet gegeven"
        line = Content(" ").join(parts) + Content.from_markup("  [i]$label[/]", label=label)
        if self._anchors is not None and not self.has_focus:
            line = line + Content.from_markup("  [$foreground-muted](Tab of ctrl+s: met uitleg)[/]")
        return line
