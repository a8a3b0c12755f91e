"""'Anonimiseerder klaarzetten': build deduce's lookup cache ahead of need, in the background, with progress."""

from __future__ import annotations

from typing import Any

from textual.app import App

STEP = 0.25  # notify at every quarter, not at every heartbeat


# What the one-time build takes, said the same way on screen and in the README: on a busy
# laptop it took over two minutes, so no promise of seconds.
HOW_LONG = "een paar minuten"


def prepare_anonymiser(app: App[Any], *, quiet: bool = False) -> None:
    """Build the anonymiser's cache once (a few minutes) while the coach keeps working; say when it is done.

    `quiet`: started by the app itself after the first frame (the coach did not ask), so only the end is told.
    """
    from coach.privacy.deduce_engine import cache_is_built

    if cache_is_built():
        if not quiet:
            app.notify("De anonimiseerder staat al klaar.")
        return
    if not quiet:
        app.notify(
            f"De anonimiseerder wordt klaargezet. Dat gebeurt één keer en duurt {HOW_LONG}; werk gerust door.",
            timeout=8,
        )
    app.run_worker(
        lambda: _build(app, quiet),
        thread=True,
        exclusive=True,
        exit_on_error=False,
        group="anonymiser-setup",
        name="anonymiser-setup",
    )


def _build(app: App[Any], quiet: bool = False) -> None:
    from coach.privacy.worker import AnonymiserError, build_cache

    reported = [0.0]

    def progress(stage: str, fraction: float) -> None:
        if not quiet and STEP <= fraction < 1.0 and fraction - reported[0] >= STEP:
            reported[0] = fraction
            app.call_from_thread(app.notify, f"Anonimiseerder klaarzetten: {round(fraction * 100)} %", timeout=3)

    try:
        build_cache(progress)
    except AnonymiserError as error:
        app.call_from_thread(app.notify, str(error), severity="error", timeout=10)
        return
    app.call_from_thread(app.notify, "De anonimiseerder staat klaar: samenvattingen voor intervisie gaan nu vlot.")
