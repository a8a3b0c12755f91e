"""One life domain in the intake: notes, what goes well, concerns, wish, who carries it, the scores."""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.content import Content
from textual.widgets import Static
from textual.widgets.selection_list import Selection

from coach.content.model import Content as PromptContent
from coach.domain.intake import CARRIER_LABELS, CARRIERS, FIELD_LABELS, NU_NIET, NVT, TEXT_FIELDS, DomainEntry
from coach.domain.model import NetworkPerson
from coach.domain.self_assessment import SelfAssessment
from coach.tui.widgets.body import Body
from coach.tui.widgets.field_area import FieldArea
from coach.tui.widgets.plain_toggles import PlainSelectionList
from coach.tui.widgets.score_picker import ScorePicker

PLACEHOLDERS = {
    "notes": "Wat vertelt de jongere? Typ vrij; signaalwoorden worden herkend.",
    "going_well": "Ook als het klein is.",
    "concerns": "Waar maak jij je zorgen over, en de jongere zelf?",
    "wish": "Wat wil de jongere hier zelf?",
}
SKIP_TEXT = {
    NU_NIET: "Nu niet besproken — komt een volgende keer aan bod. ctrl+t wisselt.",
    NVT: "Niet van toepassing voor deze jongere. ctrl+t wisselt.",
}
PERSON_PREFIX = "persoon:"


def carrier_options(entry: DomainEntry, network: list[NetworkPerson]) -> list[Selection[str]]:
    """The three kinds of carrier, then every person in the network by name."""
    options = [Selection(CARRIER_LABELS[key], key, key in entry.carried_by) for key in CARRIERS]
    for person in network:
        detail = ", ".join(part for part in (person.relation, person.organisation) if part)
        options.append(
            Selection(f"{person.name} ({detail})", PERSON_PREFIX + person.name, person.name in entry.carriers)
        )
    return options


def difference_text(score: int | None, youth_score: int | None) -> Content:
    """What the two scores say together; a difference is worth a conversation."""
    if score is None or youth_score is None:
        return Content("")
    if score == youth_score:
        return Content.from_markup("[$text-success]Jullie geven allebei een $s.[/]", s=str(score))
    diff = youth_score - score
    higher = "hoger" if diff > 0 else "lager"
    return Content.from_markup(
        "[b $text-warning]Verschil $d[/]: de jongere scoort $n punt$pl $higher dan jij. Vraag hoe de jongere ernaar kijkt.",
        d=f"{diff:+d}",
        n=str(abs(diff)),
        pl="" if abs(diff) == 1 else "en",
        higher=higher,
    )


def own_answer_text(own: SelfAssessment) -> str:
    """What the young person filled in themselves (samen invullen) for this domain, with its date."""
    day = f"{own.date.day}-{own.date.month}-{own.date.year}"
    answer = "overgeslagen" if own.skipped else (f"een {own.score}" if own.score is not None else "nog niets")
    talk = "; wil hier graag over praten" if own.talk else ""
    return f"Zelf ingevuld door de jongere ({day}): {answer}{talk}."


class DomainPanel(Body):
    """Everything the intake asks about one domain, top to bottom in Tab order."""

    def __init__(
        self,
        entry: DomainEntry,
        content: PromptContent,
        network: list[NetworkPerson],
        own: SelfAssessment | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(**kwargs)
        self.own = own
        self.entry = entry
        self.domain = content.domain(entry.domain)
        self._content = content
        self._network = network

    def compose(self) -> ComposeResult:
        domain, entry = self.domain, self.entry
        yield Static(domain.description, classes="panel-intro")
        yield Static(SKIP_TEXT.get(entry.skip or "", ""), classes="skip-state" + (" -shown" if entry.skip else ""))
        for name in TEXT_FIELDS:
            yield FieldArea(
                domain.key,
                name,
                FIELD_LABELS[name],
                getattr(entry, name),
                placeholder=PLACEHOLDERS[name],
                classes="" if name == "notes" else "-small",
            )
        carriers = PlainSelectionList(*carrier_options(entry, self._network), classes="carriers")
        carriers.border_title = "Wie draagt het nu? (spatie kiest)"
        yield carriers
        labels = {level.score: level.label for level in self._content.scale}
        yield ScorePicker(
            "Score van de coach",
            entry.score,
            labels=labels,
            anchors=domain.levels,
            id=f"score-{domain.key}",
            classes="coach-score",
        )
        yield ScorePicker(
            "Eigen score van de jongere (mag leeg)",
            entry.youth_score,
            labels=labels,
            id=f"youth-score-{domain.key}",
            classes="youth-score",
        )
        yield Static(difference_text(entry.score, entry.youth_score), classes="score-difference")
        if self.own is not None:
            yield Static(own_answer_text(self.own), markup=False, classes="own-answer")

    def show_skip(self, skip: str | None) -> None:
        """Show (or hide) that the domain is skipped."""
        label = self.query_one(".skip-state", Static)
        label.update(SKIP_TEXT.get(skip or "", ""))
        label.set_class(skip is not None, "-shown")

    def show_difference(self) -> None:
        """Refresh the line under the two scores."""
        self.query_one(".score-difference", Static).update(difference_text(self.entry.score, self.entry.youth_score))
