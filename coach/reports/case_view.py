"""One case at a glance, as JSON for scripts and as rich text for the terminal."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from coach.content.model import Content
from coach.domain.calendar_words import days_back
from coach.domain.caseload import CaseloadEntry
from coach.domain.contact_status import ContactRecord
from coach.domain.model import Case, age_on, latest_scores
from coach.domain.release import Criterion
from coach.domain.safety import Concern
from coach.domain.self_assessment import SOURCE_LABEL, latest_self
from coach.domain.vocabulary import AgreementStatus, ContinuityStatus, Phase

CONTINUITY_STYLES: dict[str, str] = {
    ContinuityStatus.OK: "green",
    ContinuityStatus.LET_OP: "yellow",
    ContinuityStatus.TE_LANG: "bold red",
}


def open_agreements(case: Case, today: date) -> list[dict[str, Any]]:
    """Open agreements, soonest due first, each marked overdue or not."""
    items = [a for a in case.agreements if a.status == AgreementStatus.OPEN]
    items.sort(key=lambda a: (a.due is None, a.due or date.max, a.made_on))
    return [
        {
            "text": a.text,
            "owner": a.owner,
            "due": a.due.isoformat() if a.due else None,
            "overdue": bool(a.due and a.due < today),
        }
        for a in items
    ]


def case_json(
    case: Case,
    entry: CaseloadEntry,
    today: date,
    readiness: list[Criterion] | None = None,
    safety: list[Concern] | None = None,
    *,
    contacts: Sequence[ContactRecord] | None = None,
) -> dict[str, Any]:
    """The `coach show --json` object of the CLI contract (readiness from reports.readiness).

    `contacts` are the stored contacts with their links (store.contact_moves.contacts_of);
    without them the case's contacts are listed without moved_to / moved_from.
    """
    return {
        "id": case.youth.id,
        "name": case.youth.display_name,
        "age": age_on(case.youth.birth_date, today),
        "phase": entry.phase,
        "days_since_contact": entry.days_since_contact,
        "continuity": entry.continuity,
        "next_contact": entry.as_json()["next_contact"],
        # by_youth: the young person typed this line themselves (samen invullen).
        "warm_story": [
            {"kind": item.kind, "text": item.text, "by_youth": item.id in case.typed_by_youth}
            for item in case.warm_story
        ],
        "latest_scores": latest_scores(case.assessments),
        # The young person's own answers (samen invullen), oldest first; each marked source "jongere".
        "self_assessments": [answer.as_json() for answer in case.self_assessments],
        "open_agreements": open_agreements(case, today),
        "release_readiness": [criterion.as_json() for criterion in readiness or []],
        "network": [
            {
                "id": p.id,
                "name": p.name,
                "relation": p.relation,
                "kind": p.kind,
                "organisation": p.organisation,
                "phone": p.phone,
                "email": p.email,
            }
            for p in case.network
        ],
        "contacts": contacts_json(case, contacts),
        # Open safety concerns: kind, current meldcode step and dates (never the notes).
        "safety": [concern.as_json() for concern in safety or []],
    }


def contacts_json(case: Case, records: Sequence[ContactRecord] | None = None) -> list[dict[str, Any]]:
    """Every contact, newest first, as the CLI contract's objects; a moved one names the contact it links to."""
    if records is None:
        records = [ContactRecord(contact, case.youth.id or 0) for contact in case.contacts]
    rows = []
    for record in sorted(records, key=lambda r: (r.contact.at, r.contact.id or 0), reverse=True):
        contact = record.contact
        row: dict[str, Any] = {
            "id": contact.id,
            "at": contact.at.strftime("%Y-%m-%dT%H:%M"),
            "mode": contact.mode,
            "status": contact.status,
            "duration_min": contact.duration_min,
            "initiated_by": contact.initiated_by,
            "domains": list(record.domains),
            "note": contact.note,
        }
        if record.moved_to is not None:
            row["moved_to"] = record.moved_to
        if record.moved_from is not None:
            row["moved_from"] = record.moved_from
        rows.append(row)
    return rows


def case_renderable(
    case: Case, entry: CaseloadEntry, content: Content, today: date, *, trajectory: Sequence[RenderableType] = ()
) -> Group:
    """The case for a terminal: warm story first, then scores, then agreements, then the trajectory parts."""
    youth = case.youth
    age = age_on(youth.birth_date, today)
    header = Text(youth.display_name, style="bold")
    header.append(f"  ·  {age} jaar" if age is not None else "")
    header.append(f"  ·  {Phase(entry.phase).label}")
    contact = Text("Laatste contact: ")
    if entry.days_since_contact is None:
        contact.append("nog geen")
    else:
        contact.append(days_back(entry.days_since_contact))
    if entry.continuity:
        contact.append("  ● " + ContinuityStatus(entry.continuity).label, style=CONTINUITY_STYLES[entry.continuity])

    labels = {kind.key: kind.label for kind in content.warm_kinds}
    warm = Table.grid(padding=(0, 2))
    for item in case.warm_story:
        text = f"“{item.text}”" if item.own_words else item.text
        if item.id in case.typed_by_youth:
            text += f" ({SOURCE_LABEL})"
        warm.add_row(Text(labels.get(item.kind, item.kind), style="italic"), text)

    scores = latest_scores(case.assessments)
    own = latest_self(case.self_assessments)
    domains = Table.grid(padding=(0, 2))
    for domain in content.domains:
        score = scores.get(domain.key)
        shown = (
            Text("nog niet gescoord", style="dim") if score is None else Text(f"{score}  {content.level(score).label}")
        )
        answer = own.get(domain.key)
        if answer is not None:
            shown.append(f"  · zelf: {'overgeslagen' if answer.skipped else answer.score or '–'}")
            if answer.talk:
                shown.append(" ◆ wil erover praten")
        domains.add_row(domain.label, shown)

    agreements = Table.grid(padding=(0, 2))
    for agreement in open_agreements(case, today):
        due = date.fromisoformat(agreement["due"]).strftime("%d-%m-%Y") if agreement["due"] else "geen datum"
        style = "red" if agreement["overdue"] else ""
        agreements.add_row(Text(due, style=style), agreement["owner"], agreement["text"])

    parts: list[RenderableType] = [header, contact]
    if case.open_safety:  # safety first: above the warm story, by kind only
        parts.append(Text(f"! Veiligheid: open zorg ({', '.join(case.open_safety).lower()})", style="bold"))
    parts += [Text(""), Text("Warm verhaal", style="bold underline")]
    parts.append(warm if case.warm_story else Text("Nog niets opgeschreven.", style="dim"))
    parts += [Text(""), Text("Leefgebieden (laatste score)", style="bold underline"), domains]
    if own:
        parts.append(
            Text(f"zelf: {SOURCE_LABEL} ({max(a.date for a in own.values()).strftime('%d-%m-%Y')})", style="dim")
        )
    parts += [Text(""), Text("Open afspraken", style="bold underline")]
    parts.append(agreements if agreements.row_count else Text("Geen open afspraken.", style="dim"))
    parts += list(trajectory)
    return Group(*parts)
