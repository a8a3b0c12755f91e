"""One line on the young person's screen when a visit was prepared and not yet completed."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from textual.content import Content
from textual.widgets import Static

from coach.tui.formatting import moment
from coach.tui.widgets.refresh import update_if_changed


class PreparedVisit(Static):
    """'✎ Voorbereiding klaar voor di 17 mrt 10:00 · v: verder'; hidden when no visit is being prepared."""

    def __init__(self, prepared_for: datetime | None, today: date, **kwargs: Any) -> None:
        super().__init__(self.line(prepared_for, today), **kwargs)
        self.display = prepared_for is not None

    def show(self, prepared_for: datetime | None, today: date) -> None:
        """Show this prepared visit instead (hidden when None); nothing is redrawn when it reads the same."""
        update_if_changed(self, self.line(prepared_for, today))
        self.display = prepared_for is not None

    @staticmethod
    def line(prepared_for: datetime | None, today: date) -> Content:
        """The line for a visit prepared for `prepared_for`."""
        if prepared_for is None:
            return Content("")
        return Content.from_markup(
            "✎ Voorbereiding klaar voor [b]$when[/] · [$foreground-muted]v: verder of afronden[/]",
            when=moment(prepared_for, today),
        )
