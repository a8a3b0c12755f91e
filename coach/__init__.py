"""coach: a terminal app for Dutch jongerencoaches."""

from __future__ import annotations


def __getattr__(name: str) -> str:
    # The version is looked up only when asked for: reading the installed
    # package metadata costs tens of milliseconds at every start.
    if name == "__version__":
        from importlib.metadata import PackageNotFoundError, version

        try:
            return version("coach")
        except PackageNotFoundError:  # running from a source tree that was never installed
            return "0.0.0"
    raise AttributeError(f"module 'coach' has no attribute {name!r}")
