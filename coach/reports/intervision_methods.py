"""Load and check prompts/intervision.toml: the intervision methods, section titles and question help."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from coach import paths
from coach.conversation.prompts import (
    PromptsError,
    _array_of_tables,
    _check_fields,
    _did_you_mean,
    _Source,
    _text,
    _texts,
)
from coach.domain.domains import Content

INTERVISION_FILE = "intervision.toml"

# The sections of a summary; their order and titles come from the file.
SECTIONS: tuple[str, ...] = (
    "kort",
    "warm_verhaal",
    "leefgebieden",
    "gebeurd",
    "afspraken",
    "geprobeerd",
    "eigen_aandeel",
    "vraag",
    "werkwijze",
)
FOCUSES = ("moment", "verloop")
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


@dataclass(frozen=True)
class Method:
    """An intervision method: when it fits, its steps, what to bring, and how its summary is laid out."""

    key: str
    label: str
    when: str
    focus: str
    sections: tuple[str, ...]
    titles: dict[str, str]
    reminder: str
    steps: tuple[str, ...]
    bring: tuple[str, ...]

    def title(self, section: str) -> str:
        """The heading of a section in this method's summary."""
        return self.titles[section]


@dataclass(frozen=True)
class Rewrite:
    """A question that starts like `pattern` gets these suggestions, {group} filled in."""

    pattern: re.Pattern[str]
    into: tuple[str, ...]


@dataclass(frozen=True)
class QuestionHelp:
    """What helps a coach turn a question about the young person into a learning question about themselves."""

    tips: tuple[str, ...]
    starters: tuple[str, ...]
    own_words: frozenset[str]
    about_youth: tuple[str, ...]
    examples: tuple[tuple[str, str], ...]
    rewrites: tuple[Rewrite, ...]
    advice: dict[str, str]


@dataclass(frozen=True)
class IntervisionContent:
    """Everything intervision.toml holds."""

    methods: tuple[Method, ...]
    question: QuestionHelp
    recent_contacts: int = 6
    note_length: int = 240

    def method(self, key: str) -> Method:
        """The method with this key; KeyError when there is none."""
        for method in self.methods:
            if method.key == key:
                return method
        raise KeyError(key)

    @property
    def keys(self) -> tuple[str, ...]:
        """The method keys, in the file's order."""
        return tuple(method.key for method in self.methods)


def load_intervision(override_dir: Path | None = None, base_dir: Path | None = None) -> IntervisionContent:
    """intervision.toml from the organisation's folder when it has one, else ours; checked."""
    base = Path(base_dir) if base_dir is not None else paths.prompts_dir()
    for folder in ([Path(override_dir)] if override_dir is not None else []) + [base]:
        if (folder / INTERVISION_FILE).is_file():
            return parse_intervision(_Source.read(folder, INTERVISION_FILE))
    raise PromptsError(
        f"{base.name}/{INTERVISION_FILE}",
        "dit bestand ontbreekt. Zet het terug (of geef het in jullie eigen map).",
        path=base / INTERVISION_FILE,
    )


def intervision_content(content: Content | None = None) -> IntervisionContent:
    """The intervision content loaded with the rest of the prompts, or ours when it was not."""
    found = content.extra.get("intervision") if content is not None else None
    return found if isinstance(found, IntervisionContent) else load_intervision()


def _number(src: _Source, name: str, low: int, high: int) -> int:
    value = src.data[name]
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        src.fail(f"'{name}' moet een heel getal van {low} tot en met {high} zijn.", (name,))
    return value


def _table(src: _Source, table: dict[str, Any], name: str, at: tuple[str | int, ...]) -> dict[str, Any]:
    value = table[name]
    if not isinstance(value, dict):
        src.fail(f"'{name}' moet een blok [{name}] zijn.", (*at, name))
    return value


def _blocks(src: _Source, table: dict[str, Any], name: str, at: tuple[str | int, ...]) -> list[dict[str, Any]]:
    value = table[name]
    if not isinstance(value, list) or not all(isinstance(item, dict) for item in value):
        src.fail(
            f"'{name}' moet een reeks blokken zijn, elk beginnend met [[{'.'.join(map(str, at))}.{name}]].", (*at, name)
        )
    return value


def _titles(src: _Source, table: dict[str, Any], at: tuple[str | int, ...], required: bool) -> dict[str, str]:
    for name in table:
        if name not in SECTIONS:
            src.fail(
                f"onbekend kopje '{name}'{_did_you_mean(name, SECTIONS)}. Mogelijk zijn: {', '.join(SECTIONS)}.",
                (*at, name),
            )
    if required:
        missing = [name for name in SECTIONS if name not in table]
        if missing:
            src.fail(f"onder [titles] ontbreekt: {', '.join(missing)}. Geef elk kopje een titel.", at)
    return {name: _text(src, table, name, at) for name in table}


def _method(src: _Source, item: dict[str, Any], index: int, titles: dict[str, str]) -> Method:
    at: tuple[str | int, ...] = ("method", index)
    own_titles = _titles(src, _table(src, item, "titles", at), (*at, "titles"), False) if "titles" in item else {}
    _check_fields(src, {k: v for k, v in item.items() if k != "titles"}, _METHOD_FIELDS, at)
    key = _text(src, item, "key", at)
    if not _KEY.match(key):
        src.fail(f"'key' = '{key}' mag alleen kleine letters, cijfers en _ bevatten, zoals \"incident\".", (*at, "key"))
    focus = _text(src, item, "focus", at)
    if focus not in FOCUSES:
        src.fail(f"'focus' moet \"moment\" of \"verloop\" zijn, niet '{focus}'.", (*at, "focus"))
    sections = _texts(src, item, "sections", at, 1, len(SECTIONS), "kopjes")
    for name in sections:
        if name not in SECTIONS:
            src.fail(
                f"onbekend kopje '{name}' in 'sections'{_did_you_mean(name, SECTIONS)}. "
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
        label=_text(src, item, "label", at),
        when=_text(src, item, "when", at),
        focus=focus,
        sections=sections,
        titles={**titles, **own_titles},
        reminder=_text(src, item, "reminder", at),
        steps=_texts(src, item, "steps", at, 3, 12, "stappen"),
        bring=_texts(src, item, "bring", at, 1, 8, "punten"),
    )


def _rewrite(src: _Source, item: dict[str, Any], at: tuple[str | int, ...]) -> Rewrite:
    _check_fields(src, item, ("pattern", "into"), at)
    raw = _text(src, item, "pattern", at)
    try:
        pattern = re.compile(raw, re.IGNORECASE)
    except re.error as error:
        src.fail(f"'pattern' is geen geldige reguliere expressie ({error.msg}).", (*at, "pattern"))
    into = _texts(src, item, "into", at, 1, 5, "voorstellen")
    for text in into:
        for slot in _SLOT.findall(text):
            if slot not in pattern.groupindex:
                src.fail(
                    f"het voorstel '{text}' gebruikt {{{slot}}}, maar 'pattern' heeft geen groep (?P<{slot}>…).",
                    (*at, "into"),
                )
    return Rewrite(pattern, into)


def _question(src: _Source, table: dict[str, Any]) -> QuestionHelp:
    at: tuple[str | int, ...] = ("question",)
    _check_fields(src, table, _QUESTION_FIELDS, at)
    examples = []
    for index, item in enumerate(_blocks(src, table, "example", at)):
        where = (*at, "example", index)
        _check_fields(src, item, ("before", "after"), where)
        examples.append((_text(src, item, "before", where), _text(src, item, "after", where)))
    rewrites = tuple(
        _rewrite(src, item, (*at, "rewrite", index)) for index, item in enumerate(_blocks(src, table, "rewrite", at))
    )
    advice_keys = ("about_youth_advice", "not_own_advice", "not_a_question_advice", "name_advice", "good_advice")
    return QuestionHelp(
        tips=_texts(src, table, "tips", at, 1, 8, "tips"),
        starters=_texts(src, table, "starters", at, 1, 8, "begins"),
        own_words=frozenset(word.lower() for word in _texts(src, table, "own_words", at, 1, None, "woorden")),
        about_youth=tuple(
            " ".join(p.lower().split()) for p in _texts(src, table, "about_youth", at, 1, None, "woordgroepen")
        ),
        examples=tuple(examples),
        rewrites=rewrites,
        advice={key.removesuffix("_advice"): _text(src, table, key, at) for key in advice_keys},
    )


def parse_intervision(src: _Source) -> IntervisionContent:
    """Check every field of intervision.toml and turn it into IntervisionContent."""
    _check_fields(src, src.data, _FIELDS, ())
    titles = _titles(src, _table(src, src.data, "titles", ()), ("titles",), True)
    methods: list[Method] = []
    for index, item in enumerate(_array_of_tables(src, "method")):
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
        question=_question(src, _table(src, src.data, "question", ())),
        recent_contacts=_number(src, "recent_contacts", 1, 50),
        note_length=_number(src, "note_length", 40, 2000),
    )
