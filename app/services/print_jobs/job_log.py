"""The print station's job log and its choices: recent print jobs, the orders waiting for a
retry, the shops and carriers."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select

from app.db.engine import Database
from app.db.models import Event, Order, OrderStatus, PrintJob
from app.services.errors import ServiceError


@dataclass(frozen=True)
class JobRow:
    """One recorded print job for the station's log."""

    id: int
    at: dt.datetime
    order_id: int | None
    order_no: str
    waybill_no: str
    document: str
    batch: str
    printer: str
    result: str  # ok / failed
    message: str
    reason: str
    reprint: bool
    operator: str
    waiting_retry: bool  # failed waybill whose order still waits with its number


def recent_jobs(
    db: Database, *, limit: int = 200, documents: tuple[str, ...] = ("waybill",)
) -> list[JobRow]:
    """The newest print jobs first (waybills only by default)."""
    with db.read() as s:
        q = (
            select(
                PrintJob, Event.at, Event.operator, Order.order_no, Order.status, Order.waybill_no
            )
            .join(Event, Event.id == PrintJob.event_id)
            .outerjoin(Order, Order.id == PrintJob.order_id)
            .order_by(PrintJob.id.desc())
            .limit(limit)
        )
        if documents:
            q = q.where(PrintJob.document.in_(documents))
        out = []
        for pj, at, op, order_no, status, current_no in s.execute(q):
            out.append(
                JobRow(
                    id=pj.id,
                    at=at,
                    order_id=pj.order_id,
                    order_no=order_no or "",
                    waybill_no=pj.waybill_no or "",
                    document=pj.document,
                    batch=pj.batch_code,
                    printer=pj.printer,
                    result=pj.result,
                    message=pj.message,
                    reason=pj.reason,
                    reprint=pj.reprint_of is not None or bool(pj.reason),
                    operator=op or "",
                    waiting_retry=(
                        pj.result == "failed"
                        and status == OrderStatus.PAID.value
                        and bool(current_no)
                        and current_no == pj.waybill_no
                    ),
                )
            )
        return out


def retry_order_nos(db: Database) -> list[str]:
    """Orders holding a number whose waybill never printed (a failed print), first paid first."""
    with db.read() as s:
        return list(
            s.scalars(
                select(Order.order_no)
                .where(Order.status == OrderStatus.PAID.value, Order.waybill_no.is_not(None))
                .order_by(Order.paid_at, Order.id)
            )
        )


def shop_choices(db: Database) -> list[tuple[int, str]]:
    """(id, name) of every shop, for the print station's shop filter."""
    from app.db.models import Shop

    with db.read() as s:
        return [(i, n) for i, n in s.execute(select(Shop.id, Shop.name).order_by(Shop.id))]


def find_shop(db: Database, name: str) -> int:
    """A shop's id by its name or code (``shop_not_found`` otherwise)."""
    from sqlalchemy import or_

    from app.db.models import Shop

    key = name.strip()
    with db.read() as s:
        sid = s.scalar(select(Shop.id).where(or_(Shop.name == key, Shop.code == key)).limit(1))
    if sid is None:
        raise ServiceError("shop_not_found", shop=name)
    return sid


def carrier_codes(db: Database) -> list[str]:
    from app.db.models import Carrier

    with db.read() as s:
        return list(s.scalars(select(Carrier.code).order_by(Carrier.code)))
