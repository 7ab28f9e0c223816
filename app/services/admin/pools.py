"""The admin's waybill-number pools: the list, and adding a range of numbers."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from sqlalchemy import insert, select

from app.db.engine import Database
from app.db.models import Carrier, WaybillNumber, WaybillPool
from app.services.admin.carriers import _number_counts
from app.services.admin.common import MAX_RANGE, _admin, _audit
from app.services.errors import ServiceError


@dataclass(frozen=True)
class PoolRow:
    id: int
    carrier: str
    first_no: str
    last_no: str
    count: int  # numbers this pool added
    free: int
    used: int
    void: int
    imported_at: dt.datetime
    source: str


@dataclass(frozen=True)
class PoolAdded:
    pool_id: int | None  # None when every number of the range was known already
    added: int
    skipped: int  # numbers already known (free, used or void): never issued twice


def list_pools(db: Database, carrier: str = "") -> list[PoolRow]:
    q = (
        select(WaybillPool, Carrier.code)
        .join(Carrier, Carrier.id == WaybillPool.carrier_id)
        .order_by(WaybillPool.id.desc())
    )
    if carrier:
        q = q.where(Carrier.code == carrier.upper())
    with db.read() as s:
        counts = _number_counts(s, WaybillNumber.pool_id)
        return [
            PoolRow(
                p.id,
                code,
                p.first_no,
                p.last_no,
                p.count,
                counts.get((p.id, "free"), 0),
                counts.get((p.id, "used"), 0),
                counts.get((p.id, "void"), 0),
                p.imported_at,
                p.source,
            )
            for p, code in s.execute(q)
        ]


_NUMBER = re.compile(r"^([A-Za-z]*)(\d+)$")


def expand_range(first: str, last: str) -> list[str]:
    """``first``…``last`` of one carrier: same letter prefix, same digit count; codes
    ``invalid_range`` / ``range_too_large``."""
    a, b = _NUMBER.match(first.strip()), _NUMBER.match((last or first).strip())
    if not a or not b or a.group(1) != b.group(1) or len(a.group(2)) != len(b.group(2)):
        raise ServiceError("invalid_range", first=first, last=last)
    lo, hi, width = int(a.group(2)), int(b.group(2)), len(a.group(2))
    if hi < lo:
        raise ServiceError("invalid_range", first=first, last=last)
    if hi - lo + 1 > MAX_RANGE:
        raise ServiceError("range_too_large", max=MAX_RANGE)
    return [f"{a.group(1)}{n:0{width}d}" for n in range(lo, hi + 1)]


def add_pool(
    db: Database, carrier: str, first: str, last: str, *, operator: str, station: str = ""
) -> PoolAdded:
    """Add the numbers ``first``…``last`` the carrier issued. Numbers the database already
    knows (in any state) are skipped, so a used or voided number is never issued again;
    ``numbers_known`` when nothing is left to add."""
    _admin(db, operator)
    numbers = expand_range(first, last)
    code = carrier.strip().upper()
    with db.write() as s:
        c = s.scalars(select(Carrier).where(Carrier.code == code)).first()
        if c is None:
            raise ServiceError("unknown_carrier", carrier=code)
        if c.waybill_pattern:
            pat = re.compile(c.waybill_pattern)
            bad = next((x for x in numbers if not pat.fullmatch(x)), None)
            if bad is not None:
                raise ServiceError("not_carrier_number", number=bad, carrier=code)
        known: set[str] = set()
        for i in range(0, len(numbers), 5000):
            part = numbers[i : i + 5000]
            known |= set(
                s.scalars(select(WaybillNumber.number).where(WaybillNumber.number.in_(part)))
            )
        fresh = [x for x in numbers if x not in known]
        if not fresh:
            raise ServiceError("numbers_known", first=numbers[0], last=numbers[-1])
        pool = WaybillPool(
            carrier_id=c.id,
            first_no=numbers[0],
            last_no=numbers[-1],
            count=len(fresh),
            source=f"admin {operator}",
        )
        s.add(pool)
        s.flush()
        for i in range(0, len(fresh), 5000):
            s.execute(
                insert(WaybillNumber),
                [
                    {"carrier_id": c.id, "pool_id": pool.id, "number": x, "status": "free"}
                    for x in fresh[i : i + 5000]
                ],
            )
        _audit(
            s,
            "waybill_pool",
            f"{code} {numbers[0]}-{numbers[-1]}",
            "add_range",
            None,
            {"pool": pool.id, "added": len(fresh), "skipped": len(known)},
            operator=operator,
            station=station,
        )
        return PoolAdded(pool.id, len(fresh), len(known))
