"""From the young person's screen into the trajectory: phase change, afbouw plan, measurement, letting go.

Each flow opens its dialog, stores the answer through the store, and asks the
screen to show the case again.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, cast

from coach.content.release import release_content
from coach.domain.model import PHASE_LABELS, current_phase
from coach.domain.trajectory import RELEASE, TrajectoryError, is_reopen
from coach.store.errors import StoreError
from coach.store.trajectory import accept_taper_plan, change_phase, record_release
from coach.tui.screens.confirm import Confirm
from coach.tui.screens.measurement import MeasurementScreen
from coach.tui.screens.phase_dialog import PhaseChange, PhaseDialog
from coach.tui.screens.release import ReleaseScreen
from coach.tui.screens.release_dialog import ReleaseChoice, ReleaseDialog
from coach.tui.screens.taper_dialog import TaperChoice, TaperDialog
from coach.tui.store_errors import report_store_error

if TYPE_CHECKING:
    from coach.tui.app import CoachApp
    from coach.tui.screens.youth import YouthScreen


def _app(screen: YouthScreen) -> CoachApp:
    return cast("CoachApp", screen.app)


def _reload(screen: YouthScreen) -> None:
    screen.run_worker(screen.reload(), exclusive=True)


def _write(screen: YouthScreen, write: Callable[[], object], done: str) -> None:
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
    _reload(screen)


def _offer_retry(screen: YouthScreen, error: StoreError, retry: Callable[[], None]) -> None:
    """The dialog has closed: say what is wrong and offer to store the same answers again (nothing typed twice)."""

    def answered(again: bool | None) -> None:
        if again:
            retry()
        else:
            report_store_error(screen, error, kept="Er is niets veranderd.")

    question = f"{error.message}\n\nJe keuze is nog niet bewaard. Nu opnieuw proberen?"
    _app(screen).push_screen(Confirm(question, yes="Opnieuw proberen", no="Nee, laat maar"), answered)


def start_phase_change(screen: YouthScreen) -> None:
    """Ask for the new phase; afbouw continues with the plan, nazorg with the decision to let go."""
    app, case = _app(screen), screen.case
    youth_id = case.youth.id

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
                lambda: change_phase(app.db, youth_id, change.phase, change.on, app.today, change.note),
                f"{word}: {PHASE_LABELS[change.phase].lower()}.",
            )

    app.push_screen(PhaseDialog(case.youth.display_name, case.phases, app.today), chosen)


def _propose_taper(screen: YouthScreen, change: PhaseChange) -> None:
    app = _app(screen)
    release = release_content(app.content)
    youth_id = screen.case.youth.id

    def decided(choice: TaperChoice | None) -> None:
        if choice is None:
            return
        if not choice.planned:
            _write(
                screen,
                lambda: change_phase(app.db, youth_id, "afbouw", change.on, app.today, change.note),
                "Afbouw, zonder plan.",
            )
            return
        _write(
            screen,
            lambda: accept_taper_plan(
                app.db,
                youth_id,
                on=change.on,
                today=app.today,
                intervals=choice.intervals,
                moments=list(choice.moments),
                mode=choice.mode,
                tolerance_days=release.tolerance_days,
                note=change.note,
            ),
            f"Afbouw: {len(choice.moments)} contacten gepland.",
        )

    app.push_screen(TaperDialog(change.on, app.today, release.taper_weeks), decided)


def _ask_release(screen: YouthScreen, change: PhaseChange) -> None:
    app = _app(screen)
    release = release_content(app.content)
    youth_id = screen.case.youth.id

    def decided(choice: ReleaseChoice | None) -> None:
        if choice is None:
            return
        _write(
            screen,
            lambda: record_release(
                app.db,
                youth_id,
                on=choice.on,
                today=app.today,
                reason=choice.reason,
                way_back=choice.way_back,
                checkins=list(choice.checkins),
            ),
            f"Losgelaten. {len(choice.checkins)} nazorgchecks gepland.",
        )

    dialog = ReleaseDialog(
        RELEASE,
        app.today,
        on=change.on,
        reason=change.note or "",
        months=release.nazorg_months,
        way_back_prompt=release.way_back_prompt,
        name=screen.case.youth.display_name,
    )
    app.push_screen(dialog, decided)


def start_measurement(screen: YouthScreen) -> None:
    """The follow-up measurement, prefilled with the last scores."""
    app = _app(screen)

    def done(saved: bool | None) -> None:
        if saved:
            _reload(screen)

    app.push_screen(MeasurementScreen(app.db, screen.case, app.content, app.today), done)


def start_release(screen: YouthScreen) -> None:
    """The readiness screen: checklist, confidence, activity, who stays, and the decision."""
    app = _app(screen)

    def done(changed: bool | None) -> None:
        if changed:
            _reload(screen)

    app.push_screen(ReleaseScreen(app.db, screen.case, app.content, app.today), done)
