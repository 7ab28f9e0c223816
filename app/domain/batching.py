"""Which orders are printed first, and in what order within a batch (DOMAIN.md's rules).

1. first paid, first processed — this chooses *which* orders go into the next batch;
2. simple orders (one item) before complex ones;
3. the earliest promised ship time first;
4. orders for the same product together;
5. orders for the same carrier together.

Rules 2–5 arrange the batch. Taken literally, rule 3 on exact timestamps would leave nothing
for rules 4 and 5 (no two promised times are equal), so the promised time counts by the day it
falls on (its ship-by date, Beijing time): within one ship-by date, orders of the same product
and then of the same carrier sit together, and paid time breaks ties.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

CHINA = dt.timezone(dt.timedelta(hours=8), "Asia/Shanghai")
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


def ship_by_day(c: Candidate) -> dt.date:
    t = c.promised_ship_at or c.paid_at
    if t is None:
        return dt.date.max
    return t.astimezone(CHINA).date()


def batch_sort_key(c: Candidate) -> tuple:
    far = dt.datetime.max.replace(tzinfo=dt.UTC)
    return (
        c.item_count > 1,
        ship_by_day(c),
        c.skus,
        c.carrier,
        c.paid_at or far,
        c.order_id,
    )


def arrange_batch(candidates: Iterable[Candidate]) -> list[Candidate]:
    """The batch in print order (rules 2–5)."""
    return sorted(candidates, key=batch_sort_key)


def same_day(
    paid_at: dt.datetime | None, now: dt.datetime, cutoff: dt.time = DEFAULT_CUTOFF
) -> bool:
    """Paid before today's cut-off (Beijing time), so it must leave today."""
    if paid_at is None:
        return False
    local_now = now.astimezone(CHINA)
    limit = dt.datetime.combine(local_now.date(), cutoff, tzinfo=CHINA)
    return paid_at.astimezone(CHINA) < limit


def cutoff_at(now: dt.datetime, cutoff: dt.time = DEFAULT_CUTOFF) -> dt.datetime:
    local_now = now.astimezone(CHINA)
    return dt.datetime.combine(local_now.date(), cutoff, tzinfo=CHINA)
