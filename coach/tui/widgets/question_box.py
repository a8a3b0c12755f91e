"""The question the assistant offers now: where in the conversation, which of how many, the words."""

from __future__ import annotations

from textual.content import Content


def question_content(head: str, index: int, questions: tuple[str, ...]) -> Content:
    """'Financiën · vraag 2 van 8' above the question in italics (the index wraps round)."""
    return Content.from_markup(
        "[b]$head[/] [$foreground-muted]· vraag $n van $total[/]\n[i]“$q”[/]",
        head=head,
        n=str(index % len(questions) + 1),
        total=str(len(questions)),
        q=questions[index % len(questions)],
    )
