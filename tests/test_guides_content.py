"""Checks on the handbook in guides/: structure, links, domain sections, search, originality."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import unquote

import pytest

from coach.content.guides import (
    Guide,
    clear_caches,
    domain_section,
    headings,
    links,
    list_guides,
    match_spans,
    plain_text,
    search,
    slugify,
    textual_anchor,
)
from coach.domain.domains import DOMAIN_KEYS

ROOT = Path(__file__).resolve().parents[1]
GUIDES = ROOT / "guides"
SEED = ROOT.parent / "shared" / "seed"

EXPECTED = [
    "index.md",
    "intake.md",
    "warm-verhaal.md",
    "houding.md",
    "huisbezoek.md",
    "veiligheid.md",
    "continuiteit.md",
    "afbouw-loslaten.md",
    "netwerk.md",
    "notities.md",
    "intervisie.md",
    "privacy.md",
    "app.md",
]

DOMAIN_LABELS = {
    "financien": "Financiën",
    "werk_opleiding": "Werk en opleiding",
    "tijdsbesteding": "Tijdsbesteding",
    "huisvesting": "Huisvesting",
    "huiselijke_relaties": "Huiselijke relaties",
    "geestelijke_gezondheid": "Geestelijke gezondheid",
    "lichamelijke_gezondheid": "Lichamelijke gezondheid",
    "middelengebruik": "Middelengebruik",
    "basale_adl": "Basale ADL",
    "instrumentele_adl": "Instrumentele ADL",
    "sociaal_netwerk": "Sociaal netwerk",
    "maatschappelijke_participatie": "Maatschappelijke participatie",
    "justitie": "Justitie",
}

EXTERNAL = re.compile(r"^[a-z][a-z0-9+.-]*:", re.IGNORECASE)
RUN = 8


def _text(name: str) -> str:
    """Read one guide."""
    return (GUIDES / name).read_text(encoding="utf-8")


def _section(text: str, title: str) -> str:
    """Return the lines under the level-2 heading `title`, up to the next level-2 heading."""
    lines = text.splitlines()
    start = lines.index(f"## {title}")
    end = next((i for i in range(start + 1, len(lines)) if lines[i].startswith("## ")), len(lines))
    return "\n".join(lines[start + 1 : end])


def _words(text: str) -> list[str]:
    """Lowercase words without punctuation; words broken over a line with a hyphen are rejoined."""
    text = re.sub(r"(\w)-\s*\n\s*(\w)", r"\1\2", text)
    return re.findall(r"[^\W_]+", text.lower())


# --- the set of guides ---------------------------------------------------------------


def test_every_expected_guide_exists_with_title_and_sections():
    for name in EXPECTED:
        path = GUIDES / name
        assert path.is_file(), f"{name} ontbreekt in guides/"
        text = path.read_text(encoding="utf-8")
        first = next(line for line in text.splitlines() if line.strip())
        assert first.startswith("# "), f"{name} begint niet met een '# Titel'"
        found = headings(text)
        assert found[0][0] == 1 and found[0][1] == first[2:].strip()
        assert sum(1 for level, _t, _s in found if level == 1) == 1, f"{name} heeft meer dan één #-titel"
        assert sum(1 for level, _t, _s in found if level == 2) >= 3, f"{name} heeft te weinig ##-secties"


def test_index_links_every_guide_and_sets_the_order():
    targets = [t.partition("#")[0] for t in links(_text("index.md"))]
    on_disk = sorted(p.name for p in GUIDES.glob("*.md"))
    for name in on_disk:
        if name != "index.md":
            assert name in targets, f"{name} wordt niet gelinkt vanuit index.md"
    guides = list_guides(GUIDES)
    assert all(isinstance(g, Guide) for g in guides)
    assert [g.name for g in guides] == EXPECTED
    assert guides[1].title == "De integrale intake"
    assert guides[1].path == GUIDES / "intake.md"


# --- links and anchors -------------------------------------------------------------------


def _internal_links() -> list[tuple[str, str, str]]:
    """Every internal link as (source guide, target file, anchor)."""
    found = []
    for path in sorted(GUIDES.glob("*.md")):
        for href in links(path.read_text(encoding="utf-8")):
            if EXTERNAL.match(href):
                continue
            target, _, anchor = href.partition("#")
            found.append((path.name, target or path.name, anchor))
    return found


def test_every_internal_link_resolves():
    found = _internal_links()
    assert len(found) >= 40, "het handboek heeft opvallend weinig interne links"
    for source, target, anchor in found:
        path = GUIDES / target
        assert path.is_file(), f"{source}: link naar {target}, maar dat bestand bestaat niet"
        if anchor:
            slugs = {slug for _level, _title, slug in headings(path.read_text(encoding="utf-8"))}
            assert anchor in slugs, f"{source}: anker #{anchor} bestaat niet in {target}"


def test_link_anchors_work_in_the_textual_viewer():
    # Textual compares the unquoted href with a percent-encoded slug, so only ASCII anchors match.
    for source, target, anchor in _internal_links():
        assert anchor == textual_anchor(anchor), f"{source}: anker #{anchor} naar {target} is niet ASCII"


def test_every_guide_links_to_other_guides():
    sources: dict[str, set[str]] = {}
    for source, target, _anchor in _internal_links():
        if target != source:
            sources.setdefault(source, set()).add(target)
    for name in EXPECTED:
        assert len(sources.get(name, ())) >= 1, f"{name} verwijst naar geen enkele andere handleiding"
    deep = [a for _s, _t, a in _internal_links() if a]
    assert len(deep) >= 25, "te weinig links naar een specifieke sectie"


# --- the thirteen domains ----------------------------------------------------------------


def test_domain_labels_cover_the_domain_keys():
    assert tuple(DOMAIN_LABELS) == DOMAIN_KEYS


@pytest.mark.parametrize("key", DOMAIN_KEYS)
def test_every_domain_has_its_section(key):
    name, slug = domain_section(GUIDES, key)
    label = DOMAIN_LABELS[key]
    assert name == "intake.md"
    assert slug == slugify(label)
    text = _text(name)
    assert (2, label, slug) in headings(text)
    lines = text.splitlines()
    at = lines.index(f"## {label}")
    assert lines[at + 1].strip() == f"<!-- domain: {key} -->", f"marker niet direct onder '## {label}'"


@pytest.mark.parametrize("key", DOMAIN_KEYS)
def test_every_domain_section_has_questions_and_five_levels(key):
    body = _section(_text("intake.md"), DOMAIN_LABELS[key])
    questions = re.findall(r'^- ".+', body, re.MULTILINE)
    assert len(questions) >= 3, f"{key}: minder dan drie voorbeeldvragen"
    levels = [int(n) for n in re.findall(r"^(\d)\. \S", body, re.MULTILINE)]
    assert levels == [1, 2, 3, 4, 5], f"{key}: niveaus 1 tot 5 niet compleet ({levels})"
    assert "**Waar let je op.**" in body


def test_unknown_domain_has_no_section():
    with pytest.raises(KeyError):
        domain_section(GUIDES, "bestaat_niet")


def test_domain_markers_are_unique():
    markers = re.findall(r"<!-- domain: ([a-z_]+) -->", "".join(_text(n) for n in EXPECTED))
    assert sorted(markers) == sorted(DOMAIN_KEYS)


# --- topic content -----------------------------------------------------------------------


def test_warm_story_names_the_six_kinds():
    titles = {title for _level, title, _slug in headings(_text("warm-verhaal.md"))}
    for kind in ("Belangrijk", "Trots", "Kracht", "Droom", "Volhouden", "Mensen"):
        assert kind in titles, f"warm-verhaal.md mist de soort {kind}"


def test_intervision_describes_both_methods_step_by_step():
    text = _text("intervisie.md")
    for title in ("De incidentmethode", "De roddelmethode"):
        body = _section(text, title)
        steps = re.findall(r"^\d\. \*\*", body, re.MULTILINE)
        assert len(steps) >= 5, f"{title}: te weinig stappen"
        assert "voorbereiding" in body, f"{title}: zegt niet wat de inbrenger moet voorbereiden"


def test_attitude_guide_has_the_direct_question():
    assert "Wil je weten wat ik ervan vind?" in _text("houding.md")


def test_app_guide_names_help_and_palette_keys():
    text = _text("app.md")
    for key in ("`?`", "`F1`", "`Ctrl+P`"):
        assert key in text


# --- search ------------------------------------------------------------------------------


def test_search_finds_a_known_word_with_its_section():
    hits = search(GUIDES, "ROddelmethode")
    assert hits, "zoeken op 'roddelmethode' vindt niets"
    assert any(h.guide == "intervisie.md" and h.slug == "de-roddelmethode" for h in hits)
    assert all("roddelmethode" in h.line.lower() for h in hits)


def test_search_ignores_accents_and_needs_every_word():
    hits = search(GUIDES, "financien")
    assert any(h.guide == "intake.md" and h.slug == "financiën" for h in hits)
    both = search(GUIDES, "deurwaarder post")
    assert all("deurwaarder" in h.line.lower() and "post" in h.line.lower() for h in both)
    assert search(GUIDES, "   ") == []
    assert search(GUIDES, "xyzzy-bestaat-niet") == []
    assert len(search(GUIDES, "jongere", limit=3)) == 3


# --- originality -------------------------------------------------------------------------


def test_no_guide_shares_a_long_word_run_with_the_brochure():
    sources = sorted(SEED.glob("*.txt")) if SEED.is_dir() else []
    if not sources:
        pytest.skip(f"brochure niet gevonden in {SEED} (staat in CI naast de repository)")
    seen: set[tuple[str, ...]] = set()
    for source in sources:
        words = _words(source.read_text(encoding="utf-8", errors="replace"))
        seen.update(tuple(words[i : i + RUN]) for i in range(len(words) - RUN + 1))
    assert len(seen) > 1000, "de brochure leverde bijna geen woorden op"
    for path in sorted(GUIDES.glob("*.md")):
        words = _words(path.read_text(encoding="utf-8"))
        for i in range(len(words) - RUN + 1):
            run = tuple(words[i : i + RUN])
            assert run not in seen, f"{path.name} deelt met de brochure: {' '.join(run)!r}"


def test_word_run_check_catches_a_copied_sentence():
    sources = sorted(SEED.glob("*.txt")) if SEED.is_dir() else []
    if not sources:
        pytest.skip(f"brochure niet gevonden in {SEED} (staat in CI naast de repository)")
    words = _words(sources[0].read_text(encoding="utf-8", errors="replace"))
    copied = " ".join(words[200:210])
    runs = {tuple(words[i : i + RUN]) for i in range(len(words) - RUN + 1)}
    probe = _words(copied)
    assert any(tuple(probe[i : i + RUN]) in runs for i in range(len(probe) - RUN + 1))


# --- slugs -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("heading", "slug"),
    [
        ("Signalen van klaar zijn", "signalen-van-klaar-zijn"),
        ("Financiën", "financiën"),
        ("  Werk en opleiding  ", "werk-en-opleiding"),
        ("Als iemand niet komt?", "als-iemand-niet-komt"),
        ("Feit, woorden, indruk", "feit-woorden-indruk"),
        ("Afbouw & loslaten", "afbouw--loslaten"),
        ("Basale ADL", "basale-adl"),
        ("snake_case en streep-je", "snake_case-en-streep-je"),
        ("Continuïteit", "continuïteit"),
    ],
)
def test_slugify(heading, slug):
    assert slugify(heading) == slug


def test_slugify_matches_textual():
    textual_slug = pytest.importorskip("textual._slug").slug
    titles = [title for p in GUIDES.glob("*.md") for _l, title, _s in headings(p.read_text(encoding="utf-8"))]
    titles += ["Wat? Nu! (echt)", "Tab\tin titel", "Emoji 🎉 erbij", "Eén—twee"]
    for title in titles:
        assert textual_slug(title) == textual_anchor(slugify(title)), title
        assert unquote(textual_slug(title)) == slugify(title), title


def test_repeated_headings_get_numbered_slugs():
    found = headings("# T\n\n## Vragen\n\ntekst\n\n## Vragen\n\n## Vragen\n")
    assert [slug for _l, _t, slug in found] == ["t", "vragen", "vragen-1", "vragen-2"]


def test_plain_text_and_match_spans_for_showing_a_hit() -> None:
    assert plain_text("zie [het warme verhaal](warm-verhaal.md#x), **niet** `?`") == "zie het warme verhaal, niet ?"
    line = "Financiën en de Deurwaarder; financien"
    assert [line[a:b] for a, b in match_spans(line, "FINANCIEN deur")] == ["Financiën", "Deur", "financien"]
    assert match_spans(line, "   ") == []


def test_clearing_the_caches_changes_no_search_result():
    before = search(GUIDES, "warm verhaal")
    clear_caches()
    assert search(GUIDES, "warm verhaal") == before and before
