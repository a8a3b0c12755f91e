"""A text field of a conversation that knows where its text belongs (section and field)."""

from __future__ import annotations

from textual.widgets import TextArea


class FieldArea(TextArea):
    """A soft-wrapping TextArea whose border title is its label; Tab moves on."""

    DEFAULT_CSS = """
    FieldArea {
        height: auto;
        min-height: 4;
        max-height: 12;
        border: round $foreground 20%;
        padding: 0 1;
    }
    FieldArea:focus {
        border: round $primary;
    }
    FieldArea.-small {
        min-height: 3;
    }
    """

    def __init__(
        self, section: str, field: str, label: str, text: str = "", *, placeholder: str = "", classes: str | None = None
    ) -> None:
        super().__init__(
            text,
            soft_wrap=True,
            tab_behavior="focus",
            id=f"f-{section}-{field}",
            classes=classes,
            placeholder=placeholder,
            highlight_cursor_line=False,
        )
        self.section = section
        self.field = field
        self.border_title = label

    def focus_at_end(self, *, scroll_visible: bool = True) -> None:
        """Focus with the cursor after the last character, where typing goes on."""
        self.focus(scroll_visible=scroll_visible)
        self.move_cursor(self.document.end)
