"""The week-by-week contact rhythm: marks per week, gaps grown too long, the compact caseload form."""

from __future__ import annotations

from datetime import date, datetime

from coach.domain.model import Contact, PhaseEntry
from coach.domain.rhythm import (
    GAP,
    SYMBOLS,
    compact,
    compact_rhythm,
    contact_events,
    week_start,
    weekly_rhythm,
)

TODAY = date(2026, 3, 14)  # a Saturday; its week starts Monday 9 March


def test_weeks_run_monday_to_sunday_up_to_this_week_then_ahead():
    weeks = weekly_rhythm([], TODAY, weeks=4, ahead=2)
    assert [w.start for w in weeks] == [
        date(2026, 2, 16),
        date(2026, 2, 23),
        date(2026, 3, 2),
        date(2026, 3, 9),
        date(2026, 3, 16),
        date(2026, 3, 23),
    ]
    assert [w.current for w in weeks] == [False, False, False, True, False, False]
    assert [w.future for w in weeks] == [False, False, False, False, True, True]
    assert all(w.mark == GAP for w in weeks)
    assert weeks[3].end == date(2026, 3, 15)


def test_strongest_status_decides_the_mark():
    events = [
        (datetime(2026, 2, 17, 10), "afgezegd_coach"),
        (datetime(2026, 2, 18, 10), "niet_verschenen"),  # week of 16 Feb: no-show beats cancelled
        (datetime(2026, 2, 24, 10), "niet_verschenen"),
        (datetime(2026, 2, 26, 10), "plaatsgevonden"),  # week of 23 Feb: held beats no-show
        (datetime(2026, 3, 3, 10), "afgezegd_jongere"),  # week of 2 Mar
        (datetime(2026, 3, 17, 10), "gepland"),  # next week
    ]
    weeks = weekly_rhythm(events, TODAY, weeks=4, ahead=2)
    assert compact(weeks) == "✕●○·◌·"
    assert (weeks[1].held, weeks[1].no_show) == (1, 1)


def test_compact_form_for_a_caseload_row():
    contacts = [
        Contact(datetime(2026, 1, 20, 10), "huisbezoek", "plaatsgevonden"),
        Contact(datetime(2026, 2, 3, 10), "telefoon", "plaatsgevonden"),
        Contact(datetime(2026, 3, 10, 10), "wandeling", "plaatsgevonden"),
        Contact(datetime(2026, 3, 18, 10), "huisbezoek", "gepland"),
    ]
    text = compact_rhythm(contact_events(contacts), TODAY, weeks=8, ahead=1)
    assert len(text) == 9
    assert text == "●·●····●◌"
    assert set(text) <= set(SYMBOLS.values())


def test_a_tapering_pattern_shows_as_wider_gaps():
    held_days = [
        date(2026, 1, 5),
        date(2026, 1, 12),
        date(2026, 1, 19),
        date(2026, 2, 2),
        date(2026, 2, 23),
        date(2026, 3, 9),
    ]
    events = [(datetime.combine(day, datetime.min.time()), "plaatsgevonden") for day in held_days]
    text = compact(weekly_rhythm(events, TODAY, weeks=10, ahead=0))
    assert text == "●●●·●··●·●"


def test_gaps_beyond_te_lang_are_marked_with_the_phase_of_that_moment():
    phases = [PhaseEntry("begeleiding", date(2026, 1, 5)), PhaseEntry("afbouw", date(2026, 3, 2))]
    events = [(datetime(2026, 1, 5, 10), "plaatsgevonden"), (datetime(2026, 1, 7, 10), "niet_verschenen")]
    weeks = weekly_rhythm(events, TODAY, weeks=10, ahead=1, phases=phases, started_on=date(2026, 1, 5))
    too_long = {w.start: w.too_long for w in weeks}
    # Begeleiding: te lang after 28 days without a held contact (from Monday 2 Feb on).
    assert too_long[date(2026, 1, 26)] is False
    assert too_long[date(2026, 2, 2)] is True
    assert weeks[0].start == date(2026, 1, 5) and weeks[0].too_long is False  # held that week
    # Afbouw from 2 March: 56 days allowed, and the last contact was 5 January: still te lang.
    assert too_long[date(2026, 3, 9)] is True
    assert weeks[-1].future and weeks[-1].too_long is False


def test_no_too_long_before_the_trajectory_began_or_without_phases():
    phases = [PhaseEntry("intake", date(2026, 3, 2))]
    weeks = weekly_rhythm([], TODAY, weeks=8, phases=phases, started_on=date(2026, 3, 2))
    assert not any(w.too_long for w in weeks)
    assert not any(w.too_long for w in weekly_rhythm([], TODAY, weeks=8))


def test_a_contact_on_a_daylight_saving_sunday_falls_in_its_own_week():
    # Sunday 29 March 2026 (clocks forward) belongs to the week of Monday 23 March.
    events = [(datetime(2026, 3, 29, 2, 30), "plaatsgevonden"), (datetime(2026, 3, 30, 0, 0), "niet_verschenen")]
    weeks = weekly_rhythm(events, date(2026, 4, 1), weeks=2, ahead=0)
    assert [(w.start, w.mark) for w in weeks] == [
        (date(2026, 3, 23), "plaatsgevonden"),
        (date(2026, 3, 30), "niet_verschenen"),
    ]


def test_29_february_week():
    assert week_start(date(2028, 2, 29)) == date(2028, 2, 28)
    weeks = weekly_rhythm([(date(2028, 2, 29), "plaatsgevonden")], date(2028, 3, 5), weeks=1, ahead=0)
    assert weeks[0].held == 1 and weeks[0].start == date(2028, 2, 28)


def test_events_outside_the_window_are_left_out_and_dates_are_accepted():
    events = [(date(2025, 6, 1), "plaatsgevonden"), (date(2026, 6, 1), "gepland"), (date(2026, 3, 10), "afgezegd_jongere")]
    weeks = weekly_rhythm(events, TODAY, weeks=2, ahead=1)
    assert compact(weeks) == "·○·"
