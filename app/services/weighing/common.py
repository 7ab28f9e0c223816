"""What the weighing rooms share: the hold reasons of a weighing, the floor settings it reads
(stub bundle size, packing confirmation), loading a parcel's order with its goods and packing,
whether it may be weighed, the chain lock, and an operator's name."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import bindparam, select
from sqlalchemy.orm import Session
from sqlalchemy.sql import Executable

from app.db.chain import read_together, seal_now
from app.db.engine import Database
from app.db.models import Operator, Order, OrderStatus
from app.domain.weight import Expected
from app.services import floor_settings as fs
from app.services.orders import (
    Packing,
    goods_packing_of,
    order_goods_packing,
    order_id_of_waybill,
)

DEFAULT_BUNDLE_SIZE = fs.BUNDLE_SIZE.default
STEP = "weigh"

# hold reasons of a weighing (``weighings.reason``); "" when ok
REASON_LIGHT = "light"
REASON_HEAVY = "heavy"
REASON_NOT_VERIFIED = "not_verified"
REASON_INTERCEPTED = "intercepted"
REASON_HELD = "held"  # on hold (at the scale or elsewhere): a supervisor decides first
REASON_BATCH = "batch"
WEIGHT_REASONS = (REASON_LIGHT, REASON_HEAVY)


@dataclass
class _ParcelOrder:
    """What the scale reads and changes of a parcel's order (`_load`): its row's values,
    changed by the capture together with the row (`verdicts._set_order`)."""

    id: int
    order_no: str
    waybill_no: str | None
    status: str
    hold_reason: str
    carton_id: int | None
    updated_at: dt.datetime | None


@dataclass
class _Loaded:
    order: _ParcelOrder
    lines: list[tuple[str, str, int, int]] = field(default_factory=list)  # sku,name,grams,qty
    packing: Packing = field(default_factory=Packing)
    packing_required: bool = False  # the floor setting, read with the order

    @property
    def carton_code(self) -> str:
        return self.packing.carton_code

    @property
    def carton_grams(self) -> int:
        return self.packing.carton_grams

    @property
    def filler_grams(self) -> int:
        return self.packing.filler_grams


# --- helpers ---------------------------------------------------------------------------------


def bundle_size(s: Session) -> int:
    return fs.read(s, fs.BUNDLE_SIZE)


def packing_required(s: Session) -> bool:
    return fs.read(s, fs.PACKING_REQUIRED)


def weighable_statuses(s: Session) -> tuple[str, ...]:
    """Statuses a parcel may be weighed in; ``weighed`` is a re-weigh."""
    return _weighable(packing_required(s))


def _weighable(packing_required: bool) -> tuple[str, ...]:
    if packing_required:
        return (OrderStatus.PACKED.value, OrderStatus.WEIGHED.value)
    return (OrderStatus.VERIFIED.value, OrderStatus.PACKED.value, OrderStatus.WEIGHED.value)


# `_load` runs on every scan and capture: the order, what its expectation needs and the
# packing setting in one round trip (`read_together`), with what the caller reads besides
_O = Order.__table__
_ORDER_BY_WAYBILL = (
    select(
        _O.c.id,
        _O.c.order_no,
        _O.c.waybill_no,
        _O.c.status,
        _O.c.hold_reason,
        _O.c.carton_id,
        _O.c.updated_at,
    )
    .where(_O.c.waybill_no == bindparam("wb"))
    .order_by(_O.c.id.desc())
    .limit(1)
)
_ORDER_BY_WAYBILL_LOCKED = _ORDER_BY_WAYBILL.with_for_update()
#: the id of the order `_load` finds: the key of the reads that go with it
ORDER_OF_WAYBILL = order_id_of_waybill("wb")
_GOODS_PACKING = goods_packing_of(ORDER_OF_WAYBILL)


def _load(
    s: Session,
    waybill_no: str,
    *,
    lock: bool = False,
    also: tuple[tuple[Executable, dict[str, Any]], ...] = (),
    ids: tuple[str, ...] = (),
) -> tuple[_Loaded | None, list[Sequence[Any]], tuple[int, ...] | None]:
    """The parcel's order (its row locked with ``lock``) with its goods and packing, and the
    rows of the reads ``also`` and the ids ``ids`` (`read_together`), all in one round trip;
    the reads keyed by the order take its id as `ORDER_OF_WAYBILL` (parameter ``wb``)."""
    results, taken = read_together(
        s,
        (_ORDER_BY_WAYBILL_LOCKED if lock else _ORDER_BY_WAYBILL, {"wb": waybill_no}),
        (_GOODS_PACKING, {"wb": waybill_no}),
        fs.read_with(fs.PACKING_REQUIRED),
        *also,
        ids=ids,
    )
    orders, goods, setting, *rest = results
    if not orders:
        return None, rest, taken
    o = _ParcelOrder(*orders[0])
    if any(r.order_id != o.id for r in goods):  # not the order read first (never seen)
        goods = None
    lines, packing = order_goods_packing(s, o.id, goods)
    return _Loaded(o, lines, packing, fs.value_read(fs.PACKING_REQUIRED, setting)), rest, taken


def _expected(ld: _Loaded, division: int = 0) -> Expected:
    """The one computation of the expected weight (`app.services.orders.Packing`)."""
    return ld.packing.expected([(g, q) for _, _, g, q in ld.lines], division)


def _identity(ld: _Loaded) -> tuple:
    goods = sorted((sku, qty) for sku, _, _, qty in ld.lines)
    return (tuple(goods), ld.order.carton_id)


def _refusal(ld: _Loaded) -> str:
    """'' when the parcel may be weighed, else the hold reason."""
    st = ld.order.status
    if st == OrderStatus.CANCELLED:
        return REASON_INTERCEPTED
    if st == OrderStatus.HELD:
        return REASON_HELD
    if st not in _weighable(ld.packing_required):
        return REASON_NOT_VERIFIED
    return ""


def _lock_chain(s: Session) -> None:
    """Take the chain head now and hold it until the commit (`app.db.chain.seal_now`): for
    the rare action that shows its event's ``seq``/``hash`` before committing (an override,
    a bundle's register). A weighing does not: its head is taken at the commit."""
    seal_now(s)


def operator_name(db: Database, code: str) -> str:
    with db.read() as s:
        return s.scalar(select(Operator.name).where(Operator.code == code)) or code
