"""Where to save the anonymised summary: a file name that names no one, checked before it is used."""

from __future__ import annotations

from pathlib import Path

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Input, Static

from coach.tui.context import CoachModal


class SaveSummary(CoachModal[Path | None]):
    """Ask for a file; Enter saves, Esc cancels. An existing file is only replaced after a second Enter."""

    CSS_PATH = "../screens/intervision.tcss"
    BINDINGS = [Binding("escape", "cancel", "Annuleren", id="save.cancel", tooltip="Niet opslaan")]

    def __init__(
        self,
        default: Path,
        *,
        title: str = "Samenvatting opslaan",
        hint: str = "Alleen de geanonimiseerde samenvatting wordt bewaard.",
    ) -> None:
        super().__init__()
        self._default = default
        # The same question for another document (the overdrachtsdossier): its own title and hint.
        self._title, self._hint = title, hint
        self._confirmed: Path | None = None

    def compose(self) -> ComposeResult:
        with Vertical(id="save-box"):
            yield Static(self._title, classes="dialog-title")
            yield Static(self._hint, classes="dialog-hint")
            yield Input(str(self._default), id="save-path", placeholder="map/intervisie.md")
            yield Static("", id="save-problem")
            with Horizontal(id="save-buttons"):
                yield Button("Opslaan", variant="primary", id="save")
                yield Button("Annuleren", id="cancel")

    def on_mount(self) -> None:
        field = self.query_one(Input)
        field.focus()
        field.cursor_position = len(field.value)

    def _problem(self, text: str) -> None:
        self.query_one("#save-problem", Static).update(text)

    def _check(self, raw: str) -> Path | None:
        text = raw.strip()
        if not text:
            self._problem("Geef een bestandsnaam, bijvoorbeeld intervisie.md.")
            return None
        path = Path(text).expanduser()
        if path.is_dir():
            self._problem("Dat is een map. Zet er een bestandsnaam achter, bijvoorbeeld /intervisie.md.")
            return None
        if not path.parent.is_dir():
            self._problem(f"De map {path.parent} bestaat niet. Kies een map die er al is.")
            return None
        if path.exists() and self._confirmed != path:
            self._confirmed = path
            self._problem("Dit bestand bestaat al. Nog een keer Enter om het te vervangen.")
            return None
        return path

    @on(Input.Submitted)
    @on(Button.Pressed, "#save")
    def _save(self) -> None:
        path = self._check(self.query_one(Input).value)
        if path is not None:
            self.dismiss(path)

    @on(Input.Changed)
    def _changed(self) -> None:
        self._confirmed = None
        self._problem("")

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        """Close without saving."""
        self.dismiss(None)
