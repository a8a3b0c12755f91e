"""Composing the coach's Dutch notes from the templates in texts.py for one young person."""

from __future__ import annotations

import random
from collections import deque
from typing import TypeVar

from coach.demo import texts
from coach.domain.model import NetworkPerson
from coach.domain.vocabulary import ContactMode

REMOTE_MODES = (ContactMode.TELEFOON, ContactMode.BERICHT, ContactMode.VIDEO)
HOUSEHOLD = ("moeder", "vader", "stiefvader", "oma", "zus", "broer")

# A template is a plain string or a tuple that carries one (EXTRAS, NAZORG_TOPICS).
Template = TypeVar("Template")


class Voice:
    """Fills templates with one young person's name, pronouns and network."""

    def __init__(
        self,
        rng: random.Random,
        *,
        name: str,
        gender: str,
        network: list[NetworkPerson],
        themes: list[texts.Theme],
        city: str,
        workplace: str,
        school: str,
    ):
        self.rng = rng
        self.themes = themes
        self.recent: deque[object] = deque(maxlen=8)
        he, his, him = ("hij", "zijn", "hem") if gender == "m" else ("zij", "haar", "haar")
        self.informal = [p for p in network if p.kind == "informeel"]
        self.professional = [p for p in network if p.kind == "professioneel"]
        self.ctx = {
            "naam": name,
            "Naam": name,
            "hij": he,
            "Hij": he.capitalize(),
            "zijn": his,
            "Zijn": his.capitalize(),
            "hem": him,
            "stad": city,
            "werk": workplace,
            "school": school,
            "weken": "twee",
            "huis": next((p.name.split()[0] for p in self.informal if p.relation in HOUSEHOLD), "een huisgenoot"),
        }
        self._pick_people()
        self.ctx["thema"] = self.fill(themes[0].label)

    def _pick_people(self, theme: texts.Theme | None = None) -> None:
        # The first informal person comes up most: that is who matters most. The
        # professional is the one who works on the theme, so the note makes sense.
        inf = self.informal[0] if self.rng.random() < 0.7 else self.rng.choice(self.informal)
        fitting = self.professional
        if theme is not None:
            fitting = [p for p in fitting if p.relation in texts.THEME_PROFESSIONALS[theme.key]] or fitting
        prof = fitting[0] if self.rng.random() < 0.7 else self.rng.choice(fitting)
        first = inf.name.split()[0]
        self.ctx.update(
            inf=first,
            Inf=first,
            inf_rel=inf.relation,
            prof=prof.name.split()[0],
            Prof=prof.name.split()[0],
            prof_rel=prof.relation,
        )

    def fill(self, template: str, theme: texts.Theme | None = None) -> str:
        """The template with this young person's words filled in (people fitting the theme)."""
        if theme is not None:
            self._pick_people(theme)
        return template.format_map(self.ctx)

    def choose(self, templates: tuple[Template, ...]) -> Template:
        """A template at random, avoiding the ones used in the last few notes."""
        for _ in range(4):
            template = self.rng.choice(templates)
            if template not in self.recent:
                break
        self.recent.append(template)
        return template

    def pick(self, templates: tuple[str, ...]) -> str:
        """One template at random, filled in."""
        self._pick_people()
        return self.fill(self.choose(templates))

    def theme(self) -> texts.Theme:
        """One of the young person's themes, the first one most often."""
        return self.themes[0] if self.rng.random() < 0.4 else self.rng.choice(self.themes)

    def visit(self, mode: str, progress: float) -> str:
        """A note on a contact that took place; progress 0..1 through the trajectory."""
        self._pick_people()
        rng = self.rng
        parts = [self.fill(self.choose(texts.OPENERS[mode]))]
        if mode in REMOTE_MODES:
            parts.append(self.fill(self.choose(texts.REMOTE_TOPICS)))
        elif rng.random() < 0.7:
            theme = self.theme()
            pool = theme.progress if progress > 0.5 and rng.random() < progress - 0.3 else theme.topics
            parts.append(self.fill(self.choose(pool), theme))
            if rng.random() < 0.3:
                other = self.theme()
                parts.append(self.fill(self.choose(other.topics), other))
        else:
            parts.append(self.fill(self.choose(texts.GENERAL_TOPICS)))
        parts.append(self.fill(self.choose(texts.MOODS)))
        parts.append(self.fill(self.choose(texts.NEXT_STEPS)))
        parts = list(dict.fromkeys(part for part in parts if part))
        if rng.random() < 0.12:
            return "\n".join("- " + part for part in parts)
        return " ".join(parts)

    def extra(self) -> tuple[str, str, str]:
        """A message or call between visits: (mode, who started it, note)."""
        self._pick_people()
        mode, by, template = self.choose(texts.EXTRAS)
        return mode, by, self.fill(template)
