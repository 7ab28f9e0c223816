"""Keeping Python's cyclic garbage collector out of a scan's way.

A full collection walks every object the process holds. A station holds several hundred
thousand that live as long as it does (modules, Qt wrappers, SQLAlchemy's mapped classes and
compiled statements), so a full collection that happened to fall inside a scan cost that scan
several milliseconds. `settle` moves everything alive at that moment into the permanent
generation (`gc.freeze`), so later collections look only at what the work since made.
"""

from __future__ import annotations

import gc


def settle() -> None:
    """Collect once, then freeze what survives. Call when start-up (or opening a station)
    is done; calling it again freezes what was made since."""
    gc.collect()
    gc.freeze()
