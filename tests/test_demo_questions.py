"""The demo's leervragen: about the coach, fitting each case, not one question on every case; some cases have none."""

from __future__ import annotations

from datetime import date

from coach.content.intervision import intervision_content
from coach.content.prompts import load_content
from coach.demo import generate_cases, texts
from coach.reports.intervision_question import GOOD, check_question

TODAY = date(2026, 3, 14)


def test_every_demo_question_passes_the_check_that_it_is_about_the_coach() -> None:
    help_ = intervision_content(load_content()).question
    questions = [q for qs in (*texts.THEME_QUESTIONS.values(), *texts.PROFILE_QUESTIONS.values()) for q in qs]
    assert set(texts.THEME_QUESTIONS) == set(texts.THEME_WEIGHTS)
    for question in questions:
        assert check_question(question, help_).verdict == GOOD, question


def test_questions_differ_per_case_and_some_cases_ask_for_one() -> None:
    cases = list(generate_cases(50, seed=1, today=TODAY))
    asked = [c.youth.intervision_question for c in cases if c.youth.intervision_question]
    assert len(set(asked)) >= 5
    assert any(c.youth.intervision_question is None for c in cases)
    theme_questions = {q for qs in texts.THEME_QUESTIONS.values() for q in qs}
    profile_questions = {q for qs in texts.PROFILE_QUESTIONS.values() for q in qs}
    assert set(asked) <= theme_questions | profile_questions
