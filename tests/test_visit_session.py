"""The visit session without a screen: the preparation, the note, headings, offers, saving, and writing nothing on open."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest

from coach.content.prompts import load_content
from coach.conversation.visit_session import VisitSession
from coach.domain.intake import NOT_YET, TOUCHED
from coach.store.cases import load_case
from coach.store.db import open_db
from coach.store.sittings import VisitSitting
from coach.store.visits import talked_about, todays_visit
from tests.db_digest import digest

NOOR, DAAN = 1, 2
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


def test_the_note_becomes_the_visits_contact_and_goes_on_the_same_day(db, content):
    changes: list[int] = []
    session = open_session(db, content, NOOR, changes)
    assert session.type_note("Warm begin.") and changes
    assert session.type_note("Warm begin.") is False
    added = session.mark_domain("financien", session.note)
    assert added == "\n\nFinanciën: "
    session.type_note(session.note + added + "betalingsregeling loopt")
    assert session.save() is not None and not session.pending
    visit = todays_visit(db, NOOR, NOW.date())
    assert visit is not None and visit.contact_id == session.contact_id
    assert visit.note == "Warm begin.\n\nFinanciën: betalingsregeling loopt"
    assert talked_about(db, NOOR)["financien"] == NOW.date()

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
    assert session.pending and todays_visit(db, DAAN, NOW.date()) is None
    assert session.save() is not None
    assert todays_visit(db, DAAN, NOW.date()).note == "Kort bezoek"


def test_a_visit_on_another_day_is_a_new_one(db, content):
    session = open_session(db, content, DAAN)
    session.type_note("Eerste bezoek")
    session.save()
    case = load_case(db, DAAN)
    later = datetime(2026, 3, 21, 10, 0)
    records = VisitSitting(db, DAAN, case.youth.coach, date(2026, 3, 21), later)
    assert records.contact_id is None and records.note == ""
