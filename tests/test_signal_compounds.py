"""Signal words in Dutch compounds and street names: "huurachterstand" is housing and money, "Kerkstraat" is an address.

HELD_OUT was written before it was first run and not tuned on afterwards (the rules in
coach/conversation/matching.py were built on other words); its score is the honest figure.
"""

from __future__ import annotations

import pytest

from coach.content.prompts import load_content
from coach.conversation.signals import SignalFinder

FIN, HUIS, MEE, WERK, NET = (
    "financien",
    "huisvesting",
    "maatschappelijke_participatie",
    "werk_opleiding",
    "sociaal_netwerk",
)


@pytest.fixture(scope="module")
def finder() -> SignalFinder:
    return SignalFinder(load_content())


def domains(finder: SignalFinder, text: str) -> set[str]:
    return set(finder.domains(text))


def test_a_compound_counts_for_each_of_its_parts(finder: SignalFinder) -> None:
    assert {FIN, HUIS} <= domains(finder, "Ze heeft een huurachterstand van drie maanden.")
    assert HUIS in domains(finder, "de kamerhuur is omhoog")


def test_street_and_town_names_are_not_signals(finder: SignalFinder) -> None:
    assert domains(finder, "Hij woont in de Kerkstraat.") == set()
    assert domains(finder, "afspraak op kerkstraat 12") == set()
    assert domains(finder, "Ze woont in Ouderkerk") == set()
    # The word on its own still counts.
    assert MEE in domains(finder, "Hij gaat weer naar de kerk.")


def test_short_words_are_not_found_inside_others(finder: SignalFinder) -> None:
    assert NET not in domains(finder, "diploma gehaald")  # not "oma"
    assert FIN not in domains(finder, "Hij is onschuldig.")  # not "schuld" after "on"


# (text, domains that must be found; an empty set: none at all)
HELD_OUT: list[tuple[str, set[str]]] = [
    ("energierekening", {FIN}),
    ("ziektekostenschuld", {FIN}),
    ("huurcontract", {HUIS}),
    ("huurwoning", {HUIS}),
    ("boksclub", {MEE}),
    ("buurtvereniging", {MEE}),
    ("hockeyclub", {MEE}),
    ("schuldhulpverlening", {FIN}),
    ("telefoonrekening", {FIN}),
    ("belastingaanmaning", {FIN}),
    ("toeslagenaffaire", {FIN}),
    ("snelheidsboete", {FIN}),
    ("incassobureau", {FIN}),
    ("schoolplein", {WERK}),
    ("Stationsstraat 12", set()),
    ("Clublaan", set()),
    ("Kerkplein", set()),
    ("Nieuwerkerk", set()),
    ("Sportlaan 5", set()),
    ("Monnickendam", set()),
]


def test_compounds_not_tuned_on(finder: SignalFinder) -> None:
    wrong = []
    for text, expected in HELD_OUT:
        found = domains(finder, text)
        if (expected and not expected <= found) or (not expected and found):
            wrong.append(f"{text}: {sorted(found)}, expected {sorted(expected)}")
    right = len(HELD_OUT) - len(wrong)
    # At least 18 of 20 right; what goes wrong is listed, to be fixed by a rule, not by adding the word.
    assert right >= 18, f"{right}/{len(HELD_OUT)} right; wrong: " + "; ".join(wrong)
