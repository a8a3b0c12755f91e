"""Crash safety in samen invullen: killed (SIGKILL) while the young person types, at most the last second is lost."""

from __future__ import annotations

import signal
import sys
from pathlib import Path

import pytest
from helpers import child_env, kill_while_typing, typed_before

from coach.store.db import open_db
from coach.store.self_assessment import self_assessments_of

TYPIST = Path(__file__).with_name("samen_typist.py")
TEXT = "Dat ik elke ochtend op tijd bij de bakker sta en dat mijn baas mij de sleutel gaf " * 3
DAAN = 2
LOSS = 1.0  # seconds of typing that may be lost


@pytest.mark.slow
@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
def test_killed_mid_typing_keeps_their_answer_and_all_but_the_last_second(case_db: Path) -> None:
    env = child_env(COACH_CONFIG=str(case_db.with_name("geen-config.toml")))
    typed, killed_at = kill_while_typing([sys.executable, str(TYPIST), str(case_db), str(DAAN), TEXT], env, len(TEXT))

    db = open_db(case_db)
    answers = {a.domain: a.score for a in self_assessments_of(db, DAAN)}
    rows = db.execute(
        "SELECT text, own_words, by_youth FROM warm_story WHERE youth_id = ? AND kind = 'trots' AND by_youth = 1",
        [DAAN],
    ).fetchall()
    db.close()
    assert answers == {"financien": 4}
    assert len(rows) == 1 and rows[0][1:] == (1, 1)
    saved = rows[0][0]
    safe = typed_before(typed, killed_at - LOSS)
    assert safe > 0
    assert TEXT.startswith(saved)  # nothing garbled
    assert len(saved) >= safe, f"lost more than {LOSS} s of typing: kept {len(saved)} of {safe} characters"
