"""Numbers, addresses and dates that identify someone, found by regular expressions alone."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date

from coach.privacy.common import digit_count, letter_words, lowered
from coach.privacy.dates import find_dates
from coach.privacy.result import Span

__all__ = [
    "bsn_valid",
    "find_accounts",
    "find_bsns",
    "find_dates",
    "find_emails",
    "find_ibans",
    "find_numbers",
    "find_patterns",
    "find_phones",
    "find_plates",
    "find_postbus",
    "find_postcodes",
    "find_urls",
    "iban_valid",
]

# --- phone numbers --------------------------------------------------------

_PHONE = re.compile(
    r"(?<![\w+/])(?P<prefix>(?:\+|00)\s?31[\s\-.]?(?:\(0\)[\s\-.]?)?|\(0\d{1,3}\)\s?|0)"
    r"(?P<rest>\d(?:(?:\s?[\-.]\s?|\s)?\d){3,11})(?!\d)"
)
_SERVICE = ("800", "900", "906", "909")


def _phone_length_ok(national: str) -> bool:
    if national.startswith(_SERVICE):
        return 7 <= len(national) <= 10
    return len(national) == 9 and national[0] != "0"


def find_phones(text: str) -> list[Span]:
    """Phone numbers: Dutch ones in every usual notation (06-12345678, +31 6 2345 6789, (071) 512 34 56,
    0800-1234), and any country's number written with its country code (+48 512 345 678, 0090 532 …)."""
    if digit_count(text) < 5:
        return []  # the shortest number we take, "0800-1234" or "+1 2345", has more digits
    spans = _dutch_phones(text)
    if ("+" in text or "00" in text) and _COUNTRY_HINT.search(text):
        dutch = list(spans)
        spans += [s for s in _international_phones(text) if not any(s.start < d.end and d.start < s.end for d in dutch)]
    return spans


def _international_phones(text: str) -> list[Span]:
    """Numbers with a country code, found by libphonenumber (imported here: it costs start-up time).

    A national number ("05/123456-24" is a court case number, yet a valid Dutch one) is left to
    the Dutch patterns; with a country code in front a number of the right length is a phone.
    """
    import phonenumbers

    spans = []
    # libphonenumber is slow on a whole note: give it only the stretches that start with a country code.
    for candidate in _COUNTRY_CODE.finditer(text):
        piece = candidate[0]
        for match in phonenumbers.PhoneNumberMatcher(piece, "NL", leniency=phonenumbers.Leniency.POSSIBLE):
            if match.raw_string.lstrip("(").startswith(("+", "00")):
                start = candidate.start() + match.start
                spans.append(Span(start, start + len(match.raw_string), "[telefoon]", "phone", "pattern"))
    return spans


_COUNTRY_HINT = re.compile(r"(?:\+|\b00)\s?[1-9]")
_COUNTRY_CODE = re.compile(r"(?<![\w+])(?:\+|00)\s?[1-9][\d \-./()]{5,22}\d")


def _dutch_phones(text: str) -> list[Span]:
    spans = []
    for match in _PHONE.finditer(text):
        prefix = match["prefix"]
        intl = prefix.startswith(("+", "00"))
        if not intl and not prefix.startswith("("):
            # A trunk 0 must head a real area code: "06" or at least 3 characters.
            # The pattern makes "rest" start with a digit, so its first run of digits is never empty.
            first = re.split(r"\D", match["rest"], maxsplit=1)[0]
            if re.search(r"\D", match["rest"]) and len(first) < 2 and first != "6":
                continue
        groups = list(re.finditer(r"\d+", match["rest"]))
        lead = re.sub(r"\D", "", prefix)
        if intl:
            lead = lead[4:] if lead.startswith("0031") else lead[2:]
        lead = lead.lstrip("0")
        # Try the longest run of digit groups that makes a valid number.
        for count in range(len(groups), 0, -1):
            national = lead + "".join(g[0] for g in groups[:count])
            if _phone_length_ok(national):
                end = match.start("rest") + groups[count - 1].end()
                spans.append(Span(match.start(), end, "[telefoon]", "phone", "pattern"))
                break
    return spans


# --- e-mail, links, accounts ----------------------------------------------

_EMAIL = re.compile(
    r"(?<![\w.+\-])[\w.+\-']+(?:@|\s?(?:\[at\]|\(at\)|\[@\])\s?)[\w\-]+(?:\.[\w\-]+)*\.[A-Za-z]{2,24}(?!\w)"
)
_URL = re.compile(
    r"(?:https?://|www\.)[^\s<>\"'()]+"
    r"|(?<![\w@.\-])(?:[\w\-]+\.)+(?:nl|com|org|net|eu|be|de|info|io|app|me|tv|nu|online)(?:/[^\s<>\"']*)?(?![\w@])",
    re.IGNORECASE,
)
_ACCOUNT = re.compile(r"(?<![\w@.])@[A-Za-z0-9_][A-Za-z0-9_.]{1,29}(?<!\.)")


def find_emails(text: str) -> list[Span]:
    """E-mail addresses with any domain ending, also written with [at]."""
    return [Span(m.start(), m.end(), "[e-mail]", "email", "pattern") for m in _EMAIL.finditer(text)]


def find_urls(text: str) -> list[Span]:
    """Web addresses: http(s)://…, www.…, and bare domains such as instagram.com/naam."""
    spans = []
    for match in _URL.finditer(text):
        end = match.end()
        while end > match.start() and text[end - 1] in ".,;:!?)":
            end -= 1
        spans.append(Span(match.start(), end, "[link]", "url", "pattern"))
    return spans


# A handle without "@" after the app or "naam": "Snapchat, naam milaaa.k08", "insta: sanne_v".
_ACCOUNT_WORDS = frozenset(
    "insta instagram snap snapchat tiktok ig account gebruikersnaam username handle naam".split()
)
_NAMED_ACCOUNT = re.compile(
    r"(?<![\w])(?i:insta(?:gram)?|snap(?:chat)?|tiktok|ig|account|gebruikersnaam|username|handle|naam)\s*:?\s+"
    r"(?P<handle>(?=[\w.]*[a-zA-Z])(?=[\w.]*(?:\d|[._]\w))[A-Za-z0-9_][\w.]{2,29}[A-Za-z0-9_])(?![\w@])"
)


def find_accounts(text: str) -> list[Span]:
    """Social media handles such as @sanne_v, and without "@" after the app's name (insta: sanne_v08)."""
    spans = (
        [Span(m.start(), m.end(), "[account]", "account", "pattern") for m in _ACCOUNT.finditer(text)]
        if "@" in text
        else []
    )
    if letter_words(text).isdisjoint(_ACCOUNT_WORDS):
        return spans
    spans += [
        Span(m.start("handle"), m.end("handle"), "[account]", "account", "pattern")
        for m in _NAMED_ACCOUNT.finditer(text)
        if not m["handle"].replace(".", "").isdigit()
    ]
    return spans


# --- postcodes ------------------------------------------------------------

# The look-behinds below come after the first digit ("\d(?<![\w]\d)" for "(?<![\w])\d"): the regex engine
# then skips to digits fast instead of trying the look-behind at every position of the note.
_POSTCODE = re.compile(r"(?P<num>[1-9](?<![\w][1-9])\d{3})(?P<sep>\s?)(?P<letters>[A-Za-z]{2})(?![\w])")
# Two letters after four digits that are usually a word or a unit, not a postcode.
_NOT_POSTCODE = frozenset(
    "op en in is de te om al zo nu ik we ze je na of er ga ja uw ex km cm mm mg kg gr ml cl dl pm am ca xl tv".split()
)


def find_postcodes(text: str) -> list[Span]:
    """Dutch postcodes: 1234 AB, 1234AB, 1234ab."""
    if digit_count(text) < 4:
        return []
    spans = []
    for match in _POSTCODE.finditer(text):
        letters = match["letters"]
        if letters.upper() in ("SA", "SD", "SS"):
            continue
        if not letters.isupper() and letters.lower() in _NOT_POSTCODE:
            continue
        spans.append(Span(match.start(), match.end(), "[postcode]", "postcode", "pattern"))
    return spans


# --- BSN and IBAN ---------------------------------------------------------

_BSN = re.compile(r"\d(?<![\w.\-,]\d)(?:[ .\-]?\d){8}(?![\w]|[.\-,]\d)")


def bsn_valid(digits: str) -> bool:
    """True when nine digits pass the 11-proef of a burgerservicenummer."""
    if len(digits) != 9 or not digits.isdecimal() or digits == "0" * 9:
        return False
    total = sum(int(d) * w for d, w in zip(digits[:8], range(9, 1, -1), strict=False)) - int(digits[8])
    return total % 11 == 0


def find_bsns(text: str) -> list[Span]:
    """Burgerservicenummers (9 digits, also with dots or spaces) that pass the 11-proef."""
    if digit_count(text) < 9:
        return []
    return [
        Span(m.start(), m.end(), "[BSN]", "bsn", "pattern")
        for m in _BSN.finditer(text)
        if bsn_valid(re.sub(r"\D", "", m[0]))
    ]


_IBAN = re.compile(r"(?<![\w])[A-Z]{2}\d{2}(?:[ ]?[A-Z0-9]){10,30}(?![\w])", re.IGNORECASE)
_IBAN_NL = re.compile(r"(?<![\w])NL\s?\d{2}\s?[A-Z]{4}(?:\s?\d){10}(?!\d)", re.IGNORECASE)
_IBAN_LENGTHS = {"NL": 18, "BE": 16, "DE": 22, "FR": 27, "ES": 24, "GB": 22, "IT": 27, "PL": 28, "TR": 26, "MA": 28}


_IBAN_HEAD = re.compile(r"[A-Za-z]{2}\s?\d{2}")


def iban_valid(iban: str) -> bool:
    """True when an IBAN (spaces allowed) has a correct mod-97 checksum."""
    compact = iban.replace(" ", "").upper()
    if not re.fullmatch(r"[A-Z]{2}\d{2}[A-Z0-9]{10,30}", compact):
        return False
    moved = compact[4:] + compact[:4]
    return int("".join(str(int(ch, 36)) for ch in moved)) % 97 == 1


def find_ibans(text: str) -> list[Span]:
    """IBANs with a valid checksum, with or without spaces; Dutch-shaped ones even with a typo."""
    # Every country's account part is mostly digits: a Dutch IBAN has 12, none fewer than 8.
    if digit_count(text) < 8 or not _IBAN_HEAD.search(text):
        return []  # two letters and two digits open every IBAN: a cheap scan before the long patterns
    spans = []
    for match in _IBAN.finditer(text):
        positions = [match.start() + i for i, ch in enumerate(match[0]) if ch != " "]
        country = match[0][:2].upper()
        lengths = [_IBAN_LENGTHS[country]] if country in _IBAN_LENGTHS else range(len(positions), 14, -1)
        for length in lengths:
            if length <= len(positions) and iban_valid(text[match.start() : positions[length - 1] + 1]):
                spans.append(Span(match.start(), positions[length - 1] + 1, "[IBAN]", "iban", "pattern"))
                break
    for match in _IBAN_NL.finditer(text):
        if not any(s.start == match.start() and s.end == match.end() for s in spans):
            spans.append(Span(match.start(), match.end(), "[IBAN]", "iban", "pattern"))
    return spans


# --- licence plates -------------------------------------------------------

# The Dutch sidecodes: X a letter, 9 a digit.
_SIDECODES = (
    "XX-99-99",
    "99-99-XX",
    "99-XX-99",
    "XX-99-XX",
    "XX-XX-99",
    "99-XX-XX",
    "99-XXX-9",
    "9-XXX-99",
    "XX-999-X",
    "X-999-XX",
    "XXX-99-X",
    "X-99-XXX",
    "9-XX-999",
    "999-XX-9",
)
_PLATE = re.compile(
    r"(?<![\w\-])(?:" + "|".join(code.replace("X", "[A-Z]").replace("9", r"\d") for code in _SIDECODES) + r")(?![\w\-])"
)
# The shape all sidecodes share, in capitals and digits: a scan for it is far cheaper than for the fourteen.
_PLATE_SHAPE = re.compile(r"[A-Z\d]-[A-Z\d]{2,3}-[A-Z\d]")
_PLATE_CONTEXT = re.compile(
    r"(?i:kenteken(?:nummer)?|nummerbord)\s*:?\s*"
    r"(?P<plate>[A-Za-z0-9]{1,3}-?[A-Za-z0-9]{2,3}-?[A-Za-z0-9]{1,3})(?!\w)"
)


def find_plates(text: str) -> list[Span]:
    """Dutch licence plates in the sidecode forms (12-ABC-3, AB-123-C), or after the word 'kenteken'."""
    # Every sidecode has two dashes; without the word "kenteken" the second pattern cannot match.
    spans = (
        [Span(m.start(), m.end(), "[kenteken]", "plate", "pattern") for m in _PLATE.finditer(text)]
        if text.count("-") >= 2 and _PLATE_SHAPE.search(text)
        else []
    )
    low = lowered(text)
    for match in _PLATE_CONTEXT.finditer(text) if "kenteken" in low or "nummerbord" in low else ():
        if re.search(r"\d", match["plate"]):
            spans.append(Span(match.start("plate"), match.end("plate"), "[kenteken]", "plate", "pattern"))
    return spans


# --- other identifiers ----------------------------------------------------

_NUMBER_WORDS = (
    r"klantnummer|klantnr\.?|dossiernummer|dossiernr\.?|cli[eë]ntnummer|relatienummer|registratienummer"
    r"|zaaknummer|kenmerk|polisnummer|referentie|pasnummer|documentnummer|paspoortnummer|id-nummer"
    r"|idnummer|vreemdelingennummer|v-nummer|studentnummer|leerlingnummer|personeelsnummer|lidnummer"
    r"|contractnummer|factuurnummer|huurdernummer|debiteurnummer|cjib-nummer|parketnummer|bsn"
    # Police, court and agency numbers: "pv-nr", "proces-verbaal", "BVH", "rolnr.", "zaak".
    r"|pv|p\.v\.|proces-verbaal|bvh|zaak|rol|registratie|aanvraag|beschikking|vonnis|uitspraak"
    # Any "…nummer", "…nr", "…nr." or "…no.": tolknummer, aanvraagnummer, pv-nr, rolnr.
    r"|[\wë]+-?(?:nummer|nummers|nr|no)\.?"
)
_KEYED_NUMBER = re.compile(
    r"(?<![\w\-])(?i:" + _NUMBER_WORDS + r")\s*[:#.]?\s*(?:nr\.?\s*|nummer\s*)?[:#]?\s*"
    # One code ("2024-12-0042"), or groups with spaces ("AB 2026 114 578", "V-8837 2210", "T 87-113").
    r"(?P<id>(?=[A-Za-z0-9\-./]*\d)[A-Za-z0-9][A-Za-z0-9\-./]{2,24}[A-Za-z0-9](?:\s\d[\d\-./]*\d)*"
    r"|[A-Z]{1,3}\s\d[\d\-./]*\d(?:\s\d[\d\-./]*\d)*)(?![\w])"
)
_LONG_NUMBER = re.compile(r"\d(?<![\w.,]\d)\d{6,}(?![\w]|[.,]\d)")
# Codes of capitals and at least four digits: SH-2026-0412, AB12345C.
_CODE = re.compile(r"(?<![\w\-/])(?=(?:[A-Z\-/]*\d){4})(?=[\d\-/]*[A-Z])[A-Z\d][A-Z\d\-/]{5,}[A-Z\d](?![\w\-/])")
# Court case numbers: "C/05/12345", "JE RK 24-99", "HA ZA 24-123", "KG ZA 24/1234".
_COURT = re.compile(
    r"(?<![\w/])(?:(?P<case>[A-Z]{1,2}/\d{2}/\d{3,}(?:/\d+)?)|[A-Z]{2}\s?[A-Z]{2}\s?(?P<rk>\d{2}[-/]\d{2,6}))(?![\w/])"
)
# Dash- or slash-grouped numbers that are no date: "2024-12-0042", "05/123456-24".
_GROUPED = re.compile(r"\d(?<![\w\-/.]\d)\d{1,3}(?:[-/]\d{2,}){1,3}(?![\w\-/])")


# Every keyword of _KEYED_NUMBER holds one of these: a scan for them is far cheaper than the pattern's.
_KEY_HINT = re.compile(
    r"nummer|nr|no|pv|p\.v|proces|bvh|zaak|rol|registratie|aanvraag|beschikking|vonnis|uitspraak|kenmerk|referentie"
    r"|bsn|klant|dossier"
)


def _keyed_numbers(text: str) -> list[re.Match[str]]:
    """`_KEYED_NUMBER.finditer(text)`, tried only at the words that hold a keyword's part.

    A match starts where a run of word characters and dashes starts (the pattern's look-behind),
    so each hint is tried from the start of its run.
    """
    low = lowered(text)
    if len(low) != len(text):
        return list(_KEYED_NUMBER.finditer(text))  # a letter that grows in lowercase: positions differ
    found: list[re.Match[str]] = []
    done = tried = -1
    for hint in _KEY_HINT.finditer(low):
        start = hint.start()
        while start and (low[start - 1].isalnum() or low[start - 1] in "_-"):
            start -= 1
        if start < done or start == tried:
            continue
        tried = start
        match = _KEYED_NUMBER.match(text, start)
        if match is not None:
            found.append(match)
            done = match.end()
    return found


def _date_or_years(found: str) -> bool:
    """True for "14-03-2026", "2026-03-14" and "2024-2025": dates and year ranges, not reference numbers."""
    groups = re.split(r"[-/]", found)
    if len(groups) == 2:
        return all(re.fullmatch(r"(?:19|20)\d\d", g) for g in groups)
    if len(groups) == 3:
        lengths = [len(g) for g in groups]
        return lengths in ([2, 2, 4], [1, 2, 4], [2, 1, 4], [1, 1, 4], [4, 2, 2], [4, 1, 2], [4, 2, 1], [4, 1, 1])
    return False


def find_numbers(text: str) -> list[Span]:
    """Client and file numbers after their keyword, runs of seven or more digits, and codes like SH-2026-0412."""
    digits = digit_count(text)
    if not digits:
        return []
    spans = [
        Span(m.start("id"), m.end("id"), "[nummer]", "number", "pattern")
        for m in _keyed_numbers(text)
        if _DIGIT.search(m["id"])
    ]
    # Each pattern below needs this many digits: most notes hold fewer, and skip the scans.
    if digits >= 7:
        spans += [Span(m.start(), m.end(), "[nummer]", "number", "pattern") for m in _LONG_NUMBER.finditer(text)]
    # Of "JE RK 24-99" the chamber's letters stay: only the number says which case.
    if digits >= 4 and ("/" in text or "-" in text):
        spans += [
            Span(m.start(g), m.end(g), "[nummer]", "number", "pattern")
            for m in _COURT.finditer(text)
            for g in ("case", "rk")
            if m[g]
        ]
    if digits >= 8:
        spans += [
            Span(m.start(), m.end(), "[nummer]", "number", "pattern")
            for m in _GROUPED.finditer(text)
            if sum(ch.isdigit() for ch in m[0]) >= 8 and not _date_or_years(m[0])
        ]
    if digits >= 4:
        spans += [
            Span(m.start(), m.end(), "[nummer]", "number", "pattern")
            for m in _CODE.finditer(text)
            if re.search(r"[\-/]", m[0]) or len(m[0]) >= 8
        ]
    unique = {(s.start, s.end): s for s in spans}
    return sorted(unique.values(), key=lambda s: s.start)


# deduce's own postbus pattern is switched off in deduce_engine (its scan of every note cost more than this).
_POSTBUS = re.compile(r"[Pp]ostbus\s\d{1,5}(?:\.\d{2,4})?")


def find_postbus(text: str) -> list[Span]:
    """A post-office box with its number: "Postbus 1234"."""
    if "ostbus" not in text:
        return []
    return [Span(m.start(), m.end(), "[adres]", "address", "pattern") for m in _POSTBUS.finditer(text)]


_DIGIT = re.compile(r"\d")
# A dot between a word and a letter ("instagram.com", "o.a."): the scan opens with the dot, which the
# regex engine finds fast; "www" and "http" by substring tests.
_DOT_LETTER = re.compile(r"\.(?<=[\w\-]\.)[A-Za-z]")


def find_patterns(
    text: str, *, reference_date: date, trajectory_start: date | None = None, birth_date: date | None = None
) -> list[Span]:
    """Every pattern match in `text` (spans may overlap; the anonymiser picks)."""
    spans: list[Span] = []
    # Cheap tests first: most sentences hold no "@", no web address and no digit, and the
    # finders' regexes are tried at every position of the text.
    finders: list[Callable[[str], list[Span]]] = []
    if "@" in text or "at]" in text or "at)" in text:
        finders.append(find_emails)
    finders.append(find_accounts)
    low = lowered(text)
    if "www" in low or "http" in low or _DOT_LETTER.search(text):
        finders.append(find_urls)
    if _DIGIT.search(text):
        finders += [find_phones, find_postcodes, find_bsns, find_ibans, find_plates, find_numbers, find_postbus]
    for finder in finders:
        spans += finder(text)
    spans += find_dates(text, reference_date=reference_date, trajectory_start=trajectory_start, birth_date=birth_date)
    return spans
