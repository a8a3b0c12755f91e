"""Safety concerns in the store: the meldcode steps, acute everywhere at once, audit, erase, CLI and summary."""

from __future__ import annotations

import json
from datetime import date

import pytest
from helpers import make_case

from coach.cli import run
from coach.domain.safety import Decision, StepRecord
from coach.domain.this_week import ReasonKind, this_week
from coach.reports.record_labels import record_label
from coach.store.audit import audit_for_youth
from coach.store.caseload import caseload, caseload_entry
from coach.store.cases import insert_cases, load_case
from coach.store.db import open_db
from coach.store.erase import erase_youth
from coach.store.intake import Edit, open_intake, save_edits
from coach.store.revisions import start_session
from coach.store.safety import (
    SafetyError,
    acute_domains,
    close_concern,
    concern,
    concerns_of,
    dismiss_signal,
    dismissals_of,
    open_concern,
    safety_state,
    save_step,
)

TODAY = date(2026, 3, 10)


@pytest.fixture
def db(tmp_path):
    database = open_db(tmp_path / "coach.db")
    insert_cases(database, [make_case("Sanne", full=True), make_case("Bas", full=True)])
    yield database
    database.close()


def _ids(db):
    return [row[0] for row in db.execute("SELECT id FROM youths ORDER BY id")]


def test_a_concern_walks_the_five_steps_and_closes_with_a_decision(db):
    sanne, _ = _ids(db)
    cid = open_concern(db, sanne, "huiselijk_geweld", "Huiselijk geweld", "intake", TODAY, "geslagen")
    assert concern(db, cid).current_step == 1 and concern(db, cid).open
    with pytest.raises(SafetyError, match="stap 1"):
        save_step(db, cid, StepRecord(1, TODAY))
    save_step(db, cid, StepRecord(1, TODAY, "Sanne zelf", facts="Zei: vader sloeg me.", interpretation="Bang thuis."))
    save_step(db, cid, StepRecord(2, TODAY, "collega Mo", "Veilig Thuis gebeld voor advies."))
    found = concern(db, cid)
    assert found.current_step == 3 and found.step(1).facts == "Zei: vader sloeg me."
    assert found.step(1).interpretation == "Bang thuis." and found.step(2).who == "collega Mo"
    # correcting a step keeps one row, and its earlier note in the history
    save_step(db, cid, StepRecord(2, TODAY, "collega Mo", "Veilig Thuis: advies om te melden."))
    assert db.execute("SELECT count(*) FROM safety_steps WHERE concern_id = ?", [cid]).fetchone()[0] == 2
    assert db.execute("SELECT count(*) FROM revisions WHERE table_name = 'safety_steps'").fetchone()[0] == 1
    with pytest.raises(SafetyError, match="besloten"):
        close_concern(db, cid, Decision.MELDING, TODAY)
    close_concern(db, cid, Decision.MELDING, TODAY, "Gemeld bij Veilig Thuis.")
    closed = concern(db, cid)
    assert not closed.open and closed.decision == "melding" and closed.closed_on == TODAY
    assert concerns_of(db, sanne, open_only=True) == []
    with pytest.raises(SafetyError, match="afgesloten"):
        save_step(db, cid, StepRecord(3, TODAY, note="te laat"))


def test_bad_input_changes_nothing(db):
    sanne, _ = _ids(db)
    with pytest.raises(SafetyError):
        open_concern(db, sanne, "x", "X", "ergens", TODAY)
    cid = open_concern(db, sanne, "wapens", "Wapens", "contact", TODAY)
    with pytest.raises(SafetyError):
        close_concern(db, cid, "misschien", TODAY, "?")
    with pytest.raises(SafetyError):
        save_step(db, cid, StepRecord(6, TODAY, note="?"))
    assert concern(db, cid).open and concern(db, cid).steps == ()


def test_acute_shows_at_once_also_from_a_running_intake(db):
    sanne, bas = _ids(db)
    assert acute_domains(db, sanne) == [] and not caseload_entry(db, sanne, TODAY).safety
    intake = open_intake(db, sanne, TODAY)
    edits = [Edit("huiselijke_relaties", "score", 1), Edit("huiselijke_relaties", "notes", "slaat")]
    save_edits(db, intake, edits, start_session(db), TODAY)
    assert intake.completed_on is None
    assert acute_domains(db, sanne) == ["huiselijke_relaties"]
    assert safety_state(db, sanne).alarm
    rows = {entry.id: entry for entry in caseload(db, TODAY)}
    assert rows[sanne].safety and not rows[bas].safety
    # and sorts first in 'deze week', with the reason in words
    week = this_week(rows.values(), TODAY)
    assert week[0].entry.id == sanne and week[0].reasons[0].kind == ReasonKind.VEILIGHEID
    assert "veiligheid" in week[0].reasons[0].text


def test_a_newer_score_ends_the_acute_mark(db):
    sanne, _ = _ids(db)
    db["assessments"].insert({"youth_id": sanne, "date": "2026-02-01", "domain": "financien", "score": 1})
    assert acute_domains(db, sanne) == ["financien"]
    db["assessments"].insert({"youth_id": sanne, "date": "2026-03-01", "domain": "financien", "score": 3})
    assert acute_domains(db, sanne) == []


def test_dismissals_are_recorded(db):
    sanne, _ = _ids(db)
    dismiss_signal(db, sanne, "huiselijk_geweld", "slaat", "contact", TODAY)
    assert dismissals_of(db, sanne) == [
        {"kind": "huiselijk_geweld", "heard": "slaat", "source": "contact", "dismissed_on": "2026-03-10"}
    ]


def test_safety_records_are_in_the_audit_trail_and_named_in_dutch(db):
    sanne, _ = _ids(db)
    cid = open_concern(db, sanne, "wapens", "Wapens", "bezoek", TODAY)
    save_step(db, cid, StepRecord(1, TODAY, facts="mes op zak"))
    dismiss_signal(db, sanne, "bedreiging", "bedreigd", "intake", TODAY)
    tables = {entry.table for entry in audit_for_youth(db, sanne)}
    assert {"safety_concerns", "safety_steps", "safety_dismissals"} <= tables
    assert record_label("safety_steps") == "stap van de meldcode"
    assert record_label("safety_concerns", 2) == "zorgen over veiligheid"


def test_erase_removes_every_safety_record(db):
    sanne, bas = _ids(db)
    cid = open_concern(db, sanne, "wapens", "Wapens", "bezoek", TODAY, "pistool")
    save_step(db, cid, StepRecord(1, TODAY, facts="Zwanenveld pistool"))
    dismiss_signal(db, sanne, "bedreiging", "bedreigd", "intake", TODAY)
    open_concern(db, bas, "uitbuiting", "Uitbuiting", "contact", TODAY)
    assert erase_youth(db, sanne)
    for table in ("safety_concerns", "safety_steps", "safety_dismissals"):
        assert db.execute(f"SELECT count(*) FROM {table} WHERE youth_id = ?", [sanne]).fetchone()[0] == 0
    assert db.execute("SELECT count(*) FROM revisions WHERE text LIKE '%Zwanenveld%'").fetchone()[0] == 0
    assert len(concerns_of(db, bas)) == 1


def test_the_case_carries_open_concerns_by_kind_only(db):
    sanne, _ = _ids(db)
    cid = open_concern(db, sanne, "wapens", "Wapens", "bezoek", TODAY, "pistool")
    save_step(db, cid, StepRecord(1, TODAY, facts="heeft een pistool in zijn kast"))
    case = load_case(db, sanne)
    assert case.open_safety == ["Wapens"]
    close_concern(db, cid, Decision.HULP, TODAY, "Wijkagent ingeschakeld.")
    assert load_case(db, sanne).open_safety == []


def test_the_intervision_summary_names_the_kind_and_no_facts(db):
    from coach.content.prompts import load_content
    from coach.reports._summary_draft import CoachInput, draft_pieces
    from coach.reports.summary import Scope, _frame

    sanne, _ = _ids(db)
    cid = open_concern(db, sanne, "huiselijk_geweld", "Huiselijk geweld", "intake", TODAY, "sloeg")
    save_step(db, cid, StepRecord(1, TODAY, facts="Vader sloeg met riem"))
    content = load_content()
    case = load_case(db, sanne)
    method = content.intervision.methods[0]
    frame = _frame(case, Scope(), TODAY)
    text = "".join(draft_pieces(case, frame, method, content.intervision, content, CoachInput()))
    assert "zorg over veiligheid open (huiselijk geweld)" in text
    assert "riem" not in text and "sloeg" not in text


# --- the command line -------------------------------------------------------------------


@pytest.fixture
def env(tmp_path, monkeypatch):
    path = tmp_path / "cli.db"
    database = open_db(path)
    insert_cases(database, [make_case("Sanne", full=True), make_case("Bas", full=True)])
    sanne, bas = _ids(database)
    cid = open_concern(database, sanne, "bedreiging", "Bedreiging", "contact", date(2026, 3, 9), "bedreigd")
    save_step(database, cid, StepRecord(1, date(2026, 3, 9), facts="geheim feit"))
    database["assessments"].insert({"youth_id": bas, "date": "2026-03-01", "domain": "justitie", "score": 1})
    database.close()
    monkeypatch.setenv("COACH_DB", str(path))
    monkeypatch.setenv("COACH_TODAY", "2026-03-10")
    monkeypatch.delenv("COACH_PROMPTS", raising=False)
    return sanne, bas


def _call(capsys, *args):
    code = run(list(args))
    out, err = capsys.readouterr()
    assert code == 0, err
    return json.loads(out)


def test_show_json_has_the_open_concerns_with_step_and_dates(env, capsys):
    sanne, bas = env
    data = _call(capsys, "show", str(sanne), "--json")
    assert data["safety"] == [
        {
            "id": 1,
            "kind": "bedreiging",
            "label": "Bedreiging",
            "opened_on": "2026-03-09",
            "source": "contact",
            "status": "open",
            "current_step": 2,
            "steps": [{"step": 1, "date": "2026-03-09"}],
            "closed_on": None,
            "decision": None,
        }
    ]
    assert "geheim feit" not in json.dumps(data)
    assert _call(capsys, "show", str(bas), "--json")["safety"] == []


def test_show_text_names_an_open_concern_above_the_warm_story(env, capsys):
    sanne, _ = env
    assert run(["show", str(sanne)]) == 0
    out = capsys.readouterr().out
    assert "! Veiligheid: open zorg (bedreiging)" in out
    assert out.index("Veiligheid") < out.index("Warm verhaal") and "geheim feit" not in out


def test_caseload_json_marks_open_concerns_and_scores_of_one(env, capsys):
    sanne, bas = env
    rows = {row["id"]: row for row in _call(capsys, "caseload", "--json")}
    assert rows[sanne]["safety"] is True and rows[bas]["safety"] is True


def test_the_caseload_marks_acute_with_a_sign_and_a_word(db):
    from coach.tui.widgets.caseload_columns import NAME, REASON_STYLES, CellContext

    sanne, bas = _ids(db)
    open_concern(db, sanne, "wapens", "Wapens", "bezoek", TODAY)
    rows = {entry.id: entry for entry in caseload(db, TODAY)}
    ctx = CellContext(TODAY, compact=True, rhythm={})
    marked = "".join(text for text, _style in NAME.cell(rows[sanne], ctx))
    plain = "".join(text for text, _style in NAME.cell(rows[bas], ctx))
    assert marked.startswith("! acuut ") and marked.endswith(rows[sanne].name)
    assert plain == rows[bas].name
    assert REASON_STYLES[ReasonKind.VEILIGHEID] is not None


def test_caseload_text_marks_acute_with_a_sign_and_a_word(env, capsys):
    assert run(["caseload"]) == 0
    out = capsys.readouterr().out
    assert "! acuut Sanne" in out and "! acuut Bas" in out
