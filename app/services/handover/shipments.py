"""The platforms' bulk-ship files (平台发货): the shipment export per platform, and how many
shipped orders the platforms have not confirmed yet."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import exists, func, select

from app.db.chain import append_event
from app.db.engine import Database
from app.db.models import Carrier, Event, Order, OrderStatus, Weighing, utcnow
from app.domain import floortime
from app.services.errors import ServiceError
from app.services.floortime import floor_zone
from app.services.handover.carts import PASSED, SHIPPED_WINDOW, _check_role

#: The carriers' names as each platform's bulk-ship upload expects them.
PLATFORM_CARRIER_NAMES: dict[str, dict[str, str]] = {
    "taobao": {
        "ZTO": "中通快递",
        "YTO": "圆通速递",
        "STO": "申通快递",
        "YUNDA": "韵达快递",
        "SF": "顺丰速运",
        "JD": "京东快递",
        "EMS": "EMS",
    },
    "jd": {
        "ZTO": "中通快递",
        "YTO": "圆通快递",
        "STO": "申通快递",
        "YUNDA": "韵达快递",
        "SF": "顺丰快递",
        "JD": "京东快递",
        "EMS": "中国邮政",
    },
    "pdd": {
        "ZTO": "中通快递",
        "YTO": "圆通快递",
        "STO": "申通快递",
        "YUNDA": "韵达快递",
        "SF": "顺丰快递",
        "JD": "京东快递",
        "EMS": "邮政EMS",
    },
}
#: Header and encoding of each platform's upload (Taobao and JD take GBK spreadsheets' CSV,
#: Pinduoduo UTF-8 with BOM).
PLATFORM_FILES: dict[str, tuple[tuple[str, str, str], str]] = {
    "taobao": (("订单编号", "物流公司", "运单号"), "gbk"),
    "jd": (("订单号", "物流公司", "运单号"), "gbk"),
    "pdd": (("订单号", "物流公司", "运单号"), "utf-8-sig"),
}


@dataclass(frozen=True)
class ExportResult:
    platform: str
    path: str
    exported: int
    again: bool
    order_nos: list[str]


def export_shipments(
    db: Database,
    platform: str,
    out: str | Path,
    *,
    again: bool = False,
    operator: str = "",
    station: str = "",
) -> ExportResult:
    """Write the platform's bulk-ship file for parcels that passed weighing and were not
    exported yet, and mark them ``shipped`` (one transaction: the file is written first, so a
    failure to write changes nothing). ``again`` re-exports what was exported today."""
    platform = platform.lower()
    if platform not in PLATFORM_FILES:
        raise ServiceError("unknown_platform", platform=platform)
    header, encoding = PLATFORM_FILES[platform]
    names = PLATFORM_CARRIER_NAMES[platform]
    _check_role(db, operator)
    with db.write() as s:
        last = (
            select(Weighing.order_id, func.max(Weighing.id).label("wid"))
            .group_by(Weighing.order_id)
            .subquery()
        )
        if again:
            zone = floor_zone(s)  # the floor's midnight today
            since = floortime.day_bounds(floortime.today(utcnow(), zone), zone)[0]
            # shipped orders paid lately (status index), then their own events (order index)
            q = select(Order).where(
                Order.platform == platform,
                Order.status == OrderStatus.SHIPPED.value,
                Order.paid_at >= since - SHIPPED_WINDOW,
                exists().where(
                    Event.order_id == Order.id,
                    Event.kind == "shipment_exported",
                    Event.at >= since,
                ),
            )
        else:
            q = (
                select(Order)
                .join(last, last.c.order_id == Order.id)
                .join(Weighing, Weighing.id == last.c.wid)
                .where(
                    Order.platform == platform,
                    Order.status.in_((OrderStatus.WEIGHED.value, OrderStatus.HANDED_OVER.value)),
                    Weighing.verdict.in_(PASSED),
                )
            )
        orders = list(s.scalars(q.order_by(Order.id).with_for_update(of=Order)))
        carriers = {c.id: c.code for c in s.scalars(select(Carrier))}
        buf = io.StringIO(newline="")
        w = csv.writer(buf, lineterminator="\r\n")
        w.writerow(header)
        for o in orders:
            code = carriers.get(o.carrier_id or -1, "")
            w.writerow([o.order_no, names.get(code, code), o.waybill_no or ""])
        path = Path(out)
        try:
            path.write_bytes(buf.getvalue().encode(encoding, errors="replace"))
        except OSError as exc:
            raise ServiceError("cannot_write", path=str(path), detail=exc.strerror or "") from exc
        for o in orders:
            if not again:
                o.status = OrderStatus.SHIPPED.value
                o.updated_at = utcnow()
            append_event(
                s,
                "shipment_exported",
                order_id=o.id,
                station=station,
                operator=operator,
                detail={
                    "platform": platform,
                    "file": path.name,
                    "again": again,
                    "waybill_no": o.waybill_no or "",
                },
            )
    return ExportResult(platform, str(path), len(orders), again, [o.order_no for o in orders])


def not_confirmed_count(db: Database) -> dict[str, int]:
    """Orders per platform that passed weighing but are not yet confirmed to the platform."""
    with db.read() as s:
        rows = s.execute(
            select(Order.platform, func.count())
            .where(Order.status.in_((OrderStatus.WEIGHED.value, OrderStatus.HANDED_OVER.value)))
            .group_by(Order.platform)
        ).all()
    return {p: n for p, n in rows}
