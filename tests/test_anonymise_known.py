"""What the case knows becomes roles and placeholders (no deduce needed)."""

from __future__ import annotations

from datetime import date

import pytest
from helpers import make_case

from coach.domain.model import Address, Case, NetworkPerson, Youth
from coach.privacy.known import AMBIGUOUS_LAST, KnownTable, build_known, ordinary_word
from coach.privacy.result import render


def case_of(first: str = "Sanne", **youth: object) -> Case:
    """A small fictional case: a young person, a mother and two jobcoaches."""
    return make_case(
        first,
        last_name=youth.pop("last_name", "Visser"),
        **youth,
        network=[
            NetworkPerson("Marja Visser", "moeder", "informeel", phone="06-11112222"),
            NetworkPerson("Karim Aydin", "jobcoach", "professioneel", organisation="Werkplein"),
            NetworkPerson("mw. Ellen de Haas", "jobcoach", "professioneel", email="e.dehaas@werk.nl"),
            NetworkPerson("Oma Riet", "oma", "informeel"),
        ],
    )


def labels(table: KnownTable) -> dict[str, str]:
    """Form -> label."""
    return {name.text: name.label for name in table.names}


def replaced(text: str, table: KnownTable) -> str:
    """The text with only the known names replaced."""
    return render(text, table.find(text)).text


def test_roles_for_the_youth_and_the_network() -> None:
    table = build_known(case_of())
    forms = labels(table)
    assert forms["Sanne"] == "de jongere"
    assert forms["Sanne Visser"] == "de jongere"
    assert forms["Marja"] == "moeder"
    assert forms["Riet"] == "oma"
    assert forms["Karim"] == "jobcoach 1"
    assert forms["Ellen de Haas"] == "jobcoach 2"
    assert forms["Haas"] == "jobcoach 2"
    # Visser is both the young person's and the mother's surname.
    assert forms["Visser"] == AMBIGUOUS_LAST
    # Titles and a role word in the stored name are not names.
    assert "mw." not in forms and "Oma" not in forms
    # A generic organisation name is left alone.
    assert "Werkplein" not in forms


def test_alias_for_the_young_person() -> None:
    table = build_known(case_of(), alias="Lisa")
    assert replaced("Sanne belde.", table) == "Lisa belde."


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Sanne belde.", "De jongere belde."),
        ("gesproken met sanne vandaag", "gesproken met de jongere vandaag"),
        ("Sanne's kamer en Sannes fiets", "De jongere's kamer en de jongere's fiets"),
        ("SANNE was er", "De jongere was er"),
        ("het Sanne-dossier", "het de jongere-dossier"),
        ("Sanne Visser en Marja", "De jongere en moeder"),
        ("haar moeder Marja belde", "haar moeder belde"),
        ("De jobcoach, Karim, belde", "De jobcoach 1 belde"),
        ("mevrouw Visser belde", "mevrouw [achternaam] belde"),
        ("bel 06 1111 2222 of e.dehaas@werk.nl", "bel [telefoon] of [e-mail]"),
    ],
)
def test_find_known_names(text: str, expected: str) -> None:
    assert replaced(text, build_known(case_of())) == expected


def test_accents_folded() -> None:
    table = build_known(Case(Youth("Daniël", nickname="Daan", last_name="de Vries")))
    assert (
        replaced("daniel en Daniël en Daan de Vries en daans fiets", table)
        == "De jongere en de jongere en de jongere en de jongere's fiets"
    )


def test_address_school_employer() -> None:
    case = Case(
        Youth(
            "Bas",
            last_name="Meijer",
            address=Address("Molenstraat 12a", "8011 AB", "Zwolle"),
            school="ROC Mondriaan",
            employer="Bakkerij Van Dam",
        )
    )
    text = (
        "Bas woont op de Molenstraat 12a (8011ab) in Zwolle-Zuid, de molenstraat is rustig. Hij zit op Mondriaan "
        "en werkt bij Bakkerij Van Dam."
    )
    assert replaced(text, build_known(case)) == (
        "De jongere woont op de [adres] ([postcode]) in [woonplaats]-Zuid, de [adres] is rustig. Hij zit op [school] "
        "en werkt bij [werkgever]."
    )


@pytest.mark.parametrize(
    ("name", "text", "expected"),
    [
        ("Hoop", "ik hoop dat Hoop komt", "ik hoop dat de jongere komt"),
        ("Hoop", "er is weinig hoop, zegt hoop zelf", "er is weinig hoop, zegt de jongere zelf"),
        ("Storm", "na de storm belde storm", "na de storm belde de jongere"),
        ("Roos", "een roos voor roos", "een roos voor de jongere"),
        ("Ben", "ik ben blij dat ben er is", "ik ben blij dat de jongere er is"),
        ("Ben", "Ben je er morgen? Ben zei ja.", "Ben je er morgen? De jongere zei ja."),
        ("Mei", "op 14 mei zag ik mei", "op 14 mei zag ik de jongere"),
        ("Lot", "haar eigen lot, en lot zelf", "haar eigen lot, en de jongere zelf"),
    ],
)
def test_names_that_are_words(name: str, text: str, expected: str) -> None:
    table = build_known(Case(Youth(name)))
    assert replaced(text, table) == expected


def test_ordinary_word_rules() -> None:
    assert ordinary_word("hoop", "de hoop is", 3, 7)
    assert ordinary_word("ben", "ben je", 0, 3)
    assert not ordinary_word("sanne", "de sanne", 3, 8)  # not a word at all
    assert not ordinary_word("storm", "met storm gebeld", 4, 9)


def test_town_that_is_a_word() -> None:
    table = build_known(Case(Youth("Thijs", address=Address(city="Echt"))))
    assert (
        replaced("Hij woont in Echt, echt waar, en gaat naar echt.", table)
        == "Hij woont in [woonplaats], echt waar, en gaat naar [woonplaats]."
    )


def test_two_people_with_one_relation_and_one_first_name() -> None:
    case = Case(
        Youth("Mo"),
        network=[NetworkPerson("Ali", "broer", "informeel"), NetworkPerson("Ali Demir", "oom", "informeel")],
    )
    forms = labels(build_known(case))
    assert forms["Ali"] == "[naam]"
    assert forms["Ali Demir"] == "oom"


def test_table_round_trip() -> None:
    case = case_of(birth_date=date(2007, 5, 14), started_on=date(2026, 1, 5))
    table = build_known(case)
    again = KnownTable.from_dict(table.to_dict())
    assert again == table
    assert again.birth_date == date(2007, 5, 14) and again.trajectory_start == date(2026, 1, 5)
    assert "Sanne" in again.person_forms()


def test_coach_name_becomes_de_coach() -> None:
    table = build_known(Case(Youth("Sanne", coach="Coach Eva")))
    assert replaced("Eva belde met Sanne", table) == "De coach belde met de jongere"
