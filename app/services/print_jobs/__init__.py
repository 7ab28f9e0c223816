"""Printing a batch, reprinting, voiding: the print station's use cases end to end, without Qt.

``print_batch`` = ``allocate_batch`` (numbers, one transaction) → ``waybill_infos`` → printing's
document data (sender from the shop, goods, expected grams, 三段码/大头笔/集包地 from the routing
table, gift note from the seller remark) → ``render_waybills`` → ``backend.send`` →
``record_print``. A failed send is recorded as failed; the orders keep their numbers and the
retry (``print_batch(order_nos=…)``) prints the same numbers. After the waybills, the outbound
slips (same order) and the batch's pick list go to ``slips_backend`` (the waybill backend when
none is given), each recorded as print jobs (``slip``, ``picklist``).

Everything here blocks (PDF building ≈10 ms a label, a printer can hang until its timeout):
call it from a worker thread, never from the GUI thread.

The package, by purpose: ``batch`` (the print run), ``reprint`` (reprint and void, the reason
words), ``preview``, ``job_log`` (the station's log and choices), ``office`` (office documents),
with ``documents`` (the documents' data, format check, sending) and ``routing`` (the routing
table) under them. Everything is importable from here as before.
"""

from app.services.print_jobs.batch import ComponentFor, PrintBatchResult, print_batch
from app.services.print_jobs.documents import (
    GIFT_MARKS,
    SLIP_SIZE,
    check_format,
    gift_note,
    invoice_title,
    pick_list_data,
    slip_data,
    waybill_data,
)
from app.services.print_jobs.job_log import (
    JobRow,
    carrier_codes,
    find_shop,
    recent_jobs,
    retry_order_nos,
    shop_choices,
)
from app.services.print_jobs.office import DocumentPrint, print_document
from app.services.print_jobs.preview import preview_pdf, preview_platform
from app.services.print_jobs.reprint import (
    REASON_WORDS,
    ReprintResult,
    reason_code,
    reprint,
    reprint_reason,
    void,
)
from app.services.print_jobs.routing import ROUTING_KEY, demo_routing, import_routing, load_routing

__all__ = [
    "ComponentFor",
    "DocumentPrint",
    "GIFT_MARKS",
    "JobRow",
    "PrintBatchResult",
    "REASON_WORDS",
    "ROUTING_KEY",
    "ReprintResult",
    "SLIP_SIZE",
    "carrier_codes",
    "check_format",
    "demo_routing",
    "find_shop",
    "gift_note",
    "import_routing",
    "invoice_title",
    "load_routing",
    "pick_list_data",
    "preview_pdf",
    "preview_platform",
    "print_batch",
    "print_document",
    "reason_code",
    "recent_jobs",
    "reprint",
    "reprint_reason",
    "retry_order_nos",
    "shop_choices",
    "slip_data",
    "void",
    "waybill_data",
]
