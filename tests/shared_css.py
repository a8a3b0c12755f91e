"""One parse of each stylesheet per test process, instead of one per app.

Every test starts a fresh `CoachApp`, and Textual parses its CSS again for each (its parse cache
belongs to one app's stylesheet): about a third of the CPU of starting an app in a test, paid some
thousand times a run. The app itself starts once per process and does not need this.

Parsed rules depend only on the CSS text, where it came from, and the theme's variables, so they
are keyed on all of these and shared. Textual already hands the same rule objects back on every
re-parse within one app, so sharing them between apps relies on nothing more.
"""

from __future__ import annotations

from typing import Any

from textual.css.stylesheet import Stylesheet

_parsed: dict[tuple[Any, ...], Any] = {}
_parse_rules = Stylesheet._parse_rules


def _parse_rules_once(
    self: Stylesheet,
    css: str,
    read_from: Any,
    is_default_rules: bool = False,
    tie_breaker: int = 0,
    scope: str = "",
) -> Any:
    variables = tuple(sorted(self._variables.items()))
    key = (css, read_from, is_default_rules, tie_breaker, scope, variables)
    rules = _parsed.get(key)
    if rules is None:
        rules = _parsed[key] = _parse_rules(self, css, read_from, is_default_rules, tie_breaker, scope)
    return rules


def install() -> None:
    Stylesheet._parse_rules = _parse_rules_once  # type: ignore[method-assign]
