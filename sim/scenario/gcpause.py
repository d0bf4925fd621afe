"""Pause Python's cyclic garbage collector around bulk allocation.

Loading a large scenario or exploring one allocates hundreds of thousands of
small objects that all stay alive; the collector would otherwise walk them
again and again, which makes the work grow faster than the input. Nothing
allocated there forms reference cycles that need the collector.
"""

from __future__ import annotations

import gc
from contextlib import contextmanager


@contextmanager
def collector_paused():
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
