"""Crash safety of the contact form: killed (SIGKILL) while the coach types, at most the last second is lost."""

from __future__ import annotations

import signal
import sys
from pathlib import Path

import pytest
from helpers import child_env, kill_while_typing, typed_before

from coach.store.contacts import load_draft
from coach.store.db import open_db

TYPIST = Path(__file__).with_name("contact_typist.py")
TEXT = "Samen naar het wijkteam gefietst, hij vertelde onderweg over de ruzie met zijn broer " * 3
DAAN = 2
LOSS = 1.0  # seconds of typing that may be lost


@pytest.mark.slow
@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
def test_killed_mid_typing_a_contact_note_loses_at_most_the_last_second(case_db: Path) -> None:
    env = child_env(COACH_CONFIG=str(case_db.with_name("geen-config.toml")))
    typed, killed_at = kill_while_typing([sys.executable, str(TYPIST), str(case_db), TEXT], env, len(TEXT))

    db = open_db(case_db)
    draft = load_draft(db, DAAN)
    db.close()
    assert draft is not None, "nothing of the note was kept"
    saved = draft[0]["note"]
    safe = typed_before(typed, killed_at - LOSS)
    assert safe > 0
    assert TEXT.startswith(saved)  # nothing garbled
    assert len(saved) >= safe, f"lost more than {LOSS} s of typing: kept {len(saved)} of {safe} characters"
