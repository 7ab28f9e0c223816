from __future__ import annotations

from devices.scales import Reading
from devices.scales.stability import StabilityChecker


def R(g: int, stable: bool | None = True, overload: bool = False, div: int = 1) -> Reading:
    return Reading(g, stable, overload, False, None, b"", div)


def feed_all(chk, items):
    return [chk.feed(r, t) for r, t in items]


def test_needs_five_readings_and_half_a_second():
    chk = StabilityChecker()
    # five readings in 0.4 s: not yet
    out = feed_all(chk, [(R(1000), i * 0.1) for i in range(5)])
    assert not any(s.stable for s in out)
    s = chk.feed(R(1000), 0.5)
    assert s.stable and s.settled
    s = chk.feed(R(1001), 0.6)  # within one division
    assert s.stable and not s.settled  # settled is reported once


def test_ten_fast_readings_are_not_enough_time():
    chk = StabilityChecker()
    out = feed_all(chk, [(R(1000), i * 0.01) for i in range(20)])
    assert not any(s.stable for s in out)


def test_outside_band_restarts_run():
    chk = StabilityChecker()
    feed_all(chk, [(R(1000), i * 0.1) for i in range(6)])
    assert chk.stable
    s = chk.feed(R(1003), 0.6)
    assert not s.stable and s.run == 1
    out = feed_all(chk, [(R(1003), 0.6 + i * 0.1) for i in range(1, 6)])
    assert out[-1].stable and out[-1].settled
    assert sum(s.settled for s in out) == 1


def test_indicator_motion_flag_vetoes():
    chk = StabilityChecker()
    out = feed_all(chk, [(R(500, stable=(i != 4)), i * 0.2) for i in range(8)])
    assert not out[4].stable
    assert not out[6].stable  # run restarted at reading 5: only 2 readings
    more = feed_all(chk, [(R(500), 1.6 + i * 0.2) for i in range(3)])
    assert more[-1].stable


def test_no_flag_indicator_relies_on_our_check():
    chk = StabilityChecker()
    out = feed_all(chk, [(R(700, stable=None), i * 0.15) for i in range(5)])
    assert out[-1].stable


def test_division_from_reading_and_override():
    chk = StabilityChecker()
    vals = [1000, 1005, 1000, 1005, 1000, 1005]
    out = feed_all(chk, [(R(v, div=5), i * 0.1) for i, v in enumerate(vals)])
    assert out[-1].stable
    chk2 = StabilityChecker(division_grams=1)
    out = feed_all(chk2, [(R(v, div=5), i * 0.1) for i, v in enumerate(vals)])
    assert not out[-1].stable


def test_overload_never_stable():
    chk = StabilityChecker()
    out = feed_all(chk, [(R(0, overload=True), i * 0.2) for i in range(10)])
    assert not any(s.stable for s in out)


def test_long_stable_run_is_bounded():
    chk = StabilityChecker()
    for i in range(10_000):
        chk.feed(R(1000), i * 0.1)
    assert len(chk._run) <= 10
    assert chk.stable
