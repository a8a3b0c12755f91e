"""Samen invullen without a screen: the content file, the session's pages, and what reaches the database and the outputs."""

from __future__ import annotations

import json
import shutil
from datetime import date
from pathlib import Path

import pytest
from helpers import make_case

from coach.cli import run
from coach.content.prompts import load_content
from coach.content.toml_source import PromptsError
from coach.conversation.samen_session import PAGES, PICTURE, START, SamenSession
from coach.domain.domains import DOMAIN_KEYS
from coach.domain.self_assessment import SelfAssessment, difference_words, latest_self
from coach.paths import prompts_dir
from coach.store import open_db
from coach.store.casefile_v2 import export_case_v2, import_v2_files
from coach.store.cases import insert_cases, load_case
from coach.store.self_assessment import SelfAssessmentError, SelfAssessmentSitting, self_assessments_of

TODAY = date(2026, 3, 14)


@pytest.fixture
def content():
    return load_content()


@pytest.fixture
def db_case(tmp_path: Path):
    db = open_db(tmp_path / "coach.db")
    (youth_id,) = insert_cases(db, [make_case("Sanne", full=True)])
    return db, youth_id


def session_for(db, youth_id, content, today=TODAY) -> SamenSession:
    labels = {d.key: d.short for d in content.domains}
    return SamenSession(content.samen, labels, SelfAssessmentSitting(db, youth_id, today), today, {"financien": 2})


# --- content -------------------------------------------------------------------------------


def test_the_shipped_questions_speak_to_the_young_person(content):
    samen = content.samen
    assert set(samen.questions) == set(DOMAIN_KEYS)
    assert samen.questions["financien"].question == "Hoe gaat het met geld?"
    assert len(samen.answers) == 5 and samen.answer(1) != samen.answer(5)
    assert [w.key for w in samen.warm] == ["trots", "belangrijk", "droom"]


@pytest.fixture
def base(tmp_path: Path) -> Path:
    copy = tmp_path / "prompts"
    shutil.copytree(prompts_dir(), copy)
    return copy


def test_a_missing_domain_question_is_named_with_its_line(base):
    path = base / "samen.toml"
    text = path.read_text(encoding="utf-8")
    start = text.index("[questions.justitie]")
    path.write_text(text[:start] + text[text.index("# Het warme verhaal") :], encoding="utf-8")
    with pytest.raises(PromptsError) as caught:
        load_content(base_dir=base)
    assert caught.value.shown == "prompts/samen.toml" and "justitie" in caught.value.problem


def test_four_answers_are_refused(base):
    path = base / "samen.toml"
    path.write_text(path.read_text(encoding="utf-8").replace('    "Het gaat heel goed",\n', ""), encoding="utf-8")
    with pytest.raises(PromptsError, match="'answers' moet een lijst met 5 tot 5"):
        load_content(base_dir=base)


def test_an_organisation_replaces_the_file(base, tmp_path):
    own = tmp_path / "eigen"
    own.mkdir()
    text = (
        (base / "samen.toml").read_text(encoding="utf-8").replace("Hoe gaat het met geld?", "Hoe zit het met je geld?")
    )
    (own / "samen.toml").write_text(text, encoding="utf-8")
    assert load_content(own, base).samen.questions["financien"].question == "Hoe zit het met je geld?"


# --- the session ----------------------------------------------------------------------------


def test_pages_put_the_warm_story_first_and_the_picture_last():
    assert PAGES[0] == START and PAGES[1:4] == ("warm.trots", "warm.belangrijk", "warm.droom")
    assert PAGES[4:17] == DOMAIN_KEYS and PAGES[-1] == PICTURE


def test_answers_are_saved_as_their_own_and_continued_the_same_day(db_case, content):
    db, youth_id = db_case
    session = session_for(db, youth_id, content)
    assert not session.choose(3)  # the welcome page has no answer
    session.go_to("financien")
    assert session.choose(4) and session.toggle_talk()
    session.go_to("huisvesting")
    session.choose(2)
    assert session.skip()  # "sla over" takes the score away
    session.go_to("warm.droom")
    session.type_text("droom", "Een eigen zaak")
    assert session.pending and session.save() is not None and not session.pending
    stored = {a.domain: a for a in self_assessments_of(db, youth_id)}
    assert stored["financien"] == SelfAssessment(TODAY, "financien", stored["financien"].id, 4, False, True)
    assert stored["huisvesting"].skipped and stored["huisvesting"].score is None
    row = db.execute(
        "SELECT text, own_words, by_youth, recorded_on FROM warm_story WHERE youth_id = ? AND kind = 'droom'",
        [youth_id],
    ).fetchall()
    assert row == [("Een eigen zaak", 1, 1, TODAY.isoformat())]
    # Later the same day: the sitting continues; a changed answer updates, not doubles.
    again = session_for(db, youth_id, content)
    assert again.answer("financien").score == 4 and again.text("droom") == "Een eigen zaak"
    again.go_to("financien")
    again.choose(5)
    again.type_text("droom", "Een eigen zaak met mijn broer")
    again.save()
    assert [a.score for a in self_assessments_of(db, youth_id) if a.domain == "financien"] == [5]
    texts = db.execute("SELECT text FROM warm_story WHERE youth_id = ? AND by_youth = 1", [youth_id]).fetchall()
    assert texts == [("Een eigen zaak met mijn broer",)]
    # Emptied, the line is no part of their story any more.
    again.type_text("droom", "  ")
    again.save()
    assert db.execute("SELECT count(*) FROM warm_story WHERE by_youth = 1").fetchone()[0] == 0


def test_a_refused_answer_stores_nothing(db_case):
    db, youth_id = db_case
    sitting = SelfAssessmentSitting(db, youth_id, TODAY)
    good = SelfAssessment(TODAY, "financien", score=3)
    with pytest.raises(SelfAssessmentError):
        sitting.save({"financien": good, "geld": SelfAssessment(TODAY, "geld", score=3)}, {})
    assert self_assessments_of(db, youth_id) == []


def test_the_picture_hides_the_coach_until_asked(db_case, content):
    db, youth_id = db_case
    session = session_for(db, youth_id, content)
    session.go_to("financien")
    session.choose(4)
    rows = {row.domain: row for row in session.picture()}
    assert len(rows) == 13 and rows["financien"].score == 4 and rows["financien"].coach_score is None
    session.toggle_coach()
    row = {row.domain: row for row in session.picture()}["financien"]
    assert (row.coach_score, row.difference) == (2, "hier kijken jullie anders naar")
    assert "fout" not in row.difference
    assert difference_words(3, 3) == "jullie zien het hetzelfde" and difference_words(None, 3) == ""


def test_latest_self_takes_the_newest_date():
    older = SelfAssessment(date(2026, 1, 1), "financien", score=1)
    newer = SelfAssessment(date(2026, 2, 1), "financien", score=4)
    assert latest_self([newer, older])["financien"] is newer


# --- what reaches the outputs ------------------------------------------------------------------


def test_show_json_and_the_case_file_carry_their_answers(db_case, tmp_path, monkeypatch, capsys):
    db, youth_id = db_case
    SelfAssessmentSitting(db, youth_id, TODAY).save(
        {"financien": SelfAssessment(TODAY, "financien", score=4, talk=True)}, {"trots": "Mijn diploma"}
    )
    monkeypatch.setenv("COACH_DB", str(tmp_path / "coach.db"))
    monkeypatch.setenv("COACH_TODAY", TODAY.isoformat())
    monkeypatch.delenv("COACH_PROMPTS", raising=False)
    assert run(["show", str(youth_id), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["self_assessments"] == [
        {"date": "2026-03-14", "domain": "financien", "score": 4, "skipped": False, "talk": True, "source": "jongere"}
    ]
    own = [item for item in data["warm_story"] if item["by_youth"]]
    assert own == [{"kind": "trots", "text": "Mijn diploma", "by_youth": True}]
    assert run(["show", str(youth_id)]) == 0
    text = capsys.readouterr().out
    assert "zelf: 4" in text and "door de jongere zelf ingevuld" in text
    # The case file keeps them as theirs, and brings them back.
    exported = export_case_v2(db, youth_id)
    assert exported["self_assessments"] == [
        {"id": 1, "date": "2026-03-14", "domain": "financien", "score": 4, "skipped": False, "talk": True}
    ]
    assert [w for w in exported["warm_story"] if w.get("by_youth")][0]["text"] == "Mijn diploma"
    path = tmp_path / "dossier.json"
    path.write_text(json.dumps(exported), encoding="utf-8")
    other = open_db(tmp_path / "ander.db")
    (new_id,) = import_v2_files(other, [path])
    case = load_case(other, new_id)
    assert [(a.domain, a.score, a.talk) for a in case.self_assessments] == [("financien", 4, True)]
    assert len(case.typed_by_youth) == 1


def test_an_older_case_file_without_their_answers_still_imports(db_case, tmp_path):
    db, youth_id = db_case
    exported = export_case_v2(db, youth_id)
    assert "self_assessments" not in exported
    for item in exported.get("warm_story", []):
        item.pop("by_youth", None)
    path = tmp_path / "oud.json"
    path.write_text(json.dumps(exported), encoding="utf-8")
    (new_id,) = import_v2_files(open_db(tmp_path / "ander.db"), [path])
    assert new_id


def test_the_intervision_summary_shows_their_own_picture():
    from test_summary import TODAY as SUMMARY_DAY
    from test_summary import rich_case, summarise

    case = rich_case()
    case.self_assessments = [
        SelfAssessment(SUMMARY_DAY, "financien", score=4, talk=True),
        SelfAssessment(SUMMARY_DAY, "huisvesting", skipped=True),
    ]
    text = summarise(case).text
    domains = text[text.index("## Leefgebieden") :]
    assert "Door de jongere zelf ingevuld: financiën 4." in domains
    assert "De jongere wil praten over: financiën." in domains
