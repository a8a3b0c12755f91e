"""The summary built around the coach's question: phase reasons, chosen domains, fair counts, the moment, own texts."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime

import pytest
from test_summary import TODAY, rich_case, summarise

from coach.domain.contact_status import count_contacts
from coach.domain.model import Assessment, Case, Contact, PhaseEntry
from coach.domain.trajectory import CANCELLED_NOTE, RELEASE, ReleaseDecision
from coach.reports.summary import (
    Scope,
    SummaryError,
    default_moment,
    moment_choices,
    numbered_contacts,
    suggestions,
)


def section(text: str, title: str) -> str:
    start = text.index(f"## {title}")
    end = text.find("\n## ", start + 1)
    return text[start : end if end != -1 else len(text)]


def reopened_case() -> Case:
    case = rich_case()
    case.phases = [
        PhaseEntry("intake", date(2026, 1, 5)),
        PhaseEntry("begeleiding", date(2026, 1, 12)),
        PhaseEntry("nazorg", date(2026, 2, 2), note="Werk loopt goed"),
        PhaseEntry("begeleiding", date(2026, 2, 23), note="Huisuitzetting dreigt weer"),
    ]
    return case


def test_the_phase_history_carries_the_reopen_and_release_reasons() -> None:
    decision = ReleaseDecision(date(2026, 2, 2), RELEASE, "Vier weken zelf alles geregeld.")
    brief = section(summarise(reopened_case(), decisions=[decision]).text, "De casus in het kort")
    assert "- Fase: begeleiding, sinds week 8." in brief
    assert "- Verloop:\n  - Intake, week 1.\n  - Begeleiding, week 2.\n" in brief
    assert "  - Nazorg (losgelaten), week 5, reden: Werk loopt goed; Vier weken zelf alles geregeld.\n" in brief
    assert "  - Begeleiding (heropend), week 8, reden: Huisuitzetting dreigt weer.\n" in brief


def test_no_history_line_for_a_single_phase_without_a_note() -> None:
    case = replace(rich_case(), phases=[PhaseEntry("begeleiding", date(2026, 1, 5))])
    assert "Verloop" not in summarise(case).text


def test_only_marked_changed_or_low_domains_get_a_line_the_rest_share_one() -> None:
    case = rich_case()
    case.assessments += [
        Assessment(date(2026, 1, 5), "huisvesting", score=4),
        Assessment(date(2026, 3, 2), "huisvesting", score=4),  # same: only on the shared line
        Assessment(date(2026, 1, 5), "lichamelijke_gezondheid", score=2),  # low: shown
    ]
    domains = section(summarise(case).text, "Leefgebieden")
    assert "- Financiën: 2" in domains  # changed
    assert "- Lichamelijke gezondheid: 2" in domains  # low
    assert "- Huisvesting:" not in domains and "- Werk en opleiding:" not in domains
    assert "- Verder, gelijk en boven de 2: werk en opleiding 3, huisvesting 4." in domains
    marked = section(summarise(case, domains=["huisvesting"]).text, "Leefgebieden")
    assert "- Huisvesting: 4 (" in marked
    assert "- Verder, gelijk en boven de 2: werk en opleiding 3." in marked


def test_when_no_domain_stands_out_all_of_them_share_one_line() -> None:
    case = replace(rich_case(), assessments=[Assessment(date(2026, 1, 5), "huisvesting", score=4)])
    domains = section(summarise(case).text, "Leefgebieden")
    assert "- Alle leefgebieden gelijk en boven de 2: huisvesting 4." in domains


def app_cancellations() -> list[Contact]:
    """Two contacts the app called off (vervallen: a change of plan) and one the young person cancelled.

    Older databases wrote the app's own cancellations as 'afgezegd' with a "Vervallen: …" note;
    migration m009 turned those into 'vervallen', so the counting only ever meets the new status.
    """
    note = CANCELLED_NOTE.format(why="afbouw gestopt")
    return [
        Contact(datetime(2026, 3, 5, 10, 0), "huisbezoek", "vervallen", note=note),
        Contact(datetime(2026, 3, 9, 10, 0), "telefoon", "vervallen", note=note),
        Contact(datetime(2026, 3, 10, 10, 0), "telefoon", "afgezegd_jongere", note="Ziek, belde af."),
    ]


def test_contacts_the_app_cancelled_are_never_counted() -> None:
    case = rich_case()
    case.contacts += app_cancellations()
    counted = count_contacts(case.contacts)
    assert (counted.held, counted.no_show, counted.cancelled) == (3, 1, 1)
    text = summarise(case).text
    assert "3 contactmomenten, en 2 die niet doorgingen" in text
    assert "- Niet doorgegaan: 1× niet verschenen, 1× afgezegd." in text
    assert "Vervallen: afbouw gestopt" not in text
    assert len(numbered_contacts(case)) == 5  # the app's cancellations are no moment to choose


def test_newer_cancellation_statuses_are_counted_and_named() -> None:
    case = rich_case()
    case.contacts += [
        Contact(datetime(2026, 3, 10, 10, 0), "telefoon", "afgezegd_jongere"),
        Contact(datetime(2026, 3, 11, 10, 0), "telefoon", "afgezegd_coach"),
        Contact(datetime(2026, 3, 12, 10, 0), "telefoon", "verzet"),
    ]
    # A moved contact (verzet) went on at its new moment: no cancellation.
    assert count_contacts(case.contacts).cancelled == 2
    text = summarise(case, scope=Scope.period(date(2026, 3, 1), TODAY)).text
    assert "afgezegd door de jongere" in text and "afgezegd door mij" in text


def test_the_incident_method_centres_on_the_chosen_moment_newest_by_default() -> None:
    case = rich_case()
    choices = moment_choices(case, Scope(), TODAY)
    assert [number for number, _ in choices] == [4, 3, 2, 1]  # newest first
    assert default_moment(case, Scope(), TODAY) == 4
    newest = section(summarise(case, method="incident").text, "Het moment")
    assert newest.startswith("## Het moment\n\nWeek 9 · telefoon:")
    first = section(summarise(case, method="incident", moment=1).text, "Het moment")
    assert "Week 1 · huisbezoek (60 min):" in first and "Daarvoor" not in first
    with pytest.raises(SummaryError, match="bestaat niet"):
        summarise(case, method="incident", moment=9)
    with pytest.raises(SummaryError, match="valt buiten"):
        summarise(case, method="incident", moment=1, scope=Scope.period(date(2026, 3, 1), TODAY))


def test_the_coachs_own_texts_replace_the_suggestions_and_are_anonymised() -> None:
    tried, own = suggestions(rich_case(), Scope(), TODAY)
    assert tried.startswith("- Uitzoeken welke toeslag kan voor Sanne (gedaan).")  # names in: for the coach only
    assert "- Van de 3 afspraken nam ik er 1 op mij" in own
    text = summarise(tried="- Ik belde Sanne elke week.\nIk ging mee naar Karim Aydin.", own_part="").text
    tried_part = section(text, "Wat ik al heb geprobeerd")
    assert "- Ik belde de jongere elke week.\n" in tried_part
    assert "Karim" not in text and "Aydin" not in text
    assert "Nog niets opgeschreven." in section(text, "Mijn eigen aandeel")
