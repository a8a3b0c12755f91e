"""Pure domain rules: age, phases, latest scores, continuity."""

from __future__ import annotations

from datetime import date

import pytest

from coach.domain.continuity import ContinuityRules, continuity_status, days_since
from coach.domain.model import Assessment, PhaseEntry, age_on, current_phase, latest_scores


@pytest.mark.parametrize(
    ("born", "today", "age"),
    [
        (date(2008, 3, 10), date(2026, 3, 9), 17),
        (date(2008, 3, 10), date(2026, 3, 10), 18),
        (date(2008, 2, 29), date(2026, 2, 28), 17),  # a leap-day birthday counts from 1 March
        (date(2008, 2, 29), date(2026, 3, 1), 18),
        (date(2008, 2, 29), date(2028, 2, 29), 20),
    ],
)
def test_age_on(born, today, age):
    assert age_on(born, today) == age


def test_age_unknown_without_birth_date():
    assert age_on(None, date(2026, 1, 1)) is None


def test_current_phase_is_the_latest_entered_and_aanmelding_before_any():
    assert current_phase([]) == "aanmelding"
    phases = [PhaseEntry("intake", date(2026, 2, 1)), PhaseEntry("aanmelding", date(2026, 1, 1))]
    assert current_phase(phases) == "intake"
    # two changes on one day: the later entry wins
    phases.append(PhaseEntry("begeleiding", date(2026, 2, 1)))
    assert current_phase(phases) == "begeleiding"


def test_latest_scores_takes_the_most_recent_scored_measurement():
    items = [
        Assessment(date(2026, 1, 1), "financien", score=2),
        Assessment(date(2026, 3, 1), "financien", score=4),
        Assessment(date(2026, 4, 1), "financien", score=None, concerns="alleen een notitie"),
        Assessment(date(2026, 1, 1), "huisvesting", score=3),
    ]
    assert latest_scores(items) == {"financien": 4, "huisvesting": 3}


def test_days_since_falls_back_to_the_start_and_never_goes_negative():
    assert days_since(date(2026, 3, 1), date(2026, 1, 1), date(2026, 3, 11)) == 10
    assert days_since(None, date(2026, 3, 1), date(2026, 3, 11)) == 10
    assert days_since(None, None, date(2026, 3, 11)) is None
    assert days_since(date(2026, 3, 12), None, date(2026, 3, 11)) == 0


@pytest.mark.parametrize(
    ("phase", "days", "expected"),
    [
        ("begeleiding", 0, "ok"),
        ("begeleiding", 14, "ok"),
        ("begeleiding", 15, "let_op"),
        ("begeleiding", 28, "let_op"),
        ("begeleiding", 29, "te_lang"),
        ("intake", 8, "let_op"),
        ("afbouw", 28, "ok"),
        ("nazorg", 100, "let_op"),
        ("begeleiding", None, "te_lang"),
        ("afgesloten", 400, None),
    ],
)
def test_continuity_at_its_edges(phase, days, expected):
    assert continuity_status(phase, days) == expected


def test_continuity_intervals_are_configurable():
    rules = ContinuityRules(intervals={"begeleiding": 7})
    assert continuity_status("begeleiding", 10, rules) == "let_op"
    assert continuity_status("begeleiding", 15, rules) == "te_lang"
