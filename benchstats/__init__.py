"""The benchmarks' one set of statistics: a percentile, timing a call, the p50/p99 pair and
the best of a few runs.

Every figure of ``parcelproof bench`` (``app/bench``), of the libraries' own self-benchmarks
(``devices/bench.py``, ``printing/bench.py``) and of the scripts under ``tests/bench/`` takes
its statistics from here, so a "p99" or a "best of 3" means the same thing in every figure.
It is a package of its own, beside ``devices`` and ``printing``, because those libraries may
not import ``app``. Standard library only (no database, no Qt).
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable, Sequence


def percentile(values: Sequence[float], p: float) -> float:
    """The ``p``-th percentile (0 < p ≤ 100) by nearest rank: the smallest value with at least
    ``p`` per cent of the values at or below it (no interpolation; NaN when there are none)."""
    v = sorted(values)
    if not v:
        return float("nan")
    k = min(len(v) - 1, max(0, round(p / 100 * len(v)) - 1))
    return v[k]


def timed(fn: Callable[[], object], reps: int) -> list[float]:
    """Milliseconds each of ``reps`` calls of ``fn`` took."""
    out = []
    for _ in range(reps):
        t = time.perf_counter()
        fn()
        out.append((time.perf_counter() - t) * 1000)
    return out


def summary(name: str, ms: Sequence[float], digits: int = 3) -> dict[str, float]:
    """``{name}_p50_ms`` (the median) and ``{name}_p99_ms``, rounded to ``digits``; nothing
    when there are no timings."""
    if not ms:
        return {}
    return {
        f"{name}_p50_ms": round(statistics.median(ms), digits),
        f"{name}_p99_ms": round(percentile(ms, 99), digits),
    }


def best_of(fn: Callable[[], object], repeat: int) -> float:
    """Seconds the fastest of ``repeat`` calls of ``fn`` took: a throughput figure is taken
    from the best run, so that another program's burst on the machine does not lower it."""
    best = float("inf")
    for _ in range(max(1, repeat)):
        t = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t)
    return best
