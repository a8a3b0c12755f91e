"""Pure logic of the method: domains, phases, continuity. No I/O, no UI, no SQL."""
