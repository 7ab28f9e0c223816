"""The benchmarks' one set of statistics: a percentile, timing a call, and the p50/p99 pair.

Every figure of ``parcelproof bench`` and of the scripts under ``tests/bench/`` that reports a
percentile takes it from here, so a "p99" means the same thing in every figure. Standard
library only (no database, no Qt): any benchmark may import it.
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
