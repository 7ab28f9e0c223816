"""The print station's transactions: the queue, batches, waybill numbers, print records.

A waybill number is taken from the carrier's pool inside the same transaction that gives it to
the order: on PostgreSQL the free numbers are locked with ``FOR UPDATE SKIP LOCKED`` (two
stations never wait on or take the same number), on SQLite the write transaction is
``BEGIN IMMEDIATE``; the unique index on the number is the last guard. A number stays with its
order: a failed print is retried with the same number, a reprint prints the same number, and
only a supervisor's void (with a reason) takes it out of use, for ever.

Print jobs are evidence: one `PrintJob` row and one event per document sent, with its result.

The package, by purpose: ``queue``, ``batches`` (preview and allocation), ``documents`` (what
a label needs), ``records`` (print records, reprint check, void), ``carrier_override``.
Everything is importable from here as before.
"""

from app.services.waybills.batches import Batch, BatchLine, allocate_batch, preview_batch
from app.services.waybills.carrier_override import CARRIER_ROLES, CarrierChange, override_carrier
from app.services.waybills.documents import GoodsItem, WaybillInfo, waybill_infos
from app.services.waybills.queue import QueueSummary, print_queue
from app.services.waybills.records import (
    REPRINT_REASONS,
    JobRecord,
    check_reprint,
    order_for_waybill,
    record_print,
    void_waybill,
)

__all__ = [
    "Batch",
    "BatchLine",
    "CARRIER_ROLES",
    "CarrierChange",
    "GoodsItem",
    "JobRecord",
    "QueueSummary",
    "REPRINT_REASONS",
    "WaybillInfo",
    "allocate_batch",
    "check_reprint",
    "order_for_waybill",
    "override_carrier",
    "preview_batch",
    "print_queue",
    "record_print",
    "void_waybill",
    "waybill_infos",
]
