"""The routing table (三段码/大头笔/集包地 by address): the demo table, the floor's table
as stored in the floor settings, and its import from a file."""

from __future__ import annotations

import threading
from typing import Any

from app.db.engine import Database
from app.db.models import FloorSetting
from printing import RoutingError, RoutingTable
from printing.routing import COLUMNS as ROUTING_COLUMNS
from printing.routing import Route

ROUTING_KEY = "routing"


_demo_lock = threading.Lock()
_demo_table: RoutingTable | None = None


def demo_routing() -> RoutingTable:
    global _demo_table
    with _demo_lock:
        if _demo_table is None:
            _demo_table = RoutingTable.demo()
        return _demo_table


def load_routing(db: Database) -> RoutingTable:
    """The imported routing table (floor setting ``routing``), else printing's demo table.

    An imported table covers the carriers it names; other carriers use the demo rows.
    """
    with db.read() as s:
        row = s.get(FloorSetting, ROUTING_KEY)
        value = dict(row.value or {}) if row is not None else {}
    rows = value.get("rows") or []
    if not rows:
        return demo_routing()
    mine = {str(r[0]).strip().upper() for r in rows}
    keep = [r for r in _demo_rows() if r[0].upper() not in mine]
    return RoutingTable(
        (r[0], r[1], r[2], Route(r[3], r[4], r[5])) for r in [*keep, *rows] if len(r) >= 6
    )


def _demo_rows() -> list[list[str]]:
    import csv

    from printing.routing import DEMO_CSV

    with open(DEMO_CSV, encoding="utf-8-sig", newline="") as f:
        return [[row[c] or "" for c in ROUTING_COLUMNS] for row in csv.DictReader(f)]


def import_routing(
    db: Database, carrier: str, path: str, *, operator: str = "", station: str = ""
) -> dict[str, Any]:
    """Store a carrier's routing CSV (columns ``carrier,province,city,sort_code,destination,
    hub``; the ``carrier`` column may be blank) as floor setting ``routing``, replacing that
    carrier's earlier rows. Raises :class:`printing.RoutingError` for an unusable file."""
    from app.db.chain import append_event

    code = carrier.strip().upper()
    if not code:
        raise RoutingError("--carrier must name a carrier code")
    import csv
    import io
    from pathlib import Path

    try:
        text = Path(path).read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise RoutingError(f"{path}: cannot read routing table: {exc}") from exc
    reader = csv.DictReader(io.StringIO(text))
    need = [c for c in ROUTING_COLUMNS if c != "carrier"]
    missing = [c for c in need if c not in (reader.fieldnames or [])]
    if missing:
        raise RoutingError(f"{path}: missing column(s) {', '.join(missing)}")
    new_rows: list[list[str]] = []
    skipped = 0
    for row in reader:
        rc = (row.get("carrier") or "").strip().upper()
        if rc and rc != code:
            skipped += 1
            continue
        province = (row.get("province") or "").strip()
        if not province:
            raise RoutingError(f"{path}:{reader.line_num}: province is required")
        new_rows.append(
            [
                code,
                province,
                (row.get("city") or "").strip(),
                (row.get("sort_code") or "").strip(),
                (row.get("destination") or "").strip(),
                (row.get("hub") or "").strip(),
            ]
        )
    with db.write() as s:
        row = s.get(FloorSetting, ROUTING_KEY)
        if row is None:
            row = FloorSetting(key=ROUTING_KEY, value={})
            s.add(row)
        old = [r for r in (row.value or {}).get("rows", []) if str(r[0]).upper() != code]
        row.value = {"rows": old + new_rows}
        append_event(
            s,
            "routing_imported",
            station=station,
            operator=operator,
            detail={"carrier": code, "rows": len(new_rows)},
        )
    return {"imported": len(new_rows), "updated": 0, "skipped": skipped, "errors": []}
