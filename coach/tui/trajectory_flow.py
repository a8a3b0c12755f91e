"""From the young person's screen into the trajectory: phase change, afbouw plan, letting go.

Each flow opens its dialog, stores the answer through the store, and asks the
screen to show the case again. It knows the screen only as a `TrajectoryHost`,
so it imports no screen.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Protocol

from textual.app import App

from coach.content.release import release_content
from coach.domain.model import PHASE_LABELS, Case
from coach.domain.phases import current_phase
from coach.domain.trajectory import RELEASE, TrajectoryError, is_reopen
from coach.store.errors import StoreError
from coach.store.trajectory import accept_taper_plan, change_phase, record_release
from coach.tui.context import CoachContext
from coach.tui.dialogs.confirm import Confirm
from coach.tui.dialogs.phase_dialog import PhaseChange, PhaseDialog
from coach.tui.dialogs.release_dialog import ReleaseChoice, ReleaseDialog
from coach.tui.dialogs.taper_dialog import TaperChoice, TaperDialog
from coach.tui.store_errors import report_store_error


class TrajectoryHost(Protocol):
    """The screen a flow starts from (the young person's screen)."""

    @property
    def app(self) -> App[Any]:
        """The app, to push the dialogs on."""
        ...

    @property
    def context(self) -> CoachContext:
        """The database, date and content."""
        ...

    @property
    def case(self) -> Case:
        """The case shown."""
        ...

    @property
    def youth_id(self) -> int:
        """The id of the young person shown."""
        ...

    def notify(self, message: str, *, severity: Any = "information") -> None:
        """Tell the coach what happened."""
        ...

    def reload_soon(self) -> None:
        """Read and show the case again."""
        ...


def _write(screen: TrajectoryHost, write: Callable[[], object], done: str) -> None:
    """Store one change; say what happened (or what is wrong), then show the case as it is now."""
    try:
        write()
    except TrajectoryError as error:
        screen.notify(str(error), severity="error")
        return
    except StoreError as error:
        _offer_retry(screen, error, lambda: _write(screen, write, done))  # the dialog is closed: keep its answers
        return
    screen.notify(done)
    screen.reload_soon()


def _offer_retry(screen: TrajectoryHost, error: StoreError, retry: Callable[[], None]) -> None:
    """The dialog has closed: say what is wrong and offer to store the same answers again (nothing typed twice)."""

    def answered(again: bool | None) -> None:
        if again:
            retry()
        else:
            report_store_error(screen.app, error, kept="Er is niets veranderd.")

    question = f"{error.message}\n\nJe keuze is nog niet bewaard. Nu opnieuw proberen?"
    screen.app.push_screen(Confirm(question, yes="Opnieuw proberen", no="Nee, laat maar"), answered)


def start_phase_change(screen: TrajectoryHost) -> None:
    """Ask for the new phase; afbouw continues with the plan, nazorg with the decision to let go."""
    app, context, case = screen.app, screen.context, screen.case
    youth_id = screen.youth_id

    def chosen(change: PhaseChange | None) -> None:
        if change is None:
            return
        if change.phase == "afbouw":
            _propose_taper(screen, change)
        elif change.phase == "nazorg":
            _ask_release(screen, change)
        else:
            reopened = is_reopen(current_phase(case.phases), change.phase)
            word = "Heropend" if reopened else "Fase gewijzigd"
            _write(
                screen,
                lambda: change_phase(context.database, youth_id, change.phase, change.on, context.today, change.note),
                f"{word}: {PHASE_LABELS[change.phase].lower()}.",
            )

    app.push_screen(PhaseDialog(case.youth.display_name, case.phases, context.today), chosen)


def _propose_taper(screen: TrajectoryHost, change: PhaseChange) -> None:
    context = screen.context
    release = release_content(context.content)
    youth_id = screen.youth_id

    def decided(choice: TaperChoice | None) -> None:
        if choice is None:
            return
        if not choice.planned:
            _write(
                screen,
                lambda: change_phase(context.database, youth_id, "afbouw", change.on, context.today, change.note),
                "Afbouw, zonder plan.",
            )
            return
        _write(
            screen,
            lambda: accept_taper_plan(
                context.database,
                youth_id,
                on=change.on,
                today=context.today,
                intervals=choice.intervals,
                moments=list(choice.moments),
                mode=choice.mode,
                tolerance_days=release.tolerance_days,
                note=change.note,
            ),
            f"Afbouw: {len(choice.moments)} contacten gepland.",
        )

    screen.app.push_screen(TaperDialog(change.on, context.today, release.taper_weeks), decided)


def _ask_release(screen: TrajectoryHost, change: PhaseChange) -> None:
    context = screen.context
    release = release_content(context.content)
    youth_id = screen.youth_id

    def decided(choice: ReleaseChoice | None) -> None:
        if choice is None:
            return
        _write(
            screen,
            lambda: record_release(
                context.database,
                youth_id,
                on=choice.on,
                today=context.today,
                reason=choice.reason,
                way_back=choice.way_back,
                checkins=list(choice.checkins),
            ),
            f"Losgelaten. {len(choice.checkins)} nazorgchecks gepland.",
        )

    dialog = ReleaseDialog(
        RELEASE,
        context.today,
        on=change.on,
        reason=change.note or "",
        months=release.nazorg_months,
        way_back_prompt=release.way_back_prompt,
        name=screen.case.youth.display_name,
    )
    screen.app.push_screen(dialog, decided)
