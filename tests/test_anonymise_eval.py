"""The anonymiser measured on fictional coaching notes, through the real worker process with deduce.

deduce loads once per test session (about 8 s and 1.1 GB, in the worker process
`anonymiser_client` of conftest.py; the very first build of its cache about 75 s,
kept in pytest's cache).
"""

from __future__ import annotations

import json
import re
import time
from dataclasses import dataclass
from datetime import date
from difflib import SequenceMatcher
from pathlib import Path

import pytest

from coach.privacy.known import build_known
from coach.privacy.result import Result
from coach.privacy.worker import AnonymiserClient
from coach.store.casefile import case_from_dict

NOTES = Path(__file__).parent / "data" / "anonymise" / "notes.json"
# Written apart from the anonymiser's tuning, in the styles of issue 15: hurried lowercase, chat, SOAP, court language.
HARD = Path(__file__).parent / "data" / "anonymise" / "notes_hard.json"
_MARK = re.compile(r"\{([^{}|]+)\|([^{}]+)\}|<([^<>]+)>")
KNOWN_LABELS = ("jongere", "netwerk")
LABELS = {
    "jongere",
    "netwerk",
    "coach",
    "persoon",
    "plaats",
    "woonplaats",
    "adres",
    "postcode",
    "telefoon",
    "email",
    "datum",
    "geboortedatum",
    "bsn",
    "iban",
    "kenteken",
    "url",
    "account",
    "nummer",
    "school",
    "werkgever",
    "instelling",
}


@dataclass
class Gold:
    """One marked stretch of a note."""

    start: int
    end: int
    label: str
    known: bool


@dataclass
class Note:
    """A note with its marks, its case and what the anonymiser made of it."""

    id: str
    text: str
    gold: list[Gold]
    keep: list[tuple[int, int]]
    case: dict
    reference_date: date
    result: Result | None = None


def parse(raw: dict) -> Note:
    """Strip the markup: {text|label} identifying (label* known), <text> a word that must stay."""
    source = "\n".join(raw["lines"])
    parts: list[str] = []
    gold: list[Gold] = []
    keep: list[tuple[int, int]] = []
    pos = last = 0
    for match in _MARK.finditer(source):
        parts.append(source[last : match.start()])
        pos += match.start() - last
        body = match[1] if match[1] is not None else match[3]
        if match[1] is not None:
            label = match[2].rstrip("*")
            gold.append(Gold(pos, pos + len(body), label, match[2].endswith("*") or label in KNOWN_LABELS))
        else:
            keep.append((pos, pos + len(body)))
        parts.append(body)
        pos += len(body)
        last = match.end()
    parts.append(source[last:])
    return Note(raw["id"], "".join(parts), gold, keep, raw["case"], date.fromisoformat(raw["reference_date"]))


def load_notes(path: Path = NOTES) -> list[Note]:
    """Every note of an evaluation set."""
    return [parse(raw) for raw in json.loads(path.read_text(encoding="utf-8"))["notes"]]


def markup_problems(path: Path) -> list[str]:
    """What is wrong with an evaluation file: ids, dates, cases, and every {text|label} and <text> mark."""
    problems: list[str] = []
    data = json.loads(path.read_text(encoding="utf-8"))
    if not isinstance(data.get("about"), str) or not isinstance(data.get("notes"), list):
        return ["the file needs an 'about' text and a 'notes' list"]
    seen: set[str] = set()
    for raw in data["notes"]:
        note_id = raw.get("id", "?")
        if note_id in seen:
            problems.append(f"{note_id}: id used twice")
        seen.add(note_id)
        try:
            date.fromisoformat(raw["reference_date"])
            case_from_dict(raw["case"])
        except (KeyError, TypeError, ValueError) as error:
            problems.append(f"{note_id}: {error!r}")
        if not raw.get("lines") or not all(isinstance(line, str) for line in raw["lines"]):
            problems.append(f"{note_id}: no lines")
            continue
        for line in raw["lines"]:
            for match in _MARK.finditer(line):
                body = match[1] if match[1] is not None else match[3]
                if body != body.strip() or not any(c.isalnum() for c in body):
                    problems.append(f"{note_id}: empty or padded mark {match[0]!r}")
                if match[1] is not None:
                    label = match[2]
                    bare = label.removesuffix("*")
                    if bare not in LABELS or (label.endswith("*") and bare in KNOWN_LABELS):
                        problems.append(f"{note_id}: unknown label {label!r}")
            rest = _MARK.sub("", line)
            if any(c in rest for c in "{}|<>"):
                problems.append(f"{note_id}: stray markup in {line!r}")
    return problems


def covered(note: Note, start: int, end: int) -> bool:
    """True when every letter and digit in start..end lies inside a replacement."""
    return all(
        any(r.start <= i < r.end for r in note.result.replacements) for i in range(start, end) if note.text[i].isalnum()
    )


def word_kept(note: Note, start: int, end: int) -> bool:
    """True when a word was left alone, or sits in a replacement whose label says the same (moeder Marja -> moeder)."""
    word = note.text[start:end].lower()
    hits = [r for r in note.result.replacements if r.start < end and start < r.end]
    return all(word in r.label.lower() for r in hits)


@pytest.fixture(scope="session")
def evaluated(anonymiser_client: AnonymiserClient) -> dict:
    """All notes anonymised, with the progress the warm-up reported."""
    stages: list[tuple[str, float]] = []
    started = time.monotonic()
    anonymiser_client.warm_up(lambda stage, fraction: stages.append((stage, fraction)))
    load = time.monotonic() - started
    notes = load_notes()
    for note in notes:
        note.result = anonymiser_client.anonymise(
            note.text, case_from_dict(note.case), reference_date=note.reference_date
        )
    return {"notes": notes, "stages": stages, "load": load}


@pytest.fixture(scope="session")
def evaluated_hard(anonymiser_client: AnonymiserClient, evaluated: dict) -> list[Note]:
    """The harder set anonymised by the same warm worker."""
    notes = load_notes(HARD)
    for note in notes:
        note.result = anonymiser_client.anonymise(
            note.text, case_from_dict(note.case), reference_date=note.reference_date
        )
    return notes


def _tokens(text: str) -> list[str]:
    return re.findall(r"\w+", text.lower())


def _entity(note: Note, gold: Gold) -> tuple[str, str]:
    """Which one entity a marked stretch names: the youth, a network member (matched on name), else its words."""
    words = _tokens(note.text[gold.start : gold.end])
    if words and set(words) <= set(_tokens(note.case["youth"]["last_name"])):
        return "familienaam", ""  # the family name alone may have its own label: it is the whole family's
    if gold.label in ("jongere", "coach"):
        return gold.label, ""
    if gold.label == "netwerk":
        best, score = "", 0.0
        for member in note.case.get("network", []):
            names = _tokens(member["name"])
            total = 0.0
            for word in words:
                if len(word) == 1:  # an initial
                    total += 0.6 if any(n.startswith(word) for n in names) else 0.0
                else:
                    total += max(
                        1.0 if n.startswith(word) or word.startswith(n) else SequenceMatcher(None, word, n).ratio()
                        for n in names
                    )
            if words and total / len(words) > score:
                best, score = member["name"], total / len(words)
        if score >= 0.5:
            return "netwerk", best
    return gold.label, words[0] if words else ""


def measure(notes: list[Note]) -> dict[str, float | int]:
    """Recall overall and on known entities, keep rate (all words and the marked <words>), one person one label."""
    spans = [(n, g) for n in notes for g in n.gold]
    known = [(n, g) for n, g in spans if g.known]
    total = kept = 0
    for note in notes:
        for match in re.finditer(r"\w+", note.text):
            if any(g.start <= match.start() < g.end for g in note.gold):
                continue
            total += 1
            kept += word_kept(note, match.start(), match.end())
    marked = [(n, a, b) for n in notes for a, b in n.keep]
    entities = 0
    consistent = 0
    for note in notes:
        labels: dict[tuple[str, str], list[set[str]]] = {}
        for gold in note.gold:
            # people only: two dates or numbers with the same first word are different things
            if gold.label not in ("jongere", "netwerk", "coach", "persoon") or not covered(note, gold.start, gold.end):
                continue
            hits = {r.label for r in note.result.replacements if r.start < gold.end and gold.start < r.end}
            labels.setdefault(_entity(note, gold), []).append(hits)
        for mentions in labels.values():
            if len(mentions) < 2:
                continue  # one mention is trivially consistent
            entities += 1
            consistent += len(set().union(*mentions)) == 1
    return {
        "notes": len(notes),
        "spans": len(spans),
        "recall": sum(covered(n, g.start, g.end) for n, g in spans) / len(spans),
        "known_spans": len(known),
        "known_recall": sum(covered(n, g.start, g.end) for n, g in known) / len(known),
        "keep": kept / total,
        "keep_words": len(marked),
        "keep_marked": sum(word_kept(n, a, b) for n, a, b in marked) / len(marked),
        "entities": entities,
        "consistency": consistent / entities if entities else 1.0,
    }


def _report(name: str, figures: dict[str, float | int]) -> str:
    return (
        f"{name}: {figures['notes']} notes, {figures['spans']} spans ({figures['known_spans']} known), "
        f"{figures['keep_words']} <keep> words | recall {figures['recall']:.1%}, "
        f"known {figures['known_recall']:.1%}, keep {figures['keep']:.1%} (marked {figures['keep_marked']:.1%}), "
        f"consistency {figures['consistency']:.1%} of {figures['entities']} entities"
    )


@pytest.mark.parametrize("path", [NOTES, HARD], ids=["notes", "notes_hard"])
def test_evaluation_file_is_well_formed(path: Path) -> None:
    assert markup_problems(path) == []


def test_markup_checker_finds_mistakes(tmp_path: Path) -> None:
    raw = json.loads(NOTES.read_text(encoding="utf-8"))["notes"][0]
    broken = dict(raw, lines=["{Sanne|jonger} zag {Marja|netwerk", "een <woord zonder eind", "{ |datum}"])
    path = tmp_path / "broken.json"
    path.write_text(json.dumps({"about": "x", "notes": [broken, raw]}), encoding="utf-8")
    problems = markup_problems(path)
    assert any("unknown label 'jonger'" in p for p in problems)
    assert sum("stray markup" in p for p in problems) == 2
    assert any("empty or padded" in p for p in problems)
    assert any("id used twice" in p for p in problems)  # broken and raw share an id


def test_the_hard_set_is_big_and_varied() -> None:
    notes = load_notes(HARD)
    assert len(notes) >= 30
    assert not {n.id for n in notes} & {n.id for n in load_notes()}
    assert sum(len(n.keep) for n in notes) >= 3 * len(notes)
    assert all(8 <= len(n.gold) <= 20 for n in notes), [(n.id, len(n.gold)) for n in notes]


def test_figures_of_both_sets(evaluated: dict, evaluated_hard: list[Note], capsys: pytest.CaptureFixture) -> None:
    """Reported, both sets apart; the hard set's thresholds are the tuner's to set (issue 15)."""
    easy, hard = measure(evaluated["notes"]), measure(evaluated_hard)
    with capsys.disabled():
        print("\n" + _report("notes.json", easy) + "\n" + _report("notes_hard.json", hard))
    assert all(0.0 <= figures[key] <= 1.0 for figures in (easy, hard) for key in ("recall", "keep", "consistency"))


def test_targets_on_the_first_set(evaluated: dict) -> None:
    """Issue 15's targets, all met on notes.json: every known entity, 99 % overall, 97 % of other words kept."""
    figures = measure(evaluated["notes"])
    assert figures["known_recall"] == 1.0
    assert figures["recall"] >= 0.99
    assert figures["keep"] >= 0.97
    assert figures["keep_marked"] >= 0.95
    assert figures["consistency"] >= 0.95


def test_targets_on_the_hard_set(evaluated_hard: list[Note]) -> None:
    """Issue 15's targets on notes_hard.json too: every known entity, 99 % overall, 97 % of other words kept."""
    figures = measure(evaluated_hard)
    assert figures["known_recall"] == 1.0, _report("notes_hard.json", figures)
    assert figures["recall"] >= 0.99, _report("notes_hard.json", figures)
    assert figures["keep"] >= 0.97, _report("notes_hard.json", figures)
    assert figures["keep_marked"] >= 0.95, _report("notes_hard.json", figures)
    assert figures["consistency"] >= 0.95, _report("notes_hard.json", figures)


def test_every_known_name_is_replaced_in_the_hard_set(evaluated_hard: list[Note]) -> None:
    misses = [
        (n.id, n.text[g.start : g.end])
        for n in evaluated_hard
        for g in n.gold
        if g.known and not covered(n, g.start, g.end)
    ]
    assert misses == []


def test_the_set_is_big_and_varied() -> None:
    notes = load_notes()
    assert len(notes) >= 25
    labels = {g.label for n in notes for g in n.gold}
    assert {
        "jongere",
        "netwerk",
        "persoon",
        "plaats",
        "adres",
        "postcode",
        "telefoon",
        "email",
        "datum",
        "geboortedatum",
        "bsn",
        "iban",
        "kenteken",
        "url",
        "school",
        "werkgever",
        "instelling",
    } <= labels
    assert sum(len(n.keep) for n in notes) >= 15


def test_progress_was_reported(evaluated: dict) -> None:
    stages = evaluated["stages"]
    assert stages[0][0] == "starten" and stages[-1] == ("klaar", 1.0)


def test_every_known_name_is_replaced(evaluated: dict) -> None:
    misses = [
        (n.id, n.text[g.start : g.end])
        for n in evaluated["notes"]
        for g in n.gold
        if g.known and not covered(n, g.start, g.end)
    ]
    assert misses == []


def test_recall_of_identifying_spans(evaluated: dict) -> None:
    spans = [(n, g) for n in evaluated["notes"] for g in n.gold]
    misses = [(n.id, n.text[g.start : g.end], g.label) for n, g in spans if not covered(n, g.start, g.end)]
    recall = 1 - len(misses) / len(spans)
    assert recall >= 0.99, f"recall {recall:.3f}; missed {misses}"


def test_over_redaction(evaluated: dict) -> None:
    total = kept = 0
    lost = []
    for note in evaluated["notes"]:
        for match in re.finditer(r"\w+", note.text):
            if any(g.start <= match.start() < g.end for g in note.gold):
                continue
            total += 1
            if word_kept(note, match.start(), match.end()):
                kept += 1
            else:
                lost.append((note.id, match[0]))
    assert kept / total >= 0.97, f"kept {kept}/{total}; lost {lost}"
    tricky = [(n.id, n.text[a:b]) for n in evaluated["notes"] for a, b in n.keep if not word_kept(n, a, b)]
    assert len(tricky) <= 0.1 * sum(len(n.keep) for n in evaluated["notes"]), tricky


def _output_map(note: Note) -> list[int | None]:
    """For each character of the output, its position in the original (None inside a label)."""
    mapping: list[int | None] = []
    cursor = 0
    for item in note.result.replacements:
        mapping += list(range(cursor, item.start))
        mapping += [None] * (item.out_end - item.out_start)
        cursor = item.end
    mapping += list(range(cursor, len(note.text)))
    return mapping


def test_no_known_name_leaks(evaluated: dict) -> None:
    leaks = []
    for note in evaluated["notes"]:
        forms = build_known(case_from_dict(note.case)).person_forms()
        mapping = _output_map(note)
        assert len(mapping) == len(note.result.text)
        for form in forms:
            pattern = r"(?<![\w.@])" + re.escape(form) + r"(?:'s|’s|'|s)?(?![\w@])"
            for match in re.finditer(pattern, note.result.text, re.IGNORECASE):
                origin = mapping[match.start()]
                if origin is None or not any(a <= origin < b for a, b in note.keep):
                    leaks.append((note.id, form, match[0]))
    assert leaks == []


def test_same_person_same_label(evaluated: dict) -> None:
    for note in evaluated["notes"]:
        labels: dict[str, set[str]] = {}
        for gold in note.gold:
            if gold.label != "persoon":
                continue
            key = re.findall(r"\w+", note.text[gold.start : gold.end])[0].lower()
            hits = {r.label for r in note.result.replacements if r.start <= gold.start < r.end}
            labels.setdefault(key, set()).update(hits)
        assert all(len(found) == 1 for found in labels.values()), (note.id, labels)


def test_readable_output(evaluated: dict) -> None:
    by_id = {n.id: n.result.text for n in evaluated["notes"]}
    assert by_id["n18-onbekenden"].startswith(
        "De jongere heeft een nieuwe vriend, [persoon 1]. Moeder vertrouwt hem niet.\n"
        "Volgens de jongere is [persoon 1] juist degene"
    )
    assert (
        "Overdracht tussen de jobcoaches: jobcoach 1 stopt, jobcoach 2 neemt het over." in by_id["n23-twee-jobcoaches"]
    )


@pytest.mark.deduce_idle
def test_worker_ends_when_idle(anonymiser_client: AnonymiserClient, evaluated: dict) -> None:
    end = time.monotonic() + 15
    while anonymiser_client.running() and time.monotonic() < end:
        time.sleep(0.1)
    assert not anonymiser_client.running()


def test_a_note_written_in_capitals_or_lower_case_leaks_no_name(anonymiser_client: AnonymiserClient) -> None:
    """Some write in capitals: no capital then marks a name, and every word looks like one. A town after a
    postcode is one in lower case too."""
    text = (
        "JAYDEN KWAM TE LAAT. ZIJN MOEDER (MEVROUW BAKKER) BELDE OM 10:00.\n"
        "HIJ GAAT MORGEN MET ZIJN VRIEND KEVIN NAAR ZAANDAM, POSTCODE 1501 AB.\n"
        "Daarna gewoon verder geschreven, met Fatima, die op 3512 ab utrecht woont."
    )
    result = anonymiser_client.anonymise(text, None, reference_date=date(2026, 3, 20))
    for name in ("JAYDEN", "BAKKER", "KEVIN", "ZAANDAM", "1501", "Fatima", "utrecht"):
        assert name not in result.text, result.text
    # The everyday words in capitals stay, so the note still reads.
    for words in ("KWAM TE LAAT", "ZIJN MOEDER", "BELDE", "HIJ GAAT MORGEN MET ZIJN VRIEND", "POSTCODE"):
        assert words in result.text, result.text


def test_a_lowercase_name_owning_a_role_or_quoted_after_one_is_found(anonymiser_client: AnonymiserClient) -> None:
    text = "- noor's zus 'lisa' komt ook, en tante \"fatima\". De buurmans zoon en de ouders moeder kwamen."
    result = anonymiser_client.anonymise(text, None, reference_date=date(2026, 3, 20))
    for name in ("noor", "lisa", "fatima"):
        assert name not in result.text, result.text
    assert "'s zus" in result.text and "buurmans zoon" in result.text and "ouders moeder" in result.text
