"""The phase a trajectory is in, read from its phase entries.

Apart from coach.domain.model so that the caseload and the continuity rules
can ask it without loading the whole case model (its classes cost the app's
start a few milliseconds).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING

from coach.domain.vocabulary import Phase

if TYPE_CHECKING:
    from typing import Protocol

    class Entered(Protocol):
        """A phase entry (coach.domain.model.PhaseEntry): the phase, and the date it began."""

        phase: str
        since: date


def current_phase(phases: Sequence[Entered]) -> str:
    """The phase most recently entered; 'aanmelding' when none is recorded."""
    if not phases:
        return Phase.AANMELDING
    return max(enumerate(phases), key=lambda item: (item[1].since, item[0]))[1].phase
