"""Dutch date and time input: what a coach types, what it means, and the messages for what is unclear."""

from __future__ import annotations

import re
from datetime import date, datetime

import pytest

from coach.domain.dutch_dates import (
    DAY_EXAMPLES,
    EXAMPLES,
    FUTURE,
    PAST,
    DateInputError,
    ParsedMoment,
    parse_day,
    parse_moment,
)

# Saturday 14 March 2026, half past ten in the morning.
NOW = datetime(2026, 3, 14, 10, 30)


def at(text: str, direction: str = PAST, now: datetime = NOW) -> datetime:
    """The moment the text means."""
    return parse_moment(text, now, direction=direction).at


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("nu", datetime(2026, 3, 14, 10, 30)),
        ("  Nu ", datetime(2026, 3, 14, 10, 30)),
        ("vandaag", datetime(2026, 3, 14)),
        ("vandaag 9:15", datetime(2026, 3, 14, 9, 15)),
        ("gisteren", datetime(2026, 3, 13)),
        ("Gisteren 14:00", datetime(2026, 3, 13, 14, 0)),
        ("14:00 gisteren", datetime(2026, 3, 13, 14, 0)),
        ("gisteren om 14.00", datetime(2026, 3, 13, 14, 0)),
        ("eergisteren 16u", datetime(2026, 3, 12, 16, 0)),
        ("morgen", datetime(2026, 3, 15)),
        ("overmorgen 10:00", datetime(2026, 3, 16, 10, 0)),
        ("14:00", datetime(2026, 3, 14, 14, 0)),
        ("9:05", datetime(2026, 3, 14, 9, 5)),
        ("14u", datetime(2026, 3, 14, 14, 0)),
        ("14 uur", datetime(2026, 3, 14, 14, 0)),
        ("14u30", datetime(2026, 3, 14, 14, 30)),
        ("14.30", datetime(2026, 3, 14, 14, 30)),
        ("14:30u", datetime(2026, 3, 14, 14, 30)),
        ("12-3", datetime(2026, 3, 12)),
        ("12/3", datetime(2026, 3, 12)),
        ("12-03", datetime(2026, 3, 12)),
        ("12-3-2026", datetime(2026, 3, 12)),
        ("12-3-26", datetime(2026, 3, 12)),
        ("12.3.2026", datetime(2026, 3, 12)),
        ("2026-03-12", datetime(2026, 3, 12)),
        ("12 maart", datetime(2026, 3, 12)),
        ("12 mrt", datetime(2026, 3, 12)),
        ("12 Maart 14:00", datetime(2026, 3, 12, 14, 0)),
        ("12 mrt 2026 14:00u", datetime(2026, 3, 12, 14, 0)),
        ("3 jan", datetime(2026, 1, 3)),
        ("1 februari 2026", datetime(2026, 2, 1)),
        ("do 12 maart", datetime(2026, 3, 12)),
        ("3 dagen geleden", datetime(2026, 3, 11)),
        ("twee weken geleden", datetime(2026, 2, 28)),
    ],
)
def test_good_input_for_a_held_contact(text, expected):
    assert at(text) == expected


@pytest.mark.parametrize(
    ("text", "past", "future"),
    [
        # Saturday the 14th: a weekday on its own is the last one, or the next one, today included.
        ("di", date(2026, 3, 10), date(2026, 3, 17)),
        ("dinsdag", date(2026, 3, 10), date(2026, 3, 17)),
        ("ma", date(2026, 3, 9), date(2026, 3, 16)),
        ("wo", date(2026, 3, 11), date(2026, 3, 18)),
        ("do", date(2026, 3, 12), date(2026, 3, 19)),
        ("vr", date(2026, 3, 13), date(2026, 3, 20)),
        ("vrijdag", date(2026, 3, 13), date(2026, 3, 20)),
        ("za", date(2026, 3, 14), date(2026, 3, 14)),
        ("zo", date(2026, 3, 8), date(2026, 3, 15)),
        # "vorige" and "volgende" never mean today.
        ("vorige za", date(2026, 3, 7), date(2026, 3, 7)),
        ("volgende zaterdag", date(2026, 3, 21), date(2026, 3, 21)),
        ("komende di", date(2026, 3, 17), date(2026, 3, 17)),
        ("afgelopen maandag", date(2026, 3, 9), date(2026, 3, 9)),
        # A week named: that weekday in that calendar week.
        ("vorige week dinsdag", date(2026, 3, 3), date(2026, 3, 3)),
        ("volgende week di", date(2026, 3, 17), date(2026, 3, 17)),
        ("deze week vr", date(2026, 3, 13), date(2026, 3, 13)),
        # A date without a year: this year's, unless that is on the wrong side of today.
        ("28-12", date(2025, 12, 28), date(2026, 12, 28)),
        ("2-1", date(2026, 1, 2), date(2027, 1, 2)),
        ("16 maart", date(2025, 3, 16), date(2026, 3, 16)),
        ("14-3", date(2026, 3, 14), date(2026, 3, 14)),
    ],
)
def test_direction_decides_weekdays_and_yearless_dates(text, past, future):
    assert parse_moment(text, NOW, direction=PAST).day == past
    assert parse_moment(text, NOW, direction=FUTURE).day == future


def test_time_given_or_not():
    assert parse_moment("di 10:30", NOW, direction=FUTURE) == ParsedMoment(datetime(2026, 3, 17, 10, 30), True)
    assert parse_moment("di", NOW) == ParsedMoment(datetime(2026, 3, 10, 0, 0), False)
    assert parse_moment("nu", NOW).has_time


def test_relative_words_for_planning():
    assert at("over 2 weken", FUTURE) == datetime(2026, 3, 28)
    assert at("over een week 10:00", FUTURE) == datetime(2026, 3, 21, 10, 0)
    assert at("over 3 dagen", FUTURE) == datetime(2026, 3, 17)
    assert at("over een maand", FUTURE) == datetime(2026, 4, 14)
    # A month later from the 31st ends on the last day of the shorter month.
    assert at("over een maand", FUTURE, datetime(2026, 1, 31, 9, 0)) == datetime(2026, 2, 28)


def test_two_digit_year_is_read_around_the_given_now_not_the_machine_clock():
    assert at("1-2-30", now=datetime(2026, 3, 14)) == datetime(2030, 2, 1)
    assert at("1-2-99", now=datetime(2026, 3, 14)) == datetime(1999, 2, 1)
    assert at("1-2-99", now=datetime(2090, 3, 14)) == datetime(2099, 2, 1)


def test_29_february():
    assert at("29-2", now=datetime(2028, 3, 1)) == datetime(2028, 2, 29)
    assert at("29 feb", FUTURE, now=datetime(2028, 1, 10)) == datetime(2028, 2, 29)
    assert at("29-2-2024") == datetime(2024, 2, 29)
    with pytest.raises(DateInputError, match="29 februari bestaat niet in 2026"):
        at("29-2")
    with pytest.raises(DateInputError, match="schrikkeljaar"):
        at("29-2-2027")


def test_across_the_year_end():
    new_year = datetime(2026, 1, 2, 9, 0)  # a Friday
    assert at("31-12", now=new_year) == datetime(2025, 12, 31)
    assert at("ma", now=new_year) == datetime(2025, 12, 29)
    assert at("eergisteren", now=new_year) == datetime(2025, 12, 31)
    assert at("vorige week wo", now=new_year) == datetime(2025, 12, 24)


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("", "Vul een datum"),
        ("   ", "Vul een datum"),
        ("blabla", "begrijp ik niet"),
        ("vannacht", "begrijp ik niet"),  # last night or tonight: too unclear to guess
        ("31-2", "31 februari bestaat niet"),
        ("30 februari", "30 februari bestaat niet"),
        ("31-4", "31 april bestaat niet"),
        ("32 maart", "geen bestaande datum"),
        ("0-3", "geen bestaande datum"),
        ("32-3", "geen bestaande datum"),
        ("3-0", "Maand 0 bestaat niet"),
        ("12 maart 202", "geen bestaande datum"),
        ("1-2-3", "niet duidelijk"),
        ("12-3-202", "niet duidelijk"),
        ("12-13", "Maand 13 bestaat niet"),
        ("12 13", "Maand 13 bestaat niet"),
        ("14", "Bedoel je de 14e"),
        ("maart", "Welke dag"),
        ("25:00", "25:00 is geen bestaande tijd"),
        ("12:75", "12:75 is geen bestaande tijd"),
        ("24u", "geen bestaande tijd"),
        ("di 12 mrt", "12 maart 2026 is een donderdag, geen dinsdag"),
        ("di morgen", "twee dagen"),
        ("gisteren 12-3", "twee dagen"),
        ("vorige", "begrijp ik niet"),
        ("nu 14:00", "begrijp ik niet"),
        ("14:00 pm", "begrijp ik niet"),
    ],
)
def test_unclear_or_impossible_input_gets_a_dutch_message(text, words):
    with pytest.raises(DateInputError) as caught:
        parse_moment(text, NOW)
    message = str(caught.value)
    assert words in message
    assert "Traceback" not in message and "Unknown string" not in message


def test_messages_say_how_to_write_it():
    with pytest.raises(DateInputError) as caught:
        parse_moment("blabla", NOW)
    assert "gisteren 14:00" in str(caught.value) and "12-3" in str(caught.value)


def test_due_dates_are_days_without_a_time():
    today = date(2026, 3, 14)
    assert parse_day("vr", today) == date(2026, 3, 20)
    assert parse_day("20-3", today) == date(2026, 3, 20)
    assert parse_day("over 2 weken", today) == date(2026, 3, 28)
    assert parse_day("1-2", today) == date(2027, 2, 1)
    with pytest.raises(DateInputError, match="alleen een datum"):
        parse_day("vr 10:00", today)
    with pytest.raises(DateInputError):
        parse_day("31-2", today)


def examples_in(text: str) -> list[str]:
    """The example inputs a message's 'bijvoorbeeld: a, b of c' offers."""
    listed = text.split("bijvoorbeeld", 1)[1].lstrip(": ").rstrip(".")
    return [part.strip() for part in re.split(r", | of ", listed)]


@pytest.mark.parametrize("direction", [PAST, FUTURE])
@pytest.mark.parametrize("typed", ["blabla", "vr 10:00", "", "gisteren vr", "vorige"])
def test_a_field_for_a_day_gives_examples_of_days_not_of_times(direction, typed):
    with pytest.raises(DateInputError) as caught:
        parse_day(typed, date(2026, 3, 14), direction=direction)
    message = str(caught.value)
    assert DAY_EXAMPLES[direction] in message
    assert not re.search(r"\d[:.]\d\d", message), message  # no 14:00 or 14.30 where no time may go


@pytest.mark.parametrize("direction", [PAST, FUTURE])
def test_the_examples_a_message_offers_are_understood_themselves(direction):
    today = date(2026, 3, 14)
    days = [parse_day(example, today, direction=direction) for example in examples_in(DAY_EXAMPLES[direction])]
    assert all(day <= today for day in days) if direction == PAST else all(day >= today for day in days)
    for example in examples_in(EXAMPLES):
        parse_moment(example, NOW)


def test_a_daylight_saving_night_is_an_ordinary_day():
    # The clocks go forward on Sunday 29 March 2026; days and times stay what was typed.
    monday = datetime(2026, 3, 30, 9, 0)
    assert at("gisteren 2:30", now=monday) == datetime(2026, 3, 29, 2, 30)
    assert at("zo", now=monday) == datetime(2026, 3, 29)


@pytest.mark.parametrize(
    ("text", "direction", "expected"),
    [
        # Part-of-day words: a fair default time, a typed time wins, and an evening hour is after noon.
        ("vanochtend", PAST, datetime(2026, 3, 14, 9, 0)),
        ("vanmorgen", PAST, datetime(2026, 3, 14, 9, 0)),
        ("vanmiddag", FUTURE, datetime(2026, 3, 14, 14, 0)),
        ("vanavond", FUTURE, datetime(2026, 3, 14, 19, 0)),
        ("vanavond 8 uur", FUTURE, datetime(2026, 3, 14, 20, 0)),
        ("Vanavond 20:15", FUTURE, datetime(2026, 3, 14, 20, 15)),
        ("morgenochtend", FUTURE, datetime(2026, 3, 15, 9, 0)),
        ("morgenochtend 10:30", FUTURE, datetime(2026, 3, 15, 10, 30)),
        ("morgenmiddag", FUTURE, datetime(2026, 3, 15, 14, 0)),
        ("morgen middag 3 uur", FUTURE, datetime(2026, 3, 15, 15, 0)),
        ("morgenavond", FUTURE, datetime(2026, 3, 15, 19, 0)),
        ("overmorgenochtend", FUTURE, datetime(2026, 3, 16, 9, 0)),
        ("gisteravond", PAST, datetime(2026, 3, 13, 19, 0)),
        ("gisterochtend 11:00", PAST, datetime(2026, 3, 13, 11, 0)),
        ("gisterenmiddag", PAST, datetime(2026, 3, 13, 14, 0)),
        ("dinsdagavond", FUTURE, datetime(2026, 3, 17, 19, 0)),
        ("vrijdag 's middags", PAST, datetime(2026, 3, 13, 14, 0)),
        # "morgen" alone is still tomorrow, without a time.
        ("morgen", FUTURE, datetime(2026, 3, 15)),
    ],
)
def test_parts_of_the_day(text, direction, expected):
    assert at(text, direction) == expected
