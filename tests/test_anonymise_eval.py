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
from pathlib import Path

import pytest

from coach.privacy.known import build_known
from coach.privacy.result import Result
from coach.privacy.worker import AnonymiserClient
from coach.store.casefile import case_from_dict

NOTES = Path(__file__).parent / "data" / "anonymise" / "notes.json"
_MARK = re.compile(r"\{([^{}|]+)\|([^{}]+)\}|<([^<>]+)>")
KNOWN_LABELS = ("jongere", "netwerk")


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


def load_notes() -> list[Note]:
    """Every note of the evaluation set."""
    return [parse(raw) for raw in json.loads(NOTES.read_text(encoding="utf-8"))["notes"]]


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
    assert kept / total >= 0.95, f"kept {kept}/{total}; lost {lost}"
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
