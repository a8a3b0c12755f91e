"""Case files (coach-case/1 JSON): validation with Dutch messages, and conversion to and from a Case."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, fields
from datetime import date, datetime
from functools import cache
from pathlib import Path
from typing import Any

from jsonschema import Draft202012Validator, FormatChecker
from jsonschema.exceptions import ValidationError

from coach.domain.contact_status import CANCELLED, status_after_v1
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

FORMAT = "coach-case/1"
SCHEMA_PATH = Path(__file__).with_name("case-v1.schema.json")
MOMENT_RE = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$")
MAX_ERRORS_SHOWN = 5

_TYPE_WORDS = {
    "string": "een tekst",
    "integer": "een geheel getal",
    "boolean": "true of false",
    "object": "een object ({...})",
    "array": "een lijst ([...])",
}

# The case's lists in schema order, with the dataclass of their items.
SECTIONS: dict[str, type] = {
    "network": NetworkPerson,
    "warm_story": WarmStoryItem,
    "assessments": Assessment,
    "contacts": Contact,
    "agreements": Agreement,
    "phases": PhaseEntry,
}


@dataclass(frozen=True)
class CaseFileProblem:
    """One thing wrong in a case file: where, and which rule it breaks (Dutch)."""

    file: str
    path: str
    rule: str

    def __str__(self) -> str:
        return f"{self.file}: {self.path}: {self.rule}"


class CaseFileError(ValueError):
    """A case file is not valid; carries every problem found."""

    def __init__(self, problems: list[CaseFileProblem]):
        self.problems = problems
        shown = [str(p) for p in problems[:MAX_ERRORS_SHOWN]]
        if len(problems) > MAX_ERRORS_SHOWN:
            shown.append(f"... en nog {len(problems) - MAX_ERRORS_SHOWN} fout(en) meer.")
        super().__init__("\n".join(shown))


@cache
def schema() -> dict[str, Any]:
    """The case-file schema shipped with coach."""
    loaded: dict[str, Any] = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    return loaded


@cache
def _validator() -> Draft202012Validator:
    return Draft202012Validator(schema(), format_checker=FormatChecker())


def json_path(parts: Any) -> str:
    """A JSON path such as $.contacts[2].at from jsonschema's path parts."""
    text = "$"
    for part in parts:
        text += f"[{part}]" if isinstance(part, int) else f".{part}"
    return text


def _rule(error: ValidationError) -> tuple[str, str]:
    """The Dutch rule an error breaks, and the path it is best reported at."""
    path = json_path(error.absolute_path)
    kind, value, instance = error.validator, error.validator_value, error.instance
    if kind == "required":
        missing = [name for name in value if isinstance(instance, dict) and name not in instance]
        name = missing[0] if missing else "?"
        return f"{path}.{name}", "dit verplichte veld ontbreekt."
    if kind == "additionalProperties":
        allowed = set(error.schema.get("properties", {}))
        extra = sorted(set(instance) - allowed) if isinstance(instance, dict) else []
        name = extra[0] if extra else "?"
        return f"{path}.{name}", "onbekend veld; controleer de spelling (toegestaan: " + ", ".join(
            error.schema.get("properties", {})
        ) + ")."
    if kind == "enum":
        if error.absolute_path and error.absolute_path[-1] == "domain":
            return path, f"onbekend leefgebied {json.dumps(instance, ensure_ascii=False)}; kies uit: " + ", ".join(
                value
            ) + "."
        return path, f"{json.dumps(instance, ensure_ascii=False)} is geen geldige waarde; kies uit: " + ", ".join(
            map(str, value)
        ) + "."
    if kind == "const":
        return path, f"moet {json.dumps(value)} zijn."
    if kind == "type":
        return path, f"moet {_TYPE_WORDS.get(value, value)} zijn."
    if kind == "minLength":
        return path, "mag niet leeg zijn."
    if kind == "minimum":
        return path, f"moet minstens {value} zijn."
    if kind == "maximum":
        return path, f"mag hoogstens {value} zijn."
    if kind == "format" and value == "date":
        return (
            path,
            f"{json.dumps(instance, ensure_ascii=False)} is geen geldige datum; gebruik JJJJ-MM-DD, bijvoorbeeld 2026-03-14.",
        )
    return path, f"voldoet niet aan de regel '{kind}'."


def schema_rule(error: ValidationError) -> tuple[str, str]:
    """The JSON path and Dutch rule of one schema error (shared with the version-2 reader)."""
    return _rule(error)


def _moment_problems(data: Any) -> list[tuple[str, str]]:
    # The schema describes contact moments in words only; check them here.
    contacts = data.get("contacts") if isinstance(data, dict) else None
    problems = []
    for index, contact in enumerate(contacts if isinstance(contacts, list) else []):
        at = contact.get("at") if isinstance(contact, dict) else None
        if not isinstance(at, str):
            continue
        try:
            valid = bool(MOMENT_RE.match(at)) and datetime.fromisoformat(at) is not None
        except ValueError:
            valid = False
        if not valid:
            problems.append(
                (
                    f"$.contacts[{index}].at",
                    f"{json.dumps(at, ensure_ascii=False)} is geen geldig moment; gebruik JJJJ-MM-DDTUU:MM, bijvoorbeeld 2026-03-14T10:30.",
                )
            )
    return problems


def validate(data: Any, file: str) -> list[CaseFileProblem]:
    """Every problem in one parsed case file, ordered by where it is."""
    found = [_rule(error) for error in _validator().iter_errors(data)]
    found += _moment_problems(data)
    unique = sorted(set(found))
    return [CaseFileProblem(file, path, rule) for path, rule in unique]


def read_case_file(path: Path) -> Case:
    """Read, validate and convert one case file; raises CaseFileError."""
    name = str(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise CaseFileError(
            [CaseFileProblem(name, "$", "bestand niet gevonden; controleer de naam en de map.")]
        ) from None
    except (OSError, UnicodeDecodeError) as error:
        reason = "is geen UTF-8-tekst" if isinstance(error, UnicodeDecodeError) else "kan niet gelezen worden"
        raise CaseFileError([CaseFileProblem(name, "$", f"het bestand {reason}.")]) from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise CaseFileError(
            [
                CaseFileProblem(
                    name,
                    "$",
                    f"geen geldige JSON (regel {error.lineno}, kolom {error.colno}): controleer komma's, aanhalingstekens en haakjes.",
                )
            ]
        ) from None
    problems = validate(data, name)
    if problems:
        raise CaseFileError(problems)
    return case_from_dict(data)


def _value(raw: Any, annotation: str) -> Any:
    if raw is None:
        return None
    if "datetime" in annotation:
        return datetime.fromisoformat(raw)
    if "date" in annotation:
        return date.fromisoformat(raw)
    if "int" in annotation and not isinstance(raw, bool):
        return int(raw)
    return raw


def _build(cls: type, raw: dict[str, Any]) -> Any:
    types = {f.name: str(f.type) for f in fields(cls)}
    return cls(**{key: _value(value, types[key]) for key, value in raw.items()})


def case_from_dict(data: dict[str, Any]) -> Case:
    """A Case from a valid case-file object."""
    youth_raw = dict(data["youth"])
    address = youth_raw.pop("address", None)
    youth = _build(Youth, youth_raw)
    if address is not None:
        youth.address = Address(**address)
    youth.intervision_question = data.get("intervision_question")
    case = Case(youth=youth)
    for section, cls in SECTIONS.items():
        setattr(case, section, [_build(cls, item) for item in data.get(section, [])])
    for contact in case.contacts:
        contact.status = status_after_v1(contact.status)
    return case


def _v1_status(status: str) -> str:
    # Version 1 knows one word for a contact that did not go ahead as planned.
    return "afgezegd" if status in CANCELLED or status in ("verzet", "vervallen") else status


def _plain(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%dT%H:%M")
    if isinstance(value, date):
        return value.isoformat()
    return value


def _object(item: Any, skip: tuple[str, ...] = ("id",)) -> dict[str, Any]:
    return {
        f.name: _plain(getattr(item, f.name))
        for f in fields(item)
        if f.name not in skip and getattr(item, f.name) is not None
    }


def case_to_dict(case: Case) -> dict[str, Any]:
    """The case-file object of a Case: keys in schema order, absent values left out."""
    youth = _object(case.youth, skip=("id", "address", "intervision_question"))
    if case.youth.address is not None:
        address = {k: v for k, v in vars(case.youth.address).items() if v is not None}
        ordered = {}
        for key in schema()["properties"]["youth"]["properties"]:
            if key == "address":
                ordered["address"] = address
            elif key in youth:
                ordered[key] = youth[key]
        youth = ordered
    data: dict[str, Any] = {"format": FORMAT, "youth": youth}
    for section in SECTIONS:
        items = getattr(case, section)
        if items:
            data[section] = [_object(item) for item in items]
    for contact in data.get("contacts", []):
        contact["status"] = _v1_status(contact["status"])
    if case.youth.intervision_question is not None:
        data["intervision_question"] = case.youth.intervision_question
    return data
