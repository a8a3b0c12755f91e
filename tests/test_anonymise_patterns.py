"""Pattern rules of the anonymiser: numbers, addresses, links and dates (no deduce needed)."""

from __future__ import annotations

from datetime import date

import pytest

from coach.privacy.dates import date_label, find_dates
from coach.privacy.patterns import (
    bsn_valid,
    find_accounts,
    find_bsns,
    find_emails,
    find_ibans,
    find_numbers,
    find_phones,
    find_plates,
    find_postcodes,
    find_urls,
    iban_valid,
)

REFERENCE = date(2026, 3, 20)


def found(finder, text: str) -> list[str]:
    """The stretches of text a finder reports."""
    return [text[s.start : s.end] for s in sorted(finder(text), key=lambda s: s.start)]


@pytest.mark.parametrize(
    "number",
    [
        "06-12345678",
        "06 12345678",
        "06 1234 5678",
        "06 12 34 56 78",
        "0612345678",
        "06.12.34.56.78",
        "06 - 123 456 78",
        "+31 6 2345 6789",
        "+31 (0)6 1234 5678",
        "+31612345678",
        "0031 6 12345678",
        "0031 20 7654321",
        "071-5123456",
        "(071) 512 34 56",
        "020 123 4567",
        "020-1234567",
        "0513-123456",
        "(0575) 51 23 45",
        "088-1234567",
        "0800-1234",
        "0800 1234567",
        "0900-8020",
        "0900 - 1515",
    ],
)
def test_phone_formats(number: str) -> None:
    assert found(find_phones, f"Bel haar op {number}, graag voor vijf uur.") == [number]


@pytest.mark.parametrize(
    "text",
    [
        "om 09.30 uur",
        "op 01-02-2026 om 12 uur",
        "score 3/5",
        "€ 0,50",
        "in 2026",
        "14:00-16:00",
        "12 34 56 jongeren",
        "BSN 123456782",
    ],
)
def test_no_phone_in_ordinary_numbers(text: str) -> None:
    assert find_phones(text) == []


def test_phone_stops_before_a_following_number() -> None:
    assert found(find_phones, "Nummer 06-12345678 2026 nieuw") == ["06-12345678"]


@pytest.mark.parametrize(
    "address",
    [
        "sanne.visser@gmail.com",
        "s.v@school.amsterdam",
        "INFO@KAPSALON-LOOK.NL",
        "w.brink@bewindbrink.nl",
        "a+b@mail.co.uk",
        "werving@zorggroep-noord.org",
        "jasmijn_b [at] outlook.com",
    ],
)
def test_email_any_domain(address: str) -> None:
    assert found(find_emails, f"Mail naar {address}.") == [address]


def test_urls_and_accounts() -> None:
    text = "Zie https://www.tessmaakt.nl/winkel, instagram.com/tess_maakt en www.x.nl. Volg @tess_maakt."
    assert found(find_urls, text) == ["https://www.tessmaakt.nl/winkel", "instagram.com/tess_maakt", "www.x.nl"]
    assert found(find_accounts, text) == ["@tess_maakt"]
    assert find_accounts("mail sanne@gmail.com") == []


@pytest.mark.parametrize("code", ["1234 AB", "1234AB", "1234ab", "8011 AB", "4131 ab"])
def test_postcodes(code: str) -> None:
    assert found(find_postcodes, f"Postcode {code} klopt.") == [code]


@pytest.mark.parametrize("text", ["in 2026 op vakantie", "2000mg paracetamol", "1500 km gefietst", "1234 SS"])
def test_no_postcode_in_ordinary_text(text: str) -> None:
    assert find_postcodes(text) == []


def test_bsn_eleven_test() -> None:
    assert bsn_valid("123456782")
    assert not bsn_valid("123456781")
    assert not bsn_valid("000000000")
    text = "BSN 123456782, 1234.56.782, 123 456 782 en fout 123456781."
    assert found(find_bsns, text) == ["123456782", "1234.56.782", "123 456 782"]


def test_iban_checksum_and_forms() -> None:
    assert iban_valid("NL91 ABNA 0417 1643 00")
    assert not iban_valid("NL92 ABNA 0417 1643 00")
    text = "IBAN NL91 ABNA 0417 1643 00 en NL91ABNA0417164300 of nl91abna0417164300 of BE68539007547034."
    assert set(found(find_ibans, text)) == {
        "NL91 ABNA 0417 1643 00",
        "NL91ABNA0417164300",
        "nl91abna0417164300",
        "BE68539007547034",
    }


def test_dutch_iban_with_a_typo_still_goes() -> None:
    assert found(find_ibans, "rekening NL02ABNA0123456789 graag") == ["NL02ABNA0123456789"]


@pytest.mark.parametrize("plate", ["12-ABC-3", "AB-123-C", "1-ABC-23", "GH-12-34", "XX-99-99", "99-XXX-9", "9-XX-999"])
def test_licence_plates(plate: str) -> None:
    assert found(find_plates, f"De auto ({plate}) stond voor de deur.") == [plate]


def test_plate_after_the_word_kenteken() -> None:
    assert found(find_plates, "kenteken: 5tzl97 staat op naam van vader") == ["5tzl97"]
    assert find_plates("MBO-2 en BBL niveau 3") == []


def test_numbers_after_keywords_and_codes() -> None:
    text = "klantnummer 98-1234/A, dossiernr 4455667, het kenmerk SH-2026-0412 en 1234567890123456."
    assert found(find_numbers, text) == ["98-1234/A", "4455667", "SH-2026-0412", "1234567890123456"]
    assert find_numbers("niveau 2, 32 uur, € 4.312,18 bij 7 schuldeisers, BBL-2") == []


@pytest.mark.parametrize(
    "text",
    [
        "14-03-2026",
        "14/3/26",
        "14.03.2026",
        "14 maart 2026",
        "14 maart",
        "maandag 14 maart",
        "2026-03-14",
        "14 mrt '26",
        "op 14-3",
        "vrijdag 14/3",
        "di 14/3",
        "14-mrt-2026",
        "14 maart, 2026",
        "14-03",
    ],
)
def test_date_formats_become_a_trajectory_week(text: str) -> None:
    spans = find_dates(f"Afspraak {text} gemaakt.", reference_date=REFERENCE, trajectory_start=date(2026, 2, 2))
    assert len(spans) == 1
    assert spans[0].label == "[week 6]"


def test_date_span_takes_the_weekday_but_keeps_the_preposition() -> None:
    text = "We zien elkaar maandag 14 maart en op 20-3."
    assert found(lambda t: find_dates(t, reference_date=REFERENCE), text) == ["maandag 14 maart", "20-3"]


def test_month_precision_without_a_trajectory_start() -> None:
    spans = find_dates("Gesprek op 14-03-2026.", reference_date=REFERENCE)
    assert spans[0].label == "[maart 2026]"


def test_year_is_guessed_nearest_to_the_reference_date() -> None:
    spans = find_dates("Op 28 december belde ze.", reference_date=date(2026, 1, 10))
    assert spans[0].label == "[december 2025]"


def test_weeks_before_the_start_and_long_before() -> None:
    start = date(2026, 2, 2)
    weeks = date_label(date(2026, 1, 20), reference_date=REFERENCE, trajectory_start=start)[0]
    assert weeks == "[2 weken voor de start]"
    assert date_label(date(2025, 6, 1), reference_date=REFERENCE, trajectory_start=start)[0] == "[juni 2025]"


def test_birth_dates_disappear() -> None:
    birth = date(2007, 5, 14)
    labels = [
        s.label
        for s in find_dates(
            "Geboren op 14-05-2007. Ze is jarig op 14 mei. Op 14 mei 2026 viert ze het. Op 3 juni niet.",
            reference_date=REFERENCE,
            birth_date=birth,
        )
    ]
    assert labels == ["[geboortedatum]", "[geboortedatum]", "[verjaardag]", "[juni 2026]"]
    assert find_dates("geb. 02-06-2001", reference_date=REFERENCE)[0].label == "[geboortedatum]"


@pytest.mark.parametrize(
    "text",
    [
        "om 14:00",
        "om 14.30 uur",
        "score 3/5",
        "van 10-12 uur",
        "in maart 2026",
        "in 2026",
        "ze is 19",
        "(19)",
        "maandag",
        "3 maanden",
        "1.5 uur",
    ],
)
def test_not_dates(text: str) -> None:
    assert find_dates(text, reference_date=REFERENCE) == []


@pytest.mark.parametrize(
    ("text", "dates"),
    [
        ("afspr: jayden gaat 3-4 mee naar de open dag.", ["3-4"]),
        ("aanvraag 3-4 ingediend, 12-3 gebeld.", ["3-4", "12-3"]),
        ("Ze slaapt 3-4 uur per nacht.", []),
        ("Hij komt 2-3 keer per week.", []),
        ("tussen 3-4 is ze thuis", []),
        ("Ajax won 3-4 van PSV.", []),
        ("van 8-9 uur op school", []),
        ("een gezin met 3-4 kinderen", []),
        ("ze zit in groep 7-8 en doet niveau 2-3", []),
    ],
)
def test_a_bare_day_dash_month_is_a_date_unless_it_counts(text: str, dates: list[str]) -> None:
    assert found(lambda t: find_dates(t, reference_date=REFERENCE), text) == dates


def test_keyed_numbers_found_from_hints_as_the_whole_scan_finds_them() -> None:
    # find_numbers tries the keyed pattern only where a keyword's part occurs (speed): same matches.
    from coach.privacy.patterns import _KEYED_NUMBER, _keyed_numbers

    texts = [
        "pv-nr 2024-12-0042, p.v. 123-45 en proces-verbaal PL0900-2024; klantnr.: 12345, BSN 123456782",
        "rolnr. 24/123, zaak T 87-113, kenmerk AB 2026 114 578, tolknummer 5512 en ref-no. 88123",
        "Klantnummer:NL-33 en Dossiernr # 2024.118 (aanvraag 77-1204), zaaknummer ëë-12, geen nummer hier",
    ]
    for text in texts:
        assert [m.span() for m in _keyed_numbers(text)] == [m.span() for m in _KEYED_NUMBER.finditer(text)]
    assert found(find_numbers, texts[0])[:2] == ["2024-12-0042", "123-45"]


def test_an_account_word_inside_another_word_is_no_account_word() -> None:
    assert found(find_accounts, "Hij is nodig jan.de.v en insta: jan.de.v") == ["jan.de.v"]
