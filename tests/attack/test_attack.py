"""The attack suite (issue 16): hundreds of bad inputs over every command.

Each case runs the command line (in-process, or as a process where the
environment or standard input is the attack) and checks that it
- ends with exit code 1 or 2,
- says what is wrong in Dutch (no English from click, Python or the system),
- shows no traceback and never the generic "onverwachts" message,
- and leaves the database exactly as it was (same digest).
"""

from __future__ import annotations

import functools
import json
import os
import shutil
import sqlite3
import subprocess
import sys
from collections.abc import Callable
from contextlib import closing
from dataclasses import dataclass, field
from pathlib import Path

import pyrage
import pytest
from db_digest import digest
from helpers import make_case
from safety_helpers import PASSPHRASE

from coach.cli import run
from coach.store.backup import make_backup
from coach.store.casefile import case_to_dict
from coach.store.cases import insert_cases
from coach.store.db import open_db

# Words that only English output has (click, Python, the operating system, tomllib).
ENGLISH = (
    "Error:",
    "Usage:",
    "Invalid",
    "invalid",
    "Missing",
    "missing",
    "requires",
    "is not",
    "No such",
    "does not",
    "cannot",
    "Cannot",
    "failed",
    "denied",
    "unexpected",
    "Aborted",
    "directory",
    "Expected",
    "Permission",
    "Traceback",
    "Exception",
    "Errno",
    "not a valid",
    "disk image",
    "malformed",
    "database is",
)
DUTCH = (" de ", " het ", " een ", "niet", "geen", " is ", "klopt", "ontbreekt", "Kies", "Zie", "Ongeldige", "Onbekend")

BIG = str(2**64)
HUGE = "9" * 400


@dataclass
class Attack:
    """One bad input: the arguments (with {placeholders} for files made on demand), env, and the database."""

    args: tuple[str, ...]
    env: dict[str, str] = field(default_factory=dict)
    encrypted: bool = False
    stdin: str | None = None  # a path to give as standard input: then the command runs as a process
    process: bool = False

    def label(self) -> str:
        return " ".join(self.args)[:60]


# --- files the attacks use, made on demand in the test's folder ----------------------------------


def _case(**changes: object) -> dict:
    data = case_to_dict(make_case("Noor", full=True))
    data.update(changes)
    return data


def _write_json(data: object) -> Callable[[Path], Path]:
    def make(folder: Path) -> Path:
        path = folder / "dossier.json"
        path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
        return path

    return make


def _write_bytes(raw: bytes, name: str = "dossier.json") -> Callable[[Path], Path]:
    def make(folder: Path) -> Path:
        path = folder / name
        path.write_bytes(raw)
        return path

    return make


def _changed_case(change: Callable[[dict], None]) -> Callable[[Path], Path]:
    data = _case()
    change(data)
    return _write_json(data)


def _set(path: str, value: object) -> Callable[[dict], None]:
    def change(data: dict) -> None:
        target = data
        keys = path.split(".")
        for key in keys[:-1]:
            target = target[int(key)] if key.isdigit() else target[key]
        last = keys[-1]
        target[int(last) if last.isdigit() else last] = value

    return change


def _sparse(folder: Path) -> Path:
    path = folder / "groot.json"
    with path.open("wb") as handle:
        handle.truncate(30_000_000)
    return path


def _fifo(folder: Path) -> Path:
    path = folder / "pijp.json"
    os.mkfifo(path)
    return path


def _loop(folder: Path) -> Path:
    path = folder / "lus.json"
    path.symlink_to(path)
    return path


def _folder(folder: Path) -> Path:
    path = folder / "map"
    path.mkdir(exist_ok=True)
    return path


def _text_file(folder: Path) -> Path:
    path = folder / "tekst.txt"
    path.write_text("dit is geen database maar een boodschappenlijst\n" * 100, encoding="utf-8")
    return path


def _backup(folder: Path, passphrase: str | None = None) -> Path:
    source = folder / f"bron-{bool(passphrase)}.db"
    if not source.exists():
        db = open_db(source, passphrase=passphrase)
        insert_cases(db, [make_case("Bron", full=True)])
        make_backup(db, folder / f"back-up-{bool(passphrase)}.db")
        db.close()
    return folder / f"back-up-{bool(passphrase)}.db"


def _flipped_backup(folder: Path) -> Path:
    path = _backup(folder)
    data = bytearray(path.read_bytes())
    data[-100] ^= 1
    path.write_bytes(bytes(data))
    return path


def _truncated_backup(folder: Path) -> Path:
    path = _backup(folder)
    path.write_bytes(path.read_bytes()[:5000])
    return path


def _noise_first_pages(folder: Path) -> Path:
    path = _backup(folder, PASSPHRASE)
    data = bytearray(path.read_bytes())
    data[0:8192] = bytes((i * 37) % 256 for i in range(8192))
    path.write_bytes(bytes(data))
    return path


def _bad_checksum(folder: Path) -> Path:
    path = _backup(folder)
    Path(f"{path}.sha256").write_text("kapot\n", encoding="utf-8")
    return path


def _other_sqlite(folder: Path) -> Path:
    path = folder / "ander.db"
    with closing(sqlite3.connect(path)) as conn:
        conn.execute("CREATE TABLE boodschappen (wat TEXT)")
        conn.commit()
    return path


def _encrypted_backup(folder: Path) -> Path:
    return _backup(folder, PASSPHRASE)


def _bad_toml(folder: Path) -> Path:
    return _write_bytes(b"retention_months = \n[[[\n", "config.toml")(folder)


def _bad_value_toml(folder: Path) -> Path:
    return _write_bytes(b'retention_months = "lang"\n', "config.toml")(folder)


def _bad_rhythm_toml(folder: Path) -> Path:
    return _write_bytes(b"[contactritme]\nbegeleiding = -3\n", "config.toml")(folder)


def _latin1_toml(folder: Path) -> Path:
    return _write_bytes("retention_months = 24 # caf\xe9\n".encode("latin-1"), "config.toml")(folder)


# Transfer files (age): one receiver's key and a stranger's, fixed for the whole run.
RECEIVER, STRANGER = pyrage.x25519.Identity.generate(), pyrage.x25519.Identity.generate()


def _sealed(folder: Path, name: str = "overdracht.age") -> Path:
    path = folder / name
    path.write_bytes(pyrage.encrypt(json.dumps(_case()).encode(), [RECEIVER.to_public()]))
    return path


def _sealed_truncated(folder: Path) -> Path:
    path = _sealed(folder)
    path.write_bytes(path.read_bytes()[:200])
    return path


@functools.cache
def _passphrase_sealed() -> bytes:
    # Made once: age's passphrase key derivation (scrypt) takes a second or two on purpose.
    return bytes(pyrage.passphrase.encrypt(json.dumps(_case()).encode(), "het goede wachtwoord"))


def _sealed_passphrase(folder: Path) -> Path:
    path = folder / "wachtwoord.age"
    path.write_bytes(_passphrase_sealed())
    return path


def _key_file_garbage(folder: Path) -> Path:
    path = folder / "sleutel.txt"
    path.write_text("# geen sleutel hier\nAGE-SECRET-KEY-1KAPOT\n")
    return path


def _file_as_prompts(folder: Path) -> Path:
    return _text_file(folder)


FILES: dict[str, Callable[[Path], Path]] = {
    "deep_list": _write_bytes(b"[" * 50_000 + b"]" * 50_000),
    "deep_object": _write_bytes(b'{"a":' * 20_000 + b"1" + b"}" * 20_000),
    "deep_in_case": _changed_case(_set("youth.nickname", json.loads("[" * 40 + "]" * 40))),
    "surrogate": _write_bytes(json.dumps(_case()).replace('"Noor"', '"No\\ud800or"', 1).encode()),
    "surrogate_key": _write_bytes(json.dumps(_case()).replace('"youth"', '"yo\\udfffuth"', 1).encode()),
    "nul_raw": _write_bytes(b'{"format": "coach-case/1",\x00 "youth": {}}'),
    "bom_garbage": _write_bytes(b"\xef\xbb\xbf{kapot"),
    "utf16": _write_bytes(json.dumps(_case()).encode("utf-16")),
    "latin1": _write_bytes(json.dumps(_case(), ensure_ascii=False).replace("Noor", "Noër").encode("latin-1")),
    "empty": _write_bytes(b""),
    "only_spaces": _write_bytes(b"   \n\t "),
    "null": _write_json(None),
    "list": _write_json([]),
    "object": _write_json({}),
    "string": _write_json("dossier"),
    "number": _write_json(12),
    "inf": _write_bytes(b'{"format": "coach-case/1", "youth": {"first_name": "A"}, "x": 1e999}'),
    "nan": _write_bytes(b'{"format": NaN}'),
    "bignum": _write_bytes(
        b'{"format": "coach-case/1", "youth": {"first_name": "A"}, "contacts": [' + b"9" * 5000 + b"]}"
    ),
    "wrong_format": _changed_case(_set("format", "coach-case/9")),
    "no_youth": _changed_case(lambda data: data.pop("youth")),
    "youth_list": _changed_case(_set("youth", [])),
    "contacts_dict": _changed_case(_set("contacts", {})),
    "first_name_empty": _changed_case(_set("youth.first_name", "")),
    "first_name_number": _changed_case(_set("youth.first_name", 7)),
    "bad_birth": _changed_case(_set("youth.birth_date", "2026-02-30")),
    "bad_moment": _changed_case(_set("contacts.0.at", "2026-03-14 25:61")),
    "year_zero": _changed_case(_set("contacts.0.at", "0000-01-01T10:00")),
    "bad_domain": _changed_case(_set("assessments.0.domain", "geld")),
    "score_high": _changed_case(_set("assessments.0.score", 99)),
    "score_text": _changed_case(_set("assessments.0.score", "vijf")),
    "bad_phase": _changed_case(_set("phases.0.phase", "klaar")),
    "extra_field": _changed_case(_set("youth.wachtwoord", "geheim")),
    "long_note": _changed_case(_set("contacts.0.note", "a" * 1_000_001)),
    "ref_number": _changed_case(_set("youth.ref", 12)),
    "sparse": _sparse,
    "fifo": _fifo,
    "loop": _loop,
    "folder": _folder,
    "text": _text_file,
    "backup_flipped": _flipped_backup,
    "backup_truncated": _truncated_backup,
    "backup_noise": _noise_first_pages,
    "backup_checksum": _bad_checksum,
    "other_sqlite": _other_sqlite,
    "backup_encrypted": _encrypted_backup,
    "bad_toml": _bad_toml,
    "bad_value_toml": _bad_value_toml,
    "bad_rhythm_toml": _bad_rhythm_toml,
    "latin1_toml": _latin1_toml,
    "file_as_prompts": _file_as_prompts,
    "sealed": _sealed,
    "sealed_truncated": _sealed_truncated,
    "sealed_passphrase": _sealed_passphrase,
    "sealed_garbage": _write_bytes(b"age-encryption.org/v1\n-> X25519 kapot\n--- kapot\n" + bytes(range(256)), "x.age"),
    "sealed_header_only": _write_bytes(b"age-encryption.org/v1\n", "kop.age"),
    "key_file_garbage": _key_file_garbage,
}


def _cases() -> list[Attack]:
    attacks: list[Attack] = []
    add = attacks.append

    # Ids: every command that takes one, every kind of wrong number.
    bad_ids = ["0", "-1", "abc", "1.5", "1e3", BIG, HUGE, "", " ", "0x1", "12abc", "999"]
    for command in (("show",), ("export",), ("erase",), ("summary",)):
        for bad in bad_ids:
            add(Attack((*command, bad)))
    for bad in bad_ids[:-1]:
        add(Attack(("anonymise", "--case", bad)))
        add(Attack(("summary", "1", "--contact", bad)))

    # COACH_TODAY at the ends of the calendar, and not a date at all.
    for today in ("9999-12-31", "0001-01-01", "2026-02-30", "gisteren", "2026-13-01", "31-12-2026", "1899-12-31"):
        for command in (("caseload",), ("show", "1"), ("retention",), ("summary", "1"), ("caseload", "--deze-week")):
            add(Attack(command, env={"COACH_TODAY": today}))

    # Case files: shapes, encodings, sizes, and things that are not files.
    for name in (
        "deep_list deep_object deep_in_case surrogate surrogate_key nul_raw bom_garbage utf16 latin1 empty "
        "only_spaces null list object string number inf nan bignum wrong_format no_youth youth_list contacts_dict "
        "first_name_empty first_name_number bad_birth bad_moment year_zero bad_domain score_high score_text "
        "bad_phase extra_field long_note ref_number sparse fifo loop text"
    ).split():
        add(Attack(("import", f"{{{name}}}")))
    for path in ("/dev/zero", "/dev/null", "{folder}", "/bestaat/niet.json", "", "/"):
        add(Attack(("import", path)))
    add(Attack(("import",)))
    add(Attack(("import", "{surrogate}", "{deep_list}")))

    # Files written: only regular files, never a device or a folder. The device is a FIFO of the
    # test's own: were the refusal ever to break, a write would replace that, not the machine's /dev/null.
    for target in ("{fifo}", "{folder}", "/bestaat/niet/uit.json", "/proc/version", "/"):
        add(Attack(("export", "1", "-o", target)))
    # (summary: only what is refused before the anonymiser starts; the rest is the export's writing path)
    for target in ("{fifo}", "{folder}", "/bestaat/niet/uit.json", "/"):
        add(Attack(("summary", "1", "-o", target)))
    for folder in ("/etc/passwd", "/dev/null", "/etc/passwd/onder", "{text}"):
        add(Attack(("backup", folder)))

    # Restore: every kind of wrong or damaged backup.
    for backup in (
        "/bestaat/niet.db",
        "{folder}",
        "/dev/null",
        "/dev/zero",
        "{empty}",
        "{text}",
        "{backup_flipped}",
        "{backup_truncated}",
        "{backup_noise}",
        "{backup_checksum}",
        "{other_sqlite}",
    ):
        add(Attack(("restore", backup, "--ja")))
    add(Attack(("restore", "{backup_encrypted}", "--ja"), env={"COACH_PASSPHRASE": "een verkeerd wachtwoord"}))
    add(Attack(("restore", "{backup_encrypted}", "--ja"), encrypted=True, env={"COACH_PASSPHRASE": "fout fout fout"}))
    add(Attack(("restore", "{backup_flipped}")))  # no --ja and no terminal
    add(Attack(("restore",)))

    # Erase: the wrong confirmation, or none.
    for typed in ("Iemand anders", "", "   ", "2", "nr 2", "-1", "Sanne Vissers"):
        add(Attack(("erase", "1", "--bevestig", typed)))
    add(Attack(("erase", "1")))
    add(Attack(("erase", "1", "--bevestig")))

    # Numbers and words for options.
    for months in ("0", "-1", "abc", BIG, "1e3", "", "2401"):
        add(Attack(("retention", "--maanden", months)))
    for option, values in {
        "--fase": ("klaar", "", "\x1b[2J", "INTAKE!"),
        "--ritme": ("rood", ""),
        "--niet-gezien": ("-1", "abc", BIG, "36526"),
        "--volgende": ("morgen", ""),
        "--sorteer": ("leeftijd", ""),
        "--zoek": ("", "!!!", "   ", "\ud800"),
    }.items():
        for value in values:
            add(Attack(("caseload", option, value)))
    add(Attack(("caseload", "--fase")))
    for youths in ("0", "-5", "abc", "100001", BIG):
        add(Attack(("demo", "--no-tui", "--youths", youths)))
    for seed in ("abc", BIG, "1.5"):
        add(Attack(("demo", "--no-tui", "--seed", seed)))
    add(Attack(("demo", "--no-tui"), env={"COACH_DB": "{text}"}))
    add(Attack(("demo", "--no-tui"), encrypted=True))
    add(Attack(("demo", "--no-tui"), env={"COACH_DB": "{db}"}))  # the real cases stay

    # Summary: periods, methods, aliases.
    for period in (("2026-01-01",), ("2026-01-01", "bestaatniet"), ("2026-02-30", "2026-03-01"), ("", "")):
        add(Attack(("summary", "1", "--periode", *period)))
    add(Attack(("summary", "1", "--periode", "2026-01-01", "2026-02-01", "--contact", "1")))
    for method in ("bestaatniet", "", "\x1b[2J"):
        add(Attack(("summary", "1", "--methode", method)))
    for alias in ("Sanne", "", "Visser", "sanne visser"):
        add(Attack(("summary", "1", "--alias", alias)))
    add(Attack(("summary", "1", "--contact", "999")))

    # The passphrase: wrong, missing, too short.
    for command in (("show", "1"), ("caseload",), ("export", "1"), ("backup",), ("erase", "1", "--bevestig", "1")):
        add(Attack(command, encrypted=True, env={"COACH_PASSPHRASE": "niet het goede wachtwoord"}))
        add(Attack(command, encrypted=True, env={"COACH_PASSPHRASE": None}))
    for new in ("kort", "", " "):
        add(Attack(("passphrase",), encrypted=True, env={"COACH_NEW_PASSPHRASE": new}))
    add(Attack(("passphrase",), encrypted=True, env={"COACH_NEW_PASSPHRASE": None}))
    add(Attack(("passphrase",), encrypted=True, env={"COACH_PASSPHRASE": "verkeerd verkeerd"}))

    # Where the database, the settings and the prompts are.
    for where in ("{folder}", "{fifo}", "{text}", "{other_sqlite}", "/proc/version"):
        for command in (("caseload",), ("show", "1")):
            add(Attack(command, env={"COACH_DB": where}))
    for config in ("{bad_toml}", "{bad_value_toml}", "{bad_rhythm_toml}", "{latin1_toml}", "{folder}"):
        for command in (("caseload",), ("retention",)):
            add(Attack(command, env={"COACH_CONFIG": config}))
    for prompts in ("/bestaat/niet", "{file_as_prompts}"):
        add(Attack(("--prompts", prompts, "caseload")))
        add(Attack(("show", "1"), env={"COACH_PROMPTS": prompts}))

    # The words of the command line itself.
    for args in (
        ("bestaatniet",),
        ("show", "1", "2"),
        ("--onbekend",),
        ("show", "--onbekend", "1"),
        ("caseload", "--json", "extra"),
        ("summary", "1", "--periode"),
        ("export", "1", "-o"),
        ("show", "1\x00"),
        ("import", "a\x00b.json"),
        ("--db",),
    ):
        add(Attack(args))

    # The warm handover (issue 19): consent, the dossier and the encrypted transfer.
    for bad in bad_ids:
        add(Attack(("consent", bad, "--aan", "Eva")))
        add(Attack(("handover", bad)))
        add(Attack(("transfer", bad, "-o", "/bestaat/niet/uit.age", "--ontvanger", str(RECEIVER.to_public()))))
    for args in (
        ("--aan", "Eva", "--delen", "geld"),
        ("--aan", "Eva", "--delen", ""),
        ("--aan", "Eva", "--delen", ",,,"),
        ("--aan", "Eva", "--datum", "morgen"),
        ("--aan", "Eva", "--datum", "2026-02-30"),
        ("--aan", "Eva", "--datum", "gisteren of zo"),
        ("--aan", ""),
        ("--aan", "   "),
        ("--aan", "E" * 101),
        ("--aan", "Eva\nJansen"),
        ("--aan", "\x1b[2J"),
        ("--aan", "Eva", "--organisatie", "O" * 201),
        ("--delen", "alles"),
    ):
        add(Attack(("consent", "1", *args)))
    for args in (
        ("handover", "1"),
        ("handover", "1", "-o", "{fifo}"),
        ("handover", "1", "--aan", "99"),
        ("handover", "1", "--aan", "0"),
        ("transfer", "1", "-o", "/bestaat/niet/uit.age", "--ontvanger", str(RECEIVER.to_public())),
        ("transfer", "1", "-o", "{fifo}", "--ontvanger", str(RECEIVER.to_public())),
        ("transfer", "1", "-o", "{folder}", "--ontvanger", str(RECEIVER.to_public())),
        ("transfer", "1", "-o", "/bestaat/niet/uit.age", "--ontvanger", "age1kapot"),
        ("transfer", "1", "-o", "/bestaat/niet/uit.age", "--ontvanger", ""),
        ("transfer", "1", "--ontvanger", str(RECEIVER.to_public())),
        ("transfer", "1", "-o", "/bestaat/niet/uit.age"),
    ):
        add(Attack(args))
    add(Attack(("transfer", "1", "-o", "/bestaat/niet/uit.age"), env={"COACH_TRANSFER_PASSPHRASE": "kort"}))
    for name, env in (
        ("sealed", {"COACH_AGE_IDENTITY": str(STRANGER)}),
        ("sealed", {}),
        ("sealed", {"COACH_AGE_IDENTITY": "AGE-SECRET-KEY-1KAPOT"}),
        ("sealed", {"COACH_AGE_IDENTITY": "/bestaat/niet/sleutel.txt"}),
        ("sealed", {"COACH_AGE_IDENTITY": "{key_file_garbage}"}),
        ("sealed", {"COACH_AGE_IDENTITY": "/dev/zero"}),
        ("sealed", {"COACH_TRANSFER_PASSPHRASE": "het goede wachtwoord"}),
        ("sealed_truncated", {"COACH_AGE_IDENTITY": str(RECEIVER)}),
        ("sealed_garbage", {"COACH_AGE_IDENTITY": str(RECEIVER)}),
        ("sealed_header_only", {"COACH_AGE_IDENTITY": str(RECEIVER)}),
        ("sealed_passphrase", {"COACH_TRANSFER_PASSPHRASE": "een verkeerd wachtwoord"}),
        ("sealed_passphrase", {"COACH_AGE_IDENTITY": str(RECEIVER)}),
    ):
        add(Attack(("import", f"{{{name}}}"), env=env))

    # As a process: the environment and standard input are the attack.
    add(Attack(("anonymise",), stdin="/dev/zero", process=True))
    add(Attack(("anonymise",), stdin="{bom_garbage_latin}", process=True))
    add(Attack(("show", "1"), env={"COACH_TODAY": "9999-12-31"}, process=True))
    add(Attack(("import", "/dev/stdin"), stdin="/dev/zero", process=True))
    add(Attack(("show", "1"), env={"COACH_PASSPHRASE": "fout fout fout"}, encrypted=True, process=True))
    return attacks


FILES["bom_garbage_latin"] = _write_bytes(b"\xef\xbb\xbf caf\xe9 \xff\xfe", "invoer.txt")
ATTACKS = _cases()


@pytest.fixture(scope="session")
def templates(tmp_path_factory) -> dict[bool, Path]:
    """A plain and an encrypted database with two cases, copied for every attack."""
    folder = tmp_path_factory.mktemp("sjablonen")
    made = {}
    for encrypted in (False, True):
        path = folder / f"coach-{encrypted}.db"
        db = open_db(path, passphrase=PASSPHRASE if encrypted else None)
        insert_cases(db, [make_case("Sanne", full=True), make_case("Bas", full=True)])
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        db.close()
        made[encrypted] = path
    return made


def _fill(text: str, folder: Path, db: Path) -> str:
    if "{" not in text:
        return text
    if text == "{db}":
        return str(db)
    name = text.strip("{}")
    return str(FILES[name](folder))


def test_there_are_at_least_two_hundred_attacks():
    assert len(ATTACKS) >= 200


@pytest.mark.parametrize("attack", ATTACKS, ids=[f"a{index:03d}" for index in range(len(ATTACKS))])
def test_attack(attack: Attack, templates, tmp_path, monkeypatch, capsys):
    folder = tmp_path / "werk"
    folder.mkdir()
    db_path = tmp_path / "coach.db"
    shutil.copyfile(templates[attack.encrypted], db_path)
    passphrase = PASSPHRASE if attack.encrypted else None
    env = {
        "COACH_DB": str(db_path),
        "COACH_TODAY": "2026-03-10",
        "COACH_CONFIG": str(tmp_path / "geen-config.toml"),
        "COACH_DATA_DIR": str(tmp_path / "data"),
        "COACH_CACHE_DIR": str(tmp_path / "cache"),
        "COACH_PASSPHRASE": PASSPHRASE,
        "COACH_NEW_PASSPHRASE": None,
        "COACH_TRANSFER_PASSPHRASE": None,
        "COACH_AGE_IDENTITY": None,
        "COACH_PROMPTS": None,
        "COACH_DEBUG": None,
    }
    env.update(attack.env)
    before = _digest(db_path, passphrase)
    args = [_fill(arg, folder, db_path) for arg in attack.args]
    filled = {name: None if value is None else _fill(value, folder, db_path) for name, value in env.items()}
    if attack.process:
        code, out, err = _as_process(args, filled, attack.stdin and _fill(attack.stdin, folder, db_path))
    else:
        for name, value in filled.items():
            if value is None:
                monkeypatch.delenv(name, raising=False)
            else:
                monkeypatch.setenv(name, value)
        code = run(args)
        out, err = capsys.readouterr()
    said = out + err
    assert code in (1, 2), f"exit {code} for {attack.label()!r}: {said[-500:]}"
    assert "onverwachts" not in said and "Traceback" not in said, said
    assert err.strip(), "no message at all"
    english = [word for word in ENGLISH if word in err]
    assert not english, f"English {english} in: {err}"
    assert any(word in err for word in DUTCH), f"not Dutch: {err}"
    assert "\x1b" not in said
    assert _digest(db_path, passphrase) == before, "the database changed"


def _digest(db_path: Path, passphrase: str | None) -> str:
    db = open_db(db_path, passphrase=passphrase)
    try:
        return digest(db)
    finally:
        db.close()


def _as_process(args: list[str], env: dict[str, str | None], stdin: str | None) -> tuple[int, str, str]:
    environment = {name: value for name, value in os.environ.items() if not name.startswith("COACH_")}
    environment.update({name: value for name, value in env.items() if value is not None})
    environment["PYTHONPATH"] = os.pathsep.join(sys.path)
    with open(stdin or os.devnull, "rb") as source:
        done = subprocess.run(
            [sys.executable, "-m", "coach", *args],
            stdin=source,
            capture_output=True,
            text=True,
            timeout=120,
            env=environment,
        )
    return done.returncode, done.stdout, done.stderr
