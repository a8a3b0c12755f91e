"""Preparing a follow-up visit: how the last contact ended, what is open, what to open with."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from coach.conversation.engine import Conversation
from coach.conversation.matching import fold
from coach.conversation.signals import Signal, first_per_domain
from coach.domain.contact_status import is_counted
from coach.domain.intake import NVT, Intake, quoted
from coach.domain.model import Agreement, Case, Contact, WarmStoryItem
from coach.domain.vocabulary import AgreementStatus, ContactStatus

# A domain not talked about for longer than this is worth bringing up.
STALE_DAYS = 42
ENDING_MAX = 160
# Signals in contact notes older than this (before the latest contact) are left to "long not talked about".
SIGNAL_DAYS = 60


@dataclass(frozen=True)
class StaleDomain:
    """A domain and the last day it was talked about (None: never)."""

    domain: str
    last: date | None
    days: int | None


@dataclass(frozen=True)
class OpenSignal:
    """A domain named in what was written, and not talked about since."""

    signal: Signal
    on: date
    where: str


@dataclass(frozen=True)
class VisitPrep:
    """Everything the preparation screen shows before the visit starts."""

    last_contact: Contact | None
    ending: str | None
    agreements: list[Agreement]
    signals: list[OpenSignal]
    stale: list[StaleDomain]
    opener: str
    opener_from: WarmStoryItem | None


def last_contact(contacts: list[Contact], before: datetime, skip: int | None = None) -> Contact | None:
    """The most recent contact that happened (or was missed or cancelled) before `before`.

    Planned ones are left out, and so are verzet and vervallen: they never took place.
    """
    done = [c for c in contacts if is_counted(c.status) and c.at <= before and c.id != skip]
    return max(done, key=lambda c: c.at, default=None)


def ending_of(contact: Contact | None) -> str | None:
    """How a contact ended: the last line written in its note, shortened when long."""
    note = (contact.note or "").strip() if contact is not None else ""
    if not note:
        return None
    line = [part.strip() for part in note.splitlines() if part.strip()][-1]
    return line if len(line) <= ENDING_MAX else line[: ENDING_MAX - 1].rstrip() + "…"


def last_talked(case: Case, intake: Intake | None, contact_days: dict[str, date]) -> dict[str, date]:
    """Per domain, the last day it was talked about: in a contact, an assessment or the intake."""
    days = dict(contact_days)

    def seen(domain: str, day: date | None) -> None:
        if day is not None and (domain not in days or day > days[domain]):
            days[domain] = day

    for item in case.assessments:
        if any(v is not None for v in (item.score, item.youth_score, item.going_well, item.concerns, item.wish)):
            seen(item.domain, item.date)
    if intake is not None:
        for key, entry in intake.domains.items():
            if entry.has_content or entry.skip == NVT:
                seen(key, entry.touched_on or intake.started_on)
    return days


def stale_domains(talked: dict[str, date], today: date, keys: list[str], after: int = STALE_DAYS) -> list[StaleDomain]:
    """Domains never talked about or not for `after` days, never-talked first, then the longest ago."""
    stale = []
    for key in keys:
        last = talked.get(key)
        days = (today - last).days if last else None
        if days is None or days > after:
            stale.append(StaleDomain(key, last, days))
    return sorted(stale, key=lambda s: (s.last is not None, s.last or date.min))


def open_signals(
    conversation: Conversation, case: Case, intake: Intake | None, talked: dict[str, date], skip: int | None = None
) -> list[OpenSignal]:
    """Signals from the intake and from contact notes whose domain was not talked about since."""
    found: list[OpenSignal] = []
    if intake is not None:
        for signal in conversation.unfollowed(intake):
            on = intake.domains[signal.source].touched_on if signal.source in intake.domains else None
            found.append(OpenSignal(signal, on or intake.started_on, "intake"))
    since = max((c.at.date() for c in case.contacts), default=None)
    for contact in sorted(case.contacts, key=lambda c: c.at):
        if contact.status != ContactStatus.PLAATSGEVONDEN or not contact.note or contact.id == skip:
            continue
        if since is not None and (since - contact.at.date()).days > SIGNAL_DAYS:
            continue
        for signal in first_per_domain(conversation.signals.find(contact.note)):
            found.append(OpenSignal(signal, contact.at.date(), "contact"))
    latest: dict[str, OpenSignal] = {}
    for item in found:
        last = talked.get(item.signal.domain)
        if last is not None and last >= item.on:
            continue
        if intake is not None and intake.domains[item.signal.domain].skip == NVT:
            continue
        latest[item.signal.domain] = item
    return sorted(latest.values(), key=lambda item: item.on, reverse=True)


def warm_opener(conversation: Conversation, case: Case) -> tuple[str, WarmStoryItem | None]:
    """An opening question from their own warm story (a different piece each visit), or a first warm question."""
    items = sorted(case.warm_story, key=lambda item: (item.recorded_on or date.min, item.id or 0))
    openers = conversation.content.openers
    items = [item for item in items if item.kind in openers and item.text.strip()]
    if not items:
        first = conversation.content.warm_kinds[0]
        return f"Nog geen warm verhaal vastgelegd. Begin daarmee: {first.questions[0]}", None
    held = sum(contact.status == ContactStatus.PLAATSGEVONDEN for contact in case.contacts)
    item = items[held % len(items)]
    words = quoted(item.text.strip()) if item.own_words else item.text.strip().rstrip(".") + "."
    return openers[item.kind].replace("{tekst}", words), item


def prepare_visit(
    conversation: Conversation,
    case: Case,
    intake: Intake | None,
    contact_days: dict[str, date],
    now: datetime,
    skip: int | None = None,
) -> VisitPrep:
    """Gather the preparation of the next visit (`skip`: the visit's own contact, when it has begun)."""
    talked = last_talked(case, intake, contact_days)
    keys = [d.key for d in conversation.content.domains]
    if intake is not None:
        keys = [key for key in keys if intake.domains[key].skip != NVT]
    previous = last_contact(case.contacts, now, skip)
    opener, item = warm_opener(conversation, case)
    return VisitPrep(
        last_contact=previous,
        ending=ending_of(previous),
        agreements=sorted(
            (a for a in case.agreements if a.status == AgreementStatus.OPEN),
            key=lambda a: (a.due is None, a.due or a.made_on),
        ),
        signals=open_signals(conversation, case, intake, talked, skip),
        stale=stale_domains(talked, now.date(), keys),
        opener=opener,
        opener_from=item,
    )


def heading(conversation: Conversation, domain: str) -> str:
    """The line that marks a domain in a visit note: 'Financiën: '."""
    return f"{conversation.content.domain(domain).label}: "


def heading_domains(conversation: Conversation, note: str) -> list[str]:
    """Domains marked in a note by a line starting with their label (or short name) and a colon."""
    names = {}
    for domain in conversation.content.domains:
        names[fold(domain.label)] = domain.key
        names[fold(domain.short)] = domain.key
    found: dict[str, None] = {}
    for line in note.splitlines():
        head, colon, _rest = line.partition(":")
        if colon and fold(head.strip()) in names:
            found[names[fold(head.strip())]] = None
    return [key for key in keys_in_order(conversation) if key in found]


def keys_in_order(conversation: Conversation) -> list[str]:
    """The domain keys in the prompts' order."""
    return [domain.key for domain in conversation.content.domains]
