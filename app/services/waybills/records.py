"""Print records (one `PrintJob` row and one event per document sent), the reprint check and
the void that takes a number out of use for ever."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from app.db.chain import append_event
from app.db.engine import Database
from app.db.models import Order, OrderStatus, PrintJob, WaybillNumber, utcnow
from app.domain.orders import LEFT_WAREHOUSE
from app.services.errors import ServiceError

REPRINT_REASONS = ("jammed", "smudged", "lost", "address_changed", "other")


@dataclass(frozen=True)
class JobRecord:
    order_no: str
    waybill_no: str
    document: str
    ok: bool
    job_id: int


def record_print(
    db: Database,
    order_ids: list[int],
    *,
    document: str,
    batch_code: str,
    printer: str,
    ok: bool,
    message: str = "",
    operator: str = "",
    station: str = "",
    reason: str = "",
    reprint: bool = False,
    forced: bool = False,
) -> list[JobRecord]:
    """One print job per order and document, with its result; a printed waybill moves the
    order from ``paid`` to ``printed`` (and an address-change hold is released by its reprint).
    ``forced``: a reprint confirmed although the parcel had left the warehouse; its event
    says so (``forced``, with the status then)."""
    out = []
    with db.write() as s:
        for o in s.scalars(select(Order).where(Order.id.in_(order_ids)).with_for_update()):
            prev = None
            if reprint:
                prev = s.scalar(
                    select(PrintJob.id)
                    .where(PrintJob.order_id == o.id, PrintJob.document == document)
                    .order_by(PrintJob.id.desc())
                    .limit(1)
                )
            kind = ("reprinted" if reprint else "printed") if ok else "print_failed"
            ev = append_event(
                s,
                kind,
                order_id=o.id,
                station=station,
                operator=operator,
                detail={
                    "document": document,
                    "waybill_no": o.waybill_no or "",
                    "printer": printer,
                    "batch": batch_code,
                    **({"reason": reason} if reason else {}),
                    **({"message": message} if message else {}),
                    **(
                        {"forced": True, "status": o.status}
                        if forced and o.status in LEFT_WAREHOUSE
                        else {}
                    ),
                },
            )
            job = PrintJob(
                event_id=ev.id,
                order_id=o.id,
                document=document,
                waybill_no=o.waybill_no,
                batch_code=batch_code,
                printer=printer,
                reprint_of=prev,
                reason=reason,
                result="ok" if ok else "failed",
                message=message[:256],
            )
            s.add(job)
            s.flush()
            if ok and document == "waybill":
                if o.status == OrderStatus.PAID:
                    o.status = OrderStatus.PRINTED.value
                    o.updated_at = utcnow()
                elif (
                    o.status == OrderStatus.HELD
                    and o.hold_reason == "address_changed"
                    and (reason == "address_changed")
                ):
                    o.status, o.hold_reason = OrderStatus.PRINTED.value, ""
                    o.updated_at = utcnow()
            out.append(JobRecord(o.order_no, o.waybill_no or "", document, ok, job.id))
    return out


def order_for_waybill(db: Database, waybill_no: str) -> int:
    with db.read() as s:
        oid = s.scalar(select(Order.id).where(Order.waybill_no == waybill_no.strip()))
    if oid is None:
        raise ServiceError("waybill_not_found", waybill=waybill_no)
    return oid


def check_reprint(db: Database, waybill_no: str, reason: str, *, force: bool = False) -> int:
    """The order a reprint is for; refuses unknown numbers, a missing reason, cancelled orders
    and, unless ``force``, a parcel already handed to the courier (``reprint_left_warehouse``:
    a second label for it can ship a duplicate)."""
    if not reason.strip():
        raise ServiceError("reason_required")
    oid = order_for_waybill(db, waybill_no)
    with db.read() as s:
        status, order_no = s.execute(
            select(Order.status, Order.order_no).where(Order.id == oid)
        ).one()
    if status == OrderStatus.CANCELLED:
        raise ServiceError("order_cancelled", waybill=waybill_no)
    if status in LEFT_WAREHOUSE and not force:
        raise ServiceError(
            "reprint_left_warehouse", waybill=waybill_no, order_no=order_no, status=status
        )
    return oid


def void_waybill(
    db: Database,
    waybill_no: str,
    reason: str,
    *,
    operator: str = "",
    station: str = "",
    platform: dict | None = None,
) -> str:
    """Take a number out of use for ever (damaged label, cancelled order); the order, if it
    is still to ship, goes back to the queue for a new number. Returns the order number.
    ``platform``: the platform's answer to the cancel of a platform's number (recorded)."""
    if not reason.strip():
        raise ServiceError("reason_required")
    number = waybill_no.strip()
    with db.write() as s:
        wn = s.scalars(select(WaybillNumber).where(WaybillNumber.number == number)).first()
        if platform is not None:  # a platform's number: its order holds it
            o = s.scalars(select(Order).where(Order.waybill_no == number).with_for_update()).first()
        elif wn is None or wn.status != "used":
            raise ServiceError("waybill_not_found", waybill=waybill_no)
        else:
            o = s.get(Order, wn.order_id) if wn.order_id else None
            wn.status = "void"
        order_no = ""
        if o is not None:
            order_no = o.order_no
            if o.waybill_no == number:
                o.waybill_no = None
                if o.status in (OrderStatus.PRINTED, OrderStatus.HELD):
                    o.status, o.hold_reason = OrderStatus.PAID.value, ""
                o.updated_at = utcnow()
        append_event(
            s,
            "waybill_voided",
            order_id=o.id if o else None,
            station=station,
            operator=operator,
            detail={
                "waybill_no": number,
                "reason": reason,
                **({"platform": platform} if platform is not None else {}),
            },
        )
    return order_no
