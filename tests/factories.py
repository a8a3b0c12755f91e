"""Small fictional cases for tests (no real people)."""

from __future__ import annotations

from datetime import date, datetime

from coach.domain.model import (
    Address,
    Agreement,
    Assessment,
    Case,
    Contact,
    NetworkPerson,
    PhaseEntry,
    WarmStoryItem,
    Youth,
)


def sample_case(
    first_name: str = "Sanne",
    *,
    ref: str | None = None,
    last_held: datetime | None = datetime(2026, 3, 2, 10, 0),
    phase: str = "begeleiding",
) -> Case:
    """A fictional case with a bit of everything."""
    contacts = [
        Contact(
            datetime(2026, 1, 5, 14, 0),
            "huisbezoek",
            "plaatsgevonden",
            duration_min=60,
            note="Kennismaking aan de keukentafel.",
        )
    ]
    if last_held:
        contacts.append(Contact(last_held, "telefoon", "plaatsgevonden", note="Even gebeld over de stage."))
    contacts.append(Contact(datetime(2026, 3, 20, 10, 0), "huisbezoek", "gepland"))
    return Case(
        youth=Youth(
            first_name,
            ref=ref,
            last_name="Visser",
            nickname=None,
            birth_date=date(2007, 5, 14),
            address=Address("Molenstraat 12a", "8011 AB", "Zwolle"),
            school="Noorderpoort",
            coach="Coach Eva",
            started_on=date(2026, 1, 5),
        ),
        network=[
            NetworkPerson("Marja Visser", "moeder", "informeel"),
            NetworkPerson("Karim", "jobcoach", "professioneel", organisation="Werkplein"),
        ],
        warm_story=[
            WarmStoryItem(
                "trots", "Ik heb mijn broertje door het examen geholpen.", own_words=True, recorded_on=date(2026, 1, 5)
            )
        ],
        assessments=[
            Assessment(date(2026, 1, 5), "financien", score=2, concerns="Huurachterstand."),
            Assessment(date(2026, 1, 5), "werk_opleiding", score=3, going_well="Wil graag de zorg in."),
        ],
        contacts=contacts,
        agreements=[
            Agreement(date(2026, 1, 5), "Bellen met de woningcorporatie", "jongere", "open", due=date(2026, 2, 1)),
            Agreement(date(2026, 1, 5), "Uitzoeken welke toeslag kan", "coach", "gedaan"),
        ],
        phases=[
            PhaseEntry("aanmelding", date(2025, 12, 20)),
            PhaseEntry("intake", date(2026, 1, 5)),
            PhaseEntry(phase, date(2026, 1, 26)),
        ],
    )
