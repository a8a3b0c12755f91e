"""How the anonymiser combines its sources, labels people and renders (a fake engine stands in for deduce)."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date

import pytest

from coach.domain.model import Case, NetworkPerson, Youth
from coach.privacy.anonymiser import Anonymiser, People, loud_lines, unshouted
from coach.privacy.context import role_names, safety_net, streets, whitelisted_names, word_towns
from coach.privacy.patterns import find_postbus
from coach.privacy.result import Result, Span, sentence_start

REFERENCE = date(2026, 3, 20)


def fake_engine(*pieces: tuple[str, str, str]):
    """An engine that reports every occurrence of each (text, label, kind), as deduce would."""

    def spans(text: str) -> list[Span]:
        out = []
        for piece, label, kind in pieces:
            start = text.find(piece)
            while start >= 0:
                out.append(Span(start, start + len(piece), label, kind, "deduce"))
                start = text.find(piece, start + 1)
        return out

    return spans


def person(name: str) -> tuple[str, str, str]:
    """A deduce person span."""
    return name, "[persoon]", "person"


CASE = Case(
    Youth("Sanne", last_name="Visser", started_on=date(2026, 1, 5)),
    network=[NetworkPerson("Karim", "jobcoach", "professioneel"), NetworkPerson("Marja", "moeder", "informeel")],
)


def run(text: str, *pieces: tuple[str, str, str], case: Case | None = CASE) -> Result:
    """Anonymise with a fake engine."""
    return Anonymiser(fake_engine(*pieces)).anonymise(text, case, reference_date=REFERENCE)


def test_a_line_in_capitals_is_read_as_if_written_as_usual() -> None:
    # Like deduce, the fake engine goes by capitals: it finds "Priscilla" as usually written, and in
    # the line in capitals it takes runs of words for names.
    text = "Gesprek gehad.\nPRISCILLA KWAM TE LAAT MET SANNE, ZE HAD HAAR IBAN NL91ABNA0417164300 BIJ ZICH.\nDaarna rustig."
    result = run(text, person("Priscilla"), person("PRISCILLA KWAM"), person("TE LAAT"))
    assert result.text == (
        "Gesprek gehad.\n[persoon 1] KWAM TE LAAT MET de jongere, ZE HAD HAAR IBAN [IBAN] BIJ ZICH.\nDaarna rustig."
    )


def test_which_lines_count_as_capitals_and_how_they_are_read() -> None:
    text = "Gesprek gehad.\nPRISCILLA KWAM TE LAAT, BSN EN IBAN.\nNormaal, met ROC en NS.\nOK JA.\n"
    loud = loud_lines(text)
    assert [text[start:end] for start, end in loud] == ["PRISCILLA KWAM TE LAAT, BSN EN IBAN.\n"]
    readable = unshouted(text, loud)
    assert len(readable) == len(text)
    # Everyday words in lower case, an unknown longer word with a capital, abbreviations as words.
    assert readable == "Gesprek gehad.\nPriscilla kwam te laat, bsn en iban.\nNormaal, met ROC en NS.\nOK JA.\n"
    # A word known as a name or place gets its capital whatever its length or frequency.
    assert "Iban" in unshouted(text, loud, lambda word: word == "Iban")
    # Letters whose other case is longer keep their place.
    odd = "STRASSE MIT ß UND İSTANBUL HIER"
    assert len(unshouted(odd, loud_lines(odd))) == len(odd)


def test_same_unknown_person_same_label() -> None:
    text = "Sanne heeft een vriend, Daan de Vries. Later kwam Daan alleen, en ook Priscilla. Daans moeder belde."
    result = run(text, person("Daan de Vries"), person("Daan"), person("Priscilla"), person("Daans"))
    assert result.text == (
        "De jongere heeft een vriend, [persoon 1]. Later kwam [persoon 1] alleen, en ook "
        "[persoon 2]. [persoon 1] moeder belde."
    )


def test_people_linking() -> None:
    people = People()
    assert people.label("Daan") == "[persoon 1]"
    assert people.label("Daan de Vries") == "[persoon 1]"
    assert people.label("de Vries") == "[persoon 1]"
    assert people.label("Jansen") == "[persoon 2]"
    assert people.label("Piet Jansen") == "[persoon 2]"
    assert people.label("Priscilla") == "[persoon 3]"
    assert people.label("Priscila") == "[persoon 3]"  # one typo
    assert people.label("Daan Bakker") == "[persoon 4]"


def test_known_names_win_and_take_the_rest_of_the_name() -> None:
    result = run("Afspraak met Karim Aydin over Sanne.", person("Karim Aydin"))
    assert result.text == "Afspraak met jobcoach over de jongere."


def test_role_words_swallowed_by_deduce_stay() -> None:
    result = run("Broer Bilal belde. Mevrouw Jansen ook.", person("Broer Bilal"), person("Mevrouw Jansen"))
    assert result.text == "Broer [persoon 1] belde. Mevrouw [persoon 2] ook."


def test_deduce_name_running_into_an_address_is_cut() -> None:
    text = "Huisbezoek bij Sanne Visser aan de Molenstraat 12a. Mevrouw Jansen van Lentis belde."
    result = run(
        text,
        person("Sanne Visser aan de Molenstraat"),
        person("Jansen van Lentis"),
        ("Lentis", "[instelling]", "institution"),
    )
    assert result.text == "Huisbezoek bij de jongere aan de [adres]. Mevrouw [persoon 1] van [instelling] belde."


def test_harmless_phrases_stay() -> None:
    result = run("Ze werkt bij de Albert Heijn en bij Jumbo.", person("Albert Heijn"), person("Jumbo"))
    assert result.text == "Ze werkt bij de Albert Heijn en bij Jumbo."


def test_places_keep_their_compass_part() -> None:
    result = run("Ze woont in Amsterdam-Noord.", ("Amsterdam", "[plaats]", "place"))
    assert result.text == "Ze woont in [plaats]."


def test_without_deduce_the_rest_still_works() -> None:
    text = "Op 14-03-2026 belde Sanne met Ilias uit Leiden (06-12345678)."
    result = run(text)  # no engine: only our own rules
    assert result.text == "Op [week 10] belde de jongere met [persoon 1] uit [plaats] ([telefoon])."


def test_replacements_point_into_both_texts() -> None:
    text = "Sanne belde 06-12345678 op 14-03-2026."
    result = run(text)
    assert [r.original for r in result.replacements] == ["Sanne", "06-12345678", "14-03-2026"]
    for item in result.replacements:
        assert text[item.start : item.end] == item.original
        assert result.text[item.out_start : item.out_end].lower().startswith(item.label.lower())
    assert {r.source for r in result.replacements} == {"case", "pattern"}


def test_result_round_trip_and_hide() -> None:
    text = "Sanne werkt bij Bakkerij Kok in de stad."
    result = run(text)
    assert Result.from_dict(json.loads(json.dumps(result.to_dict()))) == result
    start = text.index("Bakkerij")
    hidden = result.hide(text, start, start + len("Bakkerij Kok"))
    assert hidden.text == "De jongere werkt bij [verborgen] in de stad."
    assert hidden.replacements[-1].source == "manual"
    # Hiding across an existing replacement takes it in.
    assert result.hide(text, 0, 3).text.startswith("[verborgen] werkt")
    with pytest.raises(ValueError):
        result.hide(text, 5, 500)


def test_anonymise_many_numbers_people_across_parts() -> None:
    anonymiser = Anonymiser(fake_engine(person("Daan"), person("Priscilla")))
    first, second = anonymiser.anonymise_many(["Daan en Priscilla.", "Toen Priscilla."], CASE, reference_date=REFERENCE)
    assert first.text == "[persoon 1] en [persoon 2]."
    assert second.text == "Toen [persoon 2]."


def test_context_whitelisted_names() -> None:
    text = "Ze zag Ilias, Tia en Dex. Ben je er? Met Ben en Lot gesproken. Lot belde."
    assert [text[s.start : s.end] for s in whitelisted_names(text)] == ["Ilias", "Tia", "Dex", "Ben", "Lot", "Lot"]


def test_context_role_names_and_towns_and_streets() -> None:
    text = "Broer Bilal en docent Nederlands, buurvrouw De Graaf. In Leiden, naar Haren. Leiden is mooi."
    assert [text[s.start : s.end] for s in role_names(text)] == ["Bilal", "De Graaf"]
    assert [text[s.start : s.end] for s in word_towns(text)] == ["Leiden", "Haren"]
    text = "Ze woont op de Dorpsstraat, eerder Burgemeester Visserlaan 3 en aan de kerkstraat 4b. Dorpsstraat is lang."
    assert [text[s.start : s.end] for s in streets(text)] == [
        "Dorpsstraat",
        "Burgemeester Visserlaan 3",
        "kerkstraat 4b",
    ]


def test_safety_net() -> None:
    text = "Ze werkt bij Pizzeria Napoli en via het UWV, de KvK-inschrijving en WhatsApp. Vandaag Nederlands."
    assert [text[s.start : s.end] for s in safety_net(text)] == ["Pizzeria Napoli"]


def test_sentence_start() -> None:
    text = "Zo. Dan\n- Piet zei: 'Hoe' en Kees"
    assert sentence_start(text, 0)
    assert sentence_start(text, text.index("Dan"))
    assert sentence_start(text, text.index("Piet"))
    assert sentence_start(text, text.index("Hoe"))
    assert not sentence_start(text, text.index("Kees"))


def test_importing_privacy_loads_neither_deduce_nor_textual() -> None:
    code = "import sys, coach.privacy; print(sorted(m for m in ('deduce', 'docdeid', 'textual') if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_a_name_found_once_is_hidden_everywhere_with_its_initial() -> None:
    text = "vriend ruben belde. later zei ruben van de wetering dat hij komt; ook mehmet k. was er."
    result = run(text, person("ruben"), person("mehmet"))
    assert result.text == "vriend [persoon 1] belde. later zei [persoon 1] dat hij komt; ook [persoon 2]. was er."


def test_clubs_with_a_year_and_places_named_by_their_kind() -> None:
    text = "Hij voetbalt bij VV Rood-Wit '62 en loopt stage bij Kinderopvang Het Zonnetje, eet bij snackbar De Hoek."
    result = run(text)  # no engine: only our own rules
    assert (
        result.text
        == "Hij voetbalt bij VV [instelling] en loopt stage bij [instelling], eet bij snackbar [instelling]."
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Primary schools go by their own name after their kind.
        (
            "Hij zat op basisschool De Regenboog, daarna obs Het Anker en cbs De Wegwijzer. Hij zoekt jobs Het liefst.",
            "Hij zat op basisschool [instelling], daarna obs [instelling] en cbs [instelling]. Hij zoekt jobs Het liefst.",
        ),
        # A role word that ends a sentence names nobody after it; a title with a dot does.
        (
            "Gesproken met de vader. Ze werkt bij Jumbo. Ook mevr. Jansen en dr. Bakkali gebeld.",
            "Gesproken met de vader. Ze werkt bij Jumbo. Ook mevr. [persoon 1] en dr. [persoon 2] gebeld.",
        ),
        # The town after a postcode; a word that is no town stays.
        (
            "Adres: Dorpsstraat 3, 3732 AB De Bilt, of 2500 GA, Den Haag. Postcode 1234 AB klopt niet.",
            "Adres: [adres], [postcode] [plaats], of [postcode], [plaats]. Postcode [postcode] klopt niet.",
        ),
    ],
    ids=["primary schools", "role word ending a sentence", "town after a postcode"],
)
def test_our_own_rules_alone(text: str, expected: str) -> None:
    assert run(text).text == expected  # no engine: only our own rules


def test_own_school_and_job_in_the_forms_coaches_write() -> None:
    case = Case(
        Youth("Sanne", last_name="Visser", school="ROC van Amsterdam", employer="Albert Heijn Loosduinen"),
        network=[
            NetworkPerson("Hakan Yıldız", "jeugdreclasseerder", "professioneel", organisation="Leger des Heils & Co"),
            NetworkPerson("Sahra Visser", "moeder", "informeel"),
        ],
    )
    text = "Ze wil niet meer naar het roc (ROCvA belde), werkt bij ah loosduinen. yildiz van LH&C belde. Moeder S. ook."
    result = run(text, case=case)  # no engine: only our own rules
    assert result.text == (
        "Ze wil niet meer naar [school] ([school] belde), werkt bij [werkgever]. Jeugdreclasseerder van [instelling]"
        " belde. Moeder ook."
    )


def test_camel_case_school_written_apart() -> None:
    case = Case(Youth("Jun", last_name="Zhang", school="mboRijnland"))
    result = Anonymiser(use_deduce=False).anonymise("School: mbo rijnland.", case, reference_date=REFERENCE)
    assert result.text == "School: [school]."


def test_streets_and_postbus_that_deduce_no_longer_looks_for() -> None:
    # deduce's street and postbus patterns are off (deduce_engine._DISABLED): ours find the same.
    text = "Ze woont Kerkstr 12, eerder Wilhelminaplantsoen 3b, schrijf naar Postbus 1234. Rotterdam is groot."
    assert [text[s.start : s.end] for s in streets(text)] == ["Kerkstr 12", "Wilhelminaplantsoen 3b"]
    assert [text[s.start : s.end] for s in find_postbus(text)] == ["Postbus 1234"]


def test_a_two_letter_name_found_once_is_hidden_everywhere_but_not_inside_other_words() -> None:
    text = "Mo belde. toen zei mo dat hij moe was; in het bos groeit mos. Bo kwam ook en bo lachte, om tien uur al."
    result = run(text, person("Mo"), person("Bo"))
    assert result.text == (
        "[persoon 1] belde. toen zei [persoon 1] dat hij moe was; in het bos groeit mos. "
        "[persoon 2] kwam ook en [persoon 2] lachte, om tien uur al."
    )
