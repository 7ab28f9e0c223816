"""The benchmarks' one percentile: every p99 in `parcelproof bench` means the same thing."""

from __future__ import annotations

import math

from benchstats import percentile, summary


def test_percentile_is_the_nearest_rank() -> None:
    values = [float(v) for v in range(100, 0, -1)]  # 1..100, unsorted
    assert percentile(values, 50) == 50
    assert percentile(values, 99) == 99
    assert percentile(values, 100) == 100
    assert percentile([7.0], 99) == 7.0
    assert math.isnan(percentile([], 99))


def test_summary_names_the_median_and_p99() -> None:
    ms = [1.0, 2.0, 3.0, 4.0, 100.0]
    assert summary("scan", ms) == {"scan_p50_ms": 3.0, "scan_p99_ms": 100.0}
    assert summary("paint", [1.23456], digits=2) == {"paint_p50_ms": 1.23, "paint_p99_ms": 1.23}
    assert summary("none", []) == {}


def test_best_of_is_the_fastest_run():
    import itertools
    import time

    from benchstats import best_of

    waits = itertools.cycle([0.02, 0.001, 0.02])
    assert best_of(lambda: time.sleep(next(waits)), 3) < 0.015
