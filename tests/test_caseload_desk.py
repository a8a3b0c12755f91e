"""The weekly desk's rules: sorting, filtering, totals and 'deze week' (pure, no database)."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest

from coach.domain.caseload import CaseloadEntry, make_entry
from coach.domain.desk import (
    NOT_PLANNED,
    PLANNED,
    SORT_ORDERS,
    THIS_WEEK,
    CaseloadFilter,
    describe,
    filter_entries,
    sort_entries,
    totals,
)
from coach.domain.this_week import ReasonKind, reasons_for, this_week, week_window

MONDAY = date(2026, 3, 9)


def entry(
    id: int,
    name: str,
    phase: str = "begeleiding",
    *,
    last: datetime | None = None,
    started: date | None = date(2026, 1, 1),
    next: datetime | None = None,
    mode: str | None = "huisbezoek",
    open: int = 0,
    overdue: int = 0,
    due: date | None = None,
    today: date = MONDAY,
) -> CaseloadEntry:
    """A caseload entry as the store would make it, with the continuity rules applied."""
    return make_entry(
        id=id,
        name=name,
        phase=phase,
        last_held=last,
        started_on=started,
        next_planned=next,
        open_agreements=open,
        overdue_agreements=overdue,
        today=today,
        next_mode=mode,
        next_due=due,
    )


@pytest.fixture
def desk() -> list[CaseloadEntry]:
    return [
        entry(1, "Bram", last=datetime(2026, 3, 6, 10), next=datetime(2026, 3, 12, 9), open=2),  # ok, 3 days
        entry(2, "anna", last=datetime(2026, 1, 20, 10), open=1, overdue=1),  # te lang, 48 days
        entry(3, "Cas", "intake", last=datetime(2026, 2, 27, 10), next=datetime(2026, 3, 30, 14)),  # let op, 10 days
        entry(4, "Dewi", "nazorg", last=datetime(2026, 1, 5, 10)),  # ok in nazorg, 63 days
        entry(5, "Eva", "aanmelding", started=date(2026, 3, 2)),  # never seen: 7 days since start, ok
        entry(6, "Ömer", "afbouw", last=datetime(2026, 2, 1, 10), open=3, overdue=2),  # let op in afbouw, 36 days
    ]


def names(entries) -> list[str]:
    return [e.name for e in entries]


def test_sort_by_name_ignores_case_and_accents_come_after(desk) -> None:
    assert names(sort_entries(desk, "naam")) == ["anna", "Bram", "Cas", "Dewi", "Eva", "Ömer"]


def test_sort_by_rhythm_puts_te_lang_first_then_longest_unseen(desk) -> None:
    ordered = sort_entries(desk, "ritme")
    assert [e.continuity for e in ordered] == ["te_lang", "let_op", "let_op", "ok", "ok", "ok"]
    assert names(ordered)[:3] == ["anna", "Ömer", "Cas"]  # 17 days before 10 days


def test_sort_by_last_contact_puts_never_seen_first(desk) -> None:
    assert names(sort_entries(desk, "laatst")) == ["Eva", "Dewi", "anna", "Ömer", "Cas", "Bram"]


def test_sort_by_next_contact_puts_unplanned_last(desk) -> None:
    assert names(sort_entries(desk, "volgende"))[:2] == ["Bram", "Cas"]


def test_sort_by_phase_follows_the_trajectory(desk) -> None:
    assert [e.phase for e in sort_entries(desk, "fase")] == [
        "aanmelding",
        "intake",
        "begeleiding",
        "begeleiding",
        "afbouw",
        "nazorg",
    ]


def test_sort_by_agreements_puts_most_overdue_first(desk) -> None:
    assert names(sort_entries(desk, "afspraken"))[:3] == ["Ömer", "anna", "Bram"]


def test_every_sort_order_has_a_dutch_label_and_a_column() -> None:
    for key, order in SORT_ORDERS.items():
        assert order.key == key and order.label[0].isupper() and order.column


def test_filters_combine_within_a_part_by_or_and_between_parts_by_and(desk) -> None:
    both = CaseloadFilter(phases=frozenset({"begeleiding", "afbouw"}), continuity=frozenset({"te_lang", "let_op"}))
    assert names(filter_entries(desk, both, MONDAY)) == ["anna", "Ömer"]


@pytest.mark.parametrize(
    ("chosen", "expected"),
    [
        (CaseloadFilter(not_seen_days=14), ["anna", "Dewi", "Eva", "Ömer"]),  # never seen counts as not seen
        (CaseloadFilter(not_seen_days=60), ["Dewi", "Eva"]),
        (CaseloadFilter(never_seen=True), ["Eva"]),
        (CaseloadFilter(next_contact=PLANNED), ["Bram", "Cas"]),
        (CaseloadFilter(next_contact=NOT_PLANNED), ["anna", "Dewi", "Eva", "Ömer"]),
        (CaseloadFilter(next_contact=THIS_WEEK), ["Bram"]),
        (CaseloadFilter(overdue_only=True), ["anna", "Ömer"]),
        (CaseloadFilter(), ["Bram", "anna", "Cas", "Dewi", "Eva", "Ömer"]),
    ],
)
def test_each_filter_part(desk, chosen, expected) -> None:
    assert names(filter_entries(desk, chosen, MONDAY)) == expected


def test_search_results_filter_and_none_means_no_search(desk) -> None:
    assert names(filter_entries(desk, CaseloadFilter(search="x"), MONDAY, found={3, 6})) == ["Cas", "Ömer"]
    assert len(filter_entries(desk, CaseloadFilter(), MONDAY, found=None)) == len(desk)
    assert filter_entries(desk, CaseloadFilter(search="x"), MONDAY, found=set()) == []


def test_describe_says_every_active_part_so_a_missing_row_has_a_reason() -> None:
    chosen = CaseloadFilter(
        phases=frozenset({"afbouw", "intake"}),
        continuity=frozenset({"te_lang"}),
        not_seen_days=14,
        next_contact=NOT_PLANNED,
        overdue_only=True,
        search=" huur ",
    )
    assert [chip.text for chip in describe(chosen)] == [
        "fase Intake of Afbouw",
        "ritme te lang",
        "langer dan 14 dagen niet gezien",
        "geen volgend contact gepland",
        "met afspraken te laat",
        "zoek “huur”",
    ]
    assert describe(CaseloadFilter()) == []
    for chip in describe(chosen):
        assert getattr(chosen.without(chip.part), chip.part) == getattr(CaseloadFilter(), chip.part)


def test_totals_count_per_phase_in_trajectory_order_and_per_rhythm(desk) -> None:
    result = totals(desk)
    assert result.youths == 6
    assert list(result.phases.items()) == [
        ("aanmelding", 1),
        ("intake", 1),
        ("begeleiding", 2),
        ("afbouw", 1),
        ("nazorg", 1),
    ]
    assert result.continuity == {"ok": 3, "te_lang": 1, "let_op": 2}
    assert result.with_overdue == 2
    assert totals([]).youths == 0 and totals([]).phases == {}


# --- deze week ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("today", "end"),
    [
        (date(2026, 3, 9), date(2026, 3, 15)),  # Monday: this week
        (date(2026, 3, 12), date(2026, 3, 15)),  # Thursday: what is left of it
        (date(2026, 3, 14), date(2026, 3, 20)),  # Saturday: the coming work week too, seven days
        (date(2026, 3, 15), date(2026, 3, 21)),  # Sunday
        (date(2026, 3, 29), date(2026, 4, 4)),  # the Sunday clocks go forward
        (date(2028, 2, 28), date(2028, 3, 5)),  # across 29 February
    ],
)
def test_the_week_runs_from_today_to_sunday_and_at_the_weekend_seven_days(today, end) -> None:
    window = week_window(today)
    assert (window.start, window.end) == (today, end)
    assert (window.end - window.start).days <= 6  # never a "week" of eight days
    # The whole coming work week is in it, also at the weekend.
    monday = today + timedelta(days=(7 - today.weekday()) % 7)
    assert today.weekday() < 5 or all(monday + timedelta(days=d) in window for d in range(5))
    assert today in window and end in window and date(2000, 1, 1) not in window


def kinds(item_or_reasons) -> list[str]:
    return [reason.kind for reason in item_or_reasons]


def test_reasons_in_a_coaches_words_most_urgent_first() -> None:
    daan = entry(
        1, "Daan", last=datetime(2026, 1, 20, 11), open=1, overdue=1, next=datetime(2026, 3, 10, 9, 30), mode="telefoon"
    )
    reasons = reasons_for(daan, MONDAY)
    assert kinds(reasons) == [ReasonKind.TE_LANG, ReasonKind.AFSPRAAK_TE_LAAT, ReasonKind.GEPLAND]
    assert [r.text for r in reasons] == [
        "te lang niet gezien: 48 dagen",
        "1 afspraak te laat",
        "telefoon di 10 mrt 09:30",
    ]


def test_let_op_and_never_seen() -> None:
    assert [r.text for r in reasons_for(entry(1, "Cas", "intake", last=datetime(2026, 2, 27, 10)), MONDAY)] == [
        "10 dagen niet gezien"
    ]
    never = reasons_for(entry(2, "Eva", "aanmelding", started=date(2026, 3, 6)), MONDAY)
    assert kinds(never) == [ReasonKind.NOG_GEEN_CONTACT] and never[0].text == "eerste contact uiterlijk vr 13 mrt"
    long_never = reasons_for(entry(3, "Fien", "intake", started=date(2026, 2, 1)), MONDAY)
    assert (
        kinds(long_never) == [ReasonKind.TE_LANG] and long_never[0].text == "nog geen contact, al 36 dagen in traject"
    )


def test_contact_due_within_the_week_unless_planned_in_time() -> None:
    due = entry(1, "Bram", last=datetime(2026, 2, 27, 10))  # begeleiding: 14 days, due Fri 13 Mar
    assert [r.text for r in reasons_for(due, MONDAY)] == ["contact nodig, uiterlijk vr 13 mrt"]
    today_due = entry(2, "Bo", last=datetime(2026, 2, 23, 10))
    assert reasons_for(today_due, MONDAY)[0].text == "contact nodig, uiterlijk vandaag"
    covered = entry(3, "Ria", last=datetime(2026, 2, 27, 10), next=datetime(2026, 3, 12, 10))
    assert kinds(reasons_for(covered, MONDAY)) == [ReasonKind.GEPLAND]
    late_plan = entry(4, "Sem", last=datetime(2026, 2, 27, 10), next=datetime(2026, 3, 14, 10))
    assert kinds(reasons_for(late_plan, MONDAY)) == [ReasonKind.RITME, ReasonKind.GEPLAND]
    not_yet = entry(5, "Tim", last=datetime(2026, 3, 6, 10))
    assert reasons_for(not_yet, MONDAY) == ()


def test_nazorg_check_ins() -> None:
    due = entry(1, "Dewi", "nazorg", last=datetime(2025, 12, 12, 10))  # 90 days: due Thu 12 Mar
    assert kinds(reasons_for(due, MONDAY)) == [ReasonKind.NAZORG]
    assert reasons_for(due, MONDAY)[0].text == "tijd voor een nazorg-check, uiterlijk do 12 mrt"
    late = entry(2, "Jop", "nazorg", last=datetime(2025, 11, 1, 10))
    assert kinds(reasons_for(late, MONDAY)) == [ReasonKind.NAZORG]
    assert reasons_for(late, MONDAY)[0].text == "nazorg-check over tijd: 128 dagen geen contact"
    quiet = entry(3, "Kim", "nazorg", last=datetime(2026, 2, 1, 10))
    assert reasons_for(quiet, MONDAY) == ()


def test_agreement_due_this_week_and_planned_outside_the_week() -> None:
    busy = entry(1, "Lot", last=datetime(2026, 3, 6, 10), next=datetime(2026, 3, 17, 10), open=1, due=date(2026, 3, 11))
    reasons = reasons_for(busy, MONDAY)
    assert (
        kinds(reasons) == [ReasonKind.AFSPRAAK_DEZE_WEEK] and reasons[0].text == "een afspraak moet af zijn: wo 11 mrt"
    )


def test_the_week_list_orders_by_urgency_then_planned_moment_and_leaves_out_the_quiet() -> None:
    entries = [
        entry(1, "Quiet", last=datetime(2026, 3, 6, 10)),
        entry(2, "Late", last=datetime(2026, 3, 6, 10), next=datetime(2026, 3, 13, 10)),
        entry(3, "Early", last=datetime(2026, 3, 6, 10), next=datetime(2026, 3, 10, 10)),
        entry(4, "Gone", last=datetime(2026, 1, 1, 10)),
        entry(5, "Watch", "intake", last=datetime(2026, 2, 27, 10)),
    ]
    items = this_week(entries, MONDAY)
    assert [item.entry.name for item in items] == ["Gone", "Watch", "Early", "Late"]
    assert items[1].reasons[0].kind == ReasonKind.LET_OP


def test_a_contact_in_the_future_marked_held_does_not_count_as_seen() -> None:
    # The store leaves out held contacts after today; an entry built without one is 'never seen'.
    future_only = entry(1, "Nina", "intake", last=None, started=date(2026, 3, 1))
    assert future_only.days_since_contact == 8 and future_only.continuity == "let_op"
    assert reasons_for(future_only, MONDAY)[0].text == "nog geen contact, al 8 dagen in traject"


# --- the first contact after the aanmelding (due 7 days after it) -----------------------------


@pytest.mark.parametrize(
    ("today", "continuity", "kind", "text"),
    [
        # Day 0: registered today; on the list, but calmly, with the last day.
        (date(2026, 3, 9), "ok", ReasonKind.NOG_GEEN_CONTACT, "eerste contact uiterlijk ma 16 mrt"),
        # The deadline day itself is still in time.
        (date(2026, 3, 16), "ok", ReasonKind.NOG_GEEN_CONTACT, "eerste contact uiterlijk vandaag"),
        # The day after: late, and the reason says by how much and what the last day was.
        (date(2026, 3, 17), "let_op", ReasonKind.LET_OP, "eerste contact 1 dag te laat (uiterlijk ma 16 mrt)"),
        (date(2026, 3, 24), "te_lang", ReasonKind.TE_LANG, "eerste contact 8 dagen te laat (uiterlijk ma 16 mrt)"),
    ],
)
def test_a_first_contact_in_this_week(today: date, continuity: str, kind: ReasonKind, text: str) -> None:
    new = entry(1, "Sam", "aanmelding", started=date(2026, 3, 9), mode=None, today=today)
    assert new.first_contact_due == date(2026, 3, 16)
    assert new.continuity == continuity
    reasons = reasons_for(new, today)
    assert [(r.kind, r.text) for r in reasons] == [(kind, text)]


def test_the_first_contact_rule_is_only_for_aanmelding_without_contact() -> None:
    assert (
        entry(1, "Sam", "aanmelding", started=date(2026, 3, 9), last=datetime(2026, 3, 9, 10)).first_contact_due is None
    )
    assert entry(2, "Cas", "intake", started=date(2026, 3, 9)).first_contact_due is None
    assert entry(3, "Eva", "aanmelding", started=None).first_contact_due is None
