"""The conversation engine without a screen: signals, story balance, questions, suggestions."""

from __future__ import annotations

import subprocess
import sys

import pytest

from coach.content.prompts import load_content
from coach.conversation.balance import MIXED, NEUTRAL, PROBLEM, WARM, BalanceTracker, ToneReader, answers
from coach.conversation.engine import Conversation
from coach.conversation.matching import CueIndex, fold, stem
from coach.conversation.signals import SignalFinder
from coach.domain.domains import BalanceCues
from coach.domain.intake import NU_NIET, NVT, Intake, split_own_words
from coach.domain.intake import WARM as WARM_SECTION


@pytest.fixture(scope="module")
def content():
    return load_content()


@pytest.fixture(scope="module")
def finder(content):
    return SignalFinder(content)


@pytest.fixture(scope="module")
def conversation(content):
    return Conversation(content)


def found(finder: SignalFinder, text: str) -> list[tuple[str, str]]:
    return [(signal.domain, signal.typed) for signal in finder.find(text)]


# --- signals in typed text ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "domain", "typed"),
    [
        ("De deurwaarder stond op de stoep", "financien", "deurwaarder"),
        ("Er kwamen twee deurwaarders langs", "financien", "deurwaarders"),  # plural
        ("Hij heeft veel schulden", "financien", "schulden"),
        ("DEURWAARDER!", "financien", "DEURWAARDER"),  # case
        ("Ze blowt elke avond", "middelengebruik", "blowt"),  # conjugated
        ("Gisteren nog geblowd", "middelengebruik", "geblowd"),  # past participle with ge-
        ("Hij gokte zijn loon weg", "middelengebruik", "gokte"),  # short cue with an ending
        ("Ik slaap bij een vriend", "huisvesting", "slaap bij een vriend"),  # phrase
        (
            "Ze slaapt soms bij haar vriendin",
            "huisvesting",
            "slaapt soms bij haar vriendin",
        ),  # filler and a word between
        ("we hebben op de bank geslapen", "huisvesting", "op de bank geslapen"),
        ("Sinds juni geen extra geld", "financien", "geen extra geld"),
        ("Er liggen brieven van het CJIB", "financien", "CJIB"),
        ("Hij heeft suïcidale gedachten", "geestelijke_gezondheid", "suïcidale"),  # accents on both sides
        ("Hij zit op de Suicidale lijn", "geestelijke_gezondheid", "Suicidale"),
        ("gestopt met school in mei", "werk_opleiding", "gestopt met school"),
    ],
)
def test_signal_words_are_found_in_their_inflected_forms(finder, text, domain, typed):
    assert (domain, typed) in found(finder, text)


@pytest.mark.parametrize("text", ["Ze ging omdat het moest", "Hij speelt cello", "Een rustige dag", ""])
def test_no_signal_where_none_is_meant(finder, text):
    assert found(finder, text) == []


def test_a_word_belongs_to_one_signal_and_the_longest_phrase_wins(finder):
    # "slaap bij een vriend" is a housing signal as a whole; "vriend" alone would point to the network.
    assert found(finder, "Ik slaap nu bij een vriend") == [("huisvesting", "slaap nu bij een vriend")]
    assert [d for d, _ in found(finder, "Ik slaap nu bij een vriend. Met mijn vrienden gaat het goed")] == [
        "huisvesting",
        "sociaal_netwerk",
    ]


def test_signals_keep_their_position_and_order(finder):
    signals = finder.find("Ruzie thuis, en de deurwaarder kwam")
    assert [(s.domain, s.typed) for s in signals] == [
        ("huiselijke_relaties", "Ruzie thuis"),
        ("financien", "deurwaarder"),
    ]
    assert signals[1].start == len("Ruzie thuis, en de ")


def test_folding_and_stems():
    assert fold("Financiën") == "financien"
    assert fold("slaapt") == "slapt"  # doubled vowel made single
    assert stem("blowen") == "blow" and stem("stoppen") == "stop" and stem("vrienden") == "vriend"
    assert stem("oma") == "oma"  # too short to lose anything


def test_cue_index_takes_any_tag():
    index = CueIndex([("x", "lukt niet"), ("y", "lukt")])
    assert [m.tag for m in index.find("Het lukt echt niet, maar dit lukte wel")] == ["x", "y"]


# --- story balance -------------------------------------------------------------------------


@pytest.fixture
def reader(content):
    return ToneReader(content.balance)


def test_answers_are_sentences_and_lines():
    assert answers("Deurwaarder geweest. Ruzie!\nWel trots op zijn zus;") == [
        "Deurwaarder geweest",
        "Ruzie",
        "Wel trots op zijn zus",
    ]


@pytest.mark.parametrize(
    ("answer", "tone"),
    [
        ("Ze is trots op haar diploma", WARM),
        ("Het lukt haar om elke dag op tijd te zijn", WARM),
        ("Het lukt echt niet met geld", PROBLEM),  # the phrase beats the single warm word
        ("Veel zorgen en ruzie thuis", PROBLEM),
        ("Ruzie, maar ze is er trots op dat ze het oploste", MIXED),
        ("Woont bij haar moeder in Zwolle", NEUTRAL),
    ],
)
def test_tone_of_an_answer(reader, answer, tone):
    assert reader.tone(answer) == tone


def test_warm_question_suggested_after_a_stretch_of_problem_answers(reader, content):
    tracker = BalanceTracker(reader)
    stretch = content.balance.stretch
    problems = ". ".join(
        ["Ruzie met moeder", "Deurwaarder geweest", "Veel stress", "Boete van het CJIB", "Geen geld voor eten"][
            : stretch - 1
        ]
    )
    tracker.update("financien.notes", problems)
    assert not tracker.suggest_warm  # one short of the stretch
    tracker.update("financien.notes", problems + ". Bang voor de post")
    assert tracker.problem_run == stretch
    assert tracker.suggest_warm
    assert tracker.balance.problem == stretch and tracker.balance.warm == 0


def test_no_warm_suggestion_after_warm_answers(reader, content):
    tracker = BalanceTracker(reader)
    text = ". ".join(
        [
            "Trots op zijn broertje",
            "Blij met zijn baan",
            "Hij is goed in koken",
            "Het lukt hem elke dag",
            "Fijn contact met oma",
            "Gaat graag naar voetbal",
        ]
    )
    tracker.update("warm.trots", text, WARM)
    assert tracker.balance.warm == 6
    assert not tracker.suggest_warm


def test_a_warm_answer_breaks_the_run_and_neutral_ones_do_not(reader, content):
    tracker = BalanceTracker(reader)
    stretch = content.balance.stretch
    tracker.update("a.notes", ". ".join(["Ruzie", "Boete", "Stress"] + ["Schuld"] * (stretch - 3)))
    tracker.update("b.notes", "Woont in Deventer")  # neutral: the run goes on
    assert tracker.problem_run == stretch and tracker.suggest_warm
    tracker.update("c.going_well", "Speelt elke week voetbal", WARM)  # what goes well counts as warm
    assert tracker.problem_run == 0 and not tracker.suggest_warm


def test_acknowledging_and_loading_start_no_run(reader, content):
    tracker = BalanceTracker(reader)
    problems = ". ".join(["Ruzie", "Boete", "Stress", "Schuld", "Deurwaarder", "Bang"])
    tracker.load("a.notes", problems)  # said before: counted, but no run
    assert tracker.balance.problem == 6 and not tracker.suggest_warm
    tracker.update("b.concerns", problems, PROBLEM)
    assert tracker.suggest_warm
    tracker.acknowledge()
    assert not tracker.suggest_warm


def test_editing_an_old_answer_moves_only_that_answer(reader):
    tracker = BalanceTracker(reader)
    tracker.update("a.notes", "Ruzie. Boete. Stress")
    tracker.update("b.notes", "Trots op zijn zus")
    assert tracker.problem_run == 0
    tracker.update("a.notes", "Ruzie. Boete. Stress. Schuld")  # a new problem answer, typed later
    assert tracker.problem_run == 1


# --- the engine ------------------------------------------------------------------------------


def make_intake() -> Intake:
    return Intake(id=1, youth_id=1, started_on=__import__("datetime").date(2026, 3, 14))


def test_questions_of_a_domain_then_its_follow_ups(conversation, content):
    money = content.domain("financien")
    assert conversation.questions("financien") == money.questions + money.follow_ups
    assert conversation.question("financien", len(money.questions)) == money.follow_ups[0]
    assert conversation.question("financien", len(money.questions + money.follow_ups)) == money.questions[0]


def test_questions_of_a_warm_kind(conversation, content):
    proud = next(k for k in content.warm_kinds if k.key == "trots")
    assert conversation.questions(WARM_SECTION, "trots") == proud.questions
    assert conversation.questions(WARM_SECTION, None) == content.warm_kinds[0].questions


def test_next_section_skips_what_was_talked_about(conversation):
    intake = make_intake()
    intake.domains["werk_opleiding"].notes = "Wil de zorg in"
    intake.domains["tijdsbesteding"].skip = NU_NIET
    assert conversation.next_section(intake, "financien") == "huisvesting"
    for domain in intake.domains.values():
        domain.score = 3
    assert conversation.next_section(intake, "financien") is None


def test_warm_question_asks_for_the_first_untold_kind(conversation, content):
    intake = make_intake()
    intake.warm["belangrijk"].text = "Zijn hond"
    suggestion = conversation.warm_question(intake)
    assert suggestion.kind == "warm" and suggestion.warm_kind == "trots"
    assert suggestion.text == content.warm_kinds[1].questions[0]


def test_signal_from_another_domains_notes_is_offered(conversation):
    intake = make_intake()
    text = "Werkt bij de bakker, maar de deurwaarder belt steeds"
    suggestion = conversation.signal_suggestion(intake, "werk_opleiding", text)
    assert suggestion is not None and suggestion.domain == "financien"
    assert suggestion.text == "Je noemde 'deurwaarder' — Financiën bespreken?"
    # Not for the domain being talked about, nor one already covered, nor one put away.
    assert conversation.signal_suggestion(intake, "financien", text) is None
    assert conversation.signal_suggestion(intake, "werk_opleiding", text, {"financien"}) is None
    intake.domains["financien"].score = 2
    assert conversation.signal_suggestion(intake, "werk_opleiding", text) is None


def test_unfollowed_signals_of_an_intake(conversation):
    intake = make_intake()
    intake.warm["belangrijk"].text = "Voetbal, en ik slaap bij een vriend"
    intake.domains["werk_opleiding"].notes = "Bijbaan kwijt door de politie"
    intake.domains["tijdsbesteding"].notes = "Traint drie keer per week"
    intake.domains["justitie"].skip = NVT
    signals = conversation.unfollowed(intake)
    assert [(s.domain, s.source) for s in signals] == [("huisvesting", WARM_SECTION)]  # voetbal: talked about


def test_own_words_are_the_quoted_whole():
    assert split_own_words('"Ik ben goed met kinderen"') == ("Ik ben goed met kinderen", True)
    assert split_own_words("“Ik wil kapper worden”") == ("Ik wil kapper worden", True)
    assert split_own_words('Ze zegt "ik wil" en lacht') == ('Ze zegt "ik wil" en lacht', False)
    assert split_own_words('"Half') == ('"Half', False)


def test_balance_cues_of_the_shipped_prompts(content):
    assert isinstance(content.balance, BalanceCues)
    assert 2 <= content.balance.stretch <= 10
    assert "trots" in content.balance.warm and "deurwaarder" in content.balance.problem
    assert set(content.openers) == {k.key for k in content.warm_kinds}
    assert all(text.count("{tekst}") == 1 for text in content.openers.values())


def test_conversation_core_never_imports_textual():
    code = (
        "import sys\n"
        "import coach.conversation.engine, coach.conversation.visit, coach.content.talk\n"
        "import coach.store.intake, coach.store.visits, coach.store.revisions, coach.domain.intake\n"
        "assert 'textual' not in sys.modules, 'textual imported by the core'\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
