"""The public helpers that read prompts/ files: field checks, Dutch errors with file and line, data folders."""

from __future__ import annotations

from pathlib import Path

import pytest

from coach import paths
from coach.content import toml_source
from coach.content.toml_source import (
    PromptsError,
    TomlSource,
    array_of_tables,
    check_fields,
    did_you_mean,
    find_line,
    first_source,
    folders,
    normalise_words,
    shipped_prompts,
    table_field,
    text,
    texts,
    whole_number,
)

SAMPLE = """\
# a comment
title = "Hallo"
empty = "  "
count = 3
flag = true
words = ["een", " twee "]
mixed = ["een", 2]
long = \"\"\"
key = "not a key"
\"\"\"

[block]
name = "binnen"

[[block.example]]
before = "a"

[[item]]
name = "eerste"

[[item]]
name = "tweede"
"""


@pytest.fixture
def src(tmp_path: Path) -> TomlSource:
    (tmp_path / "sample.toml").write_text(SAMPLE, encoding="utf-8")
    return TomlSource.read(tmp_path, "sample.toml")


def failure(call, *args) -> PromptsError:
    with pytest.raises(PromptsError) as info:
        call(*args)
    return info.value


def test_a_source_knows_its_file_text_and_data(src: TomlSource, tmp_path: Path) -> None:
    assert src.shown == f"{tmp_path.name}/sample.toml"
    assert src.path == tmp_path / "sample.toml"
    assert src.data["title"] == "Hallo" and src.text == SAMPLE


def test_find_line_follows_tables_arrays_and_skips_multiline_strings() -> None:
    assert find_line(SAMPLE, ("title",)) == 2
    assert find_line(SAMPLE, ("block", "name")) == 13
    assert find_line(SAMPLE, ("item", 1, "name")) == 22
    assert find_line(SAMPLE, ("block", "example", 0, "before")) == 16
    # A key written inside a multi-line string is text, not a key.
    assert find_line(SAMPLE, ("key",)) is None
    # An unknown key falls back to the nearest parent that is written.
    assert find_line(SAMPLE, ("item", 0, "missing")) == 18


def test_fail_names_file_and_line(src: TomlSource) -> None:
    error = failure(src.fail, "klopt niet.", ("block", "name"))
    assert error.line == 13 and error.path == src.path
    assert str(error) == f"{src.shown}, regel 13: klopt niet."


def test_invalid_toml_names_line_and_column(tmp_path: Path) -> None:
    (tmp_path / "bad.toml").write_text('ok = "ja"\nkapot = "open\n', encoding="utf-8")
    error = failure(TomlSource.read, tmp_path, "bad.toml")
    assert error.line == 2 and error.column
    assert "geen geldige TOML" in error.problem and "Traceback" not in str(error)


def test_not_utf8_is_said_in_dutch(tmp_path: Path) -> None:
    (tmp_path / "latin.toml").write_bytes('naam = "café"\n'.encode("latin-1"))
    assert "geen UTF-8" in failure(TomlSource.read, tmp_path, "latin.toml").problem


def test_a_byte_order_mark_is_accepted(tmp_path: Path) -> None:
    (tmp_path / "bom.toml").write_bytes('naam = "café"\n'.encode("utf-8-sig"))
    assert TomlSource.read(tmp_path, "bom.toml").data == {"naam": "café"}


def test_did_you_mean_names_only_a_close_option() -> None:
    assert did_you_mean("lable", ("label", "key")) == " (bedoel je 'label'?)"
    assert did_you_mean("xyz", ("label", "key")) == ""


def test_normalise_words_lowercases_and_drops_repeats_in_order() -> None:
    assert normalise_words(["Schuld", "deur  waarder", "schuld", " Deur waarder "]) == ("schuld", "deur waarder")


def test_check_fields_rejects_unknown_and_missing(src: TomlSource) -> None:
    table = {"name": "x", "nmae": "y"}
    unknown = failure(check_fields, src, table, ("name", "other"), ("block",))
    assert "onbekend veld 'nmae'" in unknown.problem and "bedoel je 'name'" in unknown.problem
    missing = failure(check_fields, src, {"name": "x"}, ("name", "other"), ("block",))
    assert missing.problem == "'other' ontbreekt. Voeg het veld toe." and missing.line == 12
    check_fields(src, {"name": "x"}, ("name",), ())


def test_text_strips_and_refuses_empty_or_non_text(src: TomlSource) -> None:
    assert text(src, {"a": "  hoi "}, "a", ()) == "hoi"
    assert "is leeg" in failure(text, src, src.data, "empty", ()).problem
    wrong = failure(text, src, src.data, "count", ())
    assert "tekst tussen aanhalingstekens" in wrong.problem and wrong.line == 4


def test_texts_checks_the_count_and_every_item(src: TomlSource) -> None:
    assert texts(src, src.data, "words", (), 1, None, "woorden") == ("een", "twee")
    assert texts(src, src.data, "words", (), 2, 2, "woorden") == ("een", "twee")
    too_many = failure(texts, src, src.data, "words", (), 1, 1, "woorden")
    assert "een lijst met 1 tot 1 woorden" in too_many.problem
    assert "alleen teksten" in failure(texts, src, src.data, "mixed", (), 1, None, "woorden").problem
    assert "niet-lege lijst met vragen" in failure(texts, src, {"q": []}, "q", (), 1, None, "vragen").problem


def test_whole_number_refuses_true_and_out_of_range(src: TomlSource) -> None:
    assert whole_number(src, src.data, "count", (), 1, 5) == 3
    assert "heel getal van 4 tot en met 5" in failure(whole_number, src, src.data, "count", (), 4, 5).problem
    assert "heel getal" in failure(whole_number, src, src.data, "flag", (), 0, 5).problem


def test_table_field_and_arrays_of_tables(src: TomlSource) -> None:
    assert table_field(src, src.data, "block", ())["name"] == "binnen"
    assert "moet een blok [title]" in failure(table_field, src, src.data, "title", ()).problem
    assert [item["name"] for item in array_of_tables(src, "item")] == ["eerste", "tweede"]
    assert array_of_tables(src, "example", src.data["block"], ("block",)) == [{"before": "a"}]
    top = failure(array_of_tables, src, "block")
    assert "elk beginnend met [[block]] (twee vierkante haken)" in top.problem
    nested = failure(array_of_tables, src, "name", src.data["block"], ("block",))
    assert "[[block.name]]" in nested.problem


def test_first_source_prefers_the_override_and_names_ours_when_missing(tmp_path: Path) -> None:
    own, ours = tmp_path / "eigen", tmp_path / "prompts"
    own.mkdir()
    ours.mkdir()
    (ours / "a.toml").write_text('who = "ons"\n', encoding="utf-8")
    (ours / "b.toml").write_text('who = "ons"\n', encoding="utf-8")
    (own / "a.toml").write_text('who = "eigen"\n', encoding="utf-8")
    places = folders(own, ours)
    assert places == [own, ours]
    assert first_source(places, "a.toml").data["who"] == "eigen"
    assert first_source(places, "b.toml").data["who"] == "ons"
    missing = failure(first_source, places, "c.toml")
    assert missing.shown == "prompts/c.toml" and "ontbreekt" in missing.problem


def test_folders_default_to_the_shipped_prompts() -> None:
    assert folders(None, None) == [paths.prompts_dir()]


def test_a_missing_shipped_folder_is_a_dutch_error(monkeypatch: pytest.MonkeyPatch) -> None:
    def gone() -> Path:
        raise FileNotFoundError("content folder 'prompts' not found")

    monkeypatch.setattr(toml_source.paths, "prompts_dir", gone)
    assert "Installeer coach opnieuw" in failure(shipped_prompts).problem


def test_shipped_dir_finds_a_wheel_and_a_checkout(tmp_path: Path) -> None:
    checkout = tmp_path / "checkout"
    (checkout / "coach").mkdir(parents=True)
    (checkout / "prompts").mkdir()
    assert paths.shipped_dir("prompts", checkout / "coach") == checkout / "prompts"

    # Installed: the wheel's copy inside the package wins over a same-named folder in site-packages.
    site = tmp_path / "site-packages"
    (site / "coach" / "_data" / "prompts").mkdir(parents=True)
    (site / "prompts").mkdir()
    assert paths.shipped_dir("prompts", site / "coach") == site / "coach" / "_data" / "prompts"

    with pytest.raises(FileNotFoundError):
        paths.shipped_dir("guides", site / "coach")


def test_the_shipped_folders_are_found_from_this_checkout() -> None:
    assert (paths.prompts_dir() / "scale.toml").is_file()
    assert (paths.guides_dir() / "index.md").is_file()
