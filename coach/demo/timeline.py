"""One demo trajectory over time: its phases and the contacts, each in its own rhythm."""

from __future__ import annotations

import random
from datetime import date, datetime, time, timedelta

from coach.demo import texts
from coach.demo.names import COACH, COLLEAGUE
from coach.demo.notes import Voice
from coach.domain.model import Contact, PhaseEntry
from coach.domain.vocabulary import ContactMode, ContactStatus, Initiator, Phase

# Profiles that stay in begeleiding today, and their usual days between visits.
BEGELEIDING_RHYTHMS = {"wekelijks": 7, "tweewekelijks": 14, "crisis": 7, "stilte": 7, "no_show": 7}

# Days after the start of afbouw on which the tapering visits fall: 1, 2, 3, 4, 5 weeks apart.
TAPER_OFFSETS = (0, 7, 21, 42, 70, 105, 147)

MAIN_MODES = (
    ContactMode.HUISBEZOEK,
    ContactMode.WANDELING,
    ContactMode.SAMEN_OP_PAD,
    ContactMode.KANTOOR,
    ContactMode.TELEFOON,
    ContactMode.VIDEO,
    ContactMode.OUTREACH,
    ContactMode.BERICHT,
)
MAIN_WEIGHTS = (50, 10, 10, 7, 11, 3, 3, 6)
DURATIONS: dict[str, tuple[int, int]] = {
    ContactMode.HUISBEZOEK: (45, 120),
    ContactMode.WANDELING: (40, 90),
    ContactMode.SAMEN_OP_PAD: (60, 240),
    ContactMode.KANTOOR: (30, 60),
    ContactMode.TELEFOON: (5, 30),
    ContactMode.VIDEO: (20, 45),
    ContactMode.OUTREACH: (15, 60),
    ContactMode.BERICHT: (1, 10),
}
# The first and last hour a coach calls or plans an appointment in (the last one starts by 17:59).
WORK_HOURS = (9, 17)
TAPER_WORDS = {7: "een", 14: "twee", 21: "drie", 28: "vier", 35: "vijf", 42: "zes"}


def plan_phases(rng: random.Random, profile: str, today: date, voice: Voice) -> list[PhaseEntry]:
    """The phases entered, oldest first, with 3–18 months between the start and today."""

    def ago(low: int, high: int) -> date:
        return today - timedelta(days=rng.randint(low, high))

    if profile == Phase.AANMELDING:
        marks = [(Phase.AANMELDING, ago(92, 120))]
    elif profile == Phase.INTAKE:
        marks = [(Phase.AANMELDING, ago(92, 140)), (Phase.INTAKE, ago(8, 20))]
    else:
        ends: list[tuple[Phase, date]] = []
        span = (120, 450)
        if profile == Phase.AFBOUW:
            ends, span = [(Phase.AFBOUW, ago(45, 100))], (240, 540)
        elif profile == Phase.NAZORG:
            nazorg = ago(20, 120)
            ends, span = (
                [(Phase.AFBOUW, nazorg - timedelta(days=rng.randint(70, 110))), (Phase.NAZORG, nazorg)],
                (330, 540),
            )
        elif profile == Phase.AFGESLOTEN:
            closed = ago(3, 45)
            nazorg = closed - timedelta(days=rng.randint(90, 120))
            ends = [
                (Phase.AFBOUW, nazorg - timedelta(days=rng.randint(70, 110))),
                (Phase.NAZORG, nazorg),
                (Phase.AFGESLOTEN, closed),
            ]
            span = (360, 540)
        start = ago(*span)
        intake = start + timedelta(days=rng.randint(7, 21))
        marks = [
            (Phase.AANMELDING, start),
            (Phase.INTAKE, intake),
            (Phase.BEGELEIDING, intake + timedelta(days=rng.randint(14, 35))),
        ]
        marks += ends
    main = voice.themes[0]
    return [
        PhaseEntry(phase=phase, since=since, note=voice.fill(rng.choice(texts.PHASE_NOTES[phase]), main))
        for phase, since in marks
    ]


class Diary:
    """Writes the contacts of one young person, phase by phase."""

    def __init__(self, rng: random.Random, voice: Voice, today: date, profile: str, phases: list[PhaseEntry]):
        self.rng, self.voice, self.today, self.profile = rng, voice, today, profile
        self.phases = phases
        self.start = phases[0].since
        self.contacts: list[Contact] = []
        self.visit_days: list[tuple[date, str]] = []  # held visits, with the phase they fell in

    # -- building blocks ------------------------------------------------------

    def _at(self, day: date, mode: str, status: str, by: str) -> datetime:
        rng = self.rng
        if mode in (ContactMode.BERICHT, ContactMode.TELEFOON):
            hour, minute = rng.randint(8, 22), rng.randint(0, 59)
            if status == ContactStatus.GEPLAND or by == Initiator.COACH:
                # A coach calls and plans in working hours; only the young person and their
                # people send a message at night. (The same draws as ever, so the rest of the
                # demo stays as it was: the hour is folded into 9–17.)
                hour = WORK_HOURS[0] + (hour - 8) % (WORK_HOURS[1] - WORK_HOURS[0] + 1)
            return datetime.combine(day, time(hour, minute))
        hour = rng.randint(9, 18)
        if status == ContactStatus.GEPLAND:
            hour = min(hour, WORK_HOURS[1])  # an appointment starts by five
        return datetime.combine(day, time(hour, rng.choice((0, 15, 30, 45))))

    def add(
        self,
        day: date,
        mode: str,
        status: str,
        note: str | None,
        *,
        by: str = Initiator.COACH,
        phase: str = Phase.BEGELEIDING,
        main: bool = True,
    ) -> None:
        """One contact; held visits are remembered for agreements and the warm story."""
        rng = self.rng
        low, high = DURATIONS[mode]
        drawn = rng.randint(low, high)
        duration: int | None = drawn
        if status == ContactStatus.NIET_VERSCHENEN:
            duration = 0 if mode in (ContactMode.HUISBEZOEK, ContactMode.OUTREACH) else None
        elif status == ContactStatus.AFGEZEGD_JONGERE:
            duration = None
        elif mode != ContactMode.BERICHT:
            if phase == Phase.AANMELDING:  # a first knock on the door is short
                drawn = min(drawn, rng.randint(5, 30))
            duration = round(drawn / 5) * 5
        coach = None
        if main and status in (ContactStatus.PLAATSGEVONDEN, ContactStatus.GEPLAND) and rng.random() < 0.04:
            coach = COLLEAGUE
            if note:
                sep = "\n" if note.startswith("- ") else " "
                note = f"Waarneming voor {COACH.split()[0]} (vakantie).{sep}{note}"
        self.contacts.append(
            Contact(
                at=self._at(day, mode, status, by),
                mode=mode,
                status=status,
                duration_min=duration,
                initiated_by=by,
                coach=coach,
                note=note,
            )
        )
        if main and status == ContactStatus.PLAATSGEVONDEN:
            self.visit_days.append((day, phase))

    def _mode(self) -> str:
        return self.rng.choices(MAIN_MODES, MAIN_WEIGHTS)[0]

    def _progress(self, day: date) -> float:
        return (day - self.start).days / max((self.today - self.start).days, 1)

    def _visit(self, day: date, phase: str, mode: str | None = None, status: str | None = None) -> str:
        rng, voice = self.rng, self.voice
        mode = mode or self._mode()
        if status is None:
            status = rng.choices(
                (ContactStatus.PLAATSGEVONDEN, ContactStatus.AFGEZEGD_JONGERE, ContactStatus.NIET_VERSCHENEN),
                (84, 9, 7),
            )[0]
        if status == ContactStatus.AFGEZEGD_JONGERE:
            self.add(day, mode, status, voice.pick(texts.CANCELLED), by=Initiator.JONGERE, phase=phase)
        elif status == ContactStatus.NIET_VERSCHENEN:
            self.add(
                day,
                ContactMode.HUISBEZOEK if mode == ContactMode.BERICHT else mode,
                status,
                voice.pick(texts.NO_SHOW),
                phase=phase,
            )
        else:
            self.add(day, mode, status, voice.visit(mode, self._progress(day)), phase=phase)
        return status

    def _extras(self, after: date, before: date, chance: float) -> None:
        """Messages and calls between two visits (held, often started by the young person)."""
        rng = self.rng
        while rng.random() < chance and (before - after).days > 1:
            day = after + timedelta(days=rng.randint(1, (before - after).days - 1))
            mode, by, note = self.voice.extra()
            self.add(day, mode, ContactStatus.PLAATSGEVONDEN, note if rng.random() < 0.85 else None, by=by, main=False)
            chance /= 2

    def plan_next(self, day: date, mode: str = ContactMode.HUISBEZOEK) -> None:
        """A planned (gepland) contact strictly after today."""
        day = max(day, self.today + timedelta(days=self.rng.randint(1, 6)))
        self.add(day, mode, ContactStatus.GEPLAND, self.voice.pick(texts.NEXT_STEPS) or None)

    # -- the phases -----------------------------------------------------------

    def write(self) -> list[Contact]:
        """Every contact of the trajectory, sorted by moment."""
        bounds = [p.since for p in self.phases[1:]] + [self.today]
        for entry, end in zip(self.phases, bounds, strict=False):
            getattr(self, "_" + entry.phase)(entry.since, end)
        self.contacts.sort(key=lambda c: c.at)
        return self.contacts

    def _aanmelding(self, start: date, end: date) -> None:
        rng, voice = self.rng, self.voice
        self.add(
            start,
            ContactMode.TELEFOON,
            ContactStatus.PLAATSGEVONDEN,
            voice.pick(texts.REFERRALS),
            by=Initiator.NETWERK,
            phase=Phase.AANMELDING,
        )
        reaching = self.profile in (Phase.AANMELDING, Phase.INTAKE)  # months of outreach before a first talk
        day = start + timedelta(days=rng.randint(2, 5))
        while day < end:
            mode = rng.choice((ContactMode.BERICHT, ContactMode.OUTREACH, ContactMode.HUISBEZOEK, ContactMode.TELEFOON))
            if reaching and rng.random() < 0.35:
                self.add(
                    day,
                    ContactMode.HUISBEZOEK if mode == ContactMode.BERICHT else mode,
                    ContactStatus.NIET_VERSCHENEN,
                    voice.pick(texts.NO_SHOW),
                    phase=Phase.AANMELDING,
                )
            else:
                self.add(
                    day,
                    mode,
                    ContactStatus.PLAATSGEVONDEN,
                    voice.pick(texts.AANMELDING_TOPICS[mode]),
                    phase=Phase.AANMELDING,
                )
            day += timedelta(days=rng.randint(4, 9) if reaching else rng.randint(2, 5))
        if reaching:
            self.plan_next(day, ContactMode.OUTREACH)

    def _intake(self, start: date, end: date) -> None:
        rng, voice = self.rng, self.voice
        day = start
        while day < end:
            mode = (
                ContactMode.HUISBEZOEK
                if rng.random() < 0.8
                else rng.choice((ContactMode.WANDELING, ContactMode.KANTOOR))
            )
            first_or_intake = day == start or rng.random() < 0.4
            note = voice.pick(texts.INTAKE_TOPICS) if first_or_intake else voice.visit(mode, 0.0)
            self.add(day, mode, ContactStatus.PLAATSGEVONDEN, note, phase=Phase.INTAKE)
            self._extras(day, min(day + timedelta(days=5), end), 0.4)
            day += timedelta(days=rng.randint(3, 7))
        if self.profile == Phase.INTAKE:
            self.plan_next(day)

    def _begeleiding(self, start: date, end: date) -> None:
        rng, profile = self.rng, self.profile
        rhythm = BEGELEIDING_RHYTHMS.get(profile) or rng.choice((7, 14))
        if profile == "stilte":
            end = self.today - timedelta(days=rng.randint(35, 60))
        elif profile == "no_show":
            end = self.today - timedelta(days=rng.randint(16, 24))
        crisis_from = self.today - timedelta(days=28)
        day = start
        while day < end:
            gap = rhythm + rng.randint(-1, 2) if rhythm == 7 else rhythm + rng.randint(-2, 2)
            if profile == "crisis" and day >= crisis_from:
                gap = rng.randint(2, 4)
            status = self._visit(day, Phase.BEGELEIDING)
            if status == ContactStatus.AFGEZEGD_JONGERE:
                gap = rng.randint(2, 4)
            nxt = day + timedelta(days=gap)
            self._extras(day, min(nxt, end), 0.35)
            day = nxt
        if profile == "stilte":
            self._visit(end, Phase.BEGELEIDING, ContactMode.HUISBEZOEK, ContactStatus.PLAATSGEVONDEN)
            self._visit(
                end + timedelta(days=rng.randint(6, 9)),
                Phase.BEGELEIDING,
                ContactMode.HUISBEZOEK,
                ContactStatus.AFGEZEGD_JONGERE,
            )
            self.add(
                end + timedelta(days=rng.randint(12, 16)),
                ContactMode.TELEFOON,
                ContactStatus.NIET_VERSCHENEN,
                self.voice.fill("Gebeld, {naam} neemt niet op. Voicemail ingesproken."),
            )
        elif profile == "no_show":
            self._visit(end, Phase.BEGELEIDING, ContactMode.HUISBEZOEK, ContactStatus.PLAATSGEVONDEN)
            day = end + timedelta(days=7)
            while day < self.today:
                self._visit(day, Phase.BEGELEIDING, ContactMode.HUISBEZOEK, ContactStatus.NIET_VERSCHENEN)
                day += timedelta(days=7)
            self.plan_next(day)
        elif end == self.today and rng.random() < 0.85:
            self.plan_next(day, self._mode() if rng.random() < 0.3 else ContactMode.HUISBEZOEK)

    def _afbouw(self, start: date, end: date) -> None:
        rng, voice = self.rng, self.voice
        for offset, nxt in zip(TAPER_OFFSETS, TAPER_OFFSETS[1:], strict=False):
            day = start + timedelta(days=offset)
            if day >= end:
                break
            voice.ctx["weken"] = TAPER_WORDS.get(nxt - offset, "een paar")
            mode = rng.choice(
                (ContactMode.HUISBEZOEK, ContactMode.HUISBEZOEK, ContactMode.WANDELING, ContactMode.TELEFOON)
            )
            self.add(day, mode, ContactStatus.PLAATSGEVONDEN, voice.pick(texts.AFBOUW_TOPICS), phase=Phase.AFBOUW)
            if end == self.today and start + timedelta(days=nxt) >= end:
                self.plan_next(start + timedelta(days=nxt))

    def _nazorg(self, start: date, end: date) -> None:
        rng, voice = self.rng, self.voice
        self.add(
            start,
            ContactMode.HUISBEZOEK,
            ContactStatus.PLAATSGEVONDEN,
            voice.fill("Afsluitend gesprek: samen terug gekeken en losgelaten. {Naam} weet me te vinden."),
            phase=Phase.NAZORG,
        )
        day = start + timedelta(days=rng.randint(21, 35))
        while day < end:
            mode, template = voice.choose(texts.NAZORG_TOPICS)
            self.add(day, mode, ContactStatus.PLAATSGEVONDEN, voice.fill(template), phase=Phase.NAZORG)
            day += timedelta(days=rng.randint(42, 70))
        if end == self.today:
            self.plan_next(day, ContactMode.TELEFOON)

    def _afgesloten(self, start: date, end: date) -> None:
        self.add(
            start,
            ContactMode.TELEFOON,
            ContactStatus.PLAATSGEVONDEN,
            self.voice.fill("Laatste nazorgcontact. Het gaat goed met {naam}; dossier gesloten."),
            phase=Phase.NAZORG,
        )
