"""What a demo trajectory yields: domain assessments, agreements and the warm story."""

from __future__ import annotations

import random
from datetime import date, timedelta

from coach.demo import texts
from coach.demo.notes import Voice
from coach.domain.domains import DOMAIN_KEYS
from coach.domain.model import WARM_KINDS, Agreement, Assessment, PhaseEntry, WarmStoryItem
from coach.domain.self_assessment import SelfAssessment
from coach.domain.vocabulary import AgreementStatus, Phase

# How the scores move from intake to the latest measurement, per profile.
RELEASED = (Phase.AFBOUW, Phase.NAZORG, Phase.AFGESLOTEN)
STRUGGLING = ("stilte", "no_show")


def _clamp(score: float) -> int:
    return max(1, min(5, round(score)))


def assessment_dates(rng: random.Random, phases: list[PhaseEntry], today: date) -> list[date]:
    """Intake baseline, then a follow-up about every three months (1–3 when there is time)."""
    since = {p.phase: p.since for p in phases}
    if Phase.INTAKE not in since:
        return []
    baseline = min(since[Phase.INTAKE] + timedelta(days=rng.randint(1, 6)), today - timedelta(days=1))
    limit = since.get(Phase.NAZORG, today)
    dates = [baseline]
    day = baseline + timedelta(days=rng.randint(80, 110))
    while day < limit - timedelta(days=7) and len(dates) < 4:
        dates.append(day)
        day += timedelta(days=rng.randint(80, 110))
    if Phase.NAZORG in since and len(dates) < 4 and (limit - dates[-1]).days >= 30:
        dates.append(limit)  # the last measurement, at letting go
    if len(dates) == 1 and Phase.BEGELEIDING in since and (limit - baseline).days >= 60:
        dates.append(baseline + (limit - baseline) // 2)
    return dates


def assessments(rng: random.Random, voice: Voice, profile: str, dates: list[date]) -> list[Assessment]:
    """All 13 domains at every date, scores moving from baseline towards a profile-shaped end."""
    if not dates:
        return []
    theme_domains = {theme.domain for theme in voice.themes}
    plans: dict[str, tuple[int, int]] = {}
    for domain in DOMAIN_KEYS:
        if domain in theme_domains:
            start = rng.choice((1, 2, 2))
        elif domain == "justitie":
            start = rng.choice((4, 5, 5, 5))
        else:
            start = rng.choice((2, 3, 3, 4, 4, 5))
        if profile in RELEASED:
            end = max(start, rng.choice((3, 4, 4, 4, 5)))
        elif profile in STRUGGLING:
            end = start - rng.choice((0, 0, 1))
        else:
            end = start + rng.choice((-1, 0, 1, 1, 2))
        plans[domain] = (start, _clamp(end))
    rows: list[Assessment] = []
    last = len(dates) - 1
    for index, day in enumerate(dates):
        share = index / last if last else 0.0
        own = rng.random() < 0.5
        for domain, (start, end) in plans.items():
            score = start if index == 0 else _clamp(start + (end - start) * share + rng.uniform(-0.45, 0.45))
            row = Assessment(date=day, domain=domain, score=score)
            if own:
                row.youth_score = _clamp(score + rng.choice((-1, 0, 0, 1, 1)))
            _describe(rng, voice, row, domain in theme_domains, index == 0)
            rows.append(row)
    return rows


def _describe(rng: random.Random, voice: Voice, row: Assessment, theme_domain: bool, baseline: bool) -> None:
    themes = [t for t in voice.themes if t.domain == row.domain]
    if theme_domain:
        theme = rng.choice(themes)
        if row.score is not None and row.score <= 3:
            row.concerns = voice.fill(rng.choice(theme.concerns), theme)
        if baseline or rng.random() < 0.3:
            row.wish = voice.fill(rng.choice(theme.wishes), theme)
        if not baseline and row.score is not None and row.score >= 3:
            row.going_well = voice.fill(rng.choice(theme.progress), theme)
    elif rng.random() < (0.3 if baseline else 0.12):
        row.going_well = voice.fill(rng.choice(texts.GOING_WELL[row.domain]))


def agreements(rng: random.Random, voice: Voice, profile: str, visit_days: list[date], today: date) -> list[Agreement]:
    """Afspraken made at visits: most done, some lapsed, some open and a few overdue."""
    days = sorted(set(visit_days))
    if not days:
        return []
    picked = sorted(rng.sample(days, min(len(days), rng.randint(3, 8))))
    closed = profile in (Phase.NAZORG, Phase.AFGESLOTEN)
    released = profile in RELEASED
    rows = []
    used: set[str] = set()
    for made_on in picked:
        for _ in range(4):  # the same afspraak twice reads like a copy-paste error
            theme = voice.theme()
            owner, template = rng.choice(theme.agreements)
            if template not in used:
                break
        used.add(template)
        due = made_on + timedelta(days=rng.randint(7, 28)) if rng.random() < 0.85 else None
        reference = due or made_on + timedelta(days=21)
        if reference < today:
            # Those who taper off kept their agreements; with the others some linger open.
            status = rng.choices(
                (AgreementStatus.GEDAAN, AgreementStatus.VERVALLEN, AgreementStatus.OPEN),
                (80, 20, 0) if released else (76, 16, 8),
            )[0]
        else:
            status = rng.choices((AgreementStatus.OPEN, AgreementStatus.GEDAAN), (75, 25))[0]
        if closed and status == AgreementStatus.OPEN:
            status = rng.choice((AgreementStatus.GEDAAN, AgreementStatus.VERVALLEN))
        rows.append(Agreement(made_on=made_on, text=voice.fill(template, theme), owner=owner, status=status, due=due))
    if profile in STRUGGLING:
        # Made at the last visit before it went quiet, and not done since.
        made_on = days[-1]
        theme = voice.themes[0]
        owner, template = rng.choice([a for a in theme.agreements if a[1] not in used] or theme.agreements)
        rows.append(
            Agreement(
                made_on=made_on,
                text=voice.fill(template, theme),
                owner=owner,
                status=AgreementStatus.OPEN,
                due=made_on + timedelta(days=rng.randint(7, 10)),
            )
        )
    return rows


def warm_story(rng: random.Random, voice: Voice, visit_days: list[date]) -> list[WarmStoryItem]:
    """3–6 pieces of the warm story, each told at one of the early visits."""
    early = sorted(visit_days)[: max(3, len(visit_days) // 3)] or visit_days
    kinds = rng.sample(WARM_KINDS, rng.randint(3, 6))
    items = []
    for kind in kinds:
        text, own_words = rng.choice(texts.WARM_STORY[kind])
        items.append(
            WarmStoryItem(
                kind=kind, text=voice.fill(text), own_words=own_words, recorded_on=rng.choice(early) if early else None
            )
        )
    items.sort(key=lambda item: item.recorded_on or date.min)
    return items


def self_assessments(seed: str, assessments: list[Assessment], today: date) -> list[SelfAssessment]:
    """For some young people: their own answers from samen invullen a week after the latest measurement.

    A random generator of its own (seeded by the case) so the rest of the demo stays as it was.
    Their answers are near the coach's scores, now and then higher or lower; a few domains skipped,
    one or two they want to talk about.
    """
    if not assessments:
        return []
    rng = random.Random(seed)
    latest = max(a.date for a in assessments)
    on = min(latest + timedelta(days=7), today)
    scores = {a.domain: a.score for a in assessments if a.date == latest and a.score is not None}
    answers = []
    for key in DOMAIN_KEYS:
        if key not in scores:
            continue
        if rng.random() < 0.1:
            answers.append(SelfAssessment(on, key, skipped=True))
            continue
        own = _clamp(scores[key] + rng.choice((-1, 0, 0, 0, 1, 1)))
        answers.append(SelfAssessment(on, key, score=own, talk=rng.random() < 0.15))
    return answers
