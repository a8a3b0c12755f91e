"""Case file version 2: every record kind survives export → import into an empty database → export; bad files name the path."""

from __future__ import annotations

import json
from datetime import date, datetime

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from coach.domain.contact_status import STATUSES
from coach.domain.domains import DOMAIN_KEYS
from coach.domain.handover import CoachCard
from coach.domain.model import CONTACT_MODES, OWNERS, PHASES, WARM_KINDS
from coach.domain.network import NetworkMember
from coach.domain.registration import ConsentInput, Registration
from coach.domain.safety import StepRecord
from coach.domain.self_assessment import SelfAssessment
from coach.store import open_db
from coach.store.agreement_edits import add_agreement
from coach.store.casefile import CaseFileError
from coach.store.casefile_v2 import SECTIONS, export_case_v2, import_v2_files, schema, validate_v2
from coach.store.contact_moves import delete_contact, edit_contact, move_contact
from coach.store.handover import record_dossier, save_what_works
from coach.store.intervision import IntervisionNotes, save_intervision_notes, save_scope_question
from coach.store.network import add_person, update_person
from coach.store.registration import consents_of, register_youth, update_details
from coach.store.release import add_basic, record_activity, record_confidence, set_staying
from coach.store.safety import close_concern, dismiss_signal, open_concern, save_step
from coach.store.self_assessment import SelfAssessmentSitting
from coach.store.trajectory import accept_taper_plan, change_phase, record_not_yet, record_release, reopen

TODAY = date(2026, 3, 10)
NOW = datetime(2026, 3, 10, 12, 0)


def _contact(db, youth_id, at, status="plaatsgevonden", note=None):
    return db.execute(
        "INSERT INTO contacts (youth_id, at, mode, status, note, duration_min) VALUES (?, ?, 'huisbezoek', ?, ?, 60)",
        [youth_id, at.strftime("%Y-%m-%dT%H:%M"), status, note],
    ).lastrowid


@pytest.fixture(scope="module")
def full_db():
    """One young person with at least one record of every kind the app stores."""
    db = open_db(memory=True)
    return db, fill_full_case(db)


def fill_full_case(db) -> int:
    """Register one young person in db with at least one record of every kind the app stores; their id."""
    start = date(2025, 9, 1)
    youth_id = register_youth(
        db,
        Registration(
            "Samira",
            start,
            last_name="Bakker",
            nickname="Sam",
            birth_date=date(2007, 5, 1),
            street="Molenstraat 12",
            city="Zwolle",
            referred_by="Ans",
            referrer_org="Wijkteam",
            referral_reason="Uitgevallen.",
            coach="Eva",
            consent=ConsentInput("Wijkteam", start, ("netwerk",)),
        ),
        today=start,
    )
    update_details(db, youth_id, {"coach": "Karim", "school": "ROC"}, today=date(2025, 10, 1))
    ria = add_person(db, youth_id, NetworkMember("Ria", "moeder", "informeel", seen_as="steun", may_contact=True))
    update_person(db, ria, {"name": "Ria B."})
    set_staying(db, youth_id, ria, True)
    save_intervision_notes(
        db,
        youth_id,
        IntervisionNotes(tried="Samen gebeld met de bank.", own_part="Ik nam het te snel over.", hidden=("Ria B.",)),
    )
    db.execute(
        "INSERT INTO warm_story (youth_id, kind, text, own_words, recorded_on) VALUES (?, 'trots', 'Mijn zus', 1, ?)",
        [youth_id, "2025-09-08"],
    )
    warm_id = db.execute("SELECT max(id) FROM warm_story").fetchone()[0]
    db.execute(
        "INSERT INTO assessments (youth_id, date, domain, score, youth_score, concerns) VALUES (?, '2025-09-15', 'financien', 2, 3, 'Schulden')",
        [youth_id],
    )
    assessment = db.execute("SELECT max(id) FROM assessments").fetchone()[0]
    intake = db.execute(
        "INSERT INTO intakes (youth_id, started_on, completed_on, section) VALUES (?, '2025-09-08', '2025-09-15', 'klaar')",
        [youth_id],
    ).lastrowid
    db.execute(
        "INSERT INTO intake_domains (intake_id, youth_id, domain, notes, carried_by, score, youth_score, assessment_id) "
        "VALUES (?, ?, 'financien', 'Veel post', '[\"moeder\"]', 2, 3, ?)",
        [intake, youth_id, assessment],
    )
    db.execute("INSERT INTO intake_warm (intake_id, kind, warm_story_id) VALUES (?, 'trots', ?)", [intake, warm_id])
    change_phase(db, youth_id, "intake", date(2025, 9, 8), date(2025, 9, 8), "Eerste gesprek")
    change_phase(db, youth_id, "begeleiding", date(2025, 9, 15), date(2025, 9, 15), "Intake rond")
    held = _contact(db, youth_id, datetime(2025, 9, 8, 10), note="Kennismaking")
    edit_contact(db, held, now=NOW, note="Kennismaking, goed", domains=["financien"])
    db.execute(
        "INSERT INTO visits (youth_id, contact_id, started_at) VALUES (?, ?, '2025-09-08T10:00:00')", [youth_id, held]
    )
    planned = _contact(db, youth_id, datetime(2025, 10, 1, 10), "gepland")
    move_contact(db, planned, datetime(2025, 10, 3, 10), now=datetime(2025, 9, 30, 9))
    gone = _contact(db, youth_id, datetime(2025, 9, 9, 10), note="dubbel")
    delete_contact(db, gone, "Dubbel ingevoerd", now=NOW)
    add_agreement(
        db, youth_id, "Post openen", "netwerk", made_on=date(2025, 9, 8), owner_network_id=ria, contact_id=held
    )
    record_confidence(db, youth_id, on=date(2025, 11, 1), today=date(2025, 11, 1), score=4, words="Gaat wel")
    record_activity(db, youth_id, kind="werk", since=date(2025, 10, 1), today=date(2025, 11, 1), description="Bakkerij")
    add_basic(db, youth_id, "Rijbewijs", date(2025, 11, 1))
    record_not_yet(db, youth_id, on=date(2025, 11, 2), today=date(2025, 11, 2), reason="Schulden nog open")
    accept_taper_plan(
        db,
        youth_id,
        on=date(2025, 11, 3),
        today=date(2025, 11, 3),
        intervals=(2, 4),
        moments=[datetime(2025, 11, 17, 10), datetime(2025, 12, 15, 10)],
    )
    record_release(
        db,
        youth_id,
        on=date(2026, 1, 5),
        today=date(2026, 1, 5),
        reason="Stabiel",
        way_back="Belt Eva",
        checkins=[datetime(2026, 2, 5, 10), datetime(2026, 4, 5, 10)],
    )
    reopen(db, youth_id, date(2026, 3, 1), date(2026, 3, 1), "Baan kwijt")
    db.execute("UPDATE youths SET intervision_question = 'Hoe houd ik contact?' WHERE id = ?", [youth_id])
    save_scope_question(db, youth_id, "periode:2026-01-01:2026-03-01", "Wat maakt dat ik losliet?")
    save_scope_question(db, youth_id, "periode:laatste-3-maanden", "Hoe blijf ik geduldig?")
    # Safety: a closed concern with its steps (one corrected, so it has a history), an open one, a dismissal.
    closed = open_concern(db, youth_id, "bedreiging", "Bedreiging", "contact", date(2025, 10, 2), "bedreigd")
    save_step(
        db, closed, StepRecord(1, date(2025, 10, 2), "Sam", facts="Zei: ze wachten me op.", interpretation="Bang.")
    )
    save_step(db, closed, StepRecord(2, date(2025, 10, 3), "collega", "Veilig Thuis om advies gevraagd."))
    save_step(db, closed, StepRecord(2, date(2025, 10, 3), "collega", "Veilig Thuis: hulp organiseren."))
    close_concern(db, closed, "hulp", date(2025, 10, 9), "Wijkagent en school ingeschakeld.")
    open_concern(db, youth_id, "huiselijk_geweld", "Huiselijk geweld", "intake", date(2026, 3, 2), "slaat")
    dismiss_signal(db, youth_id, "wapens", "mes", "bezoek", date(2026, 3, 3))
    # The warm handover: what works (changed once, so it has a history) and a dossier made under the consent.
    save_what_works(db, youth_id, "Rustig beginnen.")
    save_what_works(db, youth_id, "Rustig beginnen, op haar tempo.")
    [consent] = consents_of(db, youth_id)
    record_dossier(db, youth_id, consent, today=TODAY, coach=CoachCard("Karim", "06-1"))
    # Samen invullen: the young person's own answers and a warm-story line they typed themselves.
    own = SelfAssessmentSitting(db, youth_id, date(2026, 3, 4))
    own.save(
        {"financien": SelfAssessment(date(2026, 3, 4), "financien", score=3, talk=True)},
        {"droom": "Een eigen bakkerij"},
    )
    return youth_id


def _round_trip(tmp_path, exported):
    path = tmp_path / "dossier.json"
    path.write_text(json.dumps(exported, ensure_ascii=False), encoding="utf-8")
    empty = open_db(memory=True)
    [again] = import_v2_files(empty, [path])
    return export_case_v2(empty, again)


def test_the_export_is_valid_and_round_trips(full_db, tmp_path):
    db, youth_id = full_db
    exported = export_case_v2(db, youth_id)
    assert validate_v2(exported, "x") == []
    assert _round_trip(tmp_path, exported) == exported


@pytest.mark.parametrize("section", [s.name for s in SECTIONS] + ["revisions", "removals"])
def test_every_record_kind_is_in_the_file_and_comes_back(full_db, tmp_path, section):
    db, youth_id = full_db
    exported = export_case_v2(db, youth_id)
    assert exported.get(section), f"{section} is missing from the export"
    assert _round_trip(tmp_path, exported)[section] == exported[section]


def test_a_file_without_scope_questions_imports_as_before(full_db, tmp_path):
    db, youth_id = full_db
    exported = export_case_v2(db, youth_id)
    assert exported["intervision_period_questions"] == [
        {"id": 1, "scope": "periode:2026-01-01:2026-03-01", "question": "Wat maakt dat ik losliet?"},
        {"id": 2, "scope": "periode:laatste-3-maanden", "question": "Hoe blijf ik geduldig?"},
    ]
    del exported["intervision_period_questions"]
    assert validate_v2(exported, "x") == []
    again = _round_trip(tmp_path, exported)
    assert "intervision_period_questions" not in again and again["youth"] == exported["youth"]


def test_statuses_and_links_survive(full_db):
    db, youth_id = full_db
    exported = export_case_v2(db, youth_id)
    statuses = {c["status"] for c in exported["contacts"]}
    assert {"verzet", "vervallen", "gepland", "plaatsgevonden"} <= statuses
    moved = next(c for c in exported["contacts"] if "moved_from" in c)
    assert exported["contacts"][moved["moved_from"] - 1]["status"] == "verzet"
    assert exported["agreements"][0]["owner_network"] == 1
    assert exported["network"][0]["staying"] is True
    assert {r["of"] for r in exported["revisions"]} >= {"youth", "network", "contacts", "phases"} - {"phases"}
    assert exported["coach_changes"][0]["to_coach"] == "Karim"
    assert exported["release_decisions"][-1]["way_back"] == "Belt Eva"


def test_the_schema_lists_every_section():
    assert [s.name for s in SECTIONS] == [k for k in schema()["properties"] if k in {s.name for s in SECTIONS}]


def write(tmp_path, data):
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def problems(tmp_path, data) -> list[str]:
    db = open_db(memory=True)
    with pytest.raises(CaseFileError) as caught:
        import_v2_files(db, [write(tmp_path, data)])
    assert db.execute("SELECT count(*) FROM youths").fetchone()[0] == 0
    return [f"{p.path}: {p.rule}" for p in caught.value.problems]


def base() -> dict:
    return {"format": "coach-case/2", "youth": {"first_name": "Sam"}}


@pytest.mark.parametrize(
    ("extra", "path"),
    [
        ({"contacts": [{"id": 1, "at": "2026-03-01", "mode": "telefoon", "status": "gepland"}]}, "$.contacts[0].at"),
        (
            {"contacts": [{"id": 1, "at": "2026-03-01T10:00", "mode": "telefoon", "status": "afgezegd"}]},
            "$.contacts[0].status",
        ),
        (
            {
                "contacts": [
                    {"id": 1, "at": "2026-03-01T10:00", "mode": "telefoon", "status": "gepland", "moved_from": 7}
                ]
            },
            "$.contacts[0].moved_from",
        ),
        (
            {"network": [{"id": 1, "name": "Ria", "relation": "moeder", "kind": "informeel", "seen_as": "top"}]},
            "$.network[0].seen_as",
        ),
        (
            {"agreements": [{"id": 1, "made_on": "2026-02-30", "text": "x", "owner": "coach", "status": "open"}]},
            "$.agreements[0].made_on",
        ),
        (
            {"revisions": [{"of": "contacts", "record": 3, "field": "note", "replaced_at": "2026-01-01T10:00:00"}]},
            "$.revisions[0].record",
        ),
        ({"confidence": [{"id": 1, "asked_on": "2026-01-01"}]}, "$.confidence[0]"),
        ({"phases": [{"id": 1, "phase": "klaar", "since": "2026-01-01"}]}, "$.phases[0].phase"),
    ],
)
def test_bad_files_name_the_json_path_and_import_nothing(tmp_path, extra, path):
    found = problems(tmp_path, {**base(), **extra})
    assert any(p.startswith(path) for p in found), found


def test_duplicate_ids_are_refused(tmp_path):
    contact = {"at": "2026-03-01T10:00", "mode": "telefoon", "status": "gepland"}
    found = problems(tmp_path, {**base(), "contacts": [{"id": 1, **contact}, {"id": 1, **contact}]})
    assert any(p.startswith("$.contacts[1].id") for p in found)


# --- generated cases --------------------------------------------------------------------

texts = st.text(st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), min_size=1, max_size=30).filter(
    lambda t: t.strip() == t and t
)
days = st.dates(date(2000, 1, 1), date(2030, 12, 31)).map(date.isoformat)
moments = st.datetimes(datetime(2020, 1, 1), datetime(2030, 12, 31)).map(lambda d: d.strftime("%Y-%m-%dT%H:%M"))


@st.composite
def v2_files(draw):
    data: dict = {"format": "coach-case/2", "youth": {"first_name": draw(texts)}}
    if draw(st.booleans()):
        data["youth"].update(last_name=draw(texts), registered_on=draw(days), referral_reason=draw(texts))
    network = [
        {
            "id": i + 1,
            "name": draw(texts),
            "relation": draw(texts),
            "kind": draw(st.sampled_from(("informeel", "professioneel"))),
        }
        | ({"seen_as": draw(st.sampled_from(("steun", "wisselend", "lastig")))} if draw(st.booleans()) else {})
        for i in range(draw(st.integers(0, 3)))
    ]
    contacts = []
    for i in range(draw(st.integers(0, 5))):
        contact = {
            "id": i + 1,
            "at": draw(moments),
            "mode": draw(st.sampled_from(CONTACT_MODES)),
            "status": draw(st.sampled_from(STATUSES)),
        }
        if draw(st.booleans()):
            contact["note"] = draw(texts)
        if i and draw(st.booleans()):
            contact["moved_from"] = draw(st.integers(1, i))
        if draw(st.booleans()):
            contact["domains"] = draw(st.lists(st.sampled_from(DOMAIN_KEYS), min_size=1, max_size=3, unique=True))
        contacts.append(contact)
    agreements = [
        {
            "id": i + 1,
            "made_on": draw(days),
            "text": draw(texts),
            "owner": draw(st.sampled_from(OWNERS)),
            "status": "open",
        }
        | ({"contact": draw(st.integers(1, len(contacts)))} if contacts and draw(st.booleans()) else {})
        for i in range(draw(st.integers(0, 3)))
    ]
    phases = [
        {"id": i + 1, "phase": draw(st.sampled_from(PHASES)), "since": draw(days)}
        for i in range(draw(st.integers(0, 3)))
    ]
    warm = [
        {"id": i + 1, "kind": draw(st.sampled_from(WARM_KINDS)), "text": draw(texts)}
        for i in range(draw(st.integers(0, 2)))
    ]
    for name, items in (
        ("network", network),
        ("warm_story", warm),
        ("contacts", contacts),
        ("agreements", agreements),
        ("phases", phases),
    ):
        if items:
            data[name] = items
    if contacts and draw(st.booleans()):
        data["revisions"] = [
            {"of": "contacts", "record": 1, "field": "note", "text": draw(texts), "replaced_at": "2026-01-01T10:00:00"}
        ]
    return data


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture]
)
@given(v2_files())
def test_generated_cases_round_trip(tmp_path_factory, data):
    assert validate_v2(data, "x.json") == []
    tmp = tmp_path_factory.mktemp("v2")
    # Ids are 1, 2, … in file order and nothing is left to a default, so the file comes back as it went in.
    first = _round_trip(tmp, data)
    assert first == data
    assert _round_trip(tmp, first) == first


def test_version_1_and_2_files_import_together(tmp_path):
    from helpers import make_case

    from coach.store.casefile import case_to_dict
    from coach.store.casefile_v2 import import_any_files

    v1 = case_to_dict(make_case(full=True))
    v1["contacts"] = [{"at": "2026-01-05T10:00", "mode": "telefoon", "status": "afgezegd"}]
    one, two = tmp_path / "v1.json", tmp_path / "v2.json"
    one.write_text(json.dumps(v1), encoding="utf-8")
    two.write_text(json.dumps(base()), encoding="utf-8")
    db = open_db(memory=True)
    first, second = import_any_files(db, [one, two])
    assert export_case_v2(db, first)["contacts"][0]["status"] == "afgezegd_jongere"
    assert export_case_v2(db, second) == base()


def test_one_bad_file_among_good_ones_imports_none(tmp_path):
    good, bad = tmp_path / "good.json", tmp_path / "bad.json"
    good.write_text(json.dumps(base()), encoding="utf-8")
    bad.write_text("{", encoding="utf-8")
    db = open_db(memory=True)
    with pytest.raises(CaseFileError):
        import_v2_files(db, [good, bad])
    assert db.execute("SELECT count(*) FROM youths").fetchone()[0] == 0


def test_the_import_command_path_takes_version_2(tmp_path):
    from coach.store.transfer import import_case_files

    path = tmp_path / "v2.json"
    path.write_text(json.dumps(base()), encoding="utf-8")
    db = open_db(memory=True)
    [youth_id] = import_case_files(db, [path])
    assert export_case_v2(db, youth_id) == base()


def test_a_contacts_question_keyed_by_its_id_comes_back_on_the_same_contact(full_db, tmp_path):
    db, youth_id = full_db
    second = db.execute(
        "SELECT id FROM contacts WHERE youth_id = ? ORDER BY id LIMIT 1 OFFSET 1", [youth_id]
    ).fetchone()[0]
    save_scope_question(db, youth_id, f"contact-id:{second}", "Waarom belde ik niet terug?")
    save_scope_question(db, youth_id, "contact-id:99999", "Van een contact dat er niet meer is")
    exported = export_case_v2(db, youth_id)
    # In the file the contact is named by its file-local id; the question of a gone contact is left out.
    assert {"id": 3, "scope": "contact-id:2", "question": "Waarom belde ik niet terug?"} in exported[
        "intervision_period_questions"
    ]
    assert len(exported["intervision_period_questions"]) == 3
    assert validate_v2(exported, "x") == []
    assert _round_trip(tmp_path, exported)["intervision_period_questions"] == exported["intervision_period_questions"]
