"""Text from a case made safe for a terminal: control characters shown, never executed.

A case file can hold anything, ESC sequences included (clear the screen, set
the window title, hide the next lines). Everything the command line prints
from a case goes through `visible` first.
"""

from __future__ import annotations

import copy
import dataclasses
import re
import unicodedata
from typing import Any, TypeVar, cast

_T = TypeVar("_T")

# ESC gets its own picture (the one a coach may know from editors); the rest of C0 get
# the Unicode control pictures (U+2400 + code), DEL gets U+2421, and C1 (0x80-0x9f, which
# some terminals obey like ESC [) are written as \x.. escapes.
_ESC = "␛"


def _shown(char: str) -> str:
    code = ord(char)
    if code == 0x1B:
        return _ESC
    if code < 0x20:
        return chr(0x2400 + code)
    if code == 0x7F:
        return "␡"
    if 0x80 <= code <= 0x9F:
        return f"\\x{code:02x}"
    if 0xD800 <= code <= 0xDFFF:  # a lone surrogate cannot be written as UTF-8 at all
        return "\ufffd"
    # Bidirectional overrides and isolates can make a line read as something else.
    return f"\\u{code:04x}"


# What is never printed as it is: C0 controls, DEL and C1, lone surrogates, and the
# bidirectional overrides and isolates. One regular expression per `keep` (newline and tab
# kept in multiline text): a look at a text is one scan in C, not a Python call per character.
_OTHER_UNSAFE = r"\x7f-\x9f\ud800-\udfff\u202a-\u202e\u2066-\u2069"
_UNSAFE = {
    "\n\t": re.compile(r"[\x00-\x08\x0b-\x1f" + _OTHER_UNSAFE + "]"),  # tab (09) and newline (0a) kept
    "": re.compile(r"[\x00-\x1f" + _OTHER_UNSAFE + "]"),
}


def visible(text: str, *, multiline: bool = True) -> str:
    """text with every control character shown as a visible sign; newlines and tabs kept when multiline."""
    keep = "\n\t" if multiline else ""
    if _UNSAFE[keep].search(text) is None:
        return text  # the common case: nothing to do, no copy
    return _UNSAFE[keep].sub(lambda found: _shown(found.group()), text)


def is_visible(text: str, *, multiline: bool = True) -> bool:
    """True when text holds nothing `visible` would change."""
    return _UNSAFE["\n\t" if multiline else ""].search(text) is None


def normalised(text: str) -> str:
    """text in Unicode's composed form (NFC): the same letters typed on any keyboard compare equal."""
    return unicodedata.normalize("NFC", text)


def json_visible(text: str) -> str:
    """JSON text (as json.dumps with ensure_ascii=False writes it) with every control character escaped.

    json.dumps escapes C0 itself, but not C1, bidirectional controls or a lone
    surrogate; written as \\uXXXX they stay the same JSON value, and harmless.
    """
    if is_visible(text):
        return text
    return _UNSAFE["\n\t"].sub(lambda found: f"\\u{ord(found.group()):04x}", text)


def visible_in(value: _T) -> _T:
    """value with `visible` applied to every text inside it (dataclasses, lists, tuples, dicts).

    What needs no change is given back as it is (the same object), so a clean
    case costs one look at each text and no copies.
    """
    return cast("_T", _visible_in(value))


def _visible_in(value: Any) -> Any:
    if isinstance(value, str):
        shown = visible(value)
        return value if shown == value else shown
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        changed = {}
        for field in dataclasses.fields(value):
            inner = getattr(value, field.name, None)
            shown = _visible_in(inner)
            if shown is not inner:
                changed[field.name] = shown
        if not changed:
            return value
        copied = copy.copy(value)
        for name, shown in changed.items():
            object.__setattr__(copied, name, shown)  # frozen dataclasses too: this is a fresh copy
        return copied
    if isinstance(value, list):
        items = [_visible_in(item) for item in value]
        return value if all(a is b for a, b in zip(items, value, strict=True)) else items
    if isinstance(value, tuple):
        items = [_visible_in(item) for item in value]
        if all(a is b for a, b in zip(items, value, strict=True)):
            return value
        return type(value)(*items) if hasattr(value, "_fields") else tuple(items)
    if isinstance(value, dict):
        pairs = [(_visible_in(key), _visible_in(inner)) for key, inner in value.items()]
        if all(k is k0 and v is v0 for (k, v), (k0, v0) in zip(pairs, value.items(), strict=True)):
            return value
        return dict(pairs)
    return value
