"""Words that must not mislead: how long ago, why a domain has no score, one jongere."""

from __future__ import annotations

from datetime import date

from helpers import shown_text
from textual.app import App, ComposeResult

from coach.content.prompts import load_content
from coach.domain.calendar_words import days_back
from coach.domain.intake import NU_NIET, NVT, Intake
from coach.tui.dialogs.intake_complete import complete_summary
from coach.tui.widgets.domain_scores import NOT_SCORED, DomainRow, DomainScores


def test_how_long_ago_in_words() -> None:
    assert [days_back(d) for d in (0, 1, 5)] == ["vandaag", "gisteren", "5 dagen geleden"]


class Scores(App[None]):
    def __init__(self, intake: Intake) -> None:
        super().__init__()
        self.intake = intake

    def compose(self) -> ComposeResult:
        yield DomainScores([], load_content(), self.intake)


async def test_nu_niet_and_niet_van_toepassing_are_not_shown_as_not_yet_scored() -> None:
    intake = Intake(1, 1, date(2026, 3, 1), completed_on=date(2026, 3, 8))
    intake.domains["justitie"].skip = NVT
    intake.domains["middelengebruik"].skip = NU_NIET
    app = Scores(intake)
    async with app.run_test(size=(100, 30)):
        levels = {row.domain: row.level for row in app.query(DomainRow)}
        shown = {row.domain: shown_text(row) for row in app.query(DomainRow)}
    assert "niet van toepassing" in shown["justitie"] and "nu niet" in shown["middelengebruik"]
    assert levels["justitie"] == "niet van toepassing"
    assert levels["middelengebruik"] == "nu niet"
    assert levels["financien"] == NOT_SCORED


def test_closing_an_intake_names_the_signals_not_yet_talked_about() -> None:
    intake = Intake(1, 1, date(2026, 3, 1))
    summary = complete_summary(intake, ["Huisvesting ('huurachterstand')", "Financiën ('schulden')"])
    assert "Signalen nog niet besproken (2): Huisvesting ('huurachterstand'), Financiën ('schulden')." in summary
    assert "Signalen nog niet besproken: geen." in complete_summary(intake, [])
