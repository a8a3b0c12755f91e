"""The afbouw plan: schedule generation (month ends, DST, 29 February) and deviations."""

from __future__ import annotations

from datetime import date, datetime, time
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from coach.domain.model import Contact
from coach.domain.taper import (
    EARLY,
    LATE,
    MISSED,
    ON_TIME,
    UPCOMING,
    TaperError,
    check_steps,
    parse_intervals,
    propose_nazorg,
    propose_taper,
)


def days(moments: list[datetime]) -> list[date]:
    return [moment.date() for moment in moments]


def test_default_plan_is_one_two_three_four_weeks_apart_at_ten():
    plan = propose_taper(date(2026, 3, 10))  # a Tuesday
    assert days(plan) == [date(2026, 3, 17), date(2026, 3, 31), date(2026, 4, 21), date(2026, 5, 19)]
    assert all(moment.time() == time(10, 0) for moment in plan)


def test_configured_intervals_and_time():
    plan = propose_taper(date(2026, 3, 10), (2, 2, 6), time(14, 30))
    assert days(plan) == [date(2026, 3, 24), date(2026, 4, 7), date(2026, 5, 19)]
    assert plan[0].time() == time(14, 30)


def test_weekend_steps_move_to_monday_without_drifting():
    plan = propose_taper(date(2026, 3, 14))  # a Saturday: every step lands on a Saturday
    assert days(plan) == [date(2026, 3, 23), date(2026, 4, 6), date(2026, 4, 27), date(2026, 5, 25)]
    assert all(moment.weekday() == 0 for moment in plan)
    # Counted from the planned Saturday, not the Monday: 1+2+3+4 = 10 weeks and 2 days.
    assert (plan[-1].date() - date(2026, 3, 14)).days == 70 + 2
    assert days(propose_taper(date(2026, 3, 14), weekdays_only=False))[0] == date(2026, 3, 21)


def test_plan_across_the_dst_change_keeps_the_wall_clock_hour():
    # Summer time starts in the Netherlands on Sunday 29 March 2026.
    plan = propose_taper(date(2026, 3, 24), (1,))
    before, after = datetime(2026, 3, 24, 10, 0), plan[0]
    assert after == datetime(2026, 3, 31, 10, 0)
    amsterdam = ZoneInfo("Europe/Amsterdam")
    assert before.replace(tzinfo=amsterdam).utcoffset() != after.replace(tzinfo=amsterdam).utcoffset()
    # Also back to winter time (25 October 2026): still 10:00 local, still exactly a week later.
    autumn = propose_taper(date(2026, 10, 20), (1,))[0]
    assert autumn == datetime(2026, 10, 27, 10, 0)


def test_plan_over_29_february():
    plan = propose_taper(date(2028, 2, 22), (1, 1), weekdays_only=False)
    assert days(plan) == [date(2028, 2, 29), date(2028, 3, 7)]
    plan = propose_taper(date(2027, 2, 22), (1,), weekdays_only=False)
    assert days(plan) == [date(2027, 3, 1)]


def test_nazorg_after_one_and_three_months():
    assert days(propose_nazorg(date(2026, 3, 10))) == [date(2026, 4, 10), date(2026, 6, 10)]


def test_nazorg_at_month_ends_and_leap_days():
    assert days(propose_nazorg(date(2026, 1, 31), weekdays_only=False)) == [date(2026, 2, 28), date(2026, 4, 30)]
    assert days(propose_nazorg(date(2028, 1, 31), weekdays_only=False)) == [date(2028, 2, 29), date(2028, 4, 30)]
    assert days(propose_nazorg(date(2028, 2, 29), (12,), weekdays_only=False)) == [date(2029, 2, 28)]
    # 28 Feb 2026 + 1 month is Saturday 28 March: moved to Monday 30 March.
    assert days(propose_nazorg(date(2026, 2, 28), (1,))) == [date(2026, 3, 30)]


def test_nazorg_months_are_sorted_and_unique():
    assert days(propose_nazorg(date(2026, 3, 10), (3, 1, 3), weekdays_only=False)) == [
        date(2026, 4, 10),
        date(2026, 6, 10),
    ]


@pytest.mark.parametrize(
    "text, expected",
    [("1, 2, 3, 4", (1, 2, 3, 4)), ("2 2 6", (2, 2, 6)), (" 1;3 ", (1, 3)), ("4", (4,))],
)
def test_parse_intervals(text, expected):
    assert parse_intervals(text) == expected


@pytest.mark.parametrize(
    "text, fragment",
    [
        ("", "minstens één"),
        ("1, twee", "'twee' is geen heel getal"),
        ("0, 2", "0 weken kan niet"),
        ("1, 40", "40 weken kan niet"),
        ("-1", "'-1' is geen heel getal"),
        ("1, ², 3", "'²' is geen heel getal"),  # a digit to str.isdigit, not to int()
        (", ".join(["1"] * 13), "hoogstens 12"),
    ],
)
def test_parse_intervals_refuses_with_a_dutch_message(text, fragment):
    with pytest.raises(TaperError, match=fragment):
        parse_intervals(text)


def test_propose_refuses_bad_intervals():
    with pytest.raises(TaperError):
        propose_taper(date(2026, 3, 10), ())
    with pytest.raises(TaperError):
        propose_nazorg(date(2026, 3, 10), (0,))


@given(
    start=st.dates(min_value=date(2000, 1, 1), max_value=date(2090, 12, 31)),
    weeks=st.lists(st.integers(1, 26), min_size=1, max_size=12),
)
def test_plan_properties(start, weeks):
    plan = propose_taper(start, tuple(weeks))
    assert len(plan) == len(weeks)
    assert plan == sorted(plan) and len(set(plan)) == len(plan)
    assert all(moment.weekday() < 5 for moment in plan)
    assert plan[0].date() > start
    # Never more than two days off the unshifted schedule (a weekend), never drifting.
    total = sum(weeks) * 7
    assert 0 <= (plan[-1].date() - start).days - total <= 2


# --- deviations ------------------------------------------------------------------------

START = date(2026, 3, 10)
PLAN = propose_taper(START)  # 17 mrt, 31 mrt, 21 apr, 19 mei


def held(*days_: date, status: str = "plaatsgevonden") -> list[Contact]:
    return [Contact(datetime.combine(day, time(11, 0)), "huisbezoek", status) for day in days_]


def kinds(checks) -> list[str]:
    return [check.kind for check in checks]


def test_all_on_time_within_the_tolerance():
    contacts = held(date(2026, 3, 17), date(2026, 3, 30), date(2026, 4, 23), date(2026, 5, 19))
    checks = check_steps(PLAN, contacts, START, date(2026, 5, 20))
    assert kinds(checks) == [ON_TIME] * 4
    assert [c.days_off for c in checks] == [0, -1, 2, 0]


def test_missed_early_late_and_upcoming():
    contacts = held(date(2026, 3, 26), date(2026, 4, 28))  # 5 days before step 2; 7 days after step 3
    checks = check_steps(PLAN, contacts, START, date(2026, 5, 1))
    assert kinds(checks) == [MISSED, EARLY, LATE, UPCOMING]
    assert checks[1].label == "5 dagen eerder dan gepland"
    assert checks[2].label == "7 dagen later dan gepland"
    assert checks[0].is_deviation and not checks[3].is_deviation


def test_a_step_is_not_missed_until_its_tolerance_has_passed():
    assert kinds(check_steps(PLAN, [], START, date(2026, 3, 20)))[0] == UPCOMING
    assert kinds(check_steps(PLAN, [], START, date(2026, 3, 21)))[0] == MISSED


def test_planned_or_cancelled_contacts_do_not_count_as_held():
    contacts = held(date(2026, 3, 17), status="gepland") + held(date(2026, 3, 17), status="afgezegd_jongere")
    assert kinds(check_steps(PLAN, contacts, START, date(2026, 3, 25)))[0] == MISSED


def test_a_contact_on_the_day_the_plan_was_made_does_not_count():
    contacts = held(START)
    assert kinds(check_steps(PLAN, contacts, START, date(2026, 3, 25)))[0] == MISSED


def test_one_contact_counts_for_one_step_only():
    contacts = held(date(2026, 3, 24))  # exactly between step 1 and step 2
    checks = check_steps(PLAN, contacts, START, date(2026, 4, 10))
    assert sum(check.held is not None for check in checks) == 1
