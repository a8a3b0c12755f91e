"""Tests for loading and checking the conversation content in prompts/."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from coach.content.prompts import load_content, prompt_files
from coach.content.toml_source import PromptsError
from coach.domain.domains import DOMAIN_KEYS, SCORES
from coach.domain.model import WARM_KINDS
from coach.paths import prompts_dir

# A minimal valid domain file with known line numbers (used for the error tests).
DOMAIN_LINES = [
    'key = "financien"',  # 1
    'label = "Geldzaken"',  # 2
    'short = "Geld"',  # 3
    'description = "Rondkomen en schulden."',  # 4
    'questions = ["Vraag een?", "Vraag twee?", "Vraag drie?"]',  # 5
    'follow_ups = ["Vertel eens meer?"]',  # 6
    'signals = ["schuld", "Deurwaarder"]',  # 7
    "",  # 8
    "[levels]",  # 9
    '1 = "een"',  # 10
    '2 = "twee"',  # 11
    '3 = "drie"',  # 12
    '4 = "vier"',  # 13
    '5 = "vijf"',  # 14
]


@pytest.fixture(scope="module")
def shipped():
    return load_content()


@pytest.fixture
def base(tmp_path: Path) -> Path:
    """A writable copy of the shipped prompts folder."""
    copy = tmp_path / "prompts"
    shutil.copytree(prompts_dir(), copy)
    return copy


@pytest.fixture
def override(tmp_path: Path) -> Path:
    folder = tmp_path / "eigen"
    (folder / "domains").mkdir(parents=True)
    return folder


def write_domain(folder: Path, lines: list[str], name: str = "financien") -> Path:
    path = folder / "domains" / f"{name}.toml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def load_error(override_dir: Path | None, base_dir: Path) -> str:
    with pytest.raises(PromptsError) as info:
        load_content(override_dir, base_dir)
    return str(info.value)


# --- shipped content ----------------------------------------------------------------


def test_shipped_domains_complete_and_in_order(shipped):
    assert tuple(d.key for d in shipped.domains) == DOMAIN_KEYS
    for domain in shipped.domains:
        assert 3 <= len(domain.questions) <= 6, domain.key
        assert sorted(domain.levels) == list(SCORES), domain.key
        assert all(text.strip() for text in domain.levels.values()), domain.key
        assert domain.label and domain.description, domain.key
        assert 0 < len(domain.short) <= 12, domain.key
        assert 3 <= len(domain.follow_ups) <= 5, domain.key


def test_shipped_signals_nonempty_lowercase_and_mostly_distinct(shipped):
    for domain in shipped.domains:
        assert 10 <= len(domain.signals) <= 25, domain.key
        for signal in domain.signals:
            assert signal and signal == signal.lower() == signal.strip(), (domain.key, signal)
        assert len(set(domain.signals)) == len(domain.signals), domain.key
    assert "deurwaarder" in shipped.domain("financien").signals
    assert any(" " in s for s in shipped.domain("huisvesting").signals)


def test_shipped_scale_and_warm_kinds(shipped):
    assert [level.score for level in shipped.scale] == [1, 2, 3, 4, 5]
    assert shipped.level(1).label == "Acute problematiek"
    assert shipped.level(5).label == "Volledig zelfredzaam"
    assert all(level.description for level in shipped.scale)
    assert tuple(kind.key for kind in shipped.warm_kinds) == WARM_KINDS
    assert shipped.warm_kinds[0].label == "Wat belangrijk is"
    assert all(3 <= len(kind.questions) <= 5 for kind in shipped.warm_kinds)


def test_prompt_files_lists_every_shipped_file():
    files = prompt_files()
    assert len(files) == 21  # scale, 13 domains, warm story, release, balance, visit, intervision, veiligheid, samen
    for rel in files:
        assert (prompts_dir() / rel).is_file(), rel


def test_loading_has_no_hidden_state(base):
    first = load_content(base_dir=base)
    (base / "domains" / "justitie.toml").write_text(
        (base / "domains" / "justitie.toml")
        .read_text(encoding="utf-8")
        .replace('label = "Justitie"', 'label = "Politie en justitie"'),
        encoding="utf-8",
    )
    second = load_content(base_dir=base)
    assert first.domain("justitie").label == "Justitie"
    assert second.domain("justitie").label == "Politie en justitie"


def test_the_same_files_are_parsed_once_and_a_changed_one_again(base, override):
    first = load_content(override, base)
    assert load_content(override, base) is first  # the same bytes: kept from the first time
    write_domain(override, DOMAIN_LINES)  # an override added
    added = load_content(override, base)
    assert added is not first and added.domain("financien").label == "Geldzaken"
    (override / "domains" / "financien.toml").unlink()  # and taken away again
    assert load_content(override, base).domain("financien") == first.domain("financien")


# --- overrides ----------------------------------------------------------------------


def test_override_replaces_one_file_and_keeps_the_rest(shipped, override):
    write_domain(override, DOMAIN_LINES)
    content = load_content(override)
    money = content.domain("financien")
    assert money.label == "Geldzaken"
    assert money.questions == ("Vraag een?", "Vraag twee?", "Vraag drie?")
    assert money.signals == ("schuld", "deurwaarder")  # lowercased on load
    assert money.levels[3] == "drie"
    for key in DOMAIN_KEYS[1:]:
        assert content.domain(key) == shipped.domain(key)
    assert content.scale == shipped.scale
    assert content.warm_kinds == shipped.warm_kinds


def test_override_of_scale_file(shipped, base, override):
    text = (base / "scale.toml").read_text(encoding="utf-8")
    (override / "scale.toml").write_text(
        text.replace('label = "Acute problematiek"', 'label = "Acuut"'), encoding="utf-8"
    )
    content = load_content(override, base)
    assert content.level(1).label == "Acuut"
    assert content.level(2) == shipped.level(2)
    assert content.domains == shipped.domains


def test_error_in_override_names_override_file(base, override):
    write_domain(override, DOMAIN_LINES[:4] + ['questions = ["Alleen een?"]'] + DOMAIN_LINES[5:])
    message = load_error(override, base)
    assert message.startswith("eigen/domains/financien.toml, regel 5:")


def test_override_with_misspelt_file_name_is_reported(base, override):
    write_domain(override, DOMAIN_LINES, name="financein")
    message = load_error(override, base)
    assert "eigen/domains/financein.toml" in message
    assert "financien" in message  # suggestion


def test_missing_override_folder(base, tmp_path):
    message = load_error(tmp_path / "bestaat-niet", base)
    assert "bestaat-niet" in message and "bestaat niet" in message


# --- errors, each with file and line ------------------------------------------------


def test_broken_toml_syntax(base):
    lines = list(DOMAIN_LINES)
    lines[3] = 'description = "Rondkomen en schulden.'  # unclosed string on line 4
    write_domain(base, lines)
    message = load_error(None, base)
    assert message.startswith("prompts/domains/financien.toml, regel 4, kolom ")
    assert "geen geldige TOML" in message


def test_broken_toml_syntax_in_shipped_copy(base):
    path = base / "scale.toml"
    lines = path.read_text(encoding="utf-8").splitlines()
    number = next(i for i, line in enumerate(lines, 1) if line.startswith("score = 3"))
    lines[number - 1] = "score 3"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert load_error(None, base).startswith(f"prompts/scale.toml, regel {number}, kolom 7:")


def test_missing_top_level_field(base):
    write_domain(base, [line for line in DOMAIN_LINES if not line.startswith("label")])
    message = load_error(None, base)
    assert message == "prompts/domains/financien.toml: 'label' ontbreekt. Voeg het veld toe."


def test_missing_field_in_table_points_at_its_header(base):
    path = base / "scale.toml"
    lines = path.read_text(encoding="utf-8").splitlines()
    headers = [i for i, line in enumerate(lines, 1) if line.strip() == "[[level]]"]
    second = headers[1]
    description = next(i for i in range(second, headers[2]) if lines[i - 1].startswith("description"))
    del lines[description - 1]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    message = load_error(None, base)
    assert message.startswith(f"prompts/scale.toml, regel {second}:")
    assert "'description' ontbreekt" in message


def test_wrong_type(base):
    lines = list(DOMAIN_LINES)
    lines[2] = "short = 12"
    write_domain(base, lines)
    message = load_error(None, base)
    assert message.startswith("prompts/domains/financien.toml, regel 3:")
    assert "'short'" in message and "tekst" in message


def test_wrong_type_in_list(base):
    lines = list(DOMAIN_LINES)
    lines[6] = 'signals = ["schuld", 3]'
    write_domain(base, lines)
    assert load_error(None, base).startswith("prompts/domains/financien.toml, regel 7:")


def test_short_too_long(base):
    lines = list(DOMAIN_LINES)
    lines[2] = 'short = "Geld en schulden"'
    write_domain(base, lines)
    message = load_error(None, base)
    assert message.startswith("prompts/domains/financien.toml, regel 3:")
    assert "12" in message


def test_unknown_field_with_suggestion(base):
    lines = list(DOMAIN_LINES)
    lines[5] = 'questons = ["Vertel eens meer?"]'
    write_domain(base, lines)
    message = load_error(None, base)
    assert message.startswith("prompts/domains/financien.toml, regel 6:")
    assert "onbekend veld 'questons'" in message
    assert "bedoel je 'questions'?" in message


def test_unknown_field_in_warm_kind(base):
    path = base / "warm_story.toml"
    lines = path.read_text(encoding="utf-8").splitlines()
    number = next(i for i, line in enumerate(lines, 1) if line == 'label = "Mijn droom"')
    lines.insert(number, 'lable = "dubbel"')
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    message = load_error(None, base)
    assert message.startswith(f"prompts/warm_story.toml, regel {number + 1}:")
    assert "'lable'" in message


def test_missing_domain_file(base):
    (base / "domains" / "justitie.toml").unlink()
    message = load_error(None, base)
    assert message.startswith("prompts/domains/justitie.toml:")
    assert "ontbreekt" in message


def test_key_not_matching_file_name(base):
    lines = list(DOMAIN_LINES)
    lines[0] = 'key = "geld"'
    write_domain(base, lines)
    message = load_error(None, base)
    assert message.startswith("prompts/domains/financien.toml, regel 1:")
    assert "'geld'" in message and 'key = "financien"' in message


def test_level_missing(base):
    write_domain(base, DOMAIN_LINES[:-1])  # drop level 5
    message = load_error(None, base)
    assert message.startswith("prompts/domains/financien.toml, regel 9:")
    assert "niveau 5" in message


def test_unknown_level(base):
    write_domain(base, DOMAIN_LINES + ['6 = "zes"'])
    message = load_error(None, base)
    assert message.startswith("prompts/domains/financien.toml, regel 15:")
    assert "'6'" in message


def test_empty_level_text(base):
    lines = list(DOMAIN_LINES)
    lines[11] = '3 = "  "'
    write_domain(base, lines)
    assert load_error(None, base).startswith("prompts/domains/financien.toml, regel 12:")


def test_too_few_questions(base):
    lines = list(DOMAIN_LINES)
    lines[4] = 'questions = ["Vraag een?", "Vraag twee?"]'
    write_domain(base, lines)
    assert load_error(None, base) == (
        "prompts/domains/financien.toml, regel 5: 'questions' moet een lijst met 3 tot 6 vragen zijn."
    )


def test_too_many_questions_on_multiline_list(base):
    lines = list(DOMAIN_LINES)
    lines[4:5] = ["questions = ["] + [f'    "Vraag {n}?",' for n in range(7)] + ["]"]
    write_domain(base, lines)
    assert load_error(None, base).startswith("prompts/domains/financien.toml, regel 5:")


def test_scale_missing_score(base):
    path = base / "scale.toml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("score = 4", "score = 3"), encoding="utf-8")
    message = load_error(None, base)
    assert message.startswith("prompts/scale.toml, regel")
    assert "twee keer" in message


def test_warm_story_missing_kind(base):
    path = base / "warm_story.toml"
    text = path.read_text(encoding="utf-8")
    start = text.index('[[kind]]\nkey = "mensen"')
    path.write_text(text[:start], encoding="utf-8")
    message = load_error(None, base)
    assert message.startswith("prompts/warm_story.toml, regel")
    assert "mensen" in message


def test_not_utf8(base):
    (base / "domains" / "financien.toml").write_bytes(
        "\n".join(DOMAIN_LINES).replace("Geldzaken", "Financiën").encode("latin-1")
    )
    message = load_error(None, base)
    assert message.startswith("prompts/domains/financien.toml:")
    assert "UTF-8" in message


def test_error_carries_path_and_line(base):
    lines = list(DOMAIN_LINES)
    lines[2] = "short = 12"
    path = write_domain(base, lines)
    with pytest.raises(PromptsError) as info:
        load_content(base_dir=base)
    assert info.value.path == path
    assert info.value.line == 3
    assert isinstance(info.value, ValueError)
