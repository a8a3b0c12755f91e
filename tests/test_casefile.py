"""Case files: validation messages for every kind of bad input, and exact round trips."""

from __future__ import annotations

import json
from datetime import date, datetime

import pytest
from factories import sample_case
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from coach.domain.domains import DOMAIN_KEYS
from coach.domain.model import AGREEMENT_STATUSES, CONTACT_MODES, OWNERS, PHASES, WARM_KINDS
from coach.store import open_db
from coach.store.casefile import CaseFileError, case_from_dict, case_to_dict, schema, validate
from coach.store.transfer import export_case, import_case_files

# The statuses version 1 of the case file knows (the app has more since m009; see test_casefile_v2).
V1_STATUSES = ("plaatsgevonden", "niet_verschenen", "afgezegd", "gepland")

text = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=40)
nonempty = text.filter(lambda s: len(s) > 0)
dates = st.dates(date(1990, 1, 1), date(2035, 12, 31)).map(date.isoformat)
moments = st.datetimes(datetime(2015, 1, 1), datetime(2035, 12, 31)).map(lambda d: d.strftime("%Y-%m-%dT%H:%M"))
scores = st.integers(1, 5)

youths = st.fixed_dictionaries(
    {"first_name": nonempty},
    optional={
        "ref": text,
        "last_name": text,
        "nickname": text,
        "birth_date": dates,
        "phone": text,
        "email": text,
        "address": st.fixed_dictionaries({}, optional={"street": text, "postcode": text, "city": text}),
        "school": text,
        "employer": text,
        "coach": text,
        "started_on": dates,
    },
)
network = st.fixed_dictionaries(
    {"name": nonempty, "relation": nonempty, "kind": st.sampled_from(["informeel", "professioneel"])},
    optional={"organisation": text, "phone": text, "email": text, "note": text},
)
warm = st.fixed_dictionaries(
    {"kind": st.sampled_from(WARM_KINDS), "text": nonempty}, optional={"own_words": st.booleans(), "recorded_on": dates}
)
assessment = st.fixed_dictionaries(
    {"date": dates, "domain": st.sampled_from(DOMAIN_KEYS)},
    optional={"score": scores, "youth_score": scores, "going_well": text, "concerns": text, "wish": text},
)
contact = st.fixed_dictionaries(
    {"at": moments, "mode": st.sampled_from(CONTACT_MODES), "status": st.sampled_from(V1_STATUSES)},
    optional={
        "duration_min": st.integers(0, 1440),
        "initiated_by": st.sampled_from(["coach", "jongere", "netwerk"]),
        "coach": text,
        "note": text,
    },
)
agreement = st.fixed_dictionaries(
    {
        "made_on": dates,
        "text": nonempty,
        "owner": st.sampled_from(OWNERS),
        "status": st.sampled_from(AGREEMENT_STATUSES),
    },
    optional={"due": dates},
)
phase = st.fixed_dictionaries({"phase": st.sampled_from(PHASES), "since": dates}, optional={"note": text})
cases = st.fixed_dictionaries(
    {"format": st.just("coach-case/1"), "youth": youths},
    optional={
        "network": st.lists(network, max_size=3),
        "warm_story": st.lists(warm, max_size=3),
        "assessments": st.lists(assessment, max_size=4),
        "contacts": st.lists(contact, max_size=4),
        "agreements": st.lists(agreement, max_size=3),
        "phases": st.lists(phase, max_size=3),
        "intervision_question": text,
    },
)


def canonical(data: dict) -> dict:
    """Empty lists carry no information; a case file may leave them out."""
    return {k: v for k, v in data.items() if v != []}


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(cases)
def test_export_of_an_import_gives_the_same_json_back(tmp_path_factory, data):
    assert validate(data, "x.json") == []
    path = tmp_path_factory.mktemp("case") / "case.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    db = open_db(memory=True)
    [youth_id] = import_case_files(db, [path])
    exported = export_case(db, youth_id)
    assert exported == canonical(data)
    assert list(exported) == [k for k in schema()["properties"] if k in exported]
    # and the cycle is stable: importing the export gives the same export again
    again = open_db(memory=True)
    path.write_text(json.dumps(exported, ensure_ascii=False), encoding="utf-8")
    [second] = import_case_files(again, [path])
    assert export_case(again, second) == exported


def test_the_shipped_schema_is_the_shared_contract():
    from pathlib import Path

    shared = Path(__file__).resolve().parents[2] / "shared" / "spec" / "case-v1.schema.json"
    if not shared.exists():
        pytest.skip("shared/spec is not beside this checkout")
    assert json.loads(shared.read_text(encoding="utf-8")) == schema()


def write(tmp_path, name, content):
    path = tmp_path / name
    path.write_text(content if isinstance(content, str) else json.dumps(content), encoding="utf-8")
    return path


def good_case(**youth) -> dict:
    return case_to_dict(sample_case(**youth))


def problems_of(tmp_path, content) -> list[str]:
    db = open_db(memory=True)
    with pytest.raises(CaseFileError) as caught:
        import_case_files(db, [write(tmp_path, "dossier.json", content)])
    assert db.execute("SELECT count(*) FROM youths").fetchone()[0] == 0
    return [str(p) for p in caught.value.problems]


def test_not_json(tmp_path):
    [message] = problems_of(tmp_path, '{"format": "coach-case/1", "youth": {')
    assert message.startswith(f"{tmp_path / 'dossier.json'}: $: geen geldige JSON (regel 1")


def test_not_utf8(tmp_path):
    path = tmp_path / "dossier.json"
    path.write_bytes(b'{"youth": "\xff\xfe"}')
    with pytest.raises(CaseFileError, match="geen UTF-8"):
        import_case_files(open_db(memory=True), [path])


def test_missing_file(tmp_path):
    with pytest.raises(CaseFileError, match="bestand niet gevonden"):
        import_case_files(open_db(memory=True), [tmp_path / "weg.json"])


def test_schema_violations_name_path_and_rule(tmp_path):
    data = good_case()
    data["youth"]["first_name"] = ""
    data["youth"]["favourite_colour"] = "blauw"
    data["contacts"][0]["mode"] = "duif"
    data["agreements"][0]["owner"] = 3
    del data["phases"][0]["since"]
    messages = problems_of(tmp_path, data)
    joined = "\n".join(messages)
    assert "$.youth.first_name: mag niet leeg zijn." in joined
    assert "$.youth.favourite_colour: onbekend veld" in joined
    assert '$.contacts[0].mode: "duif" is geen geldige waarde; kies uit: huisbezoek' in joined
    assert "$.agreements[0].owner: 3 is geen geldige waarde" in joined or "$.agreements[0].owner: moet" in joined
    assert "$.phases[0].since: dit verplichte veld ontbreekt." in joined


def test_unknown_domain(tmp_path):
    data = good_case()
    data["assessments"][0]["domain"] = "geld"
    [message] = problems_of(tmp_path, data)
    assert message.endswith(
        '$.assessments[0].domain: onbekend leefgebied "geld"; kies uit: ' + ", ".join(DOMAIN_KEYS) + "."
    )


@pytest.mark.parametrize("where", ["date", "birth_date", "at"])
@pytest.mark.parametrize("value", ["14-03-2026", "2026-02-30", "2026-3-4", "gisteren"])
def test_wrong_date_formats(tmp_path, where, value):
    data = good_case()
    if where == "date":
        data["assessments"][0]["date"] = value
        path = "$.assessments[0].date"
    elif where == "birth_date":
        data["youth"]["birth_date"] = value
        path = "$.youth.birth_date"
    else:
        data["contacts"][0]["at"] = value
        path = "$.contacts[0].at"
    [message] = problems_of(tmp_path, data)
    assert f"{path}: " in message and ("geen geldige datum" in message or "geen geldig moment" in message)


def test_a_moment_needs_a_time(tmp_path):
    data = good_case()
    data["contacts"][0]["at"] = "2026-03-14"
    [message] = problems_of(tmp_path, data)
    assert "JJJJ-MM-DDTUU:MM" in message


def test_wrong_format_and_top_level(tmp_path):
    assert any(
        "$.format: moet" in m for m in problems_of(tmp_path, {"format": "coach-case/9", "youth": {"first_name": "A"}})
    )
    assert problems_of(tmp_path, [1, 2]) == [f"{tmp_path / 'dossier.json'}: $: moet een object ({{...}}) zijn."]


def test_duplicate_ref_within_one_call_and_against_the_database(tmp_path):
    db = open_db(memory=True)
    a = write(tmp_path, "a.json", good_case(ref="JC-7"))
    b = write(tmp_path, "b.json", case_to_dict(sample_case("Bas", ref="JC-7")))
    with pytest.raises(CaseFileError) as caught:
        import_case_files(db, [a, b])
    assert "b.json: $.youth.ref: ref 'JC-7' staat ook al in" in str(caught.value)
    assert db.execute("SELECT count(*) FROM youths").fetchone()[0] == 0
    import_case_files(db, [a])
    with pytest.raises(CaseFileError, match="staat al een dossier met ref 'JC-7'"):
        import_case_files(db, [b])
    assert db.execute("SELECT count(*) FROM youths").fetchone()[0] == 1


def test_one_bad_file_among_good_ones_imports_none(tmp_path):
    db = open_db(memory=True)
    files = [write(tmp_path, f"{n}.json", good_case(first_name=n)) for n in ("Roos", "Storm")]
    bad = good_case(first_name="Hoop")
    bad["contacts"][0]["status"] = "misschien"
    files.append(write(tmp_path, "Hoop.json", bad))
    with pytest.raises(CaseFileError) as caught:
        import_case_files(db, files)
    assert [p.file for p in caught.value.problems] == [str(files[2])]
    assert db.execute("SELECT count(*) FROM youths").fetchone()[0] == 0


def test_many_problems_are_summarised(tmp_path):
    data = good_case()
    data["contacts"] = [{"at": "x", "mode": "y", "status": "z"} for _ in range(4)]
    error_text = "\n".join(problems_of(tmp_path, data))
    assert error_text.count("$.contacts[") == 12
    with pytest.raises(CaseFileError, match="en nog 7 fout"):
        import_case_files(open_db(memory=True), [write(tmp_path, "x.json", data)])


def test_case_from_dict_parses_dates():
    case = case_from_dict(good_case())
    assert case.youth.birth_date == date(2007, 5, 14)
    assert case.contacts[0].at == datetime(2026, 1, 5, 14, 0)
