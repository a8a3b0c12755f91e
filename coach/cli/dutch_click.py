"""Click's own messages in Dutch.

Click marks its messages for gettext (`_("...")` and `ngettext(...)` in each of
its modules). We do not ship compiled catalogues or touch the process-wide
gettext domain: `install()` points those names in click's modules at a small
Dutch catalogue below, and a message we have no translation for stays as it is
(the attack suite in tests/attack reports any English that reaches a coach).
"""

from __future__ import annotations

import sys
from collections.abc import Callable

CATALOGUE: dict[str, str] = {
    "Aborted!": "Afgebroken.",
    "deprecated": "verouderd",
    "Options": "Opties",
    "Positional arguments": "Argumenten",
    "Commands": "Commando's",
    "Missing command.": "Er ontbreekt een commando.",
    "Value must be an iterable.": "Hier horen meerdere waarden.",
    "env var: {var}": "omgevingsvariabele: {var}",
    "default: {default}": "standaard: {default}",
    "(dynamic)": "(wisselt)",
    "required": "verplicht",
    "Error: {message}": "Fout: {message}",
    "Try '{command} {option}' for help.": "Zie '{command} {option}' voor hoe het wel moet.",
    "Invalid value: {message}": "Ongeldige waarde: {message}",
    "Invalid value for {param_hint}: {message}": "Ongeldige waarde voor {param_hint}: {message}",
    "Missing argument": "Er ontbreekt een argument",
    "Missing option": "Er ontbreekt een optie",
    "Missing parameter": "Er ontbreekt een waarde",
    "Missing {param_type}": "Er ontbreekt een {param_type}",
    "Missing parameter: {param_name}": "Er ontbreekt een waarde: {param_name}",
    "No such option {name!r}.": "Onbekende optie {name!r}.",
    "No such command {name!r}.": "Onbekend commando {name!r}.",
    "unknown error": "onbekende fout",
    "Could not open file {filename!r}: {message}": "Kan het bestand {filename!r} niet openen: {message}",
    "Choose from:\n\t{choices}": "Kies uit:\n\t{choices}",
    "{value!r} is not a valid {number_type}.": "{value!r} is geen geldig {number_type}.",
    "integer": "heel getal",
    "float": "getal",
    "{value} is not in the range {range}.": "{value} ligt niet tussen {range}.",
    "{value!r} is not a valid boolean. Recognized values: {states}": "{value!r} is geen ja of nee. Kies uit: {states}",
    "{value!r} is not a valid UUID.": "{value!r} is geen geldige UUID.",
    "file": "Bestand",
    "directory": "Map",
    "path": "Pad",
    "{name} {filename!r} does not exist.": "{name} {filename!r} bestaat niet.",
    "{name} {filename!r} is a file.": "{name} {filename!r} is een bestand, geen map.",
    "{name} {filename!r} is a directory.": "{name} {filename!r} is een map, geen bestand.",
    "{name} {filename!r} is not readable.": "{name} {filename!r} is niet leesbaar.",
    "{name} {filename!r} is not writable.": "{name} {filename!r} is niet schrijfbaar.",
    "{name} {filename!r} is not executable.": "{name} {filename!r} is niet uitvoerbaar.",
    "Invalid start character for option ({option})": "Een optie kan niet zo beginnen ({option})",
    "Argument {name!r} takes {nargs} values.": "Na {name!r} horen {nargs} waarden.",
    "Option {name!r} does not take a value.": "Na {name!r} hoort geen waarde.",
    "Do you want to continue?": "Wil je doorgaan?",
    "Confirm the action without prompting.": "Bevestig zonder te vragen.",
    "Show the version and exit.": "Toon het versienummer en stop.",
    "Show this message and exit.": "Toon deze hulp en stop.",
    "Usage:": "Gebruik:",
    "Repeat for confirmation": "Typ het nog een keer",
    "Error: The two entered values do not match.": "Fout: de twee waarden zijn niet gelijk.",
    "Error: invalid input": "Fout: ongeldige invoer",
    "Press any key to continue...": "Druk op een toets om verder te gaan...",
}

# ngettext: (singular, plural) -> (Dutch singular, Dutch plural).
PLURALS: dict[tuple[str, str], tuple[str, str]] = {
    ("Got unexpected extra argument ({args})", "Got unexpected extra arguments ({args})"): (
        "Er staat een woord te veel in de opdracht ({args})",
        "Er staan woorden te veel in de opdracht ({args})",
    ),
    ("Takes {nargs} values but 1 was given.", "Takes {nargs} values but {len} were given."): (
        "Hier horen {nargs} waarden, maar er is er 1 gegeven.",
        "Hier horen {nargs} waarden, maar er zijn er {len} gegeven.",
    ),
    ("Option {name!r} requires an argument.", "Option {name!r} requires {nargs} arguments."): (
        "Na {name!r} hoort een waarde; die ontbreekt.",
        "Na {name!r} horen {nargs} waarden; die ontbreken.",
    ),
    ("Did you mean {possibility}?", "(Did you mean one of: {possibilities}?)"): (
        "Bedoel je {possibility}?",
        "(Bedoel je een van deze: {possibilities}?)",
    ),
    ("{value!r} is not {choice}.", "{value!r} is not one of {choices}."): (
        "{value!r} is niet {choice}.",
        "{value!r} is niet een van {choices}.",
    ),
    ("{value!r} does not match the format {format}.", "{value!r} does not match the formats {formats}."): (
        "{value!r} past niet bij de vorm {format}.",
        "{value!r} past niet bij de vormen {formats}.",
    ),
    (
        "{len_type} values are required, but {len_value} was given.",
        "{len_type} values are required, but {len_value} were given.",
    ): (
        "Er zijn {len_type} waarden nodig, maar er is er {len_value} gegeven.",
        "Er zijn {len_type} waarden nodig, maar er zijn er {len_value} gegeven.",
    ),
}

_MODULES = (
    "click.core",
    "click.exceptions",
    "click.types",
    "click.parser",
    "click.decorators",
    "click.formatting",
    "click.termui",
    "click.utils",
)


def gettext(message: str) -> str:
    """The Dutch for one of click's messages (the message itself when we have none)."""
    return CATALOGUE.get(message, message)


def ngettext(singular: str, plural: str, count: int) -> str:
    """The Dutch singular or plural for one of click's counted messages."""
    dutch = PLURALS.get((singular, plural))
    if dutch is None:
        return singular if count == 1 else plural
    return dutch[0] if count == 1 else dutch[1]


def install() -> None:
    """Make click speak Dutch from here on (idempotent; click reads `_` at the moment it builds a message)."""
    import click  # noqa: F401  (loads the modules named below)

    replacements: dict[str, Callable[..., str]] = {"_": gettext, "ngettext": ngettext}
    for name in _MODULES:
        module = sys.modules.get(name)
        if module is None:
            continue
        for attribute, replacement in replacements.items():
            if hasattr(module, attribute):
                setattr(module, attribute, replacement)
