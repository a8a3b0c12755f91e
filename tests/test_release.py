"""Loslaten readiness at its edges, and the release prompts file."""

from __future__ import annotations

import shutil
from datetime import date, timedelta

import pytest

from coach.content.prompts import load_content
from coach.content.release import load_release, release_content
from coach.content.toml_source import PromptsError
from coach.domain.domains import DOMAIN_KEYS
from coach.domain.model import Agreement, Assessment, NetworkPerson
from coach.domain.release import (
    CRITERIA,
    DONE,
    NOT_APPLICABLE,
    OPEN,
    Activity,
    BasicDefinition,
    BasicItem,
    Confidence,
    ReleaseFacts,
    ReleaseRules,
    activity_stable,
    agreements_owned,
    basics_in_order,
    domains_stable,
    merge_basics,
    network_stays,
    no_acute_domains,
    own_confidence,
    release_readiness,
)
from coach.paths import prompts_dir

TODAY = date(2026, 6, 1)
LABELS = {"financien": "Financiën", "werk_opleiding": "Werk en opleiding", "tijdsbesteding": "Tijdsbesteding"}


def measured(day: date, **scores: int) -> list[Assessment]:
    return [Assessment(day, domain, score=score) for domain, score in scores.items()]


def all_domains(day: date, score: int) -> list[Assessment]:
    return [Assessment(day, key, score=score) for key in DOMAIN_KEYS]


# --- no domain at 1 or 2 ------------------------------------------------------------


def test_no_measurement_is_unknown_not_met():
    criterion = no_acute_domains([], LABELS, TODAY)
    assert criterion.met is None and "Nog geen meting" in criterion.evidence


def test_a_domain_at_two_in_the_latest_measurement_is_not_met():
    items = all_domains(date(2026, 1, 5), 3) + measured(date(2026, 5, 20), financien=2)
    criterion = no_acute_domains(items, LABELS, TODAY)
    assert criterion.met is False
    assert "Financiën 2" in criterion.evidence and "(20 mei)" in criterion.evidence


def test_an_early_low_score_that_rose_counts_as_its_latest():
    items = measured(date(2026, 1, 5), financien=1) + all_domains(date(2026, 5, 20), 3)
    criterion = no_acute_domains(items, LABELS, TODAY)
    assert criterion.met is True and "Alle 13" in criterion.evidence


def test_unscored_domains_are_named_as_missing():
    criterion = no_acute_domains(measured(date(2026, 5, 20), financien=4), LABELS, TODAY)
    assert criterion.met is True and "12 leefgebieden nog niet gescoord" in criterion.evidence


# --- stable or improving --------------------------------------------------------------


def test_one_measurement_cannot_show_stability():
    criterion = domains_stable(all_domains(date(2026, 1, 5), 3), LABELS)
    assert criterion.met is None and "één meting" in criterion.evidence
    assert domains_stable([], LABELS).met is None


def test_a_domain_that_dropped_is_named_with_before_and_now():
    items = all_domains(date(2026, 1, 5), 4) + measured(date(2026, 5, 20), financien=3, werk_opleiding=5)
    criterion = domains_stable(items, LABELS)
    assert criterion.met is False
    assert criterion.evidence == "Achteruit sinds de vorige meting: Financiën 4 → 3."


def test_stable_and_better_domains_are_counted():
    items = (
        all_domains(date(2026, 1, 5), 3) + all_domains(date(2026, 5, 20), 3) + measured(date(2026, 5, 20), financien=4)
    )
    criterion = domains_stable(items, LABELS)
    assert criterion.met is True
    assert "1 beter en 12 gelijk" in criterion.evidence


def test_a_rescore_on_the_same_day_replaces_not_compares():
    items = measured(date(2026, 5, 20), financien=2) + measured(date(2026, 5, 20), financien=4)
    assert domains_stable(items, LABELS).met is None


# --- work, school, daytime activity -----------------------------------------------------


RULES = ReleaseRules(stable_weeks=8)


def test_a_job_that_just_started_is_not_stable_yet():
    job = Activity("werk", TODAY - timedelta(days=10), "magazijn")
    criterion = activity_stable([], [job], TODAY, RULES, LABELS)
    assert criterion.met is False
    assert "Werk (magazijn) sinds 22 mei: pas 1 week" in criterion.evidence
    assert "rond 17 jul." in criterion.evidence


def test_a_job_of_exactly_n_weeks_is_stable():
    job = Activity("werk", TODAY - timedelta(weeks=8))
    assert activity_stable([], [job], TODAY, RULES).met is True
    almost = Activity("werk", TODAY - timedelta(weeks=8) + timedelta(days=1))
    assert activity_stable([], [almost], TODAY, RULES).met is False


def test_the_longest_current_activity_counts():
    school = Activity("opleiding", date(2025, 9, 1), "mbo")
    job = Activity("werk", TODAY - timedelta(days=3))
    criterion = activity_stable([], [job, school], TODAY, RULES)
    assert criterion.met is True and "Opleiding (mbo)" in criterion.evidence


def test_a_recorded_job_outweighs_old_scores():
    # Scored 4 for months (school), but the new job only just started: the record says most.
    items = measured(date(2026, 1, 5), werk_opleiding=4) + measured(date(2026, 4, 1), werk_opleiding=4)
    job = Activity("werk", TODAY - timedelta(days=5))
    assert activity_stable(items, [job], TODAY, RULES).met is False


def test_scores_tell_how_long_work_has_been_steady():
    items = (
        measured(date(2026, 1, 5), werk_opleiding=2)
        + measured(date(2026, 3, 1), werk_opleiding=4)
        + measured(date(2026, 5, 1), werk_opleiding=5)
    )
    criterion = activity_stable(items, [], TODAY, RULES)
    assert criterion.met is True and "sinds de meting van 1 mrt:" in criterion.evidence


def test_a_score_that_just_rose_to_four_is_not_yet_stable():
    items = measured(date(2026, 1, 5), tijdsbesteding=2) + measured(date(2026, 5, 25), tijdsbesteding=4)
    criterion = activity_stable(items, [], TODAY, RULES)
    assert criterion.met is False and "stabiel na 8 weken" in criterion.evidence


def test_a_low_work_score_is_named():
    criterion = activity_stable(measured(date(2026, 5, 1), werk_opleiding=3), [], TODAY, RULES, LABELS)
    assert criterion.met is False and "Werk en opleiding 3" in criterion.evidence


def test_an_ended_job_without_anything_new():
    job = Activity("werk", date(2025, 6, 1), until=date(2026, 5, 15))
    criterion = activity_stable([], [job], TODAY, RULES)
    assert criterion.met is False and "gestopt op 15 mei;" in criterion.evidence


def test_nothing_known_about_work():
    assert activity_stable([], [], TODAY, RULES).met is None


# --- agreements -------------------------------------------------------------------------


def agreement(owner: str, status: str, due: date | None = None, made: date = date(2026, 5, 1)) -> Agreement:
    return Agreement(made, "iets", owner, status, due=due)


def test_too_few_agreements_is_unknown():
    assert agreements_owned([agreement("jongere", "gedaan")] * 2, TODAY, ReleaseRules()).met is None


def test_mostly_owned_and_kept():
    items = [agreement("jongere", "gedaan")] * 4 + [agreement("coach", "gedaan")]
    criterion = agreements_owned(items, TODAY, ReleaseRules())
    assert criterion.met is True
    assert criterion.evidence == "4 van de laatste 5 afspraken van de jongere zelf; 4 van de 4 nagekomen."


def test_owned_but_overdue_and_dropped_ones_are_not_kept():
    items = [
        agreement("jongere", "gedaan"),
        agreement("jongere", "vervallen"),
        agreement("jongere", "open", due=TODAY - timedelta(days=1)),
        agreement("jongere", "open", due=TODAY),
    ]
    criterion = agreements_owned(items, TODAY, ReleaseRules())
    assert criterion.met is False and "1 van de 3 nagekomen" in criterion.evidence


def test_mostly_the_coachs_agreements_is_not_met():
    items = [agreement("coach", "gedaan")] * 3 + [agreement("jongere", "gedaan")]
    assert agreements_owned(items, TODAY, ReleaseRules()).met is False


def test_only_the_recent_agreements_count():
    old = [agreement("coach", "gedaan", made=date(2025, 1, 1))] * 20
    recent = [agreement("jongere", "gedaan", made=date(2026, 5, 1))] * 10
    criterion = agreements_owned(old + recent, TODAY, ReleaseRules())
    assert criterion.met is True and "10 van de laatste 10" in criterion.evidence


# --- confidence, network, basics ----------------------------------------------------------


def test_confidence_unknown_until_asked():
    assert own_confidence([], TODAY, ReleaseRules()).met is None


def test_the_latest_confidence_counts():
    records = [Confidence(date(2026, 5, 1), 4, "Ik kan het wel"), Confidence(date(2026, 5, 25), 2, "Spannend")]
    criterion = own_confidence(records, TODAY, ReleaseRules())
    assert criterion.met is False and criterion.evidence == "Gevraagd op 25 mei: 2 van 5. “Spannend”"


def test_confidence_in_words_only_is_left_to_the_coach():
    criterion = own_confidence([Confidence(date(2026, 5, 25), None, "Ik red me wel")], TODAY, ReleaseRules())
    assert criterion.met is None and "“Ik red me wel”" in criterion.evidence


def test_old_confidence_asks_to_ask_again():
    criterion = own_confidence([Confidence(date(2025, 12, 1), 5)], TODAY, ReleaseRules())
    assert criterion.met is True and "vraag het opnieuw" in criterion.evidence


def test_network_edges():
    oma = NetworkPerson("Riet", "oma", "informeel", id=1)
    jobcoach = NetworkPerson("Karim", "jobcoach", "professioneel", id=2)
    assert network_stays([], set()).met is False
    only_pro = network_stays([jobcoach], set())
    assert only_pro.met is False and "Alleen professionals" in only_pro.evidence
    assert network_stays([oma, jobcoach], set()).met is None
    stays = network_stays([oma, jobcoach], {1})
    assert stays.met is True and stays.evidence == "Blijft erbij: oma (Riet); daarnaast 1 professional."
    assert network_stays([oma, jobcoach], {2}).met is None  # a professional who stays is not the own circle


def test_basics_checklist_states():
    items = [BasicItem("digid", "DigiD"), BasicItem("huisarts", "Huisarts")]
    assert basics_in_order(items).met is None
    assert basics_in_order([]).met is None
    partly = basics_in_order(
        [
            BasicItem("digid", "DigiD", DONE),
            BasicItem("huisarts", "Huisarts", OPEN),
            BasicItem("toeslagen", "Toeslagen", NOT_APPLICABLE),
        ]
    )
    assert partly.met is False and partly.evidence == "1 van de 2 geregeld (1 n.v.t.). Nog open: Huisarts."
    unticked = basics_in_order([BasicItem("digid", "DigiD", DONE), BasicItem("huisarts", "Huisarts")])
    assert unticked.met is False and "Nog open: Huisarts" in unticked.evidence
    done = basics_in_order([BasicItem("digid", "DigiD", DONE), BasicItem("toeslagen", "Toeslagen", NOT_APPLICABLE)])
    assert done.met is True


def test_merge_basics_keeps_default_order_then_own_items():
    definitions = (BasicDefinition("digid", "DigiD"), BasicDefinition("huisarts", "Huisarts"))
    stored = [BasicItem("eigen_rijbewijs", "Rijbewijs", OPEN, custom=True), BasicItem("huisarts", "Huisarts", DONE)]
    merged = merge_basics(definitions, stored)
    assert [(item.key, item.state) for item in merged] == [
        ("digid", None),
        ("huisarts", DONE),
        ("eigen_rijbewijs", OPEN),
    ]


def test_release_readiness_gives_all_criteria_in_order_as_json():
    criteria = release_readiness([], [], [], ReleaseFacts(), TODAY)
    assert [c.key for c in criteria] == list(CRITERIA)
    for criterion in criteria:
        data = criterion.as_json()
        assert set(data) == {"criterion", "label", "met", "evidence"}
        assert data["met"] in (True, False, None) and data["evidence"]


# --- prompts/release.toml -------------------------------------------------------------------


def test_shipped_release_prompts():
    release = load_release()
    keys = [item.key for item in release.basics]
    for key in ("digid", "bankrekening", "zorgverzekering", "toeslagen", "inkomen", "woonadres", "huisarts"):
        assert key in keys
    assert release.taper_weeks == (1, 2, 3, 4) and release.nazorg_months == (1, 3)
    assert all(item.hint for item in release.basics)
    assert release_content(load_content()) == release


@pytest.fixture
def base(tmp_path):
    copy = tmp_path / "prompts"
    shutil.copytree(prompts_dir(), copy)
    return copy


@pytest.mark.parametrize(
    "old, new, fragment",
    [
        ("taper_weeks = [1, 2, 3, 4]", "taper_weeks = [1, 0]", "'taper_weeks' moet een lijst"),
        ("stable_weeks = 8", 'stable_weeks = "acht"', "'stable_weeks' moet een heel getal"),
        ('key = "huisarts"', 'key = "Huisarts!"', "kleine letters"),
        ('key = "huisarts"', 'key = "digid"', "twee keer"),
        ('hint = "Paspoort', 'hnt = "Paspoort', "onbekend veld 'hnt'"),
    ],
)
def test_release_prompts_errors_name_file_and_line(base, old, new, fragment):
    path = base / "release.toml"
    path.write_text(path.read_text(encoding="utf-8").replace(old, new, 1), encoding="utf-8")
    with pytest.raises(PromptsError) as caught:
        load_content(base_dir=base)
    assert fragment in str(caught.value)
    assert "release.toml" in str(caught.value) and caught.value.line is not None


def test_an_organisation_can_override_the_checklist(base, tmp_path):
    own = tmp_path / "eigen"
    own.mkdir()
    text = (base / "release.toml").read_text(encoding="utf-8").replace('label = "Huisarts"', 'label = "Eigen huisarts"')
    (own / "release.toml").write_text(text, encoding="utf-8")
    release = release_content(load_content(own, base_dir=base))
    assert "Eigen huisarts" in [item.label for item in release.basics]
