"""A case sent whole to a colleague (`coach transfer`) and read on the other side (`coach import`).

Every record kind arrives; the sender's case is closed "overgedragen aan …"
with a coach change; the plaintext never reaches the disk; every bad file,
key or passphrase gets a Dutch message and imports nothing.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pyrage
import pytest
from db_digest import digest_of_file
from helpers import make_case
from test_casefile_v2 import fill_full_case

from coach.cli import run
from coach.privacy.transfer import AGE_HEADER
from coach.store.casefile_v2 import export_case_v2
from coach.store.cases import insert_cases
from coach.store.db import open_db
from coach.store.handover import handovers_of
from coach.store.registration import coach_changes_of

TODAY = "2026-03-10"
SAMIRA, BAS = 1, 2
CHANGED_ON_ARRIVAL = {"handovers", "coach_changes", "revisions"}


@pytest.fixture
def world(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, Path]:
    """A sender's database with the full case (and Bas) and consent for everything; an empty receiver's."""
    config = tmp_path / "config.toml"
    config.write_text('coach = "Karim"\ncoach_phone = "06-12345678"\norganisation = "Jongerenwerk Oost"\n')
    monkeypatch.setenv("COACH_TODAY", TODAY)
    monkeypatch.setenv("COACH_CONFIG", str(config))
    for name in ("COACH_PROMPTS", "COACH_PASSPHRASE", "COACH_TRANSFER_PASSPHRASE", "COACH_AGE_IDENTITY"):
        monkeypatch.delenv(name, raising=False)
    sender, receiver = tmp_path / "zender.db", tmp_path / "ontvanger.db"
    db = open_db(sender)
    assert fill_full_case(db) == SAMIRA
    insert_cases(db, [make_case("Bas", full=True)])
    db.close()
    open_db(receiver).close()
    out = tmp_path / "uit"
    out.mkdir()
    monkeypatch.setenv("COACH_DB", str(sender))
    for youth in (SAMIRA, BAS):
        assert run(["consent", str(youth), "--aan", "Eva Jansen", "--organisatie", "Wijkteam"]) == 0
    return {"sender": sender, "receiver": receiver, "out": out}


def call(capsys, monkeypatch, db: Path, *args: str, **env: str) -> tuple[int, str, str]:
    monkeypatch.setenv("COACH_DB", str(db))
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    code = run(list(args))
    out, err = capsys.readouterr()
    for name in env:
        monkeypatch.delenv(name)
    assert "Traceback" not in err and "onverwachts" not in err, err
    return code, out, err


def exported(path: Path, youth_id: int) -> dict:
    db = open_db(path)
    try:
        data = export_case_v2(db, youth_id)
        assert data is not None
        return data
    finally:
        db.close()


def keys() -> tuple[str, str]:
    identity = pyrage.x25519.Identity.generate()
    return str(identity), str(identity.to_public())


def test_a_transfer_arrives_whole_and_the_sender_lets_go(world, capsys, monkeypatch, tmp_path: Path):
    secret, public = keys()
    before = exported(world["sender"], SAMIRA)
    target = world["out"] / "samira.age"
    code, out, err = call(
        capsys, monkeypatch, world["sender"], "transfer", "1", "-o", str(target), "--ontvanger", public
    )
    assert code == 0 and not out and "overgedragen aan Eva Jansen (Wijkteam)" in err, err
    # Only the encrypted file was written: no temporary or plain copy beside it, no name inside it.
    assert [p.name for p in world["out"].iterdir()] == ["samira.age"]
    sealed = target.read_bytes()
    assert sealed.startswith(AGE_HEADER) and b"Samira" not in sealed and b"coach-case" not in sealed

    db = open_db(world["sender"])
    phases = db.execute("SELECT phase, note FROM phases WHERE youth_id = 1 ORDER BY id").fetchall()
    assert tuple(phases[-1]) == ("afgesloten", "Overgedragen aan Eva Jansen (Wijkteam).")
    last = coach_changes_of(db, SAMIRA)[-1]
    assert (last.from_coach, last.to_coach, last.note) == (
        "Karim",
        "Eva Jansen",
        "Overgedragen aan Eva Jansen (Wijkteam).",
    )
    assert handovers_of(db, SAMIRA)[-1].line() == "Overgedragen aan Eva Jansen (Wijkteam) op 10-03-2026"
    db.close()

    listing = sorted(p.name for p in tmp_path.iterdir())
    code, out, err = call(capsys, monkeypatch, world["receiver"], "import", str(target), COACH_AGE_IDENTITY=secret)
    assert (code, out.strip()) == (0, "1"), err
    assert sorted(p.name for p in tmp_path.iterdir()) == listing  # nothing decrypted to disk on this side either
    after = exported(world["receiver"], 1)
    for section in set(before) | set(after):
        if section not in CHANGED_ON_ARRIVAL | {"youth"}:
            assert after.get(section) == before.get(section), section
    assert {k: v for k, v in after["youth"].items() if k != "coach"} == {
        k: v for k, v in before["youth"].items() if k != "coach"
    }
    assert after["revisions"][: len(before["revisions"])] == before["revisions"]
    assert after["coach_changes"][: len(before["coach_changes"])] == before["coach_changes"]
    kinds = [item["kind"] for item in after["handovers"]]
    assert kinds == [item["kind"] for item in before["handovers"]] + ["overgedragen", "ontvangen"]
    # The receiver sees where it came from, and is the vaste coach now.
    db = open_db(world["receiver"])
    received = handovers_of(db, 1)[-1]
    assert received.line() == "Ontvangen van Karim op 10-03-2026"
    assert received.note == "Karim (Jongerenwerk Oost); bereikbaar via 06-12345678"
    assert (coach_changes_of(db, 1)[-1].to_coach, after["youth"]["coach"]) == ("Eva Jansen", "Eva Jansen")
    assert db.execute("SELECT phase FROM phases WHERE youth_id = 1 ORDER BY id DESC LIMIT 1").fetchone()[0] != (
        "afgesloten"
    )
    db.close()
    code, out, err = call(capsys, monkeypatch, world["receiver"], "show", "1")
    assert code == 0 and "Ontvangen van Karim op 10-03-2026" in out, err
    code, out, err = call(capsys, monkeypatch, world["receiver"], "show", "1", "--json")
    assert json.loads(out)["handovers"][-1] == {
        "kind": "ontvangen",
        "on": "2026-03-10",
        "counterpart": "Karim",
        "organisation": None,
        "parts": [],
    }
    # The secret key may also be a key file, as age-keygen writes it.
    key_file = tmp_path / "sleutel.txt"
    key_file.write_text(f"# created: 2026-03-10\n# public key: {public}\n{secret}\n")
    other = tmp_path / "tweede.db"
    open_db(other).close()
    code, out, err = call(capsys, monkeypatch, other, "import", str(target), COACH_AGE_IDENTITY=str(key_file))
    assert (code, out.strip()) == (0, "1"), err


def test_a_passphrase_transfer_and_a_wrong_passphrase(world, capsys, monkeypatch):
    target = world["out"] / "bas.age"
    code, _out, err = call(
        capsys,
        monkeypatch,
        world["sender"],
        "transfer",
        "2",
        "-o",
        str(target),
        COACH_TRANSFER_PASSPHRASE="fiets naar de markt",
    )
    assert code == 0, err
    assert b"-> scrypt " in target.read_bytes()[:200]
    before = digest_of_file(world["receiver"])
    for env, exit_code, said in (
        ({"COACH_TRANSFER_PASSPHRASE": "fiets naar de winkel"}, 1, "wachtwoord van het overdrachtsbestand klopt niet"),
        ({}, 1, "met een wachtwoord versleuteld"),
        ({"COACH_AGE_IDENTITY": keys()[0]}, 1, "met een wachtwoord versleuteld"),
    ):
        code, out, err = call(capsys, monkeypatch, world["receiver"], "import", str(target), **env)
        assert (code, out) == (exit_code, "") and said in err and "Niets ingelezen" in err, err
        assert digest_of_file(world["receiver"]) == before
    code, out, err = call(
        capsys, monkeypatch, world["receiver"], "import", str(target), COACH_TRANSFER_PASSPHRASE="fiets naar de markt"
    )
    assert (code, out.strip()) == (0, "1"), err


def _bad_files(sealed: bytes, folder: Path) -> dict[str, tuple[Path, int, str]]:
    """Name -> (file, exit code, what the message says)."""
    made = {
        "afgebroken": (sealed[: len(sealed) // 2], 2, "beschadigd of niet compleet"),
        "halve_kop": (sealed[:30], 2, "beschadigd of niet compleet"),
        "rommel_na_kop": (AGE_HEADER + b"-> X25519 abc\n--- xyz\n" + bytes(range(256)) * 4, 2, "beschadigd"),
        "rommel": (bytes(range(256)) * 8, 2, "geen UTF-8"),
        "leeg": (b"", 2, "geen geldige JSON"),
        "armor": (b"-----BEGIN AGE ENCRYPTED FILE-----\nYWdl\n-----END AGE ENCRYPTED FILE-----\n", 2, "ASCII-armor"),
    }
    files = {}
    for name, (raw, code, said) in made.items():
        path = folder / f"{name}.age"
        path.write_bytes(raw)
        files[name] = (path, code, said)
    return files


def test_every_bad_file_or_key_imports_nothing(world, capsys, monkeypatch, tmp_path: Path):
    secret, public = keys()
    target = world["out"] / "samira.age"
    assert call(capsys, monkeypatch, world["sender"], "transfer", "1", "-o", str(target), "--ontvanger", public)[0] == 0
    sealed = target.read_bytes()
    before = digest_of_file(world["receiver"])
    someone_else = keys()[0]
    cases = [(target, {"COACH_AGE_IDENTITY": someone_else}, 1, "voor iemand anders")]
    cases.append((target, {"COACH_AGE_IDENTITY": "AGE-SECRET-KEY-1GEENSLEUTEL"}, 2, "geen geldige geheime age-sleutel"))
    cases.append((target, {"COACH_AGE_IDENTITY": str(tmp_path / "bestaat-niet.txt")}, 2, "geen leesbaar"))
    cases.append((target, {}, 1, "COACH_AGE_IDENTITY"))
    cases += [
        (path, {"COACH_AGE_IDENTITY": secret}, code, said) for path, code, said in _bad_files(sealed, tmp_path).values()
    ]
    for path, env, exit_code, said in cases:
        code, out, err = call(capsys, monkeypatch, world["receiver"], "import", str(path), **env)
        assert (code, out) == (exit_code, ""), (path.name, env, err)
        assert said in err, (path.name, err)
        assert digest_of_file(world["receiver"]) == before, path.name
    # A transfer file together with a broken one: all or nothing.
    broken = tmp_path / "kapot.json"
    broken.write_text("{kapot")
    code, _out, err = call(
        capsys, monkeypatch, world["receiver"], "import", str(target), str(broken), COACH_AGE_IDENTITY=secret
    )
    assert code == 2 and "kapot.json" in err and digest_of_file(world["receiver"]) == before


def test_plain_case_files_still_import_as_before(world, capsys, monkeypatch, tmp_path: Path):
    plain = tmp_path / "bas.json"
    plain.write_text(json.dumps(exported(world["sender"], BAS)), encoding="utf-8")
    code, out, err = call(capsys, monkeypatch, world["receiver"], "import", str(plain))
    assert (code, out.strip()) == (0, "1"), err
    db = open_db(world["receiver"])
    assert handovers_of(db, 1) == []  # not received from anyone: a plain import says nothing about a sender
    db.close()


def test_a_transfer_that_cannot_be_made_changes_nothing(world, capsys, monkeypatch, tmp_path: Path):
    _secret, public = keys()
    assert call(capsys, monkeypatch, world["sender"], "consent", "2", "--aan", "Piet", "--delen", "netwerk")[0] == 0
    before = digest_of_file(world["sender"])
    target = world["out"] / "x.age"
    device = tmp_path / "apparaat"  # a FIFO of the test's own stands for a device such as /dev/null
    os.mkfifo(device)
    for args, env, exit_code, said in (
        (("2", "-o", str(target), "--aan", "4", "--ontvanger", public), {}, 1, "geldt niet voor warm_verhaal"),
        (("2", "-o", str(target), "--aan", "2", "--ontvanger", public), {}, 1, "hoort niet bij deze jongere"),
        (("2", "-o", str(target), "--ontvanger", "age1geensleutel"), {}, 2, "geen geldige publieke age-sleutel"),
        (("2", "-o", str(target)), {"COACH_TRANSFER_PASSPHRASE": "kort"}, 2, "te kort"),
        (("2", "-o", str(target)), {}, 2, "COACH_TRANSFER_PASSPHRASE"),
        (("2", "--ontvanger", public), {}, 2, "-o ontbreekt"),
        (("2", "-o", str(world["out"]), "--ontvanger", public), {}, 2, "is een map, geen bestand"),
        (("2", "-o", str(device), "--ontvanger", public), {}, 2, "geen gewoon bestand"),
        (("2", "-o", str(tmp_path / "geen" / "map.age"), "--ontvanger", public), {}, 1, "Kan"),
        (("9", "-o", str(target), "--ontvanger", public), {}, 1, "Er is geen jongere met nummer 9"),
        # The case cannot be closed on that day: no file is written either (last: call() unsets the date).
        (("1", "-o", str(target), "--ontvanger", public), {"COACH_TODAY": "2026-02-20"}, 1, "vorige fasewissel"),
    ):
        code, out, err = call(capsys, monkeypatch, world["sender"], "transfer", *args, **env)
        assert (code, out) == (exit_code, ""), (args, err)
        assert said in err, (args, err)
        assert digest_of_file(world["sender"]) == before, args
        assert list(world["out"].iterdir()) == [], args
