"""The documents' data (waybill, outbound slip, pick list) built from an order's waybill
info, the label format check, and sending one rendered document to a printer."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable

from app.domain import floortime, privacy
from app.services.errors import ServiceError
from app.services.waybills import WaybillInfo
from printing import (
    LABEL_FORMATS,
    Backend,
    GoodsLine,
    Party,
    PickLine,
    PickListData,
    RoutingTable,
    SlipData,
    SlipLine,
    WaybillData,
)

#: Words in a seller remark that make it a gift note (赠送插垫, 送小礼品, 礼品卡).
GIFT_MARKS = ("赠", "送", "礼")

SLIP_SIZE = "100x150"


def gift_note(info: WaybillInfo) -> str:
    remark = info.seller_remark.strip()
    return remark if remark and any(m in remark for m in GIFT_MARKS) else ""


def invoice_title(info: WaybillInfo) -> str:
    """``开发票：个人`` → ``个人``; a buyer's ``需要发票`` → ``发票``."""
    for text in (info.seller_remark, info.buyer_message):
        if "发票" in text:
            for sep in ("：", ":"):
                if sep in text:
                    return text.split(sep, 1)[1].strip() or "发票"
            return "发票"
    return ""


def waybill_data(
    info: WaybillInfo,
    routing: RoutingTable,
    *,
    printed_at: dt.datetime,
    reprint_mark: str = "",
    waybill_no: str | None = None,
    tz: dt.tzinfo | None = None,
) -> WaybillData:
    """What one waybill prints; its time on the clock of ``tz`` (default: the floor zone).

    The stub shows the receiver masked (王*雨, 139****1234) always; the label's receiver area
    prints the phone masked too when the floor setting says so (``label_masks_phone``)."""
    route = routing.lookup(info.carrier_code, info.province, info.city) if routing else None
    phone = info.receiver_phone
    return WaybillData(
        waybill_no=waybill_no if waybill_no is not None else info.waybill_no,
        carrier_code=info.carrier_code,
        carrier_name=info.carrier_name,
        order_no=info.order_no,
        receiver=Party(
            info.receiver_name,
            privacy.mask_phone(phone) if info.label_masks_phone else phone,
            info.address,
            info.province,
            info.city,
            info.district,
        ),
        sender=Party(info.sender_name or info.shop, info.sender_phone, info.sender_address),
        goods=tuple(GoodsLine(g.sku, g.qty, g.name) for g in info.goods),
        expected_grams=info.expected_grams,
        sort_code=route.sort_code if route else "",
        destination=route.destination if route else "",
        hub=route.hub if route else "",
        remark=info.buyer_message.strip(),
        gift_note=gift_note(info),
        printed_at=printed_at,
        reprint_mark=reprint_mark,
        tz=tz or floortime.floor_zone(),
        stub_name=privacy.mask_name(info.receiver_name),
        stub_phone=privacy.mask_phone(phone),
    )


def slip_data(
    info: WaybillInfo,
    *,
    batch: str,
    seq: int,
    size: int,
    printed_at: dt.datetime,
    tz: dt.tzinfo | None = None,
) -> SlipData:
    return SlipData(
        order_no=info.order_no,
        lines=tuple(
            SlipLine(g.sku, g.name, g.qty, g.bin_location, g.barcode, "赠品" in g.name)
            for g in info.goods
        ),
        shop=info.shop,
        platform=info.platform,
        receiver_name=info.receiver_name,
        receiver_phone=privacy.mask_phone(info.receiver_phone),
        receiver_city=f"{info.province}{info.city}",
        paid_at=info.paid_at,
        carrier_name=info.carrier_name,
        waybill_no=info.waybill_no,
        gift_note=gift_note(info),
        invoice_title=invoice_title(info),
        remark=info.buyer_message,
        seller_memo=info.seller_remark,
        batch_no=batch,
        seq=seq,
        batch_size=size,
        printed_at=printed_at,
        tz=tz or floortime.floor_zone(),
    )


def pick_list_data(
    infos: Iterable[WaybillInfo],
    *,
    batch: str,
    operator: str,
    printed_at: dt.datetime,
    tz: dt.tzinfo | None = None,
) -> PickListData:
    infos = list(infos)
    carriers = {i.carrier_name for i in infos}
    return PickListData(
        batch_no=batch,
        lines=tuple(
            PickLine(g.sku, g.name, g.qty, g.bin_location, g.barcode, i.order_no)
            for i in infos
            for g in i.goods
        ),
        created_at=printed_at,
        printed_at=printed_at,
        operator=operator,
        carrier_name=carriers.pop() if len(carriers) == 1 else "",
        tz=tz or floortime.floor_zone(),
    )


def check_format(fmt: str) -> str:
    f = (fmt or "").lower().replace("×", "x").replace(" ", "")
    if f not in LABEL_FORMATS:
        raise ServiceError("bad_format", format=fmt, formats=", ".join(LABEL_FORMATS))
    return f


def _printer_name(backend: Backend) -> str:
    for attr in ("printer", "target", "host", "path"):
        v = getattr(backend, attr, None)
        if v:
            return f"{backend.name}:{v}"[:128]
    return str(getattr(backend, "name", type(backend).__name__))[:128]


def _send(
    backend: Backend, render: Callable[[], bytes], *, title: str, media: str
) -> tuple[bool, str, str | None]:
    try:
        data = render()
    except Exception as exc:  # a document that cannot be drawn is a failed job, not a crash
        return False, f"cannot build the document: {exc}", None
    try:
        res = backend.send(data, title=title, media=media)
    except Exception as exc:  # backends report trouble in the result; be safe anyway
        return False, str(exc) or type(exc).__name__, None
    return res.ok, res.message, res.job_id
