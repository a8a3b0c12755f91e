"""The trajectory in the database: phase changes, afbouw plan, letting go, nazorg, reopening, facts."""

from __future__ import annotations

import sqlite3
from datetime import date, datetime

import pytest
from factories import sample_case

from coach.domain.release import DONE, NOT_APPLICABLE, BasicDefinition
from coach.domain.taper import propose_nazorg, propose_taper
from coach.domain.trajectory import PhaseChangeError, TrajectoryError
from coach.store.caseload import caseload, caseload_entry
from coach.store.cases import insert_cases, load_case
from coach.store.db import open_db
from coach.store.errors import ReadOnlyDatabase
from coach.store.measurement import DomainScore, save_measurement
from coach.store.release import (
    add_basic,
    end_activity,
    record_activity,
    record_confidence,
    release_facts,
    set_basic,
    set_staying,
)
from coach.store.trajectory import (
    accept_taper_plan,
    change_phase,
    load_trajectory,
    record_not_yet,
    record_release,
    reopen,
    update_way_back,
)

TODAY = date(2026, 3, 10)


@pytest.fixture
def db():
    database = open_db(memory=True)
    insert_cases(database, [sample_case("Sanne")])  # in begeleiding since 26 jan 2026
    return database


def rows(db, sql, params=()):
    return [tuple(row) for row in db.execute(sql, params).fetchall()]


def phases(db):
    return [row[0] for row in db.execute("SELECT phase FROM phases WHERE youth_id = 1 ORDER BY id")]


def planned(db):
    return rows(
        db,
        "SELECT at, status, note FROM contacts WHERE youth_id = 1 AND status IN ('gepland', 'vervallen') ORDER BY at",
    )


def test_phase_change_keeps_date_and_note(db):
    change_phase(db, 1, "afbouw", TODAY, TODAY, "Werkt nu drie maanden; ritme zit erin.")
    assert rows(db, "SELECT phase, since, note FROM phases WHERE youth_id = 1 ORDER BY id DESC LIMIT 1") == [
        ("afbouw", "2026-03-10", "Werkt nu drie maanden; ritme zit erin.")
    ]
    assert caseload_entry(db, 1, TODAY).phase == "afbouw"


def test_refused_phase_change_writes_nothing(db):
    before = phases(db)
    with pytest.raises(PhaseChangeError):
        change_phase(db, 1, "intake", TODAY, TODAY)
    with pytest.raises(PhaseChangeError):
        change_phase(db, 1, "afbouw", date(2026, 3, 11), TODAY)
    with pytest.raises(TrajectoryError, match="geen jongere"):
        change_phase(db, 99, "afbouw", TODAY, TODAY)
    assert phases(db) == before


def test_accepting_the_plan_enters_afbouw_and_plans_its_contacts(db):
    moments = propose_taper(TODAY)
    plan_id = accept_taper_plan(db, 1, on=TODAY, today=TODAY, intervals=(1, 2, 3, 4), moments=moments)
    assert phases(db)[-1] == "afbouw"
    taper = [row for row in planned(db) if row[2] and row[2].startswith("Afbouw")]
    assert [row[0] for row in taper] == ["2026-03-17T10:00", "2026-03-31T10:00", "2026-04-21T10:00", "2026-05-19T10:00"]
    assert all(row[1] == "gepland" for row in taper)
    assert taper[0][2] == "Afbouw: stap 1 van 4."
    plan = load_trajectory(db, 1).active_plan
    assert plan.id == plan_id and plan.intervals == (1, 2, 3, 4) and plan.starts_on == TODAY
    assert [step.planned_at for step in plan.steps] == moments
    assert all(step.contact_id for step in plan.steps)
    # The first afbouw contact becomes the next contact once the earlier planned visit has passed.
    assert caseload_entry(db, 1, date(2026, 3, 21)).next_contact == datetime(2026, 3, 31, 10, 0)


def test_a_bad_plan_writes_nothing_not_even_the_phase(db):
    before_phases, before_contacts = phases(db), planned(db)
    with pytest.raises(TrajectoryError):
        accept_taper_plan(db, 1, on=TODAY, today=TODAY, intervals=(1, 2), moments=propose_taper(TODAY, (1,)))
    with pytest.raises(TrajectoryError):
        accept_taper_plan(db, 1, on=TODAY, today=TODAY, intervals=(1,), moments=[datetime(2026, 3, 9, 10, 0)])
    with pytest.raises(PhaseChangeError):
        accept_taper_plan(
            db, 1, on=date(2026, 3, 12), today=TODAY, intervals=(1,), moments=propose_taper(date(2026, 3, 12), (1,))
        )
    assert phases(db) == before_phases and planned(db) == before_contacts
    assert rows(db, "SELECT COUNT(*) FROM taper_plans") == [(0,)]


def test_plan_is_all_or_nothing_when_a_row_fails(db, monkeypatch):
    import coach.store.trajectory as store

    real, calls = store._plan_contact, []

    def failing(*args):
        calls.append(args)
        if len(calls) == 3:
            # The file turns unwritable halfway: the driver itself refuses the third row.
            db.execute("PRAGMA query_only = ON")
        return real(*args)

    monkeypatch.setattr(store, "_plan_contact", failing)
    before_phases, before_contacts = phases(db), planned(db)
    with pytest.raises(ReadOnlyDatabase) as refused:
        accept_taper_plan(db, 1, on=TODAY, today=TODAY, intervals=(1, 2, 3, 4), moments=propose_taper(TODAY))
    db.execute("PRAGMA query_only = OFF")
    assert len(calls) == 3  # it did fail halfway
    assert not isinstance(refused.value, sqlite3.Error)  # the store's own error, whichever driver it runs on
    assert phases(db) == before_phases and planned(db) == before_contacts
    assert rows(db, "SELECT COUNT(*) FROM taper_plans") == [(0,)] and rows(db, "SELECT COUNT(*) FROM taper_steps") == [
        (0,)
    ]


def test_a_new_plan_replaces_the_open_one(db):
    accept_taper_plan(db, 1, on=TODAY, today=TODAY, intervals=(1, 2, 3, 4), moments=propose_taper(TODAY))
    later = date(2026, 3, 20)
    accept_taper_plan(db, 1, on=later, today=later, intervals=(2, 4), moments=propose_taper(later, (2, 4)))
    record = load_trajectory(db, 1)
    assert [plan.ended_on for plan in record.taper_plans] == [later, None]
    cancelled = [row for row in planned(db) if row[1] == "vervallen"]
    assert len(cancelled) == 3 and all("Vervallen: nieuw afbouwplan." in row[2] for row in cancelled)
    assert phases(db).count("afbouw") == 1


def test_stepping_back_to_begeleiding_cancels_the_rest_of_the_plan(db):
    accept_taper_plan(db, 1, on=TODAY, today=TODAY, intervals=(1, 2, 3, 4), moments=propose_taper(TODAY))
    back = date(2026, 4, 1)
    change_phase(db, 1, "begeleiding", back, back, "Baan kwijt; even weer vaker.")
    statuses = {row[0]: row[1] for row in planned(db) if row[2] and "Afbouw" in row[2]}
    assert statuses["2026-03-17T10:00"] == "gepland"  # before the change: left as it was
    assert statuses["2026-04-21T10:00"] == statuses["2026-05-19T10:00"] == "vervallen"
    assert load_trajectory(db, 1).active_plan is None


def test_letting_go_records_decision_way_back_and_plans_nazorg(db):
    checkins = propose_nazorg(TODAY)
    release_id = record_release(
        db,
        1,
        on=TODAY,
        today=TODAY,
        reason="Werkt al vier maanden, vertrouwt het zelf.",
        way_back="Belt Eva of het wijkteam: 0800-1234.",
        checkins=checkins,
    )
    assert phases(db)[-1] == "nazorg"
    assert rows(db, "SELECT decision, reason, way_back FROM release_decisions WHERE id = ?", [release_id]) == [
        ("loslaten", "Werkt al vier maanden, vertrouwt het zelf.", "Belt Eva of het wijkteam: 0800-1234.")
    ]
    nazorg = [row for row in planned(db) if row[2] and row[2].startswith("Nazorgcheck")]
    assert [(row[0], row[1]) for row in nazorg] == [("2026-04-10T10:00", "gepland"), ("2026-06-10T10:00", "gepland")]
    record = load_trajectory(db, 1)
    assert record.way_back() == "Belt Eva of het wijkteam: 0800-1234."
    assert [c.planned_at for c in record.last_release.checks] == checkins
    # The nazorg check is the next contact on the caseload.
    after_visit = date(2026, 3, 21)
    (entry,) = [e for e in caseload(db, after_visit) if e.id == 1]
    assert entry.phase == "nazorg" and entry.next_contact == datetime(2026, 4, 10, 10, 0)


def test_letting_go_needs_a_reason_and_later_checks(db):
    with pytest.raises(TrajectoryError, match="reden"):
        record_release(db, 1, on=TODAY, today=TODAY, reason="  ", way_back=None, checkins=propose_nazorg(TODAY))
    with pytest.raises(TrajectoryError, match="na de dag"):
        record_release(db, 1, on=TODAY, today=TODAY, reason="Klaar", way_back=None, checkins=[datetime(2026, 3, 10, 9)])
    assert phases(db)[-1] == "begeleiding"
    assert rows(db, "SELECT COUNT(*) FROM release_decisions") == [(0,)]


def test_letting_go_from_afbouw_cancels_remaining_afbouw_contacts(db):
    accept_taper_plan(db, 1, on=TODAY, today=TODAY, intervals=(1, 2, 3, 4), moments=propose_taper(TODAY))
    later = date(2026, 4, 22)
    record_release(db, 1, on=later, today=later, reason="Gaat goed.", way_back=None, checkins=propose_nazorg(later))
    statuses = {row[0]: row[1] for row in planned(db) if row[2] and "Afbouw" in row[2]}
    assert statuses["2026-05-19T10:00"] == "vervallen" and statuses["2026-04-21T10:00"] == "gepland"


def test_not_yet_is_kept_without_a_phase_change(db):
    record_not_yet(db, 1, on=TODAY, today=TODAY, reason="Schulden nog niet rond.")
    assert phases(db)[-1] == "begeleiding"
    (decision,) = load_trajectory(db, 1).decisions
    assert decision.decision == "nog_niet" and decision.label == "Nog niet loslaten"
    with pytest.raises(TrajectoryError):
        record_not_yet(db, 1, on=TODAY, today=TODAY, reason="")


def test_way_back_edit_keeps_the_old_text(db):
    with pytest.raises(TrajectoryError, match="nog niet losgelaten"):
        update_way_back(db, 1, "Bellen")
    record_release(db, 1, on=TODAY, today=TODAY, reason="Klaar", way_back="Belt Eva.", checkins=propose_nazorg(TODAY))
    update_way_back(db, 1, "Belt het wijkteam.")
    assert load_trajectory(db, 1).way_back() == "Belt het wijkteam."
    assert rows(db, "SELECT text FROM revisions WHERE table_name = 'release_decisions' AND field = 'way_back'") == [
        ("Belt Eva.",)
    ]


def test_reopening_keeps_history_and_cancels_open_nazorg_checks(db):
    record_release(db, 1, on=TODAY, today=TODAY, reason="Klaar", way_back="Belt Eva.", checkins=propose_nazorg(TODAY))
    back = date(2026, 5, 1)
    reopen(db, 1, back, back, "Baan kwijt, belde zelf (de weg terug werkte).")
    assert phases(db) == ["aanmelding", "intake", "begeleiding", "nazorg", "begeleiding"]
    statuses = {row[0]: row[1] for row in planned(db) if row[2] and "Nazorgcheck" in row[2]}
    assert statuses == {"2026-04-10T10:00": "gepland", "2026-06-10T10:00": "vervallen"}
    record = load_trajectory(db, 1)
    assert record.last_release.reason == "Klaar"  # the decision stays in the history
    case = load_case(db, 1)
    assert [p.phase for p in case.phases][-2:] == ["nazorg", "begeleiding"]


def test_reopen_after_closing_and_only_from_nazorg_or_closed(db):
    with pytest.raises(TrajectoryError, match="Alleen een traject in nazorg"):
        reopen(db, 1, TODAY, TODAY)
    change_phase(db, 1, "afgesloten", TODAY, TODAY, "Verhuisd naar andere stad.")
    assert all(e.id != 1 for e in caseload(db, TODAY))
    reopen(db, 1, TODAY, TODAY, "Terug in de stad.", phase="intake")
    assert phases(db)[-3:] == ["begeleiding", "afgesloten", "intake"]
    assert any(e.id == 1 for e in caseload(db, TODAY))


def test_measurement_is_stored_per_domain_and_replaced_on_the_same_day(db):
    count = save_measurement(
        db,
        1,
        TODAY,
        TODAY,
        {"financien": DomainScore(3, 4), "werk_opleiding": DomainScore(4), "justitie": DomainScore(None)},
    )
    assert count == 2
    save_measurement(db, 1, TODAY, TODAY, {"financien": DomainScore(4)})
    assert rows(
        db,
        "SELECT domain, score, youth_score FROM assessments WHERE youth_id = 1 AND date = ? ORDER BY domain",
        [TODAY.isoformat()],
    ) == [("financien", 4, None), ("werk_opleiding", 4, None)]
    assert rows(db, "SELECT COUNT(*) FROM assessments WHERE youth_id = 1 AND date = '2026-01-05'") == [(2,)]


@pytest.mark.parametrize(
    "scores, on, fragment",
    [
        ({}, TODAY, "nog niets gescoord"),
        ({"financien": DomainScore(6)}, TODAY, "geen score"),
        ({"geld": DomainScore(3)}, TODAY, "Onbekend leefgebied"),
        ({"financien": DomainScore(3)}, date(2026, 3, 11), "toekomst"),
    ],
)
def test_bad_measurement_writes_nothing(db, scores, on, fragment):
    before = rows(db, "SELECT COUNT(*) FROM assessments")
    with pytest.raises(TrajectoryError, match=fragment):
        save_measurement(db, 1, on, TODAY, scores)
    assert rows(db, "SELECT COUNT(*) FROM assessments") == before


def test_release_facts_round_trip(db):
    definitions = (BasicDefinition("digid", "DigiD"), BasicDefinition("huisarts", "Huisarts"))
    record_confidence(db, 1, on=TODAY, today=TODAY, score=4, words="Ik kan het wel.")
    job = record_activity(db, 1, kind="werk", since=date(2026, 1, 12), today=TODAY, description="bakkerij")
    set_basic(db, 1, "digid", "DigiD", DONE, TODAY)
    set_basic(db, 1, "huisarts", "Huisarts", NOT_APPLICABLE, TODAY)
    set_basic(db, 1, "huisarts", "Huisarts", DONE, TODAY)
    key = add_basic(db, 1, "Rijbewijs", TODAY, definitions)
    mother = db.execute("SELECT id FROM network WHERE youth_id = 1 AND relation = 'moeder'").fetchone()[0]
    set_staying(db, 1, mother, True)
    facts = release_facts(db, 1, definitions)
    assert [(c.score, c.words) for c in facts.confidence] == [(4, "Ik kan het wel.")]
    assert [(a.kind, a.description, a.since) for a in facts.activities] == [("werk", "bakkerij", date(2026, 1, 12))]
    assert [(b.key, b.state, b.custom) for b in facts.basics] == [
        ("digid", DONE, False),
        ("huisarts", DONE, False),
        (key, "open", True),
    ]
    assert key == "eigen_rijbewijs" and facts.staying == {mother}
    end_activity(db, job, until=TODAY, today=TODAY)
    assert release_facts(db, 1).activities[0].until == TODAY
    set_staying(db, 1, mother, False)
    assert release_facts(db, 1).staying == set()


@pytest.mark.parametrize(
    "call, fragment",
    [
        (lambda db: record_confidence(db, 1, on=TODAY, today=TODAY, score=None, words="  "), "Vul een cijfer"),
        (lambda db: record_confidence(db, 1, on=TODAY, today=TODAY, score=7, words=None), "geen cijfer"),
        (lambda db: record_confidence(db, 1, on=date(2026, 4, 1), today=TODAY, score=3, words=None), "toekomst"),
        (lambda db: record_activity(db, 1, kind="hobby", since=TODAY, today=TODAY), "'hobby' kan niet"),
        (lambda db: end_activity(db, 99, until=TODAY, today=TODAY), "bestaat niet"),
        (lambda db: set_basic(db, 1, "digid", "DigiD", "half", TODAY), "'half' kan niet"),
        (lambda db: add_basic(db, 1, "  ", TODAY), "Vul in"),
        (lambda db: add_basic(db, 1, "digid", TODAY, (BasicDefinition("digid", "DigiD"),)), "staat al op de lijst"),
        (lambda db: set_staying(db, 1, 999, True), "hoort niet"),
    ],
)
def test_bad_facts_are_refused_in_dutch(db, call, fragment):
    with pytest.raises(TrajectoryError, match=fragment):
        call(db)


def test_an_activity_cannot_end_before_it_began(db):
    job = record_activity(db, 1, kind="werk", since=TODAY, today=TODAY)
    with pytest.raises(TrajectoryError, match="vóór de begindatum"):
        end_activity(db, job, until=date(2026, 3, 1), today=TODAY)


def test_way_back_for_a_trajectory_let_go_before_it_was_recorded_here(db):
    change_phase(db, 1, "nazorg", TODAY, TODAY, "Gaat zelfstandig verder.")  # as an imported case would be
    update_way_back(db, 1, "Belt het jongerenloket.")
    release = load_trajectory(db, 1).last_release
    assert (release.decided_on, release.reason, release.way_back) == (
        TODAY,
        "Gaat zelfstandig verder.",
        "Belt het jongerenloket.",
    )
