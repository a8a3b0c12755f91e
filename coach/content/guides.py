"""The coach's handbook (guides/*.md): guide list, headings and anchors, domain sections, search."""

# Pure helpers without Textual, shared by the app, the CLI and the tests.
#
# Anchors follow the GitHub-style rule that Textual's Markdown widget also uses
# (textual._slug.slug): lowercase, ASCII punctuation removed except "-" and "_",
# each whitespace character becomes "-", accented letters kept as they are.
# Textual then percent-encodes its slugs ("financi%C3%ABn") while it unquotes
# clicked links, so an anchor with a non-ASCII letter does not resolve in its
# viewer: call textual_anchor() before Markdown.goto_anchor(), and keep
# cross-links between guides to ASCII anchors (tests enforce this).

from __future__ import annotations

import re
import string
import unicodedata
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from urllib.parse import quote, unquote

from markdown_it import MarkdownIt
from markdown_it.token import Token

INDEX = "index.md"

# Same character classes as textual._slug (kept in sync by tests/test_guides_content.py).
_REMOVABLE = string.punctuation.replace("-", "").replace("_", "")
_NONLINGUAL = (
    "\U000024c2-\U0001f251"
    "\U00002702-\U000027b0"
    "\U0001f1e0-\U0001f1ff"
    "\U0001f300-\U0001f5ff"
    "\U0001f600-\U0001f64f"
    "\U0001f680-\U0001f6ff"
    "\U0001f900-\U0001f9ff"
    "\u200d"
    "\u2640-\u2642"
)
_STRIP_RE = re.compile(f"[{re.escape(_REMOVABLE)}{_NONLINGUAL}]+")
_WHITESPACE_RE = re.compile(r"\s")
_DOMAIN_MARKER_RE = re.compile(r"<!--\s*domain:\s*([a-z_]+)\s*-->")
_LINE_MARKUP_RE = re.compile(r"^\s*(?:#{1,6}\s+|[-*+]\s+|\d+[.)]\s+|>\s*)+")


@dataclass(frozen=True)
class Guide:
    """One handbook file: its file name (``intake.md``), its ``#`` title and its path."""

    name: str
    title: str
    path: Path


@dataclass(frozen=True)
class Hit:
    """One search result: guide file name, slug of the section it is in, the matching line."""

    guide: str
    slug: str
    line: str


@lru_cache(maxsize=1)
def _parser() -> MarkdownIt:
    """Return the markdown-it parser configured like Textual's Markdown widget."""
    try:
        return MarkdownIt("gfm-like")
    except Exception:  # pragma: no cover - linkify extra missing
        return MarkdownIt("commonmark").enable("table")


def slugify(heading: str) -> str:
    """Turn a heading into its anchor, as GitHub and Textual do (accents kept, not percent-encoded)."""
    result = heading.strip().lower()
    result = _STRIP_RE.sub("", result)
    return _WHITESPACE_RE.sub("-", result)


def textual_anchor(slug: str) -> str:
    """Return the form of a slug that Textual's ``Markdown.goto_anchor`` compares against."""
    return quote(slug)


def _inline_text(token: Token) -> str:
    """Return the plain text of an inline token: markup dropped, code and text kept."""
    if not token.children:
        return token.content
    parts: list[str] = []
    for child in token.children:
        if child.type in ("text", "code_inline"):
            parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            parts.append(" ")
    return "".join(parts)


def _unique(slugs: list[str]) -> list[str]:
    """Number repeated slugs -1, -2, … as GitHub and Textual do."""
    used: Counter[str] = Counter()
    result: list[str] = []
    for slug in slugs:
        count = used[slug]
        used[slug] += 1
        result.append(f"{slug}-{count}" if count else slug)
    return result


# Cached on the text: search runs on every keystroke and parsing is most of its cost.
@lru_cache(maxsize=64)
def _sections(text: str) -> tuple[tuple[int, str, str, int, tuple[str, ...]], ...]:
    """Return (level, title, slug, first line, html comments below it) per heading, in order."""
    tokens = _parser().parse(text)
    found: list[tuple[int, str, int, list[str]]] = []
    for i, token in enumerate(tokens):
        if token.type == "heading_open":
            title = _inline_text(tokens[i + 1]).strip()
            line = token.map[0] if token.map else 0
            found.append((int(token.tag[1:]), title, line, []))
        elif token.type == "html_block" and found:
            found[-1][3].append(token.content)
    slugs = _unique([slugify(title) for _level, title, _line, _html in found])
    return tuple((lv, t, slug, ln, tuple(html)) for (lv, t, ln, html), slug in zip(found, slugs, strict=False))


def headings(text: str) -> list[tuple[int, str, str]]:
    """Return (level, title, slug) per heading; repeated slugs get -1, -2 like GitHub and Textual."""
    return [(level, title, slug) for level, title, slug, _line, _html in _sections(text)]


def links(text: str) -> list[str]:
    """Return the target of every Markdown link in the text, percent-decoded, in order."""
    return list(_links(text))


@lru_cache(maxsize=64)
def _links(text: str) -> tuple[str, ...]:
    """links(), cached on the text (search reads index.md's links on every call)."""
    found: list[str] = []
    for token in _parser().parse(text):
        for child in token.children or ():
            if child.type == "link_open" and "href" in child.attrs:
                found.append(unquote(str(child.attrs["href"])))
    return tuple(found)


def clear_caches() -> None:
    """Forget every parsed guide, so the next search reads the files afresh (for a changed handbook, or a benchmark)."""
    _sections.cache_clear()
    _links.cache_clear()


def plain_text(line: str) -> str:
    """Return one line of Markdown as the reader sees it: emphasis, code marks and link targets dropped."""
    tokens = _parser().parseInline(line)
    return "".join(_inline_text(token) for token in tokens).strip()


def title_of(text: str) -> str:
    """Return the first level-1 heading of a guide, or an empty string."""
    for level, title, _slug in headings(text):
        if level == 1:
            return title
    return ""


def _guide(path: Path) -> Guide:
    """Read one guide file into a Guide."""
    text = path.read_text(encoding="utf-8")
    return Guide(name=path.name, title=title_of(text) or path.stem, path=path)


def list_guides(folder: Path) -> list[Guide]:
    """Return all guides: index first, then in the order index.md links them, then the rest by name."""
    folder = Path(folder)
    files = {p.name: p for p in folder.glob("*.md") if p.is_file()}
    order: list[str] = []
    if INDEX in files:
        order.append(INDEX)
        for target in links(files[INDEX].read_text(encoding="utf-8")):
            name = target.partition("#")[0]
            if name in files and name not in order:
                order.append(name)
    order += sorted(name for name in files if name not in order)
    return [_guide(files[name]) for name in order]


def domain_section(folder: Path, key: str) -> tuple[str, str]:
    """Return (guide file name, heading slug) of the section marked ``<!-- domain: key -->``."""
    for guide in list_guides(folder):
        for _level, _title, slug, _line, html in _sections(guide.path.read_text(encoding="utf-8")):
            for block in html:
                if any(match == key for match in _DOMAIN_MARKER_RE.findall(block)):
                    return guide.name, slug
    raise KeyError(f"geen handleiding-sectie voor leefgebied '{key}'")


def _fold(text: str) -> str:
    """Lowercase and drop accents, so 'financien' finds 'Financiën'."""
    folded = text.casefold()
    if folded.isascii():  # most lines: nothing to drop
        return folded
    decomposed = unicodedata.normalize("NFKD", folded)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def search(folder: Path, query: str, limit: int | None = None) -> list[Hit]:
    """Find lines containing every word of the query (case- and accent-insensitive) in all guides."""
    terms = _fold(query).split()
    if not terms:
        return []
    hits: list[Hit] = []
    for guide in list_guides(folder):
        text = guide.path.read_text(encoding="utf-8")
        starts = [(line, slug) for _level, _title, slug, line, _html in _sections(text)]
        slug = ""
        upcoming = 0
        for number, raw in enumerate(text.splitlines()):
            while upcoming < len(starts) and starts[upcoming][0] <= number:
                slug = starts[upcoming][1]
                upcoming += 1
            line = raw.strip()
            if not line or line.startswith("<!--"):
                continue
            folded = _fold(line)
            if all(term in folded for term in terms):
                hits.append(Hit(guide.name, slug, _LINE_MARKUP_RE.sub("", line)))
                if limit is not None and len(hits) >= limit:
                    return hits
    return hits


def match_spans(line: str, query: str) -> list[tuple[int, int]]:
    """Return (start, end) in `line` of every query word, found as search() finds them, sorted."""
    folded: list[str] = []
    origin: list[int] = []
    for index, char in enumerate(line):
        part = _fold(char)
        folded.append(part)
        origin.extend([index] * len(part))
    text = "".join(folded)
    spans: list[tuple[int, int]] = []
    for term in _fold(query).split():
        start = text.find(term)
        while start != -1:
            end = start + len(term)
            spans.append((origin[start], origin[end - 1] + 1))
            start = text.find(term, end)
    return sorted(spans)
