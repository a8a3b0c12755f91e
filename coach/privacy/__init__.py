"""Privacy: anonymised intervision texts (known names become roles; patterns, context rules and deduce catch the rest).

Names are imported lazily, so `import coach.privacy.passphrase` stays cheap;
nothing here loads deduce: `Anonymiser` loads it on first use, and
`AnonymiserClient` keeps it in a separate worker process.
"""

from __future__ import annotations

import importlib
from typing import Any

_EXPORTS = {
    "Anonymiser": "coach.privacy.anonymiser",
    "anonymise": "coach.privacy.anonymiser",
    "KnownTable": "coach.privacy.known",
    "build_known": "coach.privacy.known",
    "Replacement": "coach.privacy.result",
    "Result": "coach.privacy.result",
    "AnonymiserClient": "coach.privacy.worker",
    "AnonymiserError": "coach.privacy.worker",
    "build_cache": "coach.privacy.worker",
}
__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> Any:
    if name in _EXPORTS:
        return getattr(importlib.import_module(_EXPORTS[name]), name)
    raise AttributeError(f"module 'coach.privacy' has no attribute {name!r}")
