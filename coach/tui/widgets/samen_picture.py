"""The young person's picture of all 13 domains: a bar per domain, readable without colour."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import Static

from coach.content.samen import SamenContent
from coach.conversation.samen_session import PictureRow
from coach.tui.widgets.body import Body

# Each point of the scale is this many cells: a 5 fills the whole bar.
CELLS = 3
OWN, COACH, EMPTY = "█", "▒", "·"
LABEL_WIDTH = 13
TALK = "◆ praten"


def bar(score: int | None, mark: str) -> str:
    """A bar of `score` points (five points wide), filled with `mark`, the rest dotted."""
    filled = (score or 0) * CELLS
    return mark * filled + EMPTY * (5 * CELLS - filled)


def picture_lines(rows: list[PictureRow], content: SamenContent, show_coach: bool) -> list[str]:
    """One line per domain (two with the coach's score): name, their bar, their answer in words, ◆ to talk about."""
    lines = []
    for row in rows:
        label = row.label[: LABEL_WIDTH - 1].ljust(LABEL_WIDTH)
        if row.skipped:
            own = f"{' ' * (5 * CELLS)}  – overgeslagen"
        elif row.score is None:
            own = f"{EMPTY * (5 * CELLS)}  – nog niet ingevuld"
        else:
            own = f"{bar(row.score, OWN)}  {row.score} {content.answer(row.score).lower()}"
        talk = f"  {TALK}" if row.talk else ""
        lines.append(f"{label}{own}{talk}")
        if show_coach:
            if row.coach_score is None:
                coach = f"{' ' * LABEL_WIDTH}{' ' * (5 * CELLS)}  je coach: nog geen score"
            else:
                coach = f"{' ' * LABEL_WIDTH}{bar(row.coach_score, COACH)}  {row.coach_score} je coach"
                if row.difference and row.score is not None and row.score != row.coach_score:
                    coach += f" · {row.difference}"
            lines.append(coach)
    return lines


def legend(show_coach: bool) -> str:
    """What the marks mean, in words."""
    parts = [f"{OWN} jij", f"{TALK}: hier wil je over praten"]
    if show_coach:
        parts.insert(1, f"{COACH} je coach")
    return " · ".join(parts)


class SamenPicture(Body):
    """The picture on the last page of samen invullen; `show` draws it again."""

    def __init__(self, rows: list[PictureRow], content: SamenContent, show_coach: bool, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self._rows = rows
        self._content = content
        self._show_coach = show_coach

    def compose(self) -> ComposeResult:
        yield Static("\n".join(picture_lines(self._rows, self._content, self._show_coach)), id="picture-lines")
        yield Static(legend(self._show_coach), id="picture-legend")
