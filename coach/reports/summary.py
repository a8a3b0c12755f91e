"""The anonymised intervision summary of a case, a period or one contact, laid out for the group's method.

The only way to get a summary is `make_summary`, which puts every piece of it
through an anonymiser (one numbering of unknown people across the whole
summary) and returns a `Summary` whose text is the anonymised Markdown. The
draft with names is built in `coach.reports._summary_draft` and kept only
inside the Summary, for the coach's own eyes on the review screen.
"""

from __future__ import annotations

import os
import re
import tempfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from functools import cached_property
from pathlib import Path
from typing import Protocol

from coach.content.model import Content, IntervisionContent, Method
from coach.domain.calendar_words import week_of
from coach.domain.contact_status import is_counted
from coach.domain.model import Case, Contact
from coach.domain.trajectory import ReleaseDecision
from coach.domain.vocabulary import ContactStatus
from coach.privacy.result import Replacement, Result
from coach.privacy.wordlists import FUNCTION_WORDS, ROLE_WORDS
from coach.reports._summary_draft import (
    CoachInput,
    Frame,
    Free,
    draft_pieces,
    own_part_suggestion,
    suggestion_text,
    tried_suggestion,
)
from coach.store.intervision import contact_key

CASE, PERIOD, CONTACT = "case", "period", "contact"
# What the coach checks by eye: a capitalised word or a number (with its separators).
_CHECK = re.compile(r"(?<![\w\[])(?:[A-ZÀ-Þ][\w'’\-]*|\d[\d\-/.:]*\d|\d)(?![\w\]])")
_SENTENCE_START = re.compile(r"(?:^|[.!?…:;]\s+|^[>\-*\s\"“]+)$")
MIN_HIDDEN = 3  # letters or digits in a stretch the coach hides by hand


class SummaryError(ValueError):
    """The summary cannot be made as asked; the Dutch message says why (and names no one)."""


class TextAnonymiser(Protocol):
    """What make_summary needs: `Anonymiser` in-process or `AnonymiserClient` with its worker."""

    def anonymise_many(
        self,
        texts: Iterable[str],
        case: Case | None = None,
        *,
        alias: str | None = None,
        reference_date: date | None = None,
        trajectory_start: date | None = None,
        reference_dates: Sequence[date | None] | None = None,
    ) -> list[Result]:
        """Anonymise the parts of one text with one numbering of people; each part placed from its own date."""
        ...


@dataclass(frozen=True)
class Scope:
    """What the summary covers: the whole case, a period (inclusive), or one contact (numbered from 1)."""

    kind: str = CASE
    start: date | None = None
    end: date | None = None
    contact: int | None = None
    # For "the last N months" as the review screen offers it: its question is kept under that name, not
    # under the dates, so it is still there tomorrow, when the same choice covers days a little later.
    months: int | None = None

    @classmethod
    def period(cls, start: date, end: date, *, months: int | None = None) -> Scope:
        """The contacts from `start` up to and including `end` (`months`: this is "the last N months")."""
        return cls(PERIOD, start=start, end=end, months=months)

    @classmethod
    def one_contact(cls, number: int) -> Scope:
        """Contact `number` of `numbered_contacts` (1 is the first)."""
        return cls(CONTACT, contact=number)

    @property
    def key(self) -> str | None:
        """The text key of a period, or a contact's place ("contact:3"); None for the whole case.

        "periode:2026-01-01:2026-03-01", "periode:laatste-3-maanden" or "contact:3". A contact's own question
        is stored under its id (`question_key`); "contact:3" is how it was stored before, and is still read.
        """
        if self.kind == PERIOD and self.months is not None:
            return f"periode:laatste-{self.months}-maanden"
        if self.kind == PERIOD and self.start is not None and self.end is not None:
            return f"periode:{self.start.isoformat()}:{self.end.isoformat()}"
        if self.kind == CONTACT and self.contact is not None:
            return f"contact:{self.contact}"
        return None


def question_key(case: Case, scope: Scope) -> str | None:
    """The key this scope's own question is stored under: a period's, or the contact's id ("contact-id:17").

    By its id a contact keeps its question when an earlier contact is added or dropped later; a contact
    not saved yet (no id) falls back to its place, "contact:3".
    """
    if scope.kind == CONTACT and scope.contact is not None:
        contacts = numbered_contacts(case)
        contact_id = contacts[scope.contact - 1].id if 1 <= scope.contact <= len(contacts) else None
        if contact_id is not None:
            return contact_key(contact_id)
    return scope.key


def scope_question(case: Case, scope: Scope) -> tuple[str | None, bool]:
    """The leervraag for this scope and whether it is the scope's own (False: the case's, as a starting point).

    A contact's question stored before by the contact's place ("contact:3") is read when its id has none.
    """
    key = question_key(case, scope)
    own = case.scope_questions.get(key) if key is not None else None
    if not own and key != scope.key and scope.key is not None:
        own = case.scope_questions.get(scope.key)
    if own:
        return own, True
    return case.youth.intervision_question, key is None


def numbered_contacts(case: Case) -> list[Contact]:
    """The contacts a summary can be about (held, missed or cancelled), oldest first: number N is item N-1.

    Planned, verzet and vervallen contacts never happened and were never cancelled: they are left out.
    """
    return sorted((c for c in case.contacts if is_counted(c.status)), key=lambda c: c.at)


def trajectory_start(case: Case, today: date) -> date:
    """Week 1 of the trajectory: its start date, else the first phase or contact, else today."""
    candidates = [p.since for p in case.phases] + [c.at.date() for c in case.contacts]
    return case.youth.started_on or min(candidates, default=today)


def _frame(case: Case, scope: Scope, today: date, moment: int | None = None) -> Frame:
    frame = _scope_frame(case, scope, today)
    if moment is None or scope.kind == CONTACT:
        return frame
    contacts = numbered_contacts(case)
    if not 1 <= moment <= len(contacts):
        raise SummaryError(f"Contactmoment {moment} bestaat niet: er zijn er {len(contacts)}.")
    chosen = contacts[moment - 1]
    if chosen not in frame.contacts:
        raise SummaryError(f"Contactmoment {moment} valt buiten wat de samenvatting beslaat; kies een ander moment.")
    return replace(frame, focus=chosen)


def moment_choices(case: Case, scope: Scope, today: date) -> list[tuple[int, Contact]]:
    """The contacts the incident method can centre on for this scope, newest first, with their numbers."""
    frame = _scope_frame(case, scope, today)
    numbered = list(enumerate(numbered_contacts(case), start=1))
    return [(number, contact) for number, contact in reversed(numbered) if contact in frame.contacts]


def default_moment(case: Case, scope: Scope, today: date) -> int | None:
    """The moment the incident method takes when the coach picks none: the newest held contact with a note."""
    focus = _scope_frame(case, scope, today).focus
    numbered = numbered_contacts(case)
    return numbered.index(focus) + 1 if focus is not None and focus in numbered else None


def suggestions(case: Case, scope: Scope, today: date) -> tuple[str, str]:
    """'Wat ik al probeerde' and 'mijn aandeel' as the data suggest them, for the coach to edit (names still in)."""
    frame = _scope_frame(case, scope, today)
    return suggestion_text(tried_suggestion(case, frame)), suggestion_text(own_part_suggestion(case, frame))


def _scope_frame(case: Case, scope: Scope, today: date) -> Frame:
    start = trajectory_start(case, today)
    contacts = numbered_contacts(case)
    if scope.kind == CONTACT:
        number = scope.contact or 0
        if not contacts:
            raise SummaryError("Deze jongere heeft nog geen contactmomenten om samen te vatten.")
        if not 1 <= number <= len(contacts):
            raise SummaryError(
                f"Contactmoment {number} bestaat niet: er zijn er {len(contacts)} "
                f"(1 is het eerste, {len(contacts)} het laatste)."
            )
        chosen = contacts[number - 1]
        day = chosen.at.date()
        return Frame((chosen,), day, None, start, chosen, f"één contactmoment ({week_of(day, start)})")
    if scope.kind == PERIOD:
        if scope.start is None or scope.end is None:
            raise SummaryError("Geef een periode met een begin- en een einddatum.")
        if scope.start > scope.end:
            raise SummaryError("De periode klopt niet: de begindatum ligt na de einddatum. Draai ze om.")
        until = min(scope.end, today)
        chosen_contacts = tuple(c for c in contacts if scope.start <= c.at.date() <= scope.end)
        words = f"van {week_of(scope.start, start)} tot en met {week_of(scope.end, start)}"
        return Frame(chosen_contacts, until, scope.start, start, _focus(chosen_contacts), words, "in deze periode")
    past = tuple(c for c in contacts if c.at.date() <= today)
    return Frame(past, today, None, start, _focus(past), f"het hele traject tot nu ({week_of(today, start)})", "tot nu")


def check_scope(case: Case, scope: Scope, today: date, moment: int | None = None) -> None:
    """Raise SummaryError when the scope (or the moment) does not fit the case (before anything slow is started)."""
    _frame(case, scope, today, moment)


def _focus(contacts: Sequence[Contact]) -> Contact | None:
    """The contact the incident method centres on when none is chosen: the last held one with a note."""
    with_note = [c for c in contacts if c.status == ContactStatus.PLAATSGEVONDEN and c.note and c.note.strip()]
    return with_note[-1] if with_note else (contacts[-1] if contacts else None)


def _combine(pieces: list[str], results: list[Result]) -> Result:
    """One Result over the joined pieces: replacements shifted to their place in the whole."""
    replacements: list[Replacement] = []
    source_at = output_at = 0
    for piece, result in zip(pieces, results, strict=True):
        replacements += [
            replace(
                r,
                start=r.start + source_at,
                end=r.end + source_at,
                out_start=r.out_start + output_at,
                out_end=r.out_end + output_at,
            )
            for r in result.replacements
        ]
        source_at += len(piece)
        output_at += len(result.text)
    return Result("".join(result.text for result in results), tuple(replacements))


def _occurrences(source: str, text: str) -> list[tuple[int, int]]:
    """Where `text` stands in `source` (any case), as a whole word where it begins or ends with one."""
    text = text.strip()
    if not text:
        return []
    before = r"(?<![\w])" if text[0].isalnum() else ""
    after = r"(?![\w])" if text[-1].isalnum() else ""
    return [(m.start(), m.end()) for m in re.finditer(before + re.escape(text) + after, source, re.IGNORECASE)]


@dataclass(frozen=True)
class Summary:
    """An anonymised intervision summary: `text` (Markdown) is all that may leave the app."""

    base: Result = field(repr=False)  # anonymised, before the coach's own hiding
    method: Method
    scope: Scope
    # What the coach hid by hand, as written in the source (so possibly a name): kept out of repr too.
    hidden: tuple[str, ...] = field(default=(), repr=False)
    # The draft with names, for the review screen only; kept out of repr so it cannot end up in a log.
    _source: str = field(default="", repr=False)
    # Where in the source someone's own writing stands (notes, agreements, reasons), as (start, end).
    free: tuple[tuple[int, int], ...] = field(default=(), repr=False)

    def check_points(self) -> list[tuple[int, int]]:
        """Every capitalised word or number still in the text that someone wrote, as (start, end) in the text.

        The app's own wording is left out, and so is an everyday word opening a sentence ("De", "Ik"):
        these are what a coach reads twice before sharing.
        """
        replaced = [(r.start, r.end) for r in self.result.replacements]
        points: list[tuple[int, int]] = []
        for start, end in self.free:
            piece = self._source[start:end]
            for match in _CHECK.finditer(piece):
                word = match[0]
                if word[0].isalpha() and word.lower() in FUNCTION_WORDS | ROLE_WORDS:
                    before = piece[: match.start()].rsplit("\n", 1)[-1]
                    if _SENTENCE_START.search(before) or not before.strip():
                        continue
                at = start + match.start()
                if any(a < at + len(word) and at < b for a, b in replaced):
                    continue
                out = self.text_position(at)
                if self.text[out : out + len(word)] == word:
                    points.append((out, out + len(word)))
        return sorted(set(points))

    @cached_property
    def result(self) -> Result:
        """The anonymised text with every replacement, the coach's hidden stretches included."""
        result = self.base
        for text in self.hidden:
            for start, end in _occurrences(self._source, text):
                result = result.hide(self._source, start, end)
        return result

    @property
    def text(self) -> str:
        """The anonymised summary as Markdown."""
        return self.result.text

    def __str__(self) -> str:
        return self.result.text

    @property
    def replacements(self) -> tuple[Replacement, ...]:
        """Every replacement made, with its place in the review source and in the text."""
        return self.result.replacements

    def review_source(self) -> str:
        """The text before anonymising, to show beside the summary on the review screen; never export it."""
        return self._source

    def source_range(self, out_start: int, out_end: int) -> tuple[int, int]:
        """The stretch of the review source behind a stretch of the text (a label stands for all it replaced)."""
        return self._to_source(out_start, left=True), self._to_source(out_end, left=False)

    def _to_source(self, position: int, *, left: bool) -> int:
        shift = 0
        for item in self.result.replacements:
            if position < item.out_start or (not left and position == item.out_start):
                break
            if position < item.out_end:
                return item.start if left else item.end
            shift = item.end - item.out_end
        return max(0, min(len(self._source), position + shift))

    def text_position(self, source_index: int) -> int:
        """Where a place in the review source ended up in the text (a replaced stretch: its label's start)."""
        shift = 0
        for item in self.result.replacements:
            if source_index < item.start:
                break
            if source_index < item.end:
                return item.out_start
            shift = item.out_end - item.end
        return max(0, min(len(self.text), source_index + shift))

    def hide(self, start: int, end: int) -> Summary:
        """This summary with source[start:end] hidden too, wherever it occurs (the coach marked it by hand).

        Raises SummaryError for a stretch of fewer than three letters or digits: hiding every "1" or "de"
        would wreck the summary without hiding anyone.
        """
        text = self._source[start:end].strip()
        if sum(ch.isalnum() for ch in text) < MIN_HIDDEN:
            raise SummaryError(
                "Kies een langer stuk om te verbergen (minstens drie letters of cijfers): "
                "het wordt overal in de samenvatting verborgen."
            )
        if text.lower() in {h.lower() for h in self.hidden}:
            return self
        return replace(self, hidden=(*self.hidden, text))

    def unhide_last(self) -> Summary:
        """This summary without the coach's most recent hiding."""
        return replace(self, hidden=self.hidden[:-1]) if self.hidden else self


def make_summary(
    case: Case,
    anonymiser: TextAnonymiser,
    *,
    method: Method,
    words: IntervisionContent,
    content: Content,
    today: date,
    scope: Scope = Scope(),
    question: str | None = None,
    alias: str | None = None,
    hidden: Iterable[str] = (),
    moment: int | None = None,
    tried: str | None = None,
    own_part: str | None = None,
    domains: Iterable[str] = (),
    decisions: Sequence[ReleaseDecision] = (),
) -> Summary:
    """The anonymised summary (raises SummaryError for a scope or moment that does not fit the case).

    Args:
        question: the coach's question; None takes the one stored for this scope (a period or one contact),
            else the case's.
        hidden: stretches of text the coach hid by hand; every occurrence is hidden again.
        moment: the contact (numbered as in numbered_contacts) the incident method centres on; None: the newest.
        tried, own_part: the coach's own texts; None puts in what the data suggest.
        domains: domain keys the coach marked to show (besides those that changed or score 2 or less).
        decisions: the trajectory's release decisions, whose reasons join the phase history.
    """
    frame = _frame(case, scope, today, moment)
    asked = scope_question(case, scope)[0] if question is None else question
    given = CoachInput(asked or "", tried, own_part, frozenset(domains), tuple(decisions))
    pieces = draft_pieces(case, frame, method, words, content, given)
    # Each note's own day places its "volgende week dinsdag" and "14/3", not today.
    written = [piece.written if isinstance(piece, Free) else None for piece in pieces]
    results = anonymiser.anonymise_many(
        pieces, case, alias=alias, reference_date=today, trajectory_start=frame.start, reference_dates=written
    )
    free, at = [], 0
    for piece in pieces:
        if isinstance(piece, Free):
            free.append((at, at + len(piece)))
        at += len(piece)
    return Summary(_combine(pieces, results), method, scope, tuple(hidden), "".join(pieces), tuple(free))


def default_filename(today: date) -> str:
    """A file name for a summary that names no one: intervisie-2026-03-14.md."""
    return f"intervisie-{today.isoformat()}.md"


def write_summary(summary: Summary, path: Path) -> None:
    """Write the anonymised summary, all or nothing (OSError when the file cannot be written).

    Takes a Summary, not a string, so only the anonymised text can reach a file this way.
    """
    folder = path.parent if str(path.parent) else Path(".")
    handle, temporary = tempfile.mkstemp(dir=folder, prefix=".coach-", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            stream.write(summary.text)
        os.replace(temporary, path)
    except BaseException:
        if os.path.exists(temporary):
            os.unlink(temporary)
        raise
