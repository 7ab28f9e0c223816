"""Import use cases: orders, products and waybill-number ranges into the database.

Re-importing a file imports nothing twice: orders are keyed by platform + order number.
A changed row updates the order and the change is recorded as an event; a cancellation of an
order already in the warehouse is an interception. Bulk inserts use SQLAlchemy Core so a
100,000-order file goes in at thousands of orders per second.

The package: ``import_orders`` is here (it chooses where the file is parsed and applies the
chunks); ``applier`` writes them, ``products`` and ``waybill_numbers`` import those files,
``result`` is what every import returns. Everything is importable from here as before.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path

from app import heap
from app.db.engine import Database
from app.importers.orders import Chunk, parse_chunks, parse_qty
from app.importers.tables import UnreadableFile
from app.importers.worker import WorkerFailed, parse_in_worker
from app.services.importing.applier import ADDRESS_FIELDS as ADDRESS_FIELDS
from app.services.importing.applier import CHUNK_ORDERS, _Applier, _big_cache
from app.services.importing.applier import LINE_KEYS as LINE_KEYS
from app.services.importing.applier import ORDER_KEYS as ORDER_KEYS
from app.services.importing.applier import VALUE_KEYS as VALUE_KEYS
from app.services.importing.applier import _bulk_insert as _bulk_insert
from app.services.importing.products import PRODUCT_FIELDS as PRODUCT_FIELDS
from app.services.importing.products import import_products
from app.services.importing.result import ImportResult
from app.services.importing.waybill_numbers import MAX_RANGE as MAX_RANGE
from app.services.importing.waybill_numbers import import_waybill_numbers

log = logging.getLogger(__name__)

CHUNK = CHUNK_ORDERS


def import_orders(
    db: Database,
    path: str | Path,
    *,
    platform: str | None = None,
    lines_path: str | Path | None = None,
    colmap: dict[str, str] | None = None,
    operator: str = "",
    station: str = "",
    parallel: bool | None = None,
) -> ImportResult:
    """Parse the file(s) and apply them in one transaction; raises `UnreadableFile` when
    nothing can be read.

    ``parallel``: parse in worker processes while this one writes (`parse_in_worker`); by
    default for files of `PARALLEL_BYTES` or more, where it saves more than it costs."""
    files = [Path(path)] + ([Path(lines_path)] if lines_path is not None else [])
    if parallel is None:
        parallel = sum(_size(f) for f in files) >= PARALLEL_BYTES
    args = {"platform": platform, "lines_path": lines_path, "colmap": colmap}
    if parallel:
        try:
            return _import(db, parse_in_worker(path, **args), operator, station)
        except WorkerFailed as exc:  # rolled back: nothing of it was kept
            log.warning("import: the parsing process failed, parsing here instead: %s", exc)
    return _import(db, parse_chunks(path, **args), operator, station)


PARALLEL_BYTES = 2_000_000  # about 10,000 Taobao orders with their detail file


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0  # the parser says what is wrong with it


def _import(db: Database, chunks: Iterator[Chunk], operator: str, station: str) -> ImportResult:
    result = ImportResult()
    with heap.paused(), db.write() as s, _big_cache(s):
        apply = _Applier(s, result, operator, station)
        for chunk in chunks:
            result.skipped += chunk.skipped
            result.errors.extend(chunk.errors)
            rows = chunk.rows
            for i in range(0, len(rows), CHUNK):
                apply.orders(rows[i : i + CHUNK], chunk.lines_follow)
            if chunk.orders_complete:
                apply.complete()
            if chunk.lines:
                apply.lines(chunk.lines)
        apply.complete()
        apply.finish()
    result.errors.sort(key=lambda e: e.line)
    return result


__all__ = [
    "ImportResult",
    "UnreadableFile",
    "import_orders",
    "import_products",
    "import_waybill_numbers",
    "parse_qty",
]
