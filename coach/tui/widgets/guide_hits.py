"""Search results across the handbook: guide, section and the matching line, words highlighted."""

from __future__ import annotations

from textual.content import Content
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from coach.content.guides import Hit, match_spans, plain_text


def hit_prompt(hit: Hit, guide_title: str, section_title: str, query: str) -> Content:
    """'Guide › Section' on the first line, the matching line below it with the words in bold."""
    place = Content.from_markup("[b]$guide[/b]", guide=guide_title)
    if section_title and section_title != guide_title:
        place = Content.assemble(place, " › ", section_title)
    text = plain_text(hit.line)
    line = Content(text).stylize("$text-muted")
    for start, end in match_spans(text, query):
        line = line.stylize("bold $text-accent", start, end)
    return Content.assemble(place, "\n", line)


class GuideHits(OptionList):
    """The places in the handbook that match a search; the option id is 'guide#slug'."""

    def show(self, hits: list[Hit], query: str, titles: dict[str, dict[str, str]]) -> None:
        """Replace the list with these hits; `titles` maps guide → slug → heading ('' → guide title)."""
        self.clear_options()
        options: list[Option | None] = []
        for number, hit in enumerate(hits):
            sections = titles.get(hit.guide, {})
            prompt = hit_prompt(hit, sections.get("", hit.guide), sections.get(hit.slug, ""), query)
            # The number keeps ids unique when one section matches on several lines.
            options += [Option(prompt, id=f"{number}:{hit.guide}#{hit.slug}"), None]  # None: a dividing line
        self.add_options(options[:-1])
        if options:
            self.highlighted = 0

    @staticmethod
    def target(option_id: str) -> tuple[str, str | None]:
        """Return (guide, slug or None) from an option id made by show()."""
        _number, _, place = option_id.partition(":")
        guide, _, slug = place.partition("#")
        return guide, slug or None
