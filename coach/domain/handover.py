"""The warm handover: which consent allows it, what it may share, and what the document is made of.

Pure: the store loads a `HandoverData`, coach.reports.handover turns it into
the overdrachtsdossier. A handover is only made under a recorded consent
that is not withdrawn; the consent names the parts that may be shared.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from itertools import pairwise
from statistics import median

from coach.domain.model import Case
from coach.domain.network import NetworkMember
from coach.domain.registration import Consent
from coach.domain.safety import Concern
from coach.domain.trajectory import TrajectoryRecord
from coach.domain.vocabulary import ContactMode, ContactStatus, HandoverKind

WARM, DOMAINS, NETWORK, CONTACTS, SAFETY = "warm_verhaal", "leefgebieden", "netwerk", "contacten", "veiligheid"
#: Every part a consent can name one by one; 'alles' stands for all of them.
SHARED_PARTS: tuple[str, ...] = (WARM, DOMAINS, NETWORK, CONTACTS, SAFETY)
ALL = "alles"
#: How long the coach's "wat werkt" may be (a page or two is plenty; a megabyte is a mistake).
WHAT_WORKS_MAX = 20_000
# How many held contacts the rhythm that worked is read from: the recent weeks tell most.
RHYTHM_CONTACTS = 8
SUGGESTIONS_MAX = 6
SUGGESTION_CHARS = 240

_SENTENCE_END = re.compile(r"(?<=[.!?])\s+|\n+")


class HandoverRefused(ValueError):
    """No handover can be made (no usable consent, or one that does not cover what is asked); Dutch message."""


@dataclass(frozen=True)
class CoachCard:
    """How the next professional reaches the coach, from the settings: for a warm introduction."""

    name: str | None = None
    phone: str | None = None
    email: str | None = None
    organisation: str | None = None

    @property
    def empty(self) -> bool:
        """True when the settings name nothing at all."""
        return not any((self.name, self.phone, self.email, self.organisation))


@dataclass(frozen=True)
class HandoverData:
    """Everything the overdrachtsdossier may draw on, read in one go; the consent decides what is shown."""

    case: Case
    network: tuple[NetworkMember, ...] = ()
    open_concerns: tuple[Concern, ...] = ()
    trajectory: TrajectoryRecord = field(default_factory=TrajectoryRecord)
    what_works: str = ""
    coach: CoachCard = field(default_factory=CoachCard)


def covered(parts: Iterable[str]) -> frozenset[str]:
    """The parts a consent's list covers, with 'alles' spelled out."""
    chosen = set(parts)
    return frozenset(SHARED_PARTS) if ALL in chosen else frozenset(chosen & set(SHARED_PARTS))


def usable(consents: Iterable[Consent]) -> list[Consent]:
    """The consents that still count (a withdrawn one never does), oldest first."""
    return [consent for consent in consents if consent.withdrawn_on is None]


def _who(consent: Consent) -> str:
    extra = ", ".join(part for part in (consent.role, consent.organisation) if part)
    return f"{consent.given_to} ({extra})" if extra else consent.given_to


#: What is missing without any consent; NO_CONSENT adds where to record one (the app's screen says its own key).
NO_CONSENT_WHAT = (
    "Er is nog geen toestemming van de jongere vastgelegd om iets te delen. Leg eerst vast aan wie, "
    "wat (warm verhaal, leefgebieden, netwerk, contacten, veiligheid of alles) en op welke datum"
)
NO_CONSENT = NO_CONSENT_WHAT + ": in de app bij de gegevens (g), of met 'coach consent ID --aan NAAM'."


def pick_consent(consents: Sequence[Consent], consent_id: int | None = None, *, need: Iterable[str] = ()) -> Consent:
    """The consent to hand over under: the one asked for, else the newest that still counts (and covers `need`).

    Raises HandoverRefused saying what is missing: no consent at all, only
    withdrawn ones, an id that is not this young person's, or a consent that
    does not cover the parts in `need`.
    """
    if not consents:
        raise HandoverRefused(NO_CONSENT)
    if consent_id is not None:
        chosen = next((consent for consent in consents if consent.id == consent_id), None)
        if chosen is None:
            known = ", ".join(f"{c.id} ({c.given_to})" for c in usable(consents)) or "geen"
            raise HandoverRefused(
                f"Toestemming {consent_id} hoort niet bij deze jongere. Toestemmingen die gelden: {known}."
            )
        if chosen.withdrawn_on is not None:
            raise HandoverRefused(
                f"De toestemming aan {_who(chosen)} is op {chosen.withdrawn_on:%d-%m-%Y} ingetrokken en telt niet "
                "meer. Vraag de jongere opnieuw om toestemming en leg die vast."
            )
    else:
        alive = usable(consents)
        if not alive:
            raise HandoverRefused(
                "Elke toestemming van deze jongere is ingetrokken; een ingetrokken toestemming telt niet. "
                "Vraag opnieuw om toestemming en leg die vast (in de app bij de gegevens, of met 'coach consent')."
            )
        # The newest that covers what is needed (the newest of all when none does: it says what is missing).
        fitting = [consent for consent in alive if set(need) <= covered(consent.parts)] or alive
        chosen = max(fitting, key=lambda consent: (consent.given_on, consent.id or 0))
    missing = [part for part in need if part not in covered(chosen.parts)]
    if missing:
        raise HandoverRefused(
            f"De toestemming aan {_who(chosen)} geldt niet voor {', '.join(missing)}. Vraag de jongere om "
            "toestemming voor alles en leg die vast, of kies een andere toestemming."
        )
    return chosen


def consent_line(consent: Consent) -> str:
    """One line naming a consent for a choice list: to whom, what, since when."""
    parts = "alles" if covered(consent.parts) == frozenset(SHARED_PARTS) else ", ".join(consent.parts)
    return f"{_who(consent)} · {parts} · sinds {consent.given_on:%d-%m-%Y}"


def rhythm_that_worked(case: Case, today: date) -> str | None:
    """The contact rhythm of the recent held contacts in plain words; None with fewer than two."""
    past = [c for c in case.contacts if c.at.date() <= today]
    held = sorted((c for c in past if c.status == ContactStatus.PLAATSGEVONDEN), key=lambda c: c.at)
    if len(held) < 2:
        return None
    recent = held[-RHYTHM_CONTACTS:]
    gap = round(median((b.at - a.at).days for a, b in pairwise(recent)))
    modes = Counter(contact.mode for contact in recent).most_common(2)
    how = ContactMode.label_of(modes[0][0]).lower()
    if len(modes) > 1 and modes[1][1] * 2 >= modes[0][1]:
        how += f" en {ContactMode.label_of(modes[1][0]).lower()}"
    text = f"Ongeveer elke {gap} dagen contact (de laatste {len(recent)} keer), meestal {how}."
    # Only what was meant to happen counts: a contact moved or dropped by a change of plan is neither.
    meant = [c for c in past if c.status not in (ContactStatus.VERZET, ContactStatus.VERVALLEN, ContactStatus.GEPLAND)]
    if meant:
        text += f" Van de {len(meant)} afgesproken contactmomenten gingen er {len(held)} door."
    return text


def suggestion_texts(case: Case) -> list[str]:
    """The notes worth reading for "wat werkt": contact notes and what goes well per domain, newest first."""
    notes = [(c.at.date(), c.note) for c in case.contacts if c.note]
    going_well = [(a.date, a.going_well) for a in case.assessments if a.going_well]
    return [text for _day, text in sorted(notes + going_well, key=lambda item: item[0], reverse=True) if text]


def what_works_suggestions(texts: Iterable[str], cue_words: Sequence[str]) -> list[str]:
    """Sentences from the notes that say what works (they hold a cue word like 'helpt'), newest first, no repeats."""
    cues = [re.compile(rf"\b{re.escape(word.casefold())}") for word in cue_words]
    found: list[str] = []
    for text in texts:
        for sentence in _SENTENCE_END.split(text):
            sentence = " ".join(sentence.split())
            if not sentence or sentence in found or not any(cue.search(sentence.casefold()) for cue in cues):
                continue
            found.append(sentence if len(sentence) <= SUGGESTION_CHARS else sentence[: SUGGESTION_CHARS - 1] + "…")
            if len(found) == SUGGESTIONS_MAX:
                return found
    return found


def check_what_works(text: str) -> str | None:
    """The Dutch message for a "wat werkt" text that cannot be kept, or None."""
    if len(text) > WHAT_WORKS_MAX:
        return f"Wat werkt: te lang ({len(text)} tekens); hoogstens {WHAT_WORKS_MAX}."
    if any(ord(ch) < 32 and ch not in "\n\t" for ch in text):
        return "Wat werkt: bevat onzichtbare stuurtekens; typ het opnieuw of plak het als gewone tekst."
    return None


@dataclass(frozen=True)
class HandoverRecord:
    """One handover as recorded: a dossier written, the case sent to a colleague, or received from one."""

    kind: str
    made_on: date
    counterpart: str
    organisation: str | None = None
    consent_id: int | None = None
    parts: tuple[str, ...] = ()
    coach: str | None = None
    note: str | None = None
    id: int | None = None

    def as_json(self) -> dict[str, object]:
        """The handover as `coach show --json` lists it: kind, date, the other side; no notes."""
        return {
            "kind": self.kind,
            "on": self.made_on.isoformat(),
            "counterpart": self.counterpart,
            "organisation": self.organisation,
            "parts": list(self.parts),
        }

    def line(self) -> str:
        """How the youth screen names it: 'Overgedragen aan … op …' and the like."""
        who = f"{self.counterpart} ({self.organisation})" if self.organisation else self.counterpart
        day = f"{self.made_on:%d-%m-%Y}"
        if self.kind == HandoverKind.ONTVANGEN:
            return f"Ontvangen van {who} op {day}"
        if self.kind == HandoverKind.OVERGEDRAGEN:
            return f"Overgedragen aan {who} op {day}"
        return f"Overdracht gemaakt voor {who} op {day}"


def sender_note(card: CoachCard) -> str | None:
    """How to reach the sending coach, as one line kept with the handover (and shown to the receiver)."""
    reach = ", ".join(part for part in (card.phone, card.email) if part)
    name = card.name or "de vorige coach"
    if card.organisation:
        name += f" ({card.organisation})"
    return f"{name}; bereikbaar via {reach}" if reach else (name if not card.empty else None)
