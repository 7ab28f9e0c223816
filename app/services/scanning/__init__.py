"""The scanning stations' transactions: picking (配货), verification (校验), packing (打包),
holds and the supervisor's queue.

Every scan is recorded, whatever its verdict: one `ScanEvent` row hanging off one chained
`Event` (who, which station, when, what was scanned, the verdict). A refusal that must be
recorded (an intercepted order, a wrong item) is committed first and raised afterwards as a
`ServiceError`, so the record survives the refusal.

``order_lines.verified_qty`` is the running count of verification (derived; the scan events are
the evidence). Picking progress is derived from the pick scan events alone.

An order being verified or packed is claimed by its station (``orders.claimed_by`` /
``claimed_at``); another station scanning it is told which station has it until the claim has
been idle for `CLAIM_IDLE`.

The rooms: `views` (the plain data handed to the stations), `common` (the claim rule, recording
a scan, reading and finding an order, the refusals), `opening`, `verification`, `holds`,
`picking` and `packing`. Import from here: this package re-exports their public names.
"""

from __future__ import annotations

from app.domain.verify import COUNTED
from app.services.scanning.common import CLAIM_IDLE, STEP_STATUSES, SUPERVISOR_ROLES
from app.services.scanning.holds import (
    HeldOrder,
    Released,
    cancel_hold,
    find_held,
    hold,
    list_holds,
    release_hold,
)
from app.services.scanning.opening import AWAITING_DECISION, open_order, refuse_scan, release_claim
from app.services.scanning.packing import (
    list_cartons,
    pack_order,
    packing_confirmation,
    packing_view,
)
from app.services.scanning.picking import (
    PickLine,
    PickList,
    PickResult,
    confirm_pick_line,
    mark_shortage,
    open_pick_list,
    pick_item,
)
from app.services.scanning.verification import scan_item, undo_scan
from app.services.scanning.views import LineView, OrderView, Recount, ScanResult

__all__ = [
    "AWAITING_DECISION",
    "CLAIM_IDLE",
    "COUNTED",
    "HeldOrder",
    "LineView",
    "OrderView",
    "PickLine",
    "PickList",
    "PickResult",
    "Recount",
    "Released",
    "STEP_STATUSES",
    "SUPERVISOR_ROLES",
    "ScanResult",
    "cancel_hold",
    "confirm_pick_line",
    "find_held",
    "hold",
    "list_cartons",
    "list_holds",
    "mark_shortage",
    "open_order",
    "open_pick_list",
    "pack_order",
    "packing_confirmation",
    "packing_view",
    "pick_item",
    "refuse_scan",
    "release_claim",
    "release_hold",
    "scan_item",
    "undo_scan",
]
