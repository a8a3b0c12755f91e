"""reports/readiness renders what its caller loaded: it never reaches into the store itself."""

from __future__ import annotations

import subprocess
import sys
from datetime import date, datetime

from helpers import make_case

from coach.content.prompts import load_content
from coach.domain.model import Contact
from coach.domain.release import ReleaseFacts
from coach.domain.trajectory import RELEASE, PlannedStep, ReleaseDecision, TrajectoryRecord
from coach.domain.vocabulary import ContactMode, ContactStatus, Phase
from coach.reports.readiness import case_readiness, nazorg_renderable, readiness_basics, trajectory_parts

TODAY = date(2026, 3, 15)


def test_readiness_does_not_import_the_store() -> None:
    code = (
        "import sys\n"
        "import coach.reports.readiness\n"
        "loaded = sorted(m for m in sys.modules if m.startswith('coach.store'))\n"
        "assert not loaded, loaded\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


def test_readiness_is_built_from_the_facts_passed_in() -> None:
    content = load_content()
    case = make_case(full=True)
    criteria = case_readiness(case, ReleaseFacts(), content, TODAY)
    assert criteria and all(criterion.evidence for criterion in criteria)
    assert readiness_basics(content)  # the checklist the caller loads the facts with


def _released(case_contact_id: int | None) -> TrajectoryRecord:
    check = PlannedStep(datetime(2026, 4, 10, 10, 0), case_contact_id)
    decision = ReleaseDecision(date(2026, 3, 1), RELEASE, "Het gaat goed.", "Bellen mag altijd.", (check,))
    return TrajectoryRecord(decisions=[decision])


def test_nazorg_part_shows_the_check_with_its_status_label() -> None:
    case = make_case(phase=Phase.NAZORG, full=True)
    case.contacts.append(Contact(datetime(2026, 4, 10, 10, 0), ContactMode.TELEFOON, ContactStatus.GEPLAND, id=77))
    group = nazorg_renderable(_released(77), case)
    assert group is not None
    lines = [str(line) for line in group.renderables]
    assert "Nazorgcheck 10-04-2026 10:00 · gepland" in lines
    assert any("Bellen mag altijd." in line for line in lines)


def test_trajectory_parts_take_the_record_from_the_caller() -> None:
    case = make_case(phase=Phase.NAZORG, full=True)
    parts = trajectory_parts(_released(None), case, Phase.NAZORG, [])
    assert any(str(part) == "Nazorg" for part in parts)
    assert trajectory_parts(TrajectoryRecord(), case, Phase.NAZORG, []) == []
