"""The warm story part of the intake: the six kinds, each with its question and a field to type in."""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Static

from coach.domain.domains import WarmKind
from coach.domain.intake import WARM, Intake
from coach.tui.widgets.field_area import FieldArea

INTRO = "Begin bij wat de jongere belangrijk vindt. Letterlijk gezegd? Zet het tussen “aanhalingstekens”."


class WarmPanel(VerticalScroll):
    """One field per kind (belangrijk, trots, kracht, droom, volhouden, mensen); the screen shows the question."""

    def __init__(self, intake: Intake, kinds: tuple[WarmKind, ...], **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._intake = intake
        self._kinds = kinds

    def compose(self) -> ComposeResult:
        yield Static(INTRO, classes="panel-intro")
        for kind in self._kinds:
            yield FieldArea(WARM, kind.key, kind.label, self._intake.warm[kind.key].text, classes="-small")
