"""Load and check prompts/intervision.toml: the intervision methods, section titles and question help."""

from __future__ import annotations

import re
from pathlib import Path

from coach.content.model import FOCUSES, SECTIONS, Content, IntervisionContent, Method, QuestionHelp, Rewrite
from coach.content.toml_source import (
    At,
    Table,
    TomlSource,
    array_of_tables,
    check_fields,
    did_you_mean,
    first_source,
    folders,
    table_field,
    text,
    texts,
    whole_number,
)

INTERVISION_FILE = "intervision.toml"

_FIELDS = ("recent_contacts", "note_length", "titles", "method", "question")
_METHOD_FIELDS = ("key", "label", "when", "focus", "sections", "reminder", "steps", "bring")
_QUESTION_FIELDS = (
    "tips",
    "starters",
    "own_words",
    "about_youth",
    "about_youth_advice",
    "not_own_advice",
    "not_a_question_advice",
    "name_advice",
    "good_advice",
    "example",
    "rewrite",
)
_KEY = re.compile(r"^[a-z][a-z0-9_]*$")
_SLOT = re.compile(r"\{(\w*)\}")


def load_intervision(override_dir: Path | None = None, base_dir: Path | None = None) -> IntervisionContent:
    """intervision.toml from the organisation's folder when it has one, else ours; checked."""
    return parse_intervision(first_source(folders(override_dir, base_dir), INTERVISION_FILE))


def intervision_content(content: Content) -> IntervisionContent:
    """The intervision part of loaded prompts (the same as ``content.intervision``)."""
    return content.intervision


def _titles(src: TomlSource, table: Table, at: At, required: bool) -> dict[str, str]:
    for name in table:
        if name not in SECTIONS:
            src.fail(
                f"onbekend kopje '{name}'{did_you_mean(name, SECTIONS)}. Mogelijk zijn: {', '.join(SECTIONS)}.",
                (*at, name),
            )
    if required:
        missing = [name for name in SECTIONS if name not in table]
        if missing:
            src.fail(f"onder [titles] ontbreekt: {', '.join(missing)}. Geef elk kopje een titel.", at)
    return {name: text(src, table, name, at) for name in table}


def _method(src: TomlSource, item: Table, index: int, titles: dict[str, str]) -> Method:
    at: At = ("method", index)
    own_titles = _titles(src, table_field(src, item, "titles", at), (*at, "titles"), False) if "titles" in item else {}
    check_fields(src, {k: v for k, v in item.items() if k != "titles"}, _METHOD_FIELDS, at)
    key = text(src, item, "key", at)
    if not _KEY.match(key):
        src.fail(f"'key' = '{key}' mag alleen kleine letters, cijfers en _ bevatten, zoals \"incident\".", (*at, "key"))
    focus = text(src, item, "focus", at)
    if focus not in FOCUSES:
        src.fail(f"'focus' moet \"moment\" of \"verloop\" zijn, niet '{focus}'.", (*at, "focus"))
    sections = texts(src, item, "sections", at, 1, len(SECTIONS), "kopjes")
    for name in sections:
        if name not in SECTIONS:
            src.fail(
                f"onbekend kopje '{name}' in 'sections'{did_you_mean(name, SECTIONS)}. "
                f"Mogelijk zijn: {', '.join(SECTIONS)}.",
                (*at, "sections"),
            )
    if len(set(sections)) != len(sections):
        src.fail("'sections' noemt een kopje twee keer; elk kopje één keer.", (*at, "sections"))
    for needed in ("gebeurd", "vraag"):
        if needed not in sections:
            src.fail(f"'sections' moet '{needed}' bevatten: zonder kan de groep niets.", (*at, "sections"))
    return Method(
        key=key,
        label=text(src, item, "label", at),
        when=text(src, item, "when", at),
        focus=focus,
        sections=sections,
        titles={**titles, **own_titles},
        reminder=text(src, item, "reminder", at),
        steps=texts(src, item, "steps", at, 3, 12, "stappen"),
        bring=texts(src, item, "bring", at, 1, 8, "punten"),
    )


def _rewrite(src: TomlSource, item: Table, at: At) -> Rewrite:
    check_fields(src, item, ("pattern", "into"), at)
    raw = text(src, item, "pattern", at)
    try:
        pattern = re.compile(raw, re.IGNORECASE)
    except re.error as error:
        src.fail(f"'pattern' is geen geldige reguliere expressie ({error.msg}).", (*at, "pattern"))
    into = texts(src, item, "into", at, 1, 5, "voorstellen")
    for suggestion in into:
        for slot in _SLOT.findall(suggestion):
            if slot not in pattern.groupindex:
                src.fail(
                    f"het voorstel '{suggestion}' gebruikt {{{slot}}}, maar 'pattern' heeft geen groep (?P<{slot}>…).",
                    (*at, "into"),
                )
    return Rewrite(pattern, into)


def _question(src: TomlSource, table: Table) -> QuestionHelp:
    at: At = ("question",)
    check_fields(src, table, _QUESTION_FIELDS, at)
    examples = []
    for index, item in enumerate(array_of_tables(src, "example", table, at)):
        where = (*at, "example", index)
        check_fields(src, item, ("before", "after"), where)
        examples.append((text(src, item, "before", where), text(src, item, "after", where)))
    rewrites = tuple(
        _rewrite(src, item, (*at, "rewrite", index))
        for index, item in enumerate(array_of_tables(src, "rewrite", table, at))
    )
    advice_keys = ("about_youth_advice", "not_own_advice", "not_a_question_advice", "name_advice", "good_advice")
    return QuestionHelp(
        tips=texts(src, table, "tips", at, 1, 8, "tips"),
        starters=texts(src, table, "starters", at, 1, 8, "begins"),
        own_words=frozenset(word.lower() for word in texts(src, table, "own_words", at, 1, None, "woorden")),
        about_youth=tuple(
            " ".join(p.lower().split()) for p in texts(src, table, "about_youth", at, 1, None, "woordgroepen")
        ),
        examples=tuple(examples),
        rewrites=rewrites,
        advice={key.removesuffix("_advice"): text(src, table, key, at) for key in advice_keys},
    )


def parse_intervision(src: TomlSource) -> IntervisionContent:
    """Check every field of intervision.toml and turn it into IntervisionContent."""
    check_fields(src, src.data, _FIELDS, ())
    titles = _titles(src, table_field(src, src.data, "titles", ()), ("titles",), True)
    methods: list[Method] = []
    for index, item in enumerate(array_of_tables(src, "method")):
        method = _method(src, item, index, titles)
        if any(other.key == method.key for other in methods):
            src.fail(
                f"de methode '{method.key}' staat er twee keer in; elke methode één keer.", ("method", index, "key")
            )
        methods.append(method)
    if not methods:
        src.fail("er staat geen enkele methode in. Voeg een [[method]]-blok toe.", ("method",))
    return IntervisionContent(
        methods=tuple(methods),
        question=_question(src, table_field(src, src.data, "question", ())),
        recent_contacts=whole_number(src, src.data, "recent_contacts", (), 1, 50),
        note_length=whole_number(src, src.data, "note_length", (), 40, 2000),
    )
