"""Contact statuses: vervallen and verzet are never counted; past planned contacts need an outcome; first-contact rule."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest

from coach.domain.case_continuity import assess
from coach.domain.caseload import make_entry
from coach.domain.contact_status import (
    STATUSES,
    count_contacts,
    is_cancellation,
    planned_near,
    status_after_v1,
    to_complete,
)
from coach.domain.continuity import LET_OP, OK, TE_LANG, ContinuityRules, first_contact_status
from coach.domain.model import CONTACT_STATUSES, Case, Contact, PhaseEntry, Youth
from coach.domain.rhythm import weekly_rhythm
from coach.reports.summary import numbered_contacts

NOW = datetime(2026, 3, 10, 12, 0)


def contact(status: str, at: datetime = NOW - timedelta(days=1)) -> Contact:
    return Contact(at=at, mode="telefoon", status=status)


def test_every_status_is_known_to_the_model():
    assert set(STATUSES) == set(CONTACT_STATUSES)


def test_vervallen_and_verzet_are_not_counted():
    counts = count_contacts([contact(s) for s in STATUSES])
    assert (counts.held, counts.no_show, counts.cancelled_by_youth, counts.cancelled_by_coach) == (1, 1, 1, 1)
    assert counts.cancelled == 2 and counts.not_held == 3
    assert not is_cancellation("vervallen") and not is_cancellation("verzet")
    assert is_cancellation("afgezegd_coach") and is_cancellation("afgezegd_jongere")


def test_summary_numbers_only_counted_contacts():
    case = Case(Youth("Sam"), contacts=[contact(s) for s in STATUSES])
    assert sorted(c.status for c in numbered_contacts(case)) == sorted(
        ["plaatsgevonden", "niet_verschenen", "afgezegd_jongere", "afgezegd_coach"]
    )


def test_rhythm_marks_a_cancellation_of_either_side_and_never_vervallen():
    today = NOW.date()
    weeks = weekly_rhythm([(NOW, "vervallen"), (NOW, "verzet")], today, weeks=1, ahead=0)
    assert weeks[-1].mark == "gap"
    weeks = weekly_rhythm([(NOW, "afgezegd_coach")], today, weeks=1, ahead=0)
    assert weeks[-1].mark == "afgezegd" and weeks[-1].cancelled == 1


def test_past_planned_contacts_are_to_complete():
    past, future = contact("gepland", NOW - timedelta(hours=2)), contact("gepland", NOW + timedelta(hours=2))
    held = contact("plaatsgevonden", NOW - timedelta(days=3))
    older = contact("gepland", NOW - timedelta(days=5))
    assert to_complete([past, future, held, older], NOW) == [older, past]


@pytest.mark.parametrize(
    ("offset", "found"),
    [
        (timedelta(hours=0), True),
        (timedelta(hours=11), True),
        (timedelta(hours=-12), True),
        (timedelta(hours=13), False),
    ],
)
def test_planned_near(offset, found):
    planned = contact("gepland", NOW)
    assert (planned_near([planned, contact("plaatsgevonden", NOW)], NOW + offset) is planned) is found


def test_planned_near_takes_the_closest():
    a, b = contact("gepland", NOW), contact("gepland", NOW + timedelta(hours=3))
    assert planned_near([a, b], NOW + timedelta(hours=2)) is b


def test_v1_afgezegd_is_the_young_persons_cancellation():
    assert status_after_v1("afgezegd") == "afgezegd_jongere"
    assert status_after_v1("gepland") == "gepland"


@pytest.mark.parametrize(("days", "expected"), [(0, OK), (7, OK), (8, LET_OP), (14, LET_OP), (15, TE_LANG)])
def test_first_contact_rule(days, expected):
    registered = date(2026, 3, 1)
    assert first_contact_status(registered, registered + timedelta(days=days)) == expected


def test_first_contact_days_are_configurable():
    rules = ContinuityRules(first_contact_days=3)
    assert first_contact_status(date(2026, 3, 1), date(2026, 3, 5), rules) == LET_OP


def test_a_new_registration_is_ok_on_day_one_in_assess_and_the_caseload():
    today = date(2026, 3, 1)
    case = Case(Youth("Sam"), phases=[PhaseEntry("aanmelding", today)])
    assert assess(case, today).status == OK
    assert assess(case, today + timedelta(days=20)).status == TE_LANG
    entry = make_entry(
        id=1,
        name="Sam",
        phase="aanmelding",
        last_held=None,
        started_on=today,
        next_planned=None,
        open_agreements=0,
        overdue_agreements=0,
        today=today,
    )
    assert entry.continuity == OK


def test_after_the_first_contact_the_phase_rhythm_counts_again():
    today = date(2026, 3, 20)
    case = Case(
        Youth("Sam"),
        phases=[PhaseEntry("aanmelding", date(2026, 3, 1))],
        contacts=[contact("plaatsgevonden", datetime(2026, 3, 2, 10))],
    )
    assert assess(case, today).status == TE_LANG  # 18 days since the last contact, aanmelding's interval is 7
