"""What safety costs: encryption, the audit trail and backups, against baselines in the same run.

Reports:
  1. building a demo caseload into a plain database with and without the
     audit triggers (ratio), and into an encrypted one (ratio);
  2. opening the database: plain vs encrypted (the key derivation is the
     deliberate part of that cost);
  3. the caseload query on the plain vs the encrypted copy (ratio);
  4. an online backup of the encrypted database, and erasing one young person
     (which rebuilds the search indexes and vacuums).

Usage: python benchmarks/safety_bench.py [--youths 1000] [--repeat 5]
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from datetime import date
from pathlib import Path

import coach.store.db as store_db
from coach.demo.generator import build_demo
from coach.store.backup import make_backup
from coach.store.caseload import caseload
from coach.store.db import open_db
from coach.store.erase import erase_youth

TODAY = date(2026, 3, 14)
PASSPHRASE = "een lange zin als wachtwoord"


def timed(action) -> float:
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def build(path: Path, youths: int, passphrase: str | None, audit: bool) -> float:
    original = store_db._prepare
    if not audit:
        # The baseline: the same store, without the audit triggers.
        def without_audit(db, *, file):
            original(db, file=file)
            for (name,) in db.execute(
                "SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'audit\\_%\\_%' ESCAPE '\\'"
            ).fetchall():
                db.execute(f"DROP TRIGGER [{name}]")

        store_db._prepare = without_audit
    try:
        db = open_db(path, passphrase=passphrase)
        seconds = timed(lambda: build_demo(db, youths=youths, seed=1, today=TODAY))
        db.close()
    finally:
        store_db._prepare = original
    return seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--youths", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        base = Path(folder)
        plain_no_audit = build(base / "zonder.db", args.youths, None, audit=False)
        plain = build(base / "plain.db", args.youths, None, audit=True)
        encrypted = build(base / "versleuteld.db", args.youths, PASSPHRASE, audit=True)
        print(
            f"demo of {args.youths} youths: no audit {plain_no_audit:.2f} s · audit {plain:.2f} s "
            f"({plain / plain_no_audit:.2f}x) · audit + encrypted {encrypted:.2f} s ({encrypted / plain_no_audit:.2f}x)"
        )

        opens_plain = [timed(lambda: open_db(base / "plain.db").close()) for _ in range(args.repeat)]
        opens_encrypted = [
            timed(lambda: open_db(base / "versleuteld.db", passphrase=PASSPHRASE).close()) for _ in range(args.repeat)
        ]
        print(
            f"open: plain {statistics.median(opens_plain) * 1000:.0f} ms · encrypted "
            f"{statistics.median(opens_encrypted) * 1000:.0f} ms"
        )

        plain_db = open_db(base / "plain.db")
        encrypted_db = open_db(base / "versleuteld.db", passphrase=PASSPHRASE)
        query_plain = statistics.median(timed(lambda: caseload(plain_db, TODAY)) for _ in range(args.repeat))
        query_encrypted = statistics.median(timed(lambda: caseload(encrypted_db, TODAY)) for _ in range(args.repeat))
        print(
            f"caseload query: plain {query_plain * 1000:.0f} ms · encrypted {query_encrypted * 1000:.0f} ms "
            f"({query_encrypted / query_plain:.2f}x)"
        )

        size = (base / "versleuteld.db").stat().st_size / 1e6
        backup = timed(lambda: make_backup(encrypted_db, base / "backup.db"))
        erase = timed(lambda: erase_youth(encrypted_db, 1))
        print(
            f"encrypted database {size:.1f} MB: backup (with check) {backup * 1000:.0f} ms · erase one young person {erase * 1000:.0f} ms"
        )


if __name__ == "__main__":
    main()
