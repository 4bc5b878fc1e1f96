"""Python's cycle collector, held off while a stage builds a million objects none of which is
in a cycle (normalize, enrich, the engine, the results and the writers use it)."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collection_paused() -> Iterator[None]:
    """Python's cycle collector held off while a stage builds its objects: each of its full
    passes walks every live object (the natives too), and a million resources trigger many;
    the stages build no cycles for it to find. The previous state is restored.

    The objects built meanwhile are moved to the oldest generation as they are (freeze, then
    unfreeze: two list splices), not walked by a young collection the moment the collector is
    back on: at a million resources that pass alone took a second. They are looked at in the
    next full collection, which comes as rarely as for any long-lived object. Skipped when
    something else keeps objects frozen (a server before it forks): unfreezing would free
    them."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            if gc.get_freeze_count() == 0:
                gc.freeze()
                gc.unfreeze()
            gc.enable()
