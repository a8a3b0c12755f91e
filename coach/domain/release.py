"""Loslaten readiness: the signals a coach weighs before letting go, each with its evidence.

Every criterion says met (True), not met (False) or not known yet (None), and
why, in plain Dutch built from the case's own data. The coach decides; this
only lays the evidence side by side.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta

from coach.domain.calendar_words import short_date
from coach.domain.domains import DOMAIN_KEYS
from coach.domain.model import Agreement, Assessment, NetworkPerson
from coach.domain.trend import domain_series
from coach.domain.vocabulary import AgreementOwner, AgreementStatus

# Basics checklist states.
OPEN, DONE, NOT_APPLICABLE = "open", "geregeld", "nvt"
BASIC_STATES: tuple[str, ...] = (OPEN, DONE, NOT_APPLICABLE)
BASIC_STATE_LABELS = {OPEN: "nog open", DONE: "geregeld", NOT_APPLICABLE: "n.v.t."}

ACTIVITY_KINDS: tuple[str, ...] = ("werk", "opleiding", "stage", "dagbesteding", "vrijwilligerswerk")
ACTIVITY_LABELS = {
    "werk": "Werk",
    "opleiding": "Opleiding",
    "stage": "Stage",
    "dagbesteding": "Dagbesteding",
    "vrijwilligerswerk": "Vrijwilligerswerk",
}
# The domains whose scores say something about a daily rhythm of work, school or activity.
ACTIVITY_DOMAINS: tuple[str, ...] = ("werk_opleiding", "tijdsbesteding")

CRITERIA: dict[str, str] = {
    "geen_acuut": "Geen leefgebied op 1 of 2",
    "stabiel": "Leefgebieden stabiel of beter",
    "dagbesteding": "Werk, school of dagbesteding stabiel",
    "afspraken": "Afspraken vooral van de jongere, en nagekomen",
    "vertrouwen": "Eigen vertrouwen van de jongere",
    "netwerk": "Een netwerk dat blijft",
    "basiszaken": "Praktische basis op orde",
}


@dataclass(frozen=True)
class BasicDefinition:
    """One item of the practical-basics checklist as the prompts define it."""

    key: str
    label: str
    hint: str = ""


@dataclass(frozen=True)
class ReleaseContent:
    """What prompts/release.toml holds: the default basics and the plan's defaults."""

    basics: tuple[BasicDefinition, ...]
    taper_weeks: tuple[int, ...] = (1, 2, 3, 4)
    nazorg_months: tuple[int, ...] = (1, 3)
    tolerance_days: int = 3
    stable_weeks: int = 8
    confidence_question: str = "Hoe zeker ben je dat je het vanaf nu zelf redt?"
    way_back_prompt: str = "Als het weer lastig wordt, dan…"


@dataclass(frozen=True)
class ReleaseRules:
    """The thresholds behind the criteria."""

    stable_weeks: int = 8
    stable_score: int = 4
    recent_agreements: int = 10
    min_agreements: int = 3
    owned_share: float = 0.5
    kept_share: float = 0.75
    confidence_min: int = 4
    confidence_fresh_weeks: int = 12


@dataclass(frozen=True)
class Confidence:
    """The young person's own confidence, asked on a day: a score 1–5 and/or their words."""

    asked_on: date
    score: int | None = None
    words: str | None = None
    id: int | None = None


@dataclass(frozen=True)
class Activity:
    """What the young person does by day (work, school, ...) from a date, maybe until one."""

    kind: str
    since: date
    description: str | None = None
    until: date | None = None
    id: int | None = None

    def current(self, today: date) -> bool:
        """Still going on `today`."""
        return self.since <= today and (self.until is None or self.until > today)


@dataclass(frozen=True)
class BasicItem:
    """One checklist line for this young person: default or added by the coach, and its state."""

    key: str
    label: str
    state: str | None = None
    custom: bool = False
    hint: str = ""


@dataclass
class ReleaseFacts:
    """Everything beyond the case file that readiness looks at."""

    confidence: list[Confidence] = field(default_factory=list)
    activities: list[Activity] = field(default_factory=list)
    basics: list[BasicItem] = field(default_factory=list)
    staying: set[int] = field(default_factory=set)


@dataclass(frozen=True)
class Criterion:
    """One line of the readiness checklist."""

    key: str
    met: bool | None
    evidence: str

    @property
    def label(self) -> str:
        """The criterion in Dutch."""
        return CRITERIA[self.key]

    def as_json(self) -> dict[str, object]:
        """{criterion, label, met, evidence} for `coach show --json`."""
        return {"criterion": self.key, "label": self.label, "met": self.met, "evidence": self.evidence}


def merge_basics(definitions: tuple[BasicDefinition, ...], stored: list[BasicItem]) -> list[BasicItem]:
    """The default items in their order with their stored state, then the coach's own items."""
    by_key = {item.key: item for item in stored}
    merged = [
        BasicItem(d.key, d.label, by_key[d.key].state if d.key in by_key else None, hint=d.hint) for d in definitions
    ]
    defaults = {d.key for d in definitions}
    merged += [item for item in stored if item.key not in defaults]
    return merged


def release_readiness(
    assessments: list[Assessment],
    agreements: list[Agreement],
    network: list[NetworkPerson],
    facts: ReleaseFacts,
    today: date,
    *,
    domain_labels: Mapping[str, str] | None = None,
    rules: ReleaseRules = ReleaseRules(),
) -> list[Criterion]:
    """The seven criteria, in the order a coach would talk them through."""
    labels = domain_labels or {}
    return [
        no_acute_domains(assessments, labels, today),
        domains_stable(assessments, labels),
        activity_stable(assessments, facts.activities, today, rules, labels),
        agreements_owned(agreements, today, rules),
        own_confidence(facts.confidence, today, rules),
        network_stays(network, facts.staying),
        basics_in_order(facts.basics),
    ]


# "Toe aan afbouw?" on the caseload: nothing speaks against it and most criteria are met. Not all
# seven: the young person's own confidence and the basics wait for the coach to ask, and the mark is
# a question that invites exactly that conversation.
TAPER_HINT_MET = 4


def may_taper(criteria: list[Criterion]) -> bool:
    """True when no criterion fails and at least TAPER_HINT_MET are met: worth asking about afbouw."""
    return not any(c.met is False for c in criteria) and sum(c.met is True for c in criteria) >= TAPER_HINT_MET


def _names(keys: list[str], labels: Mapping[str, str]) -> str:
    return ", ".join(labels.get(key, key) for key in keys)


def _weeks(days: int) -> str:
    # Under a week, days say more than "0 weken".
    if days == 0:
        return "net begonnen"
    if days < 7:
        return "1 dag" if days == 1 else f"{days} dagen"
    weeks = days // 7
    return "1 week" if weeks == 1 else f"{weeks} weken"


def no_acute_domains(assessments: list[Assessment], labels: Mapping[str, str], today: date) -> Criterion:
    """No domain scored 1 or 2 in its latest measurement."""
    series = domain_series(assessments)
    if not series:
        return Criterion("geen_acuut", None, "Nog geen meting. Scoor de leefgebieden eerst (vervolgmeting).")
    latest = {key: points[-1] for key, points in series.items()}
    when = max(day for day, _ in latest.values())
    low = [key for key, (_, score) in latest.items() if score <= 2]
    unscored = len(DOMAIN_KEYS) - len(latest)
    tail = f" {unscored} leefgebied{'en' if unscored != 1 else ''} nog niet gescoord." if unscored > 0 else ""
    if low:
        shown = ", ".join(f"{labels.get(key, key)} {latest[key][1]}" for key in low)
        return Criterion(
            "geen_acuut", False, f"Nog laag in de laatste meting ({short_date(when, today)}): {shown}.{tail}"
        )
    return Criterion(
        "geen_acuut",
        True,
        f"Alle {len(latest)} gescoorde leefgebieden op 3 of hoger (laatste meting {short_date(when, today)}).{tail}",
    )


def domains_stable(assessments: list[Assessment], labels: Mapping[str, str]) -> Criterion:
    """Per domain, the latest score is not below the one before it."""
    series = domain_series(assessments)
    pairs = {key: (points[-2][1], points[-1][1]) for key, points in series.items() if len(points) >= 2}
    if not pairs:
        if not series:
            return Criterion("stabiel", None, "Nog geen meting, dus nog niets te vergelijken.")
        return Criterion("stabiel", None, "Nog maar één meting. Na een vervolgmeting is te zien of het stabiel blijft.")
    dropped = [key for key, (before, now) in pairs.items() if now < before]
    better = sum(now > before for before, now in pairs.values())
    same = sum(now == before for before, now in pairs.values())
    if dropped:
        shown = ", ".join(f"{labels.get(key, key)} {pairs[key][0]} → {pairs[key][1]}" for key in dropped)
        return Criterion("stabiel", False, f"Achteruit sinds de vorige meting: {shown}.")
    return Criterion("stabiel", True, f"Sinds de vorige meting {better} beter en {same} gelijk; niets achteruit.")


def _stable_since(points: list[tuple[date, int]], threshold: int) -> date | None:
    """Start of the latest unbroken run of scores at or above threshold, reaching the latest score."""
    since = None
    for day, score in reversed(points):
        if score < threshold:
            break
        since = day
    return since


def activity_stable(
    assessments: list[Assessment],
    activities: list[Activity],
    today: date,
    rules: ReleaseRules = ReleaseRules(),
    labels: Mapping[str, str] | None = None,
) -> Criterion:
    """Work, school or daytime activity has gone on for at least the rules' number of weeks.

    A recorded activity says most; without one, the scores on werk_opleiding and
    tijdsbesteding tell since when they have been at 'voldoende' or better.
    """
    needed = rules.stable_weeks * 7
    current = [a for a in activities if a.current(today)]
    if current:
        longest = min(current, key=lambda a: a.since)
        days = (today - longest.since).days
        what = ACTIVITY_LABELS.get(longest.kind, longest.kind) + (
            f" ({longest.description})" if longest.description else ""
        )
        if days >= needed:
            return Criterion("dagbesteding", True, f"{what} sinds {short_date(longest.since, today)}: {_weeks(days)}.")
        ready = longest.since + timedelta(days=needed)
        return Criterion(
            "dagbesteding",
            False,
            f"{what} sinds {short_date(longest.since, today)}: pas {_weeks(days)}; stabiel na {rules.stable_weeks} weken, "
            f"rond {short_date(ready, today)}.",
        )
    ended = [a for a in activities if a.until is not None and a.until <= today]
    series = domain_series(assessments)
    runs = {key: _stable_since(series[key], rules.stable_score) for key in ACTIVITY_DOMAINS if key in series}
    if any(day is not None for day in runs.values()):
        key, since = min(((k, day) for k, day in runs.items() if day is not None), key=lambda item: item[1])
        days = (today - since).days
        met = days >= needed
        name = (labels or {}).get(key, key)
        text = f"{name} op {rules.stable_score} of hoger sinds de meting van {short_date(since, today)}: {_weeks(days)}"
        text += "." if met else f"; stabiel na {rules.stable_weeks} weken."
        return Criterion("dagbesteding", met, text)
    if ended:
        last = max(ended, key=lambda a: a.until or date.min)
        assert last.until is not None  # every ended activity has an end date
        return Criterion(
            "dagbesteding",
            False,
            f"{ACTIVITY_LABELS.get(last.kind, last.kind)} gestopt op {short_date(last.until, today)}; nog niets nieuws vastgelegd.",
        )
    if runs:
        shown = ", ".join(f"{(labels or {}).get(key, key)} {series[key][-1][1]}" for key in runs)
        return Criterion("dagbesteding", False, f"Nog onder de {rules.stable_score} in de laatste meting: {shown}.")
    return Criterion(
        "dagbesteding", None, "Nog niets bekend over werk, school of dagbesteding. Leg het vast of scoor het."
    )


def agreements_owned(agreements: list[Agreement], today: date, rules: ReleaseRules) -> Criterion:
    """Of the recent agreements, most are the young person's own, and they keep them."""
    recent = sorted(agreements, key=lambda a: a.made_on, reverse=True)[: rules.recent_agreements]
    if len(recent) < rules.min_agreements:
        return Criterion("afspraken", None, f"Te weinig afspraken om iets over te zeggen ({len(recent)}).")
    own = [a for a in recent if a.owner == AgreementOwner.JONGERE]
    kept = sum(a.status == AgreementStatus.GEDAAN for a in own)
    broken = sum(
        a.status == AgreementStatus.VERVALLEN
        or (a.status == AgreementStatus.OPEN and a.due is not None and a.due < today)
        for a in own
    )
    text = f"{len(own)} van de laatste {len(recent)} afspraken van de jongere zelf"
    owned_ok = len(own) / len(recent) > rules.owned_share
    if kept + broken == 0:
        return Criterion("afspraken", None if owned_ok else False, text + "; nog geen ervan afgerond.")
    text += f"; {kept} van de {kept + broken} nagekomen."
    return Criterion("afspraken", owned_ok and kept / (kept + broken) >= rules.kept_share, text)


def own_confidence(records: list[Confidence], today: date, rules: ReleaseRules) -> Criterion:
    """What the young person said when asked how sure they are to manage on their own."""
    if not records:
        return Criterion(
            "vertrouwen", None, "Nog niet gevraagd. Vraag hoe zeker de jongere zich voelt om het zelf te redden."
        )
    last = max(records, key=lambda r: (r.asked_on, r.id or 0))
    words = f" “{last.words.strip()}”" if last.words and last.words.strip() else ""
    age = (today - last.asked_on).days
    stale = f" Al {_weeks(age)} geleden; vraag het opnieuw." if age > rules.confidence_fresh_weeks * 7 else ""
    if last.score is None:
        return Criterion(
            "vertrouwen", None, f"Gevraagd op {short_date(last.asked_on, today)}, zonder cijfer.{words}{stale}"
        )
    met = last.score >= rules.confidence_min
    return Criterion(
        "vertrouwen", met, f"Gevraagd op {short_date(last.asked_on, today)}: {last.score} van 5.{words}{stale}"
    )


def network_stays(network: list[NetworkPerson], staying: set[int]) -> Criterion:
    """There are people around the young person, ideally someone of their own circle who stays."""
    informal = [p for p in network if p.kind == "informeel"]
    professional = [p for p in network if p.kind == "professioneel"]
    if not network:
        return Criterion("netwerk", False, "Nog niemand uit het netwerk vastgelegd.")
    if not informal:
        return Criterion(
            "netwerk",
            False,
            f"Alleen professionals ({len(professional)}); wie uit de eigen kring is er als de hulp stopt?",
        )
    stays = [p for p in informal if p.id is not None and p.id in staying]
    roles = ", ".join(f"{p.relation} ({p.name})" for p in (stays or informal))
    if stays:
        extra = (
            f"; daarnaast {len(professional)} professional{'s' if len(professional) != 1 else ''}"
            if professional
            else ""
        )
        return Criterion("netwerk", True, f"Blijft erbij: {roles}{extra}.")
    return Criterion("netwerk", None, f"Uit de eigen kring: {roles}. Nog niet vastgelegd wie er blijft.")


def basics_in_order(items: list[BasicItem]) -> Criterion:
    """Every item of the practical-basics checklist is arranged or does not apply."""
    if not items:
        return Criterion("basiszaken", None, "Geen checklist; voeg de praktische zaken toe.")
    if all(item.state is None for item in items):
        return Criterion("basiszaken", None, "De checklist is nog niet doorgelopen.")
    open_items = [item for item in items if item.state not in (DONE, NOT_APPLICABLE)]
    done = sum(item.state == DONE for item in items)
    na = sum(item.state == NOT_APPLICABLE for item in items)
    counted = len(items) - na
    tail = f" ({na} n.v.t.)" if na else ""
    if open_items:
        shown = ", ".join(item.label for item in open_items)
        return Criterion("basiszaken", False, f"{done} van de {counted} geregeld{tail}. Nog open: {shown}.")
    return Criterion("basiszaken", True, f"Alles geregeld: {done} van de {counted}{tail}.")
