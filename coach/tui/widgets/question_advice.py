"""Live advice under the coach's intervision question: about yourself, or about the young person?"""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Static

from coach.content.model import QuestionHelp
from coach.reports.intervision_question import EMPTY, GOOD, QuestionCheck


class QuestionAdvice(Static):
    """One or two lines: the verdict on the question and, for a question about the young person, a rewrite."""

    DEFAULT_CSS = """
    QuestionAdvice { height: auto; padding: 0 1; }
    QuestionAdvice.-warn { color: $text-warning; }
    QuestionAdvice.-good { color: $text-success; }
    """

    def show(self, check: QuestionCheck) -> None:
        """Show the advice for this check."""
        self.set_class(check.verdict == GOOD, "-good")
        self.set_class(check.verdict not in (GOOD, EMPTY), "-warn")
        mark = {GOOD: "✓", EMPTY: "·"}.get(check.verdict, "!")
        text = Content(f"{mark} " + " ".join(check.advice))
        if check.suggestions:
            text += Content.from_markup("\n[b]Bijvoorbeeld:[/] $s", s=check.suggestions[0])
        self.update(text)


def tips_text(help_: QuestionHelp, reminder: str, bring: tuple[str, ...]) -> Content:
    """The tips panel: how to phrase a learning question, examples, and what the method needs."""
    parts = [Content.from_markup("[b]Een leervraag over jezelf[/]")]
    parts += [Content(f"• {tip}") for tip in help_.tips]
    parts.append(Content.from_markup("[b]Begin bijvoorbeeld met:[/] $s", s="  ·  ".join(help_.starters)))
    parts.append(Content.from_markup("\n[b]Zo kan het ook[/]"))
    for before, after in help_.examples:
        parts.append(Content.from_markup("[dim]niet:[/] $b\n[b]wel:[/] $a", b=before, a=after))
    parts.append(Content.from_markup("\n[b]Wat deze methode van je vraagt[/]"))
    parts += [Content(f"• {item}") for item in bring]
    parts.append(Content(reminder))
    return Content("\n").join(parts)
