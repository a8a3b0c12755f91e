"""The overdrachtsdossier: a warm handover document in Markdown, and printable HTML made from it.

A pure function of the loaded data (coach.domain.handover.HandoverData) and
the consent: only the parts the young person agreed to are in it. Which
section belongs to which part:

| section | part |
| --- | --- |
| who they are in their own words; what works | warm_verhaal |
| the network, with who to call | netwerk |
| the situation per domain, with both scores | leefgebieden |
| open agreements; the trajectory so far; the rhythm that worked | contacten |
| open safety concerns | veiligheid |
| how to reach the coach | always |

Everything a person typed is escaped, so a note cannot become a heading, a
link or (in the HTML) markup.
"""

from __future__ import annotations

import html
import re
from datetime import date

from markdown_it import MarkdownIt

from coach.content.model import Content
from coach.domain.handover import (
    CONTACTS,
    DOMAINS,
    NETWORK,
    SAFETY,
    SHARED_PARTS,
    WARM,
    HandoverData,
    covered,
    rhythm_that_worked,
)
from coach.domain.network import NetworkMember
from coach.domain.registration import Consent
from coach.domain.registration_input import CONSENT_PART_LABELS
from coach.domain.safety import STEP_COUNT
from coach.domain.vocabulary import AgreementOwner, AgreementStatus, Phase

# Characters that mean something in Markdown anywhere in a line.
_INLINE = re.compile(r"([\\`*_\[\]<>|~&!])")
# What makes a line a heading, quote, list or rule when it starts it.
_LINE_START = re.compile(r"^(\s*)([#>+=-]|\d+[.)])")


def md(text: str | None) -> str:
    """User text as Markdown that shows exactly that text (on one line: white space folded)."""
    folded = " ".join((text or "").split())
    return _LINE_START.sub(lambda m: m.group(1) + "\\" + m.group(2), _INLINE.sub(r"\\\1", folded))


_BULLET = re.compile(r"^\s*[-*•]\s+")


def _md_line(line: str) -> str:
    # A list the coach typed stays a list; everything inside it is escaped like any text.
    bullet = _BULLET.match(line)
    return f"- {md(line[bullet.end() :])}" if bullet else md(line)


def md_block(text: str | None) -> str:
    """Longer user text as escaped Markdown paragraphs (blank lines and '- ' lists kept, all else escaped)."""
    paragraphs = re.split(r"\n\s*\n", (text or "").strip())
    return "\n\n".join(
        "\n".join(_md_line(line) for line in p.splitlines() if line.strip()) for p in paragraphs if p.strip()
    )


def _day(day: date) -> str:
    return f"{day:%d-%m-%Y}"


def _who(consent: Consent) -> str:
    extra = ", ".join(md(part) for part in (consent.role, consent.organisation) if part)
    return f"{md(consent.given_to)} ({extra})" if extra else md(consent.given_to)


def _warm(data: HandoverData, content: Content, name: str) -> list[str]:
    lines = [f"## Wie {name} is, in eigen woorden", ""]
    labels = {kind.key: kind.label for kind in content.warm_kinds}
    items = [item for item in data.case.warm_story if item.text.strip()]
    if not items:
        lines.append(f"Het warme verhaal van {name} is nog niet vastgelegd; vraag er zelf naar.")
    for item in items:
        own = " *(eigen woorden)*" if item.own_words else ""
        lines.append(f"- **{md(labels.get(item.kind, item.kind))}**: {md(item.text)}{own}")
    lines += ["", "## Wat werkt", ""]
    lines.append(md_block(data.what_works) or "Nog niet ingevuld door de coach.")
    return lines


def _person(member: NetworkMember) -> str:
    about = ", ".join(md(part) for part in (member.relation, member.role, member.organisation) if part)
    line = f"- **{md(member.name)}** ({about})"
    if member.may_contact is False:
        # The young person's wish comes first: no number, so nobody calls by mistake.
        return line + " — **niet benaderen**: de jongere wil niet dat deze persoon wordt benaderd."
    reach = ", ".join(md(part) for part in (member.phone, member.email) if part)
    if member.seen_as:
        line += f"; voor de jongere: {md(member.seen_as)}"
    if member.staying:
        line += "; blijft betrokken"
    return line + (f" — bel of mail: {reach}" if reach else " — geen telefoon of e-mail bekend")


def _network(data: HandoverData) -> list[str]:
    lines = ["## Netwerk: wie je kunt bellen", ""]
    if not data.network:
        return [*lines, "Er is nog niemand uit het netwerk vastgelegd."]
    # Who may be called first, those not to approach last.
    ordered = sorted(data.network, key=lambda m: (m.may_contact is False, m.kind != "informeel"))
    return lines + [_person(member) for member in ordered]


def _domains(data: HandoverData, content: Content, name: str) -> list[str]:
    lines = ["## Hoe het nu gaat, per leefgebied", ""]
    latest: dict[str, tuple[date, int]] = {}
    for order, item in enumerate(data.case.assessments):
        if item.domain not in latest or (item.date, order) >= (latest[item.domain][0], latest[item.domain][1]):
            latest[item.domain] = (item.date, order)
    if not latest:
        return [*lines, "De leefgebieden zijn nog niet besproken."]
    unseen = []
    for domain in content.domains:
        if domain.key not in latest:
            unseen.append(domain.label)
            continue
        item = data.case.assessments[latest[domain.key][1]]
        lines += [f"### {md(domain.label)}", ""]
        scores = []
        if item.score is not None:
            scores.append(f"volgens de coach {item.score} ({content.level(item.score).label.lower()})")
        if item.youth_score is not None:
            scores.append(f"volgens {name} zelf {item.youth_score} ({content.level(item.youth_score).label.lower()})")
        lines.append(f"Laatst besproken op {_day(item.date)}" + (": " + "; ".join(scores) + "." if scores else "."))
        notes = [
            f"- {label}: {md(text)}"
            for label, text in (("Wat goed gaat", item.going_well), ("Zorgen", item.concerns), ("Wens", item.wish))
            if text and text.strip()
        ]
        lines += ["", *notes, ""] if notes else [""]
    if unseen:
        lines.append("Nog niet besproken: " + ", ".join(md(label).lower() for label in unseen) + ".")
    return lines


def _agreements(data: HandoverData, today: date) -> list[str]:
    lines = ["## Open afspraken", ""]
    items = [a for a in data.case.agreements if a.status == AgreementStatus.OPEN]
    items.sort(key=lambda a: (a.due is None, a.due or date.max, a.made_on))
    if not items:
        return [*lines, "Er staan geen afspraken open."]
    for item in items:
        due = ""
        if item.due:
            due = f", uiterlijk {_day(item.due)}" + (" (te laat)" if item.due < today else "")
        lines.append(f"- {md(item.text)} — wie: {AgreementOwner.label_of(item.owner).lower()}{due}")
    return lines


def _trajectory(data: HandoverData) -> list[str]:
    lines = ["## Het traject tot nu toe", ""]
    if not data.case.phases:
        lines.append("Nog geen fasen vastgelegd.")
    for entry in sorted(data.case.phases, key=lambda e: (e.since, e.id or 0)):
        why = f": {md(entry.note)}" if entry.note else ""
        lines.append(f"- {_day(entry.since)} — {Phase.label_of(entry.phase)}{why}")
    for decision in data.trajectory.decisions:
        way_back = f" Weg terug: {md(decision.way_back)}" if decision.way_back else ""
        lines.append(f"- {_day(decision.decided_on)} — besluit: {decision.label}: {md(decision.reason)}{way_back}")
    return lines


def _rhythm(data: HandoverData, today: date) -> list[str]:
    words = rhythm_that_worked(data.case, today)
    return ["## Het contactritme dat werkte", "", words or "Nog te weinig contactmomenten om een ritme te zien."]


def _safety(data: HandoverData) -> list[str]:
    lines = ["## Zorgen over veiligheid", ""]
    if not data.open_concerns:
        return [*lines, "Er staan geen zorgen over veiligheid open."]
    for concern in data.open_concerns:
        step = min(concern.current_step, STEP_COUNT)
        lines += [
            f"> **LET OP — open zorg over veiligheid: {md(concern.label)}.** Sinds {_day(concern.opened_on)}; "
            f"de meldcode staat bij stap {step} van {STEP_COUNT}. Neem dit over en bespreek het met de vorige coach.",
            "",
        ]
    return lines


def _coach(data: HandoverData, name: str) -> list[str]:
    card = data.coach
    lines = ["## Contact met de vorige coach", ""]
    if card.empty:
        return [
            *lines,
            "De coach heeft (nog) geen naam of telefoonnummer in de instellingen gezet; vraag het bij de organisatie.",
        ]
    for label, value in (
        ("Naam", card.name),
        ("Organisatie", card.organisation),
        ("Telefoon", card.phone),
        ("E-mail", card.email),
    ):
        if value:
            lines.append(f"- {label}: {md(value)}")
    lines += [
        "",
        f"Bel of mail gerust voor een warme kennismaking: het liefst stellen we ons samen voor aan {name}.",
    ]
    return lines


def handover_markdown(data: HandoverData, consent: Consent, content: Content, today: date) -> str:
    """The overdrachtsdossier as Markdown, holding only the parts `consent` covers."""
    youth = data.case.youth
    name = md(youth.nickname or youth.first_name)
    parts = covered(consent.parts)
    shared = ", ".join(CONSENT_PART_LABELS[p].lower() for p in SHARED_PARTS if p in parts)
    lines = [
        f"# Overdracht: {md(youth.display_name)}",
        "",
        f"Voor {_who(consent)}, gemaakt op {_day(today)}. {name} gaf op {_day(consent.given_on)} toestemming "
        f"om dit te delen: {shared}.",
        "",
    ]
    if WARM in parts:
        lines += [*_warm(data, content, name), ""]
    if NETWORK in parts:
        lines += [*_network(data), ""]
    if DOMAINS in parts:
        lines += [*_domains(data, content, name), ""]
    if CONTACTS in parts:
        lines += [*_agreements(data, today), "", *_trajectory(data), "", *_rhythm(data, today), ""]
    if SAFETY in parts:
        lines += [*_safety(data), ""]
    lines += [*_coach(data, name), ""]
    left_out = [CONSENT_PART_LABELS[p].lower() for p in SHARED_PARTS if p not in parts]
    if left_out:
        lines += [f"*Niet gedeeld, want daar gaf {name} geen toestemming voor: {', '.join(left_out)}.*", ""]
    return "\n".join(lines).rstrip() + "\n"


_PAGE = """<!DOCTYPE html>
<html lang="nl">
<head>
<meta charset="utf-8">
<title>{title}</title>
<style>
body {{ font-family: Georgia, serif; max-width: 42em; margin: 2em auto; line-height: 1.5; color: #111; }}
h1, h2, h3 {{ font-family: Helvetica, Arial, sans-serif; }}
h2 {{ border-bottom: 1px solid #999; margin-top: 1.6em; }}
blockquote {{ border: 2px solid #000; padding: 0.4em 1em; margin: 1em 0; }}
@media print {{ body {{ margin: 0; max-width: none; }} h2 {{ page-break-after: avoid; }} }}
</style>
</head>
<body>
{body}</body>
</html>
"""


def handover_html(markdown: str, title: str) -> str:
    """Printable HTML from the Markdown document; raw HTML in it is shown as text, never obeyed."""
    # html=False: a '<script>' that got into the text is escaped, not passed on.
    body = MarkdownIt("commonmark", {"html": False}).render(markdown)
    return _PAGE.format(title=html.escape(title), body=body)
