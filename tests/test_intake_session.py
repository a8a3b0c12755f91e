"""The intake session without a screen: moving, typing, saving, offers, skips, finishing, and writing nothing on open."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from pathlib import Path

import pytest
from db_digest import digest

from coach.content.prompts import load_content
from coach.conversation.intake_session import IntakeSession
from coach.conversation.session import Saved
from coach.domain.intake import NU_NIET, NVT, SCORED, TOUCHED, WARM, Intake
from coach.store.cases import load_case
from coach.store.db import open_db
from coach.store.intake import UNSAVED, latest_intake
from coach.store.sittings import IntakeSitting

NOOR, DAAN, SAMIRA = 1, 2, 3


@pytest.fixture(scope="module")
def content():
    return load_content()


@pytest.fixture
def db(case_db: Path):
    database = open_db(case_db)
    yield database
    database.close()


def open_session(db, content, youth_id: int, today: date, changes: list | None = None) -> IntakeSession:
    on_change = (lambda: changes.append(1)) if changes is not None else (lambda: None)
    return IntakeSession(content, IntakeSitting(db, youth_id, today), on_change)


def test_opening_and_looking_around_writes_nothing(db, content, today):
    before = digest(db)
    for youth_id in (NOOR, DAAN, SAMIRA):
        session = open_session(db, content, youth_id, today)
        assert session.intake.id == UNSAVED and session.section == WARM
        assert session.go_to("financien") and session.step(1) == "werk_opleiding"
        session.next_question()
        session.focus_moved("going_well")
        assert session.save() is None  # a move alone in a new intake is no edit
    assert digest(db) == before
    assert latest_intake(db, DAAN) is None


def test_reopening_a_stored_intake_writes_nothing_until_something_changes(db, content, today):
    first = open_session(db, content, DAAN, today)
    first.go_to("huisvesting")
    first.type_text("huisvesting", "notes", "Bij zijn moeder")
    assert first.save() is not None
    before = digest(db)
    again = open_session(db, content, DAAN, today)
    assert (again.section, again.field) == ("huisvesting", "notes")
    assert again.focus_moved("notes") is False  # where the screen puts the cursor on opening
    assert not again.pending and again.save() is None
    assert digest(db) == before
    again.focus_moved("concerns")
    assert again.pending  # a stored intake remembers where the coach is
    again.focus_moved("notes")
    assert not again.pending  # back where it was stored: nothing to write


def test_the_first_edit_creates_the_intake_with_the_warm_story_it_continues(db, content, today):
    session = open_session(db, content, NOOR, today)
    assert session.intake.warm["trots"].text.startswith("“Ik heb mijn zus")  # continued, not typed again
    assert session.go_to("huisvesting")
    session.type_text("huisvesting", "notes", "Slaapt nu bij oma")
    assert session.save() is not None and session.intake.id != UNSAVED
    stored = latest_intake(db, NOOR)
    assert stored.id == session.intake.id
    assert stored.domains["huisvesting"].notes == "Slaapt nu bij oma"
    assert (stored.section, stored.field) == ("huisvesting", "notes")
    assert stored.warm["trots"].text == session.intake.warm["trots"].text


def test_moving_through_the_sections_and_asking_questions_resumes_there(db, content, today):
    session = open_session(db, content, DAAN, today)
    assert session.step(-1) is None  # the warm story comes first
    assert session.go_to("nergens") is False and session.section == WARM
    assert session.go_to(session.step(1))
    assert (session.section, session.field) == ("financien", "notes")
    head, index, questions = session.question()
    assert head == "Financiën" and index == 0 and questions[0] == content.domain("financien").questions[0]
    session.next_question()
    session.next_question()
    assert session.question()[1] == 2
    session.type_text("financien", "notes", "Post ligt")
    session.save()
    again = open_session(db, content, DAAN, today)
    assert again.position == ("financien", "notes", 2)
    assert again.text("financien", "notes") == "Post ligt"


def test_edits_wait_until_saved_and_are_stored_together(db, content, today):
    changes: list[int] = []
    session = open_session(db, content, SAMIRA, today, changes)
    assert session.type_text(WARM, "belangrijk", "Haar kat") and changes
    assert session.type_text(WARM, "belangrijk", "Haar kat") is False  # no change, no edit
    session.go_to("sociaal_netwerk")
    session.type_text("sociaal_netwerk", "going_well", "Twee maatjes")
    session.set_score(4)
    session.set_score(2, youth=True)
    session.set_carriers(("netwerk",), ("Riet",))
    assert session.unsaved_edits and session.pending
    assert latest_intake(db, SAMIRA) is None  # nothing stored before the save
    assert session.save() is not None and not session.pending and not session.unsaved_edits
    stored = latest_intake(db, SAMIRA)
    entry = stored.domains["sociaal_netwerk"]
    assert (entry.score, entry.youth_score, entry.difference) == (4, 2, -2)
    assert entry.carried_by == ("netwerk",) and entry.carriers == ("Riet",) and entry.going_well == "Twee maatjes"
    assert stored.warm["belangrijk"].text == "Haar kat"
    assert session.intake.coverage()["sociaal_netwerk"] == SCORED


def test_skip_cycles_nu_niet_then_not_applicable_then_open(db, content, today):
    session = open_session(db, content, DAAN, today)
    assert not session.can_score  # the warm story has no score or skip
    session.go_to("justitie")
    assert session.can_score
    assert session.skip() == NU_NIET
    assert session.question()[0] == "Justitie · nu niet"
    assert session.skip() == NVT
    session.save()
    assert latest_intake(db, DAAN).domains["justitie"].skip == NVT
    assert session.skip() is None
    session.save()
    assert latest_intake(db, DAAN).domains["justitie"].skip is None
    assert session.intake.coverage()["justitie"] != NVT


def test_a_signal_is_offered_put_away_and_not_offered_again(db, content, today):
    session = open_session(db, content, DAAN, today)
    session.go_to("werk_opleiding")
    text = "Werkt bij een bakker, maar de deurwaarders bellen steeds"
    session.type_text("werk_opleiding", "notes", text)
    offer = session.offer(text)
    assert offer is not None and offer.domain == "financien"
    assert offer.text == "Je noemde 'deurwaarders' — Financiën bespreken?"
    assert session.accept() == ("financien", "notes")
    assert session.put_away() is True
    assert session.offer(text) is None  # put away for this sitting
    assert session.put_away() is False  # nothing shown: Esc leaves


def test_a_domain_already_talked_about_is_not_offered(db, content, today):
    session = open_session(db, content, DAAN, today)
    session.go_to("financien")
    session.type_text("financien", "notes", "Schulden")
    session.go_to("werk_opleiding")
    assert session.offer("de deurwaarder belt") is None


def test_a_warm_question_after_a_run_of_problem_answers(db, content, today):
    stretch = content.balance.stretch
    problems = ". ".join(["Schuld", "Boete", "Aanmaning", "Deurwaarder", "Beslag", "Incasso"][:stretch])
    session = open_session(db, content, DAAN, today)
    session.go_to("financien")
    session.type_text("financien", "concerns", problems)
    offer = session.offer(problems)
    assert offer is not None and offer.kind == "warm"
    kind = next(k for k in content.warm_kinds if k.key == offer.warm_kind)
    assert session.accept() == (WARM, kind.key)
    assert not session.tracker.suggest_warm  # seen: counting starts afresh
    session.go_to(WARM, kind.key)
    assert session.question()[1] == kind.questions.index(offer.text)
    assert session.offer("") is None


def test_putting_a_warm_question_away_acknowledges_the_run(db, content, today):
    stretch = content.balance.stretch
    problems = ". ".join(["Schuld", "Boete", "Aanmaning", "Deurwaarder", "Beslag", "Incasso"][:stretch])
    session = open_session(db, content, DAAN, today)
    session.go_to("financien")
    session.type_text("financien", "concerns", problems)
    assert session.offer(problems).kind == "warm"
    assert session.put_away()
    assert session.offer(problems) is None


def test_finishing_stores_the_baseline_even_for_a_new_intake(db, content, today):
    session = open_session(db, content, SAMIRA, today)
    session.go_to("financien")
    session.set_score(2)
    session.save()
    assert not session.completed and session.unfollowed_count() == 0
    assert session.complete() == 1 and session.completed
    baseline = {a.domain: a for a in load_case(db, SAMIRA).assessments}
    assert baseline["financien"].score == 2 and baseline["financien"].date == today

    untouched = open_session(db, content, DAAN, today)
    assert untouched.complete() == 0  # nothing said yet: closed, with an empty baseline
    assert latest_intake(db, DAAN).completed_on == today


class Flaky:
    """An IntakeSitting whose next save fails as a busy database would, or with a value that does not fit."""

    def __init__(self, inner: IntakeSitting) -> None:
        self.inner = inner
        self.fail: Exception | None = None

    @property
    def intake(self) -> Intake:
        return self.inner.intake

    @property
    def stored(self) -> bool:
        return self.inner.stored

    def save(self, changes: Mapping[tuple[str, str], object], position) -> None:
        if self.fail is not None:
            error, self.fail = self.fail, None
            raise error
        self.inner.save(changes, position)

    def complete(self) -> int:
        return self.inner.complete()


def test_a_failed_save_keeps_the_edits_for_the_next_one(db, content, today):
    records = Flaky(IntakeSitting(db, DAAN, today))
    session = IntakeSession(content, records)
    session.go_to("financien")
    session.type_text("financien", "notes", "Post ligt")
    records.fail = OSError("database is locked")
    with pytest.raises(OSError):
        session.save()
    assert session.pending and latest_intake(db, DAAN) is None
    assert session.intake.id == UNSAVED  # the rolled-back record is made again next time
    assert session.save() is not None
    assert latest_intake(db, DAAN).domains["financien"].notes == "Post ligt"


def test_a_value_that_does_not_fit_is_reported_and_dropped(db, content, today):
    session = open_session(db, content, DAAN, today)
    session.go_to("financien")
    session.set_score(9)
    saved = session.save()
    assert saved is not None and saved.rejected and "9" in saved.rejected
    assert not session.pending
    assert latest_intake(db, DAAN) is None  # nothing of it stored
    session.type_text("financien", "notes", "Post ligt")
    assert session.save() == Saved()  # the next edit is stored as usual
    assert latest_intake(db, DAAN).domains["financien"].state == TOUCHED


def test_a_first_save_cut_off_halfway_leaves_a_draft_to_create_again(db, content, today, monkeypatch):
    import coach.store.intake as store

    session = open_session(db, content, DAAN, today)
    session.go_to("financien")
    session.type_text("financien", "notes", "Post ligt")
    real = store._save_domain

    def broken(*args, **kwargs):
        raise RuntimeError("cut off after the intake row was made")

    monkeypatch.setattr(store, "_save_domain", broken)
    with pytest.raises(RuntimeError):
        session.save()
    assert session.intake.id == UNSAVED and latest_intake(db, DAAN) is None  # rolled back, and known to be
    monkeypatch.setattr(store, "_save_domain", real)
    session.save()
    assert latest_intake(db, DAAN).domains["financien"].notes == "Post ligt"
