"""The intervision summary before anonymising: private to coach.reports.summary, never shown or written as is.

The draft is a list of pieces (a heading, a list item, a paragraph), each
starting a line, so the anonymiser sees every piece from a sentence start and
the pieces join into one Markdown text.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from datetime import date

from coach.content.model import Content, IntervisionContent, Method
from coach.domain.agreements import own_share
from coach.domain.calendar_words import week_of
from coach.domain.contact_status import count_contacts
from coach.domain.model import Agreement, Assessment, Case, Contact, age_on
from coach.domain.phases import current_phase
from coach.domain.self_assessment import SelfAssessment, latest_self
from coach.domain.trajectory import RELEASE, ReleaseDecision, timeline
from coach.domain.trend import DOWN, UP, whole_picture
from coach.domain.vocabulary import AgreementOwner, AgreementStatus, ContactMode, ContactStatus, Initiator, Phase

# How the coach names the owner of an agreement when writing in the first person.
OWNER_WORDS: dict[str, str] = {
    AgreementOwner.JONGERE: "de jongere",
    AgreementOwner.COACH: "ik",
    AgreementOwner.NETWERK: "het netwerk",
}
_SENTENCE_END = re.compile(r"(?<=[.!?…])\s+")
_BULLET = re.compile(r"^\s*(?:[-*•]|\d+[.)])\s+")
# A domain scored this low is always shown, whether the coach marked it or not.
LOW_SCORE = 2
# How the coach, writing in the first person, names a contact that did not go ahead.
MISSED_WORDS: dict[str, str] = {
    ContactStatus.NIET_VERSCHENEN: "niet verschenen",
    ContactStatus.AFGEZEGD_JONGERE: "afgezegd door de jongere",
    ContactStatus.AFGEZEGD_COACH: "afgezegd door mij",
    ContactStatus.VERZET: "verzet",
}


class Free(str):
    """A piece of the draft someone wrote (a note, an agreement, a reason): where a coach checks for names.

    The rest of the draft is the app's own wording; the review screen's check key skips it.
    `written` is the day it was written (a contact's date): "volgende week dinsdag" or "14/3" in it
    is placed from that day, not from today. None: today (the coach's own texts for this summary).
    """

    written: date | None

    def __new__(cls, text: str, written: date | None = None) -> Free:
        piece = super().__new__(cls, text)
        piece.written = written
        return piece


@dataclass(frozen=True)
class CoachInput:
    """What the coach wrote or chose for this summary; a text of None means 'not written, suggest one'."""

    question: str = ""
    tried: str | None = None
    own_part: str | None = None
    domains: frozenset[str] = frozenset()  # domain keys the coach marked to show
    decisions: tuple[ReleaseDecision, ...] = ()  # release decisions, for their reasons in the phase history


@dataclass(frozen=True)
class Frame:
    """What a summary covers: its contacts, its end date and the focus contact (already chosen and checked)."""

    contacts: tuple[Contact, ...]
    until: date
    since: date | None
    start: date
    focus: Contact | None
    describe: str
    # How the contact count is introduced: "tot nu", "in deze periode"; empty for one contact.
    reach: str = ""


def duration_words(start: date, until: date) -> str:
    """How long the trajectory has run: weeks up to three months, then months."""
    days = max(0, (until - start).days)
    if days < 7:
        return "minder dan een week"
    if days < 91:
        weeks = days // 7
        return f"{weeks} {'week' if weeks == 1 else 'weken'}"
    return f"{round(days / 30.44)} maanden"


def condense(note: str, length: int) -> str:
    """The first sentences of a note on one line, at most about `length` characters."""
    # A note written as a list becomes sentences, so each item still starts one (the anonymiser reads
    # a capital inside a sentence as a name).
    lines = [_BULLET.sub("", line).strip() for line in note.splitlines()]
    flat = " ".join(line if line[-1] in ".!?…:;" else line + "." for line in lines if line)
    flat = " ".join(flat.split())
    if len(flat) <= length:
        return flat
    out = ""
    for sentence in _SENTENCE_END.split(flat):
        if out and len(out) + 1 + len(sentence) > length:
            break
        out = f"{out} {sentence}".strip()
    if not out or len(out) > length:
        cut = flat[:length].rsplit(" ", 1)[0]
        out = cut.rstrip(",;:") + " …"
    elif len(out) < len(flat):
        out += " …"
    return out


def _mode(contact: Contact) -> str:
    return ContactMode.label_of(contact.mode).lower()


def _contact_head(contact: Contact, start: date) -> str:
    head = f"{week_of(contact.at.date(), start).capitalize()} · {_mode(contact)}"
    if contact.duration_min:
        head += f" ({contact.duration_min} min)"
    return head


def _contact_line(contact: Contact, start: date, length: int) -> list[str]:
    head = _contact_head(contact, start)
    if contact.status != ContactStatus.PLAATSGEVONDEN:
        return [f"- {head}: {MISSED_WORDS.get(contact.status, 'niet doorgegaan')}.\n"]
    if contact.note and contact.note.strip():
        # The note is a piece of its own, so the anonymiser reads it from a sentence start.
        return [f"- {head}: ", Free(f"{condense(contact.note, length)}\n", contact.at.date())]
    return [f"- {head}: geen notitie.\n"]


def _quote(text: str, written: date | None = None) -> list[str]:
    """A note as a Markdown quote; each line is a piece of its own, read from its start."""
    pieces: list[str] = []
    for line in text.strip().splitlines():
        pieces += ["> ", Free(line.rstrip(), written), "\n"] if line.strip() else [">\n"]
    return pieces


def _plural(count: int, one: str, many: str) -> str:
    return f"{count} {one if count == 1 else many}"


# --- the sections -----------------------------------------------------------------


def _phase_history(case: Case, frame: Frame, decisions: tuple[ReleaseDecision, ...]) -> list[str]:
    """The phases in order, each reopen and release with the reason the coach typed (its own piece)."""
    spans = timeline([p for p in case.phases if p.since <= frame.until])
    released = {d.decided_on: d.reason for d in decisions if d.decision == RELEASE and d.decided_on <= frame.until}
    if len(spans) < 2 and not any(s.note for s in spans):
        return []
    pieces = ["- Verloop:\n"]
    for span in spans:
        how = " (heropend)" if span.reopened else " (losgelaten)" if span.phase == Phase.NAZORG else ""
        head = f"  - {span.label}{how}, {week_of(span.since, frame.start)}"
        reasons = [" ".join((span.note or "").split())]
        if span.phase == Phase.NAZORG and span.since in released:
            reasons.append(" ".join(released[span.since].split()))
        kept = [r.rstrip(".") for r in dict.fromkeys(reasons) if r]
        if not kept:
            pieces.append(head + ".\n")
            continue
        # Each reason is a piece of its own: the coach typed it, so the anonymiser reads it from its start.
        pieces.append(head + (", reden: " if how else ": "))
        for index, reason in enumerate(kept):
            pieces += [Free(reason, span.since), "; " if index + 1 < len(kept) else ".\n"]
    return pieces


def _brief(case: Case, frame: Frame, content: Content, decisions: tuple[ReleaseDecision, ...] = ()) -> list[str]:
    pieces = []
    age = age_on(case.youth.birth_date, frame.until)
    pieces.append(
        f"- Een jongere van {age} jaar.\n"
        if age is not None
        else "- Een jongere; de leeftijd staat niet in het dossier.\n"
    )
    phases = [p for p in case.phases if p.since <= frame.until]
    phase = current_phase(phases)
    since = max((p.since for p in phases if p.phase == phase), default=None)
    line = f"- Fase: {Phase.label_of(phase).lower()}"
    pieces.append(line + (f", sinds {week_of(since, frame.start)}.\n" if since else ".\n"))
    pieces += _phase_history(case, frame, decisions)
    pieces.append(f"- In traject: {duration_words(frame.start, frame.until)}.\n")
    if case.open_safety:  # the kind only: what was heard or written down stays out of the summary
        pieces.append(f"- Er staat een zorg over veiligheid open ({', '.join(case.open_safety).lower()}).\n")
    relations = list(dict.fromkeys(p.relation.strip().lower() for p in case.network if p.relation.strip()))
    if relations:
        pieces.append(f"- Om de jongere heen: {', '.join(relations)}.\n")
    if not frame.reach:
        return pieces
    counted = count_contacts(frame.contacts)
    held, missed = counted.held, counted.not_held
    line = f"- Contact {frame.reach}: {_plural(held, 'contactmoment', 'contactmomenten')}"
    pieces.append(
        line
        + (
            f", en {missed} dat niet doorging.\n"
            if missed == 1
            else f", en {missed} die niet doorgingen.\n"
            if missed
            else ".\n"
        )
    )
    return pieces


def _warm(case: Case, content: Content) -> list[str]:
    labels = {kind.key: kind.label for kind in content.warm_kinds}
    order = {kind.key: index for index, kind in enumerate(content.warm_kinds)}
    items = sorted(case.warm_story, key=lambda item: order.get(item.kind, len(order)))
    pieces = []
    for item in items:
        text = " ".join(item.text.split())
        if not text:
            continue
        pieces += [
            f"- {labels.get(item.kind, item.kind)}: ",
            Free(f'"{text}"\n' if item.own_words else f"{text}\n", item.recorded_on),
        ]
    return pieces or ["Het warme verhaal is nog niet opgeschreven.\n"]


def _latest(assessments: list[Assessment], domain: str) -> Assessment | None:
    found = [a for a in assessments if a.domain == domain and a.score is not None]
    return max(found, key=lambda a: a.date) if found else None


def _domains(case: Case, frame: Frame, content: Content, marked: frozenset[str] = frozenset()) -> list[str]:
    """The domains the coach marked, that changed, or that score LOW_SCORE or less; the rest on one line."""
    assessments = [a for a in case.assessments if a.date <= frame.until]
    # What the young person filled in themselves (samen invullen), as it stood at the end of the frame.
    own = latest_self([a for a in case.self_assessments if a.date <= frame.until])
    pieces = []
    rest: list[str] = []
    for change in whole_picture(assessments):
        if change.now is None:
            continue
        if not (change.domain in marked or change.direction in (UP, DOWN) or change.now <= LOW_SCORE):
            rest.append(f"{content.domain(change.domain).label.lower()} {change.now}")
            continue
        domain = content.domain(change.domain)
        line = f"- {domain.label}: {change.now} ({content.level(change.now).label.lower()})"
        if change.direction is not None:
            steps = " → ".join(str(score) for score in change.series[-4:])
            trend = {"up": "vooruit", "down": "achteruit", "same": "gelijk gebleven"}[change.direction]
            line += f", {trend} ({steps})"
        else:
            line += ", één meting"
        latest = _latest(assessments, change.domain)
        answer = own.get(change.domain)
        if answer is not None and answer.score is not None:
            line += f"; de jongere vulde zelf een {answer.score} in"
        elif latest is not None and latest.youth_score is not None:
            line += f"; de jongere zelf geeft een {latest.youth_score}"
        pieces.append(line + ".\n")
        for word, text in (
            ("Zorg", latest.concerns if latest else None),
            ("Gaat goed", latest.going_well if latest else None),
        ):
            if text and text.strip():
                pieces += [f"  {word}: ", Free(f"{' '.join(text.split())}\n", latest.date if latest else None)]
    if rest:
        intro = "Verder, gelijk en boven de 2" if pieces else "Alle leefgebieden gelijk en boven de 2"
        pieces.append(f"- {intro}: {', '.join(rest)}.\n")
    pieces += _own_answers(own, content)
    return pieces or ["Nog geen leefgebieden gescoord.\n"]


def _own_answers(own: dict[str, SelfAssessment], content: Content) -> list[str]:
    """The young person's own picture (samen invullen): their answer per domain, and what they want to talk about."""
    answered = [a for a in own.values() if a.score is not None]
    pieces = []
    if answered:
        listed = ", ".join(f"{content.domain(a.domain).label.lower()} {a.score}" for a in answered)
        pieces.append(f"- Door de jongere zelf ingevuld: {listed}.\n")
    talk = [content.domain(a.domain).label.lower() for a in own.values() if a.talk]
    if talk:
        pieces.append(f"- De jongere wil praten over: {', '.join(talk)}.\n")
    return pieces


def _happened(frame: Frame, method: Method, words: IntervisionContent) -> list[str]:
    contacts = list(frame.contacts)
    if not contacts:
        return ["Nog geen contactmomenten in deze periode.\n"]
    if method.focus == "moment" and frame.focus is not None:
        focus = frame.focus
        before = [c for c in contacts if c.at < focus.at][-3:]
        pieces = [f"{_contact_head(focus, frame.start)}:\n\n"]
        note = (focus.note or "").strip()
        pieces += _quote(note) if note else ["> Van dit contactmoment is geen notitie.\n"]
        if before:
            pieces.append("\nDaarvoor, in het kort:\n\n")
            pieces += [piece for c in before for piece in _contact_line(c, frame.start, words.note_length)]
        return pieces
    shown = contacts[-words.recent_contacts :]
    pieces = []
    if len(contacts) > len(shown):
        left = len(contacts) - len(shown)
        pieces.append(
            f"De laatste {len(shown)}; {_plural(left, 'eerder contactmoment', 'eerdere contactmomenten')} "
            "niet opgenomen.\n\n"
        )
    if len(contacts) == 1:
        only = contacts[0]
        note = (only.note or "").strip()
        return [
            f"{_contact_head(only, frame.start)}:\n\n",
            *(_quote(note, only.at.date()) if note else ["> Geen notitie.\n"]),
        ]
    return pieces + [piece for c in shown for piece in _contact_line(c, frame.start, words.note_length)]


def _agreement_line(agreement: Agreement, frame: Frame) -> list[str]:
    owner = OWNER_WORDS.get(agreement.owner, agreement.owner)
    text = " ".join(agreement.text.split()).rstrip(".")
    if agreement.status == AgreementStatus.OPEN:
        tail = f" ({owner}"
        if agreement.due:
            tail += f", uiterlijk {week_of(agreement.due, frame.start)}"
            if agreement.due < frame.until:
                tail += ", te laat"
        return ["- Open: ", Free(text, agreement.made_on), tail + ").\n"]
    word = "Gedaan" if agreement.status == AgreementStatus.GEDAAN else "Vervallen"
    return [f"- {word}: ", Free(text, agreement.made_on), f" ({owner}).\n"]


def _in_frame(agreements: list[Agreement], frame: Frame) -> list[Agreement]:
    made = [a for a in agreements if a.made_on <= frame.until]
    if frame.since is None:
        return made
    return [a for a in made if a.made_on >= frame.since or a.status == AgreementStatus.OPEN]


def _agreements(case: Case, frame: Frame) -> list[str]:
    items = _in_frame(case.agreements, frame)
    open_ = sorted(
        (a for a in items if a.status == AgreementStatus.OPEN), key=lambda a: (a.due is None, a.due or date.max)
    )
    closed = sorted((a for a in items if a.status != AgreementStatus.OPEN), key=lambda a: a.made_on)[-5:]
    pieces = [piece for a in open_ + closed for piece in _agreement_line(a, frame)]
    return pieces or ["Geen afspraken vastgelegd.\n"]


def tried_suggestion(case: Case, frame: Frame) -> list[str]:
    pieces = []
    status_words: dict[str, str] = {
        AgreementStatus.OPEN: "loopt nog",
        AgreementStatus.GEDAAN: "gedaan",
        AgreementStatus.VERVALLEN: "vervallen",
    }
    for agreement in (a for a in case.agreements if a.owner == AgreementOwner.COACH and a.made_on <= frame.until):
        text = " ".join(agreement.text.split()).rstrip(".")
        pieces += ["- ", Free(text, agreement.made_on), f" ({status_words.get(agreement.status, agreement.status)}).\n"]
    held = [c for c in case.contacts if c.status == ContactStatus.PLAATSGEVONDEN and c.at.date() <= frame.until]
    modes = Counter(_mode(c) for c in held)
    if modes:
        ways = ", ".join(f"{mode} ({count}×)" for mode, count in modes.most_common())
        pieces.append(f"- Contact via: {ways}.\n")
    professionals = list(
        dict.fromkeys(
            p.relation.strip().lower() for p in case.network if p.kind == "professioneel" and p.relation.strip()
        )
    )
    if professionals:
        pieces.append(f"- Betrokken professionals: {', '.join(professionals)}.\n")
    return pieces or ["Nog niets vastgelegd.\n"]


def own_part_suggestion(case: Case, frame: Frame) -> list[str]:
    pieces = []
    agreements = _in_frame(case.agreements, frame)
    owners = Counter(a.owner for a in agreements)
    if agreements:
        pieces.append(
            f"- Van de {len(agreements)} afspraken nam ik er {owners[AgreementOwner.COACH]} op mij, de jongere "
            f"{owners[AgreementOwner.JONGERE]} en het netwerk {owners[AgreementOwner.NETWERK]}.\n"
        )
    share = own_share(agreements, frame.until)
    if share.kept_share is not None:
        pieces.append(
            f"- Van de afspraken van de jongere is {round(share.kept_share * 100)} % gedaan "
            f"({share.own_done} van {share.decided}).\n"
        )
    started = Counter(c.initiated_by for c in frame.contacts if c.initiated_by)
    if started:
        pieces.append(
            f"- Het initiatief tot contact lag {started[Initiator.COACH]}× bij mij, {started[Initiator.JONGERE]}× bij de "
            f"jongere en {started[Initiator.NETWERK]}× bij het netwerk.\n"
        )
    # Vervallen (a change of plan) and verzet (moved on) are no cancellation: count_contacts leaves them out.
    counts = count_contacts(frame.contacts)
    no_show, cancelled = counts.no_show, counts.cancelled
    if no_show or cancelled:
        pieces.append(f"- Niet doorgegaan: {no_show}× niet verschenen, {cancelled}× afgezegd.\n")
    return pieces or ["Nog te weinig vastgelegd om iets over te zeggen.\n"]


def own_text_pieces(text: str) -> list[str]:
    """The coach's own text as Markdown pieces: each line starts a piece, a list marker apart."""
    pieces: list[str] = []
    for line in text.strip().splitlines():
        bare = line.strip()
        if not bare:
            pieces.append("\n")
            continue
        marker = _BULLET.match(bare)
        if marker:
            pieces += ["- ", Free(f"{bare[marker.end() :]}\n")]
        else:
            pieces.append(Free(f"{bare}\n"))
    return pieces


def _own_or_suggested(own: str | None, suggested: list[str], empty: str) -> list[str]:
    if own is None:
        return suggested
    return own_text_pieces(own) or [empty]


def suggestion_text(pieces: list[str]) -> str:
    """A suggested section as plain text for the coach to edit (the 'nothing yet' line left out)."""
    text = "".join(pieces).strip()
    return "" if not text.startswith("- ") else text + "\n"


def _question(question: str) -> list[str]:
    text = " ".join(question.split())
    if not text:
        return [
            "_Nog geen vraag. Schrijf een leervraag over je eigen handelen, zoals 'Hoe kan ik …?' of "
            "'Wat maakt dat ik …?'._\n"
        ]
    return ["**", Free(text), "**\n"]


def _method_steps(method: Method) -> list[str]:
    pieces = [f"{method.when}\n\n"]
    pieces += [f"{number}. {step}\n" for number, step in enumerate(method.steps, start=1)]
    return pieces


def draft_pieces(
    case: Case, frame: Frame, method: Method, words: IntervisionContent, content: Content, given: CoachInput
) -> list[str]:
    """The whole summary as pieces of Markdown, with names still in it."""
    pieces = ["# Intervisie: casus van een jongere\n", "\n", f"_{method.label} · {frame.describe}_\n"]
    for section in method.sections:
        pieces += ["\n", f"## {method.title(section)}\n", "\n"]
        if section == "kort":
            pieces += _brief(case, frame, content, given.decisions)
        elif section == "warm_verhaal":
            pieces += _warm(case, content)
        elif section == "leefgebieden":
            pieces += _domains(case, frame, content, given.domains)
        elif section == "gebeurd":
            pieces += _happened(frame, method, words)
        elif section == "afspraken":
            pieces += _agreements(case, frame)
        elif section == "geprobeerd":
            pieces += _own_or_suggested(given.tried, tried_suggestion(case, frame), "Nog niets opgeschreven.\n")
        elif section == "eigen_aandeel":
            pieces += _own_or_suggested(given.own_part, own_part_suggestion(case, frame), "Nog niets opgeschreven.\n")
        elif section == "vraag":
            pieces += _question(given.question)
        elif section == "werkwijze":
            pieces += _method_steps(method)
    return pieces
