"""Exact dates in Dutch notes, and what they become: a trajectory week or a month."""

from __future__ import annotations

import re
from datetime import date, timedelta

from coach.domain.dutch_dates import MONTH_NAMES
from coach.privacy.common import letter_words
from coach.privacy.result import Span

MONTHS = MONTH_NAMES
_MONTH_WORDS = {
    **{name: number for number, name in enumerate(MONTHS, start=1)},
    "jan": 1,
    "feb": 2,
    "febr": 2,
    "mrt": 3,
    "mar": 3,
    "apr": 4,
    "jun": 6,
    "jul": 7,
    "aug": 8,
    "sep": 9,
    "sept": 9,
    "okt": 10,
    "oct": 10,
    "nov": 11,
    "dec": 12,
}
_MONTH = (
    r"(?P<month>"
    + "|".join(MONTHS)
    + "|(?:"
    + "|".join(sorted((w for w in _MONTH_WORDS if w not in MONTHS), key=len, reverse=True))
    + r")\.?)"
)
_WEEKDAY = (
    r"(?:(?:maandag|dinsdag|woensdag|donderdag|vrijdag|zaterdag|zondag)"
    r"|(?:ma|di|wo|do|vr|za|zo)\.?)"
)
_DAY = r"(?P<day>[0-3]?\d)(?:e|ste|de)?"
_YEAR_TAIL = r"(?:[\s,.\-/]{1,2}(?P<year>(?:19|20)\d{2}|['’`]\d{2})(?![\w\-/]))?"

# 14-03-2026, 14/3/26, 14.03.2026 (the two separators alike).
_NUMERIC_DMY = re.compile(
    r"(?<![\w/\-.])(?:" + _WEEKDAY + r",?\s+)?(?P<day>\d{1,2})(?P<sep>[-/.])(?P<month>\d{1,2})(?P=sep)"
    r"(?P<year>\d{4}|\d{2})(?![\w/]|[-.]\d)",
    re.IGNORECASE,
)
# 2026-03-14.
_NUMERIC_YMD = re.compile(
    r"(?<![\w/\-.])(?P<year>(?:19|20)\d{2})(?P<sep>[-/.])(?P<month>\d{1,2})(?P=sep)(?P<day>\d{1,2})"
    r"(?![\w/]|[-.]\d)"
)
# 14 maart 2026, maandag 14 maart, 14-mrt-26, 1e april.
_TEXTUAL = re.compile(
    r"(?<![\w])(?:" + _WEEKDAY + r",?\s+(?:de\s+)?)?" + _DAY + r"\s*[-.]?\s*" + _MONTH + r"(?![\w])" + _YEAR_TAIL,
    re.IGNORECASE,
)
# 14-3 or 14/3 without a year, only where a date is expected: "op 14-3", "vrijdag 14/3". Found from the
# digits, then the words before them checked: scanning the text for every weekday and preposition cost more.
_SHORT = re.compile(r"(?P<day>\d(?<![\w/\-.]\d)(?:(?<=[0-3])\d)?)[-/](?P<month>[01]?\d)(?![\w/\-]|\.\d)")
_SHORT_BEFORE = re.compile(
    r"(?:(?<![\w])(?P<weekday>"
    + _WEEKDAY
    + r",?\s+)|(?<![\w])(?:op|per|vanaf|sinds|tot|t/m|tm|voor|na|d\.d\.|datum:?)\s+)$",
    re.IGNORECASE,
)
# 22-01 or 22/01 without a year: a zero-padded month makes it a date anywhere (not "10-12 uur").
_PADDED = re.compile(
    r"(?P<day>\d(?<![\w/\-.,]\d)(?:(?<=[0-3])\d)?)[-/](?P<month>0[1-9]|1[0-2])(?![\w/\-]|[.,]\d|\s*uur)"
)
# 14/3 without a year anywhere: a slash between a day and a month is a date ("afspraak 14/3"),
# but not a fraction or a rate ("2/3 van de lessen", "24/7", "1/2 uur").
_SLASH = re.compile(
    r"(?P<day>\d(?<![\w/\-.,:]\d)(?:(?<=[0-3])\d)?)/(?P<month>[01]?\d)"
    r"(?![\w/\-]|[.,:]\d|\s*(?:uur|keer|deel|dagen|weken|maanden|jaar|van|x\b|%))"
)
# 3-4 without a year or a date word before it: a date ("gaat 3-4 mee", "aanvraag 3-4 ingediend"),
# unless it counts or scores something: "3-4 keer", "tussen 3-4", "won 3-4", "van 10-12".
_DASH = re.compile(r"(?P<day>\d(?<![\w/\-.,:]\d)(?:(?<=[0-3])\d)?)-(?P<month>[01]?\d)(?![\w/\-]|[.,:]\d)")
_RANGE_BEFORE = re.compile(
    r"(?:tussen|zo'n|zo’n|ongeveer|circa|ca\.?|wel|bijna|ruim|max\.?|maximaal|minimaal|min\.?|nog|per|van|een|score|scoort"
    r"|scoorde|stand|uitslag|won|wonnen|verloor|verloren|gewonnen|gelijk|cijfer|gemiddeld|om|rond|tegen"
    # Numbered things: "groep 7-8", "niveau 2-3", "week 3-4", "blz. 4-5".
    r"|groep|klas|leerjaar|niveau|fase|stap|hoofdstuk|les|week|weken|blz\.?|bladzijde|pagina|p\.|nr\.?)\s+$",
    re.IGNORECASE,
)
_RANGE_AFTER = re.compile(
    r"\s*(?:[%x×€]|uur|u\b|uren|keer|maal|dag|dagen|nacht|nachten|week|weken|maand|maanden|jaar|jaren|min|minuten"
    r"|kwartier|kinderen|personen|mensen|jongeren|euro|km|kg|lessen|punten|stuks|gesprekken|afspraken|cijfers|klassen"
    r"|tot|à|a\b|of\b|en\b|op\s+\d|van\s+de|\d)",
    re.IGNORECASE,
)
_DIGIT = re.compile(r"\d")
# The day patterns above put their look-behind after the day's first digit ("\d(?<![\w]\d)" for
# "(?<![\w])\d"): the regex engine then skips to digits fast instead of trying it at every position.
_CHAT_STAMP = re.compile(r",?\s+\d{1,2}:\d{2}(?::\d{2})?\]")
_DAY_MONTH = re.compile(r"\d[-/.]\d")
# Cheap scans that open with a digit (the regex engine skips to digits fast): without a hit the
# longer patterns cannot match. A date with three numbers; a day before a month word ("14 mrt", "1e april").
_DAY_MONTH_SHORT = re.compile(r"\d[-/]\d")
_THREE_NUMBERS = re.compile(r"\d[-/.]\d{1,2}[-/.]\d")
_DAY_BEFORE_MONTH = re.compile(
    r"\d(?:e|ste|de)?\s*[-.]?\s*(?:jan|feb|mrt|ma[ar]|apr|mei|jun|jul|aug|sep|okt|oct|nov|dec)", re.IGNORECASE
)
_PARTS = frozenset(("eind", "begin", "half", "medio", "midden", "einde"))
_ORDINAL_HINT = re.compile(r"\d(?:e|ste|de)\b")
# Every month word starts with one of these: a substring test is far cheaper than a regex scan.
_MONTH_KEYS = tuple(sorted({word[:3] for word in _MONTH_WORDS}))
# Dates told relative to the note's own date: "volgende week dinsdag", "over 2 weken", "eind maart".
_WEEKDAY_NUMBER = {
    **{w: i for i, w in enumerate(("maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag"))},
    **{w: i for i, w in enumerate(("ma", "di", "wo", "do", "vr", "za", "zo"))},
}
_NEXT_WEEKDAY = re.compile(
    r"(?<![\w])(?:volgende\s+week|komende\s+week|aanstaande|komende|volgende|a\.s\.)\s+(?P<weekday>"
    + "|".join(sorted(_WEEKDAY_NUMBER, key=len, reverse=True))
    + r")(?![\w])",
    re.IGNORECASE,
)
_IN_WEEKS = re.compile(
    r"(?<![\w])over\s+(?P<count>\d{1,2}|een|twee|drie|vier|vijf|zes)\s+(?P<unit>weken|week|dagen|dag|maanden|maand)(?![\w])",
    re.IGNORECASE,
)
_NUMBER_WORDS = {"een": 1, "twee": 2, "drie": 3, "vier": 4, "vijf": 5, "zes": 6}
_PART_OF_MONTH = re.compile(
    r"(?<![\w])(?P<part>eind|begin|half|medio|midden|einde)\s+(?P<month>" + "|".join(MONTHS) + r")(?![\w])",
    re.IGNORECASE,
)
_PART_DAY = {"begin": 5, "half": 15, "medio": 15, "midden": 15, "eind": 25, "einde": 25}
# A score, not a date: "een 3/5", "scoort 7/10".
_SCORE_BEFORE = re.compile(r"(?:een|score|scoort|scoorde|cijfer|gemiddeld|geeft|gaf|haalt|haalde)\s+$", re.IGNORECASE)
# "op de 14e", "voor de 3de": a day of the month nearest the note's date.
_ORDINAL_DAY = re.compile(
    r"(?<![\w])(?:op|voor|na|vanaf|tot|t/m|sinds|per|uiterlijk)\s+de\s+(?P<day>[1-9]|[12]\d|3[01])(?:e|ste|de)(?![\w])",
    re.IGNORECASE,
)
# A date with its year on the first line is the note's own date ("12-03-2024 huisbezoek").
_HEAD_LINE = re.compile(r"^[^\n]{0,80}")
# Words shortly before a date that make it a birth date or a birthday.
_BIRTH_CONTEXT = re.compile(
    r"(?:geboren|geb\.|geb\b|geboortedatum|geb\.?\s?datum|jarig|verjaardag|verjaart)[^.\n]{0,20}$", re.IGNORECASE
)


def _year(raw: str | None, day: int, month: int, reference: date) -> int | None:
    if raw is None:
        # No year written: the one that puts the date closest to the reference date.
        best: tuple[int, int] | None = None
        for year in (reference.year - 1, reference.year, reference.year + 1):
            try:
                distance = abs((date(year, month, day) - reference).days)
            except ValueError:
                continue
            if best is None or distance < best[0]:
                best = (distance, year)
        return best[1] if best else None
    digits = raw.lstrip("'’`")
    if len(digits) == 4:
        return int(digits)
    two = int(digits)
    return 2000 + two if two <= reference.year % 100 + 1 else 1900 + two


def _make(day: int, month: int, year: int | None) -> date | None:
    if year is None:
        return None
    try:
        return date(year, month, day)
    except ValueError:
        return None


def date_label(
    when: date,
    *,
    reference_date: date,
    trajectory_start: date | None = None,
    birth_date: date | None = None,
    birth_context: bool = False,
) -> tuple[str, str]:
    """The label for a date and its kind: a birth date, a trajectory week, or month and year."""
    if birth_context or (birth_date is not None and when == birth_date):
        return "[geboortedatum]", "birth_date"
    if birth_date is not None and (when.month, when.day) == (birth_date.month, birth_date.day):
        return "[verjaardag]", "birth_date"
    if trajectory_start is not None:
        days = (when - trajectory_start).days
        if days >= 0:
            return f"[week {days // 7 + 1}]", "date"
        if days >= -56:
            weeks = -(days // 7)
            return f"[{weeks} {'week' if weeks == 1 else 'weken'} voor de start]", "date"
    return f"[{MONTHS[when.month - 1]} {when.year}]", "date"


def find_dates(
    text: str, *, reference_date: date, trajectory_start: date | None = None, birth_date: date | None = None
) -> list[Span]:
    """Every exact date in `text`, as spans labelled by `date_label`."""
    spans: list[Span] = []
    taken: list[tuple[int, int]] = []
    reference_date = _own_date(text) or reference_date

    def place(start: int, end: int, when: date) -> None:
        label, kind = date_label(
            when, reference_date=reference_date, trajectory_start=trajectory_start, birth_date=birth_date
        )
        if label.startswith("[") and kind == "date":
            spans.append(Span(start, end, label, kind, "pattern"))
            taken.append((start, end))

    lowered = text.lower()
    # Cheap word tests first: each of these regexes is tried at every position of the text.
    relative = any(word in lowered for word in ("volgend", "komend", "aanstaand", "a.s."))
    for match in _NEXT_WEEKDAY.finditer(text) if relative else ():
        target = _WEEKDAY_NUMBER[match["weekday"].lower()]
        ahead = (target - reference_date.weekday()) % 7 or 7
        if "week" in match[0].lower():
            # "volgende week dinsdag": the Tuesday of next week, whatever day it is now.
            ahead = 7 - reference_date.weekday() + target
        place(match.start(), match.end(), reference_date + timedelta(days=ahead))
    for match in _IN_WEEKS.finditer(text) if "over" in lowered else ():
        count = _NUMBER_WORDS.get(match["count"].lower()) or int(match["count"])
        unit = match["unit"].lower()
        days = count * (7 if unit.startswith("we") else 30 if unit.startswith("maand") else 1)
        place(match.start(), match.end(), reference_date + timedelta(days=days))
    month_named = any(key in lowered for key in _MONTH_KEYS)
    parts = month_named and not _PARTS.isdisjoint(letter_words(text))
    for match in _PART_OF_MONTH.finditer(text) if parts else ():
        month = MONTHS.index(match["month"].lower()) + 1
        day = _PART_DAY[match["part"].lower()]
        year = _year(None, day, month, reference_date)
        if year is not None:
            # A part of a month is no more exact than the month: said as such, not as a week.
            label = f"[{match['part'].lower()} {MONTHS[month - 1]} {year}]"
            spans.append(Span(match.start(), match.end(), label, "date", "pattern"))
            taken.append((match.start(), match.end()))
    if not _DIGIT.search(text):
        return sorted(spans, key=lambda s: s.start)  # every other date has a digit

    def add(start: int, end: int, day: int, month: int, year_raw: str | None, year_written: bool = True) -> None:
        if any(start < e and s < end for s, e in taken):
            return
        if not (1 <= month <= 12 and 1 <= day <= 31):
            return
        when = _make(day, month, _year(year_raw, day, month, reference_date))
        if when is None:
            return
        birth = bool(_BIRTH_CONTEXT.search(text[max(0, start - 40) : start]))
        label, kind = date_label(
            when,
            reference_date=reference_date,
            trajectory_start=trajectory_start,
            birth_date=birth_date,
            birth_context=birth,
        )
        if not year_written and birth_date is not None and (when.month, when.day) == (birth_date.month, birth_date.day):
            label = "[geboortedatum]"
        spans.append(Span(start, end, label, kind, "pattern"))
        taken.append((start, end))

    for match in _TEXTUAL.finditer(text) if month_named and _DAY_BEFORE_MONTH.search(text) else ():
        month = _MONTH_WORDS[match["month"].lower().rstrip(".")]
        add(match.start(), match.end(), int(match["day"]), month, match["year"], match["year"] is not None)
    numeric = _DAY_MONTH.search(text) is not None
    short = numeric and _DAY_MONTH_SHORT.search(text) is not None  # 14-3, 14/3: no dot between
    for pattern in (_NUMERIC_DMY, _NUMERIC_YMD) if numeric and _THREE_NUMBERS.search(text) else ():
        for match in pattern.finditer(text):
            add(match.start(), match.end(), int(match["day"]), int(match["month"]), match["year"])
    for match in _SHORT.finditer(text) if short else ():
        before = _SHORT_BEFORE.search(text, max(0, match.start() - 16), match.start())
        if before is not None:
            start = before.start() if before["weekday"] else match.start()
            add(start, match.end(), int(match["day"]), int(match["month"]), None, False)
    for match in _PADDED.finditer(text) if short else ():
        if _CHAT_STAMP.match(text, match.end()) and text[max(0, match.start() - 1) : match.start()] == "[":
            continue  # "[04-03 21:14] Nour: …": a pasted chat's own time stamp, not a date in the story
        add(match.start(), match.end(), int(match["day"]), int(match["month"]), None, False)
    for match in _SLASH.finditer(text) if short and "/" in text else ():
        if match[0] != "24/7" and not _SCORE_BEFORE.search(text[max(0, match.start() - 30) : match.start()]):
            add(match.start(), match.end(), int(match["day"]), int(match["month"]), None, False)
    for match in _DASH.finditer(text) if short and "-" in text else ():
        if _CHAT_STAMP.match(text, match.end()) and text[max(0, match.start() - 1) : match.start()] == "[":
            continue
        if _RANGE_BEFORE.search(text[max(0, match.start() - 30) : match.start()]) or _RANGE_AFTER.match(
            text, match.end()
        ):
            continue
        add(match.start(), match.end(), int(match["day"]), int(match["month"]), None, False)
    for match in _ORDINAL_DAY.finditer(text) if _ORDINAL_HINT.search(text) else ():
        day = int(match["day"])
        nearest = _nearest_month(day, reference_date)
        if nearest is not None:
            add(match.start("day"), match.end(), day, nearest, None, False)
    return sorted(spans, key=lambda s: s.start)


def _nearest_month(day: int, reference: date) -> int | None:
    """The month in which `day` lies closest to the reference date (the 28th seen on the 2nd is last month's)."""
    best: tuple[int, int] | None = None
    for shift in (-1, 0, 1):
        month = (reference.month - 1 + shift) % 12 + 1
        year = reference.year + (reference.month - 1 + shift) // 12
        try:
            distance = abs((date(year, month, day) - reference).days)
        except ValueError:
            continue
        if best is None or distance < best[0]:
            best = (distance, month)
    return best[1] if best else None


def _own_date(text: str) -> date | None:
    """The date written with its year on the note's first line: yearless dates below are placed from it."""
    head = _HEAD_LINE.match(text)
    if head is None or not _DIGIT.search(head[0]):
        return None  # every dated heading has a digit
    for pattern in (_NUMERIC_DMY, _NUMERIC_YMD, _TEXTUAL):
        match = pattern.search(head[0])
        # A heading date opens the line ("12-03-2024 huisbezoek", "Contact 14 maart 2024:"); a birth date never counts.
        if (
            match is None
            or not match["year"]
            or match.start() > 25
            or re.search(r"geb|jarig", head[0][: match.start()], re.I)
        ):
            continue
        month = match["month"]
        number = int(month) if month.isdecimal() else _MONTH_WORDS[month.lower().rstrip(".")]
        raw = match["year"].lstrip("'’`")
        year = int(raw) if len(raw) == 4 else 2000 + int(raw)
        try:
            return date(year, number, int(match["day"]))
        except ValueError:
            return None
    return None
