"""Expected parcel weight and the tolerance band (integers, grams)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

DEFAULT_CARTON_GRAMS = 120  # a plain corrugated box when the carton is not known yet
DEFAULT_FILLER_GRAMS = 20
DEFAULT_TOLERANCE_ABS = 50
DEFAULT_TOLERANCE_PERMILLE = 30  # 3.0 %


@dataclass(frozen=True)
class Expected:
    grams: int
    tolerance_grams: int


def unit_weight(master_grams: int, adopted_grams: int | None) -> int:
    """The weight the floor uses for one unit: the adopted learned value when there is one."""
    return adopted_grams if adopted_grams else master_grams


def expected_weight(
    lines: Iterable[tuple[int, int]],
    *,
    carton_grams: int = DEFAULT_CARTON_GRAMS,
    filler_grams: int = DEFAULT_FILLER_GRAMS,
    tolerance_abs: int = DEFAULT_TOLERANCE_ABS,
    tolerance_permille: int = DEFAULT_TOLERANCE_PERMILLE,
    division_grams: int = 0,
) -> Expected:
    """Σ unit grams × qty + carton + filler; tolerance = max(absolute, percentage) + division.

    ``lines`` are ``(unit_grams, qty)`` pairs.
    """
    goods = sum(g * q for g, q in lines)
    total = goods + carton_grams + filler_grams
    pct = (total * tolerance_permille + 500) // 1000
    return Expected(total, max(tolerance_abs, pct) + max(division_grams, 0))
