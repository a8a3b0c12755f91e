"""The 13 life domains at a glance: not yet, talked about, scored, or skipped; the current one marked."""

from __future__ import annotations

from textual.content import Content
from textual.reactive import reactive
from textual.widget import Widget

from coach.domain.intake import NOT_YET, NU_NIET, NVT, SCORED, STATE_LABELS, TOUCHED, WARM
from coach.tui.widgets.fitted import Fitted

SYMBOLS: dict[str, str] = {NOT_YET: "○", TOUCHED: "◐", SCORED: "●", NU_NIET: "◌", NVT: "–"}
STYLES: dict[str, str] = {
    NOT_YET: "$foreground-muted",
    TOUCHED: "$text-accent",
    SCORED: "$text-success",
    NU_NIET: "$foreground-muted",
    NVT: "$foreground-muted",
}
GAP = "  "


def _wrap(cells: list[Content], width: int, gap: str) -> list[Content]:
    lines: list[Content] = []
    line = Content("")
    for cell in cells:
        if line.cell_length and line.cell_length + len(gap) + cell.cell_length > width:
            lines.append(line)
            line = Content("")
        line = line + Content(gap) + cell if line.cell_length else cell
    lines.append(line)
    return lines


def legend(states: dict[str, str], compact: bool = False) -> Content:
    """'● 3 gescoord  ◐ 2 besproken  ○ 8 nog niet'; compact: '3 van 13 gescoord · 1 overgeslagen'."""
    if compact:
        scored = sum(value == SCORED for value in states.values())
        talked = sum(value == TOUCHED for value in states.values())
        skipped = sum(value in (NU_NIET, NVT) for value in states.values())
        words = [f"{scored} van {len(states)} gescoord"]
        if talked:
            words.append(f"{talked} besproken")
        if skipped:
            words.append(f"{skipped} overgeslagen")
        return Content(" · ".join(words))
    parts: list[Content] = []
    for state in (SCORED, TOUCHED, NOT_YET, NU_NIET, NVT):
        count = sum(value == state for value in states.values())
        if count:
            parts.append(
                Content.from_markup(
                    f"[{STYLES[state]}]$sym[/] $n $label", sym=SYMBOLS[state], n=str(count), label=STATE_LABELS[state]
                )
            )
    return Content("  ").join(parts)


class CoverageBar(Widget):
    """One cell per domain ('● Geld'), the warm story first; wraps between cells on a narrow screen."""

    DEFAULT_CSS = """
    CoverageBar {
        height: auto;
        width: 1fr;
    }
    """

    current: reactive[str] = reactive(WARM)

    def __init__(self, shorts: dict[str, str], *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self._shorts = shorts
        self.states: dict[str, str] = dict.fromkeys(shorts, NOT_YET)
        self.warm_told = 0
        self.warm_total = 6

    def show(self, states: dict[str, str], current: str, warm_told: int | None = None) -> None:
        """Show these states with `current` marked."""
        told = self.warm_told if warm_told is None else warm_told
        if (states, current, told) == (self.states, self.current, self.warm_told):
            return
        self.states = dict(states)
        self.warm_told = told
        self.current = current
        self.refresh(layout=True)

    def _cells(self) -> list[Content]:
        cells = [self._cell(WARM, self._warm_state(), f"Warm {self.warm_told}/{self.warm_total}")]
        for key, short in self._shorts.items():
            cells.append(self._cell(key, self.states.get(key, NOT_YET), short))
        return cells

    def _lines(self, width: int) -> list[Content]:
        # Wrap between cells, never inside one ("○ Werk/school" stays whole); narrow gaps
        # when that saves a line.
        cells = self._cells()
        wide, narrow = _wrap(cells, width, GAP), _wrap(cells, width, " ")
        return narrow if len(narrow) < len(wide) else wide

    def render(self) -> Fitted:
        return Fitted(lambda width: Content("\n").join(self._lines(max(width, 1))))

    def _warm_state(self) -> str:
        if self.warm_told >= self.warm_total:
            return SCORED
        return TOUCHED if self.warm_told else NOT_YET

    def _cell(self, key: str, state: str, name: str) -> Content:
        style = STYLES[state]
        if key == self.current:
            return Content.from_markup("[reverse b]$sym $name[/]", sym=SYMBOLS[state], name=name)
        return Content.from_markup(f"[{style}]$sym[/] $name", sym=SYMBOLS[state], name=name)
