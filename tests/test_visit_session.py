"""The visit session without a screen: the preparation, the note, headings, offers, saving, how a visit ends, and writing nothing on open."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest
from db_digest import digest

from coach.content.prompts import load_content
from coach.conversation.visit_session import VisitSession
from coach.domain.contact_input import AgreementInput, FormErrors
from coach.domain.intake import NOT_YET, TOUCHED
from coach.domain.visit_outcome import VisitEndInput
from coach.store.agreement_edits import agreements_with_owners
from coach.store.cases import load_case
from coach.store.contact_moves import contacts_of, get_contact
from coach.store.db import open_db
from coach.store.sittings import VisitSitting
from coach.store.visits import open_visit, talked_about

NOOR, DAAN, SAMIRA = 1, 2, 3
NOW = datetime(2026, 3, 14, 10, 0)


@pytest.fixture(scope="module")
def content():
    return load_content()


@pytest.fixture
def db(case_db: Path):
    database = open_db(case_db)
    yield database
    database.close()


def open_session(db, content, youth_id: int, changes: list | None = None) -> VisitSession:
    case = load_case(db, youth_id)
    on_change = (lambda: changes.append(1)) if changes is not None else (lambda: None)
    records = VisitSitting(db, youth_id, case.youth.coach, NOW.date(), NOW)
    return VisitSession(content, case, NOW, records, on_change)


def test_opening_and_only_looking_writes_nothing(db, content):
    before = digest(db)
    session = open_session(db, content, NOOR)
    assert session.prep.last_contact is not None and session.prep.opener
    session.mark_domain("huisvesting", "")
    session.next_question()
    assert session.save() is None
    session.type_note("   ")  # only spaces: still no visit
    assert session.pending and session.save() is None
    assert digest(db) == before
    assert session.contact_id is None


def test_the_note_is_kept_in_a_planned_visit_never_a_held_one_and_goes_on(db, content):
    changes: list[int] = []
    session = open_session(db, content, NOOR, changes)
    assert session.type_note("Warm begin.") and changes
    assert session.type_note("Warm begin.") is False
    added = session.mark_domain("financien", session.note)
    assert added == "\n\nFinanciën: "
    session.type_note(session.note + added + "betalingsregeling loopt")
    assert session.save() is not None and not session.pending
    visit = open_visit(db, NOOR)
    assert visit is not None and visit.contact_id == session.contact_id
    assert visit.note == "Warm begin.\n\nFinanciën: betalingsregeling loopt"
    stored = get_contact(db, session.contact_id).contact
    # Noor's planned visit is ten days away: the preparation is a planned visit of its own, not a held one.
    assert (stored.status, stored.mode, stored.at) == ("gepland", "huisbezoek", NOW)
    assert "financien" not in talked_about(db, NOOR)  # only a held visit counts as talked about
    assert session.needs_decision

    again = open_session(db, content, NOOR)
    assert again.contact_id == session.contact_id and again.note == visit.note
    assert again.prep.last_contact is None or again.prep.last_contact.id != session.contact_id  # not its own


def test_headings_mark_the_domains_talked_about(db, content):
    session = open_session(db, content, DAAN)
    assert session.mark_domain("huisvesting", "") == "Huisvesting: "
    work = content.domain("werk_opleiding").label
    assert session.mark_domain("werk_opleiding", "Iets\n") == f"\n{work}: "  # a line of its own, no blank one
    assert session.domain == "werk_opleiding"
    session.type_note("Huisvesting: bij moeder\nWonen: blijft daar")
    assert session.talked() == ["huisvesting"]
    coverage = session.coverage()
    assert coverage["huisvesting"] == TOUCHED and coverage["financien"] == NOT_YET
    assert dict((key, state) for key, _label, state in session.domain_choices())["huisvesting"] == TOUCHED


def test_questions_follow_the_domain_in_hand(db, content):
    session = open_session(db, content, DAAN)
    assert not session.can_ask_another  # the warm opening first
    session.mark_domain("financien", "")
    assert session.can_ask_another and session.question_index == 0
    session.next_question()
    assert session.question_index == 1
    session.mark_domain("huisvesting", "")
    assert (session.domain, session.question_index) == ("huisvesting", 0)


def test_a_signal_in_the_note_is_offered_until_talked_about_or_put_away(db, content):
    session = open_session(db, content, NOOR)
    session.type_note("Warm begin. De deurwaarder belde")
    offer = session.refresh_offer()
    assert offer is not None and offer.domain == "financien"
    assert session.accept() == "financien"
    session.type_note(session.note + session.mark_domain("financien", session.note))
    assert session.refresh_offer() is None  # talked about now

    other = open_session(db, content, DAAN)
    other.type_note("Hij slaapt bij zijn vriend")
    assert other.refresh_offer().domain == "huisvesting"
    assert other.put_away() and other.refresh_offer() is None
    assert other.put_away() is False


def test_a_warm_question_after_a_run_of_problems(db, content):
    stretch = content.balance.stretch
    session = open_session(db, content, DAAN)  # no warm story yet: the first kind is asked
    session.type_note(". ".join(["Schuld", "Boete", "Aanmaning", "Deurwaarder", "Beslag", "Incasso"][:stretch]))
    session.dismissed.add("financien")  # the money signal put away, so the warm question shows
    offer = session.refresh_offer()
    assert offer is not None and offer.kind == "warm"
    assert offer.warm_kind == content.warm_kinds[0].key
    assert session.accept() is None and session.warm_question == offer.text
    assert session.refresh_offer() is None


class Busy:
    """A VisitSitting whose next save fails as a busy database would."""

    def __init__(self, inner: VisitSitting) -> None:
        self.inner = inner
        self.fail = True

    def __getattr__(self, name: str):
        return getattr(self.inner, name)

    def save(self, note, domains) -> None:
        if self.fail:
            self.fail = False
            raise OSError("database is locked")
        self.inner.save(note, domains)


def test_a_failed_save_keeps_the_note_for_the_next_one(db, content):
    case = load_case(db, DAAN)
    records = Busy(VisitSitting(db, DAAN, case.youth.coach, NOW.date(), NOW))
    session = VisitSession(content, case, NOW, records)
    session.type_note("Kort bezoek")
    with pytest.raises(OSError):
        session.save()
    assert session.pending and open_visit(db, DAAN) is None
    assert session.save() is not None
    assert open_visit(db, DAAN).note == "Kort bezoek"


def test_a_completed_visit_is_done_and_the_next_v_prepares_a_new_one(db, content):
    session = open_session(db, content, DAAN)
    session.type_note("Eerste bezoek")
    session.save()
    session.complete(VisitEndInput(when="nu"), NOW)
    case = load_case(db, DAAN)
    later = datetime(2026, 3, 21, 10, 0)
    records = VisitSitting(db, DAAN, case.youth.coach, date(2026, 3, 21), later)
    assert records.contact_id is None and records.note == ""


def plan(db, youth_id: int, at: datetime) -> int:
    with db.atomic():
        return db.execute(
            "INSERT INTO contacts (youth_id, at, mode, status, coach, note) VALUES (?, ?, 'huisbezoek', 'gepland', 'Eva', '')",
            [youth_id, at.strftime("%Y-%m-%dT%H:%M")],
        ).lastrowid


def test_only_looking_needs_no_decision(db, content):
    session = open_session(db, content, DAAN)
    assert not session.needs_decision
    session.type_note("  \n")
    assert not session.needs_decision


def test_completing_gives_the_planned_visit_its_outcome_without_a_second_contact(db, content):
    planned = plan(db, DAAN, datetime(2026, 3, 14, 9, 0))
    before = len(contacts_of(db, DAAN))
    open_id = next(r.agreement.id for r in agreements_with_owners(db, DAAN) if r.agreement.status == "open")
    session = open_session(db, content, DAAN)
    session.type_note("Financiën: deurwaarder geweest")
    session.save()
    assert session.contact_id == planned  # the note went into the planned visit
    ending = session.ending(NOW)
    assert ending.planned_at == datetime(2026, 3, 14, 9, 0) and not ending.asks_moment
    assert ending.when == "14 maart 2026 09:00"  # the planned moment, as the field reads it back
    assert [a.id for a in ending.open_agreements] == [open_id]
    form = VisitEndInput(
        when=ending.when,
        duration="50",
        status="plaatsgevonden",
        done=[open_id],
        agreements=[AgreementInput("Brief van de bank meenemen", "jongere", "vrijdag"), AgreementInput("  ")],
    )
    outcome = session.complete(form, NOW)
    assert outcome.at == datetime(2026, 3, 14, 9, 0) and not session.pending
    contacts = contacts_of(db, DAAN)
    assert len(contacts) == before  # completed, not added
    held = get_contact(db, planned).contact
    assert (held.status, held.at, held.duration_min) == ("plaatsgevonden", datetime(2026, 3, 14, 9, 0), 50)
    assert held.note == "Financiën: deurwaarder geweest"
    assert talked_about(db, DAAN)["financien"] == date(2026, 3, 14)
    records = {r.agreement.text: r for r in agreements_with_owners(db, DAAN)}
    assert records["Afspraak maken bij de huisarts"].agreement.status == "gedaan"
    new = records["Brief van de bank meenemen"]
    assert new.agreement.owner == "jongere" and new.agreement.due == date(2026, 3, 20) and new.contact_id == planned
    assert open_visit(db, DAAN) is None


def test_a_visit_not_held_is_recorded_as_such(db, content):
    session = open_session(db, content, SAMIRA)  # her planned visit is on the 17th: the note goes there
    session.type_note("Voorbereid: over school beginnen")
    session.save()
    assert get_contact(db, session.contact_id).contact.at == datetime(2026, 3, 17, 10, 0)
    assert session.ending(NOW).when == "nu"  # the planned moment has not come
    session.complete(VisitEndInput(when="nu", status="niet_verschenen"), NOW)
    assert get_contact(db, session.contact_id).contact.status == "niet_verschenen"


def test_keeping_the_preparation_leaves_the_planned_visit_planned(db, content):
    session = open_session(db, content, SAMIRA)
    session.type_note("Vragen over de stage")
    assert session.keep(None, NOW) == datetime(2026, 3, 17, 10, 0)
    stored = get_contact(db, session.contact_id).contact
    assert (stored.status, stored.at, stored.note) == ("gepland", datetime(2026, 3, 17, 10, 0), "Vragen over de stage")
    again = open_session(db, content, SAMIRA)
    assert again.contact_id == session.contact_id and again.note == "Vragen over de stage"


def test_keeping_a_preparation_without_a_planned_visit_asks_when(db, content):
    session = open_session(db, content, DAAN)
    session.type_note("Voor de volgende keer")
    assert session.ending(NOW).asks_moment
    for bad in ("", "gisteren 10:00", "31 februari", "blauw"):
        before = digest(db)
        with pytest.raises(FormErrors) as caught:
            session.keep(bad, NOW)
        assert set(caught.value.errors) == {"when"} and caught.value.errors["when"].startswith("Gepland voor")
        assert digest(db) == before
    assert session.pending
    assert session.keep("morgen 10:00", NOW) == datetime(2026, 3, 15, 10, 0)
    stored = get_contact(db, session.contact_id).contact
    assert (stored.status, stored.at) == ("gepland", datetime(2026, 3, 15, 10, 0))
    again = open_session(db, content, DAAN)
    assert again.contact_id == session.contact_id and not again.ending(NOW).asks_moment


@pytest.mark.parametrize(
    ("form", "field"),
    [
        (VisitEndInput(when=""), "when"),
        (VisitEndInput(when="31 februari 10:00"), "when"),
        (VisitEndInput(when="morgen 10:00"), "when"),  # not yet happened
        (VisitEndInput(duration="lang"), "duration"),
        (VisitEndInput(duration="-5"), "duration"),
        (VisitEndInput(duration="³"), "duration"),  # a digit to str.isdigit, not to int()
        (VisitEndInput(status="gepland"), "status"),
        (VisitEndInput(agreements=[AgreementInput("x" * 1_000_000, "jongere", "")]), "agreements"),
        (VisitEndInput(agreements=[AgreementInput("Bellen\x00\x1b[2J", "jongere", "")]), "agreements"),
        (VisitEndInput(agreements=[AgreementInput("Bellen", "jongere", "30 februari")]), "agreements"),
        (VisitEndInput(done=[999]), "done"),
    ],
)
def test_bad_input_when_completing_stores_nothing(db, content, form, field):
    session = open_session(db, content, DAAN)
    session.type_note("Iets besproken")
    session.save()
    before = digest(db)
    with pytest.raises(FormErrors) as caught:
        session.complete(form, NOW)
    assert field in caught.value.errors and caught.value.errors[field]
    assert digest(db) == before
    assert get_contact(db, session.contact_id).contact.status == "gepland"


def test_a_refused_outcome_rolls_back_the_note_too(db, content):
    session = open_session(db, content, DAAN)
    session.type_note("Nieuw stuk")  # typed, not yet saved
    before = digest(db)
    with pytest.raises(FormErrors):
        session.complete(VisitEndInput(when="nu", agreements=[AgreementInput("Bellen", "iemand", "")]), NOW)
    assert digest(db) == before and session.pending  # still to be saved: nothing typed is lost
    assert session.save() is not None and open_visit(db, DAAN).note == "Nieuw stuk"


def test_a_failure_inside_completing_loses_neither_the_visit_nor_the_note(db, content, monkeypatch):
    import coach.store.sittings as sittings

    session = open_session(db, content, DAAN)
    session.type_note("Nog niet bewaard")  # the visit is made inside the completing transaction
    before = digest(db)

    def busy(*args, **kwargs):
        raise OSError("database is locked")

    monkeypatch.setattr(sittings, "complete_visit", busy)
    with pytest.raises(OSError):
        session.complete(VisitEndInput(when="nu"), NOW)
    assert digest(db) == before and session.contact_id is None and session.pending
    monkeypatch.undo()
    assert session.save() is not None  # the next save makes the visit again
    assert open_visit(db, DAAN).note == "Nog niet bewaard"


def test_a_visit_completed_elsewhere_meanwhile_is_refused_with_a_message(db, content):
    from coach.store.contact_moves import set_outcome

    planned = plan(db, DAAN, datetime(2026, 3, 14, 9, 0))
    session = open_session(db, content, DAAN)
    session.type_note("Eerste zin")
    session.save()
    set_outcome(db, planned, "afgezegd_jongere", now=NOW)  # a second window did it first
    session.type_note("Eerste zin, tweede zin")
    before = digest(db)
    with pytest.raises(FormErrors) as caught:
        session.complete(VisitEndInput(when="nu"), NOW)
    assert "al 'afgezegd door jongere'" in caught.value.errors["status"]
    assert digest(db) == before and session.pending


def test_a_planned_visit_with_a_note_is_prepared_from_that_note(db, content):
    from coach.store.contact_moves import edit_contact, move_contact

    planned = plan(db, DAAN, datetime(2026, 3, 16, 10, 0))
    edit_contact(db, planned, now=NOW, note="Bespreken: de stage")
    moved = move_contact(db, planned, datetime(2026, 3, 17, 14, 0), now=NOW)  # the note moves with it
    session = open_session(db, content, DAAN)
    assert session.note == "Bespreken: de stage"
    session.type_note(session.note + "\nEn het rooster")
    session.save()
    assert session.contact_id == moved
    assert get_contact(db, session.contact_id).contact.note == "Bespreken: de stage\nEn het rooster"
