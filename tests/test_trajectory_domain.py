"""Phase-change rules, the timeline, and progress over time (trend, sparkline, whole picture)."""

from __future__ import annotations

from datetime import date

import pytest

from coach.domain.domains import DOMAIN_KEYS
from coach.domain.model import Assessment, PhaseEntry
from coach.domain.trajectory import (
    PhaseChangeError,
    allowed_next,
    check_phase_change,
    drop_reason,
    is_reopen,
    timeline,
)
from coach.domain.trend import DOWN, SAME, UP, domain_series, measurement_dates, sparkline, summary, whole_picture

TODAY = date(2026, 6, 1)
BEGELEIDING = [PhaseEntry("intake", date(2026, 1, 5)), PhaseEntry("begeleiding", date(2026, 2, 1))]


def test_each_phase_has_a_way_forward_and_closed_can_reopen():
    assert allowed_next("begeleiding") == ("afbouw", "nazorg", "afgesloten")
    assert "begeleiding" in allowed_next("afbouw")  # tapering that goes wrong steps back
    assert "begeleiding" in allowed_next("afgesloten") and "begeleiding" in allowed_next("nazorg")
    assert is_reopen("afgesloten", "begeleiding") and is_reopen("nazorg", "intake")
    assert not is_reopen("afbouw", "begeleiding") and not is_reopen("nazorg", "afgesloten")


def test_allowed_change_passes():
    assert check_phase_change(BEGELEIDING, "afbouw", date(2026, 5, 1), TODAY) is None


@pytest.mark.parametrize(
    "new, on, fragment",
    [
        ("begeleiding", date(2026, 5, 1), "staat al in begeleiding"),
        ("intake", date(2026, 5, 1), "wel naar afbouw of nazorg of afgesloten"),
        ("afbouw", date(2026, 6, 2), "in de toekomst"),
        ("afbouw", date(2026, 1, 31), "vóór de vorige fasewissel (01-02-2026)"),
        ("klaar", date(2026, 5, 1), "'klaar' is geen fase"),
    ],
)
def test_refused_changes_say_why_in_dutch(new, on, fragment):
    with pytest.raises(PhaseChangeError, match=fragment.replace("(", r"\(").replace(")", r"\)")):
        check_phase_change(BEGELEIDING, new, on, TODAY)


def test_a_too_long_note_is_refused():
    with pytest.raises(PhaseChangeError, match="te lang"):
        check_phase_change(BEGELEIDING, "afbouw", TODAY, TODAY, "x" * 2001)


def test_a_change_on_the_same_day_as_the_last_is_allowed():
    assert check_phase_change(BEGELEIDING, "afbouw", date(2026, 2, 1), TODAY) is None
    with pytest.raises(PhaseChangeError):  # one day earlier is before the last change
        check_phase_change(BEGELEIDING, "afbouw", date(2026, 1, 31), TODAY)


def test_timeline_keeps_a_reopened_history_whole():
    phases = BEGELEIDING + [
        PhaseEntry("nazorg", date(2026, 3, 1), note="Losgelaten"),
        PhaseEntry("afgesloten", date(2026, 4, 1)),
        PhaseEntry("begeleiding", date(2026, 5, 1), note="Terug: baan kwijt"),
    ]
    spans = timeline(phases)
    assert [s.phase for s in spans] == ["intake", "begeleiding", "nazorg", "afgesloten", "begeleiding"]
    assert [s.reopened for s in spans] == [False, False, False, False, True]
    assert spans[1].until == date(2026, 3, 1) and spans[1].days(TODAY) == 28
    assert spans[-1].current and spans[-1].until is None and spans[-1].days(TODAY) == 31
    assert sum(s.current for s in spans) == 1


def test_timeline_orders_by_date_then_entry():
    phases = [PhaseEntry("begeleiding", date(2026, 2, 1)), PhaseEntry("intake", date(2026, 1, 5))]
    assert [s.phase for s in timeline(phases)] == ["intake", "begeleiding"]
    assert timeline([]) == []


# --- trend ----------------------------------------------------------------------------------


def scores(day: date, **values: int) -> list[Assessment]:
    return [Assessment(day, key, score=value) for key, value in values.items()]


HISTORY = (
    scores(date(2026, 1, 5), financien=1, werk_opleiding=2, huisvesting=4)
    + scores(date(2026, 3, 1), financien=3, werk_opleiding=2, huisvesting=3)
    + scores(date(2026, 5, 20), financien=4, werk_opleiding=2)
    + [Assessment(date(2026, 5, 20), "justitie", youth_score=5)]  # only the young person's own score
)


def test_domain_series_and_measurement_dates():
    series = domain_series(HISTORY)
    assert series["financien"] == [(date(2026, 1, 5), 1), (date(2026, 3, 1), 3), (date(2026, 5, 20), 4)]
    assert "justitie" not in series
    assert domain_series(HISTORY, "youth_score") == {"justitie": [(date(2026, 5, 20), 5)]}
    assert measurement_dates(HISTORY) == [date(2026, 1, 5), date(2026, 3, 1), date(2026, 5, 20)]


def test_sparkline_heights_follow_the_scale():
    assert sparkline([1, 2, 3, 4, 5]) == "▁▃▄▆█"
    assert sparkline([1, 3, 4], width=2) == "▄▆"
    assert sparkline([], width=4) == "" and sparkline([3], width=0) == ""


def test_whole_picture_has_all_13_domains_with_direction():
    picture = whole_picture(HISTORY)
    assert [change.domain for change in picture] == list(DOMAIN_KEYS)
    by_key = {change.domain: change for change in picture}
    assert (by_key["financien"].baseline, by_key["financien"].now, by_key["financien"].direction) == (1, 4, UP)
    assert by_key["huisvesting"].direction == DOWN and by_key["huisvesting"].delta == -1
    assert by_key["werk_opleiding"].direction == SAME
    assert by_key["justitie"].baseline is None and by_key["justitie"].direction is None
    assert summary(picture) == {UP: 1, DOWN: 1, SAME: 1, "unknown": 10}


def test_a_single_score_has_no_direction():
    (change,) = [c for c in whole_picture(scores(date(2026, 1, 5), financien=3)) if c.domain == "financien"]
    assert change.baseline == change.now == 3 and change.direction is None


def test_trajectory_core_never_imports_textual():
    import subprocess
    import sys

    code = (
        "import sys\n"
        "import coach.domain.trajectory, coach.domain.taper, coach.domain.release, coach.domain.trend\n"
        "import coach.store.trajectory, coach.store.release, coach.store.measurement\n"
        "import coach.content.release, coach.reports.readiness\n"
        "assert 'textual' not in sys.modules, 'textual imported by the trajectory core'\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


def test_letting_go_or_closing_drops_what_is_still_planned_and_other_moves_do_not():
    assert drop_reason("nazorg") == "losgelaten"
    assert drop_reason("afgesloten") == "traject afgesloten"
    assert [drop_reason(p) for p in ("aanmelding", "intake", "begeleiding", "afbouw")] == [None] * 4
