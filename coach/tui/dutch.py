"""Textual's own words in Dutch: the descriptions of its built-in key bindings, as the footer and the keys panel show them.

Textual's widgets (scrolling, text fields, lists, the dropdown) bring English
binding descriptions ("Scroll Up", "Dismiss menu", "Copy selected text"). Both
the footer and the keys panel read them from `Screen.active_bindings`; our
screens pass them through `dutch_bindings()` there, so every key the coach is
shown is described in Dutch, also for widgets added later.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from textual.binding import ActiveBinding

# Every description of a key binding in Textual's own widgets (textual 8), in the coach's Dutch.
BINDING_WORDS: dict[str, str] = {
    "Bottom": "Naar onderen",
    "Copy": "Kopiëren",
    "Copy selected text": "Selectie kopiëren",
    "Cursor Down": "Omlaag",
    "Cursor Up": "Omhoog",
    "Cursor down": "Omlaag",
    "Cursor down select": "Omlaag en selecteren",
    "Cursor left": "Naar links",
    "Cursor left select": "Naar links en selecteren",
    "Cursor left word select": "Woord naar links en selecteren",
    "Cursor line end": "Naar einde regel",
    "Cursor line end select": "Naar einde regel en selecteren",
    "Cursor line start": "Naar begin regel",
    "Cursor line start select": "Naar begin regel en selecteren",
    "Cursor page down": "Pagina omlaag",
    "Cursor page up": "Pagina omhoog",
    "Cursor right": "Naar rechts",
    "Cursor right select": "Naar rechts en selecteren",
    "Cursor right word select": "Woord naar rechts en selecteren",
    "Cursor to next ancestor": "Naar het volgende niveau hoger",
    "Cursor to next sibling": "Naar de volgende",
    "Cursor to parent": "Naar een niveau hoger",
    "Cursor to previous sibling": "Naar de vorige",
    "Cursor up": "Omhoog",
    "Cursor up select": "Omhoog en selecteren",
    "Cursor word left": "Woord naar links",
    "Cursor word right": "Woord naar rechts",
    "Cut": "Knippen",
    "Cut selected text": "Selectie knippen",
    "Delete all to the left": "Alles links wissen",
    "Delete all to the right": "Alles rechts wissen",
    "Delete character left": "Teken links wissen",
    "Delete character right": "Teken rechts wissen",
    "Delete left to start of word": "Woord links wissen",
    "Delete line": "Regel wissen",
    "Delete right to start of word": "Woord rechts wissen",
    "Delete to line end": "Wissen tot einde regel",
    "Delete to line start": "Wissen tot begin regel",
    "Dismiss menu": "Menu sluiten",
    "Down": "Omlaag",
    "End": "Naar het einde",
    "Exit the command palette": "Zoeken sluiten",
    "Expand or collapse all": "Alles open- of dichtklappen",
    "First": "Eerste",
    "Focus Next": "Volgend veld",
    "Focus Previous": "Vorig veld",
    "Go to bottom": "Naar onderen",
    "Go to end": "Naar het einde",
    "Go to start": "Naar het begin",
    "Go to top": "Naar boven",
    "Home": "Naar het begin",
    "Last": "Laatste",
    "Move cursor left": "Naar links",
    "Move cursor left a word": "Woord naar links",
    "Move cursor left a word and select": "Woord naar links en selecteren",
    "Move cursor left and select": "Naar links en selecteren",
    "Move cursor right a word": "Woord naar rechts",
    "Move cursor right a word and select": "Woord naar rechts en selecteren",
    "Move cursor right and select": "Naar rechts en selecteren",
    "Move cursor right or accept the completion suggestion": "Naar rechts of suggestie overnemen",
    "Next command": "Volgende",
    "Next option": "Volgende keuze",
    "Next page": "Volgende pagina",
    "Next tab": "Volgend tabblad",
    "Open link": "Link openen",
    "Page Down": "Pagina omlaag",
    "Page Left": "Pagina naar links",
    "Page Right": "Pagina naar rechts",
    "Page Up": "Pagina omhoog",
    "Page down": "Pagina omlaag",
    "Page up": "Pagina omhoog",
    "Paste": "Plakken",
    "Paste text from the clipboard": "Plakken",
    "Press button": "Knop indrukken",
    "Previous command": "Vorige",
    "Previous option": "Vorige keuze",
    "Previous page": "Vorige pagina",
    "Previous tab": "Vorig tabblad",
    "Quit": "Stoppen",
    "Redo": "Opnieuw",
    "Scroll Down": "Omlaag scrollen",
    "Scroll End": "Naar het einde",
    "Scroll Home": "Naar het begin",
    "Scroll Left": "Naar links scrollen",
    "Scroll Right": "Naar rechts scrollen",
    "Scroll Up": "Omhoog scrollen",
    "Select": "Kiezen",
    "Select all": "Alles selecteren",
    "Select line": "Regel selecteren",
    "Select line end": "Selecteren tot einde regel",
    "Select line start": "Selecteren tot begin regel",
    "Show menu": "Menu openen",
    "Submit": "Bevestigen",
    "Toggle": "Aan/uit",
    "Toggle collapsible": "Open- of dichtklappen",
    "Toggle option": "Aan/uit",
    "Top": "Naar boven",
    "Undo": "Ongedaan maken",
    "Up": "Omhoog",
}

# The headings the keys panel puts above a widget's keys (its BINDING_GROUP_TITLE).
GROUP_TITLES: dict[str, str] = {"Input": "Tekstveld", "Collapsible": "Uitklapblok"}


def dutch_bindings(bindings: dict[str, ActiveBinding]) -> dict[str, ActiveBinding]:
    """The same active bindings, with Textual's English descriptions (and group titles) in Dutch."""
    translated: dict[str, ActiveBinding] = {}
    for key, active in bindings.items():
        node: Any = active.node
        title = GROUP_TITLES.get(getattr(node, "BINDING_GROUP_TITLE", None) or "")
        if title is not None:
            # An instance attribute, so Textual's class keeps its own and only what we show changes.
            node.BINDING_GROUP_TITLE = title
        dutch = BINDING_WORDS.get(active.binding.description)
        if dutch is None:
            translated[key] = active
        else:
            translated[key] = active._replace(binding=replace(active.binding, description=dutch))
    return translated
