"""The demo generator: deterministic, realistic, within the case-file schema, and fast to store."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace
from datetime import date, timedelta

import pytest

from coach.demo import build_demo, generate_cases
from coach.domain.domains import DOMAIN_KEYS
from coach.domain.model import (
    AGREEMENT_STATUSES,
    CONTACT_MODES,
    CONTACT_STATUSES,
    INITIATORS,
    NETWORK_KINDS,
    OWNERS,
    PHASES,
    WARM_KINDS,
    Case,
    age_on,
)
from coach.domain.vocabulary import ContinuityStatus
from coach.store.caseload import caseload
from coach.store.cases import load_case
from coach.store.db import open_db

TODAY = date(2026, 3, 14)
SIGNAL_WORDS = ("deurwaarder", "huurachterstand", "blow", "slaapt bij een vriend", "sollicitatie", "stage")


@pytest.fixture(scope="module")
def cases() -> list[Case]:
    return list(generate_cases(today=TODAY))


def held_before_today(case: Case):
    return [c for c in case.contacts if c.status == "plaatsgevonden" and c.at.date() < TODAY]


def since(case: Case, phase: str) -> date:
    return next(p.since for p in case.phases if p.phase == phase)


# -- determinism ----------------------------------------------------------------


def test_same_seed_and_today_give_identical_cases(cases):
    assert list(generate_cases(25, 1, today=TODAY)) == cases


def test_a_larger_caseload_starts_with_the_same_cases(cases):
    assert list(generate_cases(30, 1, today=TODAY))[:25] == cases


def test_different_seed_gives_different_cases(cases):
    other = list(generate_cases(25, 2, today=TODAY))
    assert [c.youth.first_name for c in other] != [c.youth.first_name for c in cases]
    assert other != cases


def test_dates_follow_today_not_the_clock(cases):
    later = list(generate_cases(today=TODAY + timedelta(days=7)))
    assert [c.youth.started_on + timedelta(days=7) for c in cases] == [c.youth.started_on for c in later]
    assert [x.at + timedelta(days=7) for x in cases[0].contacts] == [x.at for x in later[0].contacts]


# -- the shape of the default caseload --------------------------------------------


def test_default_caseload_covers_every_phase(cases):
    phases = Counter(c.phase for c in cases)
    assert set(phases) == set(PHASES)
    assert phases["begeleiding"] == max(phases.values())
    assert phases["aanmelding"] + phases["intake"] >= 2
    assert phases["afbouw"] >= 2
    assert phases["nazorg"] >= 1 and phases["afgesloten"] >= 1


def test_every_youth_has_three_to_eighteen_months_of_history(cases):
    for case in cases:
        days = (TODAY - case.youth.started_on).days
        assert 90 <= days <= 550, case.youth.ref
        assert case.youth.started_on == case.phases[0].since == case.contacts[0].at.date()
        order = [PHASES.index(p.phase) for p in case.phases]
        assert order == sorted(order) and len(set(order)) == len(order)
        assert [p.since for p in case.phases] == sorted(p.since for p in case.phases)
        if case.phase != "afgesloten":
            assert (TODAY - held_before_today(case)[-1].at.date()).days <= 120, case.youth.ref


def test_contacts_are_in_the_past_or_planned_in_the_future(cases):
    for case in cases:
        assert [c.at for c in case.contacts] == sorted(c.at for c in case.contacts)
        for contact in case.contacts:
            if contact.status == "gepland":
                assert contact.at.date() > TODAY
            else:
                assert contact.at.date() < TODAY
    assert sum(c.status == "gepland" for case in cases for c in case.contacts) >= 5
    assert not any(c.status == "gepland" for case in cases if case.phase == "afgesloten" for c in case.contacts)


def test_contact_rhythms_differ(cases):
    statuses = Counter(c.status for case in cases for c in case.contacts)
    assert statuses["afgezegd_jongere"] >= 5 and statuses["niet_verschenen"] >= 5
    modes = Counter(c.mode for case in cases for c in case.contacts)
    assert modes.most_common(1)[0][0] == "huisbezoek"
    assert {"telefoon", "bericht", "wandeling", "samen_op_pad"} <= set(modes)
    assert any(c.coach for case in cases for c in case.contacts), "no contact held by another coach"
    assert set(INITIATORS) == {c.initiated_by for case in cases for c in case.contacts}


def test_someone_has_not_been_seen_for_too_long(cases):
    open_cases = [c for c in cases if c.phase == "begeleiding"]
    gaps = [(TODAY - held_before_today(c)[-1].at.date()).days for c in open_cases]
    assert max(gaps) > 28  # twice the begeleiding interval: te_lang


def test_someone_in_begeleiding_has_a_recent_streak_of_no_shows(cases):
    def current_streak(case: Case) -> int:
        past = [c.status for c in case.contacts if c.status != "gepland"]
        return next((i for i, status in enumerate(reversed(past)) if status != "niet_verschenen"), len(past))

    assert max(current_streak(c) for c in cases if c.phase == "begeleiding") >= 2


def test_afbouw_contacts_move_further_apart(cases):
    widening = 0
    for case in (c for c in cases if c.phase == "afbouw"):
        days = [c.at.date() for c in held_before_today(case) if c.at.date() >= since(case, "afbouw")]
        gaps = [(b - a).days for a, b in zip(days, days[1:], strict=False)]
        assert gaps == sorted(gaps), case.youth.ref
        if len(gaps) >= 3 and all(a < b for a, b in zip(gaps, gaps[1:], strict=False)):
            widening += 1
    assert widening >= 1


def test_agreements_are_open_done_lapsed_and_some_overdue(cases):
    agreements = [a for c in cases for a in c.agreements]
    assert {a.status for a in agreements} == set(AGREEMENT_STATUSES)
    assert {a.owner for a in agreements} == set(OWNERS)
    overdue = [a for a in agreements if a.status == "open" and a.due and a.due < TODAY]
    assert overdue
    for case in (c for c in cases if c.phase == "afgesloten"):
        assert all(a.status != "open" for a in case.agreements)
    for agreement in agreements:
        assert agreement.made_on < TODAY and (agreement.due is None or agreement.due > agreement.made_on)


def test_assessments_cover_all_domains_and_move(cases):
    improved = worsened = 0
    for case in cases:
        dates = sorted({a.date for a in case.assessments})
        if case.phase == "aanmelding":
            assert not dates
            continue
        assert dates and dates[-1] < TODAY and dates[0] >= since(case, "intake")
        if case.phase in ("begeleiding", "afbouw", "nazorg", "afgesloten"):
            assert 2 <= len(dates) <= 4, case.youth.ref
        for day in dates:
            assert sorted(a.domain for a in case.assessments if a.date == day) == sorted(DOMAIN_KEYS)
        first = sum(a.score for a in case.assessments if a.date == dates[0])
        last = sum(a.score for a in case.assessments if a.date == dates[-1])
        improved += last > first
        worsened += last < first
    assert improved >= 5 and worsened >= 1
    texts = [a for c in cases for a in c.assessments]
    assert any(a.going_well for a in texts) and any(a.concerns for a in texts) and any(a.wish for a in texts)
    assert any(a.youth_score for a in texts)


def test_warm_story_for_everyone(cases):
    for case in cases:
        assert 3 <= len(case.warm_story) <= 6
        assert len({w.kind for w in case.warm_story}) == len(case.warm_story)
        assert all(w.recorded_on and case.youth.started_on <= w.recorded_on < TODAY for w in case.warm_story)
    assert any(w.own_words for c in cases for w in c.warm_story)
    assert any(w.own_words is False for c in cases for w in c.warm_story)


def test_network_mixes_informal_and_professional(cases):
    for case in cases:
        assert 2 <= len(case.network) <= 6
        assert {p.kind for p in case.network} == set(NETWORK_KINDS)
        assert all(p.organisation for p in case.network if p.kind == "professioneel")


def test_notes_read_like_a_coach_wrote_them(cases):
    notes = [c.note for case in cases for c in case.contacts if c.note]
    text = "\n".join(notes).lower()
    for word in SIGNAL_WORDS:
        assert word in text, word
    assert len(set(notes)) > 0.8 * len(notes)  # built from fragments, not repeated verbatim
    named = sum(any(p.name.split()[0] in (c.note or "") for c in case.contacts for p in case.network) for case in cases)
    assert named >= 20


def test_identity_is_fictional_and_complete(cases):
    refs = [c.youth.ref for c in cases]
    assert len(set(refs)) == len(refs) and all(re.fullmatch(r"JC-\d{4}-\d{4}", ref) for ref in refs)
    assert len({c.youth.coach for c in cases}) <= 2
    assert any(c.youth.nickname for c in cases) and any(c.youth.employer for c in cases)
    assert any(c.youth.intervision_question for c in cases)
    for case in cases:
        youth = case.youth
        assert 16 <= age_on(youth.birth_date, TODAY) <= 27
        assert age_on(youth.birth_date, youth.started_on) >= 16
        assert youth.address and youth.address.city
        if youth.address.street:
            assert re.fullmatch(r"\S.* \d+\S*", youth.address.street)
            assert re.fullmatch(r"[1-9]\d{3} [A-Z]{2}", youth.address.postcode)
        phones = [youth.phone] + [p.phone for p in case.network]
        assert all(re.fullmatch(r"06-00\d{2} \d{4}", p) for p in phones if p)
        emails = [youth.email] + [p.email for p in case.network]
        assert all(e.endswith(("@example.com", "@example.org")) for e in emails if e)


# -- the case-file schema -----------------------------------------------------------


def test_values_stay_within_the_vocabularies(cases):
    for case in cases:
        assert case.youth.first_name
        for person in case.network:
            assert person.name and person.relation and person.kind in NETWORK_KINDS
        for item in case.warm_story:
            assert item.kind in WARM_KINDS and item.text
        for row in case.assessments:
            assert row.domain in DOMAIN_KEYS and 1 <= row.score <= 5
            assert row.youth_score is None or 1 <= row.youth_score <= 5
        for contact in case.contacts:
            assert contact.mode in CONTACT_MODES and contact.status in CONTACT_STATUSES
            assert contact.initiated_by in INITIATORS
            assert contact.at.second == 0 and contact.at.microsecond == 0
            assert contact.duration_min is None or 0 <= contact.duration_min <= 1440
            assert contact.note is None or contact.note.strip()
        for agreement in case.agreements:
            assert agreement.text and agreement.owner in OWNERS and agreement.status in AGREEMENT_STATUSES
        for entry in case.phases:
            assert entry.phase in PHASES


def test_cases_validate_against_the_case_file_schema(cases):
    casefile = pytest.importorskip("coach.store.casefile")
    if not hasattr(casefile, "case_to_dict") or not hasattr(casefile, "validate"):
        pytest.skip("coach.store.casefile has no case_to_dict/validate yet")
    for case in cases:
        assert casefile.validate(casefile.case_to_dict(case), case.youth.ref) == []


# -- stored -------------------------------------------------------------------------------


def test_caseload_of_the_demo_shows_every_continuity():
    db = open_db(memory=True)
    ids = build_demo(db, today=TODAY)
    rows = caseload(db, TODAY)
    assert len(ids) == 25
    assert len(rows) == 25 - sum(c.phase == "afgesloten" for c in generate_cases(today=TODAY))
    assert set(ContinuityStatus) <= {row.continuity for row in rows}
    assert any(row.overdue_agreements for row in rows)
    assert any(row.next_contact for row in rows)


def test_build_demo_of_300_stores_every_case(tmp_path):
    db = open_db(tmp_path / "demo.db")
    ids = build_demo(db, youths=300, seed=7, today=TODAY)
    assert len(ids) == len(set(ids)) == 300
    expected = list(generate_cases(300, 7, today=TODAY))
    for table in ("network", "warm_story", "assessments", "contacts", "agreements", "phases"):
        count = db.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]
        assert count == sum(len(getattr(c, table)) for c in expected), table
    assert db.execute("SELECT COUNT(*) FROM youths").fetchone()[0] == 300
    assert 35 <= sum(len(c.contacts) for c in expected) / 300 <= 65
    stored = load_case(db, ids[123])
    assert [replace(c, id=None) for c in stored.contacts] == expected[123].contacts
    assert Counter(c.phase for c in expected) == Counter(
        {p: n * 12 for p, n in Counter(c.phase for c in generate_cases(today=TODAY)).items()}
    )


def test_appointments_and_the_coachs_calls_fall_in_working_hours(cases):
    more = list(generate_cases(200, 3, today=TODAY))
    contacts = [c for case in [*cases, *more] for c in case.contacts]
    planned = [c for c in contacts if c.status == "gepland"]
    assert planned and all(9 <= c.at.hour <= 17 for c in planned), sorted({c.at.hour for c in planned})
    by_coach = [c for c in contacts if c.initiated_by == "coach"]
    assert all(8 <= c.at.hour <= 18 for c in by_coach)
    # The young person may still send a message at night: not everything is squeezed into office hours.
    assert any(c.at.hour >= 19 for c in contacts if c.initiated_by == "jongere")


def test_everyone_measured_has_the_intake_the_measurement_came_from(tmp_path):
    from coach.store.intake import latest_intake

    db = open_db(tmp_path / "demo.db")
    told: list[tuple[int, int]] = []
    ids = build_demo(db, youths=60, today=TODAY, progress=lambda done, total: told.append((done, total)))
    assert told == [(60, 60)]  # one batch: said once, when done
    expected = list(generate_cases(60, today=TODAY))
    for youth_id, case in zip(ids, expected, strict=True):
        intake = latest_intake(db, youth_id)
        if case.phase in ("begeleiding", "afbouw", "nazorg", "afgesloten"):
            baseline = min(a.date for a in case.assessments)
            assert intake is not None and intake.completed_on == baseline, case.youth.ref
            assert intake.started_on == since(case, "intake")
            assert {key: entry.score for key, entry in intake.domains.items()} == {
                a.domain: a.score for a in case.assessments if a.date == baseline
            }
            assert intake.warm, case.youth.ref  # the warm story told at the intake
        elif case.phase == "aanmelding":
            assert intake is None
    linked = db.execute("SELECT COUNT(*) FROM intake_domains WHERE assessment_id IS NULL").fetchone()[0]
    assert linked == 0


def test_a_large_demo_tells_its_progress_per_batch(tmp_path, monkeypatch):
    import coach.demo.generator as generator

    monkeypatch.setattr(generator, "BATCH_SIZE", 10)
    told: list[tuple[int, int]] = []
    db = open_db(tmp_path / "demo.db")
    build_demo(db, youths=25, today=TODAY, progress=lambda done, total: told.append((done, total)))
    assert told == [(10, 25), (20, 25), (25, 25)]
    # The search indexes were written at the end, and kept up to date again afterwards.
    assert db.execute("SELECT COUNT(*) FROM contacts_fts WHERE contacts_fts MATCH 'gebeld'").fetchone()[0] > 0
    open_now = db.execute("SELECT COUNT(*) FROM _open_cases").fetchone()[0]
    assert db.execute("SELECT COUNT(*) FROM _open_texts").fetchone()[0] == open_now > 0
    triggers = {row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")}
    assert {"contacts_ai", "_open_texts_contact_in", "_open_texts_case_in"} <= triggers


def test_full_names_repeat_only_when_every_combination_is_taken(cases):
    from coach.demo import names
    from coach.demo.generator import full_names

    # The names alone: the cases they would head are not needed for this, and 4,000 take seconds.
    many = list(full_names(4000))
    full = Counter(many)
    combinations = len(names.FIRST_NAMES) * len(names.LAST_NAMES)
    assert max(full.values()) <= -(-len(many) // combinations) + 1
    # They are the cases' names: the first block's, and a later block's, as generate_cases makes them.
    assert many[:25] == [(c.youth.first_name, c.youth.last_name) for c in cases]
    later = list(generate_cases(75, today=TODAY))[50:]
    assert many[50:75] == [(c.youth.first_name, c.youth.last_name) for c in later]


def test_an_archive_of_closed_cases_stays_out_of_the_caseload_and_its_search(tmp_path):
    from coach.demo.archive import archive_cases, build_archive
    from coach.store.caseload_search import find_youths

    db = open_db(tmp_path / "demo.db")
    demo_ids = build_demo(db, youths=25, today=TODAY)
    told: list[tuple[int, int]] = []
    archived = build_archive(db, 40, today=TODAY, progress=lambda done, total: told.append((done, total)))
    assert told == [(40, 40)] and len(archived) == 40
    assert [c.phases[-1].phase for c in archive_cases(40, today=TODAY)] == ["afgesloten"] * 40
    assert list(archive_cases(3, today=TODAY)) == list(archive_cases(3, today=TODAY))  # the same every time
    shown = {entry.id for entry in caseload(db, TODAY)}
    assert shown and not shown & set(archived) and shown <= set(demo_ids)
    # 'thuis' is in the archive's notes too, yet the search (of open cases) finds none of them.
    found = find_youths(db, "thuis")
    assert db.execute("SELECT count(*) FROM contacts_fts WHERE contacts_fts MATCH 'thuis'").fetchone()[0] > 40
    assert found is not None and not found & set(archived)
    assert (
        db.execute(
            "SELECT count(*) FROM intakes WHERE youth_id IN (SELECT id FROM youths WHERE ref LIKE 'JC-A-%')"
        ).fetchone()[0]
        == 40
    )


def test_a_bulk_load_leaves_the_same_audit_trail_as_row_by_row(tmp_path):
    from coach.store.bulk import bulk_load
    from coach.store.cases import insert_cases

    cases = list(generate_cases(30, today=TODAY))
    trails = []
    for bulk in (False, True):
        db = open_db(tmp_path / f"demo-{bulk}.db")
        if bulk:
            with bulk_load(db):
                insert_cases(db, cases)
        else:
            insert_cases(db, cases)
        trails.append(
            sorted(db.execute("SELECT table_name, row_id, action, fields, youth_id FROM audit").fetchall(), key=repr)
        )
        # Afterwards every trigger is back: the next row written row by row is in the trail again.
        triggers = {row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")}
        assert any(name.startswith("audit_contacts_insert_") for name in triggers)
        db.close()
    assert trails[0] == trails[1] and len(trails[0]) > 1000


def test_a_bulk_load_leaves_the_documents_and_facts_that_writing_row_by_row_gives(tmp_path):
    from coach.store.bulk import bulk_load
    from coach.store.cases import insert_cases
    from coach.store.migrations import CASELOAD_FACTS_COLUMNS

    def more(youths: int, seed: int) -> list[Case]:
        cases = generate_cases(youths, seed, today=TODAY)
        return [replace(case, youth=replace(case.youth, ref=f"JC-{seed}-{n}")) for n, case in enumerate(cases)]

    db = open_db(tmp_path / "demo.db")
    build_demo(db, youths=25, today=TODAY)
    open_before = [row[0] for row in db.execute("SELECT youth_id FROM _open_cases ORDER BY youth_id")]
    noted, closed = open_before[0], open_before[1]
    with bulk_load(db) as indexing:
        insert_cases(db, more(10, seed=2))
        indexing.catch_up()
        # A load may add rows for young people who were there before, too: a note, a closing phase.
        db.execute(
            "INSERT INTO contacts (youth_id, at, mode, status, note) "
            "VALUES (?, '2026-03-13T10:00', 'telefoon', 'plaatsgevonden', 'Zeppelinbouwer gesproken')",
            [noted],
        )
        db.execute("INSERT INTO phases (youth_id, phase, since) VALUES (?, 'afgesloten', '2026-03-13')", [closed])
        insert_cases(db, more(5, seed=3))
    documents = db.execute("SELECT rowid, name, text FROM _open_texts ORDER BY rowid").fetchall()
    # What the triggers keep row by row: every open young person's names and words, no one else's.
    assert (
        documents
        == db.execute(
            "SELECT y.id, COALESCE(y.first_name, '') || ' ' || COALESCE(y.last_name, '') || ' ' || "
            "COALESCE(y.nickname, ''), COALESCE((SELECT group_concat(c.note, ' ') FROM contacts c "
            "WHERE c.youth_id = y.id), '') || ' ' || COALESCE((SELECT group_concat(w.text, ' ') FROM warm_story w "
            "WHERE w.youth_id = y.id), '') FROM youths y WHERE y.id IN (SELECT youth_id FROM _open_cases) ORDER BY y.id"
        ).fetchall()
    )
    assert len(documents) == db.execute("SELECT count(*) FROM _open_cases").fetchone()[0] > 25
    assert closed not in {row[0] for row in documents}
    assert "Zeppelinbouwer" in dict((row[0], row[2]) for row in documents)[noted]
    facts = f"SELECT {CASELOAD_FACTS_COLUMNS} FROM {{}} WHERE youth_id IN (SELECT youth_id FROM _open_cases) ORDER BY 1"
    assert (
        db.execute(facts.format("_caseload_facts")).fetchall()
        == db.execute(facts.format("_caseload_facts_now")).fetchall()
    )
    assert db.execute("SELECT count(*) FROM _caseload_facts WHERE youth_id = ?", [closed]).fetchone()[0] == 0


def test_a_bulk_load_into_a_filled_database_indexes_old_and_new_rows_once(tmp_path):
    from coach.demo.archive import build_archive

    db = open_db(tmp_path / "demo.db")
    build_demo(db, youths=25, today=TODAY)
    build_archive(db, 10, today=TODAY)
    # The full-text index holds every note exactly once: what an 'integrity-check' against the table proves.
    db.execute("INSERT INTO contacts_fts (contacts_fts) VALUES ('integrity-check')")
    db.execute("INSERT INTO youths_fts (youths_fts) VALUES ('integrity-check')")
    db.execute("INSERT INTO warm_story_fts (warm_story_fts) VALUES ('integrity-check')")
    notes = db.execute("SELECT count(*) FROM contacts WHERE note LIKE '%Wandeling%'").fetchone()[0]
    assert db.execute("SELECT count(*) FROM contacts_fts WHERE contacts_fts MATCH 'wandeling'").fetchone()[0] == notes
