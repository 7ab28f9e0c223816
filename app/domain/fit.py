"""Which units best explain a weight difference (a bounded subset-sum over whole units).

Used when a parcel is light or heavy at weighing and at the dispute desk: given the grams
missing (or extra) and the units that could be missing (or extra), find the combinations whose
weight is closest to the difference. A fit is only claimed when it lies within the tolerance;
when two different combinations fit about equally well, the answer says it is ambiguous.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Unit:
    sku: str
    name: str
    grams: int  # one unit
    available: int  # how many could be missing (the order's qty) or extra


@dataclass(frozen=True)
class Fit:
    items: tuple[tuple[str, int], ...]  # (sku, qty)
    grams: int  # total weight of the combination
    error: int  # |difference - grams|


@dataclass(frozen=True)
class Explanation:
    fits: tuple[Fit, ...]  # best first, all within tolerance
    confidence: str  # "sure", "ambiguous" or "none"

    @property
    def best(self) -> Fit | None:
        return self.fits[0] if self.fits else None


def explain(
    difference: int,
    units: Sequence[Unit],
    tolerance: int,
    *,
    max_units: int = 6,
    keep: int = 3,
) -> Explanation:
    """Combinations of ``units`` whose weight matches ``abs(difference)`` within ``tolerance``.

    ``sure`` when exactly one combination fits, or when the best one fits within half the
    tolerance and the runner-up misses by at least half the tolerance more (a scale cannot tell
    two combinations apart that differ by less); ``ambiguous`` otherwise; ``none`` when nothing
    fits (or there is no difference to explain).
    """
    target = abs(difference)
    usable = sorted((u for u in units if u.grams > 0 and u.available > 0), key=lambda u: -u.grams)
    found: list[Fit] = []
    counts = [0] * len(usable)

    def walk(i: int, total: int, n: int) -> None:
        if total > target + tolerance:
            return
        if i == len(usable):
            if n and abs(target - total) <= tolerance:
                items = tuple((usable[k].sku, c) for k, c in enumerate(counts) if c)
                found.append(Fit(items, total, abs(target - total)))
            return
        u = usable[i]
        for c in range(min(u.available, max_units - n), -1, -1):
            counts[i] = c
            walk(i + 1, total + c * u.grams, n + c)
        counts[i] = 0

    walk(0, 0, 0)
    # two SKUs of the same weight fit equally well: that is reported as ambiguous, not guessed
    found.sort(key=lambda f: (f.error, sum(q for _, q in f.items), f.items))
    fits = tuple(found[:keep])
    if not fits:
        return Explanation((), "none")
    if len(fits) == 1:
        return Explanation(fits, "sure")
    best, second = fits[0], fits[1]
    half = max(tolerance, 1) / 2
    clear = best.error <= half and second.error - best.error >= half
    return Explanation(fits, "sure" if clear else "ambiguous")
