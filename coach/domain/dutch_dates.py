"""Dutch date and time input ("gisteren 14:00", "di 10:30", "12-3", "12 maart") read relative to a given now.

The absolute parts go through python-dateutil with a Dutch `parserinfo`, day
first; the relative words ("gisteren", "vorige week dinsdag", "over 2 weken")
and the Dutch ways of writing a time ("14u", "14.30", "14 uur") are handled
here. Anything unclear or impossible raises `DateInputError` with a Dutch
message that says how to write it.
"""

from __future__ import annotations

import re
from calendar import isleap
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any, Literal

from dateutil.parser import parser, parserinfo

Direction = Literal["past", "future"]
PAST: Direction = "past"
FUTURE: Direction = "future"

MONTH_NAMES = (
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
)
WEEKDAY_NAMES = ("maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag")

EXAMPLES = "bijvoorbeeld: gisteren 14:00, di 10:30, 12-3, 12 maart 2026 of 14.30"
# For a day without a time: looking back (when a phase began, a period) or ahead (a due date).
DAY_EXAMPLES: dict[Direction, str] = {
    PAST: "bijvoorbeeld: gisteren, vr, 20-3, 12 maart of 2 weken geleden",
    FUTURE: "bijvoorbeeld: morgen, vr, 20-3, 12 maart of over 2 weken",
}


class DateInputError(ValueError):
    """Input that is not a clear, existing date or time; the message is Dutch and says how to write it."""


class DutchParserInfo(parserinfo):  # type: ignore[misc]  # dateutil ships no types
    """Dutch weekday and month names (with abbreviations), day first, two-digit years around `now`."""

    JUMP = [" ", ".", ",", ";", "-", "/", "'", "om", "op", "de", "van"]
    WEEKDAYS = [
        ("ma", "maa", "maan", "maandag"),
        ("di", "din", "dins", "dinsdag"),
        ("wo", "woe", "woens", "woensdag"),
        ("do", "don", "dond", "donderdag"),
        ("vr", "vrij", "vrijdag"),
        ("za", "zat", "zaterdag"),
        ("zo", "zon", "zondag"),
    ]
    MONTHS = [
        ("jan", "januari"),
        ("feb", "febr", "februari"),
        ("mrt", "mar", "maa", "maart"),
        ("apr", "april"),
        ("mei",),
        ("jun", "juni"),
        ("jul", "juli"),
        ("aug", "augustus"),
        ("sep", "sept", "september"),
        ("okt", "oct", "oktober"),
        ("nov", "november"),
        ("dec", "december"),
    ]
    HMS = [("uur",), ("min", "minuut", "minuten"), ("sec", "seconde", "seconden")]
    # No a.m./p.m. or time zones in Dutch input; "a", "p" and "z" must not mean anything.
    AMPM: list[str] = []
    UTCZONE: list[str] = []
    PERTAIN: list[str] = []

    def __init__(self, year: int) -> None:
        super().__init__(dayfirst=True)
        # dateutil reads the machine clock for two-digit years; use the given now instead.
        self._year = year
        self._century = year // 100 * 100


@dataclass(frozen=True)
class ParsedMoment:
    """What the coach typed, understood: the moment, and whether a time of day was given."""

    at: datetime
    has_time: bool

    @property
    def day(self) -> date:
        """The calendar day."""
        return self.at.date()


# For looking up month names outside a parse; the year does not matter there.
_INFO = DutchParserInfo(2000)


# --- normalising the Dutch ways of writing a time ---------------------------------

_SPACES = re.compile(r"\s+")
# 14u, 14 u, 14 uur, 14u30, 14h30, 14:30u, 14:30 uur
_HOUR_WORD = re.compile(r"\b(\d{1,2})(?::(\d{1,2}))?\s*(?:uur|u|h)(?:\s*(\d{2}))?\b")
# 14.30 is a time; 12.3.2026 is a date, so a dot between two numbers only counts when nothing date-like follows.
_DOT_TIME = re.compile(r"(?<![\d.])(\d{1,2})\.(\d{2})(?![\d.]|-\d)")
_TIME = re.compile(r"(?<![\d.:])(\d{1,2}):(\d{1,2})(?::(\d{1,2}))?(?![\d.:])")
_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})\b")
_NUMERIC_DATE = re.compile(r"(?<![\d:])(\d{1,4})([-/.])(\d{1,2})(?:\2(\d+))?(?![\d:])")


# Part-of-day words, and the time they mean when no time is typed: what a coach plans "vanmiddag" is
# an afternoon appointment; 14:00 is a fair guess the echo shows, and a typed time wins.
PARTS_OF_DAY = {"ochtend": 9, "middag": 14, "avond": 19}
_PART = r"(ochtend|middag|avond)"
# "vanochtend", "vanmorgen" (this morning), "morgenochtend", "gisteravond", "dinsdagavond": one word in Dutch,
# taken apart into a day word and a part of the day. "morgen" alone stays tomorrow.
_PART_COMPOUNDS = (
    (re.compile(r"\bvanmorgen\b"), "vandaag ochtend"),
    (re.compile(rf"\bvan{_PART}\b"), r"vandaag \1"),
    (re.compile(r"\bmorgenvroeg\b"), "morgen ochtend"),
    (re.compile(rf"\b(overmorgen|morgen){_PART}\b"), r"\1 \2"),
    (re.compile(rf"\b(eergisteren|gisteren|eergister|gister){_PART}\b"), r"\1 \2"),
    (re.compile(rf"\b({'|'.join(WEEKDAY_NAMES)}){_PART}\b"), r"\1 \2"),
    (re.compile(rf"'s {_PART}s\b"), r"\1"),
    (re.compile(r"\b(eer)?gister\b"), r"\1gisteren"),
)
_PART_WORD = re.compile(rf"\b{_PART}\b")


def _normalise(text: str) -> str:
    text = _SPACES.sub(" ", text.strip().lower())
    for pattern, replacement in _PART_COMPOUNDS:
        text = pattern.sub(replacement, text)
    text = _HOUR_WORD.sub(lambda m: f"{m[1]}:{m[2] or m[3] or '00'}", text)
    return _DOT_TIME.sub(r"\1:\2", text)


# --- relative words ------------------------------------------------------------------

_DAY_WORDS = {"eergisteren": -2, "gisteren": -1, "vandaag": 0, "morgen": 1, "overmorgen": 2}
_NUMBER_WORDS = {"een": 1, "één": 1, "twee": 2, "drie": 3, "vier": 4, "vijf": 5, "zes": 6}
_COUNT = r"(\d{1,3}|een|één|twee|drie|vier|vijf|zes)"
_UNIT = r"(dag|dagen|week|weken|maand|maanden)"
_IN = re.compile(rf"\bover {_COUNT} {_UNIT}\b")
_AGO = re.compile(rf"\b{_COUNT} {_UNIT} geleden\b")
_WEEK = re.compile(r"\b(vorige|afgelopen|deze|volgende|komende) week\b")
_STRICT = re.compile(r"\b(vorige|afgelopen|volgende|komende|aanstaande)\b")
_DAY_WORD = re.compile(r"\b(" + "|".join(sorted(_DAY_WORDS, key=len, reverse=True)) + r")\b")
_WEEK_SHIFT = {"vorige": -1, "afgelopen": -1, "deze": 0, "volgende": 1, "komende": 1}


@dataclass
class _Relative:
    """The relative part of the input, taken out before dateutil reads the rest."""

    day: date | None = None  # a day fixed by a relative word
    week_shift: int | None = None  # "vorige week" → -1, combined with a weekday
    strict: Direction | None = None  # "vorige dinsdag": never today
    part: str | None = None  # "ochtend", "middag", "avond": the default time, and am/pm for a bare hour


def _take_relative(text: str, today: date, examples: str) -> tuple[_Relative, str]:
    found = _Relative()
    words = 0

    def remove(match: re.Match[str]) -> str:
        nonlocal words
        words += 1
        return " "

    for pattern, sign in ((_IN, 1), (_AGO, -1)):
        match = pattern.search(text)
        if match:
            count = int(match[1]) if match[1].isdecimal() else _NUMBER_WORDS[match[1]]
            unit = match[2]
            if unit.startswith("maand"):
                found.day = _add_months(today, sign * count)
            else:
                found.day = today + timedelta(days=sign * count * (7 if unit.startswith("we") else 1))
            text = pattern.sub(remove, text, count=1)
    match = _WEEK.search(text)
    if match:
        found.week_shift = _WEEK_SHIFT[match[1]]
        text = _WEEK.sub(remove, text, count=1)
    match = _DAY_WORD.search(text)
    if match:
        found.day = today + timedelta(days=_DAY_WORDS[match[1]])
        text = _DAY_WORD.sub(remove, text, count=1)
    match = _PART_WORD.search(text)
    if match:
        found.part = match[1]
        text = _PART_WORD.sub(" ", text, count=1)
    match = _STRICT.search(text)
    if match:
        found.strict = PAST if match[1] in ("vorige", "afgelopen") else FUTURE
        text = _STRICT.sub(remove, text, count=1)
    if words > 1 or (found.day is not None and found.week_shift is not None):
        raise DateInputError(f"Daar staan twee dagen in. Schrijf één dag, {examples}.")
    return found, _SPACES.sub(" ", text).strip()


def _add_months(day: date, months: int) -> date:
    month_index = day.year * 12 + day.month - 1 + months
    year, month = divmod(month_index, 12)
    month += 1
    last = 29 if month == 2 and isleap(year) else (28 if month == 2 else (30 if month in (4, 6, 9, 11) else 31))
    return date(year, month, min(day.day, last))


# --- the parser ----------------------------------------------------------------------


def parse_moment(
    text: str, now: datetime, *, direction: Direction = PAST, examples: str = EXAMPLES, what: str = "een datum of tijd"
) -> ParsedMoment:
    """Read Dutch date/time input relative to `now`.

    A weekday on its own means the nearest such day in `direction` (today
    included): the last one for a held contact, the next one for a planned one.
    A date without a year likewise means this year's, or last year's (past)
    or next year's (future) when this year's lies on the other side of today:
    "28-12" typed in January is last December for a held contact. Only a time
    means today. `examples` and `what` are for the messages: what the field asks for.
    """
    raw = text.strip()
    if not raw:
        raise DateInputError(f"Vul {what} in, {examples}.")
    normal = _normalise(raw)
    if normal == "nu":
        return ParsedMoment(now.replace(second=0, microsecond=0), True)
    today = now.date()
    relative, rest = _take_relative(normal, today, examples)
    hour = minute = None
    weekday = None
    found_date: date | None = None
    if rest:
        hour, minute, weekday, found_date = _absolute(raw, rest, now, direction, examples)
    if found_date is not None and relative.day is not None:
        raise DateInputError(f"Daar staan twee dagen in. Schrijf één dag, {examples}.")
    if weekday is not None and found_date is not None and found_date.weekday() != weekday:
        raise DateInputError(
            f"{found_date.day} {MONTH_NAMES[found_date.month - 1]} {found_date.year} is een "
            f"{WEEKDAY_NAMES[found_date.weekday()]}, geen {WEEKDAY_NAMES[weekday]}. Pas de dag of de datum aan."
        )
    if weekday is not None and relative.day is not None:
        raise DateInputError(f"Daar staan twee dagen in. Schrijf één dag, {examples}.")
    day = found_date or relative.day
    if day is None and weekday is not None:
        day = _weekday(today, weekday, relative, direction)
    elif day is None and relative.week_shift is not None:
        day = today + timedelta(weeks=relative.week_shift)
    elif relative.strict is not None and weekday is None:
        raise DateInputError(f"'{raw}' begrijp ik niet als datum. Schrijf {examples}.")
    if day is None:
        if hour is None:
            raise DateInputError(f"'{raw}' begrijp ik niet als datum. Schrijf {examples}.")
        day = today
    if relative.part is not None:
        if hour is None:
            hour, minute = PARTS_OF_DAY[relative.part], 0
        elif relative.part != "ochtend" and hour < 12:
            hour += 12  # "vanavond 8 uur" is 20:00
    if hour is None:
        return ParsedMoment(datetime.combine(day, time(0, 0)), False)
    return ParsedMoment(datetime.combine(day, time(hour, minute or 0)), True)


def _weekday(today: date, weekday: int, relative: _Relative, direction: Direction) -> date:
    if relative.week_shift is not None:
        monday = today - timedelta(days=today.weekday()) + timedelta(weeks=relative.week_shift)
        return monday + timedelta(days=weekday)
    way = relative.strict or direction
    if way == PAST:
        back = (today.weekday() - weekday) % 7
        if relative.strict and back == 0:
            back = 7
        return today - timedelta(days=back)
    ahead = (weekday - today.weekday()) % 7
    if relative.strict and ahead == 0:
        ahead = 7
    return today + timedelta(days=ahead)


def _absolute(
    raw: str, rest: str, now: datetime, direction: Direction, examples: str
) -> tuple[int | None, int | None, int | None, date | None]:
    """(hour, minute, weekday, date) from the non-relative part, read by dateutil."""
    iso = _ISO.match(rest)
    # parse() would fill every missing field from a default date; _parse() tells which fields were typed,
    # which the direction (weekdays, dates without a year) and the checks below need.
    result, _skipped = parser(DutchParserInfo(now.year))._parse(rest, dayfirst=not iso, yearfirst=bool(iso))
    if result is None:
        raise DateInputError(f"'{raw}' begrijp ik niet als datum. Schrijf {examples}.")
    hour, minute = result.hour, result.minute
    if hour is not None and (hour > 23 or (minute or 0) > 59 or (result.second or 0) > 59):
        shown = _TIME.search(rest)
        what = shown[0] if shown else raw
        raise DateInputError(f"{what} is geen bestaande tijd. Schrijf de tijd als 14:00, 14u of 9.30.")
    if result.day is None and result.month is None and result.year is None:
        return hour, minute, result.weekday, None
    _check_numbers(raw, rest, result, iso is not None)
    if result.day is None:
        raise DateInputError("Welke dag bedoel je? Schrijf de dag erbij, bijvoorbeeld 12 maart of 12-3.")
    if result.month is None:
        raise DateInputError(
            f"Bedoel je de {result.day}e van een maand, of {result.day}:00? Schrijf {result.day}-{now.month} "
            f"of {result.day}:00."
        )
    return hour, minute, result.weekday, _resolve_day(result.day, result.month, result.year, now.date(), direction)


def _check_numbers(raw: str, rest: str, result: Any, iso: bool) -> None:
    """Day first, then month; a year has four digits (or two in 12-3-26). '1-2-3' and '12-13' are refused."""
    if iso:
        return
    without_times = _TIME.sub(" ", rest)
    numbers = re.findall(r"\d+", without_times)
    numeric = _NUMERIC_DATE.search(without_times)
    if numeric and numeric[4] is not None and (len(numeric[4]) not in (2, 4) or len(numeric[1]) > 2):
        raise DateInputError(
            f"'{raw}' is niet duidelijk: schrijf dag-maand-jaar met het jaar voluit, bijvoorbeeld 1-2-2026."
        )
    if numeric and not 1 <= int(numeric[1]) <= 31:
        raise DateInputError(
            f"'{raw}' is geen bestaande datum: een maand heeft hooguit 31 dagen. Schrijf eerst de dag, dan de "
            "maand: 12-3 is 12 maart."
        )
    if numeric and not 1 <= int(numeric[3]) <= 12:
        raise DateInputError(
            f"Maand {int(numeric[3])} bestaat niet. Schrijf eerst de dag en dan de maand: 12-3 is 12 maart."
        )
    if not numeric:
        for number in numbers:
            if len(number) == 3 or len(number) > 4 or (len(number) == 2 and int(number) > 31):
                raise DateInputError(
                    f"'{raw}' is geen bestaande datum. Schrijf de dag als getal tot en met 31 en het jaar "
                    "voluit, bijvoorbeeld 12 maart 2026."
                )
    named_month = any(_INFO.month(word) is not None for word in re.findall(r"[a-z]+", rest))
    if not named_month and len(numbers) >= 2 and (result.day, result.month) != (int(numbers[0]), int(numbers[1])):
        raise DateInputError(
            f"Maand {int(numbers[1])} bestaat niet. Schrijf eerst de dag en dan de maand: 12-3 is 12 maart."
        )


def _resolve_day(day: int, month: int, year: int | None, today: date, direction: Direction) -> date:
    if not 1 <= month <= 12:
        raise DateInputError(f"Maand {month} bestaat niet. Schrijf dag-maand, bijvoorbeeld 12-3 voor 12 maart.")
    name = f"{day} {MONTH_NAMES[month - 1]}"
    if year is None:
        # Without a year: this year's, unless that lies on the wrong side of today.
        year = today.year
        if direction == PAST and (month, day) > (today.month, today.day):
            year -= 1
        elif direction == FUTURE and (month, day) < (today.month, today.day):
            year += 1
    try:
        return date(year, month, day)
    except ValueError:
        raise DateInputError(_no_such_day(name, year, month)) from None


def _no_such_day(name: str, year: int, month: int) -> str:
    if name == "29 februari":
        return f"29 februari bestaat niet in {year}; dat is geen schrikkeljaar. Bedoel je 28 februari of 1 maart?"
    return f"{name} bestaat niet. Kijk de dag na, bijvoorbeeld 12-{month} voor 12 {MONTH_NAMES[month - 1]}."


def parse_day(text: str, today: date, *, direction: Direction = FUTURE, examples: str | None = None) -> date:
    """Read a Dutch date without a time (a due date, a birth date); a time in the input is refused.

    The messages give `examples` of what to write: by default days looking the way of `direction`.
    """
    examples = examples or DAY_EXAMPLES[direction]
    parsed = parse_moment(
        text, datetime.combine(today, time(12, 0)), direction=direction, examples=examples, what="een datum"
    )
    if parsed.has_time:
        raise DateInputError(f"Hier hoort alleen een datum, zonder tijd. Schrijf {examples}.")
    return parsed.day
