"""Importing waybill-number ranges into a carrier's pool."""

from __future__ import annotations

import re
from pathlib import Path

from sqlalchemy import insert, select

from app.db.engine import Database
from app.db.models import Carrier, WaybillNumber, WaybillPool
from app.importers.orders import RowError
from app.importers.tables import UnreadableFile
from app.services.importing.result import ImportResult

_RANGE = re.compile(r"^\s*([A-Za-z]*)(\d+)\s*(?:[-~,，\t]|\.\.)\s*([A-Za-z]*)(\d+)\s*$")
MAX_RANGE = 1_000_000


def _expand(text: str) -> list[str]:
    m = _RANGE.match(text)
    if not m:
        return [text.strip()]
    p1, a, p2, b = m.groups()
    if p1 != p2 or len(a) != len(b):
        raise ValueError(f"not a range of one carrier's numbers: {text!r}")
    lo, hi = int(a), int(b)
    if hi < lo:
        raise ValueError(f"range ends before it starts: {text!r}")
    if hi - lo + 1 > MAX_RANGE:
        raise ValueError(f"range larger than {MAX_RANGE:,} numbers: {text!r}")
    return [f"{p1}{n:0{len(a)}d}" for n in range(lo, hi + 1)]


def import_waybill_numbers(db: Database, carrier_code: str, path: str | Path) -> ImportResult:
    """One number or one range (``first-last``, ``first,last``) per line; header optional."""
    try:
        text = Path(path).read_bytes()
    except OSError as exc:
        raise UnreadableFile(f"{path}: {exc.strerror or exc}") from exc
    from app.importers.tables import decode

    lines = decode(text, Path(path)).splitlines()
    result = ImportResult()
    with db.write() as s:
        carrier = s.scalar(select(Carrier).where(Carrier.code == carrier_code.upper()))
        if carrier is None:
            raise UnreadableFile(f"unknown carrier code {carrier_code!r}")
        pattern = re.compile(carrier.waybill_pattern) if carrier.waybill_pattern else None
        batch: list[tuple[int, list[str]]] = []
        for n, raw in enumerate(lines, start=1):
            raw = raw.strip().strip('"').strip("'")
            if not raw or raw.startswith("#"):
                continue
            if n == 1 and not any(ch.isdigit() for ch in raw):
                continue  # a header such as 运单号 / start,end
            try:
                numbers = _expand(raw)
                if pattern:
                    bad = next((x for x in numbers if not pattern.fullmatch(x)), None)
                    if bad:
                        raise ValueError(f"{bad} is not a {carrier.code} waybill number")
            except ValueError as exc:
                result.errors.append(RowError(n, str(exc)))
                continue
            batch.append((n, numbers))
        for n, numbers in batch:
            known = set()
            for i in range(0, len(numbers), 5000):
                part = numbers[i : i + 5000]
                known |= set(
                    s.scalars(select(WaybillNumber.number).where(WaybillNumber.number.in_(part)))
                )
            fresh = [x for x in numbers if x not in known]
            result.skipped += len(numbers) - len(fresh)
            if not fresh:
                continue
            pool = WaybillPool(
                carrier_id=carrier.id,
                first_no=numbers[0],
                last_no=numbers[-1],
                count=len(fresh),
                source=f"{Path(path).name}:{n}",
            )
            s.add(pool)
            s.flush()
            s.execute(
                insert(WaybillNumber),
                [
                    {"carrier_id": carrier.id, "pool_id": pool.id, "number": x, "status": "free"}
                    for x in fresh
                ],
            )
            result.imported += len(fresh)
    return result
