"""Issue 13's store: aanmelding, details with revisions and coach changes, network, contacts that move, afspraken."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest

from coach.domain.network import NetworkMember, group_of, grouped
from coach.domain.registration import ConsentInput, Registration, RegistrationError, check_registration
from coach.store import open_db
from coach.store.agreement_edits import (
    AgreementEditError,
    add_agreement,
    agreements_with_owners,
    edit_agreement,
    mark_agreement,
)
from coach.store.audit import audit_for_youth
from coach.store.contact_moves import (
    ContactChangeError,
    contacts_of,
    delete_contact,
    drop_contact,
    edit_contact,
    find_planned_near,
    get_contact,
    move_contact,
    removal_reasons,
    set_outcome,
    to_complete_of,
)
from coach.store.contacts import note_history
from coach.store.network import NetworkError, add_person, network_of, remove_person, update_person
from coach.store.registration import (
    add_consent,
    coach_changes_of,
    consents_of,
    detail_history,
    load_registration,
    register_youth,
    update_details,
)

TODAY = date(2026, 3, 10)
NOW = datetime(2026, 3, 10, 12, 0)


@pytest.fixture
def db():
    return open_db(memory=True)


def sam(**changes) -> Registration:
    values = {
        "first_name": "Samira",
        "registered_on": TODAY,
        "last_name": "Bakker",
        "birth_date": date(2007, 5, 1),
        "phone": "06-12345678",
        "email": "sam@example.nl",
        "street": "Molenstraat 12",
        "postcode": "1234 AB",
        "city": "Zwolle",
        "referred_by": "Ans de Vries",
        "referrer_org": "Wijkteam Noord",
        "referral_reason": "Uitgevallen op het mbo.",
        "coach": "Eva",
        "consent": ConsentInput("Wijkteam Noord", TODAY, ("netwerk", "contacten")),
    }
    values.update(changes)
    return Registration(**values)


def counts(db) -> dict[str, int]:
    tables = ("youths", "phases", "consents", "network", "contacts", "agreements", "coach_changes", "removals")
    return {t: db.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in tables}


# --- aanmelding ---------------------------------------------------------------------


def test_register_writes_details_phase_and_consent(db):
    youth_id = register_youth(db, sam(), today=TODAY)
    stored = load_registration(db, youth_id)
    assert stored == sam(consent=None)
    assert db.execute("SELECT phase, since FROM phases WHERE youth_id = ?", [youth_id]).fetchall() == [
        ("aanmelding", "2026-03-10")
    ]
    [consent] = consents_of(db, youth_id)
    assert consent.given_to == "Wijkteam Noord" and consent.parts == ("netwerk", "contacten")
    assert db.execute("SELECT has_address FROM youths").fetchone()[0] == 1


def test_register_strips_texts_and_drops_empty_ones(db):
    youth_id = register_youth(db, sam(first_name="  Sam ", last_name="  ", consent=None), today=TODAY)
    stored = load_registration(db, youth_id)
    assert stored is not None and stored.first_name == "Sam" and stored.last_name is None


@pytest.mark.parametrize(
    ("changes", "field", "words"),
    [
        ({"first_name": "   "}, "first_name", "Voornaam"),
        ({"first_name": "Sam\x07"}, "first_name", "stuurtekens"),
        ({"last_name": "B" * 101}, "last_name", "te lang"),
        ({"birth_date": date(2027, 1, 1)}, "birth_date", "toekomst"),
        ({"birth_date": date(1850, 1, 1)}, "birth_date", "te ver terug"),
        ({"registered_on": date(2026, 3, 11)}, "registered_on", "toekomst"),
        ({"birth_date": date(2026, 3, 10), "registered_on": date(2026, 3, 1)}, "birth_date", "na de aanmelddatum"),
        ({"email": "sam at home"}, "email", "e-mailadres"),
        ({"phone": "bel me"}, "phone", "cijfers"),
        ({"city": "Zwolle\nDeventer"}, "city", "één regel"),
        ({"referral_reason": "x" * 1_000_001}, "referral_reason", "te lang"),
        ({"referral_reason": "reden\x00"}, "referral_reason", "stuurtekens"),
        ({"consent": ConsentInput(" ", TODAY)}, "consent.given_to", "met wie"),
        ({"consent": ConsentInput("Wijkteam", TODAY, ("alles", "geheimen"))}, "consent.parts", "kies"),
        ({"consent": ConsentInput("Wijkteam", date(2026, 4, 1))}, "consent.given_on", "toekomst"),
    ],
)
def test_bad_input_names_the_field_and_writes_nothing(db, changes, field, words):
    before = counts(db)
    with pytest.raises(RegistrationError) as caught:
        register_youth(db, sam(**changes), today=TODAY)
    assert field in caught.value.errors and words in caught.value.errors[field]
    assert counts(db) == before


def test_a_long_reason_with_line_breaks_is_fine(db):
    reason = "regel een\nregel twee\tmet tab " + "x" * 900_000
    youth_id = register_youth(db, sam(referral_reason=reason), today=TODAY)
    assert load_registration(db, youth_id).referral_reason == reason


@pytest.mark.parametrize(
    ("born", "asks"), [(date(2015, 1, 1), True), (date(1990, 1, 1), True), (date(2008, 1, 1), False)]
)
def test_an_unusual_age_is_a_question_not_an_error(born, asks):
    check = check_registration(sam(birth_date=born), TODAY)
    assert check.ok
    assert ("birth_date" in check.questions) is asks
    if asks:
        assert "klopt dit?" in check.questions["birth_date"]


def test_register_is_all_or_nothing(db, monkeypatch):
    import coach.store.registration as registration

    def broken(*args, **kwargs):
        raise RuntimeError("disk gone midway")

    monkeypatch.setattr(registration, "_insert_consent", broken)
    with pytest.raises(RuntimeError):
        register_youth(db, sam(), today=TODAY)
    assert counts(db)["youths"] == 0 and counts(db)["phases"] == 0


# --- details and coach changes ----------------------------------------------------------


def test_changes_keep_revisions_and_a_new_coach_is_a_coach_change(db):
    youth_id = register_youth(db, sam(), today=TODAY)
    later = TODAY + timedelta(days=30)
    changed = update_details(db, youth_id, {"school": "ROC Deltion", "phone": "06-87654321"}, today=later)
    assert set(changed) == {"school", "phone"}
    assert [(r.field, r.text) for r in detail_history(db, youth_id)] == [("phone", "06-12345678")]
    assert update_details(db, youth_id, {"school": " ROC Deltion "}, today=later) == ()
    update_details(db, youth_id, {"coach": "Karim"}, today=later, note="Eva met verlof")
    [change] = coach_changes_of(db, youth_id)
    assert (change.changed_on, change.from_coach, change.to_coach, change.note) == (
        later,
        "Eva",
        "Karim",
        "Eva met verlof",
    )
    assert [r.text for r in detail_history(db, youth_id, "coach")] == ["Eva"]


def test_a_bad_change_writes_nothing(db):
    youth_id = register_youth(db, sam(), today=TODAY)
    with pytest.raises(RegistrationError) as caught:
        update_details(db, youth_id, {"coach": "Karim", "email": "geen adres"}, today=TODAY)
    assert "email" in caught.value.errors
    assert load_registration(db, youth_id).coach == "Eva" and coach_changes_of(db, youth_id) == []
    with pytest.raises(RegistrationError):
        update_details(db, youth_id, {"shoe_size": 44}, today=TODAY)
    with pytest.raises(RegistrationError):
        update_details(db, 999, {"school": "x"}, today=TODAY)


def test_a_failing_coach_change_leaves_the_details_as_they_were(db, monkeypatch):
    youth_id = register_youth(db, sam(), today=TODAY)
    db.execute("DROP TABLE coach_changes")  # the second write of the transaction fails
    with pytest.raises(Exception, match="coach_changes"):
        update_details(db, youth_id, {"coach": "Karim", "school": "ROC"}, today=TODAY)
    stored = load_registration(db, youth_id)
    assert stored.coach == "Eva" and stored.school is None


def test_consent_added_later(db):
    youth_id = register_youth(db, sam(consent=None), today=TODAY)
    add_consent(db, youth_id, ConsentInput("Huisarts", TODAY, ("alles",), role="huisarts"), today=TODAY)
    assert [c.given_to for c in consents_of(db, youth_id)] == ["Huisarts"]
    with pytest.raises(RegistrationError):
        add_consent(db, youth_id, ConsentInput("", TODAY), today=TODAY)


# --- network -------------------------------------------------------------------------


def person(**changes) -> NetworkMember:
    values = {"name": "Ria", "relation": "moeder", "kind": "informeel", "seen_as": "steun", "may_contact": True}
    values.update(changes)
    return NetworkMember(**values)


def test_network_add_edit_remove(db):
    youth_id = register_youth(db, sam(), today=TODAY)
    ria = add_person(db, youth_id, person())
    job = add_person(db, youth_id, person(name="Tom", relation="jobcoach", kind="professioneel", organisation="UWV"))
    [first, second] = network_of(db, youth_id)
    assert first.seen_as_mark == "+ steun" and first.may_contact is True and second.group == "hulpverlening"
    assert update_person(db, ria, {"seen_as": "wisselend", "phone": "06-11111111", "name": "Ria B."}) == (
        "name",
        "phone",
        "seen_as",
    )
    assert db.execute("SELECT field, text FROM revisions WHERE table_name = 'network'").fetchall() == [("name", "Ria")]
    agreement = add_agreement(db, youth_id, "Belt UWV", "netwerk", made_on=TODAY, owner_network_id=job)
    remove_person(db, job, "Traject bij UWV afgerond", now=NOW)
    assert [p.name for p in network_of(db, youth_id)] == ["Ria B."]
    assert removal_reasons(db, youth_id) == [("network", job, "2026-03-10T12:00:00", "Traject bij UWV afgerond")]
    assert any(e.table == "network" and e.action == "delete" for e in audit_for_youth(db, youth_id))
    assert agreements_with_owners(db, youth_id)[0].owner_network_id is None and agreement


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"name": " "}, "name"),
        ({"relation": ""}, "relation"),
        ({"kind": "familie"}, "kind"),
        ({"seen_as": "fijn"}, "seen_as"),
        ({"name": "Ria\x1b[31m"}, "name"),
        ({"phone": "x" * 201}, "phone"),
    ],
)
def test_network_bad_input(db, changes, field):
    youth_id = register_youth(db, sam(), today=TODAY)
    with pytest.raises(NetworkError) as caught:
        add_person(db, youth_id, person(**changes))
    assert field in caught.value.errors
    assert network_of(db, youth_id) == []


def test_network_removal_needs_a_reason(db):
    youth_id = register_youth(db, sam(), today=TODAY)
    ria = add_person(db, youth_id, person())
    with pytest.raises(NetworkError):
        remove_person(db, ria, "  ", now=NOW)
    assert len(network_of(db, youth_id)) == 1


@pytest.mark.parametrize(
    ("relation", "kind", "group"),
    [
        ("moeder", "informeel", "thuis"),
        ("Tante Ria", "informeel", "familie"),
        ("buurvrouw", "informeel", "vrienden"),
        ("mentor", "professioneel", "school_werk"),
        ("jobcoach", "professioneel", "hulpverlening"),
        ("iemand van de kerk", "informeel", "vrienden"),
        ("vriend", "professioneel", "hulpverlening"),
        ("maatje", "professioneel", "hulpverlening"),
    ],
)
def test_grouping(relation, kind, group):
    assert group_of(relation, kind) == group


def test_grouped_keeps_group_order():
    members = [person(relation="jobcoach", kind="professioneel"), person(), person(relation="opa")]
    assert [g for g, _ in grouped(members)] == ["thuis", "familie", "hulpverlening"]


# --- contacts that move -----------------------------------------------------------------


def planned(db, youth_id, at, note=None):
    return db.execute(
        "INSERT INTO contacts (youth_id, at, mode, status, note) VALUES (?, ?, 'huisbezoek', 'gepland', ?)",
        [youth_id, at.strftime("%Y-%m-%dT%H:%M"), note],
    ).lastrowid


def test_outcome_of_a_planned_contact(db):
    youth_id = register_youth(db, sam(), today=TODAY)
    cid = planned(db, youth_id, NOW - timedelta(hours=2))
    assert [r.id for r in to_complete_of(db, youth_id, NOW)] == [cid]
    record = set_outcome(db, cid, "plaatsgevonden", now=NOW, note="Goed gesprek", duration_min=45)
    assert (record.contact.status, record.contact.note, record.contact.duration_min) == (
        "plaatsgevonden",
        "Goed gesprek",
        45,
    )
    assert to_complete_of(db, youth_id, NOW) == []
    with pytest.raises(ContactChangeError, match="al 'plaatsgevonden'"):
        set_outcome(db, cid, "niet_verschenen", now=NOW)


def test_a_future_contact_cannot_be_held_yet_but_can_be_cancelled(db):
    youth_id = register_youth(db, sam(), today=TODAY)
    cid = planned(db, youth_id, NOW + timedelta(days=1))
    with pytest.raises(ContactChangeError) as caught:
        set_outcome(db, cid, "plaatsgevonden", now=NOW)
    assert "at" in caught.value.errors and get_contact(db, cid).contact.status == "gepland"
    assert set_outcome(db, cid, "afgezegd_coach", now=NOW).contact.status == "afgezegd_coach"
    with pytest.raises(ContactChangeError):
        set_outcome(db, planned(db, youth_id, NOW), "verzet", now=NOW)


def test_move_links_old_and_new(db):
    youth_id = register_youth(db, sam(), today=TODAY)
    cid = planned(db, youth_id, NOW + timedelta(days=1), "Samen naar het UWV")
    new = move_contact(db, cid, NOW + timedelta(days=3), now=NOW)
    old, moved = get_contact(db, cid), get_contact(db, new)
    assert old.contact.status == "verzet" and old.moved_to == new
    assert moved.contact.status == "gepland" and moved.moved_from == cid and moved.contact.note == "Samen naar het UWV"
    with pytest.raises(ContactChangeError):
        move_contact(db, cid, NOW + timedelta(days=5), now=NOW)  # already moved
    with pytest.raises(ContactChangeError):
        move_contact(db, new, NOW - timedelta(days=1), now=NOW)  # into the past
    assert len(contacts_of(db, youth_id)) == 2


def test_move_takes_an_afbouw_step_along(db):
    youth_id = register_youth(db, sam(), today=TODAY)
    cid = planned(db, youth_id, NOW + timedelta(days=7))
    db.execute(
        "INSERT INTO taper_plans (id, youth_id, accepted_on, starts_on, intervals) VALUES (1, ?, '2026-03-10', '2026-03-10', '7')",
        [youth_id],
    )
    db.execute("INSERT INTO taper_steps (plan_id, planned_at, contact_id) VALUES (1, '2026-03-17T12:00', ?)", [cid])
    new = move_contact(db, cid, NOW + timedelta(days=8), now=NOW)
    assert db.execute("SELECT contact_id, planned_at FROM taper_steps").fetchall() == [(new, "2026-03-18T12:00")]


def test_move_is_all_or_nothing(db):
    youth_id = register_youth(db, sam(), today=TODAY)
    cid = planned(db, youth_id, NOW + timedelta(days=1))
    db.execute("DROP TABLE nazorg_checks")  # fails after the old contact was marked verzet
    with pytest.raises(Exception, match="nazorg_checks"):
        move_contact(db, cid, NOW + timedelta(days=3), now=NOW)
    assert [(r.id, r.contact.status) for r in contacts_of(db, youth_id)] == [(cid, "gepland")]


def test_edit_keeps_note_revisions_and_domains(db):
    youth_id = register_youth(db, sam(), today=TODAY)
    cid = planned(db, youth_id, NOW - timedelta(days=1), "Eerste versie")
    edit_contact(db, cid, now=NOW, note="Tweede versie", domains=["financien", "huisvesting", "financien"])
    record = edit_contact(db, cid, now=NOW, note="Derde versie", mode="telefoon")
    assert [text for _, text in note_history(db, cid)] == ["Eerste versie", "Tweede versie"]
    assert record.domains == ("financien", "huisvesting") and record.contact.mode == "telefoon"
    for bad in ({"mode": "duif"}, {"duration_min": 2000}, {"domains": ["geluk"]}, {"note": "x\x00"}):
        with pytest.raises(ContactChangeError):
            edit_contact(db, cid, now=NOW, **bad)
    assert get_contact(db, cid).contact.note == "Derde versie"


def test_delete_needs_a_reason_and_keeps_it(db):
    youth_id = register_youth(db, sam(), today=TODAY)
    cid = planned(db, youth_id, NOW - timedelta(days=1))
    with pytest.raises(ContactChangeError):
        delete_contact(db, cid, "", now=NOW)
    delete_contact(db, cid, "Dubbel ingevoerd", now=NOW)
    assert get_contact(db, cid) is None
    assert removal_reasons(db, youth_id)[0][3] == "Dubbel ingevoerd"
    assert any(
        e.table == "contacts" and e.action == "delete" and e.row_id == cid for e in audit_for_youth(db, youth_id)
    )


def test_find_planned_near_offers_the_closest(db):
    youth_id = register_youth(db, sam(), today=TODAY)
    far = planned(db, youth_id, NOW - timedelta(days=2))
    near = planned(db, youth_id, NOW - timedelta(hours=2))
    assert find_planned_near(db, youth_id, NOW).id == near
    assert find_planned_near(db, youth_id, NOW + timedelta(days=1)) is None
    drop_contact(db, near, now=NOW)
    assert find_planned_near(db, youth_id, NOW) is None and far


# --- afspraken ------------------------------------------------------------------------


def test_agreements_on_their_own(db):
    youth_id = register_youth(db, sam(), today=TODAY)
    ria = add_person(db, youth_id, person())
    aid = add_agreement(db, youth_id, "Formulier invullen", "jongere", made_on=TODAY, due=TODAY + timedelta(days=7))
    record = edit_agreement(db, aid, text="Formulier samen invullen", owner="netwerk", owner_network_id=ria)
    assert record.owner_network_id == ria and record.agreement.owner == "netwerk"
    assert db.execute("SELECT text FROM revisions WHERE table_name = 'agreements'").fetchall() == [
        ("Formulier invullen",)
    ]
    assert edit_agreement(db, aid, owner="coach").owner_network_id is None
    done = mark_agreement(db, aid, "gedaan", on=TODAY)
    assert done.agreement.status == "gedaan" and done.closed_on == TODAY
    assert mark_agreement(db, aid, "open", on=TODAY).closed_on is None


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"text": " "}, "text"),
        ({"text": "x" * 2001}, "text"),
        ({"owner": "buurman"}, "owner"),
        ({"owner": "coach", "owner_network_id": 1}, "owner"),
        ({"owner": "netwerk", "owner_network_id": 999}, "owner"),
        ({"due": date(2026, 1, 1)}, "due"),
    ],
)
def test_agreement_bad_input(db, kwargs, field):
    youth_id = register_youth(db, sam(), today=TODAY)
    add_person(db, youth_id, person())
    values = {"text": "Bellen", "owner": "jongere", **kwargs}
    with pytest.raises(AgreementEditError) as caught:
        add_agreement(db, youth_id, values.pop("text"), values.pop("owner"), made_on=TODAY, **values)
    assert field in caught.value.errors
    assert agreements_with_owners(db, youth_id) == []


def test_a_bad_detail_in_an_outcome_leaves_the_contact_planned(db):
    youth_id = register_youth(db, sam(), today=TODAY)
    cid = planned(db, youth_id, NOW - timedelta(hours=1), "Plan")
    with pytest.raises(ContactChangeError):
        set_outcome(db, cid, "plaatsgevonden", now=NOW, duration_min=5000)
    record = get_contact(db, cid)
    assert record.contact.status == "gepland" and record.contact.note == "Plan"
    with pytest.raises(ContactChangeError):
        set_outcome(db, cid, "afgezegd", now=NOW)  # the old word is no status any more


def test_letting_go_drops_planned_contacts_as_vervallen(db):
    from coach.domain.contact_status import count_contacts
    from coach.store.cases import load_case
    from coach.store.trajectory import change_phase, record_release

    youth_id = register_youth(db, sam(registered_on=date(2026, 1, 1), consent=None), today=date(2026, 1, 1))
    change_phase(db, youth_id, "intake", date(2026, 1, 5), date(2026, 1, 5), "Kennismaking")
    change_phase(db, youth_id, "begeleiding", date(2026, 1, 12), date(2026, 1, 12), "Gestart")
    later = planned(db, youth_id, datetime(2026, 4, 1, 10), "Volgende keer")
    record_release(
        db,
        youth_id,
        on=TODAY,
        today=TODAY,
        reason="Stabiel",
        way_back="Belt Eva",
        checkins=[datetime(2026, 5, 1, 10)],
    )
    assert get_contact(db, later).contact.status == "vervallen"
    counts = count_contacts(load_case(db, youth_id).contacts)
    assert counts.cancelled == 0 and counts.no_show == 0
    # The nazorg check planned by the release itself stays planned.
    assert [r.contact.status for r in contacts_of(db, youth_id)] == ["gepland", "vervallen"]


def test_details_of_an_imported_case_without_dates_can_be_changed(db):
    from coach.domain.model import Case, Youth
    from coach.store.cases import insert_cases

    [youth_id] = insert_cases(db, [Case(Youth("Daan"))])
    assert load_registration(db, youth_id).registered_on is None
    assert update_details(db, youth_id, {"phone": "06-12345678"}, today=TODAY) == ("phone",)
