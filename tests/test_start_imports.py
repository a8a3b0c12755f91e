"""The app's start imports what the caseload needs and no more: every module costs the first paint (#18)."""

from __future__ import annotations

import subprocess
import sys

COMMAND_MODULES = (
    "caseload",
    "cases",
    "contacts",
    "demo",
    "handover",
    "intervision",
    "network",
    "passphrase",
    "registration",
    "safety",
)
LATER = (
    "dateutil",
    "sqlite_utils",
    "markdown_it",
    "jsonschema",
    "wordfreq",
    "deduce",
    "coach.tui.screens.youth",
    "coach.store.cases",
    "coach.tui.dialogs.filter_menu",
    "coach.tui.dialogs.sort_menu",
)


def test_the_app_starts_without_the_commands_and_what_only_other_screens_need():
    code = (
        "import sys\n"
        "import coach.cli, coach.cli.tui, coach.tui.app\n"
        f"later = [f'coach.cli.{{name}}' for name in {COMMAND_MODULES!r}] + list({LATER!r})\n"
        "loaded = [name for name in later if name in sys.modules]\n"
        "assert not loaded, f'imported at the start: {loaded}'\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


def test_a_command_is_found_when_asked_for_and_help_lists_them_all():
    from coach import cli

    assert cli.cli.get_command(None, "contact").name == "contact"
    assert cli.cli.get_command(None, "no-such-command") is None
    assert cli.cli.list_commands(None) == sorted(cli.COMMAND_PATHS)
