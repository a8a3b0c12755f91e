"""intervision.toml (methods, titles, question help), the learning-question check, the setting and the stored question."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from coach.config import ConfigError, load_config
from coach.content.intervision import intervision_content, load_intervision
from coach.content.model import SECTIONS
from coach.content.prompts import load_content
from coach.content.toml_source import PromptsError
from coach.paths import prompts_dir
from coach.reports.intervision_question import EMPTY, GOOD, WARN, check_question
from coach.store import StoreError
from coach.store.cases import load_case
from coach.store.db import open_db
from coach.store.intervision import intervision_question, save_intervision_question

HELP = load_intervision().question


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """A writable copy of the shipped prompts."""
    copy = tmp_path / "prompts"
    shutil.copytree(prompts_dir(), copy)
    return copy


def edit(folder: Path, old: str, new: str) -> None:
    path = folder / "intervision.toml"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def line_of(folder: Path, needle: str) -> int:
    lines = (folder / "intervision.toml").read_text(encoding="utf-8").splitlines()
    return next(number for number, line in enumerate(lines, start=1) if needle in line)


# --- the shipped methods -------------------------------------------------------------------------


def test_shipped_methods_are_incident_and_roddel_with_every_section() -> None:
    content = load_intervision()
    assert content.keys == ("incident", "roddel")
    for method in content.methods:
        assert sorted(method.sections) == sorted(SECTIONS)
        assert len(method.steps) >= 5 and method.bring and method.reminder
        assert all(method.title(section) for section in SECTIONS)
    assert content.method("incident").focus == "moment"
    assert content.method("roddel").focus == "verloop"


def test_loaded_with_the_rest_of_the_prompts() -> None:
    content = load_content()
    assert intervision_content(content) is content.intervision
    assert content.intervision.keys == load_intervision().keys


def test_an_organisation_can_replace_the_file(folder: Path, tmp_path: Path) -> None:
    own = tmp_path / "eigen"
    own.mkdir()
    shutil.copy(folder / "intervision.toml", own / "intervision.toml")
    edit(own, 'label = "Roddelmethode"', 'label = "Roddelrondje"')
    assert intervision_content(load_content(own)).method("roddel").label == "Roddelrondje"


@pytest.mark.parametrize(
    ("old", "new", "needle", "message"),
    [
        (
            'sections = ["kort", "warm_verhaal", "gebeurd"',
            'sections = ["kort", "warm_verhaaltje", "gebeurd"',
            "warm_verhaaltje",
            "onbekend kopje 'warm_verhaaltje'",
        ),
        (
            '"eigen_aandeel", "vraag", "werkwijze"]',
            '"eigen_aandeel", "werkwijze"]',
            'sections = ["kort", "warm_verhaal"',
            "moet 'vraag' bevatten",
        ),
        ('\nfocus = "verloop"', '\nfocus = "alles"', 'focus = "alles"', "'focus' moet"),
        (
            "pattern = '^hoe krijg ik",
            "pattern = '^hoe (krijg ik",
            "pattern = '^hoe (krijg",
            "geen geldige reguliere expressie",
        ),
        ('"Wat doe ik dat {wie} motiveert', '"Wat doe ik dat {wat_niet} motiveert', None, "geen groep"),
        ('key = "roddel"', 'key = "incident"', 'key = "incident"', "twee keer"),
        ('kort = "De casus in het kort"\n', "", "[titles]", "onder [titles] ontbreekt: kort"),
        ("recent_contacts = 6", "recent_contacts = 0", "recent_contacts", "'recent_contacts' moet een heel getal"),
    ],
)
def test_a_wrong_file_gets_a_dutch_message_with_its_line(
    folder: Path, old: str, new: str, needle: str | None, message: str
) -> None:
    edit(folder, old, new)
    with pytest.raises(PromptsError) as info:
        load_content(base_dir=folder)
    text = str(info.value)
    assert text.startswith("prompts/intervision.toml") and message in text
    if needle is not None and needle not in ('key = "incident"', "[titles]"):
        assert f"regel {line_of(folder, needle)}" in text
    elif needle is None:
        assert "regel " in text  # the list of suggestions: the line where it starts


def test_a_missing_file_is_named(folder: Path) -> None:
    (folder / "intervision.toml").unlink()
    with pytest.raises(PromptsError, match="intervision.toml: dit bestand ontbreekt"):
        load_content(base_dir=folder)


# --- the learning question -----------------------------------------------------------------------


def test_a_question_about_the_young_person_gets_a_warning_and_rewrites() -> None:
    check = check_question("hoe krijg ik hem aan het werk", HELP)
    assert check.verdict == WARN and check.about_youth
    assert HELP.advice["about_youth"] in check.advice
    assert HELP.advice["not_a_question"] in check.advice
    assert check.suggestions[0] == "Wat doe ik nu om hem aan het werk te krijgen, en wat levert dat op?"
    assert "Wat maakt dat ik mij zo verantwoordelijk voel om hem aan het werk te krijgen?" in check.suggestions


@pytest.mark.parametrize(
    "question",
    [
        "Waarom doet hij niks met zijn post?",
        "Hoe zorg ik dat ze op tijd komt?",
        "Hoe motiveer ik de jongere?",
        "Moet de jongere niet eerst stoppen met blowen?",
    ],
)
def test_questions_about_the_young_person(question: str) -> None:
    check = check_question(question, HELP)
    assert check.verdict == WARN, question


def test_rewrite_of_hoe_zorg_ik_dat() -> None:
    check = check_question("Hoe zorg ik ervoor dat hij op tijd komt?", HELP)
    assert "Wat doe ik nu zodat hij op tijd komt, en wat werkt daarvan?" in check.suggestions


@pytest.mark.parametrize(
    "question",
    [
        "Wat maakt dat ik steeds meer ga regelen naarmate de jongere minder doet?",
        "Hoe ga ik om met mijn ergernis als een afspraak niet doorgaat?",
        "Hoe blijf ik eerlijk zonder het contact kwijt te raken?",
    ],
)
def test_questions_about_the_coach_are_good(question: str) -> None:
    check = check_question(question, HELP)
    assert check.verdict == GOOD and check.suggestions == ()
    assert check.advice == (HELP.advice["good"],)


def test_a_question_without_ik_is_asked_about() -> None:
    check = check_question("Wat is hier aan de hand?", HELP)
    assert check.verdict == WARN and HELP.advice["not_own"] in check.advice


def test_an_empty_question_gets_the_first_tip() -> None:
    assert check_question("  ", HELP) == check_question(None, HELP)
    assert check_question(None, HELP).verdict == EMPTY


def test_a_name_in_the_question_gets_a_note() -> None:
    check = check_question("Wat maakt dat ik Sanne alles uit handen neem?", HELP, names=["Sanne", "Sanne Visser"])
    assert check.verdict == GOOD and HELP.advice["name"] in check.advice


# --- the setting and the stored question ---------------------------------------------------------


def test_the_teams_method_is_a_setting(tmp_path: Path) -> None:
    assert load_config(tmp_path / "geen.toml").intervision_method == "roddel"
    path = tmp_path / "config.toml"
    path.write_text('intervision_method = "Incident"\n', encoding="utf-8")
    assert load_config(path).intervision_method == "incident"
    path.write_text("intervision_method = 3\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="intervision_method = 3 klopt niet"):
        load_config(path)


def test_the_question_is_stored_with_the_young_person(case_db: Path) -> None:
    db = open_db(case_db)
    save_intervision_question(db, 1, "  Hoe kan ik loslaten?  ")
    assert intervision_question(db, 1) == "Hoe kan ik loslaten?"
    assert load_case(db, 1).youth.intervision_question == "Hoe kan ik loslaten?"
    save_intervision_question(db, 1, "   ")
    assert intervision_question(db, 1) is None
    with pytest.raises(StoreError, match="niet \\(meer\\) in de database"):
        save_intervision_question(db, 999, "Vraag?")
    db.close()
