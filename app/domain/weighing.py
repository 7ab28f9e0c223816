"""Weighing rules (抽单称重): the verdict, which units explain a difference, learned unit
weights and the automatic capture gate. Plain Python: no Qt, no database sessions.

* `judge` — ``ok`` when the weight lies within the tolerance band of the expected weight,
  ``hold`` otherwise (the band already includes the scale's division, see
  `app.domain.weight.expected_weight`).
* `explain` — a bounded best-fit search over small combinations of units: for a light parcel
  the order's own units (what is missing), for a heavy one the products of the same print
  batch, an extra unit of the order's own goods, the carton and the filler (what is extra). Two
  explanations that fit about equally make the answer ``ambiguous``; it never pretends. The
  one search behind every story of a weight difference: the scale, the weigh line and the
  dispute desk (which tells its ``confidence``: sure, ambiguous or none).
* `learned_unit_grams` — a robust (median) unit weight from single-SKU parcels net of carton.
* `CaptureGate` — the first stable non-zero reading after a scan, and never the same load
  twice: after a capture the platform must come back near zero first.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from statistics import median

OK = "ok"
HOLD = "hold"
OVERRIDE = "override"

LIGHT = "light"
HEAVY = "heavy"

#: how sure an explanation is (the dispute desk's words): one combination fits clearly, another
#: fits about as well, or nothing fits
SURE = "sure"
AMBIGUOUS = "ambiguous"
NONE = "none"

#: the pseudo-SKUs of packing material in an explanation
CARTON = "@carton"
FILLER = "@filler"

#: our stability check for weighing: readings within ± this many divisions of the newest (an
#: indicator's last digit flickers by one; two divisions accept that and still see motion)
STABLE_BAND_DIVISIONS = 2
STABLE_READINGS = 5
STABLE_SECONDS = 0.5

#: at most this many units in one explanation, the same at the scale, on the weigh line and at
#: the dispute desk. Missing: six, so the desk can say "all of it" of a parcel emptied on the
#: way (orders of five or six small units are common) and the scale of a parcel packed with
#: half its goods; what can be missing is bounded by the order's own units. Extra: four; extras
#: come from a wide pool (own goods, the print batch's products, carton, filler) where five or
#: six wrong units are not a likely story and chance fits multiply: beyond four the station
#: says nothing known explains it, and the parcel is opened. Each unit beyond the first costs
#: half a margin in `explain`, so a small likely story is never crowded out by a large one,
#: and the search stops at what cannot beat the best (a 20-line order: ~1 ms; 40 lines: <0.1 s).
MAX_MISSING_UNITS = 6
MAX_EXTRA_UNITS = 4
MAX_VISITS = 200_000  # bound on the search, whatever the input


@dataclass(frozen=True)
class Candidate:
    """Something whose weight may explain a difference: up to ``max_qty`` units of ``grams``."""

    sku: str
    name: str
    grams: int
    max_qty: int = 1


@dataclass(frozen=True)
class Suspect:
    sku: str
    name: str
    qty: int
    unit_grams: int

    @property
    def grams(self) -> int:
        return self.qty * self.unit_grams


@dataclass(frozen=True)
class Explanation:
    """Which units most likely make the difference.

    ``direction`` light/heavy; ``difference_grams`` the absolute difference; ``suspects`` the
    best fit (empty when nothing fits within the tolerance); ``fit_grams`` their weight;
    ``ambiguous`` when another combination (``alternatives``) fits about as well.
    """

    direction: str
    difference_grams: int
    suspects: tuple[Suspect, ...] = ()
    fit_grams: int = 0
    ambiguous: bool = False
    alternatives: tuple[tuple[Suspect, ...], ...] = ()

    @property
    def found(self) -> bool:
        return bool(self.suspects)

    @property
    def residual_grams(self) -> int:
        return abs(self.difference_grams - self.fit_grams)

    @property
    def confidence(self) -> str:
        """`SURE`, `AMBIGUOUS` or `NONE` (nothing fits, or nothing to explain)."""
        if not self.suspects:
            return NONE
        return AMBIGUOUS if self.ambiguous else SURE


@dataclass(frozen=True)
class Verdict:
    verdict: str  # ok / hold
    difference_grams: int  # signed: weighed − expected
    direction: str = ""  # "" when ok, else light / heavy


def judge(grams: int, expected_grams: int, tolerance_grams: int) -> Verdict:
    """``ok`` when ``|grams − expected| <= tolerance``; otherwise ``hold`` light or heavy."""
    diff = int(grams) - int(expected_grams)
    if abs(diff) <= tolerance_grams:
        return Verdict(OK, diff)
    return Verdict(HOLD, diff, LIGHT if diff < 0 else HEAVY)


def _combos(
    cands: Sequence[Candidate],
    target: int,
    limit: int,
    max_units: int,
    *,
    penalty: int = 0,
    margin: int | None = None,
) -> list[tuple[int, int, tuple[int, ...]]]:
    """Every multiset of 1..``max_units`` candidate units (at most ``max_qty`` of each) whose
    total lies within ``limit`` of ``target``, as (residual, units, counts per candidate).

    ``cands`` heaviest first: then the units still allowed, each no heavier than the current
    candidate, bound what a branch can reach, and a branch that cannot reach the band is not
    walked. With ``margin``, fits are scored as `explain` scores them (residual plus
    ``penalty`` per unit beyond the first) and only those that may still come within ``margin``
    of the best are kept; no branch is walked whose units alone cost more than that. The best
    fit and its rivals are the same; a big order is searched in a fraction of the visits."""
    out: list[tuple[int, int, tuple[int, ...]]] = []
    n = len(cands)
    counts = [0] * n
    visits = 0
    best = float("inf")  # the lowest score so far
    slack = float("inf") if margin is None else margin

    def walk(start: int, total: int, units: int) -> None:
        nonlocal visits, best
        for j in range(start, n):
            visits += 1
            if visits > MAX_VISITS:
                return
            c = cands[j]
            if total + (max_units - units) * c.grams < target - limit:
                return  # not even all units left as heavy as this one reach the band
            t = total + c.grams
            if t > target + limit or counts[j] >= c.max_qty:
                continue
            counts[j] += 1
            residual = abs(target - t)
            if residual <= limit:
                score = residual + penalty * units
                best = min(best, score)
                if score <= best + slack:
                    out.append((residual, units + 1, tuple(counts)))
            # a deeper combination has units + 2 units: it costs penalty * (units + 1) at least
            if units + 1 < max_units and penalty * (units + 1) <= best + slack:
                walk(j, t, units + 1)
            counts[j] -= 1

    walk(0, 0, 0)
    return out


def explain(
    difference_grams: int,
    candidates: Iterable[Candidate],
    tolerance_grams: int,
    *,
    division_grams: int = 1,
    max_units: int | None = None,
) -> Explanation:
    """The combination of candidate units whose weight best fits ``|difference|``.

    A fit must lie within ``tolerance_grams`` of the difference. Among fits, the smallest
    residual wins, where each unit beyond the first costs half a margin (one missing item is
    likelier than three that happen to add up). The answer is ``ambiguous`` when a different
    combination scores within a margin of the best one (the larger of two divisions and a
    quarter of the tolerance): the scale cannot tell them apart, so the station says so.
    At most ``max_units`` units (default `MAX_MISSING_UNITS` light, `MAX_EXTRA_UNITS` heavy).
    """
    target = abs(int(difference_grams))
    direction = LIGHT if difference_grams < 0 else HEAVY
    if max_units is None:
        max_units = MAX_MISSING_UNITS if direction == LIGHT else MAX_EXTRA_UNITS
    cands = [c for c in candidates if c.grams > 0 and c.max_qty > 0]
    # merge duplicates of one SKU; heavier first keeps the search short
    merged: dict[str, Candidate] = {}
    for c in cands:
        old = merged.get(c.sku)
        merged[c.sku] = c if old is None else Candidate(c.sku, c.name, c.grams, old.max_qty)
    cands = sorted(merged.values(), key=lambda c: (-c.grams, c.sku))
    if target == 0 or not cands:
        return Explanation(direction, target)
    margin = max(2 * max(division_grams, 1), tolerance_grams // 4)
    # fewer units is the likelier story: each extra unit costs half a margin
    penalty = margin // 2
    found = _combos(
        cands, target, max(tolerance_grams, 0), max_units, penalty=penalty, margin=margin
    )
    if not found:
        return Explanation(direction, target)

    def score(f: tuple[int, int, tuple[int, ...]]) -> int:
        return f[0] + penalty * (f[1] - 1)

    found.sort(key=lambda f: (score(f), f[1], f[2]))

    def suspects(counts: tuple[int, ...]) -> tuple[Suspect, ...]:
        return tuple(
            Suspect(c.sku, c.name, k, c.grams) for c, k in zip(cands, counts, strict=True) if k
        )

    best_score, best_counts = score(found[0]), found[0][2]
    alts = [f for f in found[1:] if score(f) - best_score <= margin]
    best = suspects(best_counts)
    fit = sum(s.grams for s in best)
    return Explanation(
        direction,
        target,
        best,
        fit,
        ambiguous=bool(alts),
        alternatives=tuple(suspects(f[2]) for f in alts[:3]),
    )


def light_candidates(lines: Iterable[tuple[str, str, int, int]]) -> list[Candidate]:
    """What may be missing from a light parcel: the order's own units.

    ``lines``: (sku, name, unit_grams, qty)."""
    out: dict[str, Candidate] = {}
    for sku, name, grams, qty in lines:
        old = out.get(sku)
        out[sku] = Candidate(sku, name, grams, qty + (old.max_qty if old else 0))
    return list(out.values())


def heavy_candidates(
    own: Iterable[tuple[str, str, int, int]],
    batch: Iterable[tuple[str, str, int]],
    *,
    carton_grams: int,
    filler_grams: int,
    extra_units: int = 2,
) -> list[Candidate]:
    """What may be extra in a heavy parcel: more of the order's own goods, products of the
    same print batch (picked into the wrong parcel), a second carton, more filler."""
    out: dict[str, Candidate] = {}
    for sku, name, grams, _qty in own:
        out[sku] = Candidate(sku, name, grams, extra_units)
    for sku, name, grams in batch:
        out.setdefault(sku, Candidate(sku, name, grams, extra_units))
    if carton_grams > 0:
        out[CARTON] = Candidate(CARTON, "", carton_grams, 1)
    if filler_grams > 0:
        out[FILLER] = Candidate(FILLER, "", filler_grams, 2)
    return list(out.values())


# --- learning from the floor ---------------------------------------------------------------


@dataclass(frozen=True)
class Learned:
    grams: int  # the median unit weight
    samples: int
    spread_grams: int  # median absolute deviation


def learned_unit_grams(
    parcels: Iterable[tuple[int, int, int]], *, min_samples: int = 3
) -> Learned | None:
    """Median unit weight from single-SKU parcels: ``(parcel grams, packing grams, qty)``.

    Each parcel gives ``(grams − packing) / qty``; the median (and its absolute deviation)
    shrugs off the odd parcel that was short or had extra filler. None below ``min_samples``.
    """
    units = [(g - pack) / q for g, pack, q in parcels if q > 0 and g - pack > 0]
    if len(units) < max(min_samples, 1):
        return None
    m = median(units)
    mad = median(abs(u - m) for u in units)
    return Learned(int(round(m)), len(units), int(round(mad)))


# --- capture ---------------------------------------------------------------------------------


@dataclass
class CaptureGate:
    """Decides when a reading becomes the weight of the scanned parcel.

    Feed every reading (``grams``, ``stable`` from our stability check, ``overload``). A capture
    happens when a waybill is armed, the platform has been seen near zero since the previous
    capture, and a stable reading above ``zero_band_grams`` arrives. After a capture the gate
    needs ``zero_readings`` consecutive readings within the zero band before it captures again,
    so one load is never recorded for two waybills. Not thread-safe: one feeding thread.
    """

    zero_band_grams: int = 20
    zero_readings: int = 2
    armed: str | None = None
    needs_zero: bool = True
    _near_zero: int = field(default=0, repr=False)

    def arm(self, waybill_no: str) -> None:
        self.armed = waybill_no

    def disarm(self) -> None:
        self.armed = None

    def feed(self, grams: int, stable: bool, overload: bool = False) -> tuple[str, int] | None:
        """Returns ``(waybill_no, grams)`` when this reading is captured, else None."""
        if not overload and abs(grams) <= self.zero_band_grams:
            self._near_zero += 1
            if self._near_zero >= self.zero_readings:
                self.needs_zero = False
            return None
        self._near_zero = 0
        if overload or not stable or self.needs_zero or self.armed is None:
            return None
        waybill = self.armed
        self.armed = None
        self.needs_zero = True
        return waybill, int(grams)

    @property
    def waiting_for_removal(self) -> bool:
        return self.needs_zero


def short_parcel_grams(
    units: Iterable[tuple[int, int]],
    expected_grams: int,
    tolerance_grams: int,
    *,
    zero_band_grams: int = CaptureGate.zero_band_grams,
    lighter_by: int = 0,
) -> int | None:
    """What a parcel "missing an item" weighs, for the demo scale: without its heaviest unit
    (more of them when one is within the tolerance), ``lighter_by`` grams of scale noise less,
    and never so light that the capture gate would take it for an empty platform (a one-item
    order in a 15 g bag weighs nothing without its item). ``units``: ``(unit_grams, qty)``.
    None when no such weight falls out of the tolerance band: the order's goods are too light
    for the scale to tell one missing."""
    weights = sorted((g for g, q in units for _ in range(max(q, 0)) if g > 0), reverse=True)
    removed = 0
    for g in weights:
        removed += g
        if removed > tolerance_grams:
            break
    floor = zero_band_grams * 2 + 1  # clearly a load, not an empty platform
    grams = max(expected_grams - removed - max(lighter_by, 0), floor)
    return grams if expected_grams - grams > tolerance_grams else None
