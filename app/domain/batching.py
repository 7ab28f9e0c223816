"""Which orders are printed first, and in what order within a batch (the floor's processing
rules, docs/dev/floor.md).

1. first paid, first processed — this chooses *which* orders go into the next batch;
2. simple orders (one item) before complex ones;
3. the earliest promised ship time first;
4. orders for the same product together;
5. orders for the same carrier together.

Rules 2–5 arrange the batch. Taken literally, rule 3 on exact timestamps would leave nothing
for rules 4 and 5 (no two promised times are equal), so the promised time counts by the day it
falls on (its ship-by date on the floor's clock, `app.domain.floortime`): within one ship-by date, orders of the same product
and then of the same carrier sit together, and paid time breaks ties.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from app.domain.floortime import as_utc, at_floor, floor_date, to_floor

MAX_BATCH = 100
DEFAULT_CUTOFF = dt.time(16, 0)


@dataclass(frozen=True)
class Candidate:
    order_id: int
    order_no: str
    paid_at: dt.datetime | None
    promised_ship_at: dt.datetime | None
    item_count: int
    skus: tuple[str, ...]  # the order's SKUs, sorted
    carrier: str  # the carrier code it will ship with ('' when none can take it)


def ship_by_day(c: Candidate, zone: dt.tzinfo | None = None) -> dt.date:
    """The floor's day the order must ship by (``zone``: default the floor zone)."""
    t = c.promised_ship_at or c.paid_at
    if t is None:
        return dt.date.max
    return floor_date(t, zone)


def batch_sort_key(c: Candidate, zone: dt.tzinfo | None = None) -> tuple:
    far = dt.datetime.max.replace(tzinfo=dt.UTC)
    return (
        c.item_count > 1,
        ship_by_day(c, zone),
        c.skus,
        c.carrier,
        c.paid_at or far,
        c.order_id,
    )


def arrange_batch(
    candidates: Iterable[Candidate], zone: dt.tzinfo | None = None
) -> list[Candidate]:
    """The batch in print order (rules 2–5); ship-by days on ``zone``'s clock (the floor's)."""
    return sorted(candidates, key=lambda c: batch_sort_key(c, zone))


def same_day(
    paid_at: dt.datetime | None,
    now: dt.datetime,
    cutoff: dt.time = DEFAULT_CUTOFF,
    zone: dt.tzinfo | None = None,
) -> bool:
    """Paid before today's cut-off (the floor's clock), so it must leave today."""
    if paid_at is None:
        return False
    return as_utc(paid_at) < cutoff_at(now, cutoff, zone)


def cutoff_at(
    now: dt.datetime, cutoff: dt.time = DEFAULT_CUTOFF, zone: dt.tzinfo | None = None
) -> dt.datetime:
    """Today's cut-off on the floor's clock (``zone``; default the floor zone), aware in that
    zone: 16:00 floor time of the floor's day at ``now``."""
    local_now = to_floor(now, zone)
    return at_floor(local_now.date(), cutoff, local_now.tzinfo)
