"""The intervision summary: layout per method, scope, hiding, and no known name in any output (deduce stubbed)."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date, datetime
from pathlib import Path

import pytest
from helpers import make_case

from coach.content.intervision import intervision_content
from coach.content.model import SECTIONS
from coach.content.prompts import load_content
from coach.domain.model import (
    Address,
    Agreement,
    Assessment,
    Case,
    Contact,
    NetworkPerson,
    PhaseEntry,
    WarmStoryItem,
    Youth,
)
from coach.privacy.anonymiser import Anonymiser
from coach.privacy.known import build_known
from coach.privacy.result import Span
from coach.reports.summary import (
    Scope,
    SummaryError,
    check_scope,
    default_filename,
    make_summary,
    numbered_contacts,
    question_key,
    scope_question,
    write_summary,
)

TODAY = date(2026, 3, 14)
CONTENT = load_content()
WORDS = intervision_content(CONTENT)
STRANGER = "Priscilla"  # someone the case does not know; the stub engine finds her as deduce would


def stub_engine(text: str) -> list[Span]:
    """Stands in for deduce: finds the one stranger."""
    return [Span(m.start(), m.end(), "[persoon]", "person", "deduce") for m in re.finditer(STRANGER, text)]


ANONYMISER = Anonymiser(stub_engine)


def rich_case() -> Case:
    """A fictional case whose names turn up in every section."""
    return make_case(
        "Sanne",
        last_name="Visser",
        nickname="San",
        birth_date=date(2007, 5, 14),
        coach="Eva Smit",
        address=Address("Molenstraat 12a", "8011 AB", "Zwolle"),
        school="Noorderpoort",
        employer="Bakkerij Kruimel",
        started_on=date(2026, 1, 5),
        intervision_question="Hoe krijg ik Sanne aan het werk?",
        network=[
            NetworkPerson("Marja Visser", "moeder", "informeel"),
            NetworkPerson("Karim Aydin", "jobcoach", "professioneel", organisation="Werkplein"),
        ],
        warm_story=[
            WarmStoryItem("trots", "Ik heb mijn broertje geholpen, zegt Sanne.", own_words=True),
            WarmStoryItem("mensen", f"Vriendin {STRANGER} en moeder Marja."),
        ],
        assessments=[
            Assessment(date(2026, 1, 5), "financien", score=1, concerns="Schuld bij de Molenstraat-verhuurder."),
            Assessment(
                date(2026, 3, 2), "financien", score=2, youth_score=3, concerns="Sanne's huur is nog niet betaald."
            ),
            Assessment(
                date(2026, 1, 5), "werk_opleiding", score=3, going_well="Proefdag bij Bakkerij Kruimel ging goed."
            ),
        ],
        contacts=[
            Contact(
                datetime(2026, 1, 5, 14, 0),
                "huisbezoek",
                "plaatsgevonden",
                duration_min=60,
                initiated_by="coach",
                note="Kennismaking in Zwolle. Marja was erbij en vertelde over San.",
            ),
            Contact(datetime(2026, 1, 19, 10, 0), "huisbezoek", "niet_verschenen", initiated_by="coach"),
            Contact(
                datetime(2026, 2, 9, 10, 0),
                "wandeling",
                "plaatsgevonden",
                duration_min=45,
                initiated_by="jongere",
                note=f"Sanne belde zelf. Met {STRANGER} gaat het slecht, zegt ze.\nKarim Aydin denkt aan een stage.",
            ),
            Contact(
                datetime(2026, 3, 2, 10, 0),
                "telefoon",
                "plaatsgevonden",
                initiated_by="coach",
                note="sanne wil niet naar Noorderpoort. Ik heb voorgesteld dat ik de stage regel.\nDaarna kozen we…",
            ),
            Contact(datetime(2026, 3, 20, 10, 0), "huisbezoek", "gepland"),
        ],
        agreements=[
            Agreement(date(2026, 1, 5), "Sanne belt de woningcorporatie", "jongere", "open", due=date(2026, 2, 1)),
            Agreement(date(2026, 1, 5), "Uitzoeken welke toeslag kan voor Sanne", "coach", "gedaan"),
            Agreement(date(2026, 2, 9), "Marja helpt met de post", "netwerk", "vervallen"),
        ],
        phases=[PhaseEntry("intake", date(2026, 1, 5)), PhaseEntry("begeleiding", date(2026, 1, 26))],
    )


def summarise(case: Case | None = None, method: str = "roddel", **kwargs):
    return make_summary(
        case or rich_case(),
        ANONYMISER,
        method=WORDS.method(method),
        words=WORDS,
        content=CONTENT,
        today=TODAY,
        **kwargs,
    )


def known_forms(case: Case) -> list[str]:
    """Every name and place the case knows, as it may be written."""
    table = build_known(case)
    return sorted({name.text for name in table.names if name.kind not in ("phone", "email")}, key=len, reverse=True)


def leaks(text: str, case: Case) -> list[str]:
    """Known names and places that still stand in `text` (as whole words, any case)."""
    return [
        form
        for form in known_forms(case)
        if re.search(r"(?<![\w])" + re.escape(form) + r"(?![\w])", text, re.IGNORECASE)
    ]


def headings(text: str) -> list[str]:
    return re.findall(r"^## (.+)$", text, re.MULTILINE)


# --- layout per method -------------------------------------------------------------------------


@pytest.mark.parametrize("key", ["incident", "roddel"])
def test_every_section_in_the_methods_order(key: str) -> None:
    method = WORDS.method(key)
    summary = summarise(method=key)
    assert set(method.sections) == set(SECTIONS)
    assert headings(summary.text) == [method.title(section) for section in method.sections]
    assert summary.text.startswith("# Intervisie: casus van een jongere\n")
    assert method.label in summary.text.splitlines()[2]
    for number, step in enumerate(method.steps, start=1):
        assert f"{number}. {step}" in summary.text


def test_the_two_methods_differ_where_their_steps_need_it() -> None:
    incident, roddel = summarise(method="incident").text, summarise(method="roddel").text
    # The incident method: one moment in full, the question right after it.
    assert headings(incident)[1:3] == ["Het moment", "Mijn vraag aan de groep"]
    assert "> De jongere wil niet naar [school]. Ik heb voorgesteld dat ik de stage regel." in incident
    assert "Daarvoor, in het kort:" in incident
    # The roddel method: the course of things, condensed, and the question near the end.
    assert headings(roddel)[-2:] == ["Mijn vraag aan de groep", "Zo bespreken we het: de roddelmethode"]
    assert "- Week 6 · wandeling (45 min): De jongere belde zelf." in roddel
    assert "- Week 3 · huisbezoek: niet verschenen." in roddel


def test_the_brief_holds_age_phase_and_duration_and_nothing_identifying() -> None:
    text = summarise().text
    brief = text.split("## De casus in het kort\n", 1)[1].split("\n## ", 1)[0]
    assert "- Een jongere van 18 jaar." in brief
    assert "- Fase: begeleiding, sinds week 4." in brief
    assert "- In traject: 9 weken." in brief
    assert "- Om de jongere heen: moeder, jobcoach." in brief
    assert "3 contactmomenten, en 1 dat niet doorging" in brief
    assert "2007" not in text and "14 mei" not in text


def test_domains_agreements_tried_and_own_part() -> None:
    text = summarise().text
    assert "- Financiën: 2 (niet zelfredzaam), vooruit (1 → 2); de jongere zelf geeft een 3." in text
    assert "  Zorg: De jongere's huur is nog niet betaald." in text
    # One measurement of 3, unmarked: not a line of its own, but named in the one line for the rest.
    assert "- Werk en opleiding: 3" not in text
    assert "- Verder, gelijk en boven de 2: werk en opleiding 3." in text
    assert "- Open: De jongere belt de woningcorporatie (de jongere, uiterlijk week 4, te laat)." in text
    assert "- Vervallen: Moeder helpt met de post (het netwerk)." in text
    assert "- Uitzoeken welke toeslag kan voor de jongere (gedaan)." in text
    assert "- Contact via: huisbezoek (1×), wandeling (1×), telefoon (1×)." in text
    assert "- Van de 3 afspraken nam ik er 1 op mij, de jongere 1 en het netwerk 1." in text
    assert "- Het initiatief tot contact lag 3× bij mij, 1× bij de jongere en 0× bij het netwerk." in text
    assert "- Niet doorgegaan: 1× niet verschenen, 0× afgezegd." in text


def test_warm_story_comes_before_the_problems_in_the_roddel_layout() -> None:
    text = summarise(method="roddel").text
    assert text.index("## Het warme verhaal") < text.index("## Leefgebieden")
    assert '- Waar ik trots op ben: "Ik heb mijn broertje geholpen, zegt de jongere."' in text


def test_the_question_stored_or_given_or_missing() -> None:
    assert "**Hoe krijg ik de jongere aan het werk?**" in summarise().text
    assert "**Wat maakt dat ik alles regel?**" in summarise(question="Wat maakt dat ik alles regel?").text
    assert "_Nog geen vraag." in summarise(question="").text


def test_a_period_or_contact_uses_its_own_question_else_the_cases() -> None:
    period = Scope.period(date(2026, 1, 1), date(2026, 3, 1))
    assert period.key == "periode:2026-01-01:2026-03-01"
    assert Scope.one_contact(3).key == "contact:3" and Scope().key is None
    assert Scope.period(date(2026, 1, 1), date(2026, 4, 1), months=3).key == "periode:laatste-3-maanden"
    case = rich_case()
    case.scope_questions[period.key] = "Wat maakt dat ik Sanne in januari losliet?"
    text = summarise(case, scope=period).text
    assert "**Wat maakt dat ik de jongere in januari losliet?**" in text and "aan het werk" not in text
    assert "**Hoe krijg ik de jongere aan het werk?**" in summarise(case).text  # the whole case: its own
    other = Scope.period(date(2026, 2, 1), date(2026, 3, 1))
    assert "**Hoe krijg ik de jongere aan het werk?**" in summarise(case, scope=other).text  # none of its own


def test_an_empty_case_still_gives_every_section() -> None:
    case = Case(youth=Youth("Bo"))
    text = summarise(case).text
    assert len(headings(text)) == len(SECTIONS)
    for empty in (
        "Nog geen leefgebieden gescoord.",
        "Nog geen contactmomenten in deze periode.",
        "Geen afspraken vastgelegd.",
        "Het warme verhaal is nog niet opgeschreven.",
        "de leeftijd staat niet in het dossier",
    ):
        assert empty in text


# --- scope -------------------------------------------------------------------------------------


def test_period_summary_covers_only_its_contacts() -> None:
    text = summarise(scope=Scope.period(date(2026, 2, 1), date(2026, 2, 28))).text
    assert "van week 4 tot en met week 8" in text
    gebeurd = text.split("## Wat er gebeurde\n", 1)[1].split("\n## ", 1)[0]
    assert "De jongere belde zelf." in gebeurd and "Kennismaking" not in gebeurd and "Noorderpoort" not in gebeurd
    assert "Contact in deze periode: 1 contactmoment." in text
    # Scores as they stood at the end of the period: the March score is not in yet.
    assert "- Financiën: 1 (acute problematiek), één meting." in text


def test_single_contact_summary_is_that_contact_in_full() -> None:
    contacts = numbered_contacts(rich_case())
    assert [c.at.date() for c in contacts] == [date(2026, 1, 5), date(2026, 1, 19), date(2026, 2, 9), date(2026, 3, 2)]
    text = summarise(method="roddel", scope=Scope.one_contact(3)).text
    assert "één contactmoment (week 6)" in text
    gebeurd = text.split("## Wat er gebeurde\n", 1)[1].split("\n## ", 1)[0]
    assert gebeurd.strip().startswith("Week 6 · wandeling (45 min):")
    assert "> De jongere belde zelf." in gebeurd and "> jobcoach denkt aan een stage." in gebeurd.replace(
        "Jobcoach", "jobcoach"
    )
    assert "Kennismaking" not in gebeurd


def test_incident_method_centres_on_the_chosen_contact() -> None:
    text = summarise(method="incident", scope=Scope.one_contact(1)).text
    moment = text.split("## Het moment\n", 1)[1].split("\n## ", 1)[0]
    assert "Week 1 · huisbezoek (60 min):" in moment
    assert "> Kennismaking in [woonplaats]. Moeder was erbij en vertelde over de jongere." in moment


@pytest.mark.parametrize(
    ("scope", "message"),
    [
        (Scope.one_contact(9), "Contactmoment 9 bestaat niet: er zijn er 4"),
        (Scope.period(date(2026, 3, 1), date(2026, 2, 1)), "de begindatum ligt na de einddatum"),
    ],
)
def test_a_scope_that_does_not_fit_is_a_dutch_error_without_names(scope: Scope, message: str) -> None:
    case = rich_case()
    with pytest.raises(SummaryError, match=message) as info:
        check_scope(case, scope, TODAY)
    assert leaks(str(info.value), case) == []
    with pytest.raises(SummaryError):
        summarise(case, scope=scope)


def test_no_contacts_to_choose_from() -> None:
    with pytest.raises(SummaryError, match="nog geen contactmomenten"):
        summarise(Case(youth=Youth("Bo")), scope=Scope.one_contact(1))


# --- no names out ------------------------------------------------------------------------------


@pytest.mark.parametrize("key", ["incident", "roddel"])
@pytest.mark.parametrize("scope", [Scope(), Scope.period(date(2026, 1, 1), date(2026, 3, 14)), Scope.one_contact(3)])
def test_no_known_name_in_any_output(key: str, scope: Scope, tmp_path: Path) -> None:
    case = rich_case()
    summary = summarise(case, method=key, scope=scope)
    assert leaks(summary.text, case) == []
    assert leaks(str(summary), case) == []
    assert leaks(repr(summary), case) == []
    assert all(leaks(r.label, case) == [] for r in summary.replacements)
    path = tmp_path / default_filename(TODAY)
    write_summary(summary, path)
    assert leaks(path.read_text(encoding="utf-8"), case) == []
    # The source beside it on the review screen does hold them: that is what the coach checks against.
    assert "Sanne" in summary.review_source()


def test_the_file_name_names_no_one() -> None:
    assert default_filename(TODAY) == "intervisie-2026-03-14.md"


def test_an_alias_replaces_de_jongere() -> None:
    text = summarise(alias="Robin").text
    assert "Hoe krijg ik Robin aan het werk?" in text and "Sanne" not in text


# --- one label per person across the summary ---------------------------------------------------


def test_labels_are_consistent_across_sections() -> None:
    summary = summarise(method="roddel", scope=Scope.one_contact(3))
    stranger = {r.label for r in summary.replacements if r.original == STRANGER}
    assert stranger == {"[persoon 1]"}
    sections = [s for s in re.split(r"^## ", summary.text, flags=re.MULTILINE) if "[persoon 1]" in s]
    assert len(sections) >= 2  # the warm story and the contact: one person, one number
    youth = {r.label.lower() for r in summary.replacements if r.kind == "youth"}
    assert youth == {"de jongere"}
    mother = {r.label for r in summary.replacements if r.original.startswith("Marja")}
    assert mother == {"moeder"}


def test_replacements_point_into_both_texts() -> None:
    summary = summarise()
    source = summary.review_source()
    for item in summary.replacements:
        assert source[item.start : item.end] == item.original
        assert summary.text[item.out_start : item.out_end].lower().startswith(item.label.lower()[:3])


def test_our_own_words_come_through_untouched() -> None:
    """Only the case's texts are changed: the headings and set phrases of the layout stay as written."""
    summary = summarise(Case(youth=Youth("Bo"), phases=[PhaseEntry("intake", date(2026, 1, 5))]))
    assert summary.replacements == ()


# --- hiding by hand ----------------------------------------------------------------------------


def test_hiding_a_stretch_hides_it_everywhere_and_can_be_undone() -> None:
    summary = summarise()
    assert summary.text.count("woningcorporatie") == 1
    source = summary.review_source()
    start = source.index("stage")
    hidden = summary.hide(start, start + len("stage"))
    assert "stage" not in hidden.text.lower().replace("stages", "")
    manual = [r for r in hidden.replacements if r.source == "manual"]
    assert len(manual) == source.lower().count("stage") and {r.label for r in manual} == {"[verborgen]"}
    assert hidden.hidden == ("stage",)
    assert hidden.unhide_last().text == summary.text
    assert hidden.hide(start, start + 5) is hidden  # already hidden


def test_hiding_from_the_summary_side_maps_back_to_the_source() -> None:
    summary = summarise()
    text = summary.text
    at = text.index("woningcorporatie")
    start, end = summary.source_range(at, at + len("woningcorporatie"))
    assert summary.review_source()[start:end] == "woningcorporatie"
    # A label stands for everything it replaced.
    label = next(r for r in summary.replacements if r.original == "Marja")
    assert summary.source_range(label.out_start + 1, label.out_end - 1) == (label.start, label.end)
    assert "woningcorporatie" not in summary.hide(start, end).text


def test_hidden_stretches_survive_a_new_question() -> None:
    first = summarise()
    source = first.review_source()
    start = source.index("woningcorporatie")
    hidden = first.hide(start, start + len("woningcorporatie"))
    again = summarise(question="Hoe kan ik loslaten?", hidden=hidden.hidden)
    assert "woningcorporatie" not in again.text and "**Hoe kan ik loslaten?**" in again.text


# --- with deduce (the shared worker) -----------------------------------------------------------


def test_with_deduce_no_known_name_leaks_and_people_keep_one_number(anonymiser_client) -> None:
    case = rich_case()
    case.contacts[2] = replace(case.contacts[2], note=case.contacts[2].note + "\nOok Bram Jansen gebeld, haar oom.")
    case.agreements.append(Agreement(date(2026, 3, 2), "Bram helpt met de post", "netwerk", "open"))
    for key in ("incident", "roddel"):
        summary = make_summary(
            case, anonymiser_client, method=WORDS.method(key), words=WORDS, content=CONTENT, today=TODAY
        )
        assert leaks(summary.text, case) == []
        assert "Bram" not in summary.text and "Priscilla" not in summary.text
        bram = {r.label for r in summary.replacements if "Bram" in r.original}
        assert len(bram) == 1, bram  # the contact and the agreement: one person, one number
        assert headings(summary.text) == [WORDS.method(key).title(s) for s in WORDS.method(key).sections]
        for step in WORDS.method(key).steps:
            assert step in summary.text  # deduce leaves our own words alone


def test_a_stretch_too_short_to_hide_everywhere_is_refused() -> None:
    summary = summarise()
    source = summary.review_source()
    digit = source.index("2 (niet zelfredzaam)")
    with pytest.raises(SummaryError, match="minstens drie letters of cijfers"):
        summary.hide(digit, digit + 1)
    word = source.index(" de ") + 1
    with pytest.raises(SummaryError):
        summary.hide(word, word + 2)


def test_places_map_both_ways_between_source_and_text() -> None:
    summary = summarise()
    source, text = summary.review_source(), summary.text
    at = source.index("woningcorporatie")
    assert text[summary.text_position(at) :].startswith("woningcorporatie")
    assert summary.source_range(summary.text_position(at), summary.text_position(at))[0] == at
    marja = next(r for r in summary.replacements if r.original == "Marja")
    assert summary.text_position(marja.start + 2) == marja.out_start


def test_dates_in_a_note_are_placed_from_the_notes_own_day() -> None:
    """A note written long ago: "volgende week dinsdag" and "14/3" belong to that week, not to today ([week 106])."""
    case = make_case(
        "Sanne",
        last_name="Visser",
        started_on=date(2024, 3, 4),
        contacts=[
            Contact(
                datetime(2024, 3, 6, 10, 0),
                "huisbezoek",
                "plaatsgevonden",
                note="Sanne komt volgende week dinsdag langs. Op 14/3 bellen we de school.",
            )
        ],
    )
    summary = summarise(case, scope=Scope.one_contact(1))
    # 2024-03-06 is a Wednesday in week 1; next week's Tuesday (12 March) and 14 March are in week 2.
    assert "komt [week 2] langs" in summary.text
    assert "Op [week 2] bellen" in summary.text
    assert "[week 10" not in summary.text  # not placed from today (2026), two years on


def test_a_contacts_question_follows_the_contact_by_its_id_and_an_older_key_by_place_is_still_read() -> None:
    case = rich_case()
    case.contacts = [replace(c, id=100 + i) for i, c in enumerate(case.contacts)]
    third = numbered_contacts(case)[2]
    scope = Scope.one_contact(3)
    assert question_key(case, scope) == f"contact-id:{third.id}"
    case.scope_questions[f"contact-id:{third.id}"] = "Waarom belde ik Sanne niet terug?"
    assert scope_question(case, scope) == ("Waarom belde ik Sanne niet terug?", True)
    # A contact added before it later moves it to place 4: the question goes with it, not with place 3.
    earlier = replace(numbered_contacts(case)[0], id=999, at=numbered_contacts(case)[0].at.replace(year=2020))
    case.contacts.append(earlier)
    assert scope_question(case, Scope.one_contact(4)) == ("Waarom belde ik Sanne niet terug?", True)
    assert scope_question(case, Scope.one_contact(3))[1] is False  # place 3 has none of its own now
    # Stored before by place ("contact:2"), and no question under the id yet: that one is read.
    case.scope_questions["contact:2"] = "Wat maakt dat ik afzegde?"
    assert scope_question(case, Scope.one_contact(2)) == ("Wat maakt dat ik afzegde?", True)
    # A contact without an id (not saved) is keyed by its place.
    assert question_key(Case(youth=Youth("Bo")), Scope.one_contact(1)) == "contact:1"
