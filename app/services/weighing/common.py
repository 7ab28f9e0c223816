"""What the weighing rooms share: the hold reasons of a weighing, the floor settings it reads
(stub bundle size, packing confirmation), loading a parcel's order with its goods and packing,
whether it may be weighed, the chain lock, and an operator's name."""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import bindparam, select
from sqlalchemy.orm import Session

from app.db.chain import seal_now
from app.db.engine import Database
from app.db.models import Operator, Order, OrderStatus
from app.domain.weight import Expected
from app.services import floor_settings as fs
from app.services.orders import Packing, order_goods_packing

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
class _Loaded:
    order: Order
    lines: list[tuple[str, str, int, int]] = field(default_factory=list)  # sku,name,grams,qty
    packing: Packing = field(default_factory=Packing)

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
    if packing_required(s):
        return (OrderStatus.PACKED.value, OrderStatus.WEIGHED.value)
    return (OrderStatus.VERIFIED.value, OrderStatus.PACKED.value, OrderStatus.WEIGHED.value)


# `_load` runs on every capture: the order is an ORM object (the capture changes it), what
# the expectation needs is read with statements built once (a capture commits in a few ms).
_ORDER_BY_WAYBILL = (
    select(Order).where(Order.waybill_no == bindparam("wb")).order_by(Order.id.desc()).limit(1)
)
_ORDER_BY_WAYBILL_LOCKED = _ORDER_BY_WAYBILL.with_for_update(of=Order)


def _load(s: Session, waybill_no: str, *, lock: bool = False) -> _Loaded | None:
    q = _ORDER_BY_WAYBILL_LOCKED if lock else _ORDER_BY_WAYBILL
    o = s.scalars(q, {"wb": waybill_no}).first()
    if o is None:
        return None
    lines, packing = order_goods_packing(s, o.id)  # after the lock: what it is now
    return _Loaded(o, lines, packing)


def _expected(ld: _Loaded, division: int = 0) -> Expected:
    """The one computation of the expected weight (`app.services.orders.Packing`)."""
    return ld.packing.expected([(g, q) for _, _, g, q in ld.lines], division)


def _identity(ld: _Loaded) -> tuple:
    goods = sorted((sku, qty) for sku, _, _, qty in ld.lines)
    return (tuple(goods), ld.order.carton_id)


def _refusal(s: Session, ld: _Loaded) -> str:
    """'' when the parcel may be weighed, else the hold reason."""
    st = ld.order.status
    if st == OrderStatus.CANCELLED:
        return REASON_INTERCEPTED
    if st == OrderStatus.HELD:
        return REASON_HELD
    if st not in weighable_statuses(s):
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
