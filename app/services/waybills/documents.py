"""What a document needs: an order's waybill info (sender, receiver as the label shows it,
goods, expected grams)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from app.db.engine import Database
from app.db.models import Order, OrderLine, Product
from app.domain.weight import unit_weight
from app.services.orders import packing_of
from app.services.privacy import label_masks_phone


@dataclass(frozen=True)
class GoodsItem:
    sku: str
    name: str
    qty: int
    barcode: str
    bin_location: str
    unit_grams: int


@dataclass(frozen=True)
class WaybillInfo:
    """Everything the waybill, its stub and the slip show, as plain data."""

    order_id: int
    order_no: str
    platform: str
    waybill_no: str
    carrier_code: str
    carrier_name: str
    receiver_name: str
    receiver_phone: str
    province: str
    city: str
    district: str
    address: str
    sender_name: str
    sender_phone: str
    sender_address: str
    shop: str
    goods: tuple[GoodsItem, ...]
    expected_grams: int
    buyer_message: str
    seller_remark: str
    paid_at: dt.datetime | None
    status: str
    #: the floor setting (``label_privacy.mask_phone``): our label prints the phone masked
    label_masks_phone: bool = False


def waybill_infos(db: Database, order_ids: list[int]) -> list[WaybillInfo]:
    """Plain data for the documents of these orders, in the order given."""
    with db.read() as s:
        orders = {
            o.id: o
            for o in s.scalars(
                select(Order)
                .where(Order.id.in_(order_ids))
                .options(
                    selectinload(Order.lines)
                    .selectinload(OrderLine.product)
                    .selectinload(Product.barcodes),
                    selectinload(Order.shop),
                    selectinload(Order.carrier),
                    selectinload(Order.carton),
                )
            )
        }
        out = []
        masks_phone = label_masks_phone(s)
        for oid in order_ids:
            o = orders.get(oid)
            if o is None:
                continue
            goods = []
            pairs = []
            for li in o.lines:
                p = li.product
                grams = unit_weight(p.unit_grams, p.adopted_grams) if p else 0
                pairs.append((grams, li.qty))
                goods.append(
                    GoodsItem(
                        sku=li.sku,
                        name=p.name if p else li.title,
                        qty=li.qty,
                        barcode=p.barcodes[0].code if p and p.barcodes else "",
                        bin_location=p.bin_location if p else "",
                        unit_grams=grams,
                    )
                )
            shop = o.shop
            exp = packing_of(o.carton, shop).expected(pairs)
            out.append(
                WaybillInfo(
                    order_id=o.id,
                    order_no=o.order_no,
                    platform=o.platform,
                    waybill_no=o.waybill_no or "",
                    carrier_code=o.carrier.code if o.carrier else "",
                    carrier_name=o.carrier.name if o.carrier else "",
                    receiver_name=o.receiver_name,
                    receiver_phone=o.receiver_phone,
                    province=o.province,
                    city=o.city,
                    district=o.district,
                    address=o.address,
                    sender_name=shop.sender_name if shop else "",
                    sender_phone=shop.sender_phone if shop else "",
                    sender_address=shop.sender_address if shop else "",
                    shop=shop.name if shop else "",
                    goods=tuple(goods),
                    expected_grams=exp.grams,
                    buyer_message=o.buyer_message,
                    seller_remark=o.seller_remark,
                    paid_at=o.paid_at,
                    status=o.status,
                    label_masks_phone=masks_phone,
                )
            )
        return out
