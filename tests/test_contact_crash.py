"""Crash safety of the contact form: killed (SIGKILL) while the coach types, at most the last second is lost."""

from __future__ import annotations

import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from helpers import child_env

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
    child = subprocess.Popen(
        [sys.executable, str(TYPIST), str(case_db), TEXT],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        env=env,
    )
    typed: list[tuple[int, float]] = []
    try:
        deadline = time.monotonic() + 90
        assert child.stdout is not None
        for line in child.stdout:
            parts = line.split()
            if parts[0] == "typed":
                typed.append((int(parts[1]), float(parts[2])))
            # Kill mid-sentence, 1.5 s after the first key: everything up to 0.5 s in must be there.
            if typed and typed[-1][1] - typed[0][1] > 1.5 and typed[-1][0] >= 10:
                break
            assert time.monotonic() < deadline, "the typist never got going"
        killed_at = time.monotonic()
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=10)
    finally:
        if child.poll() is None:
            child.kill()
    assert child.returncode == -signal.SIGKILL
    assert typed and typed[-1][0] < len(TEXT), "it should be killed mid-typing"

    db = open_db(case_db)
    draft = load_draft(db, DAAN)
    db.close()
    assert draft is not None, "nothing of the note was kept"
    saved = draft[0]["note"]
    safe = max((count for count, at in typed if at <= killed_at - LOSS), default=0)
    assert safe > 0
    assert TEXT.startswith(saved)  # nothing garbled
    assert len(saved) >= safe, f"lost more than {LOSS} s of typing: kept {len(saved)} of {safe} characters"
