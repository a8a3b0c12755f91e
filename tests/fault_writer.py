"""The process the kill test kills: it stores whole cases, one transaction each, and says each id once committed.

`python fault_writer.py DB PASSPHRASE ROUNDS SEED` imports coach once, then
ROUNDS times forks a writer and kills it (SIGKILL) at a random moment: while
it opens the database or in the middle of its writes. At the end it prints
one JSON line: the kills and every acknowledged id. An empty PASSPHRASE
means a plain database.
"""

from __future__ import annotations

import json
import os
import random
import signal
import sys
import time
from itertools import count

from helpers import make_case

from coach.store.cases import insert_cases
from coach.store.db import open_db


def write_forever(path: str, passphrase: str | None, out: int) -> None:
    """Store case after case; write each id to `out` only after its transaction committed."""
    db = open_db(path, passphrase=passphrase)
    os.write(out, b"open\n")
    for n in count():
        with db.atomic():
            [youth_id] = insert_cases(db, [make_case(f"K{n}", full=True)])
            # an edit too: it writes a revision, the search index and the audit trail
            db.execute(
                "UPDATE contacts SET note = ? WHERE youth_id = ? AND note IS NOT NULL",
                [f"bijgewerkt {youth_id}", youth_id],
            )
        os.write(out, f"{youth_id}\n".encode())  # acknowledged


def kill_rounds(path: str, passphrase: str | None, rounds: int, seed: int) -> dict:
    """Fork a writer and kill it, `rounds` times; returns what was acknowledged."""
    chance = random.Random(seed)
    acknowledged: list[int] = []
    killed_while_writing = 0
    for round_number in range(rounds):
        read_end, write_end = os.pipe()
        pid = os.fork()
        if pid == 0:  # the writer
            os.close(read_end)
            try:
                write_forever(path, passphrase, write_end)
            finally:
                os._exit(1)
        os.close(write_end)
        with os.fdopen(read_end, "rb") as pipe:
            # One round in ten the kill may come while the database is being opened;
            # the others wait until it is open, so the kill lands among the writes.
            if round_number % 10 and pipe.readline() != b"open\n":
                raise RuntimeError("the writer did not open the database")
            time.sleep(chance.uniform(0.0, 0.15))
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
            ids = [int(line) for line in pipe.read().splitlines() if line != b"open"]
        killed_while_writing += bool(ids)
        acknowledged += ids
    return {"kills": rounds, "killed_while_writing": killed_while_writing, "acknowledged": acknowledged}


if __name__ == "__main__":
    db_path, secret, how_many, seed_value = sys.argv[1], sys.argv[2] or None, int(sys.argv[3]), int(sys.argv[4])
    open_db(db_path, passphrase=secret).close()  # the schema exists before the first kill
    print(json.dumps(kill_rounds(db_path, secret, how_many, seed_value)), flush=True)
