"""The warm handover: consent rules, the overdrachtsdossier part by part (Markdown and HTML), and the commands."""

from __future__ import annotations

import stat
from datetime import date, datetime
from pathlib import Path

import pytest
from db_digest import digest, digest_of_file
from helpers import make_case

from coach.cli import run
from coach.content.handover import load_handover_words
from coach.content.prompts import load_content
from coach.domain.handover import (
    SHARED_PARTS,
    CoachCard,
    HandoverData,
    HandoverRefused,
    pick_consent,
    rhythm_that_worked,
    suggestion_texts,
    what_works_suggestions,
)
from coach.domain.model import Assessment, Contact, PhaseEntry, WarmStoryItem
from coach.domain.network import NetworkMember
from coach.domain.registration import Consent
from coach.domain.safety import Concern
from coach.reports.handover import handover_html, handover_markdown
from coach.store.audit import access_for_youth, audit_for_youth
from coach.store.cases import insert_cases
from coach.store.db import open_db
from coach.store.handover import handovers_of, save_what_works, what_works
from coach.store.registration import consents_of, withdraw_consent

TODAY = date(2026, 3, 10)
CONTENT = load_content()


def consent(parts: tuple[str, ...] = ("alles",), *, id: int = 1, withdrawn: date | None = None) -> Consent:
    return Consent("Eva Jansen", date(2026, 3, 1), parts, id, "Wijkteam", "jobcoach", None, withdrawn)


# --- consent rules ------------------------------------------------------------------------------


def test_without_any_consent_nothing_can_be_made():
    with pytest.raises(HandoverRefused) as caught:
        pick_consent([])
    assert "nog geen toestemming" in str(caught.value) and "coach consent" in str(caught.value)


def test_a_withdrawn_consent_does_not_count():
    with pytest.raises(HandoverRefused) as caught:
        pick_consent([consent(withdrawn=date(2026, 3, 5))])
    assert "ingetrokken" in str(caught.value)
    with pytest.raises(HandoverRefused) as named:
        pick_consent([consent(withdrawn=date(2026, 3, 5)), consent(id=2)], 1)
    assert "05-03-2026 ingetrokken" in str(named.value)
    # The newest that still counts is chosen, past a withdrawn newer one.
    older = Consent("Piet", date(2026, 2, 1), ("netwerk",), 3)
    assert pick_consent([older, consent(withdrawn=date(2026, 3, 5))]).id == 3


def test_a_consent_of_someone_else_or_for_fewer_parts_is_refused():
    with pytest.raises(HandoverRefused) as other:
        pick_consent([consent()], 9)
    assert "hoort niet bij deze jongere" in str(other.value)
    with pytest.raises(HandoverRefused) as partial:
        pick_consent([consent(("warm_verhaal", "netwerk"))], need=SHARED_PARTS)
    assert "geldt niet voor leefgebieden, contacten, veiligheid" in str(partial.value)
    assert pick_consent([consent(("alles",))], need=SHARED_PARTS).id == 1


# --- the document, part by part ----------------------------------------------------------------

# One marker per part: it is in the document exactly when that part is consented to.
MARKERS = {
    "warm_verhaal": ("Trots op mijn zus", "Kort bellen werkt"),
    "leefgebieden": ("Schulden bij de zorgverzekeraar",),
    "netwerk": ("Ria Bakker", "06-11112222"),
    "contacten": ("Bellen met de woningcorporatie", "Intake rond", "Ongeveer elke"),
    "veiligheid": ("LET OP", "Huiselijk geweld"),
}


def _data(**changes) -> HandoverData:
    contacts = [
        Contact(datetime(2026, 2, day, 10), "huisbezoek", "plaatsgevonden", note="Kort bellen werkt goed.")
        for day in (2, 9, 16, 23)
    ]
    case = make_case(
        "Samira",
        full=True,
        warm_story=[WarmStoryItem("trots", "Trots op mijn zus", own_words=True)],
        assessments=[
            Assessment(
                date(2026, 3, 1), "financien", score=2, youth_score=3, concerns="Schulden bij de zorgverzekeraar"
            )
        ],
        contacts=contacts,
        phases=[
            PhaseEntry("aanmelding", date(2026, 1, 5)),
            PhaseEntry("intake", date(2026, 1, 20), note="Intake rond"),
        ],
    )
    network = (
        NetworkMember("Ria Bakker", "moeder", "informeel", may_contact=True, phone="06-11112222"),
        NetworkMember("Kees Bakker", "vader", "informeel", may_contact=False, phone="06-99990000"),
    )
    concern = Concern(1, 1, "huiselijk_geweld", "Huiselijk geweld", date(2026, 3, 2), "intake", "slaat", "open")
    values = {
        "network": network,
        "open_concerns": (concern,),
        "what_works": "Kort bellen werkt, dan langs.",
        "coach": CoachCard("Sam de Vries", "06-12345678", "sam@voorbeeld.nl", "Jongerenwerk Oost"),
    }
    return HandoverData(case, **(values | changes))


@pytest.mark.parametrize("part", list(MARKERS))
def test_each_part_is_in_the_document_only_with_consent(part: str):
    only = handover_markdown(_data(), consent((part,)), CONTENT, TODAY)
    others = handover_markdown(_data(), consent(tuple(p for p in MARKERS if p != part)), CONTENT, TODAY)
    for marker in MARKERS[part]:
        assert marker in only, (part, marker)
        assert marker not in others, (part, marker)
        assert marker in handover_html(only, "x")
        assert marker not in handover_html(others, "x")
    # What was left out is named, and the coach's contact details are always there.
    assert "Niet gedeeld" in only and "06-12345678" in only and "sam@voorbeeld.nl" in others


def test_the_document_keeps_the_order_of_a_warm_handover():
    text = handover_markdown(_data(), consent(), CONTENT, TODAY)
    headings = [line for line in text.splitlines() if line.startswith("## ")]
    assert headings == [
        "## Wie Samira is, in eigen woorden",
        "## Wat werkt",
        "## Netwerk: wie je kunt bellen",
        "## Hoe het nu gaat, per leefgebied",
        "## Open afspraken",
        "## Het traject tot nu toe",
        "## Het contactritme dat werkte",
        "## Zorgen over veiligheid",
        "## Contact met de vorige coach",
    ]
    assert "volgens de coach 2 (niet zelfredzaam); volgens Samira zelf 3 (beperkt zelfredzaam)" in text
    assert "Niet gedeeld" not in text


def test_who_is_not_to_be_approached_is_named_without_a_number():
    text = handover_markdown(_data(), consent(("netwerk",)), CONTENT, TODAY)
    kees = next(line for line in text.splitlines() if "Kees" in line)
    assert "niet benaderen" in kees and "06-99990000" not in text


def test_injected_markup_is_shown_as_text_never_obeyed():
    evil = '<script>alert(1)</script> [klik](javascript:alert(1)) <img src=x onerror="x()">'
    case_data = _data(what_works="# Geen kop\n<b>vet</b> & meer\n\n- [klik](javascript:x)\n- gewoon", network=())
    case_data.case.warm_story[0] = WarmStoryItem("trots", evil)
    markdown = handover_markdown(case_data, consent(), CONTENT, TODAY)
    page = handover_html(markdown, "<title>")
    for raw in ("<script", "<img", "<b>", 'href="javascript', "<title><title>"):
        assert raw not in page, raw
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "<h1>Geen kop" not in page and "# Geen kop" in page
    assert "&lt;b&gt;vet&lt;/b&gt; &amp; meer" in page
    # A list the coach typed in "wat werkt" stays a list, its text escaped all the same.
    assert "<li>[klik](javascript:x)</li>\n<li>gewoon</li>" in page


def test_the_rhythm_that_worked_and_suggestions_from_the_notes():
    data = _data()
    assert rhythm_that_worked(data.case, TODAY) == (
        "Ongeveer elke 7 dagen contact (de laatste 4 keer), meestal huisbezoek. "
        "Van de 4 afgesproken contactmomenten gingen er 4 door."
    )
    assert rhythm_that_worked(make_case("Bo"), TODAY) is None
    texts = ["Eerst koffie. Daarna lukt het praten beter!", "Niets bijzonders.", "Samen lopen helpt haar."]
    assert what_works_suggestions(texts, load_handover_words()) == [
        "Daarna lukt het praten beter!",
        "Samen lopen helpt haar.",
    ]
    assert suggestion_texts(data.case)[0] == "Kort bellen werkt goed."


# --- the commands ---------------------------------------------------------------------------------


@pytest.fixture
def env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    db_path = tmp_path / "coach.db"
    config = tmp_path / "config.toml"
    config.write_text('coach = "Sam de Vries"\ncoach_phone = "06-12345678"\norganisation = "Jongerenwerk Oost"\n')
    for name, value in {"COACH_DB": db_path, "COACH_TODAY": TODAY.isoformat(), "COACH_CONFIG": config}.items():
        monkeypatch.setenv(name, str(value))
    for name in ("COACH_PROMPTS", "COACH_PASSPHRASE", "COACH_TRANSFER_PASSPHRASE", "COACH_AGE_IDENTITY"):
        monkeypatch.delenv(name, raising=False)
    db = open_db(db_path)
    insert_cases(db, [make_case("Sanne", full=True)])
    db.close()
    return db_path


def call(capsys, *args: str) -> tuple[int, str, str]:
    code = run(list(args))
    out, err = capsys.readouterr()
    assert "Traceback" not in err and "onverwachts" not in err, err
    return code, out, err


def test_consent_is_recorded_and_bad_parts_are_refused(env: Path, capsys):
    code, out, err = call(
        capsys, "consent", "1", "--aan", "Eva", "--delen", "netwerk, veiligheid", "--datum", "gisteren"
    )
    assert (code, out.strip()) == (0, "1"), err
    before = digest_of_file(env)
    for args, said in (
        (("--aan", "Eva", "--delen", "netwerk,geld"), "--delen: geld kan niet"),
        (("--aan", "Eva", "--datum", "morgen"), "toekomst"),
        (("--delen", "alles"), "--aan ontbreekt"),
    ):
        code, _out, err = call(capsys, "consent", "1", *args)
        assert code == 2 and said in err, err
    assert digest_of_file(env) == before
    db = open_db(env)
    [stored] = consents_of(db, 1)
    assert (stored.parts, stored.given_on) == (("netwerk", "veiligheid"), date(2026, 3, 9))


def test_handover_is_refused_without_a_consent_that_counts(env: Path, capsys, tmp_path: Path):
    before = digest_of_file(env)
    code, out, err = call(capsys, "handover", "1", "-o", str(tmp_path / "d.md"))
    assert code == 1 and "nog geen toestemming" in err and not out
    assert not (tmp_path / "d.md").exists() and digest_of_file(env) == before
    call(capsys, "consent", "1", "--aan", "Eva")
    db = open_db(env)
    withdraw_consent(db, 1, on=TODAY)
    db.close()
    code, _out, err = call(capsys, "handover", "1")
    assert code == 1 and "ingetrokken" in err


def test_handover_writes_markdown_or_html_and_is_recorded(env: Path, capsys, tmp_path: Path):
    call(capsys, "consent", "1", "--aan", "Eva", "--organisatie", "Wijkteam", "--delen", "warm_verhaal")
    db = open_db(env)
    save_what_works(db, 1, "Rustig <beginnen>.")
    db.close()
    code, out, err = call(capsys, "handover", "1")
    assert code == 0, err
    assert out.startswith("# Overdracht: Sanne Visser") and "Rustig \\<beginnen\\>." in out
    assert "## Netwerk" not in out and "Sam de Vries" in out
    page = tmp_path / "overdracht.html"
    code, out, err = call(capsys, "handover", "1", "-o", str(page))
    assert code == 0 and not out, err
    text = page.read_text(encoding="utf-8")
    assert text.startswith("<!DOCTYPE html>") and "Rustig &lt;beginnen&gt;." in text
    assert stat.S_IMODE(page.stat().st_mode) == 0o600
    db = open_db(env)
    records = handovers_of(db, 1)
    assert [(r.kind, r.counterpart, r.organisation, r.parts) for r in records] == [
        ("dossier", "Eva", "Wijkteam", ("warm_verhaal",))
    ] * 2
    assert [how for _at, _who, how in access_for_youth(db, 1)][:2] == ["handover", "handover"]
    assert {entry.table for entry in audit_for_youth(db, 1)} >= {"handovers", "handover_notes"}
    assert what_works(db, 1) == "Rustig <beginnen>."


def test_the_coachs_contact_details_come_from_the_settings(tmp_path: Path):
    from coach.config import ConfigError, load_config

    path = tmp_path / "config.toml"
    path.write_text('coach_phone = " 06-12345678 "\ncoach_email = "sam@voorbeeld.nl"\norganisation = ""\n')
    config = load_config(path)
    assert (config.coach_phone, config.coach_email, config.organisation) == ("06-12345678", "sam@voorbeeld.nl", None)
    for bad in ("coach_phone = 612345678", 'coach_email = "a\\nb"', f'organisation = "{"x" * 201}"'):
        path.write_text(bad + "\n")
        with pytest.raises(ConfigError) as caught:
            load_config(path)
        assert "klopt niet" in str(caught.value)


def test_what_works_keeps_its_history_and_refuses_what_cannot_be_kept(env: Path):
    from coach.store.errors import StoreError

    db = open_db(env)
    save_what_works(db, 1, "Eerst koffie.")
    save_what_works(db, 1, "  Eerst koffie, dan praten.  ")
    before = digest(db)
    for bad, said in (("x" * 20_001, "te lang"), ("stuur\x1b[2J", "stuurtekens")):
        with pytest.raises(StoreError) as caught:
            save_what_works(db, 1, bad)
        assert said in str(caught.value)
    with pytest.raises(StoreError):
        save_what_works(db, 99, "Niemand")
    assert digest(db) == before
    assert what_works(db, 1) == "Eerst koffie, dan praten."
    earlier = db.execute("SELECT text FROM revisions WHERE table_name = 'handover_notes'").fetchall()
    assert [row[0] for row in earlier] == ["Eerst koffie."]
