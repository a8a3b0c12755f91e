"""The continuity rules at their edges: no contacts, only planned ones, phase changes, DST, 29 February, the future."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from conftest import small_caseload
from helpers import make_case

from coach.domain.case_continuity import (
    HELD_IN_FUTURE,
    NO_SHOWS,
    OTHER_COACH,
    OVERDUE,
    assess,
    is_fixed_coach,
    last_held,
    no_show_streak,
    overdue_agreements,
    person_continuity,
)
from coach.domain.continuity import ContinuityRules, phase_on
from coach.domain.model import Agreement, Case, Contact, PhaseEntry
from coach.domain.vocabulary import ContinuityStatus
from coach.store.caseload import caseload_entry
from coach.store.cases import insert_cases
from coach.store.db import open_db

TODAY = date(2026, 3, 14)


def case(*contacts: Contact, phases=None, started_on=date(2026, 1, 5), coach="Eva", agreements=()) -> Case:
    """A fictional case with just the facts a rule needs."""
    return make_case(
        "Sanne",
        coach=coach,
        started_on=started_on,
        contacts=list(contacts),
        agreements=list(agreements),
        phases=phases if phases is not None else [PhaseEntry("begeleiding", date(2026, 1, 5))],
    )


def held(day: date, hour: int = 10, minute: int = 0, by: str | None = None) -> Contact:
    return Contact(datetime(day.year, day.month, day.day, hour, minute), "huisbezoek", "plaatsgevonden", coach=by)


def with_status(day: date, status: str) -> Contact:
    return Contact(datetime(day.year, day.month, day.day, 10, 0), "huisbezoek", status)


# --- no contacts yet, only planned ones -------------------------------------------------------


def test_no_contacts_yet_counts_from_the_start_of_the_trajectory():
    result = assess(case(started_on=date(2026, 3, 4)), TODAY)
    assert result.last_held is None and result.days == 10 and result.status == ContinuityStatus.OK
    assert assess(case(started_on=date(2026, 2, 20)), TODAY).status == ContinuityStatus.LET_OP  # 22 days > 14
    assert assess(case(started_on=date(2026, 1, 5)), TODAY).status == ContinuityStatus.TE_LANG  # 68 days > 28
    assert result.signals == () and result.contact_due is None


def test_no_contacts_and_no_start_date_falls_back_to_the_first_phase():
    result = assess(case(started_on=None, phases=[PhaseEntry("intake", date(2026, 3, 10))]), TODAY)
    assert result.days == 4 and result.status == ContinuityStatus.OK


def test_nothing_known_at_all_is_te_lang_rather_than_silently_fine():
    result = assess(case(started_on=None, phases=[]), TODAY)
    assert result.phase == "aanmelding" and result.days is None and result.status == ContinuityStatus.TE_LANG


def test_only_planned_contacts():
    planned = with_status(date(2026, 3, 20), "gepland")
    result = assess(case(planned, started_on=date(2026, 3, 1)), TODAY)
    assert result.last_held is None
    assert result.next_planned == datetime(2026, 3, 20, 10, 0)
    assert result.days == 13 and result.status == ContinuityStatus.OK
    assert result.no_show_streak == 0 and result.person.looked_at == 0


def test_a_planned_contact_in_the_past_is_neither_held_nor_next():
    stale = with_status(date(2026, 3, 1), "gepland")
    result = assess(case(stale, started_on=date(2026, 2, 1)), TODAY)
    assert result.last_held is None and result.next_planned is None


# --- a phase change ---------------------------------------------------------------------------


def test_after_a_phase_change_the_new_phase_interval_applies_at_once():
    seen = held(date(2026, 2, 22))  # 20 days ago
    begeleiding = [PhaseEntry("begeleiding", date(2026, 1, 5))]
    assert assess(case(seen, phases=begeleiding), TODAY).status == ContinuityStatus.LET_OP
    afbouw = begeleiding + [PhaseEntry("afbouw", date(2026, 3, 10))]
    result = assess(case(seen, phases=afbouw), TODAY)
    assert result.phase == "afbouw" and result.interval == 28 and result.status == ContinuityStatus.OK
    back = afbouw + [PhaseEntry("begeleiding", date(2026, 3, 13))]
    assert assess(case(seen, phases=back), TODAY).status == ContinuityStatus.LET_OP


def test_closed_trajectory_is_not_tracked():
    phases = [PhaseEntry("begeleiding", date(2025, 1, 1)), PhaseEntry("afgesloten", date(2025, 12, 1))]
    result = assess(case(phases=phases), TODAY)
    assert result.status is None and result.interval is None and result.contact_due is None


def test_phase_on_a_day():
    phases = [PhaseEntry("intake", date(2026, 1, 5)), PhaseEntry("begeleiding", date(2026, 2, 1))]
    assert phase_on(phases, date(2026, 1, 31)) == "intake"
    assert phase_on(phases, date(2026, 2, 1)) == "begeleiding"
    assert phase_on(phases, date(2025, 12, 1)) == "intake"  # before the trajectory began: its first phase
    assert phase_on([], TODAY) == "aanmelding"


def test_interval_edges_in_every_phase():
    for phase, interval in (("intake", 7), ("begeleiding", 14), ("afbouw", 28), ("nazorg", 90)):
        phases = [PhaseEntry(phase, date(2025, 1, 1))]
        on_time = held(date.fromordinal(TODAY.toordinal() - interval))
        late = held(date.fromordinal(TODAY.toordinal() - interval - 1))
        too_late = held(date.fromordinal(TODAY.toordinal() - 2 * interval - 1))
        assert assess(case(on_time, phases=phases), TODAY).status == ContinuityStatus.OK, phase
        assert assess(case(late, phases=phases), TODAY).status == ContinuityStatus.LET_OP, phase
        assert assess(case(too_late, phases=phases), TODAY).status == ContinuityStatus.TE_LANG, phase


def test_rules_are_configurable_and_keep_the_other_defaults():
    rules = ContinuityRules(intervals={"begeleiding": 7, "nazorg": None}, overdue_factor=3)
    seen = held(date(2026, 3, 4))  # 10 days ago
    assert assess(case(seen), TODAY, rules).status == ContinuityStatus.LET_OP
    assert rules.interval("afbouw") == 28  # untouched default
    assert rules.interval("nazorg") is None  # switched off
    assert assess(case(held(date(2026, 2, 22))), TODAY, rules).status == ContinuityStatus.LET_OP  # 20 <= 3 * 7


# --- daylight saving, 29 February, the future -------------------------------------------------


def test_a_daylight_saving_night_does_not_shift_the_day_count():
    # Clocks go forward on 29 March 2026 and back on 25 October 2026.
    late_evening = held(date(2026, 3, 28), 23, 30)
    assert assess(case(late_evening), date(2026, 3, 30)).days == 2
    in_the_lost_hour = held(date(2026, 3, 29), 2, 30)  # 02:30 does not exist on the clock that night
    result = assess(case(in_the_lost_hour), date(2026, 4, 12))
    assert result.days == 14 and result.status == ContinuityStatus.OK
    in_the_double_hour = held(date(2026, 10, 25), 2, 30)
    assert assess(case(in_the_double_hour), date(2026, 11, 8)).status == ContinuityStatus.OK
    assert assess(case(in_the_double_hour), date(2026, 11, 9)).status == ContinuityStatus.LET_OP


def test_29_february():
    leap = held(date(2028, 2, 29))
    phases = [PhaseEntry("begeleiding", date(2028, 1, 1))]
    assert (
        assess(case(leap, phases=phases, started_on=date(2028, 1, 1)), date(2028, 3, 14)).status == ContinuityStatus.OK
    )
    assert (
        assess(case(leap, phases=phases, started_on=date(2028, 1, 1)), date(2028, 3, 15)).status
        == ContinuityStatus.LET_OP
    )
    result = assess(case(leap, phases=phases, started_on=date(2028, 1, 1)), date(2028, 3, 1))
    assert result.days == 1 and result.contact_due == date(2028, 3, 14)
    started_on_leap_day = case(phases=[PhaseEntry("nazorg", date(2024, 2, 29))], started_on=date(2024, 2, 29))
    assert assess(started_on_leap_day, date(2025, 2, 28)).days == 365


def test_a_held_contact_dated_in_the_future_does_not_count_and_is_flagged():
    typo = held(date(2026, 4, 14))
    result = assess(case(held(date(2026, 2, 1)), typo), TODAY)
    assert result.last_held == datetime(2026, 2, 1, 10, 0)
    assert result.status == ContinuityStatus.TE_LANG
    assert result.held_in_future == 1
    assert [s.kind for s in result.signals] == [HELD_IN_FUTURE]
    assert "toekomst" in result.signals[0].text


def test_a_contact_later_today_counts_as_today():
    # As on the caseload: what took place today counts, whatever the hour.
    assert last_held([held(TODAY, 23, 0)], TODAY) == datetime(2026, 3, 14, 23, 0)
    assert assess(case(held(TODAY, 23, 0)), TODAY).days == 0


def test_the_same_status_as_the_caseload_for_the_fixture_cases(tmp_path):
    cases = small_caseload()
    db = open_db(tmp_path / "c.db")
    ids = insert_cases(db, cases)
    for youth_id, one in zip(ids, cases, strict=False):
        result = assess(one, TODAY)
        entry = caseload_entry(db, youth_id, TODAY)
        assert (result.status, result.days) == (entry.continuity, entry.days_since_contact), one.youth.first_name
        assert len(result.overdue) == entry.overdue_agreements


# --- no-shows in a row --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("statuses", "streak"),
    [
        ([], 0),
        (["plaatsgevonden"], 0),
        (["niet_verschenen"], 1),
        (["plaatsgevonden", "niet_verschenen", "niet_verschenen"], 2),
        (["niet_verschenen", "niet_verschenen", "plaatsgevonden"], 0),
        (
            ["plaatsgevonden", "niet_verschenen", "afgezegd_jongere", "niet_verschenen"],
            2,
        ),  # cancelling does not break it
        (["niet_verschenen", "plaatsgevonden", "niet_verschenen"], 1),
        (["niet_verschenen", "gepland", "niet_verschenen"], 2),  # a stale planned one is skipped
        (["afgezegd_jongere", "afgezegd_coach"], 0),
    ],
)
def test_no_show_streak(statuses, streak):
    contacts = [with_status(date(2026, 2, 1 + 3 * i), status) for i, status in enumerate(statuses)]
    assert no_show_streak(contacts, TODAY) == streak


def test_no_show_streak_ignores_the_future_and_orders_by_time_not_by_entry():
    contacts = [
        with_status(date(2026, 3, 10), "niet_verschenen"),
        with_status(date(2026, 3, 1), "plaatsgevonden"),
        with_status(date(2026, 3, 5), "niet_verschenen"),
        with_status(date(2026, 3, 20), "niet_verschenen"),
    ]
    assert no_show_streak(contacts, TODAY) == 2


def test_two_no_shows_in_a_row_is_a_signal():
    contacts = [held(date(2026, 3, 1)), with_status(date(2026, 3, 8), "niet_verschenen")]
    assert NO_SHOWS not in [s.kind for s in assess(case(*contacts), TODAY).signals]
    contacts.append(with_status(date(2026, 3, 12), "niet_verschenen"))
    result = assess(case(*contacts), TODAY)
    assert result.no_show_streak == 2
    assert "2 keer achter elkaar niet verschenen" in [s.text for s in result.signals]
    patient = ContinuityRules(no_show_streak=3)
    assert NO_SHOWS not in [s.kind for s in assess(case(*contacts), TODAY, patient).signals]


# --- continuity of the person -------------------------------------------------------------------


def test_fixed_coach_is_recognised():
    assert is_fixed_coach(None, "Eva")
    assert is_fixed_coach("", "Eva")
    assert is_fixed_coach(" eva ", "Eva")
    assert not is_fixed_coach("Ruben", "Eva")
    assert not is_fixed_coach("Ruben", None)


def test_share_held_by_someone_else_over_the_last_held_contacts():
    contacts = [
        held(date(2026, 1, 5 + i), by=by)
        for i, by in enumerate([None, "Ruben", "Eva", "Ruben", None, "Ruben", "Ruben"])
    ]
    contacts.append(with_status(date(2026, 3, 1), "niet_verschenen"))  # only held contacts are looked at
    person = person_continuity(contacts, "Eva", TODAY, window=6)
    assert (person.others, person.looked_at, person.names) == (4, 6, ("Ruben",))
    assert person.share == pytest.approx(4 / 6)
    result = assess(case(*contacts), TODAY)
    assert OTHER_COACH in [s.kind for s in result.signals]
    assert "4 van de laatste 6 contacten" in " ".join(s.text for s in result.signals)


def test_one_stand_in_contact_is_not_yet_a_signal():
    contacts = [held(date(2026, 3, 1), by="Eva"), held(date(2026, 3, 8), by="Ruben"), held(date(2026, 3, 10))]
    result = assess(case(*contacts), TODAY)
    assert result.person.others == 1
    assert OTHER_COACH not in [s.kind for s in result.signals]
    assert person_continuity([], "Eva", TODAY).share == 0.0


# --- overdue agreements ---------------------------------------------------------------------------


def test_overdue_agreements_longest_overdue_first():
    agreements = [
        Agreement(date(2026, 3, 1), "Due today", "jongere", "open", due=TODAY),
        Agreement(date(2026, 3, 1), "Yesterday", "jongere", "open", due=date(2026, 3, 13)),
        Agreement(date(2026, 2, 1), "Long ago", "coach", "open", due=date(2026, 2, 10)),
        Agreement(date(2026, 2, 1), "Done late", "jongere", "gedaan", due=date(2026, 2, 10)),
        Agreement(date(2026, 2, 1), "No date", "jongere", "open"),
    ]
    assert [a.text for a in overdue_agreements(agreements, TODAY)] == ["Long ago", "Yesterday"]
    result = assess(case(held(TODAY), agreements=agreements), TODAY)
    assert [s.kind for s in result.signals] == [OVERDUE]
    assert result.signals[0].text == "2 afspraken over de datum"
