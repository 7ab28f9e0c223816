"""Keeping Python's cyclic garbage collector out of a scan's way.

A full collection walks every object the process holds. A station holds several hundred
thousand that live as long as it does (modules, Qt wrappers, SQLAlchemy's mapped classes and
compiled statements), so a full collection that happened to fall inside a scan cost that scan
several milliseconds. `settle` moves everything alive at that moment into the permanent
generation (`gc.freeze`), so later collections look only at what the work since made.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


def settle() -> None:
    """Collect once, then freeze what survives. Call when start-up (or opening a station)
    is done; calling it again freezes what was made since."""
    gc.collect()
    gc.freeze()


@contextmanager
def paused() -> Iterator[None]:
    """No cyclic collections while bulk work (an import) builds objects it keeps: each full
    collection would walk all of them again, so the work grew faster than the file. Reference
    counting still frees everything as usual; nothing else changes."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()
